// The OpenAPI document served at /api/openapi.json describes exactly the routes the app has, every
// $ref resolves, every documented query parameter is one the route accepts, and its enums and bounds
// are the constants the code checks with. It is merged from the route modules' pieces.
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { DIRECTIONS, ERROR_CODES, KNOWN_LINK_TYPES, PROBLEM_KINDS, QUERY_LIMITS } from "../../graph/index.ts";
import { createRouteContext, listRoutes } from "../../server/app.ts";
import { buildOpenApiDocument } from "../../server/openapi.ts";
import { ROUTES } from "../../server/routes/index.ts";
import { expectErrorShape, makeApp } from "./helpers.ts";

const { app, store } = makeApp();

type Parameter = { name: string; in: string; required?: boolean; schema?: { minimum?: number; maximum?: number; enum?: string[] } };
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Parameter[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

async function fetchDoc(): Promise<Doc> {
  const res = await request(app).get("/api/openapi.json").expect(200).expect("Content-Type", /json/);
  return JSON.parse(res.text) as Doc;
}

const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, "{$1}");

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document", async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.schemas)).toContain("Error");
  });

  it("lists every route the app answers, and no route it does not", async () => {
    const doc = await fetchDoc();
    const fromApp = app.atlas
      .routes()
      .map((r) => `${r.method} ${toOpenApiPath(r.path)}`)
      .sort();
    const fromDoc = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(fromApp.length).toBeGreaterThanOrEqual(10);
    expect(fromDoc).toEqual(fromApp);
  });

  it("resolves every $ref", async () => {
    const doc = await fetchDoc();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
  });

  it("documents a 400 error body on every endpoint with parameters", async () => {
    const doc = await fetchDoc();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (op.parameters?.length) expect(op.responses, `${method} ${path}`).toHaveProperty("400");
      }
    }
  });

  it("documents only query parameters the routes accept", async () => {
    const doc = await fetchDoc();
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      if (!op) continue;
      const url = path.replace("{slug}", "coaching");
      for (const parameter of op.parameters ?? []) {
        if (parameter.in !== "query") continue;
        const res = await request(app).get(`${url}?${parameter.name}=1`);
        if (res.status === 400) {
          const error = expectErrorShape(res.body);
          expect(String(error.details.allowed), `${path} ${parameter.name}`).not.toMatch(/no such parameter/);
        }
      }
    }
  });

  it("is the route modules' pieces merged, each path described by exactly one module", async () => {
    const doc = await fetchDoc();
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(ROUTES))));
    const described = ROUTES.flatMap((route) => Object.keys(route.openapi.paths));
    expect(new Set(described).size).toBe(described.length);
    expect(Object.keys(doc.paths)).toEqual(described);
  });

  it("has each route module describe exactly the routes it registers", () => {
    const context = createRouteContext({ store });
    for (const route of ROUTES) {
      const router = express.Router();
      route.register(router, context);
      const registered = listRoutes(router).map((r) => `${r.method} ${toOpenApiPath(r.path)}`).sort();
      const described = Object.entries(route.openapi.paths)
        .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
        .sort();
      expect(registered.length, Object.keys(route.openapi.paths).join(", ")).toBeGreaterThan(0);
      expect(described).toEqual(registered);
    }
  });

  it("refuses two route modules describing the same path or defining the same schema", () => {
    const piece = { paths: { "/api/x": { get: { summary: "x" } } } };
    expect(() => buildOpenApiDocument([{ openapi: piece }, { openapi: piece }])).toThrow(/two routes describe \/api\/x/);
    const schema = { paths: {}, schemas: { Error: { type: "object" } } };
    expect(() => buildOpenApiDocument([{ openapi: schema }])).toThrow(/two routes define the schema Error/);
  });

  it("gives the integer parameters the bounds of QUERY_LIMITS, the limits the stores check", async () => {
    const doc = await fetchDoc();
    const bounds = (path: string, name: string) => doc.paths[path]!.get!.parameters!.find((p) => p.name === name)!.schema!;
    const expected: [string, string, { min: number; max: number }][] = [
      ["/api/search", "limit", QUERY_LIMITS.searchLimit],
      ["/api/neighborhood/{slug}", "depth", QUERY_LIMITS.neighborhoodDepth],
      ["/api/neighborhood/{slug}", "limit", QUERY_LIMITS.neighborhoodLimit],
      ["/api/neighborhood/{slug}", "offset", QUERY_LIMITS.neighborhoodOffset],
      ["/api/lineage/{slug}", "depth", QUERY_LIMITS.lineageDepth],
      ["/api/paths", "k", QUERY_LIMITS.pathsK],
      ["/api/paths", "maxLength", QUERY_LIMITS.pathsMaxLength],
      ["/api/paths", "maxDegree", QUERY_LIMITS.pathsMaxDegree],
    ];
    for (const [path, name, limit] of expected) {
      expect(bounds(path, name), `${path} ${name}`).toMatchObject({ minimum: limit.min, maximum: limit.max });
    }
  });

  it("takes its enums and the link vocabulary from core's lists", async () => {
    const doc = await fetchDoc();
    const schemas = doc.components.schemas;
    const errorCode = (schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } }).properties.error.properties.code;
    expect(errorCode.enum).toEqual([...ERROR_CODES]);
    const problemKind = (schemas.Problem as { properties: { kind: { enum: string[] } } }).properties.kind;
    expect(problemKind.enum).toEqual([...PROBLEM_KINDS]);
    const direction = doc.paths["/api/neighborhood/{slug}"]!.get!.parameters!.find((p) => p.name === "direction")!.schema!;
    expect(direction.enum).toEqual([...DIRECTIONS]);
    const linkType = schemas.LinkType as { description: string };
    expect(linkType.description).toContain(`One of ${KNOWN_LINK_TYPES.join(", ")},`);
  });
});
