// A neighbourhood's selection (neighborhood-select.ts selectIn) as the neighbourhood thread sends it
// to the main thread, which writes the answer's JSON from it (neighborhood-json.ts encodeWith): node
// numbers, link ranks, scores and the left-out groups as numbers in two typed arrays (~6 KB for a
// depth-2 answer of the real library) instead of its ~130 KB of JSON, whose writing was a quarter
// of the thread's work while the main thread idled three quarters of its time.
// Imports no graph code: the neighbourhood thread runs it too.
import type { NeighborhoodCut, NeighborhoodGroup } from "../../core/neighborhood.ts";
import { groupKey } from "../../core/neighborhood.ts";
import type { Slug } from "../../core/library.ts";
import type { NeighborhoodNames, NeighborhoodSelection } from "../algorithms/neighborhood-select.ts";

/**
 * A selection in numbers. `ints` holds, one after the other: the answer's node numbers in slug
 * order (nodeCount), their distances (nodeCount), the link ranks (linkCount), then per group its
 * count, type number, domain number (-1: none), sample length, via's node number and its sample's
 * node numbers. `scores` holds the nodes' scores in the nodes' order.
 */
export interface SelectionMessage {
  nodeCount: number;
  linkCount: number;
  groupCount: number;
  ints: Int32Array;
  scores: Float64Array;
  total: number;
  truncated: false | NeighborhoodCut;
}

/** Per group, its count, type, domain and sample length before its node numbers. */
const GROUP_HEAD = 4;

/** Type and domain numbers by name, for packSelection (made once per library). */
export interface NameNumbers {
  type: Map<string, number>;
  domain: Map<string, number>;
}

export function nameNumbers(names: Pick<NeighborhoodNames, "typeNames" | "domainNames">): NameNumbers {
  return { type: new Map(names.typeNames.map((name, t) => [name, t])), domain: new Map(names.domainNames.map((name, d) => [name, d])) };
}

/**
 * `selection` (of a neighbourhood without `group`) in numbers, in fresh memory the caller may move
 * to another thread.
 */
export function packSelection(selection: NeighborhoodSelection, numbers: NameNumbers): SelectionMessage {
  const { nodes, distance, score, linkRanks, groups, groupNodes } = selection;
  if (selection.group !== undefined || groupNodes.length !== groups.length) throw new Error("selection-message.ts packs a cut's answer, not a group's page");
  const nodeCount = nodes.length;
  const linkCount = linkRanks.length;
  let length = 2 * nodeCount + linkCount;
  for (const numbersOf of groupNodes) length += GROUP_HEAD + numbersOf.length;
  const ints = new Int32Array(length);
  const scores = new Float64Array(nodeCount);
  ints.set(nodes, 0);
  for (let i = 0; i < nodeCount; i++) {
    const v = nodes[i]!;
    ints[nodeCount + i] = distance[v]!;
    scores[i] = score[v]!;
  }
  ints.set(linkRanks, 2 * nodeCount);
  let at = 2 * nodeCount + linkCount;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const members = groupNodes[g]!;
    const type = numbers.type.get(group.type);
    const domain = group.domain === null ? -1 : numbers.domain.get(group.domain);
    if (type === undefined || domain === undefined) throw new Error(`selection-message.ts: a group names a type or domain the library does not have (${group.type}, ${group.domain})`);
    ints[at++] = group.count;
    ints[at++] = type;
    ints[at++] = domain;
    ints[at++] = members.length - 1;
    ints.set(members, at);
    at += members.length;
  }
  return { nodeCount, linkCount, groupCount: groups.length, ints, scores, total: selection.total, truncated: selection.truncated };
}

/** Per node number, the distances and scores unpackSelection writes (read only at the answer's nodes), per library. */
const perNode = new WeakMap<NeighborhoodNames, { distance: Int8Array; score: Float64Array }>();

/**
 * The selection packSelection packed, for the library whose names are `names` (the one it was
 * selected from) and the cut's `limit`. Its per-node arrays are reused by the next call for the
 * same library: encode it before asking again.
 */
export function unpackSelection(message: SelectionMessage, names: NeighborhoodNames, limit: number): NeighborhoodSelection {
  const { nodeCount, linkCount, groupCount, ints, scores } = message;
  const { nodeSlugs, typeNames, domainNames } = names;
  let arrays = perNode.get(names);
  if (!arrays) {
    arrays = { distance: new Int8Array(nodeSlugs.length).fill(-1), score: new Float64Array(nodeSlugs.length) };
    perNode.set(names, arrays);
  }
  const { distance, score } = arrays;
  const nodes = ints.subarray(0, nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    const v = nodes[i]!;
    distance[v] = ints[nodeCount + i]!;
    score[v] = scores[i]!;
  }
  const groups: NeighborhoodGroup[] = [];
  const groupNodes: Int32Array[] = [];
  let at = 2 * nodeCount + linkCount;
  for (let g = 0; g < groupCount; g++) {
    const count = ints[at]!;
    const type = typeNames[ints[at + 1]!]!;
    const domain = ints[at + 2]!;
    const sampleLength = ints[at + 3]!;
    const members = ints.subarray(at + GROUP_HEAD, at + GROUP_HEAD + 1 + sampleLength);
    at += GROUP_HEAD + members.length;
    const via = nodeSlugs[members[0]!]! as Slug;
    const sample: Slug[] = [];
    for (let j = 1; j < members.length; j++) sample.push(nodeSlugs[members[j]!]! as Slug);
    groups.push({ key: groupKey(limit, via, type), count, via, type, domain: domain === -1 ? null : domainNames[domain]!, sample });
    groupNodes.push(members);
  }
  return {
    nodes,
    distance,
    score,
    linkRanks: ints.subarray(2 * nodeCount, 2 * nodeCount + linkCount),
    total: message.total,
    groups,
    groupNodes,
    truncated: message.truncated,
  };
}
