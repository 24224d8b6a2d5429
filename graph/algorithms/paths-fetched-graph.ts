// The links a path search fetched (paths-fetched.ts) as the graph the k-shortest search runs on
// (path-graph.ts), built with working arrays shared by every build: a build never awaits, so no two
// use them at once.
import type { PathGraph } from "./path-graph.ts";
import type { Reached } from "./paths-reached.ts";

/** The fetched links as parallel columns (paths-fetched.ts's FetchedLinks): ranks, the type's number, the weight (NaN: none). */
export interface FetchedColumns {
  readonly count: number;
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly type: Int32Array;
  readonly weight: Float64Array;
}

/**
 * The fetched links as a PathGraph: nodes numbered in slug-rank order, each row sorted by neighbour
 * and, for one neighbour, in the order the links were first fetched (two stable counting sorts of
 * the links' two ends: by neighbour, then by row).
 */
export function buildPathGraph(reached: Reached, links: FetchedColumns, types: number): { g: PathGraph; ranks: Int32Array; number: (rank: number) => number; mask: Uint8Array } {
  const ranks = Int32Array.from(reached.ranks).sort();
  const nodes = ranks.length;
  // Slug rank to node number through a table kept between searches (a search builds its graph
  // without awaiting, so no two builds share it at once); cleared again before returning.
  const table = rankTable(nodes === 0 ? 0 : ranks[nodes - 1]! + 1);
  for (let i = 0; i < nodes; i++) table[ranks[i]!] = i;
  const count = links.count;
  const halves = 2 * count;
  // The sorts' working arrays are shared by every build too (at 100x ~3 MB a build, most of what a
  // path answer allocated: garbage made as fast as answers come, 2026-12-07); only the graph's own are new.
  const work = buildScratch(halves, nodes);
  // Half-edge 2i is link i in its source's row (outward), 2i + 1 in its target's row.
  const { row, other } = work;
  for (let i = 0; i < count; i++) {
    const s = table[links.source[i]!]!;
    const t = table[links.target[i]!]!;
    row[2 * i] = s;
    other[2 * i] = t;
    row[2 * i + 1] = t;
    other[2 * i + 1] = s;
  }
  const number = (rank: number): number => binarySearch(ranks, rank);
  for (let i = 0; i < nodes; i++) table[ranks[i]!] = 0;
  const byOther = countingSort(other, halves, nodes, null, work.byOther, work.start);
  const order = countingSort(row, halves, nodes, byOther, work.order, work.start);
  const offsets = new Int32Array(nodes + 1);
  for (let h = 0; h < halves; h++) offsets[row[h]! + 1]!++;
  for (let u = 0; u < nodes; u++) offsets[u + 1]! += offsets[u]!;
  const neighbours = new Int32Array(nodes);
  for (let i = 0; i < nodes; i++) neighbours[i] = reached.neighbours(ranks[i]!);
  const g: PathGraph = {
    offsets,
    neighbor: new Int32Array(halves),
    type: new Uint16Array(halves),
    outward: new Uint8Array(halves),
    weight: new Float64Array(halves),
    neighbours,
  };
  for (let at = 0; at < halves; at++) {
    const h = order[at]!;
    const i = h >> 1;
    g.neighbor[at] = other[h]!;
    g.type[at] = links.type[i]!;
    g.outward[at] = (h & 1) === 0 ? 1 : 0;
    g.weight[at] = links.weight[i]!;
  }
  // Every fetched link is of a usable type.
  return { g, ranks, number, mask: new Uint8Array(types).fill(1) };
}

/** The working arrays of a graph build, shared by every build (see buildPathGraph), grown as needed. */
const scratch = { row: new Int32Array(0), other: new Int32Array(0), byOther: new Int32Array(0), order: new Int32Array(0), start: new Int32Array(0) };
function buildScratch(halves: number, nodes: number): typeof scratch {
  if (scratch.row.length < halves) {
    const size = Math.max(halves, 2 * scratch.row.length);
    scratch.row = new Int32Array(size);
    scratch.other = new Int32Array(size);
    scratch.byOther = new Int32Array(size);
    scratch.order = new Int32Array(size);
  }
  if (scratch.start.length < nodes + 1) scratch.start = new Int32Array(Math.max(nodes + 1, 2 * scratch.start.length));
  return scratch;
}

/** A zeroed Int32Array of at least `size` entries, shared by every graph build (see buildPathGraph). */
let sharedRankTable = new Int32Array(0);
function rankTable(size: number): Int32Array {
  if (sharedRankTable.length < size) sharedRankTable = new Int32Array(Math.max(size, 2 * sharedRankTable.length));
  return sharedRankTable;
}

/** The index of `value` in the sorted `sorted` (present). */
function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first `length` half-edges in `within` order (all, in index order, when null), stably sorted by
 * `key` (0..size-1), written to `out`; `start` (at least size + 1 long) is working space.
 */
function countingSort(key: Int32Array, length: number, size: number, within: Int32Array | null, out: Int32Array, start: Int32Array): Int32Array {
  start.fill(0, 0, size + 1);
  for (let h = 0; h < length; h++) start[key[h]! + 1]!++;
  for (let k = 0; k < size; k++) start[k + 1]! += start[k]!;
  for (let j = 0; j < length; j++) {
    const h = within === null ? j : within[j]!;
    out[start[key[h]!]!++] = h;
  }
  return out;
}
