// Finds the pattern a dangling reference most likely meant: the same slug, title or alias up to case
// and punctuation, a stale id, slug or title the library's git history knew (or an earlier reading of
// the library), a mistyped id, or a similar slug or title (edit distance, shared words).
// Candidate search is bounded, so the matcher's work grows with the references, not with references
// times patterns: ids within two edits come from a Pass-Join index (mnemonist's PassjoinIndex: every id
// split into three segments, one of which a near id must contain unchanged), and similar slugs and
// titles from blocks of patterns sharing a word or an end, a block too common to say anything skipped.
import type { Pattern, TargetForm } from "../../core/model.ts";
import { distance } from "fastest-levenshtein";
import { PassjoinIndex } from "mnemonist";
import { compareStrings } from "../../core/order.ts";
import type { GapCandidate } from "../../core/gaps.ts";
import type { GapGraph } from "./gap-graph.ts";
import { createHistoryResolver } from "./history.ts";
import { compactKey, editSimilarity, normaliseText, tokens } from "./text.ts";
import type { ResolvedGapOptions } from "./types.ts";

const TYPEID = /^pat_[a-z0-9_]+$/i;

export type TargetMatcher = (target: string, form: TargetForm) => GapCandidate[];

/** A mistyped id is at most this many edits from the id it meant. */
export const MAX_ID_EDITS = 2;

/**
 * Blocks (a word, or a slug's or title's first or last three characters) shared by more patterns than
 * this are not searched: "-ion" or "design" names no particular pattern, and searching them makes each
 * reference cost a share of the library. The 2026-02-20 library's largest block has 447 patterns, so
 * nothing is skipped there; at ten times the library the copies' "-x2" alone has 3,571.
 */
export const MAX_BLOCK = 1_000;

/**
 * A text reference is compared with the patterns of its blocks, the smallest blocks first, and no
 * further block is searched once this many are gathered: a reference of the 2026-02-20 library has at
 * most 624 (235 on average), so its candidates are those of the unbounded search; in a library of N
 * near copies every block below MAX_BLOCK is N times as large, and the references N times as many,
 * so the comparisons grew with the square of the library (from ten to thirty times the library the
 * matcher's time grew 5.7 times).
 */
export const MAX_TEXT_CANDIDATES = 1_000;

/** How much work a matcher did: edit distances computed, and candidates a text reference was compared with. */
export interface MatcherWork {
  idDistances: number;
  textCandidates: number;
  /** Blocks a text reference named that were not searched: over MAX_BLOCK, or past MAX_TEXT_CANDIDATES. */
  skippedBlocks: number;
}

/**
 * The ids within MAX_ID_EDITS edits of an id, with their distance: exactly what comparing it with
 * every id gives, found through a Pass-Join index. `work.idDistances` counts the distances computed.
 */
export function createIdIndex(ids: readonly string[], work?: MatcherWork): (id: string) => { id: string; edits: number }[] {
  const index = new PassjoinIndex<string>((a, b) => {
    if (work) work.idDistances++;
    return distance(a, b);
  }, MAX_ID_EDITS);
  for (const id of ids) index.add(id);
  return (id) => [...index.search(id)].map((other) => ({ id: other, edits: distance(id, other) }));
}

interface Indexed {
  pattern: Pattern;
  slug: string;
  title: string;
  slugTokens: string[];
  tokenSet: Set<string>;
}

export function createTargetMatcher(g: GapGraph, opts: ResolvedGapOptions, work?: MatcherWork): TargetMatcher {
  const exact = new Map<string, { pattern: Pattern; via: string }>();
  const remember = (key: string, pattern: Pattern, via: string) => {
    if (key && !exact.has(key)) exact.set(key, { pattern, via });
  };
  // Slugs first, then titles, then aliases: on a collision the more specific key wins.
  for (const p of g.patterns) remember(compactKey(p.slug), p, "slug");
  for (const p of g.patterns) remember(compactKey(p.title), p, "title");
  for (const p of g.patterns) for (const a of p.aliases) remember(compactKey(a), p, `alias "${a}"`);

  const byId = new Map<string, Pattern>();
  for (const p of g.patterns) if (p.id && g.idCount.get(p.id) === 1) byId.set(p.id.toLowerCase(), p);
  const nearIds = createIdIndex([...byId.keys()].sort(compareStrings), work);

  const history = createHistoryResolver(opts.history, g.patterns);

  const previousById = new Map<string, Pattern>();
  for (const p of opts.previous?.patterns ?? []) if (p.id) previousById.set(p.id.toLowerCase(), p);

  const indexed: Indexed[] = g.patterns.map((p) => {
    const slugTokens = tokens(p.slug);
    return { pattern: p, slug: p.slug, title: normaliseText(p.title), slugTokens, tokenSet: new Set(slugTokens) };
  });
  // Each slug's and title's letters counted, to skip the edit distances that cannot reach the threshold.
  const slugLetters = new Uint8Array(indexed.length * LETTERS);
  const titleLetters = new Uint8Array(indexed.length * LETTERS);
  indexed.forEach((c, i) => {
    countLetters(c.slug, slugLetters, i * LETTERS);
    countLetters(c.title, titleLetters, i * LETTERS);
  });
  const wantedSlugLetters = new Uint8Array(LETTERS);
  const wantedTitleLetters = new Uint8Array(LETTERS);
  // Candidates share a word, or the first or last three characters of the slug or title: a typo
  // rarely hits both ends, and comparing only these keeps the matcher far from n x m edit distances.
  const blocks = new Map<string, number[]>();
  const block = (key: string, i: number) => {
    const list = blocks.get(key);
    if (!list) blocks.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const blockKeys = (slug: string, title: string, words: readonly string[]): string[] => [
    ...words.map((w) => `w:${w}`),
    `s^${slug.slice(0, 3)}`,
    `s$${slug.slice(-3)}`,
    `t^${title.slice(0, 3)}`,
    `t$${title.slice(-3)}`,
  ];
  indexed.forEach((c, i) => {
    for (const k of blockKeys(c.slug, c.title, c.slugTokens)) block(k, i);
  });

  const cache = new Map<string, GapCandidate[]>();
  const candidate = (p: Pattern, score: number, reason: string): GapCandidate => ({
    slug: p.slug,
    title: p.title,
    score: Math.round(score * 1000) / 1000,
    reason,
  });

  function matchId(raw: string): GapCandidate[] {
    const id = raw.trim().toLowerCase();
    const same = byId.get(id);
    if (same) return [candidate(same, 1, "the same id up to case and spaces")];
    const fromHistory = history?.(raw, "id") ?? [];
    if (fromHistory.length) return fromHistory.slice(0, 3);
    const old = previousById.get(id);
    if (old) {
      const now = g.bySlug.get(old.slug) ?? exact.get(compactKey(old.title))?.pattern;
      if (now) {
        const how = now.slug === old.slug ? `slug '${old.slug}'` : `title "${old.title}"`;
        const idNow = now.id ? `; its id is now ${now.id}` : "; it has no id now";
        return [candidate(now, 0.95, `the earlier reading gave this id to the pattern with ${how}${idNow}`)];
      }
    }
    const out = nearIds(id).map(({ id: other, edits: d }) =>
      candidate(byId.get(other)!, 1 - d / 10, `its id ${other} differs by ${d} character${d > 1 ? "s" : ""}`),
    );
    return out.sort(byScore).slice(0, 3);
  }

  function matchText(raw: string): GapCandidate[] {
    const key = compactKey(raw);
    const hit = exact.get(key);
    if (hit) return [candidate(hit.pattern, 1, `the same ${hit.via} up to case and punctuation`)];
    const wanted = tokens(raw);
    const asSlug = wanted.join("-");
    const asTitle = wanted.join(" ");
    const min = opts.minTargetSimilarity;
    const out: GapCandidate[] = [];
    const wantedSet = new Set(wanted);
    const seen = new Set<number>();
    // The most specific blocks (the smallest) first, until MAX_TEXT_CANDIDATES are gathered.
    const named: number[][] = [];
    for (const k of blockKeys(asSlug, asTitle, [...wantedSet])) {
      const list = blocks.get(k);
      if (!list) continue;
      if (list.length > MAX_BLOCK) {
        if (work) work.skippedBlocks++;
        continue;
      }
      named.push(list);
    }
    named.sort((x, y) => x.length - y.length);
    for (const list of named) {
      if (seen.size >= MAX_TEXT_CANDIDATES) {
        if (work) work.skippedBlocks++;
        continue;
      }
      for (const i of list) seen.add(i);
    }
    if (work) work.textCandidates += seen.size;
    wantedSlugLetters.fill(0);
    wantedTitleLetters.fill(0);
    countLetters(asSlug, wantedSlugLetters, 0);
    countLetters(asTitle, wantedTitleLetters, 0);
    for (const i of seen) {
      const c = indexed[i]!;
      let best = 0;
      let reason = "";
      // Edit distance only where the lengths and the letters allow the threshold at all: most pairs
      // are skipped cheaply. A similarity below the threshold never decides a candidate (`best`
      // must reach it), so skipping one changes nothing.
      const slugLen = Math.max(asSlug.length, c.slug.length);
      if (
        Math.abs(asSlug.length - c.slug.length) <= (1 - min) * slugLen &&
        (slugLen === 0 || 1 - letterDistance(wantedSlugLetters, slugLetters, i * LETTERS) / slugLen >= min)
      ) {
        const s = editSimilarity(asSlug, c.slug);
        if (s > best) [best, reason] = [s, `similar slug (${pct(s)} alike)`];
      }
      const titleLen = Math.max(asTitle.length, c.title.length);
      if (
        Math.abs(asTitle.length - c.title.length) <= (1 - min) * titleLen &&
        (titleLen === 0 || 1 - letterDistance(wantedTitleLetters, titleLetters, i * LETTERS) / titleLen >= min)
      ) {
        const s = editSimilarity(asTitle, c.title);
        if (s > best) [best, reason] = [s, `similar title (${pct(s)} alike)`];
      }
      let sharedCount = 0;
      for (const t of wantedSet) if (c.tokenSet.has(t)) sharedCount++;
      if (sharedCount > 0) {
        const overlap = sharedCount / (wantedSet.size + c.tokenSet.size - sharedCount);
        const contained = sharedCount >= 2 && (sharedCount === wantedSet.size || sharedCount === c.tokenSet.size);
        // One slug's words all inside the other's ("active-listening" in "active-listening-depth") is strong evidence.
        const s = contained ? 0.75 + 0.2 * overlap : overlap;
        if (s > best) {
          const shared = [...wantedSet].filter((t) => c.tokenSet.has(t));
          [best, reason] = [s, `shares the words ${shared.map((t) => `'${t}'`).join(", ")}`];
        }
      }
      if (best >= min) out.push(candidate(c.pattern, best, reason));
    }
    // The history's answer outranks a look-alike; a look-alike the history names too is one candidate.
    const fromHistory = history?.(raw, "text") ?? [];
    const merged = [...fromHistory, ...out.filter((c) => !fromHistory.some((h) => h.slug === c.slug))];
    return merged.sort(byScore).slice(0, 3);
  }

  return (target, form) => {
    const key = `${form}\u0000${target}`;
    let result = cache.get(key);
    if (!result) {
      result = TYPEID.test(target.trim()) ? matchId(target) : matchText(target);
      cache.set(key, result);
    }
    return result;
  };
}

function byScore(a: GapCandidate, b: GapCandidate): number {
  return b.score - a.score || compareStrings(a.slug, b.slug);
}

const pct = (s: number): string => `${Math.round(s * 100)}%`;

/** Letter counts kept per string: a to z, 0 to 9, and one for every other character. */
export const LETTERS = 37;

/** Adds the letters of `text` to `counts` from `at` (a count stops at 255). */
export function countLetters(text: string, counts: Uint8Array, at: number): void {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    const slot = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : 36;
    if (counts[at + slot]! < 255) counts[at + slot]!++;
  }
}

/**
 * A lower bound of the edit distance of two strings from their letter counts (the bag distance: an
 * edit changes at most one letter on each side): the letters of one the other lacks, whichever side
 * lacks more. Letters counted together (the "other" slot, a count stopped at 255) only lower it.
 */
export function letterDistance(wanted: Uint8Array, counts: Uint8Array, at: number): number {
  let more = 0;
  let fewer = 0;
  for (let k = 0; k < LETTERS; k++) {
    const d = wanted[k]! - counts[at + k]!;
    if (d > 0) more += d;
    else fewer -= d;
  }
  return more > fewer ? more : fewer;
}
