// The gaps routes' answers from findings a store keeps with its library (the Neo4j store writes them
// at load): the same bodies as gaps-answers.ts gives from an analysis in memory, byte for byte, but
// made of bounded reads (a page, its counts, its patterns), so the server never holds the library.
// Exports hold the findings they list (what they send), never more.
import {
  findingsToCsv,
  findingsToMarkdown,
  GAP_KINDS,
  groupFindings,
  noDecisions,
  type GapCounts,
  type GapFilter,
  type GapFinding,
  type GapKind,
  type GapPatternInfo,
  type GapsExport,
  type GapsGroupsResponse,
  type GapsResponse,
  type StaleDecision,
} from "../graph/gaps/index.ts";
import type { StoredFindingsWhere, StoredGapsCopy } from "../graph/index.ts";
import { answerSlugs, describeBody, selectionBody, unknownDomain, type AnswerFacts, type GapsJob, type GapsQuery } from "./gaps-answers.ts";

/** The job's answer as text (JSON, CSV or Markdown), as answerGapsJob gives it. @throws InvalidInputError, NotFoundError for a domain or pattern the library lacks. */
export async function answerStoredGapsJob(copy: StoredGapsCopy, job: GapsJob, version: number, libraryName: string): Promise<string> {
  const decisions = job.decisions?.decisions ?? noDecisions();
  if (job.kind === "select") {
    const found = new Map((await copy.byIds([...new Set(job.ids)])).map((f) => [f.id, f]));
    return JSON.stringify(selectionBody(job.ids, found, decisions));
  }

  const { summary } = copy;
  const filter = await checkFilter(copy, job.query);
  const mode = job.query.decided ?? "hide";
  const ctx = { decisions, mode };
  const where: StoredFindingsWhere = { kinds: filter.kinds, domain: filter.domain, pattern: filter.pattern, decided: { mode, ids: [...decisions.entries.keys()] } };
  const groupBy = job.query.groupBy;
  if (groupBy !== undefined && job.query.group !== undefined) where.group = { by: groupBy, key: job.query.group };

  // What every body says besides its findings: the counts under the domain and pattern filters, the queue, stale decisions.
  const intended: string[] = [];
  const ignored: string[] = [];
  for (const [id, d] of decisions.entries) (d.decision === "intended" ? intended : ignored).push(id);
  const perKind = await copy.kindCounts({ domain: filter.domain, pattern: filter.pattern }, { intended, ignored });
  const missing = decisions.entries.size ? await copy.missing([...decisions.entries.keys()]) : new Set<string>();
  const stale: StaleDecision[] = [...decisions.entries]
    .filter(([id]) => missing.has(id))
    .map(([id, d]) => ({ id, line: d.line, decision: d.decision }))
    .sort((a, b) => a.line - b.line);
  const filteredCounts = Object.fromEntries(
    GAP_KINDS.map((k) => {
      const { all, intended: i, ignored: g } = perKind[k];
      return [k, mode === "show" ? all : mode === "only" ? i + g : all - i - g];
    }),
  ) as GapCounts;
  let all = 0;
  let decidedIntended = 0;
  let decidedIgnored = 0;
  for (const k of GAP_KINDS) {
    all += perKind[k].all;
    decidedIntended += perKind[k].intended;
    decidedIgnored += perKind[k].ignored;
  }
  const library = { ...summary.library, root: libraryName };
  const describe = async (page: readonly GapFinding[], known?: Map<string, GapPatternInfo>) => {
    const patterns = known ?? (await copy.patterns(answerSlugs(page)));
    const facts: AnswerFacts = {
      library,
      version,
      counts: summary.counts,
      domains: summary.domains,
      queue: { open: all - decidedIntended - decidedIgnored, decided: decidedIntended + decidedIgnored, byDecision: { intended: decidedIntended, ignored: decidedIgnored } },
      stale,
      filteredCounts,
      patternOf: (slug) => patterns.get(slug),
    };
    return describeBody(facts, filter, page, ctx);
  };

  if (job.kind === "page") {
    if (groupBy !== undefined && job.query.group === undefined) {
      const { total, totalGroups, groups } = await copy.groups(where, groupBy, job.offset, job.limit);
      const body: GapsGroupsResponse = {
        ...(await describe(groups.map((g) => g.sample))),
        groupBy,
        total,
        totalGroups,
        offset: job.offset,
        limit: job.limit,
        groups,
        analysisMs: summary.analysisMs,
      };
      return JSON.stringify(body);
    }
    const { total, findings } = await copy.page(where, job.offset, job.limit);
    const body: GapsResponse = { ...(await describe(findings)), total, offset: job.offset, limit: job.limit, findings, analysisMs: summary.analysisMs };
    return JSON.stringify(body);
  }

  const matching = await copy.all(where);
  if (job.format === "csv") return findingsToCsv(matching);
  const patterns = await copy.patterns(answerSlugs(matching));
  const fileOf = (slug: string) => patterns.get(slug)?.file;
  if (job.format === "json") {
    const body: GapsExport = { ...(await describe(matching, patterns)), total: matching.length, findings: matching };
    if (groupBy !== undefined) Object.assign(body, { groupBy, groups: groupFindings(matching, groupBy, fileOf).map((g) => g.group) });
    return JSON.stringify(body);
  }
  const counts = filter.domain !== undefined || filter.pattern !== undefined ? (Object.fromEntries(GAP_KINDS.map((k) => [k, perKind[k].all])) as GapCounts) : undefined;
  return findingsToMarkdown({ library, counts: summary.counts }, matching, { filter, ...(counts ? { counts } : {}), ...(groupBy ? { groupBy, fileOf } : {}) });
}

/** The filters checked against the stored library: a known domain (400), an existing pattern (404 with suggestions). */
async function checkFilter(copy: StoredGapsCopy, query: GapsQuery): Promise<GapFilter & { kinds: GapKind[] }> {
  const filter: GapFilter & { kinds: GapKind[] } = { kinds: query.kinds };
  if (query.domain !== undefined) {
    if (!copy.summary.knownDomains.includes(query.domain)) throw unknownDomain(query.domain, copy.summary.knownDomains);
    filter.domain = query.domain;
  }
  if (query.pattern !== undefined) {
    await copy.checkPattern(query.pattern);
    filter.pattern = query.pattern;
  }
  return filter;
}
