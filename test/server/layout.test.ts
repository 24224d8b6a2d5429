// The overview layout is deterministic, places every pattern at finite coordinates, keeps linked
// patterns closer than unlinked ones, and is computed once per library by the server's cache.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { asSlug, createMemoryStore, type OverviewGraph } from "../../graph/index.ts";
import { computeOverviewLayout } from "../../graph/layout.ts";
import { decodeOverview } from "../../core/overview-wire.ts";
import { makeApp, SMALL_LIBRARY } from "./helpers.ts";

function ringOfCliques(cliques: number, size: number): OverviewGraph {
  const nodes: OverviewGraph["nodes"] = [];
  const links: OverviewGraph["links"] = [];
  for (let c = 0; c < cliques; c++) {
    for (let i = 0; i < size; i++) nodes.push({ slug: asSlug(`c${c}-n${i}`), title: `C${c} N${i}`, domain: `d${c % 3}`, degree: 0 });
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++) {
        const source = asSlug(`c${c}-n${i}`);
        const target = asSlug(`c${c}-n${j}`);
        links.push({ source, target, type: "related", directed: false });
      }
    }
    const source = asSlug(`c${c}-n0`);
    const target = asSlug(`c${(c + 1) % cliques}-n0`);
    links.push({ source, target, type: "enables", directed: true });
  }
  nodes.push({ slug: asSlug("isolated"), title: "Isolated", degree: 0 });
  return { nodes, links };
}

describe("computeOverviewLayout", () => {
  const graph = ringOfCliques(6, 8);

  it("gives the same positions every time", () => {
    const a = computeOverviewLayout(graph);
    const b = computeOverviewLayout(graph);
    expect([...a.positions]).toEqual([...b.positions]);
  });

  it("places every node, isolated ones included, at finite coordinates", () => {
    const { positions } = computeOverviewLayout(graph);
    expect(positions.size).toBe(graph.nodes.length);
    for (const p of positions.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it("keeps the members of a clique closer to each other than to other cliques", () => {
    const { positions } = computeOverviewLayout(graph);
    const distance = (a: string, b: string) => {
      const p = positions.get(a)!;
      const q = positions.get(b)!;
      return Math.hypot(p.x - q.x, p.y - q.y);
    };
    expect(distance("c0-n1", "c0-n2")).toBeLessThan(distance("c0-n1", "c3-n1"));
  });

  it("handles an empty library", () => {
    expect(computeOverviewLayout({ nodes: [], links: [] }).positions.size).toBe(0);
  });
});

describe("the server's overview cache", () => {
  it("lays the library out once, however many requests ask, and again after a reload", async () => {
    const store = createMemoryStore(SMALL_LIBRARY);
    const { app, logger } = makeApp(undefined, { store });
    const layouts = () => logger.lines.filter((l) => l.message.startsWith("Overview layout")).length;
    const [a, b] = await Promise.all([request(app).get("/api/overview"), request(app).get("/api/overview")]);
    await request(app).get("/api/overview").expect(200);
    expect(layouts()).toBe(1);
    expect(a.text).toBe(b.text);

    await store.load({ ...SMALL_LIBRARY, patterns: SMALL_LIBRARY.patterns.filter((p) => p.slug !== "lonely-orphan") });
    const after = await request(app).get("/api/overview").expect(200);
    expect(layouts()).toBe(2);
    expect(decodeOverview(after.body).nodes).toHaveLength(6);
    expect(after.headers["etag"]).not.toBe(a.headers["etag"]);
  });
});

describe("GET /api/overview encoding", () => {
  it("sends the overview gzipped to a client that accepts it, and plain otherwise", async () => {
    const { app } = makeApp();
    const gz = await request(app).get("/api/overview").set("Accept-Encoding", "gzip").expect(200);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(decodeOverview(gz.body).nodes).toHaveLength(7);
    const plain = await request(app).get("/api/overview").set("Accept-Encoding", "identity").expect(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toEqual(gz.body);
  });
});
