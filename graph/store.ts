// The GraphStore interface: the one contract the in-memory and the Neo4j store both implement and
// the one test suite (test/graph/store.contract.ts) checks. Every method is async and returns plain
// domain objects from graph/model.ts; both stores throw the classes of graph/errors.ts.
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
} from "./model.ts";

export const STORE_KINDS = ["memory", "neo4j"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface GraphStore {
  readonly kind: StoreKind;

  /** Replace the whole library atomically: a reader sees the old library or the new one, never a mix. */
  load(library: Library): Promise<void>;

  stats(): Promise<LibraryStats>;

  /** @throws NotFoundError with up to 5 suggestions when no pattern has that slug. */
  getPattern(slug: string): Promise<PatternDetail>;

  /**
   * Ranked search over slugs, titles and aliases, case-insensitive: exact > prefix > word prefix >
   * substring > typo-tolerant (edit distance). Empty query gives no hits.
   */
  search(query: string, limit: number): Promise<SearchHit[]>;

  /** @throws NotFoundError for an unknown slug. */
  neighborhood(slug: string, options: NeighborhoodOptions): Promise<Subgraph>;

  /** Ancestors and descendants through the lineage links, up to `depth` levels each way. */
  lineage(slug: string, depth: number): Promise<Lineage>;

  /** @throws NotFoundError for an unknown `from` or `to`. */
  paths(from: string, to: string, options: PathOptions): Promise<PathResult>;

  /** The problem report of the loaded library, ordered by file then line. */
  problems(): Promise<Problem[]>;

  /** Every pattern and resolved link, for the overview and for analyses that need the whole graph. */
  overview(): Promise<OverviewGraph>;

  /** The whole library as loaded (patterns, links, dangling references, problems). */
  exportLibrary(): Promise<Library>;

  /** Resolves when the store can answer; @throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
