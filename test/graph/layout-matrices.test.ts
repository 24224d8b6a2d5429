// The overview layout fills ForceAtlas2's matrices itself (graph/layout.ts) instead of building a
// graphology graph for the package's entry point: its positions must be exactly those the entry
// point gives from that graph (one weighted edge per pair of linked patterns, in first-link order),
// cold, warm and seeded by groups, on generated libraries with repeated and reversed links.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { describe, expect, it } from "vitest";
import { computeOverviewLayout, initialPlacement, type Point } from "../../graph/layout.ts";
import { createMemoryStore } from "../../graph/index.ts";
import type { OverviewGraph, Slug } from "../../core/model.ts";
import { randomLibrary } from "../fixtures/literal-library.ts";

/** The layout as it was made through a graphology graph: the reference. */
function throughGraphology(overview: OverviewGraph, start: Map<string, Point>, iterations: number): Map<string, Point> {
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  const known = new Set(overview.nodes.map((n) => n.slug));
  const linked = new Set<string>();
  for (const l of overview.links) {
    if (l.source === l.target || !known.has(l.source) || !known.has(l.target)) continue;
    linked.add(l.source);
    linked.add(l.target);
  }
  for (const node of overview.nodes) if (linked.has(node.slug)) graph.mergeNode(node.slug, { ...start.get(node.slug)! });
  for (const l of overview.links) {
    if (l.source === l.target || !graph.hasNode(l.source) || !graph.hasNode(l.target)) continue;
    graph.updateEdge(l.source, l.target, (attrs: { weight?: number }) => ({ weight: (attrs.weight ?? 0) + 1 }));
  }
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order >= 1000,
    barnesHutTheta: 1,
    strongGravityMode: true,
    gravity: 0.3,
    scalingRatio: 10,
    edgeWeightInfluence: 0.5,
  };
  const mapping = forceAtlas2(graph, { iterations, settings, getEdgeWeight: "weight" });
  return new Map(Object.entries(mapping).map(([slug, p]) => [slug, { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 }]));
}

async function overviewOf(seed: number, nodes: number, links: number): Promise<OverviewGraph> {
  const library = randomLibrary(seed, nodes, links);
  // Reversed and repeated pairs (another type): pairs weighted 2 and 3, in both directions.
  for (const l of library.links.slice(0, Math.floor(links / 4))) library.links.push({ ...l, source: l.target, target: l.source, type: "related" as never });
  for (const l of library.links.slice(0, Math.floor(links / 8))) library.links.push({ ...l, type: "tools" as never });
  const seen = new Set<string>();
  library.links = library.links.filter((l) => !seen.has(`${l.source}|${l.type}|${l.target}`) && seen.add(`${l.source}|${l.type}|${l.target}`));
  const store = createMemoryStore(library, { neighborhoodThreads: 0 });
  const overview = await store.overview();
  await store.close();
  return overview;
}

const connectedOf = (overview: OverviewGraph, positions: Map<string, Point>): Map<string, Point> => {
  const linked = new Set<Slug>(overview.links.filter((l) => l.source !== l.target).flatMap((l) => [l.source, l.target]));
  return new Map([...positions].filter(([slug]) => linked.has(slug as Slug)));
};

describe("the overview layout's own ForceAtlas2 matrices", () => {
  it.each([
    [1, 80, 200, 20],
    [2, 1200, 3000, 6],
  ])("give graphology's positions from a cold start (seed %i, %i patterns, %i links, %i iterations)", async (seed, nodes, links, iterations) => {
    const overview = await overviewOf(seed, nodes, links);
    const layout = computeOverviewLayout(overview, { iterations });
    const placed = connectedOf(overview, layout.positions);
    const linked = overview.nodes.filter((n) => placed.has(n.slug));
    const start = initialPlacement({ nodes: linked, links: [] });
    expect(connectedOf(overview, layout.positions)).toEqual(throughGraphology(overview, start, iterations));
    expect(layout.barnesHut).toBe(linked.length >= 1000);
  });

  it("gives graphology's positions from a warm start (every pattern placed before)", async () => {
    const overview = await overviewOf(3, 300, 900);
    const cold = computeOverviewLayout(overview, { iterations: 10 });
    // Every linked pattern has an earlier position: the warm start puts each exactly there.
    const warm = connectedOf(overview, cold.positions);
    const layout = computeOverviewLayout(overview, { warmIterations: 4 }, warm);
    expect(layout.iterations).toBe(4);
    expect(connectedOf(overview, layout.positions)).toEqual(throughGraphology(overview, warm, 4));
  });

  it("gives graphology's positions from a start seeded by groups", async () => {
    const overview = await overviewOf(4, 200, 500);
    const groups = new Map(overview.nodes.map((n, i) => [n.slug, i % 7]));
    const layout = computeOverviewLayout(overview, { iterations: 8 }, undefined, groups);
    const placed = connectedOf(overview, layout.positions);
    const linked = overview.nodes.filter((n) => placed.has(n.slug));
    const start = initialPlacement({ nodes: linked, links: [] }, groups);
    expect(connectedOf(overview, layout.positions)).toEqual(throughGraphology(overview, start, 8));
  });
});
