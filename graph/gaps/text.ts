// Text helpers for the gap analysis: normalising slugs and titles, a small TF-IDF vocabulary model
// over titles and summaries, and string similarity. Plain functions, deterministic, no I/O.
import { distance } from "fastest-levenshtein";

/** Words too common in pattern titles and summaries to say anything about two patterns being related. */
const STOPWORDS = new Set(
  (
    "a an and are as at be by for from has have in into is it its of on or that the their this to with " +
    "via vs versus over under within without your you our we they them these those which who what when where " +
    "how why not no can may will more most less than then so such also each other both all any one two using " +
    "use used pattern patterns approach approaches framework frameworks method methods model models practice " +
    "practices system systems based through across between while about make makes making way ways help helps " +
    "people new own well often like just very enough nobody everyone everything something anything every " +
    "even still already yet much many few lot lots rather quite"
  ).split(" "),
);

/** Lowercase, `&` as "and", every run of non-letters/digits as one space, trimmed. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A key under which two titles or slugs that differ only in case, punctuation or separators collide. */
export function compactKey(text: string): string {
  return normaliseText(text).replace(/ /g, "");
}

/** Crude stemming, enough to match "circles"/"circle" and "organizing"/"organization" less often wrongly. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** Content words of a text: normalised, stemmed, without stopwords or one- and two-letter words. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of normaliseText(text).split(" ")) {
    if (w.length < 3 || STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Tokens of a slug or title for overlap measures (keeps short words, drops only separators). */
export function tokens(text: string): string[] {
  const n = normaliseText(text);
  return n ? n.split(" ") : [];
}

/** 1 - Levenshtein distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - distance(a, b) / longer;
}

/** Jaccard overlap of two token lists (as sets). */
export function tokenOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let shared = 0;
  for (const t of sa) if (sb.has(t)) shared++;
  return shared / (sa.size + sb.size - shared);
}

/** A sparse, L2-normalised TF-IDF vector; terms sorted so dot products merge in one pass. */
export interface TermVector {
  terms: string[];
  weights: number[];
  /**
   * Each term's rank in the sorted vocabulary of all the vectors built together (same order as
   * `terms`): `dot` merges two vectors on these numbers instead of comparing strings.
   */
  ids: Int32Array;
}

/**
 * TF-IDF vectors over the given documents (title words count twice: a title is a denser statement of
 * what a pattern is than its summary). Terms that occur in one document only carry no shared
 * vocabulary and are dropped.
 */
export function buildTermVectors(docs: readonly { title: string; text: string }[]): TermVector[] {
  const counts = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const w of contentWords(d.title)) tf.set(w, (tf.get(w) ?? 0) + 2);
    for (const w of contentWords(d.text)) tf.set(w, (tf.get(w) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const byString = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const rank = new Map<string, number>();
  [...df.keys()].filter((t) => df.get(t)! >= 2).sort(byString).forEach((t, i) => rank.set(t, i));
  return counts.map((tf) => {
    const entries: [string, number][] = [];
    for (const [t, c] of tf) {
      const d = df.get(t) ?? 0;
      if (d < 2) continue;
      entries.push([t, (1 + Math.log(c)) * Math.log(1 + n / d)]);
    }
    entries.sort((x, y) => byString(x[0], y[0]));
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return { terms: entries.map((e) => e[0]), weights: entries.map((e) => e[1] / norm), ids: Int32Array.from(entries, (e) => rank.get(e[0])!) };
  });
}

/** `cosine(a, b).score` (the same sum, in the same order), merged on the terms' ranks. */
export function dot(a: TermVector, b: TermVector): number {
  const ia = a.ids;
  const ib = b.ids;
  let i = 0;
  let j = 0;
  let score = 0;
  while (i < ia.length && j < ib.length) {
    const ta = ia[i]!;
    const tb = ib[j]!;
    if (ta === tb) {
      score += a.weights[i]! * b.weights[j]!;
      i++;
      j++;
    } else if (ta < tb) i++;
    else j++;
  }
  return score;
}

/** Cosine similarity of two normalised vectors, and the shared terms by contribution (largest first). */
export function cosine(a: TermVector, b: TermVector, wantTerms = 0): { score: number; shared: string[] } {
  let i = 0;
  let j = 0;
  let score = 0;
  const contrib: [string, number][] = [];
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i]!;
    const tb = b.terms[j]!;
    if (ta === tb) {
      const c = a.weights[i]! * b.weights[j]!;
      score += c;
      if (wantTerms) contrib.push([ta, c]);
      i++;
      j++;
    } else if (ta < tb) i++;
    else j++;
  }
  if (!wantTerms) return { score, shared: [] };
  contrib.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return { score, shared: contrib.slice(0, wantTerms).map((c) => c[0]) };
}

/** An inverted index: for each term, the documents (by index) that carry it and its weight there. */
export class Postings {
  private readonly lists = new Map<string, { index: number[]; weight: number[] }>();
  add(term: string, index: number, weight: number): void {
    let list = this.lists.get(term);
    if (!list) this.lists.set(term, (list = { index: [], weight: [] }));
    list.index.push(index);
    list.weight.push(weight);
  }
  get(term: string): { index: number[]; weight: number[] } | undefined {
    return this.lists.get(term);
  }
}

/**
 * Dot products of one vector with every document sharing a term, in flat arrays reused between
 * queries (thousands of queries: a Map per query was most of the analysis' garbage).
 */
export class DotAccumulator {
  readonly scores: Float64Array;
  readonly shared: Int32Array;
  private readonly touched: Int32Array;
  private size = 0;
  constructor(n: number) {
    this.scores = new Float64Array(n);
    this.shared = new Int32Array(n);
    this.touched = new Int32Array(n);
  }
  /**
   * Adds `v`'s dot product with each document of `postings` whose index is above `after`, leaving out
   * the terms of more than `maxDocuments` documents (a bound on the work of one query).
   */
  accumulate(v: TermVector, postings: Postings, after = -1, maxDocuments = Infinity): void {
    for (let t = 0; t < v.terms.length; t++) {
      const list = postings.get(v.terms[t]!);
      if (!list || list.index.length > maxDocuments) continue;
      const w = v.weights[t]!;
      const { index, weight } = list;
      for (let k = 0; k < index.length; k++) {
        const i = index[k]!;
        if (i <= after) continue;
        if (this.shared[i] === 0) this.touched[this.size++] = i;
        this.scores[i]! += w * weight[k]!;
        this.shared[i]!++;
      }
    }
  }
  /** Visits every touched document, then clears them for the next query. */
  drain(visit: (index: number, score: number, shared: number) => void): void {
    for (let k = 0; k < this.size; k++) {
      const i = this.touched[k]!;
      visit(i, this.scores[i]!, this.shared[i]!);
      this.scores[i] = 0;
      this.shared[i] = 0;
    }
    this.size = 0;
  }
}
