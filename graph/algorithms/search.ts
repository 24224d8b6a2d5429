// Ranked, typo-tolerant search over pattern slugs, titles and aliases, plus "did you mean" slug
// suggestions. The index is built once per library; scoring is one exported pure function so the
// Neo4j store ranks its candidates exactly like the memory store.
import type { PatternGraph } from "../build-graph.ts";
import { createBudget, runWithin, type Budget } from "../budget.ts";
import { ITEMS_PER_STEP, runNow, type Steps } from "../sliced-work.ts";
import type { Pattern, SearchHit, SearchMatchKind, Slug } from "../../core/model.ts";
import { compareStrings } from "./views.ts";

/** How a query matched a text, best first. Each tier's scores lie strictly above the next tier's. */
export const MATCH_TIERS = ["exact", "prefix", "word-prefix", "substring", "all-words", "typo"] as const;
export type MatchTier = (typeof MATCH_TIERS)[number];

const TIER_BASE: Record<MatchTier, number> = { exact: 100, prefix: 80, "word-prefix": 60, substring: 40, "all-words": 30, typo: 20 };
/** At equal match, a title beats a slug beats an alias. */
const KIND_BONUS: Record<SearchMatchKind, number> = { title: 2, slug: 1, alias: 0 };
/** A typo match against the whole text is worth more than one against a single word of it. */
const TYPO_WHOLE_TEXT_BONUS = 4;
const TYPO_PENALTY_PER_EXTRA_EDIT = 5;
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

interface NormalizedText {
  norm: string;
  words: readonly string[];
}

function prepareText(text: string): NormalizedText {
  const norm = normalizeSearchText(text);
  return { norm, words: norm === "" ? [] : norm.split(" ") };
}

/** A normalised query and what every candidate test needs of it, computed once per query. */
interface PreparedQuery {
  q: string;
  /** `" " + q`: the query starting a later word. */
  spaced: string;
  /** The query's words; several make the words rule apply. */
  words: string[];
  oneWord: boolean;
  budget: number;
}

function prepareQuery(query: string): PreparedQuery {
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
const wordsScore = (edits: number, kind: SearchMatchKind): number =>
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

interface IndexedPattern {
  slug: Slug;
  title: string;
  domain?: string;
}

/** Per pattern, its best score and the key that gave it (-1 when none matched), and the patterns matched. */
type Matches = { score: Int32Array; key: Int32Array; matched: number[] };

/** A bit per character class present (code modulo 32): two texts' bits bound their edit distance from below. */
function characterBits(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) bits |= 1 << (text.charCodeAt(i) & 31);
  return bits >>> 0;
}

function popCount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

/** Separates keys in the haystack; never part of a normalised query, so no match spans two keys. */
const KEY_SEPARATOR = "\u0000";

const typoScore = (distance: number, whole: boolean, kind: SearchMatchKind): number =>
  TIER_BASE.typo - TYPO_PENALTY_PER_EXTRA_EDIT * (distance - 1) + (whole ? TYPO_WHOLE_TEXT_BONUS : 0) + KIND_BONUS[kind];

/** What a SearchIndex is made of, made in steps (sliced-work.ts) for a reload that must not hold the server's thread. */
interface IndexParts {
  patterns: IndexedPattern[];
  keyPattern: Int32Array;
  keyKind: SearchMatchKind[];
  keyText: string[];
  keyStart: Int32Array;
  keyLength: Int32Array;
  haystack: string;
  vocabulary: string[];
  vocabularyBits: Uint32Array;
  wholePostings: number[][];
  multiWordPostings: number[][];
  isWord: Uint8Array;
}

/** What a search index reads of a pattern (the gaps thread builds one from these alone). */
export type SearchablePattern = Pick<Pattern, "slug" | "title" | "aliases" | "domain">;

const isIndexParts = (source: readonly SearchablePattern[] | IndexParts): source is IndexParts => !Array.isArray(source);

function* indexPartsSteps(patterns: readonly SearchablePattern[]): Steps<IndexParts> {
  const tokenNumber = new Map<string, number>();
  const vocabulary: string[] = [];
  const wholePostings: number[][] = [];
  const multiWordPostings: number[][] = [];
  const token = (text: string): number => {
    let k = tokenNumber.get(text);
    if (k === undefined) {
      tokenNumber.set(text, (k = vocabulary.length));
      vocabulary.push(text);
      wholePostings.push([]);
      multiWordPostings.push([]);
    }
    return k;
  };
  const keyPattern: number[] = [];
  const starts: number[] = [];
  const norms: string[] = [];
  const keyKind: SearchMatchKind[] = [];
  const keyText: string[] = [];
  let offset = 0;
  const indexed: IndexedPattern[] = [];
  for (let pi = 0; pi < patterns.length; pi++) {
    if (pi % ITEMS_PER_STEP === 0) yield;
    const p = patterns[pi]!;
    const texts: [SearchMatchKind, string][] = [["title", p.title], ["slug", p.slug], ...p.aliases.map((a): [SearchMatchKind, string] => ["alias", a])];
    for (const [kind, text] of texts) {
      const { norm, words } = prepareText(text);
      if (norm === "") continue;
      const key = norms.length;
      keyPattern.push(pi);
      keyKind.push(kind);
      keyText.push(text);
      norms.push(norm);
      starts.push(offset);
      offset += norm.length + KEY_SEPARATOR.length;
      wholePostings[token(norm)].push(key);
      if (words.length > 1) for (const w of words) multiWordPostings[token(w)].push(key);
    }
    const entry: IndexedPattern = { slug: p.slug, title: p.title };
    if (p.domain !== undefined) entry.domain = p.domain;
    indexed.push(entry);
  }
  yield;
  return {
    patterns: indexed,
    keyPattern: Int32Array.from(keyPattern),
    keyKind,
    keyText,
    keyStart: Int32Array.from(starts),
    keyLength: Int32Array.from(norms, (n) => n.length),
    haystack: norms.join(KEY_SEPARATOR) + KEY_SEPARATOR,
    vocabulary,
    vocabularyBits: Uint32Array.from(vocabulary, characterBits),
    wholePostings,
    multiWordPostings,
    isWord: Uint8Array.from(vocabulary, (t) => (t.includes(" ") ? 0 : 1)),
  };
}

/**
 * Normalised search keys of every pattern, built once per library. Keys are numbered pattern by
 * pattern in tie-break order (title, slug, aliases as listed), so "lower key number" is the tie
 * rule. Direct matches are found by scanning one string of all keys; typo matches by measuring each
 * distinct text and word once and following its postings to the keys that contain it. Answers
 * exactly as scoreMatch applied to every key would.
 */
export class SearchIndex {
  readonly patterns: readonly IndexedPattern[];
  private readonly keyPattern: Int32Array;
  private readonly keyKind: SearchMatchKind[];
  private readonly keyText: string[];
  private readonly keyStart: Int32Array;
  private readonly keyLength: Int32Array;
  private readonly haystack: string;
  private readonly vocabulary: string[];
  private readonly vocabularyBits: Uint32Array;
  /** Keys whose whole normalised text is the token / keys of several words one of which is the token. */
  private readonly wholePostings: number[][];
  private readonly multiWordPostings: number[][];
  /** 1 for tokens that are single words (whole one-word keys, or words of longer keys). */
  private readonly isWord: Uint8Array;

  constructor(source: readonly SearchablePattern[] | IndexParts) {
    const parts = isIndexParts(source) ? source : runNow(indexPartsSteps(source));
    this.patterns = parts.patterns;
    this.keyPattern = parts.keyPattern;
    this.keyKind = parts.keyKind;
    this.keyText = parts.keyText;
    this.keyStart = parts.keyStart;
    this.keyLength = parts.keyLength;
    this.haystack = parts.haystack;
    this.vocabulary = parts.vocabulary;
    this.vocabularyBits = parts.vocabularyBits;
    this.wholePostings = parts.wholePostings;
    this.multiWordPostings = parts.multiWordPostings;
    this.isWord = parts.isWord;
  }

  /**
   * Per pattern, the best score and the key that gave it (-1 when none matched). With `limit`
   * patterns matched directly, the lower tiers cannot reach the top `limit` and are skipped.
   */
  match(query: PreparedQuery, limit: number): Matches {
    return runNow(this.matchSteps(query, limit));
  }

  /** match as steps (sliced-work.ts), each yielding the loop iterations it ran: a query's budget counts them. */
  *matchSteps(query: PreparedQuery, limit: number): Steps<Matches> {
    const score = new Int32Array(this.patterns.length).fill(-1);
    const key = new Int32Array(this.patterns.length).fill(-1);
    const matched: number[] = [];
    const offer = (k: number, s: number): void => {
      const p = this.keyPattern[k];
      if (score[p] === -1) matched.push(p);
      if (s > score[p] || (s === score[p] && k < key[p])) {
        score[p] = s;
        key[p] = k;
      }
    };

    // Direct tiers: every occurrence of the query in the haystack, attributed to its key.
    const { q } = query;
    const { haystack, keyStart, keyLength } = this;
    let k = 0;
    let steps = 0;
    for (let at = haystack.indexOf(q); at !== -1; at = haystack.indexOf(q, at + 1)) {
      if (++steps % ITEMS_PER_STEP === 0) yield ITEMS_PER_STEP;
      while (k + 1 < keyStart.length && keyStart[k + 1] <= at) k++;
      const rel = at - keyStart[k];
      let tier: MatchTier;
      if (rel === 0) tier = keyLength[k] === q.length ? "exact" : "prefix";
      else tier = haystack.charCodeAt(at - 1) === 32 ? "word-prefix" : "substring";
      offer(k, TIER_BASE[tier] + Math.floor((10 * q.length) / keyLength[k]) + KIND_BONUS[this.keyKind[k]]);
      // Nothing in this key can beat a match at its start: go on from the next key.
      if (rel === 0 && k + 1 < keyStart.length) at = keyStart[k + 1] - 1;
    }

    if (matched.length >= limit) return { score, key, matched };
    // Lower tiers, only for patterns without a direct match (they score below all of them).
    const direct = new Uint8Array(this.patterns.length);
    for (const p of matched) direct[p] = 1;
    if (query.words.length > 1) yield* this.matchWords(query, direct, offer);
    if (query.budget > 0) {
      const qBits = characterBits(q);
      const { budget } = query;
      for (let t = 0; t < this.vocabulary.length; t++) {
        if (t % ITEMS_PER_STEP === 0) yield ITEMS_PER_STEP;
        const text = this.vocabulary[t];
        if (Math.abs(text.length - q.length) > budget) continue;
        const tBits = this.vocabularyBits[t];
        // Each character class present on one side only costs at least one edit.
        if (popCount(qBits & ~tBits) > budget || popCount(tBits & ~qBits) > budget) continue;
        const d = boundedEditDistance(q, text, budget);
        if (d > budget) continue;
        for (const kk of this.wholePostings[t]) if (direct[this.keyPattern[kk]] === 0) offer(kk, typoScore(d, true, this.keyKind[kk]));
        if (query.oneWord) {
          for (const kk of this.multiWordPostings[t]) if (direct[this.keyPattern[kk]] === 0) offer(kk, typoScore(d, false, this.keyKind[kk]));
        }
      }
    }
    return { score, key, matched };
  }

  /** The words rule over the index: per query word, the cheapest cost of each key; keys that every word reaches. */
  private *matchWords(query: PreparedQuery, direct: Uint8Array, offer: (key: number, score: number) => void): Steps<void> {
    const keyCount = this.keyPattern.length;
    const NONE = 255;
    const total = new Int32Array(keyCount);
    for (const qw of query.words) {
      const cost = new Uint8Array(keyCount).fill(NONE);
      const budget = typoBudget(qw);
      const qBits = characterBits(qw);
      for (let t = 0; t < this.vocabulary.length; t++) {
        if (t % ITEMS_PER_STEP === 0) yield ITEMS_PER_STEP;
        if (this.isWord[t] === 0) continue;
        const text = this.vocabulary[t];
        let c: number;
        if (text.startsWith(qw)) c = 0;
        else {
          if (budget === 0 || Math.abs(text.length - qw.length) > budget) continue;
          const tBits = this.vocabularyBits[t];
          if (popCount(qBits & ~tBits) > budget || popCount(tBits & ~qBits) > budget) continue;
          c = boundedEditDistance(qw, text, budget);
          if (c > budget) continue;
        }
        for (const k of this.wholePostings[t]) if (c < cost[k]) cost[k] = c;
        for (const k of this.multiWordPostings[t]) if (c < cost[k]) cost[k] = c;
      }
      for (let k = 0; k < keyCount; k++) total[k] = cost[k] === NONE || total[k] === -1 ? -1 : total[k] + cost[k];
      yield keyCount;
    }
    for (let k = 0; k < keyCount; k++) {
      if (total[k] !== -1 && direct[this.keyPattern[k]] === 0) offer(k, wordsScore(total[k], this.keyKind[k]));
    }
  }

  hit(pattern: number, score: number, key: number): SearchHit {
    const p = this.patterns[pattern];
    const hit: SearchHit = { slug: p.slug, title: p.title, matched: this.keyKind[key], matchedText: this.keyText[key], score };
    if (p.domain !== undefined) hit.domain = p.domain;
    return hit;
  }
}

export function buildSearchIndex(patterns: readonly SearchablePattern[]): SearchIndex {
  return new SearchIndex(patterns);
}

const indexCache = new WeakMap<PatternGraph, SearchIndex>();

/** The search index of a graph, built on first use and kept as long as the graph lives. */
export function searchIndexOf(graph: PatternGraph): SearchIndex {
  return indexCache.get(graph) ?? runNow(searchIndexSteps(graph));
}

/** searchIndexOf as steps (sliced-work.ts): builds and keeps the index unless it is kept already. */
export function* searchIndexSteps(graph: PatternGraph): Steps<SearchIndex> {
  let index = indexCache.get(graph);
  if (!index) {
    index = new SearchIndex(yield* indexPartsSteps(graph.mapNodes((_slug, attrs) => attrs.pattern)));
    indexCache.set(graph, index);
  }
  return index;
}

const indexFor = (source: PatternGraph | SearchIndex): SearchIndex =>
  source instanceof SearchIndex ? source : searchIndexOf(source);

/**
 * The best `limit` hits for `query`, one per pattern (its best-scoring key; a tie between keys goes
 * to the title, then the slug, then the first alias), ordered by compareSearchHits. A query with no
 * letter or digit gives no hits. `limit` is trusted here: stores validate it first.
 */
export function searchPatterns(source: PatternGraph | SearchIndex, query: string, limit: number): SearchHit[] {
  return runNow(searchSteps(source, query, limit));
}

/** The budget of each search on the embedded store (and of the typo tiers Neo4j's search runs the same way): ms and loop iterations. */
export const SEARCH_BUDGET = { timeMs: 10_000, work: 100_000_000 } as const;

/** What a caller whose search ran out of time can ask for instead. */
export const SEARCH_HINT = "Search for shorter text with fewer words: each word is compared with every word of the library.";

/** The search budget for one request: SEARCH_BUDGET, or the limits given. */
export const searchBudget = (signal?: AbortSignal, limits: { timeMs?: number; work?: number } = {}): Budget =>
  createBudget({ timeMs: limits.timeMs ?? SEARCH_BUDGET.timeMs, work: limits.work ?? SEARCH_BUDGET.work, hint: SEARCH_HINT, signal });

/**
 * searchPatterns within a budget: stops with QueryTimeoutError past it, with QueryAbortedError once
 * the budget's signal fired, and takes turns on the event loop meanwhile (budget.ts).
 */
export function searchPatternsWithin(source: PatternGraph | SearchIndex, query: string, limit: number, budget: Budget): Promise<SearchHit[]> {
  return runWithin(searchSteps(source, query, limit), budget);
}

function* searchSteps(source: PatternGraph | SearchIndex, query: string, limit: number): Steps<SearchHit[]> {
  const prepared = prepareQuery(query);
  if (prepared.q === "" || limit < 1) return [];
  const index = indexFor(source);
  const { score, key, matched } = yield* index.matchSteps(prepared, limit);
  const top: SearchHit[] = [];
  for (const p of matched) {
    // Most hits of a broad query cannot enter a full top list: skip building them.
    if (top.length === limit && score[p] < top[top.length - 1].score) continue;
    insertTop(top, index.hit(p, score[p], key[p]), limit);
  }
  return top;
}

/** Keeps `top` sorted and at most `limit` long without sorting every hit. */
function insertTop(top: SearchHit[], hit: SearchHit, limit: number): void {
  if (top.length === limit && compareSearchHits(hit, top[top.length - 1]) >= 0) return;
  let i = top.length;
  while (i > 0 && compareSearchHits(hit, top[i - 1]) < 0) i--;
  top.splice(i, 0, hit);
  if (top.length > limit) top.pop();
}

/** Slugs the user may have meant by an unknown slug ("did you mean"), best first: the top search hits for it. */
export function suggestSlugs(source: PatternGraph | SearchIndex, slug: string, n = 5): Slug[] {
  return searchPatterns(source, slug, n).map((h) => h.slug);
}
