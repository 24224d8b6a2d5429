// Search on the Neo4j store: Cypher finds the direct matches, the copy's stored vocabulary
// (neo4j-search-vocabulary.ts) the lower tiers' candidates, and the memory store's own scoring ranks
// them all, so that the server holds no index of the library. Also the
// NotFoundError every query family throws for an unknown slug, with search hits as suggestions.
import { characterBits, popCount } from "../algorithms/search.ts";
import neo4j from "neo4j-driver";
import { boundedEditDistance, compareSearchHits, normalizeSearchText, prepareQuery, KIND_BONUS, scoreMatch, TIER_BASE, typoBudget, type PreparedQuery } from "../algorithms/search-score.ts";
import type { Budget } from "../budget.ts";
import { NotFoundError } from "../../core/errors.ts";
import type { SearchHit, SearchMatchKind, Slug } from "../../core/model.ts";
import type { Reader, Reads } from "./neo4j-connection.ts";
import { byKey, byRank, CURRENT } from "./neo4j-cypher.ts";
import { LABELS } from "./neo4j-model.ts";

/** Patterns read per round trip when the lower tiers' candidates are scored. */
const CANDIDATE_PAGE = 5_000;
/** Tokens measured between two checks of the search's budget (each a bounded edit distance at most). */
const TOKENS_PER_CHECK = 2_000;

/** A search candidate as a compact row: slug, title, aliases, domain. */
type CandidateRow = [string, string, string[] | null, string | null];

/** The candidate's hit: its best-scoring key by the memory store's own scoreMatch (a tie goes to the earlier key: title, slug, aliases); undefined when none matches. */
function bestHit(query: string, [slug, title, aliases, domain]: CandidateRow): SearchHit | undefined {
  const keys: [SearchMatchKind, string][] = [["title", title], ["slug", slug], ...(aliases ?? []).map((a): [SearchMatchKind, string] => ["alias", a])];
  let best: SearchHit | undefined;
  for (const [kind, text] of keys) {
    const score = scoreMatch(query, text, kind);
    // Strictly better only: a tie between keys goes to the earlier one (title, slug, aliases).
    if (score !== null && (best === undefined || score > best.score)) {
      best = { slug: slug as Slug, title, matched: kind, matchedText: text, score };
    }
  }
  if (best && domain !== null && domain !== undefined) best.domain = domain;
  return best;
}

/**
 * Bounds of a direct match's score (search-score.ts's scoreDirect: the tier's base, plus how much of
 * the key the query covers, floor(10 * |query| / |key|), plus the kind's bonus), the best over the
 * pattern's keys containing `$q`, in Cypher: `upper` is at least its score, `lower` at most. So the
 * best `limit` patterns are among those whose upper bound reaches the `limit`-th highest lower bound:
 * the only direct matches read. Lengths are JavaScript's (UTF-16 units: `$qlength`), but Cypher's
 * size() counts code points, at least half a key's length and at most all of it; hence the coverage
 * over size() for the upper bound and over twice it for the lower (exact for neither, safe for both),
 * and every kind's bonus in the upper (the stored keys drop empty ones: a key's kind is not known).
 */
const DIRECT_BOUNDS = `[k IN p.searchKeys WHERE k CONTAINS $q |
    [CASE WHEN k = $q THEN ${TIER_BASE.exact} WHEN k STARTS WITH $q THEN ${TIER_BASE.prefix} WHEN k CONTAINS $spaced THEN ${TIER_BASE["word-prefix"]} ELSE ${TIER_BASE.substring} END, size(k)]] AS m
  WITH p, reduce(u = 0, x IN m | CASE WHEN x[0] + 10 * $qlength / x[1] > u THEN x[0] + 10 * $qlength / x[1] ELSE u END) + $bonus AS upper,
          reduce(l = 0, x IN m | CASE WHEN x[0] + 10 * $qlength / (2 * x[1]) > l THEN x[0] + 10 * $qlength / (2 * x[1]) ELSE l END) AS lower`;

/** The best `limit` of `hits`, in hit order (compareSearchHits). */
const topOf = (hits: SearchHit[], limit: number): SearchHit[] => hits.sort(compareSearchHits).slice(0, limit);

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

export function createNeo4jSearch({ rows }: Reads): Neo4jSearch {
  /**
   * The copy's tokens (neo4j-search-vocabulary.ts) within `budget` edits of `text`: Neo4j gives the
   * texts of the lengths the budget admits (through the (lib, length) index), one length per round
   * trip; the character-class bound and the bounded edit distance (the memory store's own) are
   * computed here on that stream. `words`: only tokens of one word (the words rule's).
   */
  async function tokensWithin(tx: Reader, lib: string, text: string, budget: number, words: boolean, limits?: Budget): Promise<string[]> {
    const near: string[] = [];
    const bits = characterBits(text);
    for (let length = Math.max(1, text.length - budget); length <= text.length + budget; length++) {
      const [found] = await rows<{ texts: string[] }>(
        tx,
        `MATCH (t:${LABELS.searchToken} {lib: $lib, length: $length}) USING INDEX t:${LABELS.searchToken}(lib, length)
         ${words ? "WHERE t.word" : ""} RETURN collect(t.text) AS texts`,
        { lib, length },
        limits?.remainingMs(),
      );
      limits?.check();
      const texts = found?.texts ?? [];
      for (let i = 0; i < texts.length; i++) {
        if (limits && i > 0 && i % TOKENS_PER_CHECK === 0) await limits.checkpoint(TOKENS_PER_CHECK);
        const t = texts[i]!;
        const tBits = characterBits(t);
        // Each character class present on one side only costs at least one edit.
        if (popCount(bits & ~tBits) > budget || popCount(tBits & ~bits) > budget) continue;
        if (boundedEditDistance(text, t, budget) <= budget) near.push(t);
      }
      await limits?.checkpoint(texts.length % TOKENS_PER_CHECK);
    }
    return near;
  }

  /**
   * The patterns (slugs) the lower tiers may match, a superset of those the memory store's index
   * finds (its scoring then decides, bestHit): for the typo tier, those with a token within the
   * query's edit budget; for a query of several words (the words rule), those where every query word
   * starts or is within its own budget of a one-word token (Neo4j intersects the words' patterns).
   */
  async function lowerTierCandidates(tx: Reader, lib: string, query: PreparedQuery, limits?: Budget): Promise<Set<string>> {
    const candidates = new Set<string>();
    const slugsOf = async (cypher: string, params: Record<string, unknown>): Promise<void> => {
      const [found] = await rows<{ slugs: string[] }>(tx, cypher, { lib, ...params }, limits?.remainingMs());
      limits?.check();
      for (const slug of found?.slugs ?? []) candidates.add(slug);
    };
    const token = `MATCH (t:${LABELS.searchToken} {lib: $lib, text: x}) USING INDEX t:${LABELS.searchToken}(lib, text)`;
    if (query.budget > 0) {
      const near = await tokensWithin(tx, lib, query.q, query.budget, false, limits);
      if (near.length > 0) await slugsOf(`UNWIND $texts AS x ${token} UNWIND t.slugs AS s RETURN collect(DISTINCT s) AS slugs`, { texts: near });
    }
    if (query.words.length > 1) {
      const words = [...new Set(query.words)];
      const groups: { i: number; prefix: string; texts: string[] }[] = [];
      for (const [i, word] of words.entries()) {
        const budget = typoBudget(word);
        groups.push({ i, prefix: word, texts: budget > 0 ? await tokensWithin(tx, lib, word, budget, true, limits) : [] });
      }
      await slugsOf(
        `UNWIND $groups AS g
         CALL {
           WITH g MATCH (t:${LABELS.searchToken} {lib: $lib}) USING INDEX t:${LABELS.searchToken}(lib, text)
           WHERE t.text STARTS WITH g.prefix AND t.word RETURN t
           UNION
           WITH g UNWIND g.texts AS x ${token} RETURN t
         }
         UNWIND t.slugs AS s
         WITH s, count(DISTINCT g.i) AS n WHERE n = $k
         RETURN collect(s) AS slugs`,
        { groups, k: groups.length },
      );
    }
    return candidates;
  }

  /**
   * Candidates: the patterns with a key containing the query (every direct tier, exact to
   * substring, is such a containment), found by Cypher and ranked with the memory store's own
   * scoreMatch. Only when those are fewer than `limit` (the lower tiers score below every direct
   * match) do the lower tiers count: their candidates come from the copy's stored vocabulary
   * (lowerTierCandidates), are read a page at a time and ranked the same way, so both stores give
   * the same hits without the server holding an index of the library.
   */
  async function searchIn(tx: Reader, lib: string | null | undefined, query: string, limit: number, budget?: Budget): Promise<SearchHit[]> {
    const q = normalizeSearchText(query);
    if (q === "" || lib === null) return [];
    // Each direct match's score bounds (DIRECT_BOUNDS): only the patterns that can be among the best
    // `limit` are sent, not every pattern whose keys contain the query (at 100x a one-letter query
    // matched most of the 357,100 patterns, every one of them a row in the server).
    const [found] = await rows<{ lib: string; count: number; direct: CandidateRow[] }>(
      tx,
      `${lib === undefined ? CURRENT : "WITH $lib AS lib"}
       WITH lib, COLLECT {
         MATCH (p:${LABELS.pattern} {lib: lib}) WHERE any(k IN p.searchKeys WHERE k CONTAINS $q)
         WITH p, ${DIRECT_BOUNDS}
         ORDER BY lower DESC
         RETURN [lower, upper, p]
       } AS matches
       WITH lib, matches, CASE WHEN size(matches) < $limit THEN -1 ELSE matches[$limit - 1][0] END AS cut
       RETURN lib, size(matches) AS count, [x IN matches WHERE x[1] >= cut | [x[2].slug, x[2].title, x[2].aliases, x[2].domain]] AS direct`,
      { lib: lib ?? null, q, spaced: ` ${q}`, qlength: neo4j.int(q.length), bonus: neo4j.int(Math.max(...Object.values(KIND_BONUS))), limit: neo4j.int(limit) },
      budget?.remainingMs(),
    );
    budget?.check();
    if (!found) return [];
    let hits: SearchHit[] = [];
    for (const row of found.direct) {
      const hit = bestHit(query, row);
      if (hit) hits.push(hit);
    }
    const prepared = prepareQuery(query);
    const lowerTiersApply = prepared.budget > 0 || prepared.words.length > 1;
    // Fewer direct matches than asked for: the lower tiers decide the rest.
    if (found.count >= limit || !lowerTiersApply) return topOf(hits, limit);
    const direct = new Set(found.direct.map(([slug]) => slug));
    // A copy stored before the vocabulary (model version 8 or earlier, until its next load): every
    // pattern is a candidate, read a page of slug ranks at a time (slower, the same hits).
    const [stored] = await rows<{ vocabulary: boolean; top: number | null }>(
      tx,
      `RETURN EXISTS { MATCH (t:${LABELS.searchToken} {lib: $lib}) } AS vocabulary,
              CASE WHEN EXISTS { MATCH (t:${LABELS.searchToken} {lib: $lib}) } THEN null
                   ELSE COLLECT { MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN max(p.rank) }[0] END AS top`,
      { lib: found.lib },
      budget?.remainingMs(),
    );
    const everyPattern = stored?.vocabulary === false;
    const lower = everyPattern ? [] : [...(await lowerTierCandidates(tx, found.lib, prepared, budget))].filter((slug) => !direct.has(slug));
    const pages = everyPattern ? Math.ceil((Number(stored?.top ?? -1) + 1) / CANDIDATE_PAGE) : Math.ceil(lower.length / CANDIDATE_PAGE);
    for (let n = 0; n < pages; n++) {
      const start = n * CANDIDATE_PAGE;
      const [page] = await rows<{ all: CandidateRow[] }>(
        tx,
        everyPattern
          ? `MATCH (p:${LABELS.pattern} {lib: $lib}) ${byRank("p")} WHERE p.rank >= $from AND p.rank < $to AND NOT p.slug IN $direct
             RETURN collect([p.slug, p.title, p.aliases, p.domain]) AS all`
          : `UNWIND $slugs AS s MATCH (p:${LABELS.pattern} {lib: $lib, slug: s}) ${byKey("p")}
             RETURN collect([p.slug, p.title, p.aliases, p.domain]) AS all`,
        everyPattern
          ? { lib: found.lib, from: neo4j.int(start), to: neo4j.int(start + CANDIDATE_PAGE), direct: [...direct] }
          : { lib: found.lib, slugs: lower.slice(start, start + CANDIDATE_PAGE) },
        budget?.remainingMs(),
      );
      budget?.check();
      for (const row of page?.all ?? []) {
        const hit = bestHit(query, row);
        if (hit) hits.push(hit);
      }
      await budget?.checkpoint(page?.all.length ?? 0);
      // Only the best `limit` can be the answer: the rest go between pages.
      if (hits.length > 4 * limit) hits = topOf(hits, limit);
    }
    return topOf(hits, limit);
  }

  async function notFound(tx: Reader, lib: string | null, slug: string): Promise<NotFoundError> {
    const hits = await searchIn(tx, lib, slug, 5);
    return new NotFoundError(slug, hits.map((h) => h.slug));
  }

  return { searchIn, notFound };
}
