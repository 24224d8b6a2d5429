// The typo tiers of a Neo4j search on a thread of their own (neo4j-search-thread.ts): the thread
// reads the copy's rows with its own driver and answers with the memory store's hits; it reads a
// copy again once the namespace's current copy changed; a caller that gave up or ran out of budget
// hears it as on the calling thread; and once the thread is gone the caller answers itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import neo4j, { type Driver } from "neo4j-driver";
import { createMemoryStore, QueryTimeoutError, type GraphStore, type Library } from "../../graph/index.ts";
import { QueryAbortedError } from "../../graph/budget.ts";
import { searchBudget } from "../../graph/algorithms/search.ts";
import { createReads, type Reads } from "../../graph/neo4j/neo4j-connection.ts";
import { createNeo4jSearch, type Neo4jSearch } from "../../graph/neo4j/neo4j-search.ts";
import { startSearchThread, type SearchThread } from "../../graph/neo4j/neo4j-search-thread.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";

/** Queries that reach the lower tiers: each title's longest word with a letter dropped, two such words, and one with no hit at all. */
function typoQueries(library: Library): string[] {
  const words = library.patterns.slice(0, 40).map((p) => p.title.split(/\s+/).sort((a, b) => b.length - a.length)[0]!.toLowerCase());
  const dropped = words.filter((w) => w.length >= 5).map((w) => w.slice(0, 2) + w.slice(3));
  const pairs = dropped.slice(0, 10).map((w, i) => `${w} ${dropped[i + 10] ?? "desing"}`);
  return [...dropped, ...pairs, "qzxwv", "goverance desing"];
}

describe("the Neo4j search's typo tiers on a thread", () => {
  let conn: Neo4jTestConnection;
  let namespace: string;
  let library: Library;
  let memory: GraphStore;
  let store: Neo4jStore;
  let driver: Driver;
  let reads: Reads;
  let thread: SearchThread | undefined;
  /** What the thread answered (hits) and when it could not (undefined), as the search saw it. */
  const answers: ("hits" | "none")[] = [];
  let search: Neo4jSearch;

  beforeAll(async () => {
    conn = await getTestNeo4j();
    namespace = uniqueNamespace("search-thread");
    library = await loadLibrary(realLibrary("2026-01-29"));
    memory = createMemoryStore();
    await memory.load(library);
    store = await createNeo4jStore({ ...conn, namespace });
    await store.load(library);
    driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
    reads = createReads(driver, conn.database, namespace, conn.uri, conn.user, 10_000);
    search = createNeo4jSearch(reads, () => {
      thread = startSearchThread({ ...conn, namespace, queryTimeoutMs: 10_000 });
      if (thread === undefined) return undefined;
      const started = thread;
      // The same thread, its answers noted.
      return {
        async search(request, budget) {
          const hits = await started.search(request, budget);
          answers.push(hits === undefined ? "none" : "hits");
          return hits;
        },
        close: () => started.close(),
      };
    });
  }, 120_000);

  afterAll(async () => {
    await search?.close();
    await store?.close();
    await driver?.close();
    await deleteTestNamespaces();
  });

  const searchHere = (query: string, limit: number, signal?: AbortSignal, timeMs = 10_000): Promise<unknown> =>
    reads.read((tx) => search.searchIn(tx, undefined, query, limit, searchBudget(signal, { timeMs })));

  it("gives the memory store's hits for searches that reach the lower tiers, answered on the thread", async () => {
    const queries = typoQueries(library);
    expect(queries.length).toBeGreaterThan(40);
    for (const query of queries) {
      for (const limit of [5, 20]) expect([query, limit, await searchHere(query, limit)]).toEqual([query, limit, await memory.search(query, limit)]);
    }
    // The suggestions of an unknown slug are such a search too.
    const slug = library.patterns[5]!.slug;
    const unknown = slug.slice(0, 3) + slug.slice(4);
    const suggested = await reads.read(async (tx) => {
      const [{ lib }] = await reads.rows<{ lib: string }>(tx, "MATCH (l:AtlasLibrary {namespace: $ns}) RETURN l.current AS lib");
      return (await search.notFound(tx, lib, unknown)).suggestions;
    });
    const expected = await memory.getPattern(unknown).then(() => [], (error: { suggestions: string[] }) => error.suggestions);
    expect(suggested).toContain(slug);
    expect(suggested).toEqual(expected);
    expect(answers.length).toBe(queries.length * 2 + 1);
    expect(answers.every((a) => a === "hits")).toBe(true);
    // The store's own search (its own thread) agrees.
    for (const query of queries.slice(0, 10)) expect(await store.search(query, 10)).toEqual(await memory.search(query, 10));
  }, 120_000);

  it("reads the copy again once the namespace's current copy changed", async () => {
    const [first] = library.patterns;
    const before = await searchHere("zyxwvutsrq", 5);
    expect(before).toEqual([]);
    const renamed: Library = { ...library, patterns: library.patterns.map((p) => (p === first ? { ...p, title: "Zyxwvutsrqp Pattern" } : p)) };
    await store.load(renamed);
    await memory.load(renamed);
    const after = (await searchHere("zyxwvutsrq", 5)) as { slug: string }[];
    expect(after.map((h) => h.slug)).toEqual([first!.slug]);
    expect(after).toEqual(await memory.search("zyxwvutsrq", 5));
  }, 120_000);

  it("tells a caller that gave up or ran out of budget as the calling thread would, and answers the next", async () => {
    const gaveUp = new AbortController();
    const asked = searchHere("goverance desing", 10, gaveUp.signal);
    gaveUp.abort();
    await expect(asked).rejects.toBeInstanceOf(QueryAbortedError);
    await expect(searchHere("goverance desing", 10, undefined, 0)).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(await searchHere("goverance desing", 10)).toEqual(await memory.search("goverance desing", 10));
  }, 60_000);

  it("answers on the calling thread once the thread is gone", async () => {
    await thread!.close();
    const count = answers.length;
    expect(await searchHere("qzxwv", 10)).toEqual(await memory.search("qzxwv", 10));
    expect(await searchHere("goverance desing", 10)).toEqual(await memory.search("goverance desing", 10));
    // The first search found the thread gone; the second did not ask it.
    expect(answers.slice(count)).toEqual(["none"]);
  }, 60_000);
});
