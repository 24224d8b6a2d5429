// The rules that shape a neighbourhood answer, written once for both stores: each candidate's
// relevance score, the cut to the `limit` most relevant, and the summary of what was left out.
// The stores fetch and traverse (every pattern within the depth, and the links reaching each from
// one hop closer); this module ranks. Typed arrays only: the neighbourhood thread bundles it.
// Longer than 400 lines because the score's parts, the cut and the groups share the candidates' typed arrays and are bundled into the neighbourhood thread together.
import { NotFoundError } from "../../core/errors.ts";
import { groupKey, type NeighborhoodCut, type NeighborhoodGroup } from "../../core/neighborhood.ts";
import type { Slug } from "../../core/library.ts";
import { degreeDamping, roundScore } from "./relevance.ts";
import { keptOf } from "./neighborhood-order.ts";
import { FRESH_ARRAYS, type ArraySource } from "./reused-arrays.ts";

/** The ArraySource slots rankReach and keptOf take (neighborhood-order.ts uses RANK_SLOTS.order onwards). */
export const RANK_SLOTS = { score: 0, bestEntry: 2, kept: 3, via: 4, viaType: 5, groupHead: 6, order: 7, groupOf: 11, memberStart: 12, members: 13, flow: 14, cap: 15, bestFlow: 16, groupNext: 18, groupType: 19, groupVia: 20, groupSize: 21, samples: 22, domain: 23 } as const;

/**
 * Every candidate of a neighbourhood (the patterns and placeholders within the depth and filters),
 * as a store found them. Candidate 0 is the centre; candidates are in ascending distance.
 * Its entries say which candidates reach which: entry e joins candidate pred[e], at distance d - 1,
 * to candidate entryTo[e], at distance d, by a followed link (for a placeholder: one that declares
 * it), one entry per such pair, with the strength of the strongest of the followed links between
 * them (relevance.ts linkStrength) and that link's type number (between equally strong links, the
 * type whose name sorts first). Entries come level by level (all those reaching distance 1, then
 * distance 2...), and each candidate's in ascending slug rank of pred; in any other respect in any
 * order (the memory store gives them as it found them, which saves regrouping them per candidate).
 */
export interface Reach {
  count: number;
  slugRank: Int32Array;
  distance: Int8Array;
  /** Resolved links of the candidate in either direction (placeholders: 0). */
  degree: Int32Array;
  /** Per candidate, degreeDamping(degree) when the store keeps it per node (the memory store); else rankReach makes it. */
  damp?: Float64Array;
  entryTo: Int32Array;
  pred: Int32Array;
  strength: Float64Array;
  predType: Int32Array;
  /**
   * The scores and each candidate's best entry when the store made them while it found the
   * entries (the memory store, neighborhood-select.ts reachIn), with rankReach's formula and order:
   * rankReach then only cuts.
   */
  scored?: { score: Float64Array; bestEntry: Int32Array };
}

export interface Ranking {
  /** Per candidate, rounded to relevance.ts SCORE_DIGITS. */
  score: Float64Array;
  /** The kept candidates (the `limit` most relevant), most relevant first. */
  order: Int32Array;
  /**
   * Per candidate, a number that orders candidates as the ranking does (lower: more relevant),
   * distinct per candidate. Only the kept ones and each group's sample need an order, so the rest
   * are never sorted (a full sort of a depth-2 answer's ~1,400 candidates was a tenth of its work).
   */
  sortKey: Float64Array;
  /** 1 for the candidates kept (the first `limit` of `order`). */
  kept: Uint8Array;
  keptCount: number;
  /** Per left-out candidate, the kept candidate it hangs from; -1 for kept ones. */
  via: Int32Array;
  /** Per left-out candidate, the type number of the link by which its branch leaves `via`. */
  viaType: Int32Array;
}

/**
 * Scores, order and cut of the candidates (see findNeighborhood for the definition):
 * score(centre) = 1; for c at distance d >= 1, with entries (u, strength s):
 *   flow(c) = sum over its entries, in their order, of score(u) * s * damp(u) * damp(c)
 *   score(c) = round(min(max over its entries of score(u), flow(c)))
 * where damp(x) = 1 / sqrt(max(1, degree(x))). Order: score descending, then distance, then slug
 * rank. The cap keeps the first `limit`; since no score exceeds that of the best-scored candidate
 * reaching it, and ties go to the nearer one, every kept candidate is joined to a kept one one hop
 * closer: the kept patterns stay connected to the centre.
 * @param arrays where the ranking's arrays come from: by default fresh; the memory store reuses its
 * own, and the ranking is then valid until its next call.
 */
export function rankReach(reach: Reach, limit: number, arrays: ArraySource = FRESH_ARRAYS): Ranking {
  const { count, slugRank, distance, pred, predType } = reach;
  const S = RANK_SLOTS;
  const { score, bestEntry } = reach.scored ?? scoreReach(reach, arrays);
  const keptCount = Math.min(limit, count);
  const { order, sortKey } = keptOf(score, distance, slugRank, keptCount, arrays);
  const kept = arrays.uint8(S.kept, count).fill(0);
  for (let i = 0; i < keptCount; i++) kept[order[i]!] = 1;

  // In distance order, every candidate's best reaching one is placed before it.
  const via = arrays.int32(S.via, count).fill(-1);
  const viaType = arrays.int32(S.viaType, count).fill(-1);
  for (let c = 1; c < count; c++) {
    if (kept[c] === 1) continue;
    const e = bestEntry[c]!;
    const u = pred[e]!;
    if (kept[u] === 1) {
      via[c] = u;
      viaType[c] = predType[e]!;
    } else {
      via[c] = via[u]!;
      viaType[c] = viaType[u]!;
    }
  }
  return { score, order, sortKey, kept, keptCount, via, viaType };
}

/**
 * rankReach's formula in two parts, written once for every store (the memory store scores in its
 * breadth-first pass, neighborhood-select.ts reachIn; the others through scoreReach): what an entry
 * from u adds to its candidate's flow, and the candidate's score once all its entries are added.
 */
export const entryPart = (fromScore: number, strength: number, fromDamp: number): number => fromScore * strength * fromDamp;
export const candidateScore = (cap: number, flow: number, damp: number): number => roundScore(Math.min(cap, flow * damp));

/** The scores and best entries of rankReach, from a Reach's entries (see rankReach for the formula). */
function scoreReach(reach: Reach, arrays: ArraySource): { score: Float64Array; bestEntry: Int32Array } {
  const { count, distance, degree, entryTo, pred, strength } = reach;
  const S = RANK_SLOTS;
  const score = arrays.float64(S.score, count);
  const damp = reach.damp ?? Float64Array.from(degree, degreeDamping);
  /** The entry through which the most flows (first in slug order among equals), per candidate. */
  const bestEntry = arrays.int32(S.bestEntry, count);
  /** Per candidate, while its level's entries are read: what flows in, the best reaching score, the best part. */
  const flow = arrays.float64(S.flow, count);
  const cap = arrays.float64(S.cap, count);
  const bestFlow = arrays.float64(S.bestFlow, count);
  for (let c = 0; c < count; c++) {
    flow[c] = 0;
    cap[c] = 0;
    bestFlow[c] = -1;
    bestEntry[c] = -1;
  }
  if (count > 0) score[0] = 1;
  /** The first candidate whose score is not final yet, and its distance: the candidates before it are scored. */
  let open = 1;
  let openLevel = count > 1 ? distance[1]! : 0;
  for (let e = 0; e < entryTo.length; e++) {
    const c = entryTo[e]!;
    if (distance[c]! > openLevel) {
      // An entry of the next level: every candidate nearer than it is reached by all of its entries.
      for (; open < count && distance[open]! < distance[c]!; open++) score[open] = candidateScore(cap[open]!, flow[open]!, damp[open]!);
      openLevel = distance[c]!;
    }
    const u = pred[e]!;
    const part = entryPart(score[u]!, strength[e]!, damp[u]!);
    flow[c]! += part;
    if (score[u]! > cap[c]!) cap[c] = score[u]!;
    if (part > bestFlow[c]!) {
      bestFlow[c] = part;
      bestEntry[c] = e;
    }
  }
  for (; open < count; open++) score[open] = candidateScore(cap[open]!, flow[open]!, damp[open]!);
  return { score, bestEntry };
}

/** What a store knows by name about its candidates, for the summary of the left-out ones. */
export interface CandidateNames {
  slug(c: number): string;
  /** A number per distinct domain of the library, in the names' order (-1: none, and for placeholders), and its name. */
  domainNumber(c: number): number;
  domainName(d: number): string;
  typeName(t: number): string;
  /** How many type and domain numbers there are (an upper bound). */
  types: number;
  domains: number;
}

/** Left-out candidates with the same via and type (candidate numbers). */
export interface LeftOutGroup {
  key: string;
  via: number;
  type: number;
  /** The members' most common domain (the first by name among equals; undefined when none has one). */
  domain: string | undefined;
  /** Every member, in candidate order (groupPage orders the page's group). */
  members: Int32Array;
  /** The GROUP_SAMPLE most relevant members, most relevant first. */
  sample: number[];
  /** The ranking's sort keys (Ranking.sortKey), by which members are ordered. */
  sortKey: Float64Array;
}

/** How many of a group's members its summary names. */
export const GROUP_SAMPLE = 5;

/**
 * The left-out candidates grouped by via and the type of the link their branch leaves it by, with
 * each group's most relevant members; groups ordered by their most relevant member. Every
 * left-out candidate is in exactly one group.
 */
export function groupLeftOut(ranking: Ranking, names: CandidateNames, limit: number, arrays: ArraySource = FRESH_ARRAYS): LeftOutGroup[] {
  const { kept, sortKey, via, viaType } = ranking;
  const count = kept.length;
  const S = RANK_SLOTS;
  // Groups are numbers while the candidates are read (their objects are made at the end): per via,
  // its first group, and per group the next of the same via, its type, size and sample. A via has a
  // few link types at most, so a short walk finds a group.
  const head = arrays.int32(S.groupHead, count).fill(-1);
  const groupNext = arrays.int32(S.groupNext, count);
  const groupType = arrays.int32(S.groupType, count);
  const groupVia = arrays.int32(S.groupVia, count);
  const size = arrays.int32(S.groupSize, count);
  /** GROUP_SAMPLE slots per group: its most relevant members so far, most relevant first. */
  const samples = arrays.int32(S.samples, count * GROUP_SAMPLE);
  /** Per left-out candidate, its group's number in the order groups were made, and its domain number (read once). */
  const [groupOf, domainOf] = [arrays.int32(S.groupOf, count), arrays.int32(S.domain, count)];
  let groupCount = 0;
  for (let c = 0; c < count; c++) {
    if (kept[c] === 1) continue;
    const v = via[c]!;
    const t = viaType[c]!;
    let g = head[v]!;
    while (g !== -1 && groupType[g] !== t) g = groupNext[g]!;
    if (g === -1) {
      g = groupCount++;
      groupNext[g] = head[v]!;
      head[v] = g;
      groupType[g] = t;
      groupVia[g] = v;
      size[g] = 0;
    }
    groupOf[c] = g;
    domainOf[c] = names.domainNumber(c);
    const n = size[g]!++;
    // The sample kept sorted by insertion: at most GROUP_SAMPLE long.
    const first = g * GROUP_SAMPLE;
    const key = sortKey[c]!;
    if (n >= GROUP_SAMPLE && key > sortKey[samples[first + GROUP_SAMPLE - 1]!]!) continue;
    let at = first + (n >= GROUP_SAMPLE ? GROUP_SAMPLE - 1 : n);
    while (at > first && sortKey[samples[at - 1]!]! > key) {
      samples[at] = samples[at - 1]!;
      at--;
    }
    samples[at] = c;
  }
  // Members laid out group after group, each in candidate order (a counting sort: no array per group).
  const memberStart = arrays.int32(S.memberStart, groupCount + 1);
  let total = 0;
  for (let g = 0; g < groupCount; g++) [memberStart[g], total] = [total, total + size[g]!];
  const members = arrays.int32(S.members, total);
  for (let c = 0; c < count; c++) if (kept[c] !== 1) members[memberStart[groupOf[c]!]!++] = c;
  const groups: LeftOutGroup[] = [];
  for (let g = 0, from = 0; g < groupCount; g++) {
    const [v, t, sample] = [groupVia[g]!, groupType[g]!, [] as number[]];
    for (let i = g * GROUP_SAMPLE; i < g * GROUP_SAMPLE + Math.min(GROUP_SAMPLE, size[g]!); i++) sample.push(samples[i]!);
    groups.push({ key: groupKey(limit, names.slug(v), names.typeName(t)), via: v, type: t, domain: undefined, members: members.subarray(from, memberStart[g]!), sample, sortKey });
    from = memberStart[g]!;
  }
  groups.sort((a, b) => sortKey[a.sample[0]!]! - sortKey[b.sample[0]!]!);
  const counts = new Int32Array(names.domains);
  for (const group of groups) {
    let best = -1;
    const list = group.members;
    for (let i = 0; i < list.length; i++) {
      const d = domainOf[list[i]!]!;
      if (d === -1) continue;
      counts[d]! += 1;
      // Domain numbers follow the names' order: the lower number wins a tie.
      if (best === -1 || counts[d]! > counts[best]! || (counts[d] === counts[best] && d < best)) best = d;
    }
    for (let i = 0; i < list.length; i++) {
      const d = domainOf[list[i]!]!;
      if (d !== -1) counts[d] = 0;
    }
    group.domain = best === -1 ? undefined : names.domainName(best);
  }
  return groups;
}

/** The summary of a cut: every group with its count and sample, and why the answer holds less than `total`. */
export function summarizeCut(
  ranking: Ranking,
  groups: readonly LeftOutGroup[],
  names: CandidateNames,
  limit: number,
): { total: number; groups: NeighborhoodGroup[]; truncated: false | NeighborhoodCut } {
  const total = ranking.score.length;
  if (ranking.keptCount === total) return { total, groups: [], truncated: false };
  const summary = groups.map(
    (g): NeighborhoodGroup => ({
      key: g.key,
      count: g.members.length,
      via: names.slug(g.via) as Slug,
      type: names.typeName(g.type),
      domain: g.domain ?? null,
      sample: g.sample.map((c) => names.slug(c) as Slug),
    }),
  );
  const leftOut = total - ranking.keptCount;
  const message =
    `Kept the ${ranking.keptCount} most relevant of ${total} patterns; ${leftOut} left out, in ${groups.length} ` +
    `group${groups.length === 1 ? "" : "s"} by the kept pattern they hang from and the link type. ` +
    "Raise the limit, filter by link type, or open a group.";
  return {
    total,
    groups: summary,
    truncated: { reason: "node-limit", limit, total, kept: ranking.keptCount, leftOut, groups: groups.length, message },
  };
}

/**
 * The page of a group asked for by `group`, `offset` and `limit` (the page size): its members in
 * order of relevance, and what the answer says about it.
 * @throws NotFoundError (with the cut's group keys as suggestions) when the cut has no such group.
 */
export function groupPage(
  groups: readonly LeftOutGroup[],
  key: string,
  offset: number,
  limit: number,
): { members: number[]; group: { key: string; count: number; offset: number }; truncated: false | NeighborhoodCut } {
  const group = groups.find((g) => g.key === key);
  if (!group) throw new NotFoundError(key, groups.slice(0, 5).map((g) => g.key), "group");
  const { sortKey } = group;
  const members = (offset < GROUP_SAMPLE && offset + limit <= GROUP_SAMPLE ? group.sample : [...group.members].sort((a, b) => sortKey[a]! - sortKey[b]!)).slice(offset, offset + limit);
  const count = group.members.length;
  const more = offset + members.length < count;
  return {
    members,
    group: { key, count, offset },
    truncated: more
      ? {
          reason: "group-page",
          limit,
          offset,
          total: count,
          kept: members.length,
          message: `Members ${offset + 1} to ${offset + members.length} of ${count}; ask for offset=${offset + members.length} for the next.`,
        }
      : false,
  };
}

/** One candidate as a store that fetched it by rows knows it: its slug rank, degree, and the links reaching it. */
export interface FetchedCandidate {
  rank: number;
  degree: number;
  /** The followed links from candidates one hop closer: their slug rank, link type and declared weight. */
  reaching: readonly (readonly [number, string, number | null | undefined])[];
}

/**
 * A Reach from candidates fetched level by level (the centre, then each level's candidates): one
 * entry per reaching candidate with its strongest link (the type name first among equals), in
 * ascending slug rank. `typeNames` names the entries' type numbers; `rankOf` gives each
 * candidate's slug rank.
 */
export function reachFromLevels(
  center: { rank: number; degree: number },
  levels: readonly (readonly FetchedCandidate[])[],
  strengthOf: (type: string, weight: number | null | undefined) => number,
): { reach: Reach; typeNames: string[] } {
  const candidates: FetchedCandidate[] = [{ ...center, reaching: [] }];
  const distances: number[] = [0];
  levels.forEach((level, i) => {
    for (const c of level) {
      candidates.push(c);
      distances.push(i + 1);
    }
  });
  const count = candidates.length;
  const at = new Map<number, number>();
  candidates.forEach((c, i) => at.set(c.rank, i));
  const typeNumber = new Map<string, number>();
  const typeNames: string[] = [];
  const numberOf = (t: string): number => {
    let k = typeNumber.get(t);
    if (k === undefined) {
      typeNumber.set(t, (k = typeNames.length));
      typeNames.push(t);
    }
    return k;
  };
  const entryTo: number[] = [];
  const pred: number[] = [];
  const strength: number[] = [];
  const predType: number[] = [];
  for (let c = 0; c < count; c++) {
    const reaching = candidates[c]!.reaching;
    // Most candidates are reached by one link: no choosing (and no Map, most of this loop's garbage around hubs).
    if (reaching.length === 1) {
      const [from, type, weight] = reaching[0]!;
      entryTo.push(c);
      pred.push(at.get(from)!);
      strength.push(strengthOf(type, weight));
      predType.push(numberOf(type));
      continue;
    }
    const best = new Map<number, { strength: number; type: string }>();
    for (const [from, type, weight] of reaching) {
      const s = strengthOf(type, weight);
      const seen = best.get(from);
      if (!seen || s > seen.strength || (s === seen.strength && type < seen.type)) best.set(from, { strength: s, type });
    }
    for (const from of [...best.keys()].sort((a, b) => a - b)) {
      const entry = best.get(from)!;
      entryTo.push(c);
      pred.push(at.get(from)!);
      strength.push(entry.strength);
      predType.push(numberOf(entry.type));
    }
  }
  const slugRank = new Int32Array(count);
  const degree = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    slugRank[c] = candidates[c]!.rank;
    degree[c] = candidates[c]!.degree;
  }
  return {
    reach: {
      count,
      slugRank,
      distance: Int8Array.from(distances),
      degree,
      entryTo: Int32Array.from(entryTo),
      pred: Int32Array.from(pred),
      strength: Float64Array.from(strength),
      predType: Int32Array.from(predType),
    },
    typeNames,
  };
}
