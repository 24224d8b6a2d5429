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
      acc.accumulate(v, postings);
      const ranked: { p: Pattern; score: number }[] = [];
      acc.drain((index, s) => {
        const p = g.patterns[index]!;
        if (s < 0.2 || p.slug === slug || exclude.has(p.slug)) return;
        // Same domain is a tie-breaker-sized nudge, not a reason on its own.
        ranked.push({ p, score: s + (self.domain && p.domain === self.domain ? 0.05 : 0) });
      });
      ranked.sort((a, b) => b.score - a.score || compareStrings(a.p.slug, b.p.slug));
      return ranked.slice(0, k).map(({ p, score }) => {
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

