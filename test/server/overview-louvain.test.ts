// Louvain on numbered pairs (server/overview-louvain.ts) against the package run on a graphology Graph
// built as the overview's communities built it before: the same communities, node for node, on the
// real library, on a generated library three times its size, and on graphs the overview never makes
// (a star, pairs of several links, a node number order unlike the slug order).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type OverviewGraph } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { findCommunities, seeded } from "../../server/overview-communities.ts";
import { louvainOfPairs } from "../../server/overview-louvain.ts";
import { scaleLibrary } from "../bench/lib/scale-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";

/** The overview's links as Louvain takes them: patterns in slug order, pairs sorted and counted. */
function pairsOf(overview: OverviewGraph): { nodes: string[]; pairs: [number, number, number][] } {
  const known = new Set(overview.nodes.map((n) => n.slug as string));
  const linked = new Set<string>();
  const keyed: [string, string][] = [];
  for (const { source, target } of overview.links) {
    if (source === target || !known.has(source) || !known.has(target)) continue;
    keyed.push(source < target ? [source, target] : [target, source]);
    linked.add(source).add(target);
  }
  const nodes = [...linked].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const number = new Map(nodes.map((slug, i) => [slug, i]));
  const counted = new Map<string, [number, number, number]>();
  for (const [s, t] of keyed) {
    const key = `${s} ${t}`;
    const pair = counted.get(key);
    if (pair) pair[2]++;
    else counted.set(key, [number.get(s)!, number.get(t)!, 1]);
  }
  return { nodes, pairs: [...counted.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1]) };
}

/** The package on a graphology Graph given the nodes and pairs in that order (what the overview did before). */
function onGraph(nodes: readonly string[], pairs: readonly [number, number, number][], seed: number): Record<string, number> {
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (const node of nodes) graph.addNode(node);
  for (const [a, b, weight] of pairs) graph.addEdge(nodes[a]!, nodes[b]!, { weight });
  return louvain(graph, { getEdgeWeight: "weight", rng: seeded(seed) });
}

function onPairs(nodes: readonly string[], pairs: readonly [number, number, number][], seed: number): Record<string, number> {
  return louvainOfPairs(
    nodes,
    { a: Int32Array.from(pairs, (p) => p[0]), b: Int32Array.from(pairs, (p) => p[1]), weight: Float64Array.from(pairs, (p) => p[2]) },
    seeded(seed),
  );
}

let real: OverviewGraph;
let tripled: OverviewGraph;
let dir: string;
beforeAll(async () => {
  real = await createMemoryStore(await loadLibrary(realLibrary("2026-02-20"))).overview();
  dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-louvain-"));
  await scaleLibrary(realLibrary("2026-02-20"), dir, { factor: 3 });
  tripled = await createMemoryStore(await loadLibrary(dir)).overview();
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Louvain on numbered pairs", () => {
  it("finds the communities a graphology Graph gave on the real library and on three times it", () => {
    for (const overview of [real, tripled]) {
      const { nodes, pairs } = pairsOf(overview);
      const expected = onGraph(nodes, pairs, 0x5eed);
      const communities = new Set(Object.values(expected));
      // A structure, not one blob or every pattern alone: the comparison means something.
      expect(communities.size).toBeGreaterThan(20);
      expect(communities.size).toBeLessThan(nodes.length / 3);
      expect(onPairs(nodes, pairs, 0x5eed)).toEqual(expected);
    }
  });

  it("finds the same with other seeds, weights and numberings", () => {
    const { nodes, pairs } = pairsOf(real);
    // Weights beyond the links' counts, and the nodes numbered against the slug order.
    const weighted = pairs.map(([a, b], i): [number, number, number] => [a, b, 1 + (i % 7) * 0.5]);
    const reversed = [...nodes].reverse();
    const renumbered = pairs.map(([a, b, w]): [number, number, number] => [nodes.length - 1 - a, nodes.length - 1 - b, w]);
    for (const seed of [1, 2, 12345]) {
      expect(onPairs(nodes, weighted, seed)).toEqual(onGraph(nodes, weighted, seed));
      expect(onPairs(reversed, renumbered, seed)).toEqual(onGraph(reversed, renumbered, seed));
    }
  });

  it("finds the same on a star and on a graph of one pair", () => {
    const star = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const spokes = star.slice(1).map((_, i): [number, number, number] => [0, i + 1, 1]);
    expect(onPairs(star, spokes, 7)).toEqual(onGraph(star, spokes, 7));
    expect(onPairs(["a", "b"], [[0, 1, 3]], 7)).toEqual(onGraph(["a", "b"], [[0, 1, 3]], 7));
  });

  it("is what the overview's communities are made of", () => {
    const { nodes, pairs } = pairsOf(real);
    const expected = onGraph(nodes, pairs, 0x5eed);
    const found = findCommunities(real);
    // The overview renumbers the communities (largest first): the same partition, under other numbers.
    const partition = (of: (slug: string) => number) => {
      const groups = new Map<number, string[]>();
      for (const slug of nodes) groups.set(of(slug), [...(groups.get(of(slug)) ?? []), slug]);
      return [...groups.values()].map((g) => g.join(" ")).sort();
    };
    expect(partition((slug) => found.of.get(slug)!)).toEqual(partition((slug) => expected[slug]!));
  });
});
