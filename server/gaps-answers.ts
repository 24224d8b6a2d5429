// The gaps routes' answers as plain functions of one analysed library: the page of findings, the
// JSON, CSV and Markdown exports, and the checks that need the analysis (a known domain, an existing
// pattern). The gaps thread (gaps-thread.ts) runs them beside the main thread; nothing here touches
// HTTP, so the same code answers wherever it runs.
import { InvalidInputError, NotFoundError } from "../core/errors.ts";
import {
  analyseGapsPacked,
  countPacked,
  decidedPacked,
  filterPacked,
  findingsToCsv,
  findingsToMarkdown,
  GAP_KIND_INFO,
  GAP_KINDS,
  groupFindings,
  groupPacked,
  NO_DOMAIN,
  type GapFilter,
  type GapFinding,
  type GapGroup,
  type GapKind,
  type GapOptions,
  type GapCounts,
  type GapLibrarySummary,
  type GapPatternInfo,
  type GapReport,
  type GapGroupBy,
  type GapsExport,
  type GapsGroupsResponse,
  type GapsResponse,
  type PackedFindings,
} from "../graph/gaps/index.ts";
import type { Library } from "../core/model.ts";
import { buildSearchIndex, suggestSlugs, type SearchablePattern, type SearchIndex } from "../graph/algorithms/search.ts";
import { noDecisions, summariseDecidedIds, type DecidedMode, type GapDecisions } from "../graph/gaps/index.ts";
import type { DecisionCounts, GapsDecisionsInfo, GapsSelection, StaleDecision } from "../graph/gaps/index.ts";

/** One library's analysis and what the answers look up in it. */
export interface GapsState {
  report: Pick<GapReport, "library" | "counts">;
  /** The findings in report order, packed (a page decodes its own: graph/gaps/packed-findings.ts). */
  findings: PackedFindings;
  /** A finding's position by its id (the index made on the first selection). */
  positionOf: (id: string) => number | undefined;
  patterns: Map<string, GapPatternInfo>;
  /** Every domain a pattern has, NO_DOMAIN included (what `domain` may name). */
  knownDomains: Set<string>;
  /** Domains of the findings (listed in every answer). */
  domains: string[];
  analysisMs: number;
  /** The library-change notifier's version when the library was read. */
  version: number;
  /** Slugs one may have meant by an unknown slug: the search's suggestions, its index built on first use. */
  suggest: (slug: string) => string[];
}

/** The filters of every gaps request, already checked for form by the route. */
export interface GapsQuery {
  kinds: GapKind[];
  domain?: string;
  pattern?: string;
  /** Answer groups of findings (a page of groups, or sections of the Markdown report). */
  groupBy?: GapGroupBy;
  /** With groupBy: answer the findings of this one group (a page of findings). */
  group?: string;
  /** Decided findings: hidden (default), shown with the open ones, or alone. */
  decided?: DecidedMode;
}

/** The library's decisions as the route read them, and a key that changes with the file. */
export interface DecisionsInput {
  key: string;
  decisions: GapDecisions;
}

export const GAPS_FORMATS = ["json", "csv", "md"] as const;
export type GapsFormat = (typeof GAPS_FORMATS)[number];

export type GapsJob = (
  | { kind: "page"; query: GapsQuery; offset: number; limit: number }
  | { kind: "export"; query: GapsQuery; format: GapsFormat }
  /** The findings with these ids (for the selection's patch and its application). */
  | { kind: "select"; ids: string[] }
) & { decisions?: DecisionsInput };

/** The analysis of `library`, with the library named by its folder's base name only. */
export function analyseForAnswers(library: Library, options: GapOptions | undefined, version: number, libraryName: string): GapsState {
  const started = performance.now();
  const report = analyseGapsPacked(library, options);
  const analysisMs = Math.round(performance.now() - started);
  report.library.root = libraryName;
  const { findings } = report;
  const domains = new Set<string>();
  for (let at = 0; at < findings.size; at++) for (const d of findings.domains(at)) domains.add(d);
  const patterns = new Map<string, GapPatternInfo>();
  const knownDomains = new Set<string>([NO_DOMAIN]);
  for (const p of library.patterns) {
    patterns.set(p.slug, { title: p.title, ...(p.domain ? { domain: p.domain } : {}), file: p.file });
    knownDomains.add(p.domain ?? NO_DOMAIN);
  }
  const searchable: SearchablePattern[] = library.patterns.map(({ slug, title, aliases, domain }) => ({ slug, title, aliases, domain }));
  let index: SearchIndex | undefined;
  const suggest = (slug: string): string[] => suggestSlugs((index ??= buildSearchIndex(searchable)), slug);
  let byId: Map<string, number> | undefined;
  const positionOf = (id: string): number | undefined => {
    if (!byId) {
      byId = new Map();
      for (let at = 0; at < findings.size; at++) byId.set(findings.id(at), at);
    }
    return byId.get(id);
  };
  return {
    report: { library: report.library, counts: report.counts },
    findings,
    positionOf,
    patterns,
    knownDomains,
    domains: [...domains].sort(),
    analysisMs,
    version,
    suggest,
  };
}

/** A GapsJob's cache key: equal jobs (kinds in any order) share it. */
export function jobKey(job: GapsJob): string {
  const decisions = job.decisions?.key ?? "\u0000";
  if (job.kind === "select") return `select\u0001${decisions}\u0001${job.ids.join("\u0001")}`;
  const q = job.query;
  const filter = [[...q.kinds].sort().join(","), q.domain ?? "\u0000", q.pattern ?? "\u0000", q.groupBy ?? "\u0000", q.group ?? "\u0000", q.decided ?? "hide", decisions].join("\u0001");
  return job.kind === "page" ? `page\u0001${filter}\u0001${job.offset}\u0001${job.limit}` : `export.${job.format}\u0001${filter}`;
}

/** The job's answer as text (JSON, CSV or Markdown). @throws InvalidInputError, NotFoundError for a domain or pattern the library lacks. */
export function answerGapsJob(state: GapsState, job: GapsJob): string {
  const decisions = job.decisions?.decisions ?? noDecisions();
  const { findings } = state;
  if (job.kind === "select") {
    const positions: number[] = [];
    for (const id of new Set(job.ids)) {
      const at = state.positionOf(id);
      if (at !== undefined) positions.push(at);
    }
    const byId = new Map(findings.decode(positions).map((f) => [f.id, f]));
    return JSON.stringify(selectionBody(job.ids, byId, decisions));
  }
  const filter = checkFilter(state, job.query);
  const mode = job.query.decided ?? "hide";
  const fileOf = (slug: string) => state.patterns.get(slug)?.file;
  let matching = decidedPacked(findings, filterPacked(findings, filter), decisions, mode);
  const groupBy = job.query.groupBy;
  const ctx = { decisions, mode };
  if (groupBy !== undefined && job.query.group !== undefined) {
    const key = job.query.group;
    matching = matching.filter((at) => findings.groupKey(at, groupBy, fileOf) === key);
    if (job.kind === "page") {
      const page = findings.decode(matching.slice(job.offset, job.offset + job.limit));
      const body: GapsResponse = { ...describe(state, filter, page, ctx), total: matching.length, offset: job.offset, limit: job.limit, findings: page, analysisMs: state.analysisMs };
      return JSON.stringify(body);
    }
  }
  if (job.kind === "page" && groupBy !== undefined) {
    const groups = groupPacked(findings, matching, groupBy, fileOf);
    const chosen = groups.slice(job.offset, job.offset + job.limit);
    const samples = findings.decode(chosen.map((g) => g.first));
    const page: GapGroup[] = chosen.map((g, i) => ({ key: g.key, count: g.count, kinds: g.kinds, sample: samples[i]! }));
    const body: GapsGroupsResponse = {
      ...describe(state, filter, samples, ctx),
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
    const page = findings.decode(matching.slice(job.offset, job.offset + job.limit));
    const body: GapsResponse = {
      ...describe(state, filter, page, ctx),
      total: matching.length,
      offset: job.offset,
      limit: job.limit,
      findings: page,
      analysisMs: state.analysisMs,
    };
    return JSON.stringify(body);
  }
  // An export lists every matching finding: decoded for it, and let go once its text is made.
  const listed = findings.decode(matching);
  if (job.format === "json") {
    const body: GapsExport = { ...describe(state, filter, listed, ctx), total: listed.length, findings: listed };
    if (groupBy !== undefined) Object.assign(body, { groupBy, groups: groupFindings(listed, groupBy, fileOf).map((g) => g.group) });
    return JSON.stringify(body);
  }
  if (job.format === "csv") return findingsToCsv(listed);
  const counts = filter.domain !== undefined || filter.pattern !== undefined ? countPacked(findings, filterPacked(findings, { ...filter, kinds: [] })) : undefined;
  return findingsToMarkdown(state.report, listed, { filter, ...(counts ? { counts } : {}), ...(groupBy ? { groupBy, fileOf } : {}) });
}

/** A selection's answer: each asked id once, in the order asked, as a finding (and decided or not) or unknown. */
export function selectionBody(ids: readonly string[], byId: ReadonlyMap<string, GapFinding>, decisions: GapDecisions): GapsSelection {
  const body: GapsSelection = { findings: [], unknown: [], decided: [] };
  for (const id of new Set(ids)) {
    const f = byId.get(id);
    if (!f) body.unknown.push(id);
    else {
      body.findings.push(f);
      if (decisions.entries.has(id)) body.decided.push(id);
    }
  }
  return body;
}

/** Stale decisions and file problems listed in an answer at most (all are counted). */
const MAX_STALE_LISTED = 100;

function checkFilter(state: GapsState, query: GapsQuery): GapFilter & { kinds: GapKind[] } {
  const filter: GapFilter & { kinds: GapKind[] } = { kinds: query.kinds };
  if (query.domain !== undefined) {
    if (!state.knownDomains.has(query.domain)) throw unknownDomain(query.domain, [...state.knownDomains].sort());
    filter.domain = query.domain;
  }
  if (query.pattern !== undefined) {
    if (!state.patterns.has(query.pattern)) throw new NotFoundError(query.pattern, state.suggest(query.pattern));
    filter.pattern = query.pattern;
  }
  return filter;
}

/** The 400 for a domain the library lacks, listing `known` (sorted). */
export function unknownDomain(domain: string, known: readonly string[]): InvalidInputError {
  const shown = domain.length > 60 ? `${domain.slice(0, 60)}…` : domain;
  return new InvalidInputError("domain", shown, `a domain of the library: ${known.join(", ")}`);
}

function describe(
  state: GapsState,
  filter: GapFilter & { kinds: GapKind[] },
  page: readonly GapFinding[],
  ctx: { decisions: GapDecisions; mode: DecidedMode },
) {
  const { findings } = state;
  const allWithoutKind = filterPacked(findings, { domain: filter.domain, pattern: filter.pattern });
  const withoutKind = decidedPacked(findings, allWithoutKind, ctx.decisions, ctx.mode);
  const { counts: queue, stale } = summariseDecidedIds(allWithoutKind.length, (i) => findings.id(allWithoutKind[i]!), ctx.decisions);
  const whole = allWithoutKind.length === findings.size ? { stale } : summariseDecidedIds(findings.size, (at) => findings.id(at), ctx.decisions);
  const facts: AnswerFacts = {
    library: state.report.library,
    version: state.version,
    counts: state.report.counts,
    domains: state.domains,
    queue,
    stale: whole.stale,
    filteredCounts: countPacked(findings, withoutKind),
    patternOf: (slug) => state.patterns.get(slug),
  };
  return describeBody(facts, filter, page, ctx);
}

/** What every answer says besides its findings, from whichever side holds the analysis (here, or stored with a copy: gaps-stored.ts). */
export interface AnswerFacts {
  library: GapLibrarySummary;
  version: number;
  /** Findings per kind in the whole library. */
  counts: GapCounts;
  /** Domains that have findings. */
  domains: string[];
  /** The queue under the domain and pattern filters. */
  queue: DecisionCounts;
  /** Decisions naming no finding of the whole library, in file order. */
  stale: StaleDecision[];
  /** Findings per kind under the domain, pattern and decided filters. */
  filteredCounts: GapCounts;
  /** Title, domain and file of a pattern the page mentions. */
  patternOf: (slug: string) => GapPatternInfo | undefined;
}

/** Every slug a page's findings name (patterns, candidates, link ends that resolve), once each, in the order answers list them. */
export function answerSlugs(page: readonly GapFinding[]): string[] {
  const slugs = new Set<string>();
  for (const f of page) {
    for (const slug of f.patterns) slugs.add(slug);
    f.candidates?.forEach((c) => slugs.add(c.slug));
    for (const l of f.links) {
      slugs.add(l.source);
      if (!l.dangling) slugs.add(l.target);
    }
  }
  return [...slugs];
}

/** The part of every gaps answer besides its findings or groups, in the order the bodies give it. */
export function describeBody(
  facts: AnswerFacts,
  filter: GapFilter & { kinds: GapKind[] },
  page: readonly GapFinding[],
  ctx: { decisions: GapDecisions; mode: DecidedMode },
) {
  const patterns: Record<string, GapPatternInfo> = {};
  for (const slug of answerSlugs(page)) {
    const p = facts.patternOf(slug);
    if (p) patterns[slug] = p;
  }
  const decided: GapsDecisionsInfo["entries"] = {};
  for (const f of page) {
    const d = ctx.decisions.entries.get(f.id);
    if (d) decided[f.id] = { decision: d.decision, by: d.by, why: d.why, date: d.date };
  }
  const decisions: GapsDecisionsInfo = {
    file: ctx.decisions.file,
    mode: ctx.mode,
    ...facts.queue,
    stale: facts.stale.slice(0, MAX_STALE_LISTED),
    staleCount: facts.stale.length,
    problems: ctx.decisions.problems.slice(0, MAX_STALE_LISTED),
    entries: decided,
  };
  return {
    decisions,
    library: facts.library,
    version: facts.version,
    filter: {
      kinds: filter.kinds,
      ...(filter.domain !== undefined ? { domain: filter.domain } : {}),
      ...(filter.pattern !== undefined ? { pattern: filter.pattern } : {}),
    },
    counts: facts.counts,
    filteredCounts: facts.filteredCounts,
    patterns,
    kinds: GAP_KINDS.map((kind) => ({ kind, ...GAP_KIND_INFO[kind] })),
    domains: facts.domains,
  };
}
