// Paths between two patterns: the k best simple paths (shortest first, then the most specific,
// see k-shortest.ts), restricted to link types, following declared direction or not, within a
// time and work budget. Runs on the graph's compact adjacency; the ranking, the wording and the
// shape of the answer are shared with the Neo4j store, which ranks the subgraph it fetched.
import type { PatternGraph } from "../build-graph.ts";
import { createBudget, type Budget } from "../budget.ts";
import { NotFoundError } from "../../core/errors.ts";
import { linkKey, type LinkView, type NodeView, type PathOptions, type PathResult, type PathView, type Slug } from "../../core/model.ts";
import { describePath } from "../../core/path-wording.ts";
import { adjacencyOf, typeMask, type Adjacency } from "./adjacency.ts";
import { kShortestPaths, pathScore } from "./k-shortest.ts";
import type { PathGraph, RankedPath } from "./path-graph.ts";
import { componentIndex } from "./component-index.ts";
import { pathComponents } from "./path-components.ts";
import { checkPathOptions } from "./query-options.ts";
import { suggestSlugs } from "./search.ts";
import { neighbourCounts } from "./specificity.ts";
import { compareStrings, linkView, nodeView } from "./views.ts";

/**
 * The budget of one path search: about k * maxLength A* runs, milliseconds each on the real
 * library, so the limits only stop a pathological library or an overloaded server. The work is
 * counted in adjacency entries looked at (the real library has ~35,000).
 */
export const PATH_SEARCH_BUDGET = { timeMs: 10_000, work: 200_000_000 } as const;

/** What a caller whose path query ran out of time can ask for instead. */
export const PATHS_HINT = "Ask for fewer paths (k), a smaller maxLength, fewer link types, or a maxDegree that skips the biggest hubs.";

/** The path budget for one request: PATH_SEARCH_BUDGET, or the limits given (e.g. a store's query timeout). */
export const pathBudget = (signal?: AbortSignal, limits: { timeMs?: number; work?: number } = {}): Budget =>
  createBudget({ timeMs: limits.timeMs ?? PATH_SEARCH_BUDGET.timeMs, work: limits.work ?? PATH_SEARCH_BUDGET.work, hint: PATHS_HINT, signal });

const pathGraphs = new WeakMap<Adjacency, PathGraph>();

/** The adjacency as the k-shortest search reads it, made once per graph. */
function pathGraphOf(adj: Adjacency): PathGraph {
  let g = pathGraphs.get(adj);
  if (!g) {
    const weight = new Float64Array(adj.neighbor.length);
    for (let e = 0; e < weight.length; e++) weight[e] = adj.link[e]!.weight ?? NaN;
    g = { offsets: adj.offsets, neighbor: adj.neighbor, type: adj.type, outward: adj.outward, weight, neighbours: neighbourCounts(adj) };
    pathGraphs.set(adj, g);
  }
  return g;
}

/**
 * A path as the API gives it: its nodes, every usable link of each hop (sorted by type then linkKey),
 * its score, and its steps and sentence in words. Shared by both stores.
 */
export function pathView(nodes: Slug[], hops: LinkView[][], ranked: Pick<RankedPath, "specificity">, title: (slug: string) => string): PathView {
  const links = hops.flatMap((hop) => [...hop].sort((a, b) => compareStrings(a.type, b.type) || compareStrings(linkKey(a), linkKey(b))));
  const { steps, explanation } = describePath(nodes, links, title);
  return { nodes, links, length: nodes.length - 1, score: pathScore(nodes.length - 1, ranked.specificity), explanation, steps };
}

/** The answer for `from === to`: one path of length 0. */
export function zeroLengthPaths(from: Slug, view: NodeView): PathResult {
  return { from, to: from, paths: [pathView([from], [], { specificity: 0 }, () => view.title)], nodes: [view] };
}

/** Every link of a hop usable under the options. */
function hopLinks(graph: PatternGraph, u: string, v: string, options: PathOptions, allowed: (t: string) => boolean): LinkView[] {
  const links: LinkView[] = [];
  const collect = (a: string, b: string): void => {
    for (const e of graph.outEdges(a, b)) {
      const link = graph.getEdgeAttribute(e, "link");
      if (allowed(link.type)) links.push(linkView(link));
    }
  };
  collect(u, v);
  if (!options.directed) collect(v, u);
  return links;
}

/**
 * The first `k` simple paths (distinct node sequences) from `from` to `to` with at most
 * `maxLength` links, in the order defined in PathResult (model.ts); only links of `types` (all
 * when undefined), with `directed` only along their declared direction, and through no pattern
 * with more than `maxDegree` neighbours. Each hop lists every usable link between its two patterns
 * (a link keeps its declared ends, so an undirected hop may run against it). `from === to` gives
 * one path of length 0. No path within `maxLength` gives an empty list (and no nodes).
 *
 * @throws InvalidInputError for a bad option, NotFoundError (with suggestions) for an unknown end,
 *   `from` first; QueryTimeoutError past the budget; QueryAbortedError once its signal fired.
 */
export async function findPaths(graph: PatternGraph, from: string, to: string, options: PathOptions, budget: Budget = pathBudget()): Promise<PathResult> {
  checkPathOptions(options);
  if (!graph.hasNode(from)) throw new NotFoundError(from, suggestSlugs(graph, from));
  if (!graph.hasNode(to)) throw new NotFoundError(to, suggestSlugs(graph, to));
  if (from === to) return zeroLengthPaths(from as Slug, nodeView(graph, from));
  const result: PathResult = { from: from as Slug, to: to as Slug, paths: [], nodes: [] };
  const adj = adjacencyOf(graph);
  const mask = typeMask(adj, options.types);
  const ranked = await kShortestPaths(pathGraphOf(adj), adj.numberOf.get(from)!, adj.numberOf.get(to)!, { ...options, mask }, budget);
  if (ranked.length === 0) {
    // Say why: the connected part each end is in, over the followed types in either direction
    // (labelled once per library and types; fresh objects, as every answer is).
    const { part, summary } = componentIndex(graph, adj, mask);
    const a = part[adj.numberOf.get(from)!]!;
    const b = part[adj.numberOf.get(to)!]!;
    const copy = (p: number) => ({ size: summary[p]!.size, sample: [...summary[p]!.sample] });
    result.components = pathComponents(copy(a), copy(b), a === b);
    return result;
  }

  const allowed = (type: string): boolean => options.types === undefined || options.types.includes(type);
  const title = (slug: string): string => graph.getNodeAttribute(slug, "pattern").title;
  const onSomePath = new Set<number>();
  for (const path of ranked) {
    const nodes = path.nodes.map((n) => adj.slugs[n] as Slug);
    const hops: LinkView[][] = [];
    for (let i = 0; i + 1 < nodes.length; i++) hops.push(hopLinks(graph, nodes[i]!, nodes[i + 1]!, options, allowed));
    result.paths.push(pathView(nodes, hops, path, title));
    for (const n of path.nodes) onSomePath.add(n);
  }
  result.nodes = [...onSomePath].sort((a, b) => a - b).map((n) => nodeView(graph, adj.slugs[n]!));
  return result;
}
