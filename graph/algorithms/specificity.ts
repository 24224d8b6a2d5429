// How specific a pattern is, for ranking paths: a pattern linked to everything explains nothing
// when a path goes through it (Hetionet's degree-weighted path count). One small module so the
// path ranking and the neighbourhood relevance can share one definition of "degree".
import type { Adjacency } from "./adjacency.ts";

/**
 * A pattern's neighbour count: distinct real patterns it links to or is linked from, over every
 * link type, itself excluded (dangling targets are not patterns). Numbered like the adjacency.
 */
export function neighbourCounts(adj: Adjacency): Int32Array {
  const n = adj.slugs.length;
  const counts = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    let last = -1;
    // Rows are sorted by neighbour, so each distinct neighbour is one run of entries.
    for (let e = adj.offsets[u]; e < adj.offsets[u + 1]; e++) {
      const v = adj.neighbor[e];
      if (v === last || v === u) continue;
      last = v;
      counts[u] += 1;
    }
  }
  return counts;
}

/**
 * The specificity cost of passing through a pattern with `neighbours` neighbours: ln(neighbours)
 * in millionths, rounded to an integer so that sums are exact and compare alike everywhere.
 */
export function specificityUnits(neighbours: number): number {
  return neighbours <= 1 ? 0 : Math.round(1e6 * Math.log(neighbours));
}
