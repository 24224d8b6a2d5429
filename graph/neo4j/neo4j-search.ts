// Search on the Neo4j store: Cypher finds the direct matches, the memory store's own scoring ranks
// them, and the memory store's own search answers the lower tiers over an index of the copy. Also the
// NotFoundError every query family throws for an unknown slug, with search hits as suggestions.
import neo4j from "neo4j-driver";
import { SearchIndexBuilder, searchPatterns, searchPatternsWithin, type SearchIndex } from "../algorithms/search.ts";
import { compareSearchHits, normalizeSearchText, scoreMatch, typoBudget } from "../algorithms/search-score.ts";
import type { Budget } from "../budget.ts";
import { NotFoundError } from "../../core/errors.ts";
import type { SearchHit, SearchMatchKind, Slug } from "../../core/model.ts";
import type { Reader, Reads } from "./neo4j-connection.ts";
import { byRank, CURRENT } from "./neo4j-cypher.ts";
import { LABELS } from "./neo4j-model.ts";

/** Patterns read per round trip for the typo tiers' index (by slug rank, which also counts placeholders). */
const SEARCH_ROWS_PAGE = 20_000;

/** A search candidate as a compact row: slug, title, aliases, domain. */
type CandidateRow = [string, string, string[] | null, string | null];

export interface Neo4jSearch {
  /**
   * The hits for `query` in the copy `lib` (undefined: the current copy, looked up in the same
   * round trip; null: nothing loaded). With a `budget`, each round trip gets what is left of it as
   * its transaction timeout, and the lower tiers count their work against it, as the memory
   * store's search does.
   */
  searchIn(tx: Reader, lib: string | null | undefined, query: string, limit: number, budget?: Budget): Promise<SearchHit[]>;
  /** The NotFoundError for an unknown slug, with the top 5 search hits for it as suggestions. */
  notFound(tx: Reader, lib: string | null, slug: string): Promise<NotFoundError>;
}

/** The thrower every query family gets: see Neo4jSearch.notFound. */
export type NotFound = Neo4jSearch["notFound"];

/**
 * The typo tiers' index of the copy `copy` (the memory store's own search index), read in pages of
 * slug ranks into a builder fed page by page: the whole library's rows in one record took ~85 MB of
 * the server's heap for a moment at 10x, ten times that at 100x (2026-12-06).
 */
export async function readSearchIndex(rows: Reads["rows"], tx: Reader, copy: string, timeoutMs: number): Promise<SearchIndex> {
  // The builder's sizes from the stored search keys (the same normalised texts the builder makes).
  const [top] = await rows<{ top: number | null; keys: number | null; chars: number | null; words: number | null }>(
    tx,
    `MATCH (p:${LABELS.pattern} {lib: $lib})
     RETURN max(p.rank) AS top, sum(size(p.searchKeys)) AS keys,
            sum(reduce(n = 0, k IN p.searchKeys | n + size(k) + 1)) AS chars,
            sum(reduce(n = 0, k IN p.searchKeys | n + CASE WHEN k CONTAINS ' ' THEN size(split(k, ' ')) ELSE 0 END)) AS words`,
    { lib: copy },
    timeoutMs,
  );
  const builder = new SearchIndexBuilder(top?.keys ? { keys: Number(top.keys), chars: Number(top.chars), words: Number(top.words) } : undefined);
  for (let from = 0; top?.top !== null && top?.top !== undefined && from <= Number(top.top); from += SEARCH_ROWS_PAGE) {
    const [page] = await rows<{ all: CandidateRow[] }>(
      tx,
      `MATCH (p:${LABELS.pattern} {lib: $lib}) ${byRank("p")} WHERE p.rank >= $from AND p.rank < $to
       RETURN collect([p.slug, p.title, p.aliases, p.domain]) AS all`,
      { lib: copy, from: neo4j.int(from), to: neo4j.int(from + SEARCH_ROWS_PAGE) },
      timeoutMs,
    );
    builder.add(
      (page?.all ?? []).map(([slug, title, aliases, domain]) => ({
        slug: slug as Slug,
        title,
        aliases: aliases ?? [],
        ...(domain === null ? {} : { domain }),
      })),
    );
  }
  return builder.build();
}

export function createNeo4jSearch({ rows, queryTimeoutMs }: Reads): Neo4jSearch {
  /**
   * The search index (the memory store's own) of one copy, for the lower, typo-tolerant tiers,
   * which must score every pattern: reading all of them (~3,500 rows) is the bulk of such a
   * search, and a copy changes only with its stamp (neo4j-stamp.ts), so it is read once and kept
   * while that copy at that stamp is the one asked about.
   */
  let lowerTiersIndex: { lib: string; index: Promise<SearchIndex> } | undefined;

  async function lowerTiersIndexOf(tx: Reader, copy: string, timeoutMs = queryTimeoutMs): Promise<SearchIndex> {
    const [stamp] = await rows<{ stamp: string | null }>(tx, `MATCH (g:${LABELS.copy} {id: $lib}) RETURN g.stamp AS stamp`, { lib: copy }, timeoutMs);
    const lib = `${copy}@${stamp?.stamp ?? "0"}`;
    if (lowerTiersIndex?.lib !== lib) {
      const index = readSearchIndex(rows, tx, copy, timeoutMs);
      lowerTiersIndex = { lib, index };
      // A failed read is not kept.
      index.catch(() => {
        if (lowerTiersIndex?.index === index) lowerTiersIndex = undefined;
      });
    }
    return lowerTiersIndex.index;
  }

  /**
   * Candidates: the patterns with a key containing the query (every direct tier, exact to
   * substring, is such a containment), found by Cypher and ranked with the memory store's own
   * scoreMatch. Only when those are fewer than `limit` (the lower tiers score below every direct
   * match) do all the other patterns count: then the memory store's own search over the copy's
   * index answers, so both stores give the same hits whatever the lower tiers do.
   */
  async function searchIn(tx: Reader, lib: string | null | undefined, query: string, limit: number, budget?: Budget): Promise<SearchHit[]> {
    const q = normalizeSearchText(query);
    if (q === "" || lib === null) return [];
    const [found] = await rows<{ lib: string; direct: CandidateRow[] }>(
      tx,
      `${lib === undefined ? CURRENT : "WITH $lib AS lib"}
       RETURN lib, COLLECT {
         MATCH (p:${LABELS.pattern} {lib: lib}) WHERE any(k IN p.searchKeys WHERE k CONTAINS $q)
         RETURN [p.slug, p.title, p.aliases, p.domain]
       } AS direct`,
      { lib: lib ?? null, q },
      budget?.remainingMs(),
    );
    budget?.check();
    if (!found) return [];
    const candidates = found.direct;
    const lowerTiersApply = typoBudget(q) > 0 || q.includes(" ");
    // Fewer direct matches than asked for: the lower tiers decide the rest, over every pattern.
    if (candidates.length < limit && lowerTiersApply) {
      const index = await lowerTiersIndexOf(tx, found.lib, budget?.remainingMs());
      return budget ? searchPatternsWithin(index, query, limit, budget) : searchPatterns(index, query, limit);
    }
    const hits: SearchHit[] = [];
    for (const [slug, title, aliases, domain] of candidates) {
      const keys: [SearchMatchKind, string][] = [["title", title], ["slug", slug], ...(aliases ?? []).map((a): [SearchMatchKind, string] => ["alias", a])];
      let best: SearchHit | undefined;
      for (const [kind, text] of keys) {
        const score = scoreMatch(query, text, kind);
        // Strictly better only: a tie between keys goes to the earlier one (title, slug, aliases).
        if (score !== null && (best === undefined || score > best.score)) {
          best = { slug: slug as Slug, title, matched: kind, matchedText: text, score };
        }
      }
      if (!best) continue;
      if (domain !== null && domain !== undefined) best.domain = domain;
      hits.push(best);
    }
    return hits.sort(compareSearchHits).slice(0, limit);
  }

  async function notFound(tx: Reader, lib: string | null, slug: string): Promise<NotFoundError> {
    const hits = await searchIn(tx, lib, slug, 5);
    return new NotFoundError(slug, hits.map((h) => h.slug));
  }

  return { searchIn, notFound };
}
