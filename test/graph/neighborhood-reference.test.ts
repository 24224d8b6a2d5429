// findNeighborhood against a plain reference written from its documented rules (breadth-first over
// the library's links, rank every reached node by (distance, slug), keep the first `limit`, the
// induced links): on the real library, whose hubs make the search switch to its bottom-up layers,
// and on the example library, for every direction, several type filters, depths and limits.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, danglingSlug, linkId, type Library, type NeighborhoodOptions } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SNAPSHOT = realLibrary("2026-02-20");
const EXAMPLE = path.join(REPO, "examples/library");

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Answer {
  nodes: string[];
  links: string[];
  distance: Record<string, number>;
  truncated: boolean;
}

/** The rules of findNeighborhood's doc comment, written as directly as possible. */
function reference(library: Library, center: string, options: NeighborhoodOptions): Answer {
  const passes = (type: string) => options.types === undefined || options.types.includes(type);
  const out = options.direction !== "in";
  const inward = options.direction !== "out";
  const distance = new Map<string, number>([[center, 0]]);
  let frontier = [center];
  for (let d = 1; d <= options.depth; d++) {
    const inFrontier = new Set(frontier);
    const next: string[] = [];
    const reach = (slug: string) => {
      if (distance.has(slug)) return;
      distance.set(slug, d);
      next.push(slug);
    };
    for (const link of library.links) {
      if (!passes(link.type)) continue;
      if (out && inFrontier.has(link.source)) reach(link.target);
      if (inward && inFrontier.has(link.target)) reach(link.source);
    }
    if (out) for (const ref of library.dangling) if (passes(ref.type) && inFrontier.has(ref.source)) reach(danglingSlug(ref.target));
    frontier = next.filter((s) => !s.startsWith("dangling:"));
  }
  const ranked = [...distance].sort((a, b) => a[1] - b[1] || byCodeUnits(a[0], b[0]));
  const kept = new Set(ranked.slice(0, options.limit).map(([slug]) => slug));
  const links = new Set<string>();
  for (const link of library.links) if (passes(link.type) && kept.has(link.source) && kept.has(link.target)) links.add(linkId(link.source, link.type, link.target));
  for (const ref of library.dangling) {
    if (passes(ref.type) && kept.has(ref.source) && kept.has(danglingSlug(ref.target))) links.add(linkId(ref.source, ref.type, danglingSlug(ref.target)));
  }
  return {
    nodes: [...kept].sort(byCodeUnits),
    links: [...links].sort(byCodeUnits),
    distance: Object.fromEntries([...kept].map((slug) => [slug, distance.get(slug)!])),
    truncated: ranked.length > options.limit,
  };
}

async function compare(library: Library, centers: readonly string[], options: readonly NeighborhoodOptions[]): Promise<number> {
  const store = createMemoryStore(library);
  let compared = 0;
  for (const option of options) {
    for (const center of centers) {
      const answer = await store.neighborhood(center, option);
      const got: Answer = {
        nodes: answer.nodes.map((n) => n.slug),
        links: answer.links.map((l) => l.id),
        distance: answer.distance,
        truncated: answer.truncated,
      };
      expect(got, `${center} ${JSON.stringify(option)}`).toEqual(reference(library, center, option));
      compared += 1;
    }
  }
  return compared;
}

describe("findNeighborhood against the reference", () => {
  let real: Library;
  beforeAll(async () => {
    real = await loadLibrary(SNAPSHOT);
  });

  it("agrees on the real library, from hubs, their neighbours and quiet corners", async () => {
    const degree = new Map<string, number>();
    for (const l of real.links) for (const s of [l.source, l.target]) degree.set(s, (degree.get(s) ?? 0) + 1);
    const byDegree = [...degree].sort((a, b) => b[1] - a[1]).map(([slug]) => slug);
    const centers = [...byDegree.slice(0, 4), ...real.patterns.filter((_, i) => i % 151 === 0).map((p) => p.slug), byDegree.at(-1)!];
    const options: NeighborhoodOptions[] = [
      { depth: 2, direction: "both", limit: 200 },
      { depth: 2, direction: "out", limit: 200 },
      { depth: 2, direction: "in", limit: 100 },
      { depth: 3, direction: "both", limit: 1000 },
      { depth: 2, direction: "both", limit: 5000 },
      { depth: 2, direction: "both", limit: 300, types: ["enables", "requires", "generalizes_from", "specializes_to"] },
      { depth: 4, direction: "out", limit: 50, types: ["complementary"] },
    ];
    expect(await compare(real, centers, options)).toBe(centers.length * options.length);
  }, 180_000);

  it("agrees on the example library for every pattern, direction, and limits that cut each layer", async () => {
    const example = await loadLibrary(EXAMPLE);
    const options: NeighborhoodOptions[] = [];
    for (const direction of ["out", "in", "both"] as const) {
      for (const limit of [1, 3, 8, 200]) {
        options.push({ depth: 1, direction, limit }, { depth: 3, direction, limit }, { depth: 2, direction, limit, types: ["enables", "requires"] });
      }
    }
    const centers = example.patterns.map((p) => p.slug);
    expect(await compare(example, centers, options)).toBe(centers.length * options.length);
  });
});
