// The JSON bytes of a neighbourhood, copied from the encoded nodes and links of the graph instead of
// serialised per answer: on the real library a depth-2 neighbourhood is ~1,400 links and ~300 KB,
// and building its objects, JSON.stringify and UTF-8 encoding cost more than finding it. Only the
// parts that change per answer (each node's score, the total, the groups, the cut) are written afresh.
import type { Adjacency } from "./adjacency.ts";
import type { NeighborhoodSelection } from "./neighborhood-select.ts";
import { QUERY_LIMITS } from "./query-options.ts";
import { ITEMS_PER_STEP, runNow, type Steps } from "../sliced-work.ts";

/**
 * Every node's and link's JSON, each with a leading comma (dropped for the first of a list), laid
 * end to end in the order answers list them: nodes by slug rank, links by id rank, so the stretch
 * of an answer's consecutive items is copied at once. On the real library a depth-2 answer's 1,400
 * links come in a few hundred such stretches: links point mostly at the patterns whose slugs sort
 * first, which are the ones a neighbourhood keeps, so a kept pattern's links are mostly all kept.
 */
export interface Encoded {
  nodes: Buffer;
  /** Node at slug rank r: bytes nodeStart[r] .. nodeStart[r + 1]. */
  nodeStart: Int32Array;
  links: Buffer;
  /** Link at rank r: bytes linkStart[r] .. linkStart[r + 1]. */
  linkStart: Int32Array;
  /** The distance record's entries `,"slug":d`, for node number v and distance d at bytes entryStart[v * DISTANCES + d] .. entryStart[v * DISTANCES + d + 1]. */
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
/** Distances 0 to the deepest neighbourhood asked for. */
const DISTANCES = QUERY_LIMITS.neighborhoodDepth.max + 1;
/** Property keys JSON.stringify orders first, numerically: canonical array indices (ECMA-262 OrdinaryOwnPropertyKeys). */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

const encodings = new WeakMap<Adjacency, Encoded>();

/** JSON text laid out as it is (a distance entry is a key and a value, not a JSON value of its own). */
class RawJson {
  constructor(readonly json: string) {}
}

/** Made on the first answer of a library (50-100 ms and ~6 MB for the real one), kept while the graph lives. */
export function encodedOf(adj: Adjacency): Encoded {
  return encodings.get(adj) ?? runNow(encodedSteps(adj));
}

/** encodedOf as steps (sliced-work.ts): makes and keeps the encoding unless it is kept already. */
export function* encodedSteps(adj: Adjacency): Steps<Encoded> {
  let encoded = encodings.get(adj);
  if (encoded) return encoded;
  function* lay(items: readonly unknown[]): Steps<{ bytes: Buffer; start: Int32Array }> {
    const chunks: Buffer[] = [];
    for (let i = 0; i < items.length; i++) {
      if (i % ITEMS_PER_STEP === 0) yield;
      const item = items[i];
      chunks.push(Buffer.from(`,${item instanceof RawJson ? item.json : JSON.stringify(item)}`));
    }
    const start = new Int32Array(chunks.length + 1);
    chunks.forEach((chunk, i) => (start[i + 1] = start[i]! + chunk.length));
    yield;
    return { bytes: Buffer.concat(chunks, start[chunks.length]), start };
  }
  const nodes = yield* lay(Array.from(adj.nodeAtSlugRank, (v) => adj.nodeViews[v]));
  const links = yield* lay(adj.linkViews);
  const indexKey = new Float64Array(adj.nodeViews.length).fill(-1);
  adj.nodeViews.forEach((view, v) => {
    if (ARRAY_INDEX.test(view.slug) && Number(view.slug) < 2 ** 32 - 1) indexKey[v] = Number(view.slug);
  });
  yield;
  const entries = yield* lay(adj.nodeViews.flatMap((view) => Array.from({ length: DISTANCES }, (_, d) => new RawJson(`${JSON.stringify(view.slug)}:${d}`))));
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

/** Pieces shorter than this are copied byte by byte (see Pieces.join). */
const SHORT_PIECE = 24;

/** Stretches [from, to) of a byte source, in answer order; the first of a list loses its comma. */
class Pieces {
  readonly sources: Buffer[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  length = 0;

  add(source: Buffer, from: number, to: number): void {
    this.sources.push(source);
    this.from.push(from);
    this.to.push(to);
    this.length += to - from;
  }

  whole(source: Buffer): void {
    this.add(source, 0, source.length);
  }

  /** Adds the items at ranks `ranks` (ascending) of a laid-out list, one stretch per run of consecutive ranks. */
  runs(source: Buffer, start: Int32Array, ranks: Int32Array): void {
    const first = this.sources.length;
    for (let i = 0; i < ranks.length; ) {
      let j = i + 1;
      while (j < ranks.length && ranks[j] === ranks[j - 1]! + 1) j++;
      this.add(source, start[ranks[i]!]!, start[ranks[j - 1]! + 1]!);
      i = j;
    }
    this.dropLeadingComma(first);
  }

  dropLeadingComma(index: number): void {
    if (index < this.sources.length) {
      this.from[index]! += 1;
      this.length -= 1;
    }
  }

  join(allocate: (length: number) => Buffer): Buffer {
    const out = allocate(this.length);
    let offset = 0;
    for (let i = 0; i < this.sources.length; i++) {
      const source = this.sources[i]!;
      const from = this.from[i]!;
      const to = this.to[i]!;
      if (to - from < SHORT_PIECE) {
        // A call into Buffer#copy costs more than copying a piece this short byte by byte (a node's
        // score is one of ~200 such pieces of a depth-2 answer); longer ones copy faster natively.
        for (let j = from; j < to; j++) out[offset++] = source[j]!;
      } else offset += source.copy(out, offset, from, to);
    }
    return out;
  }
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
 * The end of the answer after `"total":`: the total, the groups, the cut and (for a group's page)
 * the group, as JSON.stringify writes them (small: at most a few hundred groups of 5 slugs).
 */
function tail(selection: NeighborhoodSelection): string {
  const { total, groups, truncated, group } = selection;
  const end = `${total},"groups":${JSON.stringify(groups)},"truncated":${JSON.stringify(truncated)}`;
  return group === undefined ? `${end}}` : `${end},"group":${JSON.stringify(group)}}`;
}

/** encodeSelection from the encoded library and its slug ranks alone (what a worker thread holds). */
export function encodeWith(
  encoded: Encoded,
  slugRank: Int32Array,
  center: string,
  selection: NeighborhoodSelection,
  allocate: (length: number) => Buffer,
): Buffer {
  const { nodes, nodeStart, links, linkStart, entries, entryStart, indexKey } = encoded;
  const pieces = new Pieces();
  pieces.whole(OPEN);
  pieces.whole(Buffer.from(JSON.stringify(center)));
  pieces.whole(NODES);
  // Each node's encoded JSON without its closing brace, then its score: `,"score":0.0123}`, all the
  // scores written into one buffer.
  let scoreText = "";
  const scoreEnd = new Int32Array(selection.nodes.length);
  for (let i = 0; i < selection.nodes.length; i++) {
    scoreText += `,"score":${selection.score[selection.nodes[i]!]!}}`;
    scoreEnd[i] = scoreText.length;
  }
  const scores = latin1(scoreText);
  for (let i = 0; i < selection.nodes.length; i++) {
    const r = slugRank[selection.nodes[i]!]!;
    pieces.add(nodes, nodeStart[r]!, nodeStart[r + 1]! - 1);
    pieces.add(scores, i === 0 ? 0 : scoreEnd[i - 1]!, scoreEnd[i]!);
  }
  if (selection.nodes.length > 0) pieces.dropLeadingComma(3);
  pieces.whole(LINKS);
  pieces.runs(links, linkStart, selection.linkRanks);
  pieces.whole(DISTANCE);

  // Slugs that are array indices come first in JSON.stringify's key order, by value; then the rest in insertion (slug) order.
  let order: ArrayLike<number> = selection.nodes;
  if (selection.nodes.some((v) => indexKey[v] !== -1)) {
    const indices = Array.from(selection.nodes).filter((v) => indexKey[v] !== -1);
    order = [...indices.sort((a, b) => indexKey[a]! - indexKey[b]!), ...Array.from(selection.nodes).filter((v) => indexKey[v] === -1)];
  }
  const first = pieces.sources.length;
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    const at = v * DISTANCES + selection.distance[v]!;
    pieces.add(entries, entryStart[at]!, entryStart[at + 1]!);
  }
  pieces.dropLeadingComma(first);
  pieces.whole(TOTAL);
  pieces.whole(Buffer.from(tail(selection)));
  return pieces.join(allocate);
}
