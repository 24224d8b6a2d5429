// Suggested links: two unlinked patterns that share many neighbours (Adamic-Adar) or a domain and a
// vocabulary, ranked by one score; the top ones are findings, the rest are counted.
import { compareStrings } from "../../core/order.ts";
import type { GapFinding } from "../../core/gaps.ts";
import type { Pattern, Slug } from "../../core/model.ts";
import { targetValue } from "./gap-links.ts";
import { adamicAdarPairs, domainsOf, groupBy, pairKey, sharedNeighbours, type GapGraph } from "./gap-graph.ts";
import { dot, DotAccumulator, Postings } from "./text.ts";
import type { ResolvedGapOptions } from "./types.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** Neighbours linked to more patterns than this are hubs: they do not make two of their neighbours similar. */
const MAX_HUB_DEGREE = 150;
const round = (n: number): number => Math.round(n * 1000) / 1000;

/** The score adds normalised Adamic-Adar (0..1), vocabulary cosine (0..1) and a same-domain bonus. */
/**
 * Vocabulary partners kept per pattern (the most similar ones). Without it the candidates grow with
 * the square of a domain's size: at ten times the real library (36,000 patterns) the pairs of
 * similar words alone filled a 960 MB heap. Structural pairs (shared neighbours) are not capped here.
 */
const VOCABULARY_PARTNERS = 20;
/**
 * A word more patterns of one domain share than this says nothing about any two of them, and makes the
 * comparison grow with the square of the domain: it is left out of the vocabulary's dot products. The
 * 2026-02-20 library's most shared word is in 95 patterns of a domain (ten times it: 950), so their
 * suggestions are those of the unbounded comparison; at a hundred times, the ~50 most common words.
 */
const MAX_TERM_PATTERNS = 1000;
const STRUCTURE_WEIGHT = 1.5;
const VOCABULARY_WEIGHT = 2;
const SAME_DOMAIN_BONUS = 0.25;

export function suggestLinks(
  g: GapGraph,
  opts: ResolvedGapOptions,
  vocab: Vocabulary,
  exclude: ReadonlySet<string>,
): { findings: GapFinding[]; considered: number } {
  const n = g.patterns.length;
  const structural = adamicAdarPairs(g, opts.minCommonNeighbours, MAX_HUB_DEGREE);
  const vectors = g.patterns.map((p) => vocab.vectors.get(p.slug)!);
  // The excluded pairs (likely duplicates) as numbers, a's index times n plus b's.
  const excluded = new Set<number>();
  if (exclude.size) {
    const index = new Map<string, number>(g.patterns.map((p, i) => [p.slug, i]));
    for (const k of exclude) {
      for (let at = k.indexOf("|"); at >= 0; at = k.indexOf("|", at + 1)) {
        const x = index.get(k.slice(0, at));
        const y = index.get(k.slice(at + 1));
        if (x !== undefined && y !== undefined) excluded.add(Math.min(x, y) * n + Math.max(x, y));
      }
    }
  }

  // Scores first, words and reasons only for the pairs shown: the reasons of every candidate
  // would cost more memory than the candidates themselves.
  // Only the best maxSuggestions are kept while scoring (cut back whenever twice that many wait): at
  // ten times the library there are ~230,000 candidates, and holding them all cost tens of MB. Once
  // that many are kept, a pair whose score cannot reach the last of them even with identical
  // vocabularies (a cosine of 1) is counted without computing its cosine or its key.
  type Scored = { k: string; a: Pattern; b: Pattern; score: number; aa: number };
  const byRank = (x: Scored, y: Scored): number => y.score - x.score || compareStrings(x.k, y.k);
  const keep = Math.max(0, opts.maxSuggestions);
  let scored: Scored[] = [];
  let floor = -Infinity;
  let considered = 0;
  const offer = (ia: number, ib: number, aa: number): void => {
    if (excluded.size && excluded.has(ia * n + ib)) return;
    considered++;
    if (keep === 0) return;
    const a = g.patterns[ia]!;
    const b = g.patterns[ib]!;
    const normalised = aa >= 0 ? structural.normalised[aa]! : 0;
    const sameDomain = a.domain !== undefined && a.domain === b.domain;
    const bonus = sameDomain ? SAME_DOMAIN_BONUS : 0;
    // round() moves a score by at most 0.0005, and a cosine of normalised vectors is at most 1.
    if (STRUCTURE_WEIGHT * normalised + VOCABULARY_WEIGHT * (1 + 1e-9) + bonus < floor - 0.001) return;
    const words = dot(vectors[ia]!, vectors[ib]!);
    const score = round(STRUCTURE_WEIGHT * normalised + VOCABULARY_WEIGHT * words + bonus);
    if (score < floor) return;
    scored.push({ k: pairKey(a.slug, b.slug), a, b, score, aa });
    if (scored.length >= 2 * keep + 1024) {
      scored = scored.sort(byRank).slice(0, keep);
      if (scored.length === keep) floor = scored[keep - 1]!.score;
    }
  };
  for (let i = 0; i < structural.size; i++) offer(structural.a[i]!, structural.b[i]!, i);
  // The structural pairs alone may fill the kept ones above what a pair by vocabulary alone can score
  // (a cosine of 1 and the same domain, 2.25): then none of those can be shown, and they are not
  // searched (at ten times the library the kept ones start at 2.519, and the search for them was most
  // of this step, growing faster than the library). `considered` then counts the structural pairs.
  if (scored.length >= keep) {
    scored = scored.sort(byRank).slice(0, keep);
    if (keep > 0) floor = scored[keep - 1]!.score;
  }
  const vocabularyCannotReach = keep > 0 && VOCABULARY_WEIGHT * (1 + 1e-9) + SAME_DOMAIN_BONUS < floor - 0.001;
  /**
   * Pairs by vocabulary only, as indexes into g.patterns (a before b): at a hundred times the library
   * a few million, too many for a key string and an object each. A pair is found once, from its first
   * pattern (the accumulator only reads later ones), so no pair needs looking up among them.
   */
  let va: Int32Array = new Int32Array(1024);
  let vb: Int32Array = new Int32Array(1024);
  let vocabularyPairs = 0;

  if (!vocabularyCannotReach) {
    // Same domain and similar vocabulary, even without shared neighbours (orphans included). A per-domain
    // inverted index accumulates dot products only over patterns that share a word.
    const byDomain = groupBy(
      g.patterns.map((_, i) => i),
      (i) => g.patterns[i]!.domain ?? "",
    );
    const partners: { j: number; score: number }[] = [];
    for (const group of byDomain.values()) {
      const local = new Postings();
      group.forEach((at, index) => {
        const v = vectors[at]!;
        for (let t = 0; t < v.terms.length; t++) local.add(v.terms[t]!, index, v.weights[t]!);
      });
      const acc = new DotAccumulator(group.length);
      for (let i = 0; i < group.length; i++) {
        const ia = group[i]!;
        const a = g.patterns[ia]!;
        acc.accumulate(vectors[ia]!, local, i, MAX_TERM_PATTERNS);
        partners.length = 0;
        acc.drain((j, score, words) => {
          // One shared word makes two one-word vocabularies "identical"; it takes two to say anything.
          if (score < opts.minVocabularySimilarity || words < 2) return;
          partners.push({ j, score });
        });
        if (partners.length > VOCABULARY_PARTNERS) {
          partners.sort((x, y) => y.score - x.score || compareStrings(g.patterns[group[x.j]!]!.slug, g.patterns[group[y.j]!]!.slug));
          partners.length = VOCABULARY_PARTNERS;
        }
        const linked = g.neighbours.get(a.slug)!;
        for (const { j } of partners) {
          const ib = group[j]!;
          if (structural.find(ia, ib) >= 0 || linked.has(g.patterns[ib]!.slug)) continue;
          if (vocabularyPairs === va.length) {
            va = grow(va);
            vb = grow(vb);
          }
          va[vocabularyPairs] = ia;
          vb[vocabularyPairs++] = ib;
        }
      }
    }
  }
  for (let i = 0; i < vocabularyPairs; i++) offer(va[i]!, vb[i]!, -1);
  scored.sort(byRank);
  const findings = scored.slice(0, keep).map(({ k, a, b, score, aa: at }): GapFinding => {
    const words = vocab.similarity(a.slug, b.slug, 4);
    const sameDomain = a.domain !== undefined && a.domain === b.domain;
    const reasons: string[] = [];
    if (at >= 0) {
      const aa = { score: structural.score[at]!, normalised: structural.normalised[at]! };
      const shared = sharedNeighbours(g, a.slug, b.slug, MAX_HUB_DEGREE);
      const shown = shared.slice(0, 5).map((s) => g.bySlug.get(s)?.title || s).join(", ");
      const more = shared.length > 5 ? ` and ${shared.length - 5} more` : "";
      reasons.push(`${shared.length} shared neighbours (${shown}${more}; Adamic-Adar ${round(aa.score)}, ${Math.round(aa.normalised * 100)}% of their own)`);
    }
    if (sameDomain) reasons.push(`same domain '${a.domain}'`);
    if (words.shared.length) reasons.push(`shared words ${words.shared.map((w) => `'${w}'`).join(", ")} (similarity ${round(words.score)})`);
    const reason = reasons.join("; ");
    const type = a.generation === 1 ? "related" : "complementary";
    const value = targetValue(g, a, b);
    return {
      id: `suggested-link:${k}`,
      kind: "suggested-link",
      patterns: [a.slug as Slug, b.slug as Slug],
      links: [],
      evidence: `${a.title || a.slug} and ${b.title || b.slug} are not linked, yet: ${reason}.`,
      fix: {
        description: `If they are related, declare ${type}: ${value} in ${a.file} (or a more specific type, e.g. lineage or enables).`,
        file: a.file,
        edits: [{ op: "add-link", file: a.file, source: a.slug, type, target: b.slug, value }],
      },
      score,
      ...(a.domain ? { domain: a.domain } : {}),
      domains: domainsOf([a, b]),
    };
  });
  return { findings, considered };
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
