// The Neo4j GraphStore: connects (neo4j-connection.ts) and wires the query families, one file each
// (pattern detail, search, neighbourhood, lineage, paths, the whole library, the gap findings stored
// with it), which read a library stored by neo4j-load.ts with parameterised Cypher and answer with
// the same plain objects as the memory store, shaped by the same shared rules.
import type { Library } from "../../core/model.ts";
import type { GraphStore } from "../store.ts";
import type { StoredGaps } from "../stored-gaps.ts";
import type { WarmReads } from "../warm-reads.ts";
import { SEARCH_HINT, searchBudget } from "../algorithms/search.ts";
import { checkSearch } from "../algorithms/query-options.ts";
import { connectNeo4j, createReads, DEFAULT_QUERY_TIMEOUT_MS, type Neo4jStoreConfig } from "./neo4j-connection.ts";
import { displayUri, memoryLimitError, withHint } from "./neo4j-errors.ts";
import { createStoredGapsReader } from "./neo4j-gaps-read.ts";
import { exportLibrary, overview, problems, stats } from "./neo4j-library.ts";
import { lineage } from "./neo4j-lineage.ts";
import { writeLibrary, type Neo4jLoadReport } from "./neo4j-load.ts";
import { readAttachment } from "./neo4j-attachments.ts";
import type { AttachmentReader } from "../copy-attachments.ts";
import { checkNamespace, DEFAULT_NAMESPACE } from "./neo4j-model.ts";
import { libOfVersion, readStamp, versionOf } from "./neo4j-stamp.ts";
import { AdjacencyCache } from "./neo4j-adjacency-cache.ts";
import { CardCache } from "./neo4j-card-cache.ts";
import type { RankCacheStats } from "./neo4j-rank-cache.ts";
import { paths } from "./neo4j-paths.ts";
import { patternDetail } from "./neo4j-pattern.ts";
import { createNeo4jSearch } from "./neo4j-search.ts";
import { SearchGate } from "./neo4j-search-gate.ts";
import { neighborhood, NEIGHBORHOOD_HINT } from "./neo4j-neighborhood.ts";
import { PATHS_HINT } from "../algorithms/paths.ts";
import { LINEAGE_HINT } from "../algorithms/lineage.ts";
import { warmReads } from "./neo4j-warm.ts";

export { DEFAULT_QUERY_TIMEOUT_MS, QUERY_TIMEOUT_GRACE_MS, STORE_RESPONSE_BUDGET_MS, type Neo4jStoreConfig } from "./neo4j-connection.ts";
export type { Neo4jLoadReport } from "./neo4j-load.ts";

export interface Neo4jStore extends GraphStore, AttachmentReader, StoredGaps, WarmReads {
  readonly kind: "neo4j";
  readonly namespace: string;
  /** Like load(), and says what it did and how long each step took. */
  loadWithReport(library: Library): Promise<Neo4jLoadReport>;
  /** What the adjacency and the cards kept between answers did so far (neo4j-rank-cache.ts): the bench's hit rates. */
  readCacheStats(): { adjacency: RankCacheStats; cards: RankCacheStats };
}

/**
 * Connects to Neo4j (verifying it with a bounded retry), creates the schema, and returns the store.
 * @throws StoreUnavailableError with a one-line message when Neo4j is unreachable, refuses the
 *   credentials or lacks the database.
 */
export async function createNeo4jStore(config: Neo4jStoreConfig): Promise<Neo4jStore> {
  const database = config.database ?? "neo4j";
  const namespace = checkNamespace(config.namespace ?? DEFAULT_NAMESPACE);
  const driver = await connectNeo4j(config, database);
  const reads = createReads(driver, database, namespace, config.uri, config.user, config.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
  const search = createNeo4jSearch(reads);
  const { notFound } = search;
  const storedGaps = createStoredGapsReader(reads, notFound);
  // Decoded adjacency and cards shared by every neighbourhood and path of the revision served (bounded).
  const caches = { adjacency: new AdjacencyCache(config.readCacheBytes?.adjacency), cards: new CardCache(config.readCacheBytes?.cards) };

  // A few searches at a time, the rest in turn (their wait within their budget): see neo4j-search-gate.ts.
  const gate = new SearchGate(config.searchesAtOnce);
  /** The reads with `ms` as the query budget: what a search has left after waiting for its turn. */
  const readsWithin = (ms: number): typeof reads => ({ ...reads, queryTimeoutMs: Math.min(ms, reads.queryTimeoutMs) });

  let versionInFlight: Promise<string> | undefined;
  let versionNext: Promise<string> | undefined;

  const store: Neo4jStore = {
    kind: "neo4j",
    namespace,

    async load(library) {
      await store.loadWithReport(library);
    },

    /**
     * The current copy's id and its revision (neo4j-stamp.ts; the id alone at revision 0): a new
     * copy has a new id, a copy changed in place a new revision, so it changes exactly when the
     * stored library does, whoever loaded it (a change still committing shows once it has). Asked on every API request, so reads are batched: at most one is in
     * flight, and a caller arriving meanwhile waits for the next one (which starts after it
     * arrived, so it still sees any re-ingest that finished before its call).
     */
    version() {
      if (!versionInFlight) {
        versionInFlight = reads.read(async (tx) => versionOf(await readStamp(tx, namespace, reads.responseBudget.ms)), reads.responseBudget).finally(() => {
          versionInFlight = undefined;
        });
        return versionInFlight;
      }
      // A query that fails while this caller waits answers it too: a Neo4j that did not answer the
      // one in flight within its budget is unavailable now, and the caller should hear it now,
      // not one budget later.
      if (!versionNext) {
        const next = versionInFlight.then(() => {
          versionNext = undefined;
          return store.version();
        });
        next.catch(() => {
          if (versionNext === next) versionNext = undefined;
        });
        versionNext = next;
      }
      return versionNext;
    },

    async loadWithReport(library) {
      try {
        return await writeLibrary(driver, database, namespace, library, config.attachments, config.onLoadStep, { inPlace: config.inPlace !== false, threadsOneAtATimeFrom: config.threadsOneAtATimeFrom });
      } catch (error) {
        throw memoryLimitError(error, displayUri(config.uri), "writing the library") ?? reads.translate(error);
      }
    },

    async readAttachment(version, name) {
      const lib = libOfVersion(version);
      return lib === "" ? undefined : readAttachment(reads, lib, name);
    },

    stats: () => stats(reads),
    getPattern: (slug) => patternDetail(reads, notFound, slug),

    async search(query, limit, signal) {
      checkSearch(query, limit);
      const budget = searchBudget(signal, { timeMs: reads.queryTimeoutMs });
      return withHint(SEARCH_HINT, reads.read((tx) => search.searchIn(tx, undefined, query, limit, budget)));
    },

    neighborhood: (slug, options) => gate.run((ms) => neighborhood(readsWithin(ms), notFound, caches, slug, options), { timeoutMs: reads.queryTimeoutMs, hint: NEIGHBORHOOD_HINT }),
    lineage: (slug, depth, signal) => gate.run((ms) => lineage(readsWithin(ms), notFound, slug, depth, signal), { timeoutMs: reads.queryTimeoutMs, hint: LINEAGE_HINT, signal }),
    paths: (from, to, options, signal) => gate.run((ms) => paths(readsWithin(ms), notFound, caches, from, to, options, signal), { timeoutMs: reads.queryTimeoutMs, hint: PATHS_HINT, signal }),
    problems: () => problems(reads),
    overview: () => overview(reads),
    exportLibrary: () => exportLibrary(reads),
    storedGaps,
    warmReads: () => warmReads(store, reads),
    readCacheStats: () => ({ adjacency: caches.adjacency.stats(), cards: caches.cards.stats() }),

    async ping() {
      await reads.read(async (tx) => {
        await tx.run("RETURN 1");
      }, reads.responseBudget);
    },

    async close() {
      await driver.close();
    },
  };
  return store;
}
