// findNeighborhood against a plain reference written from its documented rules (breadth-first over
// the library's links to every candidate within the depth, each candidate's relevance score from the
// links reaching it, the `limit` best kept, the rest grouped by the kept pattern they hang from and
// the link type, the induced links): on the real library, whose hubs reach most of it, and on the
// example library, for every direction, several type filters, depths and limits. Only the
// primitives of relevance.ts (a link's strength, rounding) are shared with the code under test.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, danglingSlug, linkId, type Library, type NeighborhoodOptions } from "../../graph/index.ts";
import { linkStrength, roundScore } from "../../graph/algorithms/relevance.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { linkKey } from "../../core/answers.ts";

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SNAPSHOT = realLibrary("2026-02-20");
const EXAMPLE = path.join(REPO, "examples/library");

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Answer {
  nodes: string[];
  links: string[];
  distance: Record<string, number>;
  score: Record<string, number>;
  total: number;
  groups: { key: string; count: number; via: string; type: string; domain: string | null; sample: string[] }[];
  truncated: boolean;
}

/** The rules of findNeighborhood's doc comment, written as directly as possible. */
function reference(library: Library, center: string, options: NeighborhoodOptions): Answer {
  const passes = (type: string) => options.types === undefined || options.types.includes(type);
  const out = options.direction !== "in";
  const inward = options.direction !== "out";
  const degree = new Map<string, number>();
  for (const l of library.links) {
    degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
    if (l.target !== l.source) degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
  }
  const domainOf = new Map(library.patterns.map((p) => [p.slug as string, p.domain]));
  const distance = new Map<string, number>([[center, 0]]);
  /** Per candidate: the candidates one hop closer reaching it, with the strongest link (type name first among equals). */
  const reaching = new Map<string, Map<string, { strength: number; type: string }>>();
  const reachBy = (from: string, to: string, type: string, weight: number | undefined) => {
    const s = linkStrength(type, weight);
    const entries = reaching.get(to) ?? new Map<string, { strength: number; type: string }>();
    reaching.set(to, entries);
    const seen = entries.get(from);
    if (!seen || s > seen.strength || (s === seen.strength && type < seen.type)) entries.set(from, { strength: s, type });
  };
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
    // The links reaching this level from the frontier.
    for (const link of library.links) {
      if (!passes(link.type)) continue;
      if (out && inFrontier.has(link.source) && distance.get(link.target) === d) reachBy(link.source, link.target, link.type, link.weight);
      if (inward && inFrontier.has(link.target) && distance.get(link.source) === d) reachBy(link.target, link.source, link.type, link.weight);
    }
    if (out) {
      for (const ref of library.dangling) {
        if (passes(ref.type) && inFrontier.has(ref.source) && distance.get(danglingSlug(ref.target)) === d) reachBy(ref.source, danglingSlug(ref.target), ref.type, ref.weight);
      }
    }
    frontier = next.filter((s) => !s.startsWith("dangling:"));
  }

  // Scores in distance order: score(u) * strength / sqrt(degree(u) * degree(v)) summed over the
  // reaching candidates in slug order, capped by the best of their scores, rounded.
  const damp = (slug: string) => 1 / Math.sqrt(Math.max(1, degree.get(slug) ?? 0));
  const score = new Map<string, number>([[center, 1]]);
  const best = new Map<string, { from: string; type: string }>();
  const byDistance = [...distance.keys()].sort((a, b) => distance.get(a)! - distance.get(b)!);
  for (const v of byDistance) {
    if (v === center) continue;
    const entries = [...reaching.get(v)!].sort((a, b) => byCodeUnits(a[0], b[0]));
    let flow = 0;
    let cap = 0;
    let bestPart = -1;
    for (const [u, { strength, type }] of entries) {
      const part = score.get(u)! * strength * damp(u);
      flow += part;
      cap = Math.max(cap, score.get(u)!);
      if (part > bestPart) {
        bestPart = part;
        best.set(v, { from: u, type });
      }
    }
    score.set(v, roundScore(Math.min(cap, flow * damp(v))));
  }
  const ranked = [...distance.keys()].sort((a, b) => score.get(b)! - score.get(a)! || distance.get(a)! - distance.get(b)! || byCodeUnits(a, b));
  const kept = new Set(ranked.slice(0, options.limit));

  // Each left-out candidate hangs from the first kept one up its chain of best reaching candidates.
  const groups: Answer["groups"] = [];
  const hang = (v: string): { via: string; type: string } => {
    const { from, type } = best.get(v)!;
    return kept.has(from) ? { via: from, type } : hang(from);
  };
  const members = new Map<string, string[]>();
  for (const v of ranked.slice(options.limit)) {
    const { via, type } = hang(v);
    const key = `${options.limit}|${via}|${type}`;
    if (!members.has(key)) {
      members.set(key, []);
      groups.push({ key, count: 0, via, type, domain: null, sample: [] });
    }
    members.get(key)!.push(v);
  }
  for (const group of groups) {
    const list = members.get(group.key)!;
    const counts = new Map<string, number>();
    for (const v of list) {
      const domain = domainOf.get(v);
      if (domain !== undefined) counts.set(domain, (counts.get(domain) ?? 0) + 1);
    }
    const common = [...counts].sort((a, b) => b[1] - a[1] || byCodeUnits(a[0], b[0]))[0];
    group.count = list.length;
    group.domain = common ? common[0] : null;
    group.sample = list.slice(0, 5);
  }

  const links = new Set<string>();
  for (const link of library.links) if (passes(link.type) && kept.has(link.source) && kept.has(link.target)) links.add(linkId(link.source, link.type, link.target));
  for (const ref of library.dangling) {
    if (passes(ref.type) && kept.has(ref.source) && kept.has(danglingSlug(ref.target))) links.add(linkId(ref.source, ref.type, danglingSlug(ref.target)));
  }
  return {
    nodes: [...kept].sort(byCodeUnits),
    links: [...links].sort(byCodeUnits),
    distance: Object.fromEntries([...kept].sort(byCodeUnits).map((slug) => [slug, distance.get(slug)!])),
    score: Object.fromEntries([...kept].sort(byCodeUnits).map((slug) => [slug, score.get(slug)!])),
    total: distance.size,
    groups,
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
        links: answer.links.map(linkKey),
        distance: answer.distance,
        score: Object.fromEntries(answer.nodes.map((n) => [n.slug, n.score])),
        total: answer.total,
        groups: answer.groups,
        truncated: answer.truncated !== false,
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
