// The gap findings the Neo4j store keeps with each copy (graph/neo4j/neo4j-gaps.ts), on the shared
// test Neo4j: written with a new copy, switched with it, deleted with old copies, nothing written
// again for an unchanged library, added to a copy stored without them, and a load stopped while
// writing them leaves readers on the previous copy's findings.
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalLibrary } from "../../graph/algorithms/library-order.ts";
import { analyseGaps } from "../../graph/gaps/index.ts";
import type { Library, StoredFindingsWhere } from "../../graph/index.ts";
import { gapSetId } from "../../graph/neo4j/neo4j-gaps.ts";
import { copyId, LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";

const EXAMPLE = new URL("../../examples/library", import.meta.url).pathname;
const EVERY: StoredFindingsWhere = { kinds: [], decided: { mode: "show", ids: [] } };

let conn: Neo4jTestConnection;
let driver: Driver;
let example: Library;
/** The example library without its first link: other findings, another copy. */
let changed: Library;
let third: Library;

beforeAll(async () => {
  conn = await getTestNeo4j();
  driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
  example = await loadLibrary(EXAMPLE);
  changed = { ...example, links: example.links.slice(1) };
  third = { ...example, links: example.links.slice(2) };
}, 60_000);
afterAll(async () => {
  await driver?.close();
});

async function count(query: string, params: Record<string, unknown> = {}): Promise<number> {
  const { records } = await driver.executeQuery(query, params, { database: conn.database });
  return Number(records[0]!.get("n"));
}
const findingsOf = (lib: string) => count(`MATCH (f:${LABELS.gapFinding} {lib: $lib}) RETURN count(f) AS n`, { lib });
const nodesOf = (lib: string) => count(`MATCH (n) WHERE n.lib = $lib OR (n:${LABELS.copy} AND n.id = $lib) RETURN count(n) AS n`, { lib });

async function withStore<T>(prefix: string, work: (store: Neo4jStore, namespace: string) => Promise<T>): Promise<T> {
  const namespace = uniqueNamespace(prefix);
  // Each load here writes a new copy (a small change would otherwise change the current one in place).
  const store = await createNeo4jStore({ ...conn, namespace, inPlace: false });
  try {
    return await work(store, namespace);
  } finally {
    await store.close();
  }
}

describe("gap findings stored with each Neo4j copy", () => {
  it("writes the analysis's findings with a new copy, in report order, under the store's own label only", async () => {
    await withStore("gaps-new", async (store, namespace) => {
      const expected = analyseGaps(canonicalLibrary(example));
      const report = await store.loadWithReport(example);
      expect(report.gaps).toMatchObject({ written: true, findings: expected.findings.length });
      const stored = await store.storedGaps();
      expect(stored?.summary).toMatchObject({ library: expected.library, counts: expected.counts, findings: expected.findings.length });
      expect(await stored!.all(EVERY)).toEqual(expected.findings);
      expect(await findingsOf(copyId(namespace, canonicalLibrary(example)))).toBe(expected.findings.length);
      // Bookkeeping: no plain label a person's query would match.
      expect(await count(`MATCH (f:${LABELS.gapFinding}) WHERE size(labels(f)) <> 1 RETURN count(f) AS n`)).toBe(0);
    });
  }, 120_000);

  it("switches the findings with the copy and deletes them with the old copies", async () => {
    await withStore("gaps-switch", async (store, namespace) => {
      const [first, second] = [copyId(namespace, canonicalLibrary(example)), copyId(namespace, canonicalLibrary(changed))];
      await store.load(example);
      await store.load(changed);
      expect(await (await store.storedGaps())!.all(EVERY)).toEqual(analyseGaps(canonicalLibrary(changed)).findings);
      // The previous copy keeps its findings until the next load (a reader may still be on it).
      expect(await findingsOf(first)).toBe(analyseGaps(canonicalLibrary(example)).findings.length);
      await store.load(third);
      expect(await nodesOf(first)).toBe(0);
      expect(await findingsOf(second)).toBeGreaterThan(0);
      // Loading the previous library again only moves the pointer back: its findings come with it.
      const restored = await store.loadWithReport(changed);
      expect(restored).toMatchObject({ outcome: "restored", gaps: { written: false } });
      expect(await (await store.storedGaps())!.all(EVERY)).toEqual(analyseGaps(canonicalLibrary(changed)).findings);
    });
  }, 120_000);

  it("writes nothing again for an unchanged library", async () => {
    await withStore("gaps-same", async (store, namespace) => {
      await store.load(example);
      const lib = copyId(namespace, canonicalLibrary(example));
      const ids = `MATCH (f:${LABELS.gapFinding} {lib: $lib}) RETURN collect(elementId(f)) AS ids`;
      const before = (await driver.executeQuery(ids, { lib }, { database: conn.database })).records[0]!.get("ids") as string[];
      const report = await store.loadWithReport(example);
      expect(report).toMatchObject({ outcome: "unchanged", transactions: 0, gaps: { written: false, transactions: 0 } });
      const after = (await driver.executeQuery(ids, { lib }, { database: conn.database })).records[0]!.get("ids") as string[];
      expect(after.sort()).toEqual(before.sort());
    });
  }, 120_000);

  it("adds the findings to a copy stored without them, without rewriting the library", async () => {
    await withStore("gaps-added", async (store, namespace) => {
      await store.load(example);
      const lib = copyId(namespace, canonicalLibrary(example));
      // What a load by the previous version left: the copy, no findings, no pointer to them.
      await driver.executeQuery(`MATCH (f:${LABELS.gapFinding} {lib: $lib}) DELETE f`, { lib }, { database: conn.database });
      await driver.executeQuery(`MATCH (g:${LABELS.copy} {id: $lib}) REMOVE g.gaps, g.gapsReport`, { lib }, { database: conn.database });
      expect(await store.storedGaps()).toBeUndefined();
      const patterns = `MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN collect(elementId(p)) AS ids`;
      const before = (await driver.executeQuery(patterns, { lib }, { database: conn.database })).records[0]!.get("ids") as string[];

      const report = await store.loadWithReport(example);
      expect(report).toMatchObject({ outcome: "unchanged", transactions: 0, gaps: { written: true } });
      expect(await (await store.storedGaps())!.all(EVERY)).toEqual(analyseGaps(canonicalLibrary(example)).findings);
      const after = (await driver.executeQuery(patterns, { lib }, { database: conn.database })).records[0]!.get("ids") as string[];
      expect(after.sort()).toEqual(before.sort());
      // A set another version wrote is replaced, not kept beside the new one.
      await driver.executeQuery(`MATCH (g:${LABELS.copy} {id: $lib}) SET g.gaps = 'older'`, { lib }, { database: conn.database });
      await store.load(example);
      expect(await count(`MATCH (f:${LABELS.gapFinding} {lib: $lib}) WHERE f.set <> $set RETURN count(f) AS n`, { lib, set: gapSetId(lib) })).toBe(0);
      expect(await findingsOf(lib)).toBe(analyseGaps(canonicalLibrary(example)).findings.length);
    });
  }, 120_000);

  it("leaves readers on the previous copy's findings when a load is stopped while writing its findings", async () => {
    await withStore("gaps-stopped", async (store, namespace) => {
      await store.load(example);
      const version = await store.version();
      const big = await loadLibrary(realLibrary("2026-02-20"));
      const copy = copyId(namespace, canonicalLibrary(big));
      let settled = false;
      const load = store.loadWithReport(big).then(
        () => "finished",
        (e: unknown) => e,
      );
      void load.finally(() => (settled = true));
      let terminated = 0;
      const deadline = Date.now() + 150_000;
      while (!settled && Date.now() < deadline) {
        const { records } = await driver.executeQuery(
          `SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery CONTAINS 'CREATE (f:${LABELS.gapFinding})' RETURN transactionId`,
          {},
          { database: conn.database },
        );
        const ids = records.map((r) => r.get("transactionId") as string);
        if (ids.length > 0) {
          await driver.executeQuery("TERMINATE TRANSACTIONS $ids", { ids }, { database: conn.database });
          terminated += 1;
        } else await new Promise((r) => setTimeout(r, 5));
      }
      const outcome = await load;
      expect(terminated).toBeGreaterThan(0);
      expect(outcome).toBeInstanceOf(Error);
      expect(await store.version()).toBe(version);
      expect(await (await store.storedGaps())!.all(EVERY)).toEqual(analyseGaps(canonicalLibrary(example)).findings);
      // Nothing of the stopped copy is left, its findings included.
      expect(await nodesOf(copy)).toBe(0);
    });
  }, 240_000);
});
