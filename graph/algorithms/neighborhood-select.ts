// The search behind a neighbourhood, on typed arrays only: the memory store runs it on the calling
// thread or, in the server, on the neighbourhood thread (graph/neighborhood-thread.ts), whose code is
// bundled from this file, neighborhood-rank.ts and neighborhood-json.ts, so they import nothing but
// types, constants and each other.
// Every candidate within the depth is reached (breadth-first, top-down), the links reaching each
// from one hop closer are read from its own row, and neighborhood-rank.ts scores, cuts and groups.
import type { NeighborhoodCut, NeighborhoodGroup, NeighborhoodOptions } from "../model.ts";
import type { Adjacency } from "./adjacency.ts";
import { groupLeftOut, groupPage, parseGroupKey, rankReach, summarizeCut, type CandidateNames, type Reach } from "./neighborhood-rank.ts";
import { InvalidInputError } from "../errors.ts";

/** A neighbourhood as node numbers and link ranks of the adjacency: what both answers are built from. */
export interface NeighborhoodSelection {
  /** The answer's node numbers (real and placeholder), in slug order. */
  nodes: Int32Array;
  /** Hop count per node number; -1 for nodes not in the answer. */
  distance: Int8Array;
  /** Relevance score per node number (meaningful for the answer's nodes). */
  score: Float64Array;
  /** Ranks (positions by link id) of the answer's links, ascending and distinct. */
  linkRanks: Int32Array;
  total: number;
  groups: NeighborhoodGroup[];
  truncated: false | NeighborhoodCut;
  group?: { key: string; count: number; offset: number };
}

/**
 * What a selection reads of an adjacency: typed arrays, and the names of nodes and types for the
 * summary of left-out nodes, so that a worker thread can hold a copy (neighborhood-thread.ts). Real
 * patterns are node numbers 0..offsets.length - 2, placeholders the numbers after them, up to
 * nodeAtSlugRank.length - 1.
 */
export type NeighborhoodIndex = Pick<
  Adjacency,
  | "offsets"
  | "neighbor"
  | "type"
  | "outward"
  | "strength"
  | "danglingOffsets"
  | "danglingNode"
  | "danglingType"
  | "danglingRank"
  | "declaredByOffsets"
  | "declaredBy"
  | "declaredByType"
  | "declaredByStrength"
  | "degree"
  | "domainNumber"
  | "typeNameRank"
  | "nodeAtSlugRank"
  | "slugRank"
  | "outOffsets"
  | "outNeighbor"
  | "outType"
  | "outRank"
>;

/** The names a selection's summary of left-out nodes uses (neighborhood-thread.ts sends them along). */
export type NeighborhoodNames = Pick<Adjacency, "nodeSlugs" | "domainNames" | "typeNames">;

/** The options a selection needs, checked by the caller. */
export type SelectOptions = Pick<NeighborhoodOptions, "depth" | "limit" | "direction" | "group" | "offset">;

/**
 * Every candidate of the neighbourhood of node number `start` (see findNeighborhood), following the
 * link types whose type numbers are 1 in `mask`, with the links reaching each: a Reach and the node
 * number of each candidate.
 */
export function reachIn(adj: NeighborhoodIndex, start: number, mask: Uint8Array, options: Pick<SelectOptions, "depth" | "direction">): { reach: Reach; node: Int32Array } {
  const { offsets, neighbor, type, outward, strength, danglingOffsets, danglingNode, danglingType, typeNameRank } = adj;
  const followOut = options.direction !== "in";
  const followIn = options.direction !== "out";
  const n = offsets.length - 1;

  const scratch = scratchOf(adj);
  const distance = scratch.distance;
  distance[start] = 0;
  const candidates = [start];
  let frontier = [start];
  for (let d = 1; d <= options.depth && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      if (followOut) {
        for (let e = danglingOffsets[u]!; e < danglingOffsets[u + 1]!; e++) {
          const p = danglingNode[e]!;
          if (distance[p] !== -1 || mask[danglingType[e]!] === 0) continue;
          distance[p] = d;
          candidates.push(p);
        }
      }
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
        const v = neighbor[e]!;
        if (distance[v] !== -1 || mask[type[e]!] === 0 || !(outward[e] === 1 ? followOut : followIn)) continue;
        distance[v] = d;
        candidates.push(v);
        next.push(v);
      }
    }
    frontier = next;
  }

  const count = candidates.length;
  const { at, pred, predStrength, predType } = scratch;
  for (let c = 0; c < count; c++) at[candidates[c]!] = c;
  const predOffsets = new Int32Array(count + 1);
  const slugRankOut = new Int32Array(count);
  const distanceOut = new Int8Array(count);
  const degreeOut = new Int32Array(count);
  const { slugRank, degree, declaredByOffsets, declaredBy, declaredByType, declaredByStrength } = adj;
  let size = 0;
  for (let c = 0; c < count; c++) {
    const v = candidates[c]!;
    const d = distance[v]!;
    slugRankOut[c] = slugRank[v]!;
    distanceOut[c] = d;
    degreeOut[c] = degree[v]!;
    predOffsets[c] = size;
    if (d === 0) continue;
    // One entry per reaching node (rows and declarations are in node order, so its links are
    // consecutive): its strongest followed link, the type name first in order among equals.
    let last = -1;
    if (v < n) {
      // Seen from v's side, an entry is outward when v declared the link: reaching v from the
      // neighbour then goes against the declaration.
      // At distance 1 only the centre reaches v: its entries are found by bisection (the row is in
      // neighbour order), which spares reading whole rows of hubs next to the centre.
      let e = offsets[v]!;
      let end = offsets[v + 1]!;
      if (d === 1) {
        let hi = end;
        while (e < hi) {
          const mid = (e + hi) >>> 1;
          if (neighbor[mid]! < start) e = mid + 1;
          else hi = mid;
        }
        end = e;
        while (end < offsets[v + 1]! && neighbor[end] === start) end++;
      }
      for (; e < end; e++) {
        const u = neighbor[e]!;
        if (distance[u] !== d - 1 || mask[type[e]!] === 0 || !(outward[e] === 1 ? followIn : followOut)) continue;
        const st = strength[e]!;
        const t = type[e]!;
        if (u === last) {
          const i = size - 1;
          if (st > predStrength[i]! || (st === predStrength[i] && typeNameRank[t]! < typeNameRank[predType[i]!]!)) {
            predStrength[i] = st;
            predType[i] = t;
          }
          continue;
        }
        last = u;
        pred[size] = at[u]!;
        predStrength[size] = st;
        predType[size] = t;
        size++;
      }
    } else {
      // A dangling reference is reached only through its declarations: the same keep-the-strongest
      // step as above over other arrays, written out again because this is the thread's innermost
      // loop (a shared closure over the predecessor buffers would be called once per entry).
      const p = v - n;
      for (let e = declaredByOffsets[p]!; e < declaredByOffsets[p + 1]!; e++) {
        const u = declaredBy[e]!;
        const t = declaredByType[e]!;
        if (distance[u] !== d - 1 || mask[t] === 0) continue;
        const st = declaredByStrength[e]!;
        if (u === last) {
          const i = size - 1;
          if (st > predStrength[i]! || (st === predStrength[i] && typeNameRank[t]! < typeNameRank[predType[i]!]!)) {
            predStrength[i] = st;
            predType[i] = t;
          }
          continue;
        }
        last = u;
        pred[size] = at[u]!;
        predStrength[size] = st;
        predType[size] = t;
        size++;
      }
    }
  }
  predOffsets[count] = size;
  // The scratch distances go back to -1 for the next search.
  for (const v of candidates) distance[v] = -1;
  return {
    reach: {
      count,
      slugRank: slugRankOut,
      distance: distanceOut,
      degree: degreeOut,
      predOffsets,
      pred: pred.subarray(0, size),
      strength: predStrength.subarray(0, size),
      predType: predType.subarray(0, size),
    },
    node: Int32Array.from(candidates),
  };
}

/**
 * The neighbourhood of node number `start` (see findNeighborhood), following the link types whose
 * type numbers are 1 in `mask`: its candidates ranked and cut (or, with `options.group`, that
 * group's page), and the links of the answer.
 * @throws InvalidInputError for a group key that is not one, NotFoundError for a group the cut does not have.
 */
export function selectIn(adj: NeighborhoodIndex, names: NeighborhoodNames, start: number, mask: Uint8Array, options: SelectOptions): NeighborhoodSelection {
  let cutLimit = options.limit;
  if (options.group !== undefined) {
    const parsed = parseGroupKey(options.group);
    if (!parsed) throw new InvalidInputError("group", options.group, "a group key from an earlier answer's groups");
    cutLimit = parsed.limit;
  }
  const { reach, node } = reachIn(adj, start, mask, options);
  const ranking = rankReach(reach, cutLimit);
  const candidateNames: CandidateNames = {
    slug: (c) => names.nodeSlugs[node[c]!]!,
    domainNumber: (c) => adj.domainNumber[node[c]!]!,
    domainName: (d) => names.domainNames[d]!,
    typeName: (t) => names.typeNames[t]!,
    types: names.typeNames.length,
    domains: names.domainNames.length,
  };
  const groups = ranking.keptCount < reach.count ? groupLeftOut(ranking, candidateNames, cutLimit) : [];

  const all = adj.nodeAtSlugRank.length;
  // Per node number, reused from one selection to the next (cleared where the last one wrote).
  const scratch = scratchOf(adj);
  const { answerDistance: distance, answerScore: score, member } = scratch;
  for (const v of scratch.touched) {
    distance[v] = -1;
    member[v] = 0;
  }
  scratch.touched = [];
  /** 1: in the answer; 2: kept by the cut but not in the answer (a group page's link ends). */
  const answer: number[] = [];
  let summary: Pick<NeighborhoodSelection, "total" | "groups" | "truncated" | "group">;
  if (options.group === undefined) {
    for (let i = 0; i < ranking.keptCount; i++) answer.push(ranking.order[i]!);
    summary = summarizeCut(ranking, groups, candidateNames, cutLimit);
  } else {
    const page = groupPage(groups, options.group, options.offset ?? 0, options.limit);
    answer.push(...page.members);
    for (let i = 0; i < ranking.keptCount; i++) {
      member[node[ranking.order[i]!]!] = 2;
      scratch.touched.push(node[ranking.order[i]!]!);
    }
    summary = { total: page.group.count, groups: [], truncated: page.truncated, group: page.group };
  }
  for (const c of answer) {
    const v = node[c]!;
    scratch.touched.push(v);
    member[v] = 1;
    distance[v] = reach.distance[c]!;
    score[v] = ranking.score[c]!;
  }
  const nodes = Int32Array.from(answer, (c) => node[c]!).sort((a, b) => adj.slugRank[a]! - adj.slugRank[b]!);

  // Links by their id's rank, read from outward entries only (every link is declared by one of its
  // ends): those between two answer nodes, and in a group's page also those between the page and
  // the kept nodes. Integers sort fast, and a dangling link declared twice has one rank.
  const n = adj.offsets.length - 1;
  const { outOffsets, outNeighbor, outType, outRank, danglingOffsets, danglingNode, danglingType, danglingRank } = adj;
  const ranks: number[] = [];
  const from = options.group === undefined ? nodes : Int32Array.from({ length: all }, (_, v) => v).filter((v) => member[v] !== 0);
  for (const u of from) {
    if (u >= n) continue;
    for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e++) {
      const w = outNeighbor[e]!;
      if (member[w] !== 0 && (member[u] === 1 || member[w] === 1) && mask[outType[e]!] === 1) ranks.push(outRank[e]!);
    }
    for (let e = danglingOffsets[u]!; e < danglingOffsets[u + 1]!; e++) {
      const w = danglingNode[e]!;
      if (member[w] !== 0 && (member[u] === 1 || member[w] === 1) && mask[danglingType[e]!] === 1) ranks.push(danglingRank[e]!);
    }
  }
  return { nodes, distance, score, linkRanks: ascendingDistinct(adj, ranks), ...summary };
}

/**
 * Memory a search reuses from one call to the next, per index: allocated per call, these arrays
 * (~600 KB for the reaching entries, sized for the worst case) made the neighbourhood thread's
 * young generation overflow every few answers. What a call returns (the selection's per-node arrays,
 * the Reach's entries) stays valid until the next call on the same index.
 */
interface Scratch {
  /** Per node number: -1 between searches. */
  distance: Int8Array;
  at: Int32Array;
  pred: Int32Array;
  predStrength: Float64Array;
  predType: Int32Array;
  answerDistance: Int8Array;
  answerScore: Float64Array;
  member: Uint8Array;
  /** Node numbers the last selection wrote into answerDistance and member. */
  touched: number[];
}

const scratches = new WeakMap<NeighborhoodIndex, Scratch>();

function scratchOf(adj: NeighborhoodIndex): Scratch {
  let scratch = scratches.get(adj);
  if (!scratch) {
    const all = adj.nodeAtSlugRank.length;
    // A node is reached from one hop closer through at most its row's entries (or its declarations).
    const entries = adj.offsets[adj.offsets.length - 1]! + adj.declaredBy.length;
    scratch = {
      distance: new Int8Array(all).fill(-1),
      at: new Int32Array(all),
      pred: new Int32Array(entries),
      predStrength: new Float64Array(entries),
      predType: new Int32Array(entries),
      answerDistance: new Int8Array(all).fill(-1),
      answerScore: new Float64Array(all),
      member: new Uint8Array(all),
      touched: [],
    };
    scratches.set(adj, scratch);
  }
  return scratch;
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
