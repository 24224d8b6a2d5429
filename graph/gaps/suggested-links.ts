// Suggested links: two unlinked patterns that share many neighbours (Adamic-Adar) or a domain and a
// vocabulary, ranked by one score; the top ones are findings, the rest are counted.
import { compareStrings } from "../../core/order.ts";
import type { GapFinding } from "../../core/gaps.ts";
import type { Pattern, Slug } from "../../core/model.ts";
import { targetValue } from "./gap-links.ts";
import { adamicAdarPairs, domainsOf, groupBy, pairKey, sharedNeighbours, type AdamicAdarPair, type GapGraph } from "./gap-graph.ts";
import { DotAccumulator, Postings } from "./text.ts";
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
  const structural = adamicAdarPairs(g, opts.minCommonNeighbours, MAX_HUB_DEGREE);
  /** Pairs by vocabulary only (the structural ones are not copied here: ~230,000 at ten times the library). */
  const pairs = new Map<string, { a: string; b: string; aa?: AdamicAdarPair }>();

  // Same domain and similar vocabulary, even without shared neighbours (orphans included). A per-domain
  // inverted index accumulates dot products only over patterns that share a word.
  const byDomain = groupBy(g.patterns, (p) => p.domain ?? "");
  for (const group of byDomain.values()) {
    const local = new Postings();
    const vectors = group.map((p) => vocab.vectors.get(p.slug)!);
    vectors.forEach((v, index) => {
      for (let t = 0; t < v.terms.length; t++) local.add(v.terms[t]!, index, v.weights[t]!);
    });
    const acc = new DotAccumulator(group.length);
    const partners: { j: number; score: number }[] = [];
    for (let i = 0; i < group.length; i++) {
      const a = group[i]!;
      acc.accumulate(vectors[i]!, local, i, MAX_TERM_PATTERNS);
      partners.length = 0;
      acc.drain((j, score, words) => {
        // One shared word makes two one-word vocabularies "identical"; it takes two to say anything.
        if (score < opts.minVocabularySimilarity || words < 2) return;
        partners.push({ j, score });
      });
      if (partners.length > VOCABULARY_PARTNERS) {
        partners.sort((x, y) => y.score - x.score || compareStrings(group[x.j]!.slug, group[y.j]!.slug));
        partners.length = VOCABULARY_PARTNERS;
      }
      for (const { j } of partners) {
        const b = group[j]!;
        const k = pairKey(a.slug, b.slug);
        if (structural.has(k) || pairs.has(k) || g.neighbours.get(a.slug)!.has(b.slug)) continue;
        pairs.set(k, { a: a.slug < b.slug ? a.slug : b.slug, b: a.slug < b.slug ? b.slug : a.slug });
      }
    }
  }

  // Scores first, words and reasons only for the pairs shown: the reasons of every candidate
  // would cost more memory than the candidates themselves.
  // Only the best maxSuggestions are kept while scoring (cut back whenever twice that many wait): at
  // ten times the library there are ~230,000 candidates, and holding them all cost tens of MB.
  type Scored = { k: string; a: Pattern; b: Pattern; score: number; aa?: AdamicAdarPair };
  const byRank = (x: Scored, y: Scored): number => y.score - x.score || compareStrings(x.k, y.k);
  const keep = Math.max(0, opts.maxSuggestions);
  let scored: Scored[] = [];
  let considered = 0;
  const candidates = function* (): Generator<[string, { a: string; b: string; aa?: AdamicAdarPair }]> {
    for (const [k, aa] of structural) yield [k, { a: aa.a, b: aa.b, aa }];
    yield* pairs;
  };
  for (const [k, pair] of candidates()) {
    if (exclude.has(k)) continue;
    considered++;
    const a = g.bySlug.get(pair.a)!;
    const b = g.bySlug.get(pair.b)!;
    const words = vocab.similarity(a.slug, b.slug, 0);
    const sameDomain = a.domain !== undefined && a.domain === b.domain;
    const score = round(
      STRUCTURE_WEIGHT * (pair.aa?.normalised ?? 0) + VOCABULARY_WEIGHT * words.score + (sameDomain ? SAME_DOMAIN_BONUS : 0),
    );
    scored.push({ k, a, b, score, ...(pair.aa ? { aa: pair.aa } : {}) });
    if (scored.length >= 2 * keep + 1024) scored = scored.sort(byRank).slice(0, keep);
  }
  pairs.clear();
  structural.clear();
  scored.sort(byRank);
  const findings = scored.slice(0, keep).map(({ k, a, b, score, aa }): GapFinding => {
    const words = vocab.similarity(a.slug, b.slug, 4);
    const sameDomain = a.domain !== undefined && a.domain === b.domain;
    const reasons: string[] = [];
    if (aa) {
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
