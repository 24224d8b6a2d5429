// The overview's columns in two parts (core/overview-wire.ts): read back, both parts give exactly the
// store's overview; the first part holds the most linked patterns within its bounds, with the domain
// regions; and GET /api/overview serves each part with its own ETag and refuses an unknown part.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeOverview, type OverviewWire } from "../../core/overview-wire.ts";
import { createMemoryStore, type OverviewGraph } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { overviewParts } from "../../server/overview-json.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { expectErrorShape, makeApp, SMALL_LIBRARY } from "./helpers.ts";
import { linkKey, type LinkView } from "../../core/answers.ts";

const BOUNDS = { patterns: 300, links: 900 };
let overview: OverviewGraph;
let first: OverviewWire;
let rest: OverviewWire;

beforeAll(async () => {
  overview = await createMemoryStore(await loadLibrary(realLibrary("2026-01-29"))).overview();
  const parts = overviewParts(overview, { firstPart: BOUNDS });
  first = JSON.parse(parts.first) as OverviewWire;
  rest = JSON.parse(parts.rest) as OverviewWire;
}, 60_000);

describe("the overview's two parts", () => {
  it("read back together into exactly the store's patterns and links", () => {
    const decoded = decodeOverview(first, rest);
    const strip = ({ x: _x, y: _y, ...node }: (typeof decoded.nodes)[number]) => node;
    const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : 1);
    const byKey = (a: LinkView, b: LinkView) => (linkKey(a) < linkKey(b) ? -1 : 1);
    expect(decoded.nodes.map(strip).sort(bySlug)).toEqual([...overview.nodes].sort(bySlug));
    expect([...decoded.links].sort(byKey)).toEqual([...overview.links].sort(byKey));
    expect(decoded.total).toEqual({ patterns: overview.nodes.length, links: overview.links.length, unlinked: first.total.unlinked });
    for (const node of decoded.nodes) expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
  });

  it("put the most linked patterns first, within the first part's bounds", () => {
    expect(first.nodes.slug.length).toBeGreaterThan(0);
    expect(first.nodes.slug.length).toBeLessThanOrEqual(BOUNDS.patterns);
    expect(first.links.later.length).toBeLessThanOrEqual(BOUNDS.links);
    expect(rest.offset).toBe(first.nodes.slug.length);
    expect(Math.min(...first.nodes.degree)).toBeGreaterThanOrEqual(Math.max(...rest.nodes.degree));
    // The first part alone reads back with all its links: none of them needs a pattern of the rest.
    expect(decodeOverview(first).links).toHaveLength(first.links.later.length);
  });

  it("count the patterns without a link to another", () => {
    const linked = new Set(overview.links.filter((l) => l.source !== l.target).flatMap((l) => [l.source, l.target]));
    expect(first.total.unlinked).toBe(overview.nodes.length - linked.size);
    expect(first.total.unlinked).toBeGreaterThan(0);
  });

  it("give each domain a region holding its linked patterns, in the first part only", () => {
    const linked = new Set(overview.links.filter((l) => l.source !== l.target).flatMap((l) => [l.source, l.target]));
    const counts = new Map<string, number>();
    for (const node of overview.nodes) if (node.domain && linked.has(node.slug)) counts.set(node.domain, (counts.get(node.domain) ?? 0) + 1);
    expect(new Map(first.regions.map((r) => [r.domain, r.patterns]))).toEqual(counts);
    expect(first.regions.map((r) => r.patterns)).toEqual([...first.regions.map((r) => r.patterns)].sort((a, b) => b - a));
    expect(rest.regions).toEqual([]);
  });

  it("write a link's earlier end beside the previous link's when both share their later end", () => {
    for (const part of [first, rest]) {
      const { later, earlier } = part.links;
      let end = 0;
      let start = 0;
      let sharing = 0;
      for (let i = 0; i < later.length; i++) {
        end += later[i]!;
        const shares = i > 0 && later[i] === 0;
        if (shares) sharing++;
        // Links sharing a later end come in ascending order of their earlier end: never a negative difference.
        expect(earlier[i]).toBeGreaterThanOrEqual(0);
        start = shares ? start + earlier[i]! : earlier[i]!;
        expect(start).toBeLessThanOrEqual(end);
      }
      if (part === first) expect(sharing).toBeGreaterThan(0);
    }
    // What the differences save: written as indexes, the same ends take more bytes.
    const indexes: number[] = [];
    let start = 0;
    first.links.later.forEach((d, i) => {
      start = i > 0 && d === 0 ? start + first.links.earlier[i]! : first.links.earlier[i]!;
      indexes.push(start);
    });
    expect(JSON.stringify(first.links.earlier).length).toBeLessThan(JSON.stringify(indexes).length);
  });

  it("are far smaller than one object per pattern and per link", () => {
    expect(JSON.stringify(first).length + JSON.stringify(rest).length).toBeLessThan(JSON.stringify(overview).length / 3);
  });
});

describe("GET /api/overview?part=", () => {
  it("answers each part with an ETag of its own, and a 304 for the part the client has", async () => {
    const { app } = makeApp(SMALL_LIBRARY);
    const a = await request(app).get("/api/overview").expect(200);
    const b = await request(app).get("/api/overview?part=rest").expect(200);
    expect(a.body.part).toBe("first");
    expect(b.body.part).toBe("rest");
    // The small library fits the first part: the rest is empty and starts where the first ends.
    expect(b.body.nodes.slug).toEqual([]);
    expect(b.body.offset).toBe(a.body.nodes.slug.length);
    expect(a.headers["etag"]).not.toBe(b.headers["etag"]);
    await request(app).get("/api/overview?part=rest").set("If-None-Match", b.headers["etag"]!).expect(304);
    await request(app).get("/api/overview?part=first").set("If-None-Match", b.headers["etag"]!).expect(200);
  });

  it("refuses a part it does not have with a 400 naming the parameter", async () => {
    const { app } = makeApp(SMALL_LIBRARY);
    const res = await request(app).get("/api/overview?part=all").expect(400);
    expect(expectErrorShape(res.body).details.parameter).toBe("part");
  });
});
