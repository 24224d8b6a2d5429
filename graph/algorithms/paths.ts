// Paths between two patterns: the shortest one and the k shortest alternatives, restricted to link
// types, following declared direction or not. Runs on the graph's compact adjacency (node numbers
// in slug order, rows sorted by neighbour), so a query on the real 17k-link library takes well
// under a millisecond.
import type { PatternGraph } from "../build-graph.ts";
import { NotFoundError } from "../errors.ts";
import type { LinkView, PathOptions, PathResult, PathView, Slug } from "../model.ts";
import { adjacencyOf, typeMask, type Adjacency } from "./adjacency.ts";
import { checkPathOptions } from "./query-options.ts";
import { suggestSlugs } from "./search.ts";
import { compareStrings, linkView, nodeView } from "./views.ts";

const UNREACHED = 255;

/**
 * Hops from every node to `target` along usable links, up to `maxLength` (UNREACHED beyond).
 * With `stopAt`, stops once that node's distance is known: enough for the single shortest path.
 */
function distancesTo(adj: Adjacency, target: number, mask: Uint8Array, directed: boolean, maxLength: number, stopAt?: number): Uint8Array {
  const dist = new Uint8Array(adj.slugs.length).fill(UNREACHED);
  dist[target] = 0;
  let frontier = [target];
  for (let d = 1; d <= maxLength && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const w of frontier) {
      // Predecessors of w: a hop v -> w is usable when its link points at w, or in either direction if undirected.
      for (let e = adj.offsets[w]; e < adj.offsets[w + 1]; e++) {
        const v = adj.neighbor[e];
        if (dist[v] !== UNREACHED || mask[adj.type[e]] === 0 || (directed && adj.outward[e] === 1)) continue;
        dist[v] = d;
        if (v === stopAt) return dist;
        next.push(v);
      }
    }
    frontier = next;
  }
  return dist;
}

/**
 * Depth-first enumeration of simple paths of each length from the shortest up to `maxLength`,
 * neighbours in slug order, so paths come out ordered by (length, slug sequence); stops at `k`.
 * `dist` prunes every branch that cannot reach the target in the hops left.
 */
function enumeratePaths(adj: Adjacency, from: number, to: number, dist: Uint8Array, mask: Uint8Array, options: PathOptions): number[][] {
  const { offsets, neighbor, type, outward } = adj;
  const found: number[][] = [];
  const onPath = new Uint8Array(adj.slugs.length);
  const path = [from];
  onPath[from] = 1;
  const extend = (u: number, remaining: number): void => {
    let last = -1;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = neighbor[e];
      if (v === last || mask[type[e]] === 0 || (options.directed && outward[e] === 0)) continue;
      last = v;
      if (v === to) {
        if (remaining === 1) {
          found.push([...path, to]);
          if (found.length >= options.k) return;
        }
        continue;
      }
      if (remaining === 1 || onPath[v] === 1 || dist[v] > remaining - 1) continue;
      onPath[v] = 1;
      path.push(v);
      extend(v, remaining - 1);
      path.pop();
      onPath[v] = 0;
      if (found.length >= options.k) return;
    }
  };
  for (let length = dist[from]; length <= options.maxLength && found.length < options.k; length++) extend(from, length);
  return found;
}

/** The lexicographically first shortest path: from each node, the first neighbour one hop closer. */
function firstShortestPath(adj: Adjacency, from: number, to: number, dist: Uint8Array, mask: Uint8Array, directed: boolean): number[] {
  const path = [from];
  let u = from;
  while (u !== to) {
    for (let e = adj.offsets[u]; e < adj.offsets[u + 1]; e++) {
      const v = adj.neighbor[e];
      if (mask[adj.type[e]] === 1 && !(directed && adj.outward[e] === 0) && dist[v] === dist[u] - 1) {
        u = v;
        break;
      }
    }
    path.push(u);
  }
  return path;
}

/** Every link of a hop usable under the options, sorted by type then id. */
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
  return links.sort((a, b) => compareStrings(a.type, b.type) || compareStrings(a.id, b.id));
}

/**
 * The first `k` simple paths (distinct node sequences) from `from` to `to` with at most
 * `maxLength` links, ordered by length then lexicographically by slug sequence; only links of
 * `types` (all when undefined), and with `directed` only along their declared direction. Each
 * hop lists every usable link between its two patterns (a link keeps its declared ends, so an
 * undirected hop may run against it). `from === to` gives one path of length 0. No path within
 * `maxLength` gives an empty list (and no nodes).
 *
 * @throws InvalidInputError for a bad option, NotFoundError (with suggestions) for an unknown end, `from` first.
 */
export function findPaths(graph: PatternGraph, from: string, to: string, options: PathOptions): PathResult {
  checkPathOptions(options);
  if (!graph.hasNode(from)) throw new NotFoundError(from, suggestSlugs(graph, from));
  if (!graph.hasNode(to)) throw new NotFoundError(to, suggestSlugs(graph, to));
  const result: PathResult = { from: from as Slug, to: to as Slug, paths: [], nodes: [] };
  if (from === to) {
    result.paths.push({ nodes: [from as Slug], links: [], length: 0 });
    result.nodes.push(nodeView(graph, from));
    return result;
  }
  const adj = adjacencyOf(graph);
  const mask = typeMask(adj, options.types);
  const s = adj.numberOf.get(from)!;
  const t = adj.numberOf.get(to)!;
  const single = options.k === 1;
  const dist = distancesTo(adj, t, mask, options.directed, options.maxLength, single ? s : undefined);
  if (dist[s] > options.maxLength) return result;
  const sequences = single ? [firstShortestPath(adj, s, t, dist, mask, options.directed)] : enumeratePaths(adj, s, t, dist, mask, options);

  const allowed = (type: string): boolean => options.types === undefined || options.types.includes(type);
  const onSomePath = new Set<number>();
  for (const seq of sequences) {
    const nodes = seq.map((n) => adj.slugs[n] as Slug);
    const links: LinkView[] = [];
    for (let i = 0; i + 1 < nodes.length; i++) links.push(...hopLinks(graph, nodes[i], nodes[i + 1], options, allowed));
    result.paths.push({ nodes, links, length: nodes.length - 1 } satisfies PathView);
    for (const n of seq) onSomePath.add(n);
  }
  result.nodes = [...onSomePath].sort((a, b) => a - b).map((n) => nodeView(graph, adj.slugs[n]));
  return result;
}
