// The domain model of Pattern Atlas: patterns, typed links, dangling references, problems, and the
// shapes every store returns. A leaf module: it imports nothing of ours, so every folder may use it.

/** A pattern's natural key: kebab-case, normally its file name without `.md`. */
export type Slug = string & { readonly __brand: "Slug" };
/** A TypeID such as `pat_01kg5023whehgsjwtbq21f60nk`. */
export type PatternId = string & { readonly __brand: "PatternId" };

export const asSlug = (s: string): Slug => s as Slug;
export const asPatternId = (s: string): PatternId => s as PatternId;

/**
 * Longest slug the API takes as a path segment or query value (its text limit); a longer slug could be
 * loaded but never requested, so ingest replaces it (problem `invalid-slug`).
 */
export const SLUG_MAX_LENGTH = 200;

/** A UTF-16 surrogate without its other half: encodeURIComponent throws on it. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a slug cannot be requested, or undefined when it can. The rules are what the API takes in
 * `/api/patterns/:slug` (no control characters, no white space at either end, at most
 * SLUG_MAX_LENGTH) and what the explorer's URL keeps (no white space, no comma), plus what a URL path
 * cannot carry as a segment (`.` and `..`, text that is not well-formed UTF-16).
 */
export function slugFault(slug: string): string | undefined {
  if (slug === "") return "it is empty";
  if (slug.length > SLUG_MAX_LENGTH) return `it is ${slug.length} characters long (at most ${SLUG_MAX_LENGTH})`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(slug)) return "it holds control characters";
  if (/\s/.test(slug)) return "it holds white space";
  if (slug.includes(",")) return "it holds a comma";
  if (slug === "." || slug === "..") return `'${slug}' names a folder in a URL path`;
  if (LONE_SURROGATE.test(slug)) return "it holds a lone surrogate (not text UTF-8 can carry)";
  return undefined;
}

/**
 * Longest text ingest keeps in one field, in UTF-16 code units; longer text is cut to the limit,
 * ending with `…`, and reported (problem `truncated`), so no answer carries a runaway field.
 * `name`: title, each alias, domain, status, id, a link target as written; `text`: summary, a link's
 * description; `url`: page_url, github_url. The real libraries stay far below (longest title 69,
 * summary 604, description 200, URL 130).
 */
export const TEXT_LIMITS = { name: 500, text: 10_000, url: 2_048 } as const;

/** The link types every library may use, in the order the UI lists them. */
export const KNOWN_LINK_TYPES = [
  "generalizes_from",
  "specializes_to",
  "enables",
  "requires",
  "related",
  "alternatives",
  "complementary",
  "tools",
] as const;
export type KnownLinkType = (typeof KNOWN_LINK_TYPES)[number];

/**
 * A link type: one of KNOWN_LINK_TYPES or a key found under `relationships:` that matches
 * LINK_TYPE_PATTERN (e.g. `conflicts_with`). Unknown types are kept as their own type, never dropped.
 */
export type LinkType = KnownLinkType | (string & {});
/** Safe link-type names: these are the only ones that may become Neo4j relationship types. */
export const LINK_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

export const isKnownLinkType = (t: string): t is KnownLinkType =>
  (KNOWN_LINK_TYPES as readonly string[]).includes(t);

/**
 * Lineage follows the data, not the library's design note: `A generalizes_from B` means B is A's
 * parent; `A specializes_to B` means B is A's child. Lineage edges always point parent -> child.
 */
export const LINEAGE_LINK_TYPES = ["generalizes_from", "specializes_to"] as const satisfies readonly KnownLinkType[];

/** Pairs of types that state one fact from either end (`A enables B` == `B requires A`). */
export const INVERSE_LINK_TYPE: Readonly<Partial<Record<KnownLinkType, KnownLinkType>>> = {
  generalizes_from: "specializes_to",
  specializes_to: "generalizes_from",
  enables: "requires",
  requires: "enables",
};

/** Types whose meaning has no direction (declaring A related B says the same as B related A). */
export const SYMMETRIC_LINK_TYPES = ["related", "alternatives", "complementary"] as const satisfies readonly KnownLinkType[];

export const isSymmetricLinkType = (t: string): boolean =>
  (SYMMETRIC_LINK_TYPES as readonly string[]).includes(t);

export const FRONTMATTER_GENERATIONS = [1, 2] as const;
export type FrontmatterGeneration = (typeof FRONTMATTER_GENERATIONS)[number];

export interface Pattern {
  slug: Slug;
  id?: PatternId;
  title: string;
  aliases: string[];
  summary?: string;
  /** `classification.domain` / `tags.domain` (gen 1) or `ontology.domain` (gen 2). */
  domain?: string;
  /** `lifecycle.status` (gen 2) or `classification.status` / `tags.status` (gen 1). */
  status?: string;
  /** Path of the file relative to the library root, with `/` separators. */
  file: string;
  generation: FrontmatterGeneration;
  pageUrl?: string;
  githubUrl?: string;
}

/** A link declared in `source`'s file that resolved to a pattern. Deduplicated per (source, type, target). */
export interface Link {
  source: Slug;
  type: LinkType;
  target: Slug;
  weight?: number;
  description?: string;
  /** The file (relative path) whose frontmatter declared the link. */
  declaredIn: string;
  /** 1-based line of the declaration in that file, where known. */
  line?: number;
}

/** How a target was written in the frontmatter. */
export const TARGET_FORMS = ["id", "slug", "title", "mapping"] as const;
export type TargetForm = (typeof TARGET_FORMS)[number];

/** A declared link whose target matches no pattern. Kept, never dropped. */
export interface DanglingRef {
  source: Slug;
  type: LinkType;
  /** The target exactly as written (the id, slug or title; for a mapping its slug, id or title). */
  target: string;
  form: TargetForm;
  weight?: number;
  description?: string;
  declaredIn: string;
  line?: number;
}

export const PROBLEM_KINDS = [
  "unreadable-file",
  "missing-frontmatter",
  "frontmatter-not-at-top",
  "invalid-yaml",
  "not-a-mapping",
  "missing-slug",
  "missing-title",
  "duplicate-slug",
  "duplicate-id",
  "invalid-id",
  "self-link",
  "malformed-target",
  "malformed-field",
  "invalid-slug",
  "invalid-utf8",
  "truncated",
  "skipped-path",
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** One thing wrong with one file, and what (if anything) was recovered despite it. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  kind: ProblemKind;
  message: string;
  /** What was recovered, e.g. "read the frontmatter after skipping 2 lines above it". */
  recovered?: string;
  /** True when the file produced no pattern at all. */
  fatal: boolean;
}

/** Everything read from one library: what a store holds, and what `ingest --out` writes. */
export interface Library {
  /** Absolute or user-given root folder, for display only. */
  root: string;
  /** Number of `.md` files read. Invariant: files === patterns.length + problemFiles. */
  files: number;
  patterns: Pattern[];
  links: Link[];
  dangling: DanglingRef[];
  problems: Problem[];
}

/** A snapshot file written by `ingest --out` and loaded by `server --snapshot`. */
export interface LibrarySnapshot {
  format: "pattern-atlas-snapshot";
  version: 1;
  createdAt: string;
  library: Library;
}

// ---------------------------------------------------------------------------------------------
// Query results: plain objects, identical from both stores.

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

/** What a UI needs to draw a link. `directed` is false for the symmetric types. */
export interface LinkView {
  /** Stable id: `${source}|${type}|${target}`. */
  id: string;
  source: Slug;
  target: Slug;
  type: LinkType;
  weight?: number;
  description?: string;
  directed: boolean;
  dangling: boolean;
}

export const DIRECTIONS = ["out", "in", "both"] as const;
export type Direction = (typeof DIRECTIONS)[number];

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

export interface NeighborhoodOptions {
  /** 1 to 4. */
  depth: number;
  /** Only these link types; all when undefined. */
  types?: LinkType[];
  direction: Direction;
  /** Maximum number of nodes, the centre included; with `group`, the size of the page. */
  limit: number;
  /** A group key of an earlier answer (NeighborhoodGroup.key): the answer is then that group's page. */
  group?: string;
  /** With `group`: how many of the group's members (most relevant first) to skip. */
  offset?: number;
}

/** A node of a neighbourhood, with its relevance score (graph/algorithms/neighborhood-rank.ts). */
export interface ScoredNodeView extends NodeView {
  score: number;
}

/**
 * Left-out patterns of a cut neighbourhood that hang from the same kept pattern (`via`) by the same
 * link type. `domain`: their most common domain (null: none has one). `sample`: the slugs of up to
 * 5, most relevant first.
 */
export interface NeighborhoodGroup {
  /** Names the group for a later request (`group=`); opaque. */
  key: string;
  count: number;
  via: Slug;
  type: LinkType;
  domain: string | null;
  sample: Slug[];
}

/** Why a neighbourhood answer holds less than every candidate, in words and numbers. */
export type NeighborhoodCut =
  | {
      /** The `limit` most relevant of `total` candidates were kept; `leftOut` are summarised in `groups` groups. */
      reason: "node-limit";
      limit: number;
      total: number;
      kept: number;
      leftOut: number;
      groups: number;
      message: string;
    }
  | {
      /** A group's page: members `offset` .. `offset + kept - 1` of `total`; more follow. */
      reason: "group-page";
      limit: number;
      offset: number;
      total: number;
      kept: number;
      message: string;
    };

export interface Subgraph {
  center: Slug;
  nodes: ScoredNodeView[];
  links: LinkView[];
  /** Hops from the centre, per node slug. */
  distance: Record<string, number>;
  /** Candidates (patterns and placeholders within the depth and filters, the centre included); for a group page, the group's size. */
  total: number;
  /** The left-out candidates summarised; empty when nothing was cut (and in a group page). */
  groups: NeighborhoodGroup[];
  /** false when nothing was left out; otherwise why and how much (truthy, as the boolean it once was). */
  truncated: false | NeighborhoodCut;
  /** Set on a group's page: the group asked for. */
  group?: { key: string; count: number; offset: number };
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

export interface PathOptions {
  /** Only these link types; all when undefined. */
  types?: LinkType[];
  /** Follow links only in their declared direction (source -> target). */
  directed: boolean;
  /** How many paths, 1 to 10. */
  k: number;
  /** Maximum number of links in a path, 1 to 8. */
  maxLength: number;
  /** Pass through no pattern with more neighbours than this (the two ends excepted); no limit when undefined. */
  maxDegree?: number;
}

/** One hop of a path in words: the link that states it best (see path-wording.ts) read from `from` to `to`. */
export interface PathStep {
  from: Slug;
  to: Slug;
  /** The type of the link the text reads. */
  type: LinkType;
  /** e.g. "Running as Practice is a variant of Acceptance and Commitment". */
  text: string;
  /** That link's declared weight (0-1) and description, when declared. */
  weight?: number;
  description?: string;
}

export interface PathView {
  nodes: Slug[];
  /**
   * For each hop in order, every link between its two nodes usable under the options (sorted by
   * type). A link keeps its declared source and target, so a hop may traverse it backwards.
   */
  links: LinkView[];
  /** Number of hops. */
  length: number;
  /**
   * The rank cost, lower first: length + 0.001 * the sum over intermediate patterns of
   * ln(neighbours), rounded to 6 decimals (the full order is defined in PathResult).
   */
  score: number;
  /** The path as one plain sentence, e.g. "A is a variant of B, which complements C." */
  explanation: string;
  /** One per hop, in order. */
  steps: PathStep[];
}

/**
 * Paths are distinct node sequences (simple paths). The result is the first k of all such paths
 * of length <= maxLength, ordered by length; then the most specific first (the lowest sum over
 * intermediate patterns of ln(neighbours), neighbours = distinct patterns linked to or from it over
 * all link types); then the strongest links (the lowest sum over hops of 1 - the highest declared
 * weight among the hop's usable links, 0.5 when none declares one; each term in thousandths, the
 * specificity sum in millionths); then lexicographically by slug sequence.
 */
export interface PathResult {
  from: Slug;
  to: Slug;
  paths: PathView[];
  /** Nodes of every returned path, for drawing. */
  nodes: NodeView[];
  /**
   * Only when no path was found between two different patterns: the connected part of the library
   * each end is in, over the chosen link types in either direction and at any length
   * (graph/algorithms/path-components.ts). `same`: both ends are in one, so the length or the
   * direction is what kept them apart.
   */
  components?: PathComponents;
}

/** A connected part of the library: how many patterns, and up to 5 of them, the best-linked first (degree, then slug). */
export interface PathComponent {
  size: number;
  sample: Slug[];
}

export interface PathComponents {
  same: boolean;
  from: PathComponent;
  to: PathComponent;
}

/** The whole library for the overview: every pattern and every resolved link. */
export interface OverviewGraph {
  nodes: NodeView[];
  links: LinkView[];
}
