// The neighbourhood of a pattern: the patterns within a few hops along chosen link types and
// directions, capped in size, with the dangling references of the patterns it reaches.
import type { PatternGraph } from "../build-graph.ts";
import { NotFoundError } from "../errors.ts";
import type { LinkView, NeighborhoodOptions, NodeView, Slug, Subgraph } from "../model.ts";
import { adjacencyOf, typeMask, type Adjacency } from "./adjacency.ts";
import { encodedOf, encodeSelection } from "./neighborhood-json.ts";
import { selectIn, type NeighborhoodIndex, type NeighborhoodSelection } from "./neighborhood-select.ts";
import { checkNeighborhoodOptions } from "./query-options.ts";
import { suggestSlugs } from "./search.ts";

/**
 * Breadth-first from `center` up to `options.depth` hops, following links whose type passes
 * `options.types` in `options.direction` ("out": source -> target as declared, "in": the reverse,
 * "both"); symmetric types are followed as declared too. `distance` is the hop count.
 *
 * Dangling references: a dangling target of a reached pattern at distance d < depth is a
 * placeholder node `dangling:<target>` (NodeView.dangling) at distance d + 1 when its type passes
 * the filter and the direction is "out" or "both" (a declaration always points out of its file).
 * Placeholders are nodes like any other: they count against the limit. Two declarations of the
 * same target share one placeholder.
 *
 * The cap: every reached node is ranked by (distance, slug) and the first `limit` are kept (the
 * centre is always first), so a kept node's path to the centre is kept too; `truncated` says some
 * reached node was dropped.
 *
 * Links: every link of a passing type between two kept nodes, whatever the direction option (so
 * the result is the induced subgraph); one dangling target declared twice under one type by one
 * pattern is one link (the first declaration's). Nodes are sorted by slug, links by id.
 *
 * @throws InvalidInputError for a bad option, NotFoundError (with suggestions) for an unknown centre.
 */
export function findNeighborhood(graph: PatternGraph, center: string, options: NeighborhoodOptions): Subgraph {
  const adj = adjacencyOf(graph);
  const selection = selectNeighborhood(graph, adj, center, options);
  const links: LinkView[] = [];
  for (const rank of selection.linkRanks) links.push({ ...adj.linkViews[rank] });
  const nodes: NodeView[] = [];
  const distanceRecord: Record<string, number> = {};
  for (const v of selection.nodes) {
    const view = { ...adj.nodeViews[v] };
    nodes.push(view);
    distanceRecord[view.slug] = selection.distance[v];
  }
  return { center: center as Slug, nodes, links, distance: distanceRecord, truncated: selection.truncated };
}

/**
 * The JSON of findNeighborhood(graph, center, options), byte for byte what JSON.stringify gives,
 * without building the answer's objects: copied from the encoded nodes and links of the graph
 * (neighborhood-json.ts). A depth-2 neighbourhood of the real library is ~1,400 links and ~300 KB.
 * @param allocate where the bytes go (a Buffer of exactly the length asked); by default fresh memory.
 * @throws as findNeighborhood.
 */
export function encodeNeighborhood(
  graph: PatternGraph,
  center: string,
  options: NeighborhoodOptions,
  allocate?: (length: number) => Buffer,
): Buffer {
  const adj = adjacencyOf(graph);
  return encodeSelection(adj, center, selectNeighborhood(graph, adj, center, options), allocate);
}

/**
 * What a worker thread needs to answer neighbourhoods of `graph`'s library (neighborhood-thread.ts):
 * the adjacency's typed arrays and the encoded nodes and links, nothing that would not clone.
 */
export function neighborhoodKernel(graph: PatternGraph): { index: NeighborhoodIndex; encoded: ReturnType<typeof encodedOf> } {
  const adj = adjacencyOf(graph);
  const { offsets, neighbor, type, outward, danglingOffsets, danglingNode, danglingType, danglingRank, nodeAtSlugRank, slugRank, outOffsets, outNeighbor, outType, outRank } = adj;
  const index: NeighborhoodIndex = { offsets, neighbor, type, outward, danglingOffsets, danglingNode, danglingType, danglingRank, nodeAtSlugRank, slugRank, outOffsets, outNeighbor, outType, outRank };
  return { index, encoded: encodedOf(adj) };
}

/**
 * A neighbourhood query checked and resolved as selectIn takes it: the centre's node number and the
 * mask of the link types to follow.
 * @throws as findNeighborhood.
 */
export function planNeighborhood(graph: PatternGraph, center: string, options: NeighborhoodOptions): { start: number; mask: Uint8Array } {
  checkNeighborhoodOptions(options);
  if (!graph.hasNode(center)) throw new NotFoundError(center, suggestSlugs(graph, center));
  const adj = adjacencyOf(graph);
  return { start: adj.numberOf.get(center)!, mask: typeMask(adj, options.types) };
}

/** Builds now what encodeNeighborhood's first answer on `graph` would (the graph's encoded nodes and links). */
export function prepareNeighborhoodJson(graph: PatternGraph): void {
  encodedOf(adjacencyOf(graph));
}

/** The selection of a checked neighbourhood query (the centre known, the options valid). */
function selectNeighborhood(graph: PatternGraph, adj: Adjacency, center: string, options: NeighborhoodOptions): NeighborhoodSelection {
  const { start, mask } = planNeighborhood(graph, center, options);
  return selectIn(adj, start, mask, options);
}

export { selectIn, type NeighborhoodIndex, type NeighborhoodSelection, type SelectOptions } from "./neighborhood-select.ts";
