// Findings from resemblance rather than declarations: likely duplicates (same or nearly the same title
// or slug, "X - variant" twins without lineage) and suggested links (shared neighbours by
// Adamic-Adar, shared domain and vocabulary), plus a nearest-by-vocabulary lookup for orphans and islands.
import type { GapCandidate, GapFinding, ResolvedGapOptions } from "../gap-analysis.ts";
import type { Pattern, Slug } from "../../core/model.ts";
import { targetValue } from "./gaps-declarations.ts";
import { adamicAdarPairs, domainsOf, pairKey, type GapGraph } from "./gaps-structure.ts";
import {
  buildTermVectors,
  compactKey,
  compareStrings,
  contentWords,
  cosine,
  DotAccumulator,
  editSimilarity,
  normaliseText,
  Postings,
  type TermVector,
} from "./gaps-text.ts";

/** Neighbours linked to more patterns than this are hubs: they do not make two of their neighbours similar. */
const MAX_HUB_DEGREE = 150;
/** Titles and slugs at least this alike (1 - edit distance / length) are "nearly identical". */
const NEAR_IDENTICAL = 0.9;
/** Shorter keys than this are too short for an edit-distance judgement ("Kanban" vs "Kaizen"). */
const MIN_NEAR_LENGTH = 10;
/** Title separators that introduce a variant: "X - Y", "X – Y", "X: Y", "X (Y)". */
const VARIANT_SEPARATORS = [" - ", " – ", " — ", ": ", " ("];
/**
 * Likely duplicates reported at most, the best first; the rest are counted. The real library has
 * a few hundred; a library of many near copies has one per pair of copies (158,000 at ten times the
 * real library, 240 MB of findings), which no reader goes through and no 960 MB heap holds.
 */
export const MAX_DUPLICATES = 2_000;

export type SimilarTo = (slug: string, k: number, exclude: ReadonlySet<string>) => GapCandidate[];

export interface SimilarityResult {
  findings: GapFinding[];
  suggestionsConsidered: number;
  /** Likely duplicates found before the cap cut them to MAX_DUPLICATES. */
  duplicatesConsidered: number;
  similarTo: SimilarTo;
}

export function detectSimilarityGaps(g: GapGraph, opts: ResolvedGapOptions): SimilarityResult {
  const vocab = buildVocabulary(g);
  const { findings: duplicates, considered: duplicatesConsidered } = detectDuplicates(g);
  const duplicatePairs = new Set(duplicates.map((f) => pairKey(f.patterns[0]!, f.patterns[1]!)));
  const suggestions = suggestLinks(g, opts, vocab, duplicatePairs);
  return {
    findings: [...duplicates, ...suggestions.findings],
    suggestionsConsidered: suggestions.considered,
    duplicatesConsidered,
    similarTo: (slug, k, exclude) => vocab.nearest(slug, k, exclude),
  };
}

interface Vocabulary {
  vectors: Map<string, TermVector>;
  similarity(a: string, b: string, words: number): { score: number; shared: string[] };
  nearest(slug: string, k: number, exclude: ReadonlySet<string>): GapCandidate[];
}

/** TF-IDF over title, aliases and summary, with an inverted index so nearest-neighbour queries touch only sharing patterns. */
function buildVocabulary(g: GapGraph): Vocabulary {
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

function hasLineage(g: GapGraph, a: string, b: string): boolean {
  return g.lineage.has(`${a}|${b}`) || g.lineage.has(`${b}|${a}`);
}

interface DuplicateCandidate {
  a: Pattern;
  b: Pattern;
  score: number;
  reason: string;
  /** For a variant twin: the base pattern and its variant. */
  variant?: { base: Pattern; variant: Pattern };
}

function detectDuplicates(g: GapGraph): { findings: GapFinding[]; considered: number } {
  const best = new Map<string, DuplicateCandidate>();
  const offer = (c: DuplicateCandidate) => {
    if (c.a.slug === c.b.slug || hasLineage(g, c.a.slug, c.b.slug)) return;
    const [a, b] = c.a.slug < c.b.slug ? [c.a, c.b] : [c.b, c.a];
    const k = pairKey(a.slug, b.slug);
    const cur = best.get(k);
    if (!cur || c.score > cur.score) best.set(k, { ...c, a, b });
  };

  // The same title up to case and punctuation.
  const byTitle = groupBy(g.patterns, (p) => compactKey(p.title));
  for (const group of byTitle.values()) {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++)
        offer({ a: group[i]!, b: group[j]!, score: 1, reason: `the same title "${group[i]!.title}"` });
  }

  // Nearly the same title or slug: compare only within blocks sharing the first or last four characters.
  for (const [what, keyOf] of [
    ["title", (p: Pattern) => compactKey(p.title)],
    ["slug", (p: Pattern) => p.slug.replace(/-/g, "")],
  ] as const) {
    const keyed = g.patterns.map((p) => ({ p, key: keyOf(p) })).filter((x) => x.key.length >= MIN_NEAR_LENGTH);
    const blocks = new Map<string, { p: Pattern; key: string }[]>();
    for (const x of keyed) {
      for (const b of [`^${x.key.slice(0, 4)}`, `$${x.key.slice(-4)}`]) {
        const list = blocks.get(b);
        if (list) list.push(x);
        else blocks.set(b, [x]);
      }
    }
    for (const list of blocks.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const x = list[i]!;
          const y = list[j]!;
          if (x.key === y.key && what === "title") continue; // already "the same title"
          const longer = Math.max(x.key.length, y.key.length);
          if (Math.abs(x.key.length - y.key.length) > (1 - NEAR_IDENTICAL) * longer) continue;
          // A difference in the first letters changes the meaning ("B-Corporation" vs "C-Corporation",
          // "direct" vs "indirect"); typos there are rare enough to give up.
          if (x.key.slice(0, 3) !== y.key.slice(0, 3)) continue;
          const s = editSimilarity(x.key, y.key);
          if (s >= NEAR_IDENTICAL)
            offer({ a: x.p, b: y.p, score: round(s), reason: `nearly the same ${what} (${Math.round(s * 100)}% alike)` });
        }
      }
    }
  }

  // "X - variant" / "X: variant" / "X (variant)" twins of an existing title X.
  const titleIndex = new Map<string, Pattern>();
  for (const p of g.patterns) {
    const k = normaliseText(p.title);
    if (k && !titleIndex.has(k)) titleIndex.set(k, p);
  }
  for (const p of g.patterns) {
    for (const sep of VARIANT_SEPARATORS) {
      const at = p.title.indexOf(sep);
      if (at <= 0) continue;
      const base = titleIndex.get(normaliseText(p.title.slice(0, at)));
      if (!base || base.slug === p.slug) continue;
      const abbreviation = sep === " (" ? /^\(([^)]*)\)\s*$/.exec(p.title.slice(at + 1))?.[1] : undefined;
      if (abbreviation && abbreviates(abbreviation, base.title)) {
        offer({ a: base, b: p, score: 0.95, reason: `the same title with its abbreviation "${abbreviation}"` });
        continue;
      }
      offer({
        a: base,
        b: p,
        score: 0.8,
        reason: `"${p.title}" reads as a variant of "${base.title}"`,
        variant: { base, variant: p },
      });
    }
  }

  // Two variants of one title that say the same in other words: "Poka-Yoke - Error-proofing" and
  // "Poka-Yoke (Mistake-Proofing)" share the base and a content word of their variant parts.
  const byBase = new Map<string, { p: Pattern; words: Set<string>; variant: string }[]>();
  for (const p of g.patterns) {
    for (const sep of VARIANT_SEPARATORS) {
      const at = p.title.indexOf(sep);
      if (at <= 0) continue;
      const base = normaliseText(p.title.slice(0, at));
      const variant = p.title.slice(at + sep.length).replace(/^[(\s]+|[)\s]+$/g, "");
      const words = new Set(contentWords(variant));
      if (!base || !words.size) continue;
      const list = byBase.get(base) ?? [];
      list.push({ p, words, variant });
      byBase.set(base, list);
      break;
    }
  }
  for (const [base, list] of byBase) {
    if (list.length > 12) continue; // a family of many variants is a hub's specialisations, not duplicates
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i]!;
        const y = list[j]!;
        const shared = [...x.words].filter((w) => y.words.has(w));
        if (!shared.length) continue;
        offer({
          a: x.p,
          b: y.p,
          score: 0.85,
          reason: `two variants of "${base}" ("${x.variant}", "${y.variant}") sharing ${shared.map((w) => `'${w}'`).join(", ")}`,
        });
      }
    }
  }

  // The same slug words in another order ("six-sigma-dmaic" and "dmaic-six-sigma").
  const byWords = groupBy(g.patterns, (p) => {
    const words = p.slug.split("-").filter(Boolean);
    return words.length >= 2 ? [...words].sort(compareStrings).join(" ") : "";
  });
  for (const group of byWords.values()) {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++)
        offer({ a: group[i]!, b: group[j]!, score: 0.95, reason: "the same slug words in another order" });
  }

  const considered = best.size;
  const kept = [...best].sort(([ka, a], [kb, b]) => b.score - a.score || compareStrings(ka, kb)).slice(0, MAX_DUPLICATES);
  best.clear();
  const out: GapFinding[] = [];
  for (const [pk, c] of kept) {
    const degree = (p: Pattern) => g.neighbours.get(p.slug)!.size;
    let fix: GapFinding["fix"];
    if (c.variant) {
      const { base, variant } = c.variant;
      const value = targetValue(g, variant, base);
      fix = {
        description: `If '${variant.slug}' is a variant of '${base.slug}', declare generalizes_from: ${value} in ${variant.file}; if they are the same pattern, merge them.`,
        file: variant.file,
        edits: [{ op: "add-link", file: variant.file, source: variant.slug, type: "generalizes_from", target: base.slug, value }],
      };
    } else {
      // Keep the better-connected one (then the shorter slug) and fold the other into it.
      const [keep, fold] = [c.a, c.b].sort(
        (x, y) => degree(y) - degree(x) || x.slug.length - y.slug.length || compareStrings(x.slug, y.slug),
      ) as [Pattern, Pattern];
      fix = {
        description: `If they are the same pattern, merge '${fold.slug}' (${fold.file}) into '${keep.slug}' and point its ${degree(fold)} link(s) there; otherwise make the difference explicit in the titles or declare their lineage.`,
        file: fold.file,
      };
    }
    out.push({
      id: `likely-duplicate:${pk}`,
      kind: "likely-duplicate",
      patterns: [c.a.slug, c.b.slug],
      links: [],
      evidence: `'${c.a.slug}' ("${c.a.title}", ${c.a.file}) and '${c.b.slug}' ("${c.b.title}", ${c.b.file}): ${c.reason}, and no lineage link between them.`,
      fix,
      score: c.score,
      ...(c.a.domain ? { domain: c.a.domain } : {}),
      domains: domainsOf([c.a, c.b]),
    });
  }
  return { findings: out, considered };
}

const MINOR_WORDS = new Set(["of", "and", "the", "for", "to", "by", "in", "on", "a", "an", "as"]);

/** True when `abbr` ("ZKPs", "SMPC or MPC") spells the initials of `title`'s words, with or without its minor words. */
function abbreviates(abbr: string, title: string): boolean {
  const words = normaliseText(title).split(" ").filter(Boolean);
  const all = words.map((w) => w[0]).join("");
  const major = words.filter((w) => !MINOR_WORDS.has(w)).map((w) => w[0]).join("");
  return abbr.split(/\s+or\s+|,\s*|\//).some((part) => {
    const letters = part.replace(/s$/, "").replace(/[^A-Za-z0-9]/g, "").toLowerCase();
    return letters.length >= 2 && (letters === all || letters === major);
  });
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (!k) continue;
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  for (const [k, v] of out) if (v.length < 2) out.delete(k);
  return out;
}

/** The score adds normalised Adamic-Adar (0..1), vocabulary cosine (0..1) and a same-domain bonus. */
/**
 * Vocabulary partners kept per pattern (the most similar ones). Without it the candidates grow with
 * the square of a domain's size: at ten times the real library (36,000 patterns) the pairs of
 * similar words alone filled a 960 MB heap. Structural pairs (shared neighbours) are not capped here.
 */
const VOCABULARY_PARTNERS = 20;
const STRUCTURE_WEIGHT = 1.5;
const VOCABULARY_WEIGHT = 2;
const SAME_DOMAIN_BONUS = 0.25;

function suggestLinks(
  g: GapGraph,
  opts: ResolvedGapOptions,
  vocab: Vocabulary,
  exclude: ReadonlySet<string>,
): { findings: GapFinding[]; considered: number } {
  const structural = adamicAdarPairs(g, opts.minCommonNeighbours, MAX_HUB_DEGREE);
  const pairs = new Map<string, { a: string; b: string; aa?: { score: number; normalised: number; shared: string[] } }>();
  for (const [k, v] of structural) pairs.set(k, { a: v.a, b: v.b, aa: v });

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
      acc.accumulate(vectors[i]!, local, i);
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
        if (pairs.has(k) || g.neighbours.get(a.slug)!.has(b.slug)) continue;
        pairs.set(k, { a: a.slug < b.slug ? a.slug : b.slug, b: a.slug < b.slug ? b.slug : a.slug });
      }
    }
  }

  // Scores first, words and reasons only for the pairs shown: the reasons of every candidate
  // would cost more memory than the candidates themselves.
  const scored: { k: string; a: Pattern; b: Pattern; score: number; aa?: { score: number; normalised: number; shared: string[] } }[] = [];
  for (const [k, pair] of pairs) {
    if (exclude.has(k)) continue;
    const a = g.bySlug.get(pair.a)!;
    const b = g.bySlug.get(pair.b)!;
    const words = vocab.similarity(a.slug, b.slug, 0);
    const sameDomain = a.domain !== undefined && a.domain === b.domain;
    const score = round(
      STRUCTURE_WEIGHT * (pair.aa?.normalised ?? 0) + VOCABULARY_WEIGHT * words.score + (sameDomain ? SAME_DOMAIN_BONUS : 0),
    );
    scored.push({ k, a, b, score, ...(pair.aa ? { aa: pair.aa } : {}) });
  }
  pairs.clear();
  scored.sort((x, y) => y.score - x.score || compareStrings(x.k, y.k));
  const findings = scored.slice(0, opts.maxSuggestions).map(({ k, a, b, score, aa }): GapFinding => {
    const words = vocab.similarity(a.slug, b.slug, 4);
    const sameDomain = a.domain !== undefined && a.domain === b.domain;
    const reasons: string[] = [];
    if (aa) {
      const shown = aa.shared.slice(0, 5).map((s) => `'${s}'`).join(", ");
      const more = aa.shared.length > 5 ? ` and ${aa.shared.length - 5} more` : "";
      reasons.push(`${aa.shared.length} shared neighbours (${shown}${more}; Adamic-Adar ${round(aa.score)}, ${Math.round(aa.normalised * 100)}% of their own)`);
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
      evidence: `'${a.slug}' and '${b.slug}' are not linked, yet: ${reason}.`,
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
  return { findings, considered: scored.length };
}
