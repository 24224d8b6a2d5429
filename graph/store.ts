// The GraphStore interface: the one contract the in-memory and the Neo4j store both implement and
// the one test suite (test/graph/store.contract.ts) checks. Every method is async and returns plain
// domain objects from core/model.ts; both stores throw the classes of core/errors.ts.
import type {
  Library,
  LibraryStats,
  Lineage,
  NeighborhoodOptions,
  OverviewGraph,
  PathOptions,
  PathResult,
  PatternDetail,
  Problem,
  SearchHit,
  Subgraph,
} from "../core/model.ts";

export const STORE_KINDS = ["memory", "neo4j"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/**
 * Option ranges are QUERY_LIMITS (graph/algorithms/query-options.ts); a value outside them, or a
 * link type not matching LINK_TYPE_PATTERN, is refused with InvalidInputError naming the parameter
 * (before any slug is looked up). Each method's exact contract, orders and tie-breaks included, is
 * the doc comment of the algorithm the memory store delegates to (searchPatterns, findNeighborhood,
 * traceLineage, findPaths, computeStats, canonicalLibrary), pinned by test/graph/store.contract.ts.
 */
export interface GraphStore {
  readonly kind: StoreKind;

  /** Replace the whole library atomically: a reader sees the old library or the new one, never a mix. */
  load(library: Library): Promise<void>;

  /**
   * A token naming the library the store answers from now: it changes whenever that library may
   * have changed (a load here, or for Neo4j a re-ingest by another process), and while it stays
   * the same every answer stays the same, so within one version a NodeView is a function of its
   * slug and a LinkView of its id. Cheap (a field read, or one small query): the server's caches
   * ask it on every request. Not comparable across store kinds.
   */
  version(): Promise<string>;

  stats(): Promise<LibraryStats>;

  /**
   * Outgoing links (dangling targets among them, as `dangling:<target>` ends) and incoming links,
   * grouped by type, each group sorted by slug.
   * @throws NotFoundError with up to 5 suggestions (suggestSlugs) when no pattern has that slug.
   */
  getPattern(slug: string): Promise<PatternDetail>;

  /**
   * Ranked search over slugs, titles and aliases, case-insensitive: exact > prefix > word prefix >
   * substring > all words > typo-tolerant (edit distance); see scoreMatch. Empty query gives no hits.
   * `limit` 1..100. Searched within a time and work budget.
   * @throws QueryTimeoutError past the budget; QueryAbortedError (graph/budget.ts) once `signal` fired.
   */
  search(query: string, limit: number, signal?: AbortSignal): Promise<SearchHit[]>;

  /** @throws NotFoundError (with suggestions) for an unknown slug. */
  neighborhood(slug: string, options: NeighborhoodOptions): Promise<Subgraph>;

  /**
   * Ancestors and descendants through the lineage links, up to `depth` (1..10) levels each way.
   * Traced within a time and work budget.
   * @throws NotFoundError (with suggestions) for an unknown slug; QueryTimeoutError past the
   *   budget; QueryAbortedError (graph/budget.ts) once `signal` fired.
   */
  lineage(slug: string, depth: number, signal?: AbortSignal): Promise<Lineage>;

  /**
   * The k best simple paths (order defined in PathResult), searched within a time and work budget.
   * @throws NotFoundError (with suggestions) for an unknown `from` or `to`, `from` checked first;
   *   QueryTimeoutError past the budget; QueryAbortedError (graph/budget.ts) once `signal` fired.
   */
  paths(from: string, to: string, options: PathOptions, signal?: AbortSignal): Promise<PathResult>;

  /** The problem report of the loaded library, ordered by file then line. */
  problems(): Promise<Problem[]>;

  /** Every pattern and resolved link, for the overview and for analyses that need the whole graph. */
  overview(): Promise<OverviewGraph>;

  /**
   * The whole library as loaded (patterns, links, dangling references, problems), in canonical
   * order (canonicalLibrary): patterns by slug, links by linkKey, a repeated link once.
   */
  exportLibrary(): Promise<Library>;

  /** Resolves when the store can answer; @throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
