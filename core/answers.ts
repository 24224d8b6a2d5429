// The answers both stores give and the API sends: statistics, node and link views, a pattern's
// details, search hits and lineage. Plain objects, identical from either store.
import type { LinkType } from "./link-types.ts";
import type { DanglingRef, Pattern, Problem, Slug } from "./library.ts";

export interface LibraryStats {
  root: string;
  files: number;
  patterns: number;
  /** Files that produced no pattern. */
  problemFiles: number;
  /** Resolved, deduplicated links. */
  links: number;
  linksByType: Record<string, number>;
  dangling: number;
  danglingByType: Record<string, number>;
  problems: number;
  problemsByKind: Record<string, number>;
  /** Patterns with no resolved link in either direction. */
  isolated: number;
  domains: Record<string, number>;
  generations: Record<"1" | "2", number>;
  /** Pattern degrees (resolved links either way) at these percentiles (nearest rank), and the largest. */
  degreePercentiles: Record<(typeof DEGREE_PERCENTILES)[number] | "max", number>;
  /** The HUB_COUNT best-linked patterns, by degree then slug. */
  hubs: Hub[];
}

export const DEGREE_PERCENTILES = ["p50", "p75", "p90", "p99"] as const;
/** How many hubs the statistics name. */
export const HUB_COUNT = 10;

export interface Hub {
  slug: Slug;
  title: string;
  degree: number;
  inDegree: number;
  outDegree: number;
}

/** What a UI needs to draw a node. `degree` counts resolved links in both directions. */
export interface NodeView {
  slug: Slug;
  title: string;
  domain?: string;
  status?: string;
  degree: number;
  /** Set on placeholder nodes standing for a dangling target (slug is `dangling:<target>`). */
  dangling?: boolean;
}

/**
 * What a UI needs to draw a link. `directed` is false for the symmetric types. A link has no id
 * field: its source, type and target name it (`linkKey`), and answers list links in that key's order.
 */
export interface LinkView {
  source: Slug;
  target: Slug;
  type: LinkType;
  weight?: number;
  description?: string;
  directed: boolean;
  /** Set (true) on a link to a placeholder node standing for a dangling target, as NodeView.dangling is on the placeholder. */
  dangling?: boolean;
}

/**
 * The one name of a link, `${source}|${type}|${target}` (a dangling link's target is its
 * placeholder's slug, `dangling:<target>`): unique within an answer, the order answers list links
 * in, and the key the explorer draws a link's edge under.
 */
export const linkKey = (link: { source: string; type: string; target: string }): string => `${link.source}|${link.type}|${link.target}`;

/** A link seen from one pattern, for the side panel. */
export interface LinkEnd {
  slug: Slug;
  title: string;
  type: LinkType;
  weight?: number;
  description?: string;
  declaredIn: string;
  dangling: boolean;
}

export interface PatternDetail {
  pattern: Pattern;
  /** Resolved links in either direction (a self-link once), declared here (`outDegree`) or towards this pattern (`inDegree`). */
  degree: number;
  inDegree: number;
  outDegree: number;
  /** PageRank over the library's links weighted by strength (graph/algorithms/relevance.ts), summing to 1; 6 significant digits. */
  importance: number;
  /** Share of the library's patterns (0 to 100, one decimal) whose importance is lower. */
  importancePercentile: number;
  /** Links this pattern's relationships point along, grouped by type (declared here or as the inverse elsewhere is NOT merged: these are as declared). */
  outgoing: Record<string, LinkEnd[]>;
  /** Links other patterns declared towards this one, grouped by type. */
  incoming: Record<string, LinkEnd[]>;
  /** This pattern's declared targets that match no pattern. */
  dangling: DanglingRef[];
  /** Problems reported for this pattern's file. */
  problems: Problem[];
}

export const SEARCH_MATCH_KINDS = ["slug", "title", "alias"] as const;
export type SearchMatchKind = (typeof SEARCH_MATCH_KINDS)[number];

export interface SearchHit {
  slug: Slug;
  title: string;
  domain?: string;
  matched: SearchMatchKind;
  /** The slug, title or alias that matched. */
  matchedText: string;
  /** Higher is better; ties broken by title, then slug. */
  score: number;
}

export interface LineageNode extends NodeView {
  /** Negative for ancestors (-1 = parent), 0 for the root, positive for descendants. */
  level: number;
}

export interface LineageEdge {
  parent: Slug;
  child: Slug;
  /** How the fact was declared: on the child as generalizes_from, on the parent as specializes_to, or both. */
  declaredAs: ("generalizes_from" | "specializes_to")[];
}

export interface Lineage {
  root: Slug;
  depth: number;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** True when the lineage continues beyond `depth` in some direction. */
  truncated: boolean;
}
