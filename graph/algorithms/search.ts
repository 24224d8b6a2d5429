// Ranked, typo-tolerant search over pattern slugs, titles and aliases, plus "did you mean" slug
// suggestions. The index is built once per library and scores with search-score.ts, whose names
// the stores use are exported from here too, so that this file is the search's one entry point.
// Longer than 400 lines because the index's builder and its matching share one typed layout (IndexParts), kept private here.
import type { PatternGraph } from "../build-graph.ts";
import { createBudget, runWithin, type Budget } from "../budget.ts";
import { ITEMS_PER_STEP, runNow, type Steps } from "../sliced-work.ts";
import type { Pattern, SearchHit, SearchMatchKind, Slug } from "../../core/model.ts";
import {
  boundedEditDistance,
  compareSearchHits,
  KIND_BONUS,
  prepareQuery,
  prepareText,
  TIER_BASE,
  TYPO_PENALTY_PER_EXTRA_EDIT,
  TYPO_WHOLE_TEXT_BONUS,
  typoBudget,
  wordsScore,
  type MatchTier,
  type PreparedQuery,
} from "./search-score.ts";


/** Per pattern, its best score and the key that gave it (-1 when none matched), and the patterns matched. */
type Matches = { score: Int32Array; key: Int32Array; matched: number[] };

/** A bit per character class present (code modulo 32): two texts' bits bound their edit distance from below. */
export function characterBits(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) bits |= 1 << (text.charCodeAt(i) & 31);
  return bits >>> 0;
}

export function popCount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

/** Separates keys in the haystack; never part of a normalised query, so no match spans two keys. */
const KEY_SEPARATOR = "\u0000";

const typoScore = (distance: number, whole: boolean, kind: SearchMatchKind): number =>
  TIER_BASE.typo - TYPO_PENALTY_PER_EXTRA_EDIT * (distance - 1) + (whole ? TYPO_WHOLE_TEXT_BONUS : 0) + KIND_BONUS[kind];

/**
 * What a SearchIndex is made of, made in steps (sliced-work.ts) for a reload that must not hold the
 * server's thread. Laid out in typed arrays over one string: a token's text is where it first occurs
 * in the haystack, postings are one array per list kind with each token's start, so the index has no
 * object or string per token or per key (a server on Neo4j kept one for a 100x library's 357,100
 * patterns until model version 9: 428 MB of heap with a string and two arrays per token, 2026-12-06).
 */
export interface IndexParts {
  patterns: IndexedPattern[];
  keyPattern: Int32Array;
  /** Index into SEARCH_KEY_KINDS. */
  keyKind: Uint8Array;
  keyText: string[];
  keyStart: Int32Array;
  keyLength: Int32Array;
  haystack: string;
  /** Each token's text: its first occurrence in the haystack. */
  tokenStart: Int32Array;
  tokenLength: Int32Array;
  vocabularyBits: Uint32Array;
  /** Keys whose whole text is token t: wholeKeys[wholeStart[t] .. wholeStart[t + 1]), in key order. */
  wholeStart: Int32Array;
  wholeKeys: Int32Array;
  /** Keys of several words one of which is token t, laid out as the whole ones. */
  multiWordStart: Int32Array;
  multiWordKeys: Int32Array;
  isWord: Uint8Array;
}

/** The kinds of key, in tie-break order within a pattern. */
interface IndexedPattern {
  slug: Slug;
  title: string;
  domain?: string;
}

const SEARCH_KEY_KINDS = ["title", "slug", "alias"] as const satisfies readonly SearchMatchKind[];

/** A growable list of 32-bit integers: postings while an index is built (a JS array of numbers takes twice the memory). */
class IntList {
  data: Int32Array;
  length = 0;
  /** `capacity`: the length expected, when known (no doubling, and no copy left behind by one). */
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.max(1024, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  clear(): void {
    this.data = new Int32Array(0);
    this.length = 0;
  }
}

/** Postings gathered as (token, key) pairs in key order, laid out per token (a stable counting sort keeps key order). */
function postingsOf(tokens: IntList, keys: IntList, tokenCount: number): { start: Int32Array; keys: Int32Array } {
  const start = new Int32Array(tokenCount + 1);
  for (let i = 0; i < tokens.length; i++) start[tokens.data[i]! + 1]!++;
  for (let t = 0; t < tokenCount; t++) start[t + 1]! += start[t]!;
  const next = start.slice(0, tokenCount);
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[next[tokens.data[i]!]!++] = keys.data[i]!;
  return { start, keys: out };
}

/** What a search index reads of a pattern (the gaps thread builds one from these alone). */
export type SearchablePattern = Pick<Pattern, "slug" | "title" | "aliases" | "domain">;

/** The buffers of `parts`' typed arrays: what a thread that built them can transfer instead of copying. */
export function indexPartsBuffers(parts: IndexParts): ArrayBuffer[] {
  const arrays = [parts.keyPattern, parts.keyKind, parts.keyStart, parts.keyLength, parts.tokenStart, parts.tokenLength, parts.vocabularyBits];
  arrays.push(parts.wholeStart, parts.wholeKeys, parts.multiWordStart, parts.multiWordKeys, parts.isWord);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

const isIndexParts = (source: readonly SearchablePattern[] | IndexParts): source is IndexParts => !Array.isArray(source);

/**
 * A growable list of characters: the haystack while an index is built (no string per key or token).
 * One byte per character while every character fits in one (Latin-1, as a normalised library's keys
 * mostly are), two from the first that does not: at 100x the haystack is ~25 million characters, and
 * two bytes each (with its doubling growth) were the builder's largest buffer (2026-12-07).
 */
class CharList {
  data: Uint8Array | Uint16Array;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.data = new Uint8Array(Math.max(16, capacity));
  }
  /** Appends `text`'s UTF-16 code units. */
  append(text: string): void {
    let wide = false;
    if (this.data instanceof Uint8Array) for (let i = 0; i < text.length && !wide; i++) wide = text.charCodeAt(i) > 0xff;
    if (wide || this.length + text.length > this.data.length) {
      let size = this.data.length;
      if (this.length + text.length > size) size = Math.max(1 << 16, size * 2);
      // A wider list of the same capacity when only the width changes.
      while (size < this.length + text.length) size *= 2;
      const grown = wide || this.data instanceof Uint16Array ? new Uint16Array(size) : new Uint8Array(size);
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    for (let i = 0; i < text.length; i++) this.data[this.length++] = text.charCodeAt(i);
  }
  clear(): void {
    this.data = new Uint8Array(0);
    this.length = 0;
  }
  /** The characters as one string (one byte per character when all of them fit: half the memory). */
  text(): string {
    const chars = this.data.subarray(0, this.length);
    if (chars instanceof Uint8Array) return Buffer.from(chars.buffer, chars.byteOffset, chars.byteLength).toString("latin1");
    let wide = false;
    for (let i = 0; i < chars.length && !wide; i++) wide = chars[i]! > 0xff;
    if (wide) return Buffer.from(chars.buffer, chars.byteOffset, chars.byteLength).toString("utf16le");
    return Buffer.from(Uint8Array.from(chars)).toString("latin1");
  }
}

const EMPTY_SLOT = -1;

/**
 * What a SearchIndexBuilder will be given, when the caller knows it beforehand (a server on Neo4j
 * read it from the stored search keys until model version 9, whose typo tiers read a stored
 * vocabulary instead, neo4j-search-vocabulary.ts): its lists are then made at their size instead of doubling,
 * which at 100x left ~100 MB of outgrown buffers behind until the next garbage collection (2026-12-07).
 * Estimates: a list that needs more still grows.
 */
export interface SearchIndexSizes {
  /** Search keys (title, slug and aliases whose normalised text is not empty). */
  keys: number;
  /** Characters of the normalised keys, plus one separator each. */
  chars: number;
  /** Words of the keys of more than one word. */
  words: number;
}

/**
 * Builds a SearchIndex from patterns given a part at a time (a caller reading them in pages, as a
 * server on Neo4j did, never holds the whole library's rows at once); the index is the same as from
 * all of them in one list in the same order. Its tokens are found in an open-addressing table over
 * the haystack's characters, not a Map of strings: at 100x (357,100 patterns) the Map, the keys'
 * normalised strings and arrays of numbers made the builder ~250 MB of heap for a ~130 MB index.
 */
export class SearchIndexBuilder {
  private readonly hay: CharList;
  /** Token numbers by hash, EMPTY_SLOT where none; at most half full. */
  private slots = new Int32Array(1 << 16).fill(EMPTY_SLOT);
  private readonly tokenHash = new IntList();
  private readonly tokenStart = new IntList();
  private readonly tokenLength = new IntList();
  private readonly tokenBits = new IntList();
  private readonly isWord = new IntList();
  private readonly wholeTokens: IntList;
  private readonly wholeKeys: IntList;
  private readonly multiWordTokens: IntList;
  private readonly multiWordKeys: IntList;
  private readonly keyPattern: IntList;
  private readonly starts: IntList;
  private readonly keyLength: IntList;
  private readonly keyKind: IntList;
  private readonly keyText: string[] = [];
  private readonly indexed: IndexedPattern[] = [];
  private readonly domains = new Map<string, string>();

  constructor(sizes?: SearchIndexSizes) {
    this.hay = new CharList(sizes?.chars);
    const keys = (): IntList => new IntList(sizes?.keys);
    const words = (): IntList => new IntList(sizes?.words);
    [this.wholeTokens, this.wholeKeys, this.keyPattern, this.starts, this.keyLength, this.keyKind] = [keys(), keys(), keys(), keys(), keys(), keys()];
    [this.multiWordTokens, this.multiWordKeys] = [words(), words()];
  }

  /** The token of the haystack's characters [at, at + length): the first token with those characters, or a new one starting there. */
  private token(at: number, length: number): number {
    const chars = this.hay.data;
    let hash = 0x811c9dc5;
    let bits = 0;
    let word = 1;
    for (let i = at; i < at + length; i++) {
      const c = chars[i]!;
      hash = Math.imul(hash ^ c, 0x01000193);
      bits |= 1 << (c & 31);
      if (c === 32) word = 0;
    }
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const t = this.slots[slot]!;
      if (t === EMPTY_SLOT) {
        const k = this.tokenStart.length;
        this.slots[slot] = k;
        this.tokenHash.push(hash);
        this.tokenStart.push(at);
        this.tokenLength.push(length);
        this.tokenBits.push(bits);
        this.isWord.push(word);
        if (2 * (k + 1) > this.slots.length) this.growSlots();
        return k;
      }
      if (this.tokenHash.data[t] === hash && this.tokenLength.data[t] === length && this.sameChars(this.tokenStart.data[t]!, at, length)) return t;
    }
  }

  private sameChars(a: number, b: number, length: number): boolean {
    const chars = this.hay.data;
    for (let i = 0; i < length; i++) if (chars[a + i] !== chars[b + i]) return false;
    return true;
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY_SLOT);
    const mask = slots.length - 1;
    for (let t = 0; t < this.tokenStart.length; t++) {
      let slot = this.tokenHash.data[t]! & mask;
      while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      slots[slot] = t;
    }
    this.slots = slots;
  }

  add(patterns: readonly SearchablePattern[]): void {
    runNow(this.addSteps(patterns));
  }

  /** Adds `patterns` after those added before, in steps (sliced-work.ts). */
  *addSteps(patterns: readonly SearchablePattern[]): Steps<void> {
    for (let i = 0; i < patterns.length; i++) {
      if (i % ITEMS_PER_STEP === 0) yield;
      const p = patterns[i]!;
      const pi = this.indexed.length;
      const texts: [number, string][] = [[0, p.title], [1, p.slug], ...p.aliases.map((a): [number, string] => [2, a])];
      for (const [kind, text] of texts) {
        const { norm, words } = prepareText(text);
        if (norm === "") continue;
        const key = this.keyPattern.length;
        const offset = this.hay.length;
        this.hay.append(norm);
        this.hay.append(KEY_SEPARATOR);
        this.keyPattern.push(pi);
        this.keyKind.push(kind);
        this.keyText.push(text);
        this.keyLength.push(norm.length);
        this.starts.push(offset);
        this.wholeTokens.push(this.token(offset, norm.length));
        this.wholeKeys.push(key);
        if (words.length > 1) {
          // The words of a normalised text are separated by one space each.
          let at = offset;
          for (const w of words) {
            this.multiWordTokens.push(this.token(at, w.length));
            this.multiWordKeys.push(key);
            at += w.length + 1;
          }
        }
      }
      const entry: IndexedPattern = { slug: p.slug, title: p.title };
      if (p.domain !== undefined) {
        // One string per domain: rows read from Neo4j carry a copy per pattern (12 MB at 100x).
        let domain = this.domains.get(p.domain);
        if (domain === undefined) this.domains.set(p.domain, (domain = p.domain));
        entry.domain = domain;
      }
      this.indexed.push(entry);
    }
  }

  /** The index of every pattern added (call once). */
  build(): SearchIndex {
    return new SearchIndex(this.parts());
  }

  parts(): IndexParts {
    this.slots = new Int32Array(0);
    const tokens = this.tokenStart.length;
    // Each list's buffer goes as soon as its part is made, not with the builder (which its caller
    // may keep a while) nor all at the end: the lists and the parts are never all held at once.
    const take = (list: IntList): Int32Array => {
      // A list made at its size (SearchIndexSizes) is the part itself, not copied.
      const part = list.length === list.data.length ? list.data : list.data.slice(0, list.length);
      list.clear();
      return part;
    };
    const postings = (tokenList: IntList, keyList: IntList): { start: Int32Array; keys: Int32Array } => {
      const made = postingsOf(tokenList, keyList, tokens);
      tokenList.clear();
      keyList.clear();
      return made;
    };
    this.tokenHash.clear();
    const whole = postings(this.wholeTokens, this.wholeKeys);
    const multiWord = postings(this.multiWordTokens, this.multiWordKeys);
    const keyKind = Uint8Array.from(this.keyKind.data.subarray(0, this.keyKind.length));
    this.keyKind.clear();
    const isWord = Uint8Array.from(this.isWord.data.subarray(0, this.isWord.length));
    this.isWord.clear();
    const haystack = this.hay.text();
    this.hay.clear();
    return {
      patterns: this.indexed,
      keyPattern: take(this.keyPattern),
      keyKind,
      keyText: this.keyText,
      keyStart: take(this.starts),
      keyLength: take(this.keyLength),
      haystack,
      tokenStart: take(this.tokenStart),
      tokenLength: take(this.tokenLength),
      vocabularyBits: new Uint32Array(take(this.tokenBits).buffer),
      wholeStart: whole.start,
      wholeKeys: whole.keys,
      multiWordStart: multiWord.start,
      multiWordKeys: multiWord.keys,
      isWord,
    };
  }
}

function* indexPartsSteps(patterns: readonly SearchablePattern[]): Steps<IndexParts> {
  const builder = new SearchIndexBuilder();
  yield* builder.addSteps(patterns);
  yield;
  return builder.parts();
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
  private readonly keyKind: Uint8Array;
  private readonly keyText: string[];
  private readonly keyStart: Int32Array;
  private readonly keyLength: Int32Array;
  private readonly haystack: string;
  private readonly tokenStart: Int32Array;
  private readonly tokenLength: Int32Array;
  private readonly vocabularyBits: Uint32Array;
  private readonly wholeStart: Int32Array;
  private readonly wholeKeys: Int32Array;
  private readonly multiWordStart: Int32Array;
  private readonly multiWordKeys: Int32Array;
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
    this.tokenStart = parts.tokenStart;
    this.tokenLength = parts.tokenLength;
    this.vocabularyBits = parts.vocabularyBits;
    this.wholeStart = parts.wholeStart;
    this.wholeKeys = parts.wholeKeys;
    this.multiWordStart = parts.multiWordStart;
    this.multiWordKeys = parts.multiWordKeys;
    this.isWord = parts.isWord;
  }

  /** The number of patterns indexed. */
  get patternCount(): number {
    return this.patterns.length;
  }

  private kindOf(key: number): SearchMatchKind {
    return SEARCH_KEY_KINDS[this.keyKind[key]!]!;
  }

  /** Token t's text (a slice of the haystack: only tokens past the cheap filters are made into strings). */
  private tokenText(t: number): string {
    return this.haystack.substr(this.tokenStart[t]!, this.tokenLength[t]!);
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
    const score = new Int32Array(this.patternCount).fill(-1);
    const key = new Int32Array(this.patternCount).fill(-1);
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
      offer(k, TIER_BASE[tier] + Math.floor((10 * q.length) / keyLength[k]) + KIND_BONUS[this.kindOf(k)]);
      // Nothing in this key can beat a match at its start: go on from the next key.
      if (rel === 0 && k + 1 < keyStart.length) at = keyStart[k + 1] - 1;
    }

    if (matched.length >= limit) return { score, key, matched };
    // Lower tiers, only for patterns without a direct match (they score below all of them).
    const direct = new Uint8Array(this.patternCount);
    for (const p of matched) direct[p] = 1;
    if (query.words.length > 1) yield* this.matchWords(query, direct, offer);
    if (query.budget > 0) {
      const qBits = characterBits(q);
      const { budget } = query;
      const { wholeStart, wholeKeys, multiWordStart, multiWordKeys } = this;
      for (let t = 0; t < this.tokenStart.length; t++) {
        if (t % ITEMS_PER_STEP === 0) yield ITEMS_PER_STEP;
        if (Math.abs(this.tokenLength[t]! - q.length) > budget) continue;
        const tBits = this.vocabularyBits[t]!;
        // Each character class present on one side only costs at least one edit.
        if (popCount(qBits & ~tBits) > budget || popCount(tBits & ~qBits) > budget) continue;
        const d = boundedEditDistance(q, this.tokenText(t), budget);
        if (d > budget) continue;
        for (let i = wholeStart[t]!; i < wholeStart[t + 1]!; i++) {
          const kk = wholeKeys[i]!;
          if (direct[this.keyPattern[kk]!] === 0) offer(kk, typoScore(d, true, this.kindOf(kk)));
        }
        if (query.oneWord) {
          for (let i = multiWordStart[t]!; i < multiWordStart[t + 1]!; i++) {
            const kk = multiWordKeys[i]!;
            if (direct[this.keyPattern[kk]!] === 0) offer(kk, typoScore(d, false, this.kindOf(kk)));
          }
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
      const { haystack, tokenStart, tokenLength, wholeStart, wholeKeys, multiWordStart, multiWordKeys } = this;
      for (let t = 0; t < tokenStart.length; t++) {
        if (t % ITEMS_PER_STEP === 0) yield ITEMS_PER_STEP;
        if (this.isWord[t] === 0) continue;
        const length = tokenLength[t]!;
        let c: number;
        if (length >= qw.length && haystack.startsWith(qw, tokenStart[t])) c = 0;
        else {
          if (budget === 0 || Math.abs(length - qw.length) > budget) continue;
          const tBits = this.vocabularyBits[t]!;
          if (popCount(qBits & ~tBits) > budget || popCount(tBits & ~qBits) > budget) continue;
          c = boundedEditDistance(qw, this.tokenText(t), budget);
          if (c > budget) continue;
        }
        for (let i = wholeStart[t]!; i < wholeStart[t + 1]!; i++) if (c < cost[wholeKeys[i]!]!) cost[wholeKeys[i]!] = c;
        for (let i = multiWordStart[t]!; i < multiWordStart[t + 1]!; i++) if (c < cost[multiWordKeys[i]!]!) cost[multiWordKeys[i]!] = c;
      }
      for (let k = 0; k < keyCount; k++) total[k] = cost[k] === NONE || total[k] === -1 ? -1 : total[k] + cost[k];
      yield keyCount;
    }
    for (let k = 0; k < keyCount; k++) {
      if (total[k] !== -1 && direct[this.keyPattern[k]] === 0) offer(k, wordsScore(total[k], this.kindOf(k)));
    }
  }

  hit(pattern: number, score: number, key: number): SearchHit {
    const p = this.patterns[pattern];
    const hit: SearchHit = { slug: p.slug, title: p.title, matched: this.kindOf(key), matchedText: this.keyText[key], score };
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

/** The budget of each search on the embedded store (Neo4j's search counts its typo tiers' tokens against the same work budget): ms and loop iterations. */
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
