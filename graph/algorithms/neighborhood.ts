// The neighbourhood of a pattern: the patterns within a few hops along chosen link types and
// directions, capped in size, with the dangling references of the patterns it reaches.
import type { PatternGraph } from "../build-graph.ts";
import { NotFoundError } from "../../core/errors.ts";
import type { LinkView, NeighborhoodOptions, ScoredNodeView, Slug, Subgraph } from "../../core/model.ts";
import { adjacencyOf, typeMask, type Adjacency } from "./adjacency.ts";
import { selectIn, type NeighborhoodSelection } from "./neighborhood-select.ts";
import { checkNeighborhoodOptions } from "./query-options.ts";
import { suggestSlugs } from "./search.ts";

/**
 * Breadth-first from `center` up to `options.depth` hops, following links whose type passes
 * `options.types` in `options.direction` ("out": source -> target as declared, "in": the reverse,
 * "both"); symmetric types are followed as declared too. `distance` is the hop count. Every node so
 * reached is a candidate; `total` counts them, the centre included.
 *
 * Dangling references: a dangling target of a reached pattern at distance d < depth is a
 * placeholder node `dangling:<target>` (NodeView.dangling) at distance d + 1 when its type passes
 * the filter and the direction is "out" or "both" (a declaration always points out of its file).
 * Placeholders are nodes like any other: they count against the limit. Two declarations of the
 * same target share one placeholder.
 *
 * Relevance: every candidate has a `score` (neighborhood-rank.ts rankReach): the centre 1; a
 * candidate at distance d the strength-weighted count of the shortest paths reaching it, each hop
 * u -> v counting strength(u, v) / sqrt(degree(u) * degree(v)) (so a path through a hub of 1,000
 * links counts for ~1/30 of one through a pattern of 1), capped by the best score of the candidates
 * reaching it, rounded to 6 significant digits (relevance.ts). A link's strength is its declared
 * weight (0.8 when none), halved unless it is a lineage, enables or requires link.
 *
 * The cap: candidates are ranked by (score descending, distance, slug) and the first `limit` are
 * kept (the centre is always first); every kept node is joined to a kept node one hop closer. The
 * others are summarised in `groups`: by the kept node they hang from (`via`: following each one's
 * best reaching candidate, the one through which most of its score flows, first by slug among
 * equals, up to the first kept one) and the type of the link that branch leaves it by, with the
 * members' most common domain; each group's members most relevant first, groups in the order of
 * their best member.
 * `truncated` says why and how much (NeighborhoodCut), or is false.
 *
 * A group's page (`options.group`, `options.offset`, `options.limit` the page size): the group's
 * members offset .. offset + limit - 1, with the links between them and the kept nodes of the cut
 * the group belongs to (its key names the cut's limit).
 *
 * Links: every link of a passing type between two answer nodes, whatever the direction option (so
 * the result is the induced subgraph); one dangling target declared twice under one type by one
 * pattern is one link (the first declaration's). Nodes are sorted by slug, links by linkKey.
 *
 * @throws InvalidInputError for a bad option, NotFoundError (with suggestions) for an unknown centre or group.
 */
export function findNeighborhood(graph: PatternGraph, center: string, options: NeighborhoodOptions): Subgraph {
  const adj = adjacencyOf(graph);
  const selection = selectNeighborhood(graph, adj, center, options);
  const links: LinkView[] = [];
  for (const rank of selection.linkRanks) links.push({ ...adj.linkViews[rank]! });
  const nodes: ScoredNodeView[] = [];
  const distanceRecord: Record<string, number> = {};
  for (const v of selection.nodes) {
    const view = { ...adj.nodeViews[v]!, score: selection.score[v]! };
    nodes.push(view);
    distanceRecord[view.slug] = selection.distance[v]!;
  }
  const { total, groups, truncated, group } = selection;
  const subgraph: Subgraph = { center: center as Slug, nodes, links, distance: distanceRecord, total, groups, truncated };
  if (group !== undefined) subgraph.group = group;
  return subgraph;
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

/**
 * The selection of a neighbourhood query, as findNeighborhood answers it (the memory store's byte
 * writer, graph/memory/, encodes the same selection).
 * @throws as findNeighborhood.
 */
export function selectNeighborhood(graph: PatternGraph, adj: Adjacency, center: string, options: NeighborhoodOptions): NeighborhoodSelection {
  const { start, mask } = planNeighborhood(graph, center, options);
  return selectIn(adj, adj, start, mask, options);
}

export { selectIn, type NeighborhoodIndex, type NeighborhoodNames, type NeighborhoodSelection, type SelectOptions } from "./neighborhood-select.ts";
