// The API on the project's example library (examples/library), checked against the numbers and facts
// in test/fixtures/example-library.expected.json: what `npm start` serves by default.
import { readFileSync } from "node:fs";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLibrary } from "../../ingest/index.ts";
import type { AtlasApp } from "../../server/app.ts";
import { EXAMPLE_EXPECTED, EXAMPLE_LIBRARY, expectErrorShape, makeApp } from "./helpers.ts";
import { decodeOverview } from "../../core/overview-wire.ts";

interface Expected {
  files: number;
  patterns: number;
  problemFiles: number;
  links: number;
  linksByType: Record<string, number>;
  dangling: number;
  danglingByType: Record<string, number>;
  isolated: number;
  generations: Record<string, number>;
  domains: Record<string, number>;
  problemsByKind: Record<string, number>;
  problems: number;
  facts: {
    brokenYaml: { file: string; kind: string; line: number };
    orphan: string;
    danglingRefs: { source: string; type: string; target: string }[];
    unknownLinkType: { source: string; type: string; target: string };
    twoParents: { child: string; parents: string[] };
    lineageChains: string[][];
    aliasExample: { slug: string; alias: string };
    weightedLink: { source: string; type: string; target: string; weight: number };
  };
}

const expected = JSON.parse(readFileSync(EXAMPLE_EXPECTED, "utf8")) as Expected;
let app: AtlasApp;

beforeAll(async () => {
  app = makeApp(await loadLibrary(EXAMPLE_LIBRARY)).app;
});

const slugsOf = (nodes: { slug: string }[]) => nodes.map((n) => n.slug).sort();

describe("the example library over HTTP", () => {
  it("answers /api/stats with the library's known numbers", async () => {
    const { body } = await request(app).get("/api/stats").expect(200);
    for (const key of ["files", "patterns", "problemFiles", "links", "dangling", "isolated", "problems"] as const) {
      expect(body[key], key).toBe(expected[key]);
    }
    for (const key of ["linksByType", "danglingByType", "generations", "domains", "problemsByKind"] as const) {
      expect(body[key], key).toEqual(expected[key]);
    }
  });

  it("finds a pattern by its alias", async () => {
    const { alias, slug } = expected.facts.aliasExample;
    const { body } = await request(app).get(`/api/search?q=${alias}`).expect(200);
    expect(body.hits[0]).toMatchObject({ slug, matched: "alias" });
  });

  it("shows a weighted link on the pattern that declared it", async () => {
    const { source, type, target, weight } = expected.facts.weightedLink;
    const { body } = await request(app).get(`/api/patterns/${source}`).expect(200);
    expect(body.outgoing[type]).toContainEqual(expect.objectContaining({ slug: target, weight }));
  });

  it("lists dangling references as such on the declaring pattern", async () => {
    for (const ref of expected.facts.danglingRefs) {
      const { body } = await request(app).get(`/api/patterns/${ref.source}`).expect(200);
      expect(body.dangling).toContainEqual(expect.objectContaining({ type: ref.type, target: ref.target }));
    }
  });

  it("answers the orphan with degree 0 and a neighbourhood of itself", async () => {
    expect((await request(app).get(`/api/patterns/${expected.facts.orphan}`).expect(200)).body.degree).toBe(0);
    const { body } = await request(app).get(`/api/neighborhood/${expected.facts.orphan}?depth=4`).expect(200);
    expect(slugsOf(body.nodes)).toEqual([expected.facts.orphan]);
  });

  it("draws both parents of a pattern with two in its lineage", async () => {
    const { child, parents } = expected.facts.twoParents;
    const { body } = await request(app).get(`/api/lineage/${child}?depth=1`).expect(200);
    const parentSlugs = body.nodes.filter((n: { level: number }) => n.level === -1).map((n: { slug: string }) => n.slug).sort();
    expect(parentSlugs).toEqual([...parents].sort());
  });

  it("traces a lineage chain several levels up", async () => {
    const chain = expected.facts.lineageChains[0]!;
    const leaf = chain.at(-1)!;
    const { body } = await request(app).get(`/api/lineage/${leaf}?depth=${chain.length}`).expect(200);
    const level = Object.fromEntries(body.nodes.map((n: { slug: string; level: number }) => [n.slug, n.level]));
    chain.forEach((slug, i) => expect(level[slug], slug).toBe(i - (chain.length - 1)));
  });

  it("finds the lineage chain as the path between its ends over lineage links", async () => {
    const chain = expected.facts.lineageChains[0]!;
    const { body } = await request(app)
      .get(`/api/paths?from=${chain[0]}&to=${chain.at(-1)}&types=generalizes_from,specializes_to&k=3`)
      .expect(200);
    expect(body.paths[0].nodes).toEqual(chain);
    expect(body.paths[0].length).toBe(chain.length - 1);
    for (const path of body.paths) expect(path.links.every((l: { type: string }) => l.type.endsWith("_from") || l.type.endsWith("_to"))).toBe(true);
  });

  it("follows a link type only this library declares", async () => {
    const { source, type, target } = expected.facts.unknownLinkType;
    const { body } = await request(app).get(`/api/neighborhood/${source}?types=${type}`).expect(200);
    expect(slugsOf(body.nodes)).toEqual([source, target].sort());
  });

  it("reports the broken YAML file in /api/problems", async () => {
    const { file, kind, line } = expected.facts.brokenYaml;
    const { body } = await request(app).get(`/api/problems?kind=${kind}`).expect(200);
    expect(body.total).toBe(expected.problemsByKind[kind]);
    expect(body.problems[0]).toMatchObject({ file, kind, line, fatal: true });
  });

  it("suggests the slug a typo meant", async () => {
    const res = await request(app).get("/api/patterns/microservice").expect(404);
    expect(expectErrorShape(res.body).details.suggestions).toContain("microservices");
  });

  it("answers the overview with every pattern placed and every link", async () => {
    const body = decodeOverview((await request(app).get("/api/overview").expect(200)).body);
    expect(body.nodes).toHaveLength(expected.patterns);
    expect(body.links).toHaveLength(expected.links);
    const positions = new Set(body.nodes.map((n: { x: number; y: number }) => `${n.x},${n.y}`));
    expect(positions.size).toBe(expected.patterns);
  });

  it("mounts the gaps analysis", async () => {
    const { body } = await request(app).get("/api/gaps?limit=5").expect(200);
    expect(body.total).toBeGreaterThan(0);
    expect(body.findings.length).toBeLessThanOrEqual(5);
  });
});
