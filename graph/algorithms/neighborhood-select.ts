// The search behind a neighbourhood, on typed arrays only: the memory store runs it on the calling
// thread or, in the server, on the neighbourhood thread (graph/neighborhood-thread.ts), whose code is
// bundled from this file and neighborhood-json.ts, so they import nothing but types and constants.
import type { NeighborhoodOptions } from "../model.ts";
import type { Adjacency } from "./adjacency.ts";

/** A neighbourhood as node numbers and link ranks of the adjacency: what both answers are built from. */
export interface NeighborhoodSelection {
  /** Kept node numbers (real and placeholder), in slug order. */
  nodes: Int32Array;
  /** Hop count per node number; -1 for nodes not kept. */
  distance: Int8Array;
  /** Ranks (positions by link id) of the kept links, ascending and distinct. */
  linkRanks: Int32Array;
  truncated: boolean;
}

/**
 * A layer is found top-down (the frontier's rows are read) while the frontier is small, and
 * bottom-up (the unreached nodes are read in slug order, each asking whether it touches the
 * frontier) once the frontier's rows hold at least this share of all row entries (1/16: measured best of 1/32 to 1/4): on the real
 * library a depth-2 frontier of ~150 patterns touches hubs and reads ~20,000 entries top-down,
 * where bottom-up stops as soon as the layer overflows the limit, after a few hundred nodes.
 * (Direction-optimising breadth-first search, Beamer, Asanović and Patterson, 2012.)
 */
const BOTTOM_UP_SHARE = 1 / 16;

/**
 * What a selection reads of an adjacency: typed arrays only, so that a worker thread can hold a
 * copy (neighborhood-thread.ts). Real patterns are node numbers 0..offsets.length - 2, placeholders
 * the numbers after them, up to nodeAtSlugRank.length - 1.
 */
export type NeighborhoodIndex = Pick<
  Adjacency,
  | "offsets"
  | "neighbor"
  | "type"
  | "outward"
  | "danglingOffsets"
  | "danglingNode"
  | "danglingType"
  | "danglingRank"
  | "nodeAtSlugRank"
  | "slugRank"
  | "outOffsets"
  | "outNeighbor"
  | "outType"
  | "outRank"
>;

/** The options a selection needs, checked by the caller. */
export type SelectOptions = Pick<NeighborhoodOptions, "depth" | "limit" | "direction">;

/**
 * The neighbourhood of node number `start` (see findNeighborhood), following the link types whose
 * type numbers are 1 in `mask`.
 */
export function selectIn(adj: NeighborhoodIndex, start: number, mask: Uint8Array, options: SelectOptions): NeighborhoodSelection {
  const { offsets, neighbor, type, outward, danglingOffsets, danglingNode, danglingType, nodeAtSlugRank } = adj;
  const followOut = options.direction !== "in";
  const followIn = options.direction !== "out";
  const n = offsets.length - 1;
  const total = nodeAtSlugRank.length;
  const bottomUpFrom = offsets[n]! * BOTTOM_UP_SHARE;

  // Node numbers: real patterns 0..n-1, placeholders n and up.
  const distance = new Int8Array(total).fill(-1);
  distance[start] = 0;
  let keptCount = 1;
  const reached = [start];
  let frontier = [start];
  let truncated = false;
  for (let d = 1; d <= options.depth && frontier.length > 0; d++) {
    // Dangling targets of the frontier first: few, and read top-down either way.
    const layer: number[] = [];
    if (followOut) {
      for (const u of frontier) {
        for (let e = danglingOffsets[u]; e < danglingOffsets[u + 1]; e++) {
          const p = danglingNode[e];
          if (distance[p] !== -1 || mask[danglingType[e]] === 0) continue;
          distance[p] = d;
          layer.push(p);
        }
      }
    }
    let frontierEntries = 0;
    for (const u of frontier) frontierEntries += offsets[u + 1] - offsets[u];

    if (frontierEntries < bottomUpFrom) {
      for (const u of frontier) {
        for (let e = offsets[u]; e < offsets[u + 1]; e++) {
          const v = neighbor[e];
          if (distance[v] !== -1 || mask[type[e]] === 0 || !(outward[e] === 1 ? followOut : followIn)) continue;
          distance[v] = d;
          layer.push(v);
        }
      }
      // Nodes are ranked by (distance, slug), so the cap falls inside the first layer that overflows
      // it, and nothing beyond that layer needs to be reached: that layer keeps its first slugs.
      if (keptCount + layer.length > options.limit) {
        let room = options.limit - keptCount;
        for (const v of bySlug(adj, distance, layer, d)) {
          if (room > 0) {
            room -= 1;
            reached.push(v);
          } else distance[v] = -1;
        }
        truncated = true;
        break;
      }
    } else {
      // Bottom-up, in slug order, so the layer comes out sorted and the scan stops at the cap. A node
      // joins when one of its row's entries leads to it from the frontier (distance d - 1): the
      // entry seen from the node's side is outward when the link was declared from the node.
      let room = options.limit - keptCount;
      const placeholders = layer.splice(0);
      let r = 0;
      for (; r < total; r++) {
        const v = nodeAtSlugRank[r];
        if (v >= n) {
          if (distance[v] !== d) continue;
        } else {
          if (distance[v] !== -1) continue;
          let touches = false;
          for (let e = offsets[v]; e < offsets[v + 1]; e++) {
            if (distance[neighbor[e]] === d - 1 && mask[type[e]] === 1 && (outward[e] === 1 ? followIn : followOut)) {
              touches = true;
              break;
            }
          }
          if (!touches) continue;
        }
        if (room === 0) break;
        distance[v] = d;
        layer.push(v);
        room -= 1;
      }
      if (r < total) {
        // The cap fell inside this layer: the dangling targets past it are dropped again.
        for (const p of placeholders) if (adj.slugRank[p] >= r) distance[p] = -1;
        for (const v of layer) reached.push(v);
        truncated = true;
        break;
      }
    }
    keptCount += layer.length;
    for (const v of layer) reached.push(v);
    frontier = [];
    for (const v of layer) if (v < n) frontier.push(v);
  }
  const nodes = bySlug(adj, distance, reached, null);

  // Links by their id's rank, read from the kept patterns' outward entries only (every link between
  // two kept nodes is declared by one of them): integers sort fast, and a dangling link declared
  // twice has one rank.
  const { outOffsets, outNeighbor, outType, outRank } = adj;
  const ranks: number[] = [];
  for (const u of nodes) {
    if (u >= n) continue;
    for (let e = outOffsets[u]; e < outOffsets[u + 1]; e++) {
      if (distance[outNeighbor[e]] !== -1 && mask[outType[e]] === 1) ranks.push(outRank[e]);
    }
    for (let e = danglingOffsets[u]; e < danglingOffsets[u + 1]; e++) {
      if (distance[danglingNode[e]] !== -1 && mask[danglingType[e]] === 1) ranks.push(adj.danglingRank[e]);
    }
  }
  return { nodes, distance, linkRanks: ascendingDistinct(adj, ranks), truncated };
}

/** Per index: one bit per link rank, all 0 between calls of ascendingDistinct. */
const rankBits = new WeakMap<NeighborhoodIndex, Uint32Array>();

/**
 * `ranks` ascending, each once. A few are sorted; more (a depth-2 answer has ~1,400 of the real
 * library's ~18,000) are set as bits and read back word by word, lowest bit first: measured ~20x
 * faster than sorting them (a typed array's sort was 40% of the whole search) and ~10x faster than a
 * byte per rank read back one by one.
 */
function ascendingDistinct(adj: NeighborhoodIndex, ranks: number[]): Int32Array {
  if (ranks.length < 64) {
    ranks.sort((a, b) => a - b);
    const out = new Int32Array(ranks.length);
    let distinct = 0;
    for (let i = 0; i < ranks.length; i++) if (i === 0 || ranks[i] !== ranks[i - 1]) out[distinct++] = ranks[i]!;
    return out.subarray(0, distinct);
  }
  let bits = rankBits.get(adj);
  if (!bits) {
    let count = 0;
    for (const r of adj.outRank) count = Math.max(count, r + 1);
    for (const r of adj.danglingRank) count = Math.max(count, r + 1);
    bits = new Uint32Array(Math.ceil(count / 32));
    rankBits.set(adj, bits);
  }
  for (const r of ranks) bits[r >>> 5]! |= 1 << (r & 31);
  const out = new Int32Array(ranks.length);
  let distinct = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    if (word === 0) continue;
    bits[w] = 0;
    while (word !== 0) {
      const lowest = word & -word;
      out[distinct++] = (w << 5) + 31 - Math.clz32(lowest);
      word ^= lowest;
    }
  }
  return out.subarray(0, distinct);
}

/**
 * In slug order, the `candidates` at distance `d` (or, with `d` null, at any distance), knowing that
 * every node so placed is among them. A few are sorted by their slug ranks; many are picked out by
 * one pass over all slug ranks, which costs less than sorting thousands (a depth-2 layer on the
 * real library).
 */
function bySlug(adj: NeighborhoodIndex, distance: Int8Array, candidates: readonly number[], d: number | null): Int32Array {
  const { slugRank, nodeAtSlugRank } = adj;
  const total = distance.length;
  if (candidates.length * 16 < total) {
    const ranks: number[] = [];
    for (const v of candidates) if (d === null ? distance[v] !== -1 : distance[v] === d) ranks.push(slugRank[v]);
    return Int32Array.from(ranks)
      .sort()
      .map((r) => nodeAtSlugRank[r]);
  }
  const out: number[] = [];
  for (let r = 0; r < total; r++) {
    const v = nodeAtSlugRank[r];
    if (d === null ? distance[v] !== -1 : distance[v] === d) out.push(v);
  }
  return Int32Array.from(out);
}
