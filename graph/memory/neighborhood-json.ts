// The JSON bytes of a neighbourhood, copied from the encoded nodes and links of the graph instead of
// serialised per answer: on the real library a depth-2 neighbourhood is ~1,400 links and ~300 KB,
// and building its objects, JSON.stringify and UTF-8 encoding cost more than finding it. Only the
// parts that change per answer (each node's score, the total, the groups, the cut) are written afresh.
// Imports no graph code: the neighbourhood thread runs it too.
import type { Adjacency } from "../algorithms/adjacency.ts";
import type { NeighborhoodSelection } from "../algorithms/neighborhood-select.ts";
import { QUERY_LIMITS } from "../../core/query-limits.ts";
import { ITEMS_PER_STEP, runNow, type Steps } from "../sliced-work.ts";
import { scoreDigits, writeScore } from "./score-json.ts";

/**
 * Every node's and link's JSON, each with a leading comma (dropped for the first of a list), laid
 * end to end in the order answers list them: nodes by slug rank, links by linkKey rank.
 */
export interface Encoded {
  nodes: Buffer;
  /** Node at slug rank r: bytes nodeStart[r] .. nodeStart[r + 1]. */
  nodeStart: Int32Array;
  links: Buffer;
  /** Link at rank r: bytes linkStart[r] .. linkStart[r + 1]. */
  linkStart: Int32Array;
  /** The distance record's keys `,"slug":`, for node number v at bytes entryStart[v] .. entryStart[v + 1] (its distance, one digit, follows). */
  entries: Buffer;
  entryStart: Int32Array;
  /** Per node number: its slug as an array index when JSON.stringify writes it first (a slug like "42"), else -1. */
  indexKey: Float64Array;
}

const latin1 = (s: string): Buffer => Buffer.from(s, "latin1");
/** The bytes between a Subgraph's parts, as JSON.stringify writes them (its keys in the order both stores build them). */
export const SUBGRAPH_JSON = {
  open: latin1('{"center":'),
  nodes: latin1(',"nodes":['),
  links: latin1('],"links":['),
  distance: latin1('],"distance":{'),
  total: latin1('},"total":'),
} as const;
const { open: OPEN, nodes: NODES, links: LINKS, distance: DISTANCE, total: TOTAL } = SUBGRAPH_JSON;
/** Property keys JSON.stringify orders first, numerically: canonical array indices (ECMA-262 OrdinaryOwnPropertyKeys). */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
/** A distance is written as one digit. */
const DIGIT_0 = 0x30;
const SCORE_KEY = latin1(',"score":');
const CLOSE_BRACE = 0x7d;

const encodings = new WeakMap<Adjacency, Encoded>();

/** Made on the first answer of a library (50-100 ms and ~6 MB for the real one), kept while the graph lives. */
export function encodedOf(adj: Adjacency): Encoded {
  return encodings.get(adj) ?? runNow(encodedSteps(adj));
}

/** encodedOf as steps (sliced-work.ts): makes and keeps the encoding unless it is kept already. */
export function* encodedSteps(adj: Adjacency): Steps<Encoded> {
  let encoded = encodings.get(adj);
  if (encoded) return encoded;
  function* lay<T>(items: readonly T[], text: (item: T) => string): Steps<{ bytes: Buffer; start: Int32Array }> {
    const chunks: Buffer[] = [];
    for (let i = 0; i < items.length; i++) {
      if (i % ITEMS_PER_STEP === 0) yield;
      chunks.push(Buffer.from(`,${text(items[i])}`));
    }
    const start = new Int32Array(chunks.length + 1);
    chunks.forEach((chunk, i) => (start[i + 1] = start[i]! + chunk.length));
    yield;
    return { bytes: Buffer.concat(chunks, start[chunks.length]), start };
  }
  if (QUERY_LIMITS.neighborhoodDepth.max > 9) throw new Error("neighborhood-json.ts writes a distance as one digit");
  const nodes = yield* lay(Array.from(adj.nodeAtSlugRank, (v) => adj.nodeViews[v]), (view) => JSON.stringify(view));
  const links = yield* lay(adj.linkViews, (view) => JSON.stringify(view));
  const indexKey = new Float64Array(adj.nodeViews.length).fill(-1);
  adj.nodeViews.forEach((view, v) => {
    if (ARRAY_INDEX.test(view.slug) && Number(view.slug) < 2 ** 32 - 1) indexKey[v] = Number(view.slug);
  });
  yield;
  const entries = yield* lay(adj.nodeViews, (view) => `${JSON.stringify(view.slug)}:`);
  encoded = {
    nodes: nodes.bytes,
    nodeStart: nodes.start,
    links: links.bytes,
    linkStart: links.start,
    entries: entries.bytes,
    entryStart: entries.start,
    indexKey,
  };
  encodings.set(adj, encoded);
  return encoded;
}

/**
 * The encoded items as views, one per node (without its closing brace: the score follows), link and
 * distance key, made once per Encoded (~40,000 on the real library, ~4 MB). An answer is ~700
 * stretches of these; copying a stretch with Buffer#copy or a fresh subarray cost ~200-300 ns a call,
 * measured as a sixth of the neighbourhood thread's time, TypedArray#set of a view made beforehand ~25 ns.
 */
interface Views {
  /** Per slug rank: the node's JSON without its closing brace, followed by `,"score":` (its score follows). */
  node: Uint8Array[];
  link: Uint8Array[];
  entry: Uint8Array[];
  /** Whether any slug is an array index (Encoded.indexKey): else an answer's distance keys need no reordering. */
  indexKeys: boolean;
}

/** The score digits of an answer's nodes, reused from one answer to the next (grown as needed). */
let scoreMemory = { scoreLength: new Int32Array(256), scoreM: new Int32Array(256), scoreN: new Int32Array(256) };

function scoreArrays(length: number): typeof scoreMemory {
  if (scoreMemory.scoreLength.length < length) {
    const size = 2 ** Math.ceil(Math.log2(length));
    scoreMemory = { scoreLength: new Int32Array(size), scoreM: new Int32Array(size), scoreN: new Int32Array(size) };
  }
  return scoreMemory;
}

const viewsByEncoding = new WeakMap<Encoded, Views>();

/** Makes now the views encodeWith's first answer from `encoded` would (~10 ms for the real library). */
export function prepareViews(encoded: Encoded): void {
  viewsOf(encoded);
}

function viewsOf(encoded: Encoded): Views {
  let views = viewsByEncoding.get(encoded);
  if (!views) {
    const cut = (bytes: Uint8Array, start: Int32Array, trim: number): Uint8Array[] =>
      Array.from({ length: start.length - 1 }, (_, i) => bytes.subarray(start[i]!, start[i + 1]! - trim));
    // Each node's key `,"score":` laid after it once here (8 bytes more a node) instead of copied byte
    // by byte after it in every answer.
    const { nodes, nodeStart } = encoded;
    const count = nodeStart.length - 1;
    const scored = Buffer.allocUnsafe(nodes.length + count * (SCORE_KEY.length - 1));
    const scoredStart = new Int32Array(count + 1);
    for (let r = 0, at = 0; r < count; r++) {
      at += nodes.copy(scored, at, nodeStart[r]!, nodeStart[r + 1]! - 1);
      at += SCORE_KEY.copy(scored, at);
      scoredStart[r + 1] = at;
    }
    views = {
      node: cut(scored, scoredStart, 0),
      link: cut(encoded.links, encoded.linkStart, 0),
      entry: cut(encoded.entries, encoded.entryStart, 0),
      indexKeys: encoded.indexKey.some((key) => key !== -1),
    };
    viewsByEncoding.set(encoded, views);
  }
  return views;
}

/** The JSON of the Subgraph findNeighborhood builds from `selection`, written into memory from `allocate`. */
export function encodeSelection(
  adj: Adjacency,
  center: string,
  selection: NeighborhoodSelection,
  allocate: (length: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  return encodeWith(encodedOf(adj), adj.slugRank, center, selection, allocate);
}

/**
 * The end of the answer after `"total":` when it has no groups: the total, the cut and (for a
 * group's page) the group, as JSON.stringify writes them.
 */
function tail(selection: NeighborhoodSelection): string {
  const { total, groups, truncated, group } = selection;
  const end = `${total},"groups":${groups.length === 0 ? "[]" : JSON.stringify(groups)},"truncated":${JSON.stringify(truncated)}`;
  return group === undefined ? `${end}}` : `${end},"group":${JSON.stringify(group)}}`;
}

/**
 * The groups' JSON written from bytes instead of JSON.stringify (measured ~40 us of a depth-2
 * answer's ~0.8 ms for its ~30 groups, ~8 KB): slugs copied from the encoded distance keys, the few
 * other strings (link types, domains) quoted once and kept. Byte for byte JSON.stringify(groups).
 */
const GROUP_JSON = {
  key: latin1('{"key":"'),
  count: latin1('","count":'),
  via: latin1(',"via":'),
  type: latin1(',"type":'),
  domain: latin1(',"domain":'),
  sample: latin1(',"sample":['),
  end: latin1("]}"),
  none: latin1("null"),
} as const;

/** JSON-quoted UTF-8 of the few strings groups repeat (link types, domains), kept across answers. */
const quotedTexts = new Map<string, Buffer>();
const MAX_QUOTED_TEXTS = 4096;

function quotedText(text: string): Buffer {
  let bytes = quotedTexts.get(text);
  if (!bytes) {
    if (quotedTexts.size >= MAX_QUOTED_TEXTS) quotedTexts.clear();
    bytes = Buffer.from(JSON.stringify(text));
    quotedTexts.set(text, bytes);
  }
  return bytes;
}

/** The ASCII digits of a non-negative integer. */
const digitCount = (n: number): number => (n < 10 ? 1 : Math.floor(Math.log10(n)) + 1);

function writeDigits(out: Buffer, at: number, n: number): number {
  const end = at + digitCount(n);
  for (let j = end - 1; j >= at; j--) {
    out[j] = DIGIT_0 + (n % 10);
    n = (n - (n % 10)) / 10;
  }
  return end;
}

/** The byte length of the groups' JSON (writeGroups). */
function groupsLength(encoded: Encoded, selection: NeighborhoodSelection): number {
  const { groups, groupNodes } = selection;
  const { entryStart } = encoded;
  const G = GROUP_JSON;
  let length = 2 + groups.length - 1;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const numbers = groupNodes[i]!;
    const via = numbers[0]!;
    // A distance key `,"slug":` holds the quoted slug and 2 bytes more.
    const viaQuoted = entryStart[via + 1]! - entryStart[via]! - 2;
    const typeQuoted = quotedText(g.type).length;
    length += G.key.length + g.key.indexOf("|") + 1 + (viaQuoted - 2) + 1 + (typeQuoted - 2) + G.count.length + digitCount(g.count);
    length += G.via.length + viaQuoted + G.type.length + typeQuoted + G.domain.length + (g.domain === null ? G.none.length : quotedText(g.domain).length);
    length += G.sample.length + G.end.length + numbers.length - 2;
    for (let j = 1; j < numbers.length; j++) length += entryStart[numbers[j]! + 1]! - entryStart[numbers[j]!]! - 2;
  }
  return length;
}

/** Writes JSON.stringify(selection.groups) at `at`; gives the offset after it. */
function writeGroups(out: Buffer, at: number, entry: readonly Uint8Array[], selection: NeighborhoodSelection): number {
  const { groups, groupNodes } = selection;
  const G = GROUP_JSON;
  const put = (bytes: Uint8Array, from: number, to: number): void => {
    for (let j = from; j < to; j++) out[at++] = bytes[j]!;
  };
  /**
   * Node v's quoted slug (`trim` 1: without its quotes), copied whole from its distance key
   * `,"slug":` (one TypedArray#set instead of a byte loop): the key's first `1 + trim` bytes land on
   * bytes already written, which are put back, and its last `1 + trim` on bytes written next.
   */
  const slug = (v: number, trim: number): void => {
    const key = entry[v]!;
    const before = at - 1 - trim;
    const b0 = out[before]!;
    const b1 = out[at - 1]!;
    out.set(key, before);
    out[before] = b0;
    out[at - 1] = b1;
    at += key.length - 2 - 2 * trim;
  };
  out[at++] = 0x5b;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const numbers = groupNodes[i]!;
    if (i > 0) out[at++] = 0x2c;
    const type = quotedText(g.type);
    // The key: the cut's limit, the via slug and the type, joined by "|" (core/neighborhood.ts groupKey).
    put(G.key, 0, G.key.length);
    for (let j = 0, bar = g.key.indexOf("|"); j < bar; j++) out[at++] = g.key.charCodeAt(j);
    out[at++] = 0x7c;
    slug(numbers[0]!, 1);
    out[at++] = 0x7c;
    put(type, 1, type.length - 1);
    put(G.count, 0, G.count.length);
    at = writeDigits(out, at, g.count);
    put(G.via, 0, G.via.length);
    slug(numbers[0]!, 0);
    put(G.type, 0, G.type.length);
    put(type, 0, type.length);
    put(G.domain, 0, G.domain.length);
    const domain = g.domain === null ? G.none : quotedText(g.domain);
    put(domain, 0, domain.length);
    put(G.sample, 0, G.sample.length);
    for (let j = 1; j < numbers.length; j++) {
      if (j > 1) out[at++] = 0x2c;
      slug(numbers[j]!, 0);
    }
    put(G.end, 0, G.end.length);
  }
  out[at++] = 0x5d;
  return at;
}

/** encodeSelection from the encoded library and its slug ranks alone (what a worker thread holds). */
export function encodeWith(
  encoded: Encoded,
  slugRank: Int32Array,
  center: string,
  selection: NeighborhoodSelection,
  allocate: (length: number) => Buffer,
): Buffer {
  const views = viewsOf(encoded);
  const { indexKey } = encoded;
  const { nodes, linkRanks, distance } = selection;
  const centerText = JSON.stringify(center);
  // With groups, the text around them, and the groups written from bytes; else all as text.
  const byBytes = selection.groups.length > 0 && selection.groupNodes.length === selection.groups.length;
  const tailText = byBytes ? `${selection.total},"groups":` : tail(selection);
  const endText = byBytes ? tail({ ...selection, total: 0, groups: [] }).slice(`0,"groups":[]`.length) : "";
  // Scores as JSON.stringify writes numbers (ASCII): digits and point, or (rarely, e.g. the centre's 1) a string.
  const { scoreLength, scoreM, scoreN } = scoreArrays(nodes.length);
  let scoreText: (string | undefined)[] | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const score = selection.score[nodes[i]!]!;
    let length = scoreDigits(score, i, scoreM, scoreN);
    if (length === -1) {
      scoreText ??= [];
      scoreText[i] = String(score);
      length = scoreText[i]!.length;
    }
    scoreLength[i] = length;
  }

  // Slugs that are array indices come first in JSON.stringify's key order, by value; then the rest in insertion (slug) order.
  let order: ArrayLike<number> = nodes;
  if (views.indexKeys && nodes.some((v) => indexKey[v] !== -1)) {
    const indices = Array.from(nodes).filter((v) => indexKey[v] !== -1);
    order = [...indices.sort((a, b) => indexKey[a]! - indexKey[b]!), ...Array.from(nodes).filter((v) => indexKey[v] === -1)];
  }

  // The length first, then the bytes in one pass; a list's first item loses its leading comma.
  let length = OPEN.length + Buffer.byteLength(centerText) + NODES.length + LINKS.length + DISTANCE.length + TOTAL.length + Buffer.byteLength(tailText);
  if (byBytes) length += groupsLength(encoded, selection) + Buffer.byteLength(endText);
  const { nodeStart, linkStart, entryStart } = encoded;
  for (let i = 0; i < nodes.length; i++) {
    const r = slugRank[nodes[i]!]!;
    length += nodeStart[r + 1]! - nodeStart[r]! - 1 + SCORE_KEY.length + scoreLength[i]! + 1;
  }
  for (let i = 0; i < linkRanks.length; i++) length += linkStart[linkRanks[i]! + 1]! - linkStart[linkRanks[i]!]!;
  for (let i = 0; i < nodes.length; i++) length += entryStart[nodes[i]! + 1]! - entryStart[nodes[i]!]! + 1;
  if (nodes.length > 0) length -= 2;
  if (linkRanks.length > 0) length -= 1;

  const out = allocate(length);
  let at = 0;
  const put = (bytes: Uint8Array, skip: number): void => {
    out.set(skip === 0 ? bytes : bytes.subarray(skip), at);
    at += bytes.length - skip;
  };
  put(OPEN, 0);
  at += out.write(centerText, at);
  put(NODES, 0);
  for (let i = 0; i < nodes.length; i++) {
    put(views.node[slugRank[nodes[i]!]!]!, i === 0 ? 1 : 0);
    const text = scoreText?.[i];
    if (text === undefined) at = writeScore(out, at, scoreM[i]!, scoreN[i]!, scoreLength[i]!);
    else for (let j = 0; j < text.length; j++) out[at++] = text.charCodeAt(j);
    out[at++] = CLOSE_BRACE;
  }
  put(LINKS, 0);
  for (let i = 0; i < linkRanks.length; i++) put(views.link[linkRanks[i]!]!, i === 0 ? 1 : 0);
  put(DISTANCE, 0);
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    put(views.entry[v]!, i === 0 ? 1 : 0);
    out[at++] = DIGIT_0 + distance[v]!;
  }
  put(TOTAL, 0);
  at += out.write(tailText, at);
  if (byBytes) {
    at = writeGroups(out, at, views.entry, selection);
    at += out.write(endText, at);
  }
  if (at !== length) throw new Error(`neighborhood-json.ts wrote ${at} bytes of ${length}`);
  return out;
}
