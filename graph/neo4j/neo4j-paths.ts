// Paths between two patterns on the Neo4j store: both ends and their connected parts in one round
// trip (two ends in different parts have no path: answered from the parts' stored summaries, no
// search), then one frontier's stored adjacency per round trip for the shared ranked search
// (algorithms/paths-fetched.ts), then the chosen paths' cards (their views and links). What the
// load stores for this: neo4j-adjacency.ts and neo4j-read-properties.ts. With a type filter the
// stored parts (over every type) only say when there is no path; the parts themselves are then
// found a frontier per round trip (path-components.ts).
import neo4j from "neo4j-driver";
import { pathBudget, pathView, PATHS_HINT, zeroLengthPaths } from "../algorithms/paths.ts";
import { rankFetchedPaths, type FetchFrontier } from "../algorithms/paths-fetched.ts";
import { componentMembers, componentSummary, pathComponents } from "../algorithms/path-components.ts";
import { checkPathOptions } from "../algorithms/query-options.ts";
import { compareStrings } from "../algorithms/views.ts";
import { linkKey, type LinkView, type NodeView, type PathOptions, type PathResult, type Slug } from "../../core/model.ts";
import type { Props, Reader, Reads } from "./neo4j-connection.ts";
import { ADJ_IN, ADJ_OUT, ENTRY_WIDTH, entryDirection, entryNeighbors, entryRank, entryTypeIndex, entryWeight } from "./neo4j-adjacency.ts";
import { byKey, byRank, nodeView, step, type NodeRow } from "./neo4j-cypher.ts";
import { withHint } from "./neo4j-errors.ts";
import { LABELS, relationshipTypes } from "./neo4j-model.ts";
import { isDangling, partFromSummary } from "./neo4j-read-properties.ts";
import { ADJACENCY_OF_RANKS, CARDS_OF_RANKS, ReadKept, cardLinkView, cardView, type AdjacencyRow, type CardsRow, type ReadCaches } from "./neo4j-read-queries.ts";
import type { NotFound } from "./neo4j-search.ts";
import { STAMP_AFTER_COLUMN, stampAfter, STAMPED_CURRENT } from "./neo4j-stamp.ts";

/**
 * The k shortest paths from `from` to `to`, ranked as the memory store ranks them, within the query budget.
 * @throws InvalidInputError for options out of range, NotFoundError (with suggestions) for an unknown end.
 */
export async function paths({ readFolded, queryTimeoutMs, rows }: Reads, notFound: NotFound, caches: ReadCaches, from: string, to: string, options: PathOptions, signal?: AbortSignal): Promise<PathResult> {
  checkPathOptions(options);
  const budget = pathBudget(signal, { timeMs: queryTimeoutMs });
  const types = relationshipTypes(options.types);
  // Nothing to search for a zero-length path or an empty type list (Cypher has no empty type alternation).
  const searching = from !== to && !(types !== null && types.length === 0);
  /** Each round trip gets what is left of the budget as its transaction timeout. */
  const timed = <T>(tx: Reader, query: string, params: Props): Promise<T[]> => rows<T>(tx, query, params, budget.remainingMs());
  /** The adjacency the last round of the read used and fetched (kept once the read returned). */
  let adjacency: ReadKept | undefined;
  const answer = await withHint(PATHS_HINT, readFolded(async (tx) => {
    // Round trip 1: the current copy and both ends (views, slug ranks, neighbour counts, parts and
    // their summaries), between the copy's stamp before and after (Reads.readFolded): the whole
    // read when the ends are in different parts.
    type EndRow = [...NodeRow, number, number | null, number | null, string | null];
    const [row] = await timed<{ lib: string | null; stampBefore: unknown; ends: EndRow[] }>(
      tx,
      `${STAMPED_CURRENT}
       WITH lib, stampBefore, COLLECT {
         UNWIND [$from, $to] AS s MATCH (n:${LABELS.pattern} {lib: lib, slug: s}) ${byKey("n")}
         OPTIONAL MATCH (p:${LABELS.pattern} {lib: lib, rank: n.part}) ${byRank("p")}
         RETURN [n.slug, n.title, n.domain, n.status, n.degree, n.rank, n.neighbors, n.part, p.partSummary]
       } AS ends
       ${stampAfter("ends")}
       RETURN lib, stampBefore, ends, ${STAMP_AFTER_COLUMN}`,
      { from, to },
    );
    // OPTIONAL MATCH always gives one row.
    const lib = row!.lib ?? null;
    const read = (adjacency = ReadKept.startingAt(caches, row!.stampBefore));
    const ends = new Map(
      row!.ends.map((n) => [
        n[0],
        { view: nodeView(n.slice(0, 5) as NodeRow), rank: Number(n[5]), neighbors: Number(n[6] ?? 0), part: n[7] === null ? null : Number(n[7]), partSummary: n[8] },
      ]),
    );
    const start = ends.get(from);
    const end = ends.get(to);
    if (!start) throw await notFound(tx, lib, from);
    if (!end) throw await notFound(tx, lib, to);
    if (from === to) return zeroLengthPaths(from as Slug, start.view);
    const result: PathResult = { from: from as Slug, to: to as Slug, paths: [], nodes: [] };
    // The stored parts (null on a copy stored before them) are over every link type, either direction.
    const apart = start.part !== null && end.part !== null && start.part !== end.part;
    const storedParts = (): PathResult | undefined => {
      if (types !== null || start.partSummary === null || end.partSummary === null) return undefined;
      result.components = pathComponents(partFromSummary(start.partSummary), partFromSummary(end.partSummary), !apart);
      return result;
    };
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
    if (!searching || apart) return storedParts() ?? explainNoPath();

    // Round trips 2..: the stored adjacency of one frontier at a time (see paths-fetched.ts), then ranked here.
    const followed = types === null ? null : new Set<string>(options.types);
    const fetch: FetchFrontier = async (side, frontier, take, typeNumber) => {
      const adjacency = await read.of(frontier, async (missing) => (await timed<AdjacencyRow>(tx, ADJACENCY_OF_RANKS, { lib, ranks: missing.map((k) => neo4j.int(k)) }))[0]);
      // Directed: the `from` side follows links out, the `to` side links in.
      const wanted = side === "from" ? ADJ_OUT : ADJ_IN;
      for (const x of frontier) {
        const list = adjacency.get(x);
        if (list === undefined) continue;
        // The search's number of each of the list's own types, -1 for a type not followed: once per list, not per link.
        const numbers = list.types.map((type) => (followed === null || followed.has(type) ? typeNumber(type) : -1));
        // Placeholders are not in a list's entries (NeighbourList.dangling): a path never ends at one.
        for (let i = 0; i < list.entries.length; i += ENTRY_WIDTH) {
          const direction = entryDirection(list, i);
          const t = numbers[entryTypeIndex(list, i)]!;
          if ((options.directed && direction !== wanted) || t === -1) continue;
          take(x, entryRank(list, i), entryNeighbors(list, i), t, direction === ADJ_OUT, entryWeight(list, i));
        }
      }
    };
    const ranked = await rankFetchedPaths(fetch, start, end, options, budget);
    if (ranked.length === 0) return storedParts() ?? explainNoPath();

    // Last round trip: the cards of the chosen paths' patterns: their views, and every usable link of each hop.
    const cards = await read.cardsOf([...new Set(ranked.flatMap((p) => p.ranks))], async (missing) => (await timed<CardsRow>(tx, CARDS_OF_RANKS, { lib, ranks: missing.map((k) => neo4j.int(k)) }))[0]);
    /** The usable links declared from u to v (u, v slug ranks), first declaration of each link (linkKey). */
    const declared = (u: number, v: number, into: Map<string, LinkView>): void => {
      const card = cards.get(u)!;
      for (const entry of card[5]) {
        if (entry[0] !== v || isDangling(entry) || (followed !== null && !followed.has(entry[1]))) continue;
        const view = cardLinkView(card[0], entry, cards.get(v)![0]);
        const key = linkKey(view);
        if (!into.has(key)) into.set(key, view);
      }
    };
    const views = new Map<string, NodeView>();
    for (const card of cards.values()) views.set(card[0], cardView(card));
    for (const path of ranked) {
      const hops: LinkView[][] = [];
      for (let j = 0; j + 1 < path.ranks.length; j++) {
        const links = new Map<string, LinkView>();
        declared(path.ranks[j]!, path.ranks[j + 1]!, links);
        if (!options.directed) declared(path.ranks[j + 1]!, path.ranks[j]!, links);
        hops.push([...links.values()]);
      }
      result.paths.push(pathView(path.ranks.map((k) => cards.get(k)![0] as Slug), hops, path, (slug) => views.get(slug)!.title));
    }
    result.nodes = [...views.keys()].sort(compareStrings).map((s) => views.get(s)!);
    return result;
  }));
  adjacency?.keep();
  return answer;
}
