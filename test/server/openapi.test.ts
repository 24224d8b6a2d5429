// The OpenAPI document served at /api/openapi.json describes exactly the routes the app has, every
// $ref resolves, and every documented query parameter is one the route accepts.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { expectErrorShape, makeApp } from "./helpers.ts";

const { app } = makeApp();

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
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
});
