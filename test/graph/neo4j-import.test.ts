// A first load through Neo4j's offline importer (graph/neo4j/neo4j-import.ts), against a Bolt first
// load of the same library: the example library imported into a new launcher home by the importer of
// the launcher's own Neo4j artifacts, that launcher started on it, and the same library loaded by Bolt
// into the shared test Neo4j under the same namespace (so both copies have the same id). Compared:
// every stored row (the copy's and the namespace's nodes, attachments included), and the API's answers
// of both, which must also be the answers recorded for the Bolt load (answers-unchanged.json).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { gunzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Library } from "../../graph/index.ts";
import { importFirstLoad, checkImportTarget, type Neo4jImportReport } from "../../graph/neo4j/neo4j-import.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { SCHEMA } from "../../graph/neo4j/neo4j-schema.ts";
import { vocabularyRows } from "../../graph/neo4j/neo4j-search-vocabulary.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { overviewAttachments } from "../../server/overview-stored.ts";
import { answer, COMMON, EXAMPLE_REQUESTS, type Answer } from "../server/answer-requests.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT } from "../server/helpers.ts";
import { startDedicatedNeo4j, type DedicatedNeo4j } from "../setup/neo4j-dedicated.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";

/** The importer of the launcher's own artifacts (what NEO4J_ADMIN names in the docs' test set-up). */
const ADMIN = ["java", "-Xms256m", "-Xmx512m", "-cp", `${resolve(REPO_ROOT, "test/neo4j/target/lib")}/*`, "org.neo4j.cli.AdminTool"];

let library: Library;
let namespace: string;
let home: string;
let report: Neo4jImportReport;
let shared: Neo4jTestConnection;
let imported: DedicatedNeo4j;
let boltStore: Neo4jStore;
let importedStore: Neo4jStore;
const drivers: Driver[] = [];

beforeAll(async () => {
  library = await loadLibrary(EXAMPLE_LIBRARY);
  namespace = uniqueNamespace("import");
  home = mkdtempSync(join(tmpdir(), "atlas-import-test-"));
  // The same attachment maker both ways: the overview's parts, laid out on this thread.
  const attachments = overviewAttachments({});
  report = await importFirstLoad(library, { home, namespace, attachments, command: ADMIN });
  shared = await getTestNeo4j();
  [imported, boltStore] = await Promise.all([
    startDedicatedNeo4j({}, "-Xms128m -Xmx512m -XX:+UseG1GC", home),
    createNeo4jStore({ ...shared, namespace, attachments }).then(async (store) => {
      await store.load(library);
      return store;
    }),
  ]);
  importedStore = await createNeo4jStore({ ...imported.connection, namespace });
}, 300_000);

afterAll(async () => {
  for (const driver of drivers) await driver.close();
  await importedStore?.close();
  await boltStore?.close();
  await imported?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
  await deleteTestNamespaces();
});

function driverOf(connection: Neo4jTestConnection): Driver {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  drivers.push(driver);
  return driver;
}

/** JSON without the times it holds (the layout's, the gap analysis's), which differ from run to run. */
const untimed = (json: string): string => json.replace(/"(ms|analysisMs)":\d+(\.\d+)?/g, '"$1":0');

/** A stored value with its type, as the dump of test/bench/neo4j-dump-rows.ts shows it. */
function typed(value: unknown): unknown {
  if (neo4j.isInt(value)) return `int:${value.toString()}`;
  // An attachment: the overview's part, gzipped JSON, which says how long its layout took.
  if (value instanceof Int8Array) return `gzipped:${untimed(gunzipSync(Buffer.from(value.buffer, value.byteOffset, value.byteLength)).toString("utf8"))}`;
  if (typeof value === "string" && value.startsWith('{"format"')) {
    // Its part's etag and size, made of the JSON with its time: the JSON itself is compared above.
    const { etag: _etag, bytes: _bytes, ...meta } = JSON.parse(value) as Record<string, unknown>;
    return `meta:${untimed(JSON.stringify(meta))}`;
  }
  if (typeof value === "string") return `string:${JSON.stringify(untimed(value))}`;
  if (Array.isArray(value)) return value.map(typed);
  return `${typeof value}:${JSON.stringify(value)}`;
}

/**
 * Every node of the namespace (its node, its copy's node, the copy's rows, findings and attachments)
 * and every relationship between its patterns, one sorted line each. Values that differ by nature are
 * named, not compared: the copy's start time, an attachment's writer id and its gzipped size (its JSON
 * holds the layout's time; the JSON is compared, without it).
 */
async function dump(connection: Neo4jTestConnection): Promise<string[]> {
  const driver = driverOf(connection);
  const rows = (match: string, params: Record<string, unknown>) =>
    driver.executeQuery(
      `${match} RETURN labels(n) AS labels, properties(n) AS props, COLLECT { MATCH (n)-[r]->(m) RETURN [type(r), m.slug, properties(r)] } AS out`,
      params,
      { database: connection.database },
    );
  const library = await rows(`MATCH (n:${LABELS.library} {namespace: $ns})`, { ns: namespace });
  const lib = (library.records[0]?.get("props") as { current?: string } | undefined)?.current;
  expect(lib).toBeDefined();
  const records = [...library.records, ...(await rows(`MATCH (n:${LABELS.copy} {id: $lib})`, { lib })).records];
  for (const label of [LABELS.pattern, LABELS.dangling, LABELS.problem, LABELS.gapFinding, LABELS.attachment, LABELS.searchToken]) records.push(...(await rows(`MATCH (n:${label} {lib: $lib})`, { lib })).records);
  return records
    .map((r) => {
      const props = r.get("props") as Record<string, unknown>;
      const shown = Object.keys(props)
        .sort()
        .map((k) => `${k}=${k === "startedAt" || k === "writer" || k === "size" ? "(differs)" : JSON.stringify(typed(props[k]))}`);
      const out = (r.get("out") as [string, string, Record<string, unknown>][]).map(([type, slug, p]) => `${type}>${slug} ${JSON.stringify(Object.keys(p).sort().map((k) => [k, typed(p[k])]))}`).sort();
      return `${[...(r.get("labels") as string[])].sort().join(":")} ${shown.join(" ")} ${out.join(" ")}`;
    })
    .sort();
}

describe("a first load through Neo4j's offline importer", () => {
  it("writes every row, finding and overview part of the library, and deletes its CSV files", () => {
    expect(report).toMatchObject({ patterns: library.patterns.length, links: library.links.length, dangling: library.dangling.length, problems: library.problems.length, attachments: 2 });
    expect(report.findings).toBeGreaterThan(0);
    expect(report.imported).toMatch(/nodes/);
    expect(readdirSync(home).filter((name) => name.startsWith("atlas-import-"))).toEqual([]);
  });

  it("stores what a Bolt first load stores, but for empty lists, which it leaves out", async () => {
    const [bolt, offline] = await Promise.all([dump(shared), dump(imported.connection)]);
    // The example library has patterns without aliases: the Bolt load stores them as [], the importer cannot.
    const emptyAliases = bolt.filter((line) => line.includes(" aliases=[] ")).length;
    expect(emptyAliases).toBeGreaterThan(0);
    expect(offline.filter((line) => line.includes(" aliases=[] "))).toEqual([]);
    const expected = bolt.map((line) => line.replace(" aliases=[] ", " ")).sort();
    // The lines only one side has, so that a failure shows what differs.
    expect({ onlyImported: offline.filter((l) => !expected.includes(l)), onlyBolt: expected.filter((l) => !offline.includes(l)) }).toEqual({ onlyImported: [], onlyBolt: [] });
    expect(offline).toEqual(expected);
    // The search vocabulary's tokens (neo4j-search-vocabulary.ts) among them, on both sides.
    const tokens = vocabularyRows(library).length;
    expect(tokens).toBeGreaterThan(library.patterns.length);
    expect(offline.filter((line) => line.startsWith(`${LABELS.searchToken} `)).length).toBe(tokens);
    expect(offline.length).toBe(library.patterns.length + library.dangling.length + library.problems.length + report.findings + 4 + 2 + tokens);
  });

  it("answers every pinned request as the Bolt load does, and as recorded for it", async () => {
    const boltApp = createApp({ store: boltStore, logger: silentLogger, responseCacheMb: 0 });
    const importedApp = createApp({ store: importedStore, logger: silentLogger, responseCacheMb: 0 });
    // Patterns without aliases (stored without the property), and a search that reaches them.
    const more = ["/api/patterns/bulkhead", "/api/search?q=bulk", "/api/gaps?kind=orphan", "/api/gaps?groupBy=file", "/api/neighborhood/bulkhead?depth=2"];
    const pinned = JSON.parse(readFileSync(join(REPO_ROOT, "test/server/answers-unchanged.json"), "utf8")) as Record<string, Answer>;
    const differ: string[] = [];
    for (const url of [...COMMON, ...EXAMPLE_REQUESTS, ...more]) {
      const [got, want] = [await answer(importedApp, url), await answer(boltApp, url)];
      if (JSON.stringify(got) !== JSON.stringify(want) && process.env.IMPORT_TEST_SHOW) process.stderr.write(`${url}\n${(await request(importedApp).get(url)).text}\n${(await request(boltApp).get(url)).text}\n`);
      if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`${url}: import ${got.status} ${got.bytes} B, Bolt ${want.status} ${want.bytes} B`);
      const record = pinned[`neo4j example GET ${url}`];
      if (record && JSON.stringify(got) !== JSON.stringify(record)) differ.push(`${url}: import ${got.status} ${got.bytes} B, recorded ${record.status} ${record.bytes} B`);
      expect(got.status, url).toBeLessThan(500);
    }
    expect(differ).toEqual([]);
  });

  it("is the current copy a Bolt load of the same library finds unchanged: nothing written, findings and overview kept", async () => {
    const again = await createNeo4jStore({ ...imported.connection, namespace, attachments: overviewAttachments({}) });
    try {
      const load = await again.loadWithReport(library);
      expect(load).toMatchObject({ copy: report.copy, outcome: "unchanged", transactions: 0, gaps: { written: false, findings: report.findings } });
    } finally {
      await again.close();
    }
  });

  it("gets the store's schema from the first store that connects, every index online", async () => {
    const { records } = await driverOf(imported.connection).executeQuery("SHOW INDEXES YIELD name, state RETURN name, state", {}, { database: "neo4j" });
    const state = new Map(records.map((r) => [String(r.get("name")), String(r.get("state"))]));
    for (const statement of SCHEMA) {
      const name = /^CREATE (?:CONSTRAINT|INDEX) (\w+) /.exec(statement)![1]!;
      expect(state.get(name), name).toBe("ONLINE");
    }
  });

  it("refuses a database that exists, and leaves it as it was", async () => {
    await expect(importFirstLoad(library, { home, namespace: `${namespace}-again`, command: ADMIN })).rejects.toThrow(/already exists.*never replaces one/);
    expect(() => checkImportTarget(home, "neo4j")).toThrow(/already exists/);
    // A database name not created yet is accepted.
    expect(() => checkImportTarget(home, "other")).not.toThrow();
    expect((await importedStore.stats()).patterns).toBe(library.patterns.length);
  });

  it("fails without importing when the importer cannot be run, and says what to set", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "atlas-import-test-"));
    try {
      await expect(importFirstLoad(library, { home: fresh, namespace, command: ["/nonexistent/neo4j-admin"] })).rejects.toThrow(/NEO4J_ADMIN/);
      expect(readdirSync(join(fresh)).filter((name) => name.startsWith("atlas-import-"))).toEqual([]);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
