// How well a query matches one text (a slug, title or alias): normalising, the bounded edit
// distance, the match tiers and their scores, and the order of hits. Pure, so the search index
// (search.ts) and the Neo4j store rank candidates exactly alike.
import type { SearchHit, SearchMatchKind } from "../../core/model.ts";
import { compareStrings } from "./views.ts";

/** How a query matched a text, best first. Each tier's scores lie strictly above the next tier's. */
export const MATCH_TIERS = ["exact", "prefix", "word-prefix", "substring", "all-words", "typo"] as const;
export type MatchTier = (typeof MATCH_TIERS)[number];

export const TIER_BASE: Record<MatchTier, number> = { exact: 100, prefix: 80, "word-prefix": 60, substring: 40, "all-words": 30, typo: 20 };
/** At equal match, a title beats a slug beats an alias. */
export const KIND_BONUS: Record<SearchMatchKind, number> = { title: 2, slug: 1, alias: 0 };
/** A typo match against the whole text is worth more than one against a single word of it. */
export const TYPO_WHOLE_TEXT_BONUS = 4;
export const TYPO_PENALTY_PER_EXTRA_EDIT = 5;
/** Edits beyond this many cost nothing more, so a words match never scores below 10. */
const MAX_PENALISED_EDITS = 3;

/**
 * Edits tolerated for a query of this (normalised) length: none below 4 characters, where one edit
 * matches almost anything; 1 up to 7 characters; 2 from 8.
 */
export function typoBudget(normalizedQuery: string): number {
  const n = normalizedQuery.length;
  return n < 4 ? 0 : n < 8 ? 1 : 2;
}

/** Printable ASCII only (text with anything else takes the Unicode path). */
const ASCII = /^[ -~]*$/;
const NOT_ASCII_ALNUM = /[^a-z0-9]+/g;

/**
 * Lowercases, strips diacritics and turns every run of characters other than letters and digits
 * into one space, so `deep-work`, `Deep Work` and ` deep  work ` all read `deep work`.
 */
export function normalizeSearchText(text: string): string {
  // Most titles are plain ASCII: skip the (much slower) Unicode decomposition for them.
  if (ASCII.test(text)) return text.toLowerCase().replace(NOT_ASCII_ALNUM, " ").trim();
  // Lowercase first: some capitals lowercase to a letter plus a combining mark (İ -> i + U+0307).
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Reused rows for the distance computation: search runs thousands of them per query.
let rowA = new Uint16Array(64);
let rowB = new Uint16Array(64);
let rowC = new Uint16Array(64);

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, the
 * "Damerau-Levenshtein" users expect: `wrok` is one edit from `work`), computed only as far as
 * `max`: any distance above `max` is reported as `max + 1`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (rowA.length <= lb) {
    const size = Math.max(lb + 1, rowA.length * 2);
    rowA = new Uint16Array(size);
    rowB = new Uint16Array(size);
    rowC = new Uint16Array(size);
  }
  let prev2 = rowA; // row i-2
  let prev = rowB; // row i-1
  let cur = rowC; // row i
  for (let j = 0; j <= lb; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ca === cb ? 0 : 1);
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const tr = prev2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Later rows derive from the last two rows plus non-negative costs (the transposition adds 1
    // to row i-1's values), so once both are out of reach, the distance is too.
    if (rowMin > max && prevMin >= max) return max + 1;
    prevMin = rowMin;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb], max + 1);
}

export interface NormalizedText {
  norm: string;
  words: readonly string[];
}

export function prepareText(text: string): NormalizedText {
  const norm = normalizeSearchText(text);
  return { norm, words: norm === "" ? [] : norm.split(" ") };
}

/** A normalised query and what every candidate test needs of it, computed once per query. */
export interface PreparedQuery {
  q: string;
  /** `" " + q`: the query starting a later word. */
  spaced: string;
  /** The query's words; several make the words rule apply. */
  words: string[];
  oneWord: boolean;
  budget: number;
}

export function prepareQuery(query: string): PreparedQuery {
  const q = normalizeSearchText(query);
  const words = q === "" ? [] : q.split(" ");
  return { q, spaced: " " + q, words, oneWord: words.length === 1, budget: typoBudget(q) };
}

/** The non-typo tiers: a plain string test each; null when none applies. */
function scoreDirect(query: PreparedQuery, t: string, kind: SearchMatchKind): number | null {
  const { q } = query;
  if (t.length < q.length) return null;
  let tier: MatchTier;
  if (t === q) tier = "exact";
  else if (t.startsWith(q)) tier = "prefix";
  else if (t.includes(query.spaced)) tier = "word-prefix";
  else if (t.includes(q)) tier = "substring";
  else return null;
  // How much of the text the query covers, 0..10: "deep" fits "deep work" better than "deep work flow".
  const coverage = Math.floor((10 * q.length) / t.length);
  return TIER_BASE[tier] + coverage + KIND_BONUS[kind];
}

/**
 * The typo tier: the whole text or (for a one-word query) one of its words within the edit
 * budget. Generic over how a text is named (the string itself, or its number in an index's
 * vocabulary) so that both paths share this one rule.
 */
function scoreTypo<T>(query: PreparedQuery, whole: T, words: readonly T[], kind: SearchMatchKind, distance: (t: T) => number): number | null {
  const { budget } = query;
  if (budget === 0) return null;
  let best: number | null = null;
  const d = distance(whole);
  if (d <= budget) best = TIER_BASE.typo - TYPO_PENALTY_PER_EXTRA_EDIT * (d - 1) + TYPO_WHOLE_TEXT_BONUS + KIND_BONUS[kind];
  if (query.oneWord && words.length > 1) {
    for (const w of words) {
      const dw = distance(w);
      if (dw > budget) continue;
      const s = TIER_BASE.typo - TYPO_PENALTY_PER_EXTRA_EDIT * (dw - 1) + KIND_BONUS[kind];
      if (best === null || s > best) best = s;
    }
  }
  return best;
}

/** What a query word costs against a text word: 0 when it starts it, else its edits within the word's own budget. */
function wordCost(queryWord: string, word: string): number {
  if (word.startsWith(queryWord)) return 0;
  const budget = typoBudget(queryWord);
  const d = budget === 0 ? 1 : boundedEditDistance(queryWord, word, budget);
  return d <= budget ? d : Infinity;
}

/** The words rule's score from the total edits of its query words (0: every word starts a word of the text). */
export const wordsScore = (edits: number, kind: SearchMatchKind): number =>
  edits === 0
    ? TIER_BASE["all-words"] + KIND_BONUS[kind]
    : TIER_BASE.typo - TYPO_PENALTY_PER_EXTRA_EDIT * (Math.min(edits, MAX_PENALISED_EDITS) - 1) + KIND_BONUS[kind];

/**
 * The words rule, for a query of several words: each must start, or be within its own typo budget
 * of, some word of the text (in any order); edits add up over the query words.
 */
function scoreWords(query: PreparedQuery, words: readonly string[], kind: SearchMatchKind): number | null {
  if (query.words.length < 2) return null;
  let edits = 0;
  for (const qw of query.words) {
    let best = Infinity;
    for (const w of words) best = Math.min(best, wordCost(qw, w));
    if (best === Infinity) return null;
    edits += best;
  }
  return wordsScore(edits, kind);
}

/**
 * The score of one candidate text (a slug, title or alias) for a query, or null when it does not
 * match. Case-, accent- and punctuation-insensitive (see normalizeSearchText). Tiers, best first:
 * exact (110-112), prefix (80-92), word prefix: the query starts a later word (60-72), substring
 * (40-52), all words: every word of a several-word query starts a word of the text, in any
 * order (30-32), then typo-tolerant (10-26): the whole text within typoBudget(query) edits, or for
 * a one-word query one word of the text within it, or for a several-word query every query word
 * starting or within its own budget of a text word (edits summed). Within a tier: +0..10 for how
 * much of the text the query covers (floor(10 * |query| / |text|)) in the direct tiers; for a typo
 * +4 when the whole text matched and -5 per edit beyond the first (at most 3 counted); and +2 for a
 * title, +1 for a slug, +0 for an alias. The best applicable rule gives the score.
 */
export function scoreMatch(query: string, text: string, kind: SearchMatchKind): number | null {
  const prepared = prepareQuery(query);
  const t = prepareText(text);
  if (prepared.q === "" || t.norm === "") return null;
  const distance = (c: string): number => boundedEditDistance(prepared.q, c, prepared.budget);
  const direct = scoreDirect(prepared, t.norm, kind);
  if (direct !== null) return direct;
  const typo = scoreTypo(prepared, t.norm, t.words.length > 1 ? t.words : [], kind, distance);
  const words = scoreWords(prepared, t.words, kind);
  return typo === null ? words : words === null ? typo : Math.max(typo, words);
}

/**
 * Hit order: score (higher first), then title compared case-insensitively, then title, then slug,
 * all by UTF-16 code units (never locale-dependent).
 */
export function compareSearchHits(a: SearchHit, b: SearchHit): number {
  return (
    b.score - a.score ||
    compareStrings(a.title.toLowerCase(), b.title.toLowerCase()) ||
    compareStrings(a.title, b.title) ||
    compareStrings(a.slug, b.slug)
  );
}
