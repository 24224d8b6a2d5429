// The Gaps view's data: pages of `GET /api/gaps` fetched once per query and shared by the list and
// the finding graph, the lookup of a finding by its id (a URL may name one on any page), and the
// plain-text wording of a finding for the list.
import { danglingReason, shortDanglingTarget } from "../../../core/dangling-wording.ts";
import { linkVerb, possessive } from "../../../core/path-wording.ts";
import type { Api, GapsQuery } from "../api.ts";
import { GAPS_PAGE_SIZE, type AppState } from "../state/app-state.ts";
import type { GapFinding, GapLink, GapsGroupsPayload, GapsPayload } from "../types.ts";
import { linkKey } from "../../../core/answers.ts";

/** One page per distinct query; dropped whenever the library changes (see `clearGapsCache`). */
const pages = new Map<string, Promise<GapsPayload>>();

const keyOf = (q: GapsQuery) =>
  JSON.stringify([q.kind ?? null, q.domain ?? null, q.pattern ?? null, q.decided ?? "hide", q.groupBy ?? null, q.group ?? null, q.offset ?? 0, q.limit ?? null]);

/** The list's query of findings for a state: its filters and page (groups aside: see `groupsQuery`). */
export function gapsQuery(state: Pick<AppState, "gapKind" | "gapDomain" | "gapPattern" | "gapPage" | "gapDecided">): GapsQuery {
  return {
    kind: state.gapKind,
    domain: state.gapDomain,
    pattern: state.gapPattern,
    decided: state.gapDecided,
    offset: state.gapPage * GAPS_PAGE_SIZE,
    limit: GAPS_PAGE_SIZE,
  };
}

/** The list's query of groups for a grouped state, or null when the list shows findings. */
export function groupsQuery(state: Pick<AppState, "gapKind" | "gapDomain" | "gapPattern" | "gapPage" | "gapDecided" | "gapGroupBy">): (GapsQuery & { groupBy: string }) | null {
  return state.gapGroupBy ? { ...gapsQuery(state), groupBy: state.gapGroupBy } : null;
}

const groupPages = new Map<string, Promise<GapsGroupsPayload>>();

/**
 * The answer kept in `cache` under `key`, else `request()`'s, kept: callers asking the same query share
 * one request (no caller's signal: the list and the graph both wait for the same answer). A failed
 * request is not kept.
 */
function shared<T>(cache: Map<string, Promise<T>>, key: string, request: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = request();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/** A page of groups, shared between callers. */
export function fetchGapGroups(api: Api, query: GapsQuery & { groupBy: string }): Promise<GapsGroupsPayload> {
  return shared(groupPages, keyOf(query), () => api.gapGroups(query));
}

/** A page of findings, shared between callers. */
export function fetchGaps(api: Api, query: GapsQuery): Promise<GapsPayload> {
  return shared(pages, keyOf(query), () => api.gaps(query));
}

export function clearGapsCache(): void {
  pages.clear();
  groupPages.clear();
}

/**
 * The finding `id` with the page it was listed on (for the pattern titles), looked up on the
 * state's own page first, then through every finding of its kind (a shared URL may be stale).
 */
export async function findFinding(api: Api, state: AppState, id: string): Promise<{ finding: GapFinding; page: GapsPayload } | null> {
  const own = await fetchGaps(api, gapsQuery(state));
  const hit = own.findings.find((f) => f.id === id);
  if (hit) return { finding: hit, page: own };
  const kind = id.slice(0, id.indexOf(":"));
  if (!own.kinds.some((k) => k.kind === kind)) return null;
  const limit = 500;
  for (let offset = 0; offset < 20_000; offset += limit) {
    // Decided findings too: a shared URL may name one.
    const page = await fetchGaps(api, { kind, decided: "show", offset, limit });
    const found = page.findings.find((f) => f.id === id);
    if (found) return { finding: found, page };
    if (offset + limit >= page.total) break;
  }
  return null;
}

/** The graph's edge key of a declared link: its linkKey, a dangling target as `dangling:<target>`. */
export function gapLinkId(link: GapLink): string {
  return linkKey({ source: link.source, type: link.type, target: link.dangling ? `dangling:${link.target}` : link.target });
}

/**
 * One line naming what a finding is about, in words as paths are (core/path-wording.ts): e.g.
 * "Backends for Frontends is a variant of API Gateway", "Kanban and Kanban Method may be one pattern".
 */
export function findingHeadline(finding: GapFinding, title: (slug: string) => string): string {
  const [a, b] = finding.patterns;
  const link = finding.links[0];
  const names = (slugs: readonly string[], max = 4) =>
    slugs.slice(0, max).map(title).join(", ") + (slugs.length > max ? ` and ${slugs.length - max} more` : "");
  const declares = (l: GapLink, target: string) => `${title(l.source)} ${linkVerb(l, l.source)} ${target}`;
  switch (finding.kind) {
    case "dangling":
      return link ? `${declares(link, `“${shortDanglingTarget(link.target)}”`)} (${danglingReason(link.target, link.form)}: no such pattern)` : names(finding.patterns);
    case "one-sided-lineage":
    case "one-sided-enables":
      return link ? `${declares(link, title(link.target))} (only ${possessive(title(link.source))} file says so)` : names(finding.patterns);
    case "self-link":
      return link ? declares(link, "itself") : names(finding.patterns);
    case "contradictory-lineage":
      return a && b ? `${title(a)} and ${title(b)}: each is declared the other’s parent` : names(finding.patterns);
    case "lineage-cycle":
      return `${finding.patterns.length} patterns in a loop: ${names(finding.patterns, 3)}`;
    case "likely-duplicate":
      return a && b ? `${title(a)} and ${title(b)} may be one pattern` : names(finding.patterns);
    case "island":
      return `${finding.patterns.length} patterns on their own: ${names(finding.patterns, 3)}`;
    case "suggested-link":
      return a && b ? `${title(a)} and ${title(b)} may belong together (not linked)` : names(finding.patterns);
    default:
      return names(finding.patterns);
  }
}
