// Paths between two patterns on the Neo4j store: both ends in one round trip, then the links of one
// frontier per round trip for the shared ranked search (algorithms/paths-fetched.ts), then the chosen
// paths' links and views; with no path, the connected part each end is in (path-components.ts).
import neo4j from "neo4j-driver";
import { pathBudget, pathView, PATHS_HINT, zeroLengthPaths } from "../algorithms/paths.ts";
import { rankFetchedPaths, type FetchFrontier } from "../algorithms/paths-fetched.ts";
import { componentMembers, componentSummary, pathComponents } from "../algorithms/path-components.ts";
import { checkPathOptions } from "../algorithms/query-options.ts";
import { compareStrings } from "../algorithms/views.ts";
import type { LinkView, PathOptions, PathResult, Slug } from "../../core/model.ts";
import type { Props, Reader, Reads } from "./neo4j-connection.ts";
import { byKey, byRank, CURRENT_OR_NULL, LINK_VIEW_ROW, linkViewOf, NODE_VIEW, nodeView, step, type LinkViewRow, type NodeRow } from "./neo4j-cypher.ts";
import { withHint } from "./neo4j-errors.ts";
import { LABELS, linkTypeOf, relationshipTypes } from "./neo4j-model.ts";
import type { NotFound } from "./neo4j-search.ts";

/**
 * The k shortest paths from `from` to `to`, ranked as the memory store ranks them, within the query budget.
 * @throws InvalidInputError for options out of range, NotFoundError (with suggestions) for an unknown end.
 */
export async function paths({ read, queryTimeoutMs, rows }: Reads, notFound: NotFound, from: string, to: string, options: PathOptions, signal?: AbortSignal): Promise<PathResult> {
  checkPathOptions(options);
  const budget = pathBudget(signal, { timeMs: queryTimeoutMs });
  const types = relationshipTypes(options.types);
  const hop = step(options.directed ? "out" : "both", types);
  // Nothing to search for a zero-length path or an empty type list (Cypher has no empty type alternation).
  const searching = from !== to && !(types !== null && types.length === 0);
  /** Each round trip gets what is left of the budget as its transaction timeout. */
  const timed = <T>(tx: Reader, query: string, params: Props): Promise<T[]> => rows<T>(tx, query, params, budget.remainingMs());
  return withHint(PATHS_HINT, read(async (tx) => {
    // Round trip 1: the current copy and both ends (views, slug ranks, neighbour counts).
    type EndRow = [...NodeRow, number, number];
    const [row] = await timed<{ lib: string | null; ends: EndRow[] }>(
      tx,
      `${CURRENT_OR_NULL}
       RETURN lib, COLLECT {
         UNWIND [$from, $to] AS s MATCH (n:${LABELS.pattern} {lib: lib, slug: s}) ${byKey("n")}
         RETURN [n.slug, n.title, n.domain, n.status, n.degree, n.rank, n.neighbors]
       } AS ends`,
      { from, to },
    );
    // OPTIONAL MATCH always gives one row.
    const lib = row!.lib ?? null;
    const ends = new Map(row!.ends.map((n) => [n[0], { view: nodeView(n.slice(0, 5) as NodeRow), rank: Number(n[5]), neighbors: Number(n[6] ?? 0) }]));
    const start = ends.get(from);
    const end = ends.get(to);
    if (!start) throw await notFound(tx, lib, from);
    if (!end) throw await notFound(tx, lib, to);
    if (from === to) return zeroLengthPaths(from as Slug, start.view);
    const result: PathResult = { from: from as Slug, to: to as Slug, paths: [], nodes: [] };
    // No path: the connected part each end is in (path-components.ts), found a frontier per round trip.
    const explainNoPath = async (): Promise<PathResult> => {
      const both = step("both", types);
      const expand = async (frontier: number[]): Promise<number[]> => {
        if (types !== null && types.length === 0) return [];
        const [found] = await timed<{ ys: number[] }>(
          tx,
          `UNWIND $frontier AS k
           MATCH (x:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("x")}
           MATCH (x)${both}(y:${LABELS.pattern})
           RETURN collect(DISTINCT y.rank) AS ys`,
          { lib, frontier: frontier.map((k) => neo4j.int(k)) },
        );
        return (found?.ys ?? []).map(Number);
      };
      const summary = async (members: Set<number>) => {
        const [found] = await timed<{ ms: [string, number][] }>(
          tx,
          `UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")} RETURN collect([n.slug, n.degree]) AS ms`,
          { lib, ranks: [...members].map((k) => neo4j.int(k)) },
        );
        return componentSummary((found?.ms ?? []).map(([slug, degree]) => ({ slug, degree: Number(degree) })));
      };
      const startMembers = await componentMembers(start.rank, expand, budget);
      const same = startMembers.has(end.rank);
      const fromPart = await summary(startMembers);
      const toPart = same ? fromPart : await summary(await componentMembers(end.rank, expand, budget));
      result.components = pathComponents(fromPart, toPart, same);
      return result;
    };
    if (!searching) return explainNoPath();

    // Round trips 2..: the links of one frontier at a time (see paths-fetched.ts), then ranked here.
    const sideStep = { from: hop, to: options.directed ? step("in", types) : hop };
    const fetch: FetchFrontier = async (side, frontier) => {
      const [links] = await timed<{ links: [number, number, number | null, string, boolean, number | null][] }>(
        tx,
        `UNWIND $frontier AS k
         MATCH (x:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("x")}
         MATCH (x)${sideStep[side]}(y:${LABELS.pattern})
         RETURN collect([k, y.rank, y.neighbors, type(r), startNode(r) = x, r.weight]) AS links`,
        { lib, frontier: frontier.map((k) => neo4j.int(k)) },
      );
      return (links?.links ?? []).map(([x, y, yNeighbors, type, out, weight]) => ({
        x: Number(x),
        y: Number(y),
        yNeighbors: Number(yNeighbors ?? 0),
        type: linkTypeOf(type),
        out,
        weight: weight === null ? null : Number(weight),
      }));
    };
    const ranked = await rankFetchedPaths(fetch, start, end, options, budget);
    if (ranked.length === 0) return explainNoPath();

    // Last round trip: the chosen paths' slugs, every usable link of each hop, and their nodes' views.
    const [last] = await timed<{ seqs: string[][]; hops: [string, string, LinkViewRow][]; nodes: NodeRow[] }>(
      tx,
      `WITH [seq IN $chosen | COLLECT { UNWIND seq AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")} RETURN n }] AS chosen
       RETURN [ns IN chosen | [n IN ns | n.slug]] AS seqs,
         COLLECT {
           UNWIND chosen AS ns UNWIND range(0, size(ns) - 2) AS i
           WITH DISTINCT ns[i] AS u, ns[i + 1] AS v
           MATCH (u)${hop}(v)
           RETURN [u.slug, v.slug, ${LINK_VIEW_ROW}]
         } AS hops,
         COLLECT { UNWIND chosen AS ns UNWIND ns AS n WITH DISTINCT n RETURN ${NODE_VIEW} } AS nodes`,
      { lib, chosen: ranked.map((p) => p.ranks.map((k) => neo4j.int(k))) },
    );
    const linksOfHop = new Map<string, LinkView[]>();
    for (const [u, v, link] of last!.hops) {
      const key = `${u}\u0000${v}`;
      const list = linksOfHop.get(key) ?? [];
      list.push(linkViewOf(link));
      linksOfHop.set(key, list);
    }
    const views = new Map(last!.nodes.map((n) => [n[0], nodeView(n)]));
    const title = (slug: string): string => views.get(slug)!.title;
    last!.seqs.forEach((seq, i) => {
      const hops: LinkView[][] = [];
      for (let j = 0; j + 1 < seq.length; j++) hops.push(linksOfHop.get(`${seq[j]}\u0000${seq[j + 1]}`) ?? []);
      result.paths.push(pathView(seq as Slug[], hops, ranked[i]!, title));
    });
    result.nodes = [...views.keys()].sort(compareStrings).map((s) => views.get(s)!);
    return result;
  }));
}
