// The neighbourhood of a pattern: the patterns within a few hops along chosen link types and
// directions, capped in size, with the dangling references of the patterns it reaches.
import type { PatternGraph } from "../build-graph.ts";
import { NotFoundError } from "../errors.ts";
import type { LinkView, NeighborhoodOptions, NodeView, Slug, Subgraph } from "../model.ts";
import { adjacencyOf, typeMask } from "./adjacency.ts";
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
  checkNeighborhoodOptions(options);
  if (!graph.hasNode(center)) throw new NotFoundError(center, suggestSlugs(graph, center));
  const adj = adjacencyOf(graph);
  const { offsets, neighbor, type, outward, danglingOffsets, danglingNode, danglingType } = adj;
  const mask = typeMask(adj, options.types);
  const followOut = options.direction !== "in";
  const followIn = options.direction !== "out";
  const n = adj.slugs.length;

  // Node numbers: real patterns 0..n-1, placeholders n and up.
  const distance = new Int8Array(n + adj.placeholderTargets.length).fill(-1);
  const start = adj.numberOf.get(center)!;
  distance[start] = 0;
  let kept: number[] = [start];
  let frontier = [start];
  let truncated = false;
  for (let d = 1; d <= options.depth && frontier.length > 0; d++) {
    let layer: number[] = [];
    for (const u of frontier) {
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        const v = neighbor[e];
        if (distance[v] !== -1 || mask[type[e]] === 0 || !(outward[e] === 1 ? followOut : followIn)) continue;
        distance[v] = d;
        layer.push(v);
      }
      if (!followOut) continue;
      for (let e = danglingOffsets[u]; e < danglingOffsets[u + 1]; e++) {
        const p = danglingNode[e];
        if (distance[p] !== -1 || mask[danglingType[e]] === 0) continue;
        distance[p] = d;
        layer.push(p);
      }
    }
    // Nodes are ranked by (distance, slug), so the cap falls inside the first layer that overflows
    // it, and nothing beyond that layer needs to be reached.
    if (kept.length + layer.length > options.limit) {
      layer = sortBySlug(adj.slugRank, adj.nodeAtSlugRank, layer);
      for (let i = options.limit - kept.length; i < layer.length; i++) distance[layer[i]] = -1;
      kept = kept.concat(layer.slice(0, options.limit - kept.length));
      truncated = true;
      break;
    }
    kept = kept.concat(layer);
    frontier = [];
    for (const v of layer) if (v < n) frontier.push(v);
  }
  kept = sortBySlug(adj.slugRank, adj.nodeAtSlugRank, kept);

  // Links by their id's rank: integers sort fast, and a dangling link declared twice has one rank.
  const ranks: number[] = [];
  for (const u of kept) {
    if (u >= n) continue;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      if (outward[e] === 1 && distance[neighbor[e]] !== -1 && mask[type[e]] === 1) ranks.push(adj.linkRank[e]);
    }
    for (let e = danglingOffsets[u]; e < danglingOffsets[u + 1]; e++) {
      if (distance[danglingNode[e]] !== -1 && mask[danglingType[e]] === 1) ranks.push(adj.danglingRank[e]);
    }
  }
  const sortedRanks = Int32Array.from(ranks).sort();
  const links: LinkView[] = [];
  for (let i = 0; i < sortedRanks.length; i++) {
    const rank = sortedRanks[i];
    if (i > 0 && rank === sortedRanks[i - 1]) continue;
    links.push({ ...adj.linkViews[rank] });
  }

  const nodes: NodeView[] = [];
  const distanceRecord: Record<string, number> = {};
  for (const v of kept) {
    const view = { ...adj.nodeViews[v] };
    nodes.push(view);
    distanceRecord[view.slug] = distance[v];
  }
  return { center: center as Slug, nodes, links, distance: distanceRecord, truncated };
}

/** Node numbers in slug order, through their slug ranks (no string comparison, no comparator). */
function sortBySlug(slugRank: Int32Array, nodeAtSlugRank: Int32Array, nodes: readonly number[]): number[] {
  const ranks = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) ranks[i] = slugRank[nodes[i]];
  ranks.sort();
  return Array.from(ranks, (r) => nodeAtSlugRank[r]);
}
