// Link concentration: patterns whose incoming links are statistical outliers for the library. On the
// real 2026-02-20 library a handful of patterns receive 500-1,300 incoming links while the median
// pattern receives a few, and their slugs all start with "a": links written from the top of an
// alphabetical list rather than chosen. Each finding carries the evidence to judge that.
import type { Library, Slug } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import { type GapFinding, NO_DOMAIN } from "../../core/gaps.ts";
import { domainsOf } from "./gap-graph.ts";

/**
 * A pattern's incoming links are concentrated when the robust z-score of log(1 + in-degree) passes
 * this (Iglewicz and Hoaglin's 3.5 for outliers of the modified z-score), and it has at least
 * MIN_INCOMING distinct sources (a library of few links has no meaningful outliers).
 */
export const CONCENTRATION_Z = 3.5;
export const MIN_INCOMING = 20;
/** Patterns with at least one incoming link needed to judge a spread (fewer: no findings). */
const MIN_POPULATION = 30;

/**
 * The link-concentration findings of a library, the highest in-degree first; `score` is the robust z
 * (or, when most patterns share one in-degree and the MAD is 0, how far past Q3 + 3 IQR it lies on the log scale).
 */
export function detectLinkConcentration(library: Library): GapFinding[] {
  const bySlug = new Map(library.patterns.map((p) => [p.slug as string, p]));
  const sources = new Map<string, Set<string>>();
  for (const l of library.links) {
    if (l.source === l.target || !bySlug.has(l.target)) continue;
    let set = sources.get(l.target);
    if (!set) sources.set(l.target, (set = new Set()));
    set.add(l.source);
  }
  if (sources.size < MIN_POPULATION) return [];
  const logs = [...sources.values()].map((s) => Math.log1p(s.size)).sort((a, b) => a - b);
  const med = median(logs);
  const mad = median(logs.map((x) => Math.abs(x - med)).sort((a, b) => a - b));
  // MAD 0 (most patterns share one in-degree): the interquartile rule, 3 IQR above Q3, on the log scale.
  const cut = mad > 0 ? med + (CONCENTRATION_Z * mad) / 0.6745 : quantile(logs, 0.75) + 3 * (quantile(logs, 0.75) - quantile(logs, 0.25));
  const zOf = (x: number) => (mad > 0 ? (0.6745 * (x - med)) / mad : x - cut);
  const hubs = [...sources]
    .filter(([, s]) => s.size >= MIN_INCOMING && Math.log1p(s.size) > cut)
    .sort((a, b) => b[1].size - a[1].size || compareStrings(a[0], b[0]));
  if (!hubs.length) return [];

  const firstLetter = (slug: string) => slug.charAt(0).toLowerCase();
  const letterShare = new Map<string, number>();
  for (const p of library.patterns) letterShare.set(firstLetter(p.slug), (letterShare.get(firstLetter(p.slug)) ?? 0) + 1);
  const hubLetters = new Map<string, number>();
  for (const [slug] of hubs) hubLetters.set(firstLetter(slug), (hubLetters.get(firstLetter(slug)) ?? 0) + 1);
  const threshold = Math.ceil(Math.expm1(cut));
  const medianDegree = Math.round(Math.expm1(med));
  const pct = (n: number, of: number) => `${Math.round((100 * n) / Math.max(1, of))}%`;

  return hubs.map(([slug, from]): GapFinding => {
    const p = bySlug.get(slug)!;
    const sourcePatterns = [...from].map((s) => bySlug.get(s));
    const domains = new Set(sourcePatterns.map((s) => s?.domain ?? NO_DOMAIN));
    const folders = new Set(sourcePatterns.map((s) => folderOf(s?.file ?? "")));
    const letter = firstLetter(slug);
    const sameLetter = hubLetters.get(letter) ?? 0;
    const libraryShare = pct(letterShare.get(letter) ?? 0, library.patterns.length);
    const z = zOf(Math.log1p(from.size));
    return {
      id: `link-concentration:${slug}`,
      kind: "link-concentration",
      patterns: [slug as Slug],
      links: [],
      evidence:
        `${p.title || slug} (${p.file}) is linked from ${from.size} patterns; the median linked pattern gets ${medianDegree}, ` +
        `and above ${threshold} is an outlier (${mad > 0 ? `robust z ${z.toFixed(1)}` : "past Q3 + 3 IQR"} on the log scale). Its sources span ${domains.size} domain${domains.size === 1 ? "" : "s"} and ${folders.size} folder${folders.size === 1 ? "" : "s"}. ` +
        `${sameLetter} of the ${hubs.length} concentrated pattern${hubs.length === 1 ? "" : "s"} start with "${letter}" (${libraryShare} of the library's slugs do).`,
      fix: {
        description:
          sameLetter > 1 && sameLetter / hubs.length > 0.5
            ? `Review the links to it: concentrated targets sharing the first letter suggest links taken from the top of an alphabetical list. Keep the ones that hold in the linking files.`
            : `Review the links to it and keep the ones that hold: a pattern this central may need splitting, or many of its links are generic.`,
      },
      score: Math.round(z * 100) / 100,
      ...(p.domain ? { domain: p.domain } : {}),
      domains: domainsOf([p]),
      concentration: { incoming: from.size, domains: domains.size, folders: folders.size, median: medianDegree, threshold, letter, sameLetter, hubs: hubs.length },
    };
  });
}

function folderOf(file: string): string {
  const i = file.lastIndexOf("/");
  return i < 0 ? "." : file.slice(0, i);
}

function median(sorted: readonly number[]): number {
  return quantile(sorted, 0.5);
}

function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return 0;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
