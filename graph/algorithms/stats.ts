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
  const degrees = Float64Array.from(patterns, (p) => p.degree).sort();
  const degreePercentiles = Object.fromEntries(DEGREE_PERCENTILES.map((p) => [p, quantile(degrees, Number(p.slice(1)))])) as LibraryStats["degreePercentiles"];
  degreePercentiles.max = degrees.length === 0 ? 0 : degrees[degrees.length - 1]!;
  const hubs = [...patterns]
    .sort((a, b) => b.degree - a.degree || compareStrings(a.slug, b.slug))
    .slice(0, HUB_COUNT)
    .map(({ slug, title, degree, inDegree, outDegree }) => ({ slug, title, degree, inDegree, outDegree }));
  return { degreePercentiles, hubs };
}
