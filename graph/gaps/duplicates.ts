// Likely duplicates: two patterns with the same or nearly the same title or slug, an "X - variant"
// twin of an existing title, two variants saying the same in other words, or the same slug words in
// another order, with no lineage link between them. Candidates are compared only within blocks.
import { compareStrings } from "../../core/order.ts";
import type { GapFinding } from "../../core/gaps.ts";
import type { Pattern } from "../../core/model.ts";
import { targetValue } from "./gap-links.ts";
import { domainsOf, groupBy, pairKey, type GapGraph } from "./gap-graph.ts";
import { compactKey, contentWords, editSimilarity, normaliseText } from "./text.ts";

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
/**
 * Candidate pairs held before the worst are dropped: ten times the real library offers ~158,000, a
 * hundred times ~17.7 million (each of 3,573 patterns with 99 near copies), which held whole would
 * take gigabytes. Up to this many, `considered` is the exact number of distinct pairs; past it, a
 * pair offered again after it was dropped counts again, and a nearly identical title or slug whose
 * lengths alone keep it below the kept ones is not measured, so not counted: past the first prune
 * `considered` is the pairs measured, neither an upper nor a lower bound of the distinct ones.
 */
export const PRUNE_AT = 250_000;

/**
 * A block of keys sharing their first or last four characters larger than this is not compared pair
 * by pair: its keys are sorted and each is compared with the NEAR_WINDOW keys after it (a sorted
 * neighbourhood, in work linear in the block). The 2026-02-20 library's largest block has 428 keys, so
 * every pair of it is still compared; a library of N near copies has blocks N times as large, and
 * comparing all their pairs grew with the square of the library (ten times the library: ~17 million
 * pairs, a hundred times: ~1.7 billion).
 */
export const MAX_NEAR_BLOCK = 1_000;
export const NEAR_WINDOW = 64;

const round = (n: number): number => Math.round(n * 1000) / 1000;

interface DuplicateCandidate {
  a: Pattern;
  b: Pattern;
  score: number;
  reason: string;
  /** For a variant twin: the base pattern and its variant. */
  variant?: { base: Pattern; variant: Pattern };
}

/** The order duplicates are reported in: the highest score first, then by pair key. */
const compareCandidates = (ka: string, a: { score: number }, kb: string, b: { score: number }): number => b.score - a.score || compareStrings(ka, kb);

/** How many duplicates are reported, and how many candidate pairs are held before the worst are dropped. */
export interface DuplicateBounds {
  keep: number;
  pruneAt: number;
}

export function detectDuplicates(g: GapGraph, bounds: DuplicateBounds = { keep: MAX_DUPLICATES, pruneAt: PRUNE_AT }): { findings: GapFinding[]; considered: number } {
  const best = new Map<string, DuplicateCandidate>();
  // Past `pruneAt` pairs held, only the best `keep` are kept and anything worse than the last
  // of them is dropped on offer: the kept ones are exactly those of the unbounded search (a pair
  // only ever leaves below `keep` pairs that beat it), in bounded memory.
  let floor: { key: string; score: number } | undefined;
  let dropped = 0;
  const prune = (): void => {
    const kept = [...best].sort(([ka, a], [kb, b]) => compareCandidates(ka, a, kb, b)).slice(0, bounds.keep);
    dropped += best.size - kept.length;
    best.clear();
    for (const [key, c] of kept) best.set(key, c);
    const [key, last] = kept[kept.length - 1]!;
    floor = { key, score: last.score };
  };
  // The pairs with a lineage link either way, by pair key: one lookup of the key every offer makes
  // anyway (ten times the real library offers ~158,000 pairs; two keys made per offer were ~1 s).
  const lineagePairs = new Set<string>();
  for (const e of g.lineage.values()) lineagePairs.add(pairKey(e.parent, e.child));
  const offer = (c: DuplicateCandidate) => {
    if (c.a.slug === c.b.slug) return;
    const [a, b] = c.a.slug < c.b.slug ? [c.a, c.b] : [c.b, c.a];
    const k = pairKey(a.slug, b.slug);
    if (lineagePairs.has(k)) return;
    const cur = best.get(k);
    if (!cur && floor && compareCandidates(k, c, floor.key, floor) > 0) {
      dropped++;
      return;
    }
    if (!cur || c.score > cur.score) best.set(k, { ...c, a, b });
    if (best.size >= bounds.pruneAt) prune();
  };
  // offer() for a nearly identical title or slug, its candidate and reason made only when it is kept: a
  // library of N near copies offers millions of these (thirty times the library: 2.7 million), and
  // past the first prune nearly all of them fall below the floor.
  const offerNear = (x: Pattern, y: Pattern, score: number, what: string, s: number): void => {
    if (floor && score < floor.score && x.slug !== y.slug) {
      const k = pairKey(x.slug, y.slug);
      if (lineagePairs.has(k)) return;
      // Below the floor: kept pairs all score at least the floor, so a held pair is not improved either.
      if (!best.has(k)) dropped++;
      return;
    }
    offer({ a: x, b: y, score, reason: `nearly the same ${what} (${Math.round(s * 100)}% alike)` });
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
    const keyed = g.patterns
      .map((p) => {
        const key = keyOf(p);
        return { p, key, head: key.slice(0, 3) };
      })
      .filter((x) => x.key.length >= MIN_NEAR_LENGTH);
    const blocks = new Map<string, { p: Pattern; key: string; head: string }[]>();
    for (const x of keyed) {
      for (const b of [`^${x.key.slice(0, 4)}`, `$${x.key.slice(-4)}`]) {
        const list = blocks.get(b);
        if (list) list.push(x);
        else blocks.set(b, [x]);
      }
    }
    for (const block of blocks.values()) {
      // A block too large to compare every pair of is compared in key order, each key with the next
      // NEAR_WINDOW keys (see MAX_NEAR_BLOCK).
      const large = block.length > MAX_NEAR_BLOCK;
      const list = large ? [...block].sort((x, y) => compareStrings(x.key, y.key) || compareStrings(x.p.slug, y.p.slug)) : block;
      for (let i = 0; i < list.length; i++) {
        const end = large ? Math.min(list.length, i + 1 + NEAR_WINDOW) : list.length;
        for (let j = i + 1; j < end; j++) {
          const x = list[i]!;
          const y = list[j]!;
          if (x.key === y.key && what === "title") continue; // already "the same title"
          const longer = Math.max(x.key.length, y.key.length);
          if (Math.abs(x.key.length - y.key.length) > (1 - NEAR_IDENTICAL) * longer) continue;
          // A difference in the first letters changes the meaning ("B-Corporation" vs "C-Corporation",
          // "direct" vs "indirect"); typos there are rare enough to give up.
          if (x.head !== y.head) continue;
          // Past the first prune, a pair that could not reach the floor even with the fewest edits its
          // lengths allow is not measured: it would be dropped on offer (see `considered`).
          if (floor && x.key !== y.key && round(1 - Math.max(1, Math.abs(x.key.length - y.key.length)) / longer) < floor.score) continue;
          const s = editSimilarity(x.key, y.key);
          if (s >= NEAR_IDENTICAL) offerNear(x.p, y.p, round(s), what, s);
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

  const considered = best.size + dropped;
  const kept = [...best].sort(([ka, a], [kb, b]) => compareCandidates(ka, a, kb, b)).slice(0, bounds.keep);
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
      evidence: `${c.a.title || c.a.slug} (${c.a.file}) and ${c.b.title || c.b.slug} (${c.b.file}): ${c.reason}, and no lineage link between them.`,
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
