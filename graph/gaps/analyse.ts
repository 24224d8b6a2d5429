// The gap analysis: what is missing or inconsistent in a library's declared links, each finding with
// its evidence and a fix a maintainer can apply. A plain function of a Library, so both stores (via
// `store.exportLibrary()`), the CLI and the server all get the same findings in the same order.
// It runs the detectors (one file each) over one gap graph and joins, sorts and counts what they find.
import { GAP_KINDS, type GapCounts, type GapFinding } from "../../core/gaps.ts";
import type { Library } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import { detectLinkConcentration } from "./concentration.ts";
import { detectDeclarationGaps } from "./declarations.ts";
import { buildGapGraph } from "./gap-graph.ts";
import { titleIn } from "./wording.ts";
import { joinFindings } from "./join.ts";
import { detectShapeGaps } from "./shape.ts";
import { detectSimilarityGaps } from "./similarity.ts";
import { DEFAULT_GAP_OPTIONS, type GapFilter, type GapOptions, type GapReport, type ResolvedGapOptions } from "./types.ts";

/** Analyse a whole library. Deterministic: the same library gives the same findings in the same order. */
export function analyseGaps(library: Library, options: GapOptions = {}): GapReport {
  const opts = resolveGapOptions(options);
  const g = buildGapGraph(library);
  const declarations = detectDeclarationGaps(g, opts);
  const similarity = detectSimilarityGaps(g, opts);
  const shape = detectShapeGaps(g, opts, similarity.similarTo);
  const findings = sortFindings(joinFindings([...declarations, ...similarity.findings, ...shape, ...detectLinkConcentration(library)], titleIn(g)));
  return {
    ...reportHead(library, opts),
    counts: countFindings(findings),
    countsByDomain: countByDomain(findings),
    suggestionsConsidered: similarity.suggestionsConsidered,
    duplicatesConsidered: similarity.duplicatesConsidered,
    findings,
  };
}

/** The options with their defaults. */
export const resolveGapOptions = (options: GapOptions): ResolvedGapOptions => ({ ...DEFAULT_GAP_OPTIONS, ...definedOnly(options) });

/** What a report says of the library and the options, its findings aside. */
export function reportHead(library: Library, opts: ResolvedGapOptions): Pick<GapReport, "library" | "options"> {
  const { previous, history, ...rest } = opts;
  return {
    library: {
      root: library.root,
      files: library.files,
      patterns: library.patterns.length,
      links: library.links.length,
      dangling: library.dangling.length,
      problems: library.problems.length,
    },
    options: {
      ...rest,
      previous: previous !== undefined,
      ...(history ? { history: { head: history.head, commits: history.commits.length } } : {}),
    },
  };
}

function definedOnly(o: GapOptions): GapOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as GapOptions;
}

const KIND_ORDER = new Map<string, number>(GAP_KINDS.map((k, i) => [k, i]));

/** Kind order, then score (highest first) where a kind is ranked, then id. */
export function sortFindings(findings: GapFinding[]): GapFinding[] {
  return findings.sort(
    (a, b) =>
      KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (b.score ?? 0) - (a.score ?? 0) || compareStrings(a.id, b.id),
  );
}

export function emptyCounts(): GapCounts {
  return Object.fromEntries(GAP_KINDS.map((k) => [k, 0])) as GapCounts;
}

export function countFindings(findings: readonly GapFinding[]): GapCounts {
  const counts = emptyCounts();
  for (const f of findings) counts[f.kind]++;
  return counts;
}

function countByDomain(findings: readonly GapFinding[]): Record<string, Partial<GapCounts>> {
  const out: Record<string, Partial<GapCounts>> = {};
  for (const f of findings) {
    for (const d of f.domains) {
      const c = (out[d] ??= {});
      c[f.kind] = (c[f.kind] ?? 0) + 1;
    }
  }
  return Object.fromEntries(Object.keys(out).sort(compareStrings).map((d) => [d, out[d]!]));
}

/** Findings matching every given filter: any of `kinds`, a pattern in `domain` ("(none)": without one), involving `pattern`. */
export function filterFindings(findings: readonly GapFinding[], filter: GapFilter): GapFinding[] {
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : undefined;
  return findings.filter(
    (f) =>
      (!kinds || kinds.has(f.kind)) &&
      (filter.domain === undefined || f.domains.includes(filter.domain)) &&
      (filter.pattern === undefined || (f.patterns as string[]).includes(filter.pattern)),
  );
}

