// Gap findings a store keeps with its library, read a page at a time, so that the gaps routes of a
// server answering from Neo4j never need the whole library in the server's memory. Only the Neo4j
// store has them (it writes them at load: neo4j/neo4j-gaps.ts), so they are a capability beside the
// GraphStore interface, found with hasStoredGaps; the answers' shape is the server's (gaps-stored.ts).
import type { DecidedMode, GapCounts, GapFinding, GapGroup, GapGroupBy, GapKind, GapLibrarySummary, GapPatternInfo } from "../core/gaps.ts";
import type { GraphStore } from "./store.ts";

/** What the answers need of the whole analysis, stored with the findings. */
export interface StoredGapsSummary {
  /** The library as analysed; answers name it by its folder's base name. */
  library: GapLibrarySummary;
  /** Findings per kind in the whole library. */
  counts: GapCounts;
  /** Domains that have findings, sorted. */
  domains: string[];
  /** Every domain a pattern has, NO_DOMAIN included, sorted: what the `domain` filter may name. */
  knownDomains: string[];
  analysisMs: number;
  findings: number;
}

/** Which findings a read takes: every condition given must hold (as filterFindings and applyDecidedMode). */
export interface StoredFindingsWhere {
  /** Any of these kinds; all when empty. */
  kinds: readonly GapKind[];
  /** Involving a pattern of this domain (NO_DOMAIN: one without). */
  domain?: string;
  /** Involving this pattern. */
  pattern?: string;
  /** The ids that carry a decision, and whether decided findings are hidden, shown or alone. */
  decided: { mode: DecidedMode; ids: readonly string[] };
  /** Only the findings of this group. */
  group?: { by: GapGroupBy; key: string };
}

/** Findings per kind under a domain and pattern filter: all of them, and how many carry each decision. */
export type StoredKindCounts = Record<GapKind, { all: number; intended: number; ignored: number }>;

/** The stored findings of one copy: every read names that copy, so one answer never mixes two. */
export interface StoredGapsCopy {
  readonly summary: StoredGapsSummary;
  /** The matching findings from `offset` (at most `limit`), in report order, and how many match. */
  page(where: StoredFindingsWhere, offset: number, limit: number): Promise<{ total: number; findings: GapFinding[] }>;
  /** Every matching finding in report order, read a bounded page at a time. */
  all(where: StoredFindingsWhere): Promise<GapFinding[]>;
  /**
   * The groups of the matching findings (`where.group` ignored) in groupFindings' order, from
   * `offset` (at most `limit`; every one when undefined), with how many findings and groups match.
   */
  groups(where: StoredFindingsWhere, by: GapGroupBy, offset: number, limit?: number): Promise<{ total: number; totalGroups: number; groups: GapGroup[] }>;
  /** Counts per kind under the domain and pattern filters, and how many of them carry each decision. */
  kindCounts(filter: { domain?: string; pattern?: string }, decided: { intended: readonly string[]; ignored: readonly string[] }): Promise<StoredKindCounts>;
  /** The findings with these ids, in the order asked (ids matching none left out). */
  byIds(ids: readonly string[]): Promise<GapFinding[]>;
  /** The ids among these that match no finding. */
  missing(ids: readonly string[]): Promise<Set<string>>;
  /** Title, domain and file of each of these patterns that exists. */
  patterns(slugs: readonly string[]): Promise<Map<string, GapPatternInfo>>;
  /** @throws NotFoundError with suggestions when the copy has no such pattern. */
  checkPattern(slug: string): Promise<void>;
}

export interface StoredGaps {
  /** The current copy's findings; undefined when nothing is loaded or the copy was stored without them. */
  storedGaps(): Promise<StoredGapsCopy | undefined>;
}

export const hasStoredGaps = (store: GraphStore): store is GraphStore & StoredGaps => typeof (store as Partial<StoredGaps>).storedGaps === "function";
