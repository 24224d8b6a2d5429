// Library statistics: the counts the stats endpoint and the explorer's header show, from a Library.
import { DEGREE_PERCENTILES, HUB_COUNT, KNOWN_LINK_TYPES, PROBLEM_KINDS, type Hub, type Library, type LibraryStats } from "../../core/model.ts";
import { orderedCounts } from "../../core/assembly.ts";
import { quantile } from "./relevance.ts";
import { compareStrings } from "./views.ts";

/** Counts per key in orderedCounts' key order (core/assembly.ts, which the Neo4j store's counts go through too). */
function countBy<T>(items: readonly T[], key: (item: T) => string | undefined, preferred: readonly string[] = []): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return orderedCounts(counts, preferred);
}

/**
 * The statistics of a library, assumed canonical (links deduplicated, as ingest and
 * canonicalLibrary give them). `problemFiles` counts distinct files with a fatal problem;
 * `isolated` patterns have no resolved link either way; `domains` counts only patterns that have
 * one; every `...By...` record lists only keys that occur.
 */
export function computeStats(library: Library): LibraryStats {
  const linked = new Set<string>();
  const ends = new Map(library.patterns.map((p) => [p.slug as string, { inDegree: 0, outDegree: 0, degree: 0 }]));
  for (const l of library.links) {
    linked.add(l.source);
    linked.add(l.target);
    const source = ends.get(l.source);
    const target = ends.get(l.target);
    if (source) {
      source.outDegree += 1;
      source.degree += 1;
    }
    if (target) {
      target.inDegree += 1;
      if (l.target !== l.source) target.degree += 1;
    }
  }
  const fatalFiles = new Set(library.problems.filter((p) => p.fatal).map((p) => p.file));
  return {
    root: library.root,
    files: library.files,
    patterns: library.patterns.length,
    problemFiles: fatalFiles.size,
    links: library.links.length,
    linksByType: countBy(library.links, (l) => l.type, KNOWN_LINK_TYPES),
    dangling: library.dangling.length,
    danglingByType: countBy(library.dangling, (d) => d.type, KNOWN_LINK_TYPES),
    problems: library.problems.length,
    problemsByKind: countBy(library.problems, (p) => p.kind, PROBLEM_KINDS),
    isolated: library.patterns.filter((p) => !linked.has(p.slug)).length,
    domains: countBy(library.patterns, (p) => p.domain),
    generations: {
      "1": library.patterns.filter((p) => p.generation === 1).length,
      "2": library.patterns.filter((p) => p.generation === 2).length,
    },
    ...degreeSummary(library.patterns.map((p) => ({ slug: p.slug, title: p.title, ...ends.get(p.slug)! }))),
  };
}

/** The degree percentiles and the hubs of a library, from every pattern's degrees (shared by both stores). */
export function degreeSummary(patterns: readonly Hub[]): Pick<LibraryStats, "degreePercentiles" | "hubs"> {
  return degreeSummaryOf(Float64Array.from(patterns, (p) => p.degree).sort(), patterns);
}

/**
 * The least degree a hub can have: the HUB_COUNT-th largest of the ascending `sorted` degrees
 * (Infinity when there are none). Every pattern of at least this degree is a hub candidate.
 */
export const hubDegreeFloor = (sorted: ArrayLike<number>): number => (sorted.length === 0 ? Infinity : sorted[Math.max(0, sorted.length - HUB_COUNT)]!);

/**
 * degreeSummary from every pattern's degree (ascending) and the patterns among them that may be
 * hubs: any set holding every pattern of at least hubDegreeFloor(sorted) gives the same hubs. A
 * store that keeps the degrees (Neo4j) sends a count per degree and those few patterns instead of
 * a row per pattern (357,100 rows at 100x, ~200 MB of the server's heap for a moment).
 */
export function degreeSummaryOf(sorted: Float64Array, candidates: readonly Hub[]): Pick<LibraryStats, "degreePercentiles" | "hubs"> {
  const degreePercentiles = Object.fromEntries(DEGREE_PERCENTILES.map((p) => [p, quantile(sorted, Number(p.slice(1)))])) as LibraryStats["degreePercentiles"];
  degreePercentiles.max = sorted.length === 0 ? 0 : sorted[sorted.length - 1]!;
  const hubs = [...candidates]
    .sort((a, b) => b.degree - a.degree || compareStrings(a.slug, b.slug))
    .slice(0, HUB_COUNT)
    .map(({ slug, title, degree, inDegree, outDegree }) => ({ slug, title, degree, inDegree, outDegree }));
  return { degreePercentiles, hubs };
}

/** Ascending degrees from a count per degree (degreeSummaryOf's first argument). */
export function degreesFromCounts(counts: readonly (readonly [degree: number, patterns: number])[]): Float64Array {
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const sorted = new Float64Array(total);
  let at = 0;
  for (const [degree, n] of [...counts].sort((a, b) => a[0] - b[0])) {
    sorted.fill(degree, at, at + n);
    at += n;
  }
  return sorted;
}
