// The library's vocabulary for the gap analysis: TF-IDF over each pattern's title, aliases and
// summary, with an inverted index so that a nearest-neighbour query touches only the patterns that
// share a word. Suggested links score pairs with it; orphans and islands ask it for neighbours.
import { compareStrings } from "../../core/order.ts";
import type { GapCandidate } from "../../core/gaps.ts";
import type { Pattern } from "../../core/model.ts";
import type { GapGraph } from "./gap-graph.ts";
import { buildTermVectors, cosine, DotAccumulator, Postings, type TermVector } from "./text.ts";

export type SimilarTo = (slug: string, k: number, exclude: ReadonlySet<string>) => GapCandidate[];

export interface Vocabulary {
  vectors: Map<string, TermVector>;
  similarity(a: string, b: string, words: number): { score: number; shared: string[] };
  nearest(slug: string, k: number, exclude: ReadonlySet<string>): GapCandidate[];
}

/** TF-IDF over title, aliases and summary, with an inverted index so nearest-neighbour queries touch only sharing patterns. */
export function buildVocabulary(g: GapGraph): Vocabulary {
  const docs = g.patterns.map((p) => ({ title: [p.title, ...p.aliases].join(" "), text: p.summary ?? "" }));
  const list = buildTermVectors(docs);
  const vectors = new Map<string, TermVector>();
  const postings = new Postings();
  list.forEach((v, index) => {
    vectors.set(g.patterns[index]!.slug, v);
    for (let t = 0; t < v.terms.length; t++) postings.add(v.terms[t]!, index, v.weights[t]!);
  });
  const acc = new DotAccumulator(g.patterns.length);
  const similarity = (a: string, b: string, words: number) => cosine(vectors.get(a)!, vectors.get(b)!, words);
  return {
    vectors,
    similarity,
    nearest(slug, k, exclude) {
      const v = vectors.get(slug);
      const self = g.bySlug.get(slug);
      if (!v || !self) return [];
      acc.accumulate(v, postings, -1, MAX_NEAREST_TERM_PATTERNS);
      // The best k kept as they come (the same k, in the same order, as sorting every candidate:
      // at a hundred times the library a pattern shares a word with tens of thousands of others).
      const ranked: { p: Pattern; score: number }[] = [];
      acc.drain((index, s) => {
        const p = g.patterns[index]!;
        if (s < 0.2 || p.slug === slug || exclude.has(p.slug)) return;
        // Same domain is a tie-breaker-sized nudge, not a reason on its own.
        keepBest(ranked, { p, score: s + (self.domain && p.domain === self.domain ? 0.05 : 0) }, k);
      });
      return ranked.map(({ p, score }) => {
        const { shared } = similarity(slug, p.slug, 3);
        const sameDomain = self.domain && p.domain === self.domain ? `; same domain '${p.domain}'` : "";
        return {
          slug: p.slug,
          title: p.title,
          score: round(score),
          reason: `shared words ${shared.map((w) => `'${w}'`).join(", ")}${sameDomain}`,
        };
      });
    },
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * A word more patterns share than this is left out of a nearest-neighbour query: the 2026-02-20
 * library's most shared word is in 361 patterns, so its answers are those of the unbounded query.
 * Unbounded, a query there reads 547 postings on average, and a library of N near copies N times as
 * many, for N times as many orphans and island members: the queries grew with the square of the
 * library. The same bound as suggested links' per domain.
 */
export const MAX_NEAREST_TERM_PATTERNS = 1000;

const before = (a: { p: Pattern; score: number }, b: { p: Pattern; score: number }): boolean =>
  a.score > b.score || (a.score === b.score && compareStrings(a.p.slug, b.p.slug) < 0);

/** Inserts `item` into `best` (kept in order, highest score first, then slug) when it is among the best `k`. */
function keepBest(best: { p: Pattern; score: number }[], item: { p: Pattern; score: number }, k: number): void {
  if (k <= 0 || (best.length === k && !before(item, best[k - 1]!))) return;
  let at = best.length;
  while (at > 0 && before(item, best[at - 1]!)) at--;
  best.splice(at, 0, item);
  if (best.length > k) best.pop();
}

