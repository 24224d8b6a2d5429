// How a Neo4j neighbourhood or path checks its copy's stamp inside its own queries (Reads.readFolded)
// and reuses decoded adjacency from one answer to the next (neo4j-adjacency-cache.ts): the queries
// an answer costs, counted on the driver's sessions (a kept centre's list left out of the first, and
// read on its own when the revision moved); a change committing while a read starts (the
// read waits for it); a copy that keeps changing (the read gives up); the cache's bound.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import neo4j, { type Driver, type Session } from "neo4j-driver";
import { StoreUnavailableError } from "../../graph/index.ts";
import { createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { AdjacencyCache, listBytes } from "../../graph/neo4j/neo4j-adjacency-cache.ts";
import { CardCache } from "../../graph/neo4j/neo4j-card-cache.ts";
import { ENTRY_WIDTH, neighbourList, type AdjacencyEntry, type NeighbourList } from "../../graph/neo4j/neo4j-adjacency.ts";
import { createReads, type Reads } from "../../graph/neo4j/neo4j-connection.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { neighborhood } from "../../graph/neo4j/neo4j-neighborhood.ts";
import { paths } from "../../graph/neo4j/neo4j-paths.ts";
import { createNeo4jSearch } from "../../graph/neo4j/neo4j-search.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { library, link, pattern } from "../fixtures/literal-library.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";

/** A chain a-b-c-d-e with a hub h linked to each: depth-2 neighbourhoods read a level's adjacency. */
const LIBRARY: Library = library(
  ["a", "b", "c", "d", "e", "h"].map((s) => pattern(s, s.toUpperCase())),
  [link("a", "related", "b"), link("b", "enables", "c"), link("c", "related", "d"), link("d", "requires", "e"), ...["a", "b", "c", "d", "e"].map((s) => link("h", "related", s))],
);
const DEPTH_2 = { depth: 2, direction: "both", limit: 50 } as const;
const PATH = { k: 1, maxLength: 6, directed: false } as const;

describe("Neo4j reads checking their copy's stamp in their own queries", () => {
  let conn: Neo4jTestConnection;
  let namespace: string;
  let store: Neo4jStore;
  let memory: GraphStore;
  let driver: Driver;
  /** Queries run through the counted driver since the last reset. */
  let queries = 0;
  let counted: Driver;

  /** A driver whose sessions count the queries they run (the store's own driver, watched). */
  const countingDriver = (): Driver => {
    const real = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
    const session = real.session.bind(real);
    real.session = ((config) => {
      const s: Session = session(config);
      const run = s.run.bind(s);
      s.run = ((...args: Parameters<Session["run"]>) => {
        queries++;
        return run(...args);
      }) as Session["run"];
      return s;
    }) as Driver["session"];
    return real;
  };
  const readsOf = (d: Driver, queryTimeoutMs = 10_000): Reads => createReads(d, conn.database, namespace, conn.uri, conn.user, queryTimeoutMs);
  const setStamp = async (stamp: string | null): Promise<void> => {
    const session = driver.session({ database: conn.database });
    try {
      await session.run(
        `MATCH (l:${LABELS.library} {namespace: $ns}) MATCH (g:${LABELS.copy} {id: l.current}) SET g.stamp = $stamp, g.stampSince = timestamp()`,
        { ns: namespace, stamp },
      );
    } finally {
      await session.close();
    }
  };

  beforeAll(async () => {
    conn = await getTestNeo4j();
    namespace = uniqueNamespace("read-stamp");
    store = await createNeo4jStore({ ...conn, namespace });
    await store.load(LIBRARY);
    memory = createMemoryStore(LIBRARY);
    driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
    counted = countingDriver();
  });

  afterAll(async () => {
    await store?.close();
    await driver?.close();
    await counted?.close();
    await deleteTestNamespaces();
  });

  it("reads a depth-2 neighbourhood in three queries, stamp included, and in two once its level's adjacency is kept", async () => {
    const reads = readsOf(counted);
    const { notFound } = createNeo4jSearch(reads);
    const cache = new AdjacencyCache();
    const expected = await memory.neighborhood("a", DEPTH_2);
    queries = 0;
    expect(await neighborhood(reads, notFound, { adjacency: cache }, "a", DEPTH_2)).toEqual(expected);
    expect(queries).toBe(3);
    expect(cache.size).toBeGreaterThan(0);
    queries = 0;
    expect(await neighborhood(reads, notFound, { adjacency: cache }, "a", DEPTH_2)).toEqual(expected);
    expect(queries).toBe(2);
  });

  it("reads a kept centre's list again when the copy's revision moved since it was kept", async () => {
    const reads = readsOf(counted);
    const { notFound } = createNeo4jSearch(reads);
    const cache = new AdjacencyCache();
    const expected = await memory.neighborhood("c", DEPTH_2);
    expect(await neighborhood(reads, notFound, { adjacency: cache }, "c", DEPTH_2)).toEqual(expected);
    await setStamp("5");
    queries = 0;
    // The first query leaves the centre's list out (kept, but for revision 0): it is read on its own.
    expect(await neighborhood(reads, notFound, { adjacency: cache }, "c", DEPTH_2)).toEqual(expected);
    expect(queries).toBe(4);
    queries = 0;
    expect(await neighborhood(reads, notFound, { adjacency: cache }, "c", DEPTH_2)).toEqual(expected);
    expect(queries).toBe(2);
  });

  it("reads a path in one query for its ends, one per frontier not kept, and one for the cards", async () => {
    const reads = readsOf(counted);
    const { notFound } = createNeo4jSearch(reads);
    const cache = new AdjacencyCache();
    const expected = await memory.paths("a", "e", PATH);
    queries = 0;
    expect(await paths(reads, notFound, { adjacency: cache }, "a", "e", PATH)).toEqual(expected);
    const first = queries;
    expect(first).toBeGreaterThanOrEqual(3);
    queries = 0;
    expect(await paths(reads, notFound, { adjacency: cache }, "a", "e", PATH)).toEqual(expected);
    expect(queries).toBe(2);
  });

  it("reads a kept neighbourhood's cards from the cache: its centre and the stamp after, two small queries", async () => {
    const reads = readsOf(counted);
    const { notFound } = createNeo4jSearch(reads);
    const caches = { adjacency: new AdjacencyCache(), cards: new CardCache() };
    const expected = await memory.neighborhood("b", DEPTH_2);
    expect(await neighborhood(reads, notFound, caches, "b", DEPTH_2)).toEqual(expected);
    const missed = caches.cards.stats().misses;
    expect(missed).toBeGreaterThan(0);
    expect(caches.cards.stats()).toMatchObject({ hits: 0, kept: missed });
    queries = 0;
    expect(await neighborhood(reads, notFound, caches, "b", DEPTH_2)).toEqual(expected);
    expect(queries).toBe(2);
    expect(caches.cards.stats()).toMatchObject({ hits: missed, misses: missed });
  });

  it("answers a path whose frontiers and cards are kept in one query, the stamp before and after in it", async () => {
    const reads = readsOf(counted);
    const { notFound } = createNeo4jSearch(reads);
    const caches = { adjacency: new AdjacencyCache(), cards: new CardCache() };
    const expected = await memory.paths("a", "e", PATH);
    expect(await paths(reads, notFound, caches, "a", "e", PATH)).toEqual(expected);
    queries = 0;
    expect(await paths(reads, notFound, caches, "a", "e", PATH)).toEqual(expected);
    expect(queries).toBe(1);
  });

  it("uses no kept card of another revision", async () => {
    const reads = readsOf(counted);
    const { notFound } = createNeo4jSearch(reads);
    const caches = { adjacency: new AdjacencyCache(), cards: new CardCache() };
    const expected = await memory.neighborhood("d", DEPTH_2);
    expect(await neighborhood(reads, notFound, caches, "d", DEPTH_2)).toEqual(expected);
    const { hits, kept } = caches.cards.stats();
    expect(kept).toBeGreaterThan(0);
    await setStamp("7");
    expect(await neighborhood(reads, notFound, caches, "d", DEPTH_2)).toEqual(expected);
    // Every card read again (none taken from revision 0), and kept for revision 7 instead.
    expect(caches.cards.stats()).toMatchObject({ hits, kept });
  });

  it("waits while a change is committing, and answers once the stamp settles", async () => {
    const expected = await memory.neighborhood("b", DEPTH_2);
    await setStamp("0>1");
    const settle = setTimeout(() => void setStamp("1"), 400);
    const started = performance.now();
    try {
      expect(await store.neighborhood("b", DEPTH_2)).toEqual(expected);
      expect(performance.now() - started).toBeGreaterThanOrEqual(350);
      expect(await store.version()).toMatch(/@1$/);
    } finally {
      clearTimeout(settle);
    }
  });

  it("gives up with 'changed while this answer was read' on a copy whose change never settles within the budget", async () => {
    const reads = readsOf(counted, 300);
    const { notFound } = createNeo4jSearch(reads);
    await setStamp("1>2");
    try {
      const failed = neighborhood(reads, notFound, { adjacency: new AdjacencyCache() }, "a", DEPTH_2);
      await expect(failed).rejects.toThrow(StoreUnavailableError);
      await expect(failed).rejects.toThrow(/changed while this answer was read/);
    } finally {
      await setStamp("1");
    }
  });
});

describe("the adjacency kept between answers", () => {
  const entries = (n: number): NeighbourList => neighbourList(Array.from({ length: n }, (_, i): AdjacencyEntry => [i, 1, "related", null, 1, `s${i}`, null, 1]));
  const eight = listBytes(entries(8));

  it("keeps lists of one version only, and drops the least recently used past its bound in bytes", () => {
    const cache = new AdjacencyCache(Math.floor(4.5 * eight));
    cache.add("v1", new Map([[1, entries(8)], [2, entries(8)], [3, entries(8)], [4, entries(8)]]));
    expect(cache.size).toBe(4 * eight);
    expect(cache.get("v1", 1)?.entries).toHaveLength(8 * ENTRY_WIDTH);
    expect(cache.get("v2", 1)).toBeUndefined();
    cache.add("v1", new Map([[5, entries(8)]]));
    // 2 was the least recently used (1 was read since), it went.
    expect([1, 2, 3, 4, 5].map((r) => cache.get("v1", r) !== undefined)).toEqual([true, false, true, true, true]);
    expect(cache.size).toBe(4 * eight);
    expect(cache.stats()).toMatchObject({ hits: 5, misses: 2, kept: 4, bytes: 4 * eight });
    cache.add("v2", new Map([[6, entries(3)]]));
    expect(cache.get("v1", 1)).toBeUndefined();
    expect(cache.size).toBe(listBytes(entries(3)));
  });

  it("counts a list's names in its bytes, once each, and not the neighbours' slugs it no longer holds", () => {
    const named = neighbourList(Array.from({ length: 8 }, (_, i): AdjacencyEntry => [i, 1, "related", null, 1, `s${i}-${"x".repeat(100)}`, "a-domain", 1]));
    expect(named.domains).toEqual(["a-domain"]);
    expect(listBytes(named) - eight).toBe(listBytes(neighbourList([[0, 1, "t", null, 1, "s", "a-domain", 1]])) - listBytes(neighbourList([[0, 1, "t", null, 1, "s", null, 1]])));
    expect(listBytes(named) - eight).toBeGreaterThanOrEqual("a-domain".length);
  });

  it("does not keep a list larger than a quarter of its bound", () => {
    const cache = new AdjacencyCache(4 * listBytes(entries(10)));
    cache.add("v1", new Map([[1, entries(11)]]));
    expect(cache.get("v1", 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
