// Path ranking for a store that fetches the graph as it goes (Neo4j): a bidirectional breadth-first
// expansion asks the store for the links of one frontier at a time, only as deep as the paths
// asked for need, and the fetched subgraph is ranked by the same k-shortest search as the memory
// store's whole graph. The store fetches and traverses; the rules that rank are written once.
//
// Why the answer is the same as on the whole graph: once the levels expanded from `from` (i) and
// from `to` (j) satisfy l <= i + j + 2, every link of every path of at most l hops touches an
// expanded node (node m of such a path is within m hops of `from` and l - m of `to`), and
// expanding a node fetches all its usable links; so the fetched subgraph holds every path of at
// most l hops with all the links of each hop. Since length ranks first, k paths found within l
// hops are the first k overall; fewer means l + 1 is needed.
import type { Budget } from "../budget.ts";
import type { PathOptions } from "../../core/model.ts";
import { kShortestPaths } from "./k-shortest.ts";
import type { RankedPath } from "./path-graph.ts";
import { buildPathGraph } from "./paths-fetched-graph.ts";
import { FROM_SIDE, Reached, TO_SIDE } from "./paths-reached.ts";

/** One usable link of a frontier node `x`, as the store read it. Nodes are named by slug rank. */
export interface FetchedLink {
  x: number;
  y: number;
  /** y's neighbour count in the whole library (algorithms/specificity.ts). */
  yNeighbors: number;
  type: string;
  /** True when the link is declared from x to y. */
  out: boolean;
  weight: number | null;
}

/**
 * One usable link handed over as its fields (FetchedLink's), so that a store need not make an object
 * per link; its type as the number `typeNumber` gave the type's name (asked once per name and list,
 * not per link: two string lookups per link were a good part of the search's CPU at 100x, 2026-12-07).
 */
export type TakeLink = (x: number, y: number, yNeighbors: number, type: number, out: boolean, weight: number | null) => void;

/**
 * The usable links of every node of `frontier`: from the `from` side along the usable direction
 * (out-links when directed), from the `to` side against it (in-links when directed). Returned, or
 * handed to `take` one by one in the same order (at 100x a path fetches ~50,000 links, and an
 * object each was a good part of the Node side's garbage, 2026-12-07), each link's type as the number
 * `typeNumber` gives its name.
 */
export type FetchFrontier = (side: "from" | "to", frontier: number[], take: TakeLink, typeNumber: (name: string) => number) => Promise<FetchedLink[] | void>;

export interface FetchedEnd {
  rank: number;
  neighbors: number;
}

interface Side {
  name: "from" | "to";
  /** FROM_SIDE or TO_SIDE: this side's bit in the search's Reached. */
  bit: number;
  frontier: number[];
  /** The deepest level expanded (-1: none). */
  depth: number;
  /** Nothing left to expand: every node reachable from this end (through usable patterns) is expanded. */
  exhausted: boolean;
  /** Links of the last level expanded kept out of the search so far (see rankFetchedPaths). */
  aside: AsideLinks;
}

/** Links as parallel growable typed arrays: source and target ranks, the type's number, the weight (NaN: none). */
class LinkColumns {
  source: Int32Array;
  target: Int32Array;
  type: Int32Array;
  weight: Float64Array;
  count = 0;

  constructor(capacity: number) {
    this.source = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
    this.type = new Int32Array(capacity);
    this.weight = new Float64Array(capacity);
  }

  push(source: number, target: number, t: number, w: number): void {
    if (this.count === this.source.length) {
      this.source = grown(this.source);
      this.target = grown(this.target);
      this.type = grown(this.type);
      this.weight = grown(this.weight);
    }
    this.source[this.count] = source;
    this.target[this.count] = target;
    this.type[this.count] = t;
    this.weight[this.count] = w;
    this.count++;
  }
}

/** Links as FetchedLinks.add takes them. */
class AsideLinks extends LinkColumns {
  constructor() {
    super(256);
  }

  /** Adds to `links` those `wanted` says (all when null), in the order set aside, and keeps the rest. */
  addTo(links: FetchedLinks, wanted: ((x: number, y: number) => boolean) | null): void {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const source = this.source[i]!;
      const target = this.target[i]!;
      if (wanted === null || wanted(source, target)) {
        const w = this.weight[i]!;
        links.add(source, target, this.type[i]!, w);
        continue;
      }
      this.source[kept] = source;
      this.target[kept] = target;
      this.type[kept] = this.type[i]!;
      this.weight[kept] = this.weight[i]!;
      kept++;
    }
    this.count = kept;
  }
}

function grown<A extends Int32Array | Float64Array>(a: A): A {
  const b = new (a.constructor as new (n: number) => A)(2 * a.length);
  b.set(a);
  return b;
}

/** Paths as slug-rank sequences, ranked as kShortestPaths ranks them. */
export interface FetchedPath extends RankedPath {
  ranks: number[];
}

/**
 * The fetched links, each once (a link is fetched from both its ends), in the order first fetched
 * with the weight last fetched: parallel arrays under a numeric key, since a string key and an
 * object per link were most of the Node CPU of a path search around hubs (a 10x library, 2026-12-06).
 * The keys (below 2^52, not small integers) are in an open-addressing table of typed arrays, and
 * the links in growable typed arrays: a Map keyed by such numbers boxed each key, and at 100x a
 * path fetches ~50,000 links (garbage collection was a quarter of the Node side, 2026-12-07).
 */
class FetchedLinks extends LinkColumns {
  constructor() {
    super(1024);
  }

  /** Open addressing, linear probing: a key and its link's index + 1 (0: an empty slot). */
  private keys = new Float64Array(2048);
  private slots = new Int32Array(2048);
  /** Keys out of the numeric range (a rank from 2^21 or a type number from 2^10: not at today's scale). */
  private readonly wide = new Map<string, number>();

  /** Adds the link of type number `t` and weight `w` (NaN: none), or sets the weight of the same link fetched before. */
  add(source: number, target: number, t: number, w: number): void {
    if (source < RANK_KEY && target < RANK_KEY && t < TYPE_KEY) {
      // Ranks below 2^21 and type numbers below 2^10 make a key below 2^52, exact as a double.
      const key = (source * TYPE_KEY + t) * RANK_KEY + target;
      const mask = this.keys.length - 1;
      // Mix the key's low and high parts (a multiplicative hash of each 26-bit half).
      let h = (Math.imul(key % 67108864, 0x9e3779b1) ^ Math.imul(Math.floor(key / 67108864), 0x85ebca6b)) & mask;
      for (let slot = this.slots[h]!; slot !== 0; slot = this.slots[h]!) {
        if (this.keys[h] === key) {
          this.weight[slot - 1] = w;
          return;
        }
        h = (h + 1) & mask;
      }
      this.keys[h] = key;
      this.slots[h] = this.count + 1;
      this.push(source, target, t, w);
      if (2 * this.count > this.keys.length) this.rehash();
      return;
    }
    const key = `${source}|${t}|${target}`;
    const i = this.wide.get(key);
    if (i !== undefined) {
      this.weight[i] = w;
      return;
    }
    this.wide.set(key, this.count);
    this.push(source, target, t, w);
  }

  private rehash(): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Float64Array(2 * keys.length);
    this.slots = new Int32Array(2 * keys.length);
    const mask = this.keys.length - 1;
    for (let s = 0; s < keys.length; s++) {
      if (slots[s] === 0) continue;
      const key = keys[s]!;
      let h = (Math.imul(key % 67108864, 0x9e3779b1) ^ Math.imul(Math.floor(key / 67108864), 0x85ebca6b)) & mask;
      while (this.slots[h] !== 0) h = (h + 1) & mask;
      this.keys[h] = key;
      this.slots[h] = slots[s]!;
    }
  }
}
const RANK_KEY = 2 ** 21;
const TYPE_KEY = 2 ** 10;

/** The k best paths (from !== to) with their specificity, found on the links `fetch` gives. */
export async function rankFetchedPaths(fetch: FetchFrontier, from: FetchedEnd, to: FetchedEnd, options: PathOptions, budget?: Budget): Promise<FetchedPath[]> {
  // Which side reached which node, and each node's neighbour count (set when first reached; ends: at the start).
  const reached = new Reached();
  try {
    reached.add(from.rank, FROM_SIDE, from.neighbors);
    reached.add(to.rank, TO_SIDE, to.neighbors);
    return await rankReached(fetch, from, to, options, reached, budget);
  } finally {
    reached.release();
  }
}

async function rankReached(fetch: FetchFrontier, from: FetchedEnd, to: FetchedEnd, options: PathOptions, reached: Reached, budget: Budget | undefined): Promise<FetchedPath[]> {
  const links = new FetchedLinks();
  const sides: Side[] = [from, to].map((end, i) => ({
    name: i === 0 ? "from" : "to",
    bit: i === 0 ? FROM_SIDE : TO_SIDE,
    frontier: [end.rank],
    depth: -1,
    exhausted: false,
    aside: new AsideLinks(),
  }));
  // The link types' numbers in this search, in the order first named.
  const typeNumbers = new Map<string, number>();
  const typeNumber = (name: string): number => {
    let t = typeNumbers.get(name);
    if (t === undefined) typeNumbers.set(name, (t = typeNumbers.size));
    return t;
  };
  const [a, b] = sides as [Side, Side];
  // Whether the sides' reached nodes meet. Until they do there is no path within a.depth + b.depth + 2
  // hops: the node of such a path at min(a.depth + 1, its length) hops from `from` is within
  // a.depth + 1 hops of it and b.depth + 1 hops of `to` through usable patterns, so reached by both.
  let met = false;
  const passable = (v: number): boolean =>
    v !== from.rank && v !== to.rank && (options.maxDegree === undefined || reached.neighbours(v) <= options.maxDegree);

  // A link of the level a side expands last, from x to y, is on no path of at most
  // a.depth + b.depth + 2 hops unless the other side reached x or y: on such a path x is at least
  // depth hops from the side's end, so the rest of the path from the hop's far end is within the
  // other side's depth + 1. At 100x that level is most of a path's ~50,000 links (around hubs):
  // they wait aside, and join the search once the other side reaches one of their ends, the side
  // expands again (a shallower level's links are on paths of any length), or either side is exhausted.
  const expand = async (side: Side): Promise<void> => {
    side.aside.addTo(links, null);
    const other = side === a ? b : a;
    const next: number[] = [];
    const take: TakeLink = (x, y, yNeighbors, type, out, weight) => {
      if (x === y) return;
      const w = weight ?? NaN;
      if (reached.has(x, other.bit) || reached.has(y, other.bit)) {
        if (out) links.add(x, y, type, w);
        else links.add(y, x, type, w);
      } else if (out) side.aside.push(x, y, type, w);
      else side.aside.push(y, x, type, w);
      if (!reached.has(y, side.bit)) {
        // A node's neighbour count is one stored figure: set when first reached (ends: at the start).
        reached.add(y, side.bit, yNeighbors);
        if (!met && reached.has(y, other.bit)) met = true;
        if (passable(y)) next.push(y);
      }
    };
    const rows = await fetch(side.name, side.frontier, take, typeNumber);
    budget?.check();
    for (const row of rows ?? []) take(row.x, row.y, row.yNeighbors, typeNumber(row.type), row.out, row.weight);
    side.depth += 1;
    side.frontier = next.sort((x, y) => x - y);
    side.exhausted = next.length === 0;
  };
  const cost = (side: Side): number => side.frontier.reduce((sum, v) => sum + reached.neighbours(v), 0);
  const complete = (): boolean => a.exhausted || b.exhausted;

  let graph: ReturnType<typeof buildPathGraph> | undefined;
  for (let length = 1; ; length++) {
    while (!complete() && length > a.depth + b.depth + 2) {
      await expand(b.exhausted || (!a.exhausted && cost(a) <= cost(b)) ? a : b);
      graph = undefined;
    }
    const bound = complete() ? options.maxLength : length;
    // No path of at most `bound` hops yet, and a longer one is allowed: expand further, no search.
    if (!met && bound < options.maxLength) continue;
    if (graph === undefined) {
      for (const side of sides) {
        const other = side === a ? b : a;
        side.aside.addTo(links, complete() ? null : (x, y) => reached.has(x, other.bit) || reached.has(y, other.bit));
      }
    }
    graph ??= buildPathGraph(reached, links, typeNumbers.size);
    const found = await kShortestPaths(
      graph.g,
      graph.number(from.rank),
      graph.number(to.rank),
      { k: options.k, maxLength: bound, directed: options.directed, mask: graph.mask, maxDegree: options.maxDegree },
      budget,
    );
    if (found.length >= options.k || bound >= options.maxLength) {
      const ranks = graph.ranks;
      return found.map((p) => ({ ...p, ranks: p.nodes.map((n) => ranks[n]!) }));
    }
  }
}
