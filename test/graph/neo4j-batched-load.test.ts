// Loading into a Neo4j whose transaction memory limit is far below what the whole library needs in
// one transaction: the load still succeeds in batches, a load that fails midway leaves readers on
// the previous library, and a transaction too large even for the smallest batch is reported with
// the setting to raise, not as "unavailable".
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResourceLimitError, StoreUnavailableError, type Library, type Slug } from "../../graph/index.ts";
import { canonicalLibrary } from "../../graph/algorithms/library-order.ts";
import { isMemoryLimit } from "../../graph/neo4j/neo4j-errors.ts";
import { copyId, LABELS, patternProperties } from "../../graph/neo4j/neo4j-model.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/load-library.ts";
import { scaleLibrary } from "../bench/lib/scale-library.ts";
import { startDedicatedNeo4j, type DedicatedNeo4j } from "../setup/neo4j-dedicated.ts";

const EXAMPLE = path.resolve(import.meta.dirname, "../../examples/library");
/** Neo4j's smallest accepted limit; the scaled library needs several times more in one transaction. */
const LIMIT = "10m";
const FACTOR = 150;
/** Loads of the scaled library take ~20-30 s on a busy 2-core machine. */
const LOAD_TIMEOUT_MS = 180_000;

let neo: DedicatedNeo4j;
let driver: Driver;
let small: Library;
let big: Library;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "atlas-batched-"));
  const [started] = await Promise.all([
    startDedicatedNeo4j({ "db.memory.transaction.total.max": LIMIT }),
    scaleLibrary(EXAMPLE, folder, { factor: FACTOR }),
  ]);
  neo = started;
  driver = neo4j.driver(neo.connection.uri, neo4j.auth.basic(neo.connection.user, neo.connection.password), { disableLosslessIntegers: true });
  small = await loadLibrary(EXAMPLE);
  big = await loadLibrary(folder);
}, 240_000);

afterAll(async () => {
  await driver?.close();
  await neo?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

const store = (namespace: string): Promise<Neo4jStore> => createNeo4jStore({ ...neo.connection, namespace });

async function nodesOf(lib: string): Promise<number> {
  const { records } = await driver.executeQuery(
    `MATCH (n) WHERE n.lib = $lib OR (n:${LABELS.copy} AND n.id = $lib) RETURN count(n) AS n`,
    { lib },
    { database: "neo4j" },
  );
  return Number(records[0]!.get("n"));
}

describe("loading into Neo4j under a transaction memory limit", () => {
  it("needs more than the limit in one transaction, and still loads in batches", async () => {
    // The whole library's patterns in one transaction, as the load did before it was batched.
    const rows = canonicalLibrary(big).patterns.map((p, i) => patternProperties(p, { degree: 0, inDegree: 0, outDegree: 0, importance: 0, importancePercentile: 0 }, i, 0));
    // An explicit transaction: the driver's managed ones retry a memory refusal for half a minute.
    const session = driver.session({ database: "neo4j" });
    const tx = session.beginTransaction();
    const refused = await tx.run(`UNWIND $rows AS row CREATE (p:AtlasOneTransaction) SET p = row`, { rows }).then(() => undefined, (error: unknown) => error);
    await tx.close().catch(() => undefined);
    await session.close();
    expect(isMemoryLimit(refused), `one transaction of ${rows.length} patterns should exceed ${LIMIT}`).toBe(true);

    const atlas = await store("batched");
    try {
      const report = await atlas.loadWithReport(big);
      expect(report.outcome).toBe("written");
      expect(report.transactions).toBeGreaterThan(1);
      const stats = await atlas.stats();
      expect(stats.patterns).toBe(FACTOR * small.patterns.length);
      expect(stats.links).toBe(FACTOR * small.links.length);
      expect(stats.dangling).toBe(FACTOR * small.dangling.length);
      expect((await atlas.getPattern("cqrs-x150")).pattern.title).toBe("Command Query Responsibility Segregation (150)");
    } finally {
      await atlas.close();
    }
  }, LOAD_TIMEOUT_MS);

  it("reports a transaction too large for the smallest batch with the setting to raise, and leaves readers on the previous library", async () => {
    const namespace = "oversized";
    const atlas = await store(namespace);
    try {
      await atlas.loadWithReport(small);
      const before = await atlas.version();
      // One pattern larger than the whole limit, sorted after the others: the load fails midway.
      const huge = { slug: "zzz-oversized" as Slug, title: "Oversized", aliases: [], file: "zzz-oversized.md", generation: 2 as const, summary: "x".repeat(12 * 1024 * 1024) };
      const library: Library = { ...big, files: big.files + 1, patterns: [...big.patterns, huge] };
      const copy = copyId(namespace, canonicalLibrary(library));

      const error = await atlas.loadWithReport(library).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceLimitError);
      expect(error).not.toBeInstanceOf(StoreUnavailableError);
      const message = (error as ResourceLimitError).message;
      expect(message).toMatch(/db\.memory\.transaction\.total\.max/);
      expect(message).toMatch(/heap/);
      expect(message).not.toMatch(/unavailable/);

      expect(await atlas.version()).toBe(before);
      expect((await atlas.stats()).patterns).toBe(small.patterns.length);
      // What was written of the failed copy is gone.
      expect(await nodesOf(copy)).toBe(0);
    } finally {
      await atlas.close();
    }
  }, LOAD_TIMEOUT_MS);

  it("leaves readers on the previous library when a batch is terminated midway, removes what it wrote, and the next load completes", async () => {
    const namespace = "terminated";
    const reader = await store(namespace);
    try {
      await reader.loadWithReport(small);
      const before = await reader.version();
      const copy = copyId(namespace, canonicalLibrary(big));

      let settled = false;
      const load = reader.loadWithReport(big).then(
        () => "finished",
        (e: unknown) => e,
      );
      void load.finally(() => (settled = true));
      // Once the links are being written (every pattern batch committed), terminate the load's
      // transactions until it gives up.
      let written = 0;
      let terminated = 0;
      const deadline = Date.now() + 120_000;
      while (!settled && Date.now() < deadline) {
        const { records } = await driver.executeQuery(
          `SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery STARTS WITH 'UNWIND' AND currentQuery CONTAINS 'MATCH (a:${LABELS.pattern}' RETURN transactionId`,
          {},
          { database: "neo4j" },
        );
        const ids = records.map((r) => r.get("transactionId") as string);
        if (ids.length > 0) {
          if (terminated === 0) written = await nodesOf(copy);
          await driver.executeQuery("TERMINATE TRANSACTIONS $ids", { ids }, { database: "neo4j" });
          terminated += 1;
        } else {
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      const outcome = await load;
      expect(terminated).toBeGreaterThan(0);
      expect(written).toBeGreaterThan(big.patterns.length);
      expect(outcome).not.toBe("finished");

      expect(await reader.version()).toBe(before);
      expect((await reader.stats()).patterns).toBe(small.patterns.length);
      expect(await nodesOf(copy)).toBe(0);

      const again = await reader.loadWithReport(big);
      expect(again.outcome).toBe("written");
      expect((await reader.stats()).patterns).toBe(big.patterns.length);
      expect(await reader.version()).not.toBe(before);
    } finally {
      await reader.close();
    }
  }, LOAD_TIMEOUT_MS);
});
