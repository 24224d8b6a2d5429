// The search behind a neighbourhood, on typed arrays only: the memory store runs it on the calling
// thread or, in the server, on the neighbourhood thread (graph/memory/neighborhood-thread.ts), whose
// code is bundled from this file, neighborhood-rank.ts (and its neighborhood-order.ts) and graph/memory/neighborhood-json.ts, so they
// import nothing but types, constants and each other.
// Longer than 400 lines because the breadth-first walk scores as it goes in one loop (closures over its counters cost V8 registers: ~25% slower).
// Every candidate within the depth is reached (breadth-first, top-down), the links reaching each
// from one hop closer are read from its own row, and neighborhood-rank.ts scores, cuts and groups.
import type { NeighborhoodCut, NeighborhoodGroup, NeighborhoodOptions } from "../../core/model.ts";
import type { Adjacency } from "./adjacency.ts";
import { candidateScore, entryPart, groupLeftOut, groupPage, rankReach, summarizeCut, type CandidateNames, type Reach } from "./neighborhood-rank.ts";
import { parseGroupKey } from "../../core/neighborhood.ts";
import { InvalidInputError } from "../../core/errors.ts";
import { reusedArrays, type ArraySource } from "./reused-arrays.ts";
import { ascendingDistinct, ascendingSlugRanks } from "./ascending-ranks.ts";

/** A neighbourhood as node numbers and link ranks of the adjacency: what both answers are built from. */
export interface NeighborhoodSelection {
  /** The answer's node numbers (real and placeholder), in slug order. */
  nodes: Int32Array;
  /** Hop count per node number; -1 for nodes not in the answer. */
  distance: Int8Array;
  /** Relevance score per node number (meaningful for the answer's nodes). */
  score: Float64Array;
  /** Ranks (positions by linkKey) of the answer's links, ascending and distinct. */
  linkRanks: Int32Array;
  total: number;
  groups: NeighborhoodGroup[];
  /** Per group, in order: the node numbers of its via, then its sample (the JSON copies their encoded slugs). */
  groupNodes: Int32Array[];
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
  | "danglingStrength"
  | "degree"
  | "damping"
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
 * number of each candidate. Both stay valid until the next call on the same index (their memory is
 * reused).
 *
 * One breadth-first pass: a frontier node's followed links are the links reaching the candidates
 * one hop further, so each is recorded as it is read (one entry per reaching node, its strongest
 * followed link, the type name first in order among equals). Frontiers are read in ascending node
 * number, which is slug order, so each candidate's entries come in the order Reach asks for.
 * (Reading each candidate's own row again afterwards read ~15,000 entries more per depth-2 answer
 * of the real library, around a hub ten times that.)
 *
 * The scores are made in the same pass (Reach.scored): a level's candidates are scored before the
 * next level is read (their entries are all recorded by then), and each entry adds its part to its
 * candidate's flow as it is recorded, in the order rankReach would add it, so the doubles are
 * rankReach's. (A second pass over the ~3,300 entries of a depth-2 answer, and the per-candidate
 * arrays it cleared and read, were ~40% of rankReach's time.)
 */
export function reachIn(adj: NeighborhoodIndex, start: number, mask: Uint8Array, options: Pick<SelectOptions, "depth" | "direction">): { reach: Reach; node: Int32Array } {
  const { offsets, neighbor, type, outward, strength, danglingOffsets, danglingNode, danglingType, danglingStrength, typeNameRank, slugRank, degree, damping } = adj;
  const followOut = options.direction !== "in";
  const followIn = options.direction !== "out";
  const n = offsets.length - 1;

  const scratch = scratchOf(adj);
  const { distance, at, candidates, frontier, entryTo, entryFrom, entryStrength, entryType } = scratch;
  const { candidateSlugRank: slugRankOut, candidateDistance: distanceOut, candidateDegree: degreeOut, candidateDamp: dampOut } = scratch;
  const { score, bestEntry, open, openLinks } = scratch;
  let count = 0;
  let entries = 0;
  distance[start] = 0;
  at[start] = 0;
  openLinks[0] = -1;
  bestEntry[0] = -1;
  slugRankOut[0] = slugRank[start]!;
  distanceOut[0] = 0;
  degreeOut[0] = degree[start]!;
  dampOut[0] = damping[start]!;
  candidates[count++] = start;
  score[0] = 1;
  frontier[0] = start;
  let frontierSize = 1;
  // Every link followed (the usual request): no entry is checked against the filters.
  let everyLink = followOut && followIn;
  for (let t = 0; t < mask.length && everyLink; t++) everyLink = mask[t] === 1;
  for (let d = 1; d <= options.depth && frontierSize > 0; d++) {
    const levelStart = count;
    for (let i = 0; i < frontierSize; i++) {
      const u = frontier[i]!;
      const from = at[u]!;
      const fromScore = score[from]!;
      const fromDamp = dampOut[from]!;
      // Two stretches: u's dangling declarations (placeholders; followed outward only), then its row.
      // One loop with the candidate's making and the entry's recording written in it: as closures
      // over `count` and `entries` they kept both in memory, not in registers.
      for (let stretch = followOut ? 0 : 1; stretch < 2; stretch++) {
        const row = stretch === 1;
        const nodes = row ? neighbor : danglingNode;
        const types = row ? type : danglingType;
        const strengths = row ? strength : danglingStrength;
        const end = row ? offsets[u + 1]! : danglingOffsets[u + 1]!;
        for (let e = row ? offsets[u]! : danglingOffsets[u]!; e < end; e++) {
          const v = nodes[e]!;
          const t = types[e]!;
          if (!everyLink && (mask[t] === 0 || (row && !(outward[e] === 1 ? followOut : followIn)))) continue;
          let c: number;
          if (distance[v] === -1) {
            // A new candidate at distance d.
            c = count++;
            distance[v] = d;
            at[v] = c;
            candidates[c] = v;
            slugRankOut[c] = slugRank[v]!;
            distanceOut[c] = d;
            degreeOut[c] = degree[v]!;
            dampOut[c] = damping[v]!;
            open[OPEN * c + FLOW] = 0;
            open[OPEN * c + CAP] = 0;
            open[OPEN * c + BEST_PART] = -1;
            openLinks[OPEN * c + LAST_FROM] = -1;
            openLinks[OPEN * c + BEST_ENTRY] = -1;
          } else if (distance[v] !== d) continue;
          else c = at[v]!;
          // The link u -> v: v's entry from u, and its part of v's flow (neighborhood-rank.ts entryPart).
          const st = strengths[e]!;
          const o = OPEN * c;
          if (openLinks[o + LAST_FROM] !== u) {
            openLinks[o + LAST_FROM] = u;
            openLinks[o + LAST_ENTRY] = entries;
            entryTo[entries] = c;
            entryFrom[entries] = from;
            entryStrength[entries] = st;
            entryType[entries] = t;
            const part = entryPart(fromScore, st, fromDamp);
            open[o + FLOW_BEFORE] = open[o + FLOW]!;
            open[o + FLOW]! += part;
            if (fromScore > open[o + CAP]!) open[o + CAP] = fromScore;
            if (part > open[o + BEST_PART]!) {
              open[o + BEST_PART] = part;
              openLinks[o + BEST_ENTRY] = entries;
            }
            entries++;
            continue;
          }
          // A second followed link between u and v replaces the entry's strength when stronger. It is
          // always v's latest entry (u's links are read together), so its part is made again on the flow before it.
          const k = openLinks[o + LAST_ENTRY]!;
          if (st > entryStrength[k]! || (st === entryStrength[k] && typeNameRank[t]! < typeNameRank[entryType[k]!]!)) {
            entryStrength[k] = st;
            entryType[k] = t;
            const part = entryPart(fromScore, st, fromDamp);
            open[o + FLOW] = open[o + FLOW_BEFORE]! + part;
            if (openLinks[o + BEST_ENTRY] === k || part > open[o + BEST_PART]!) {
              open[o + BEST_PART] = part;
              openLinks[o + BEST_ENTRY] = k;
            }
          }
        }
      }
    }
    // This level's entries are all read: its candidates' scores are final (neighborhood-rank.ts candidateScore).
    for (let c = levelStart; c < count; c++) {
      score[c] = candidateScore(open[OPEN * c + CAP]!, open[OPEN * c + FLOW]!, dampOut[c]!);
      bestEntry[c] = openLinks[OPEN * c + BEST_ENTRY]!;
    }
    // The next frontier: this level's patterns (placeholders lead nowhere), in node order.
    frontierSize = 0;
    if (d === options.depth) break;
    for (let c = levelStart; c < count; c++) if (candidates[c]! < n) frontier[frontierSize++] = candidates[c]!;
    let sorted = true;
    for (let i = 1; i < frontierSize && sorted; i++) sorted = frontier[i - 1]! < frontier[i]!;
    if (!sorted) frontier.subarray(0, frontierSize).sort();
  }

  // The scratch distances go back to -1 for the next search.
  for (let c = 0; c < count; c++) distance[candidates[c]!] = -1;
  return {
    reach: {
      count,
      slugRank: slugRankOut.subarray(0, count),
      distance: distanceOut.subarray(0, count),
      degree: degreeOut.subarray(0, count),
      damp: dampOut.subarray(0, count),
      // As found: level by level, and each candidate's from the nodes reaching it in slug order.
      entryTo: entryTo.subarray(0, entries),
      pred: entryFrom.subarray(0, entries),
      strength: entryStrength.subarray(0, entries),
      predType: entryType.subarray(0, entries),
      scored: { score: score.subarray(0, count), bestEntry: bestEntry.subarray(0, count) },
    },
    node: candidates.subarray(0, count),
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
  // Per index, reused from one selection to the next (cleared where the last one wrote).
  const scratch = scratchOf(adj);
  const ranking = rankReach(reach, cutLimit, scratch.rankArrays);
  const candidateNames: CandidateNames = {
    slug: (c) => names.nodeSlugs[node[c]!]!,
    domainNumber: (c) => adj.domainNumber[node[c]!]!,
    domainName: (d) => names.domainNames[d]!,
    typeName: (t) => names.typeNames[t]!,
    types: names.typeNames.length,
    domains: names.domainNames.length,
  };
  const groups = ranking.keptCount < reach.count ? groupLeftOut(ranking, candidateNames, cutLimit, scratch.rankArrays) : [];

  const all = adj.nodeAtSlugRank.length;
  const { answerDistance: distance, answerScore: score, member } = scratch;
  for (const v of scratch.touched) {
    distance[v] = -1;
    member[v] = 0;
  }
  scratch.touched = [];
  /** 1: in the answer; 2: kept by the cut but not in the answer (a group page's link ends). */
  const answer: number[] = [];
  let summary: Pick<NeighborhoodSelection, "total" | "groups" | "truncated" | "group">;
  let groupNodes: Int32Array[] = [];
  if (options.group === undefined) {
    for (let i = 0; i < ranking.keptCount; i++) answer.push(ranking.order[i]!);
    summary = summarizeCut(ranking, groups, candidateNames, cutLimit);
    if (summary.groups.length > 0) {
      groupNodes = groups.map((g) => {
        const numbers = new Int32Array(1 + g.sample.length);
        numbers[0] = node[g.via]!;
        for (let j = 0; j < g.sample.length; j++) numbers[j + 1] = node[g.sample[j]!]!;
        return numbers;
      });
    }
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
  // In slug order: their slug ranks in ascending order (distinct: each node is in the answer once), then the node at each.
  const answerRanks = scratch.rankArrays.int32(SLUG_RANKS_SLOT, answer.length);
  for (let i = 0; i < answer.length; i++) answerRanks[i] = adj.slugRank[node[answer[i]!]!]!;
  const nodes = ascendingSlugRanks(adj, answerRanks);
  for (let i = 0; i < nodes.length; i++) nodes[i] = adj.nodeAtSlugRank[nodes[i]!]!;

  // Links by their id's rank, read from outward entries only (every link is declared by one of its
  // ends): those between two answer nodes, and in a group's page also those between the page and
  // the kept nodes. Integers sort fast, and a dangling link declared twice has one rank.
  const n = adj.offsets.length - 1;
  const { outOffsets, outNeighbor, outType, outRank, danglingOffsets, danglingNode, danglingType, danglingRank } = adj;
  const from = options.group === undefined ? nodes : Int32Array.from({ length: all }, (_, v) => v).filter((v) => member[v] !== 0);
  // At most one rank per outward entry of the nodes read.
  let most = 0;
  for (const u of from) if (u < n) most += outOffsets[u + 1]! - outOffsets[u]! + danglingOffsets[u + 1]! - danglingOffsets[u]!;
  const ranks = scratch.rankArrays.int32(LINK_RANKS_SLOT, most);
  let found = 0;
  for (const u of from) {
    if (u >= n) continue;
    for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e++) {
      const w = outNeighbor[e]!;
      if (member[w] !== 0 && (member[u] === 1 || member[w] === 1) && mask[outType[e]!] === 1) ranks[found++] = outRank[e]!;
    }
    for (let e = danglingOffsets[u]!; e < danglingOffsets[u + 1]!; e++) {
      const w = danglingNode[e]!;
      if (member[w] !== 0 && (member[u] === 1 || member[w] === 1) && mask[danglingType[e]!] === 1) ranks[found++] = danglingRank[e]!;
    }
  }
  return { nodes, distance, score, linkRanks: ascendingDistinct(adj, ranks.subarray(0, found)), groupNodes, ...summary };
}

/**
 * Memory a search reuses from one call to the next, per index: allocated per call, these arrays
 * (~600 KB for the reaching entries, sized for the worst case) made the neighbourhood thread's
 * young space (V8's new space) overflow every few answers. What a call returns (the selection's per-node arrays,
 * the Reach's entries) stays valid until the next call on the same index.
 */
interface Scratch {
  /** Per node number: -1 between searches. */
  distance: Int8Array;
  /** Per node number: its candidate number in the current search. */
  at: Int32Array;
  /** Per candidate number: its node number. */
  candidates: Int32Array;
  frontier: Int32Array;
  /** Entries in the order they were found (the Reach's): the candidate reached, the candidate reaching it, the link. */
  entryTo: Int32Array;
  entryFrom: Int32Array;
  entryStrength: Float64Array;
  entryType: Int32Array;
  candidateSlugRank: Int32Array;
  candidateDistance: Int8Array;
  candidateDegree: Int32Array;
  candidateDamp: Float64Array;
  /** Per candidate, the scores and best entries made in the breadth-first pass (Reach.scored). */
  score: Float64Array;
  bestEntry: Int32Array;
  /**
   * Per candidate while its level is read, OPEN numbers each, side by side (see FLOW...): rankReach's
   * flow, cap and best part, the flow before the latest entry; the node of its latest entry, that
   * entry, its best entry. An entry touches two cache lines of these instead of one per array (seven).
   */
  open: Float64Array;
  openLinks: Int32Array;
  answerDistance: Int8Array;
  answerScore: Float64Array;
  member: Uint8Array;
  /** Node numbers the last selection wrote into answerDistance and member. */
  touched: number[];
  /** The ranking's arrays (neighborhood-rank.ts rankReach, groupLeftOut). */
  rankArrays: ArraySource;
}

const scratches = new WeakMap<NeighborhoodIndex, Scratch>();
/** Scratch.open's numbers per candidate, and their places: in `open`, FLOW..BEST_PART; in `openLinks`, LAST_FROM..BEST_ENTRY. */
const OPEN = 4;
const FLOW = 0;
const FLOW_BEFORE = 1;
const CAP = 2;
const BEST_PART = 3;
const LAST_FROM = 0;
const LAST_ENTRY = 1;
const BEST_ENTRY = 2;
/** The rankArrays slot selectIn gathers the answer's link ranks in (after neighborhood-rank.ts's and neighborhood-order.ts's). */
const LINK_RANKS_SLOT = 17;
/** The rankArrays slot the answer's slug ranks are gathered in before their order is read. */
const SLUG_RANKS_SLOT = 24;

function scratchOf(adj: NeighborhoodIndex): Scratch {
  let scratch = scratches.get(adj);
  if (!scratch) {
    const all = adj.nodeAtSlugRank.length;
    // A candidate is reached through at most its row's entries (or its declarations).
    const entries = adj.offsets[adj.offsets.length - 1]! + adj.danglingNode.length;
    scratch = {
      distance: new Int8Array(all).fill(-1),
      at: new Int32Array(all),
      candidates: new Int32Array(all),
      frontier: new Int32Array(all),
      entryTo: new Int32Array(entries),
      entryFrom: new Int32Array(entries),
      entryStrength: new Float64Array(entries),
      entryType: new Int32Array(entries),
      candidateSlugRank: new Int32Array(all),
      candidateDistance: new Int8Array(all),
      candidateDegree: new Int32Array(all),
      candidateDamp: new Float64Array(all),
      score: new Float64Array(all),
      bestEntry: new Int32Array(all),
      open: new Float64Array(OPEN * all),
      openLinks: new Int32Array(OPEN * all),
      answerDistance: new Int8Array(all).fill(-1),
      answerScore: new Float64Array(all),
      member: new Uint8Array(all),
      touched: [],
      rankArrays: reusedArrays(),
    };
    scratches.set(adj, scratch);
  }
  return scratch;
}
