// What sets a community of the overview apart, in words: the title words over-represented among its
// members against the whole library's linked patterns. The largest real communities mix a dozen domains
// at under a tenth each ("mixed domains" told them apart from nothing); their titles do not mix: in the
// 2026-02-20 library a tenth of one's titles say "practice", of another's "life" and "architecture",
// of a third's "commons" and "power".
import { compareStrings } from "../core/order.ts";

/** Words a title is made of that say nothing on their own. */
const STOP_WORDS = new Set(
  "a an and the of in for to with vs versus on by as at from or its is are be not into your our their through under over without via than using based new how what".split(" "),
);
/** Terms named per community. */
const MAX_TERMS = 3;
/** A term is named only when this many of the community's titles hold it, */
const MIN_COUNT = 3;
/** and at least this share of them, */
const MIN_SHARE = 0.03;
/** and it is at least this many times as common in the community's titles as in the library's. */
const MIN_LIFT = 1.5;

/** A title's distinct words, lower case; what brackets hold (a copy's "(2)", an abbreviation) is left out. */
function words(title: string): string[] {
  const text = title.toLowerCase().replace(/\([^)]*\)/g, " ");
  return [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !STOP_WORDS.has(w) && !/^\d+$/.test(w)))];
}

/** Term frequencies over the library's titles, so each community is measured against the same whole. */
export interface TitleTerms {
  /** Each title's terms, by slug (a plural counted as its singular when the library uses both). */
  of(slug: string): readonly string[];
  /** How many titles hold `term`. */
  count(term: string): number;
  /** How many titles were read. */
  titles: number;
}

/** Reads the titles of `patterns` once: the library every community's terms are measured against. */
export function readTitleTerms(patterns: Iterable<{ slug: string; title: string }>): TitleTerms {
  const raw = new Map<string, string[]>();
  const vocabulary = new Set<string>();
  for (const { slug, title } of patterns) {
    const list = words(title);
    raw.set(slug, list);
    for (const w of list) vocabulary.add(w);
  }
  // "Systems" and "system" are one term when the library writes both; "across" or "commons" alone stay whole.
  const term = (w: string): string => (w.length > 4 && w.endsWith("s") && !w.endsWith("ss") && vocabulary.has(w.slice(0, -1)) ? w.slice(0, -1) : w);
  const of = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (const [slug, list] of raw) {
    const terms = [...new Set(list.map(term))];
    of.set(slug, terms);
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return { of: (slug) => of.get(slug) ?? [], count: (t) => counts.get(t) ?? 0, titles: raw.size };
}

/**
 * The terms that set `members` apart, most telling first: each scored by how many of its titles hold it
 * times the log of how much more often than in the library (a log-likelihood ratio's leading term), so a
 * word both frequent and particular wins. Empty when none is frequent and particular enough.
 */
export function distinctiveTerms(members: readonly string[], library: TitleTerms): string[] {
  const counts = new Map<string, number>();
  for (const slug of members) for (const t of library.of(slug)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const floor = Math.max(MIN_COUNT, Math.ceil(members.length * MIN_SHARE));
  return [...counts]
    .map(([t, n]) => ({ t, n, lift: n / members.length / (library.count(t) / library.titles) }))
    .filter(({ n, lift }) => n >= floor && lift >= MIN_LIFT)
    .map(({ t, n, lift }) => ({ t, score: n * Math.log(lift) }))
    .sort((a, b) => b.score - a.score || compareStrings(a.t, b.t))
    .slice(0, MAX_TERMS)
    .map(({ t }) => t);
}
