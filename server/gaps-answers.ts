// The gaps routes' answers as plain functions of one analysed library: the page of findings, the
// JSON, CSV and Markdown exports, and the checks that need the analysis (a known domain, an existing
// pattern). The gaps thread (gaps-thread.ts) runs them beside the main thread; nothing here touches
// HTTP, so the same code answers wherever it runs.
import { distance } from "fastest-levenshtein";
import { InvalidInputError, NotFoundError } from "../graph/errors.ts";
import {
  analyseGaps,
  countFindings,
  filterFindings,
  findingsToCsv,
  findingsToMarkdown,
  GAP_KIND_INFO,
  GAP_KINDS,
  groupFindings,
  NO_DOMAIN,
  type GapFilter,
  type GapFinding,
  type GapKind,
  type GapOptions,
  type GapPatternInfo,
  type GapReport,
  type GapGroupBy,
  type GapsExport,
  type GapsGroupsResponse,
  type GapsResponse,
} from "../graph/gap-analysis.ts";
import type { Library } from "../graph/model.ts";

/** One library's analysis and what the answers look up in it. */
export interface GapsState {
  report: GapReport;
  patterns: Map<string, GapPatternInfo>;
  /** Every domain a pattern has, NO_DOMAIN included (what `domain` may name). */
  knownDomains: Set<string>;
  /** Domains of the findings (listed in every answer). */
  domains: string[];
  analysisMs: number;
  /** The library-change notifier's version when the library was read. */
  version: number;
}

/** The filters of every gaps request, already checked for form by the route. */
export interface GapsQuery {
  kinds: GapKind[];
  domain?: string;
  pattern?: string;
  /** Answer groups of findings (a page of groups, or sections of the Markdown report). */
  groupBy?: GapGroupBy;
}

export const GAPS_FORMATS = ["json", "csv", "md"] as const;
export type GapsFormat = (typeof GAPS_FORMATS)[number];

export type GapsJob =
  | { kind: "page"; query: GapsQuery; offset: number; limit: number }
  | { kind: "export"; query: GapsQuery; format: GapsFormat };

/** The analysis of `library`, with the library named by its folder's base name only. */
export function analyseForAnswers(library: Library, options: GapOptions | undefined, version: number, libraryName: string): GapsState {
  const started = performance.now();
  const report = analyseGaps(library, options);
  const analysisMs = Math.round(performance.now() - started);
  report.library.root = libraryName;
  const domains = new Set<string>();
  for (const f of report.findings) for (const d of f.domains) domains.add(d);
  const patterns = new Map<string, GapPatternInfo>();
  const knownDomains = new Set<string>([NO_DOMAIN]);
  for (const p of library.patterns) {
    patterns.set(p.slug, { title: p.title, ...(p.domain ? { domain: p.domain } : {}), file: p.file });
    knownDomains.add(p.domain ?? NO_DOMAIN);
  }
  return { report, patterns, knownDomains, domains: [...domains].sort(), analysisMs, version };
}

/** A GapsJob's cache key: equal jobs (kinds in any order) share it. */
export function jobKey(job: GapsJob): string {
  const q = job.query;
  const filter = [[...q.kinds].sort().join(","), q.domain ?? "\u0000", q.pattern ?? "\u0000", q.groupBy ?? "\u0000"].join("\u0001");
  return job.kind === "page" ? `page\u0001${filter}\u0001${job.offset}\u0001${job.limit}` : `export.${job.format}\u0001${filter}`;
}

/** The job's answer as text (JSON, CSV or Markdown). @throws InvalidInputError, NotFoundError for a domain or pattern the library lacks. */
export function answerGapsJob(state: GapsState, job: GapsJob): string {
  const filter = checkFilter(state, job.query);
  const matching = filterFindings(state.report.findings, filter);
  const fileOf = (slug: string) => state.patterns.get(slug)?.file;
  const groupBy = job.query.groupBy;
  if (job.kind === "page" && groupBy !== undefined) {
    const groups = groupFindings(matching, groupBy, fileOf).map((g) => g.group);
    const page = groups.slice(job.offset, job.offset + job.limit);
    const body: GapsGroupsResponse = {
      ...describe(state, filter, page.map((g) => g.sample)),
      groupBy,
      total: matching.length,
      totalGroups: groups.length,
      offset: job.offset,
      limit: job.limit,
      groups: page,
      analysisMs: state.analysisMs,
    };
    return JSON.stringify(body);
  }
  if (job.kind === "page") {
    const page = matching.slice(job.offset, job.offset + job.limit);
    const body: GapsResponse = {
      ...describe(state, filter, page),
      total: matching.length,
      offset: job.offset,
      limit: job.limit,
      findings: page,
      analysisMs: state.analysisMs,
    };
    return JSON.stringify(body);
  }
  if (job.format === "json") {
    const body: GapsExport = { ...describe(state, filter, matching), total: matching.length, findings: matching };
    if (groupBy !== undefined) Object.assign(body, { groupBy, groups: groupFindings(matching, groupBy, fileOf).map((g) => g.group) });
    return JSON.stringify(body);
  }
  if (job.format === "csv") return findingsToCsv(matching);
  const counts = filter.domain !== undefined || filter.pattern !== undefined ? countFindings(filterFindings(state.report.findings, { ...filter, kinds: [] })) : undefined;
  return findingsToMarkdown(state.report, matching, { filter, ...(counts ? { counts } : {}), ...(groupBy ? { groupBy, fileOf } : {}) });
}

function checkFilter(state: GapsState, query: GapsQuery): GapFilter & { kinds: GapKind[] } {
  const filter: GapFilter & { kinds: GapKind[] } = { kinds: query.kinds };
  if (query.domain !== undefined) {
    if (!state.knownDomains.has(query.domain)) {
      const shown = query.domain.length > 60 ? `${query.domain.slice(0, 60)}…` : query.domain;
      throw new InvalidInputError("domain", shown, `a domain of the library: ${[...state.knownDomains].sort().join(", ")}`);
    }
    filter.domain = query.domain;
  }
  if (query.pattern !== undefined) {
    if (!state.patterns.has(query.pattern)) throw new NotFoundError(query.pattern, suggestSlugs(query.pattern, state.patterns));
    filter.pattern = query.pattern;
  }
  return filter;
}

function suggestSlugs(slug: string, patterns: Map<string, unknown>): string[] {
  const wanted = slug.toLowerCase();
  return [...patterns.keys()]
    .map((s) => ({ s, d: distance(wanted, s) - (s.includes(wanted) || wanted.includes(s) ? 3 : 0) }))
    .filter((x) => x.d <= Math.max(3, wanted.length / 3))
    .sort((a, b) => a.d - b.d || (a.s < b.s ? -1 : 1))
    .slice(0, 5)
    .map((x) => x.s);
}

function describe(state: GapsState, filter: GapFilter & { kinds: GapKind[] }, page: readonly GapFinding[]) {
  const patterns: Record<string, GapPatternInfo> = {};
  const add = (slug: string) => {
    const p = state.patterns.get(slug);
    if (p && !patterns[slug]) patterns[slug] = p;
  };
  for (const f of page) {
    f.patterns.forEach(add);
    f.candidates?.forEach((c) => add(c.slug));
    for (const l of f.links) {
      add(l.source);
      if (!l.dangling) add(l.target);
    }
  }
  const withoutKind = filterFindings(state.report.findings, { domain: filter.domain, pattern: filter.pattern });
  return {
    library: state.report.library,
    version: state.version,
    filter: {
      kinds: filter.kinds,
      ...(filter.domain !== undefined ? { domain: filter.domain } : {}),
      ...(filter.pattern !== undefined ? { pattern: filter.pattern } : {}),
    },
    counts: state.report.counts,
    filteredCounts: countFindings(withoutKind),
    patterns,
    kinds: GAP_KINDS.map((kind) => ({ kind, ...GAP_KIND_INFO[kind] })),
    domains: state.domains,
  };
}
