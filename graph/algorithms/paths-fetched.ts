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
import type { PathGraph, RankedPath } from "./path-graph.ts";

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
 * The usable links of every node of `frontier`: from the `from` side along the usable direction
 * (out-links when directed), from the `to` side against it (in-links when directed).
 */
export type FetchFrontier = (side: "from" | "to", frontier: number[]) => Promise<FetchedLink[]>;

export interface FetchedEnd {
  rank: number;
  neighbors: number;
}

interface Side {
  name: "from" | "to";
  reached: Set<number>;
  frontier: number[];
  /** The deepest level expanded (-1: none). */
  depth: number;
  /** Nothing left to expand: every node reachable from this end (through usable patterns) is expanded. */
  exhausted: boolean;
}

/** Paths as slug-rank sequences, ranked as kShortestPaths ranks them. */
export interface FetchedPath extends RankedPath {
  ranks: number[];
}

/** The k best paths (from !== to) with their specificity, found on the links `fetch` gives. */
export async function rankFetchedPaths(fetch: FetchFrontier, from: FetchedEnd, to: FetchedEnd, options: PathOptions, budget?: Budget): Promise<FetchedPath[]> {
  const neighbors = new Map<number, number>([
    [from.rank, from.neighbors],
    [to.rank, to.neighbors],
  ]);
  const links = new Map<string, { source: number; target: number; type: string; weight: number | null }>();
  const sides: Side[] = [from, to].map((end, i) => ({
    name: i === 0 ? "from" : "to",
    reached: new Set([end.rank]),
    frontier: [end.rank],
    depth: -1,
    exhausted: false,
  }));
  const [a, b] = sides as [Side, Side];
  const passable = (v: number): boolean =>
    v !== from.rank && v !== to.rank && (options.maxDegree === undefined || (neighbors.get(v) ?? 0) <= options.maxDegree);

  const expand = async (side: Side): Promise<void> => {
    const rows = await fetch(side.name, side.frontier);
    budget?.check();
    const next: number[] = [];
    for (const row of rows) {
      if (row.x === row.y) continue;
      neighbors.set(row.y, row.yNeighbors);
      const [source, target] = row.out ? [row.x, row.y] : [row.y, row.x];
      links.set(`${source}|${row.type}|${target}`, { source, target, type: row.type, weight: row.weight });
      if (!side.reached.has(row.y)) {
        side.reached.add(row.y);
        if (passable(row.y)) next.push(row.y);
      }
    }
    side.depth += 1;
    side.frontier = next.sort((x, y) => x - y);
    side.exhausted = next.length === 0;
  };
  const cost = (side: Side): number => side.frontier.reduce((sum, v) => sum + (neighbors.get(v) ?? 0), 0);
  const complete = (): boolean => a.exhausted || b.exhausted;

  let graph: ReturnType<typeof buildPathGraph> | undefined;
  for (let length = 1; ; length++) {
    while (!complete() && length > a.depth + b.depth + 2) {
      await expand(b.exhausted || (!a.exhausted && cost(a) <= cost(b)) ? a : b);
      graph = undefined;
    }
    const bound = complete() ? options.maxLength : length;
    graph ??= buildPathGraph(neighbors, links.values());
    const found = await kShortestPaths(
      graph.g,
      graph.number.get(from.rank)!,
      graph.number.get(to.rank)!,
      { k: options.k, maxLength: bound, directed: options.directed, mask: graph.mask, maxDegree: options.maxDegree },
      budget,
    );
    if (found.length >= options.k || bound >= options.maxLength) {
      const ranks = graph.ranks;
      return found.map((p) => ({ ...p, ranks: p.nodes.map((n) => ranks[n]!) }));
    }
  }
}

/** The fetched links as a PathGraph: nodes numbered in slug-rank order, rows sorted by neighbour. */
function buildPathGraph(
  neighbors: Map<number, number>,
  links: Iterable<{ source: number; target: number; type: string; weight: number | null }>,
): { g: PathGraph; ranks: number[]; number: Map<number, number>; mask: Uint8Array } {
  const ranks = [...neighbors.keys()].sort((x, y) => x - y);
  const number = new Map(ranks.map((r, i) => [r, i]));
  const types = new Map<string, number>();
  const rows: { v: number; type: number; out: number; weight: number }[][] = ranks.map(() => []);
  for (const l of links) {
    const s = number.get(l.source)!;
    const t = number.get(l.target)!;
    let type = types.get(l.type);
    if (type === undefined) types.set(l.type, (type = types.size));
    const weight = l.weight ?? NaN;
    rows[s]!.push({ v: t, type, out: 1, weight });
    rows[t]!.push({ v: s, type, out: 0, weight });
  }
  const total = rows.reduce((sum, r) => sum + r.length, 0);
  const g: PathGraph = {
    offsets: new Int32Array(ranks.length + 1),
    neighbor: new Int32Array(total),
    type: new Uint16Array(total),
    outward: new Uint8Array(total),
    weight: new Float64Array(total),
    neighbours: Int32Array.from(ranks, (r) => neighbors.get(r)!),
  };
  let at = 0;
  rows.forEach((row, u) => {
    g.offsets[u] = at;
    for (const e of row.sort((x, y) => x.v - y.v)) {
      g.neighbor[at] = e.v;
      g.type[at] = e.type;
      g.outward[at] = e.out;
      g.weight[at] = e.weight;
      at++;
    }
  });
  g.offsets[ranks.length] = at;
  // Every fetched link is of a usable type.
  return { g, ranks, number, mask: new Uint8Array(types.size).fill(1) };
}
