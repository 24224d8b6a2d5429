// The k best simple paths between two patterns: Yen's algorithm (1971) with Lawler's refinement
// (spur only from where a path left its parent), each spur search an A* run backwards from
// the target with a hop bound. Polynomial: at most k * maxLength spur searches of O(E log V) each,
// where enumerating walks length by length was exponential around the library's hubs (331 s for
// one query). Written here rather than taken from npm: graphology-shortest-path has no Yen's, and
// the one Yen's package, k-shortest-path (0.0.5, ~600 downloads a week), runs on a graphlib graph
// it copies through JSON on every call, with float weights (no exact tie-breaks), no hop bound and
// nowhere to check a budget; its duplicate-candidate check never matches (a return inside forEach).
//
// The order (shortest first, then the most specific, see PATH_RANKING) is an exact integer cost:
//   cost = length * HOP + Σ over intermediate patterns of specificityUnits(neighbours) * NODE
//          + Σ over hops of round(1000 * (1 - hop weight)),
// with a hop's weight the highest declared weight (0-1) among its usable links, 0.5 when none
// declares one. HOP and NODE are large enough that length always decides first and specificity
// second; the weight only breaks ties of specificity, and the slug sequence ties of cost. All
// terms are integers below 2^53, so sums are exact and every store ranks alike.
import type { Budget } from "../budget.ts";
import { boundOf, clearMarks, hopBoundsBetween, hopsFrom, type HopBounds, type Stamps } from "./k-shortest-bounds.ts";
import { banRoot, releaseScratch, takeScratch, type Heap, type Scratch } from "./k-shortest-scratch.ts";
import type { KShortestOptions, PathGraph, RankedPath } from "./path-graph.ts";

const HOP = 5e14;
const NODE = 1e4;
const NEUTRAL_WEIGHT = 0.5;
/** Work units (edges looked at) between budget checkpoints. */
const CHECK_EVERY = 4096;

/** The ranking as words, for documentation and the API description. */
export const PATH_RANKING =
  "Shortest first; among paths of equal length, the most specific first: the lowest sum over intermediate patterns of ln(neighbours) " +
  "(neighbours = distinct patterns linked to or from it, over all link types); then the strongest declared links (per hop the highest " +
  "declared weight, 0.5 when none is declared); then the slug sequence. score = length + 0.001 * sum of ln(neighbours), rounded to 6 decimals.";

/** The path's score as the API shows it: length + 0.001 * Σ ln(neighbours) of intermediate patterns. */
export function pathScore(length: number, specificity: number): number {
  return Math.round((length + specificity * 1e-9) * 1e6) / 1e6;
}

const hopWeightUnits = (w: number): number => Math.round(1000 * (1 - (Number.isNaN(w) ? NEUTRAL_WEIGHT : Math.min(1, Math.max(0, w)))));

function compareNodes(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

interface Search {
  g: PathGraph;
  t: number;
  options: KShortestOptions;
  budget: Budget | undefined;
  work: number;
  /** specificityUnits per node, made once. */
  units: Float64Array;
  /** 1 for a node no path may pass through (too many neighbours). */
  hub: Uint8Array;
  /** Hops from `from` through passable patterns, or a lower bound of them (hopsFrom, hopBoundsBetween): for pruning and the A* estimate. */
  fromStart: HopBounds;
  /** The most hops a path may have: maxLength, or for one path the fewest hops between the ends (its cheapest is among the shortest). */
  maxHops: number;
  /** The spur search's costs from the target: `dist[v]` where `distMark[v]` is the search's stamp, else Infinity. */
  dist: Float64Array;
  distMark: Stamps;
  /** The A* queue, grown when full (see Scratch). */
  heap: Heap;
}

/** Cost of entering `v` from a hop whose weight term is `weightUnits`. */
const hopCost = (s: Search, v: number, weightUnits: number): number => HOP + (v === s.t ? 0 : s.units[v]! * NODE) + weightUnits;

/** The cost of the hop u -> v (its usable links must exist), read from u's row. */
function forwardHopCost(s: Search, u: number, v: number): number {
  const { g, options } = s;
  let best = NaN;
  for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
    if (g.neighbor[e] !== v || options.mask[g.type[e]!] === 0 || (options.directed && g.outward[e] === 0)) continue;
    const w = g.weight[e]!;
    if (!Number.isNaN(w) && (Number.isNaN(best) || w > best)) best = w;
  }
  return hopCost(s, v, hopWeightUnits(best));
}

/** Hands the work counted so far to the budget (called once it reaches CHECK_EVERY). */
async function checkpoint(s: Search): Promise<void> {
  const done = s.work;
  s.work = 0;
  await s.budget?.checkpoint(done);
}

/**
 * The cheapest path from `spur` (node `root` of the path it deviates from) to the target avoiding
 * `banned` nodes and the hops spur -> v for v in `blocked`, with at most maxHops - root hops and
 * a cost of at most `limit`; among equally cheap ones the first by node numbers. A* from the
 * target along reversed hops, stopped once `spur` is settled, then a walk forwards taking at each
 * node the smallest neighbour on a cheapest path. A node is not queued when every path through it
 * is too long or too costly (fromStart - root bounds its hops from the spur): such a node is on no
 * acceptable path, so the pruning changes no answer.
 *
 * The A* estimate of the cost still to go from a node to the spur is HOP per hop it is at least
 * away (fromStart - root): never more than the true cost, and changing by at most one HOP per hop,
 * so a node's cost is final when it is taken from the queue, as in Dijkstra's search. Every node
 * of a cheapest spur path other than the spur costs strictly less than the spur's total (a hop
 * into an intermediate pattern costs more than HOP: it has two neighbours at least), so all of them
 * are settled before the spur and the walk finds the same path Dijkstra's search did. What A* saves:
 * Dijkstra settled every node cheaper than the spur, on the real library most of the patterns within
 * the path's length of the target (a k=1 query read ~0.9 ms of rows); A* settles those on the
 * shortest hop counts between the two ends.
 */
async function spurPath(s: Search, spur: number, root: number, banned: Uint8Array, blocked: Set<number>, limit: number): Promise<{ nodes: number[]; cost: number } | undefined> {
  const { g, t, options, dist, fromStart, heap } = s;
  const hopsLeft = s.maxHops - root;
  const { offsets, neighbor, type, outward, weight } = g;
  // A spur with no hop left to take (a leaf whose one link is taken) would search the whole graph for nothing.
  let open = false;
  for (let e = offsets[spur]!; e < offsets[spur + 1]! && !open; e++) {
    const v = neighbor[e]!;
    open = v !== spur && banned[v] === 0 && !blocked.has(v) && (v === t || s.hub[v] === 0) && options.mask[type[e]!] === 1 && !(options.directed && outward[e] === 0);
  }
  if (!open) return undefined;
  clearMarks(s.distMark);
  const { mark: distMark, stamp } = s.distMark;
  const distOf = (v: number): number => (distMark[v] === stamp ? dist[v]! : Infinity);
  dist[t] = 0;
  distMark[t] = stamp;
  /** Hops `v` is at least away from the spur (the A* estimate, in HOPs). */
  const toSpurOf = (v: number): number => Math.max(0, boundOf(fromStart, v) - root);
  // The queue holds cost + estimate (all integers below 2^53: exact).
  let heapCost = heap.cost;
  let heapNode = heap.node;
  heapCost[0] = toSpurOf(t) * HOP;
  heapNode[0] = t;
  let size = 1;
  const push = (cost: number, node: number): void => {
    if (size === heapCost.length) {
      // Full: twice the room (a search rarely queues more than a few thousand entries).
      const grownCost = new Float64Array(2 * size);
      const grownNode = new Int32Array(2 * size);
      grownCost.set(heapCost);
      grownNode.set(heapNode);
      heap.cost = heapCost = grownCost;
      heap.node = heapNode = grownNode;
    }
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapCost[parent]! <= cost) break;
      heapCost[i] = heapCost[parent]!;
      heapNode[i] = heapNode[parent]!;
      i = parent;
    }
    heapCost[i] = cost;
    heapNode[i] = node;
  };
  let reached = false;
  while (size > 0) {
    const estimate = heapCost[0]!;
    const w = heapNode[0]!;
    // Pop: move the last entry down from the root.
    size--;
    if (size > 0) {
      const lastCost = heapCost[size]!;
      const lastNode = heapNode[size]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && heapCost[child + 1]! < heapCost[child]!) child++;
        if (heapCost[child]! >= lastCost) break;
        heapCost[i] = heapCost[child]!;
        heapNode[i] = heapNode[child]!;
        i = child;
      }
      heapCost[i] = lastCost;
      heapNode[i] = lastNode;
    }
    const cost = estimate - toSpurOf(w) * HOP;
    if (cost > distOf(w)) continue;
    // Every spur path through what is left costs more than allowed.
    if (estimate > limit) break;
    if (w === spur) {
      reached = true;
      break;
    }
    // Predecessors would be more hops away than allowed (the sum of a path's hop costs is below
    // HOP per hop more, so cost / HOP rounded down is its hops).
    const hops = Math.floor(cost / HOP);
    if (hops >= hopsLeft) continue;
    const end = offsets[w + 1]!;
    // Awaited only now and then: an await per node would cost a microtask turn each.
    if ((s.work += end - offsets[w]!) >= CHECK_EVERY) await checkpoint(s);
    let e = offsets[w]!;
    while (e < end) {
      // One run of entries per neighbour u: the hop u -> w, weighted by its strongest usable link.
      const u = neighbor[e]!;
      const toSpur = Math.max(0, boundOf(fromStart, u) - root);
      // Too many hops through u whatever its links: the run is skipped unread.
      if (toSpur + hops + 1 > hopsLeft) {
        while (e < end && neighbor[e] === u) e++;
        continue;
      }
      let usable = false;
      let best = NaN;
      for (; e < end && neighbor[e] === u; e++) {
        if (options.mask[type[e]!] === 0 || (options.directed && outward[e] === 1)) continue;
        usable = true;
        const x = weight[e]!;
        if (!Number.isNaN(x) && (Number.isNaN(best) || x > best)) best = x;
      }
      if (!usable || u === w || banned[u] === 1 || (u !== spur && s.hub[u] === 1) || (u === spur && blocked.has(w))) continue;
      const next = cost + hopCost(s, w, hopWeightUnits(best));
      if (next + toSpur * HOP > limit) continue;
      if (next < distOf(u)) {
        dist[u] = next;
        distMark[u] = stamp;
        push(next + toSpur * HOP, u);
      }
    }
  }
  if (!reached) return undefined;

  const nodes = [spur];
  let u = spur;
  while (u !== t) {
    let chosen = -1;
    const end = offsets[u + 1]!;
    let e = offsets[u]!;
    while (e < end && chosen < 0) {
      // One run of entries per neighbour v, as in the search: the hop's weight is its strongest usable link's.
      const v = neighbor[e]!;
      let usable = false;
      let best = NaN;
      for (; e < end && neighbor[e] === v; e++) {
        if (options.mask[type[e]!] === 0 || (options.directed && outward[e] === 0)) continue;
        usable = true;
        const x = weight[e]!;
        if (!Number.isNaN(x) && (Number.isNaN(best) || x > best)) best = x;
      }
      if (!usable || v === u || distMark[v] !== stamp || banned[v] === 1 || (u === spur && blocked.has(v))) continue;
      if (dist[v]! + hopCost(s, v, hopWeightUnits(best)) === dist[u]) chosen = v;
    }
    // Cannot happen (a settled node always has a cheapest next hop); guards against an endless loop.
    if (chosen < 0) throw new Error("k-shortest: lost the cheapest path");
    nodes.push(chosen);
    u = chosen;
  }
  return { nodes, cost: dist[spur]! };
}

/**
 * The first `k` simple paths from `from` to `to` of at most `maxLength` hops over `g`, cheapest
 * first (see the module header); `from !== to`. Checks `budget` every few thousand edges, which
 * also yields to the event loop between slices.
 */
export async function kShortestPaths(g: PathGraph, from: number, to: number, options: KShortestOptions, budget?: Budget): Promise<RankedPath[]> {
  const scratch = takeScratch(g);
  try {
    return await searchPaths(g, from, to, options, scratch, budget);
  } finally {
    // Cleared even when the budget stopped the search, so the next search starts with nothing banned.
    banRoot(scratch, [], 0);
    releaseScratch(g, scratch);
  }
}

async function searchPaths(g: PathGraph, from: number, to: number, options: KShortestOptions, scratch: Scratch, budget?: Budget): Promise<RankedPath[]> {
  const n = g.neighbours.length;
  const { units } = scratch;
  let hub = scratch.noHub;
  if (options.maxDegree !== undefined) {
    hub = new Uint8Array(n);
    for (let v = 0; v < n; v++) if (g.neighbours[v]! > options.maxDegree && v !== from && v !== to) hub[v] = 1;
  }
  // One path: bounds from a search from both ends, which reads far fewer rows. More: every spur
  // search but the first starts part-way along a path, where hopsFrom's exact hops prune better.
  const bounds = options.k === 1 ? hopBoundsBetween(g, from, to, options, hub, scratch) : { bounds: hopsFrom(g, from, options, hub, scratch.fromHops), hops: options.maxLength };
  if (!bounds) {
    budget?.check();
    return [];
  }
  const s: Search = {
    g,
    t: to,
    options,
    budget,
    work: 0,
    units,
    hub,
    fromStart: bounds.bounds,
    maxHops: bounds.hops,
    dist: scratch.dist,
    distMark: scratch.distMark,
    heap: scratch.heap,
  };
  budget?.check();
  await budget?.begin();
  const { banned } = scratch;
  const first = await spurPath(s, from, 0, banned, new Set(), Infinity);
  await checkpoint(s);
  if (!first) return [];
  const specificityOf = (nodes: readonly number[]): number => {
    let sum = 0;
    for (let i = 1; i + 1 < nodes.length; i++) sum += units[nodes[i]!]!;
    return sum;
  };
  interface Found extends RankedPath {
    /** Index of the node where this path left the one it was spurred from (Lawler). */
    deviation: number;
  }
  const accepted: Found[] = [{ nodes: first.nodes, cost: first.cost, specificity: specificityOf(first.nodes), deviation: 0 }];
  const candidates: Found[] = [];
  const known = new Set<string>([first.nodes.join(",")]);

  while (accepted.length < options.k) {
    const last = accepted[accepted.length - 1]!;
    let rootCost = 0;
    for (let i = 0; i < last.deviation; i++) rootCost += forwardHopCost(s, last.nodes[i]!, last.nodes[i + 1]!);
    for (let i = last.deviation; i + 1 < last.nodes.length; i++) {
      const spur = last.nodes[i]!;
      // The hops out of this root already taken by accepted paths sharing it.
      const blocked = new Set<number>();
      for (const p of accepted) {
        if (p.nodes.length <= i + 1) continue;
        let same = true;
        for (let j = 0; j <= i && same; j++) same = p.nodes[j] === last.nodes[j];
        if (same) blocked.add(p.nodes[i + 1]!);
      }
      banRoot(scratch, last.nodes, i);
      // Once enough candidates are known, a spur path costlier than the one that would be taken last is of no use.
      const needed = options.k - accepted.length;
      const limit = candidates.length >= needed ? candidates.map((c) => c.cost).sort((x, y) => x - y)[needed - 1]! - rootCost : Infinity;
      const found = await spurPath(s, spur, i, banned, blocked, limit);
      await checkpoint(s);
      if (found) {
        const nodes = [...last.nodes.slice(0, i), ...found.nodes];
        const key = nodes.join(",");
        if (!known.has(key)) {
          known.add(key);
          candidates.push({ nodes, cost: rootCost + found.cost, specificity: specificityOf(nodes), deviation: i });
        }
      }
      rootCost += forwardHopCost(s, spur, last.nodes[i + 1]!);
    }
    if (candidates.length === 0) break;
    let best = 0;
    for (let c = 1; c < candidates.length; c++) {
      const a = candidates[c]!;
      const b = candidates[best]!;
      if (a.cost < b.cost || (a.cost === b.cost && compareNodes(a.nodes, b.nodes) < 0)) best = c;
    }
    accepted.push(candidates[best]!);
    candidates[best] = candidates[candidates.length - 1]!;
    candidates.pop();
  }
  return accepted.map(({ nodes, cost, specificity }) => ({ nodes, cost, specificity }));
}
