// The database as a person opening it in Neo4j Browser sees it: after two loads of different
// snapshots of the real library, the plain labels show the current library once (the previous
// copy is still stored, under the store's own labels only), every Cypher query of
// docs/neo4j.md "Querying the database yourself" runs exactly as written there and answers what the
// library's files say, and a database written by an older version is converted and tidied.
import { readFileSync } from "node:fs";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type Library } from "../../graph/index.ts";
import { LABELS, VIEW_LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/load-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { startDedicatedNeo4j, type DedicatedNeo4j } from "../setup/neo4j-dedicated.ts";

const DOC = path.resolve(import.meta.dirname, "../../docs/neo4j.md");

/** The ```cypher blocks of the docs section "Querying the database yourself", in order. */
function documentedQueries(): string[] {
  const text = readFileSync(DOC, "utf8");
  const section = text.slice(text.indexOf("## Querying the database yourself"));
  return [...section.matchAll(/```cypher\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
}

let neo: DedicatedNeo4j;
let driver: Driver;
let atlas: Neo4jStore;
let first: Library;
let current: Library;
let queries: string[];

const run = async (cypher: string, params: Record<string, unknown> = {}) =>
  (await driver.executeQuery(cypher, params, { database: "neo4j" })).records.map((r) => r.toObject());

const count = async (cypher: string): Promise<number> => Number((await run(cypher))[0]!.n);

beforeAll(async () => {
  const [started, older, newer] = await Promise.all([startDedicatedNeo4j(), loadLibrary(realLibrary("2026-01-29")), loadLibrary(realLibrary("2026-02-20"))]);
  neo = started;
  first = older;
  current = newer;
  queries = documentedQueries();
  driver = neo4j.driver(neo.connection.uri, neo4j.auth.basic(neo.connection.user, neo.connection.password), { disableLosslessIntegers: true });
  atlas = await createNeo4jStore({ ...neo.connection });
  expect((await atlas.loadWithReport(first)).outcome).toBe("written");
  expect((await atlas.loadWithReport(current)).outcome).toBe("written");
}, 300_000);

afterAll(async () => {
  await atlas?.close();
  await driver?.close();
  await neo?.stop();
}, 60_000);

describe("the database as a person querying it sees it", () => {
  it("labels the current library once; the previous copy is there under the store's labels only", async () => {
    expect(await count(`MATCH (p:${VIEW_LABELS.pattern}) RETURN count(p) AS n`)).toBe(current.patterns.length);
    expect(await count(`MATCH (d:${VIEW_LABELS.dangling}) RETURN count(d) AS n`)).toBe(current.dangling.length);
    // Both copies are stored (the previous one until the next load) ...
    expect(await count(`MATCH (p:${LABELS.pattern}) RETURN count(p) AS n`)).toBe(current.patterns.length + first.patterns.length);
    // ... and no node of the previous one carries a plain label.
    expect(await count(`MATCH (n) WHERE (n:${VIEW_LABELS.pattern} OR n:${VIEW_LABELS.dangling}) AND n.lib <> COLLECT { MATCH (l:${LABELS.library}) RETURN l.current }[0] RETURN count(n) AS n`)).toBe(0);
    // No relationship leaves the current library for another copy.
    expect(await count(`MATCH (:${VIEW_LABELS.pattern})-[r]-(p) WHERE NOT p:${VIEW_LABELS.pattern} RETURN count(r) AS n`)).toBe(0);
  });

  it("documents six queries, and every one runs as written", async () => {
    expect(queries).toHaveLength(6);
    for (const q of queries) await expect(run(q), q).resolves.toBeInstanceOf(Array);
  });

  it("counts the current library as its files do", async () => {
    const [row] = await run(queries[0]!);
    expect(row).toEqual({ patterns: current.patterns.length, links: current.links.length, danglingReferences: current.dangling.length });
  });

  it("lists a pattern's children once each, with who declares the step", async () => {
    const parent = "adaptive-leadership-under-uncertainty";
    const expected = new Map<string, { childDeclares: boolean; parentDeclares: boolean }>();
    for (const l of current.links) {
      if (l.type === "generalizes_from" && l.target === parent && l.source !== parent) {
        expected.set(l.source, { childDeclares: true, parentDeclares: expected.get(l.source)?.parentDeclares ?? false });
      }
      if (l.type === "specializes_to" && l.source === parent && l.target !== parent) {
        expected.set(l.target, { childDeclares: expected.get(l.target)?.childDeclares ?? false, parentDeclares: true });
      }
    }
    const rows = await run(queries[1]!);
    expect(rows.length).toBeGreaterThan(5);
    expect(new Map(rows.map((r) => [r.child as string, { childDeclares: r.childDeclares as boolean, parentDeclares: r.parentDeclares as boolean }]))).toEqual(expected);
  });

  it("gives a lineage's descendants as the lineage view does", async () => {
    const memory = createMemoryStore(current);
    const lineage = await memory.lineage("adaptive-leadership-under-uncertainty", 4);
    const descendants = lineage.nodes.filter((n) => n.level > 0).map((n) => n.slug as string).sort();
    // The view counts a pattern that is both ancestor and descendant as an ancestor; the query does not.
    const ancestors = new Set(lineage.nodes.filter((n) => n.level < 0).map((n) => n.slug as string));
    const rows = (await run(queries[2]!)).map((r) => r.descendant as string).filter((s) => !ancestors.has(s));
    expect(descendants.length).toBeGreaterThan(20);
    expect(rows.sort()).toEqual(descendants);
  });

  it("finds exactly the one-sided lineage declarations of the files", async () => {
    const key = (child: string, parent: string) => `${child} <- ${parent}`;
    const childSays = new Set<string>();
    const parentSays = new Set<string>();
    for (const l of current.links) {
      if (l.source === l.target) continue;
      if (l.type === "generalizes_from") childSays.add(key(l.source, l.target));
      if (l.type === "specializes_to") parentSays.add(key(l.target, l.source));
    }
    const expected = [...[...childSays].filter((k) => !parentSays.has(k)).map((k) => `${k} child only`), ...[...parentSays].filter((k) => !childSays.has(k)).map((k) => `${k} parent only`)].sort();
    const rows = (await run(queries[3]!)).map((r) => `${key(r.child as string, r.parent as string)} ${r.declaredBy as string}`).sort();
    expect(rows.length).toBeGreaterThan(100);
    expect(rows).toEqual(expected);
  });

  it("lists a file's dangling references with their lines", async () => {
    const file = "5s-methodology-workplace-organization.md";
    const expected = current.dangling.filter((d) => d.declaredIn === file).map((d) => `${d.line}|${d.type}|${d.target}`).sort();
    expect(expected.length).toBeGreaterThan(0);
    const rows = (await run(queries[4]!)).map((r) => `${r.line as number}|${r.type as string}|${r.target as string}`).sort();
    expect(rows).toEqual(expected);
  });

  it("ranks the most linked patterns by the store's degree", async () => {
    const stats = await createMemoryStore(current).stats();
    const rows = await run(queries[5]!);
    expect(rows).toHaveLength(10);
    expect(rows[0]!.slug).toBe(stats.hubs[0]!.slug);
  });
});

describe("a database written by an older version", () => {
  it("is converted when the store starts and tidied by the loads that follow", async () => {
    const ns = "legacy";
    const old = `${ns}/written-by-model-4`;
    // What model version 4 wrote: the plain labels on every copy, no store labels.
    await run(
      `CREATE (:AtlasGeneration {id: $old, namespace: $ns, complete: true, startedAt: timestamp()})
       CREATE (:AtlasLibrary {namespace: $ns, current: $old})
       CREATE (a:Pattern {lib: $old, slug: 'alpha', title: 'Alpha', rank: 0})-[:ENABLES]->(b:Pattern {lib: $old, slug: 'beta', title: 'Beta', rank: 1})
       CREATE (:DanglingRef {lib: $old, source: 'alpha', type: 'related', target: 'gone', rank: 2})
       CREATE (:Problem {lib: $old, file: 'x.md', kind: 'invalid-yaml', message: 'broken'})`,
      { old, ns },
    );
    // New copies each time (a one-pattern change would otherwise be applied in place): this is about
    // how the copy switch tidies older copies.
    const store = await createNeo4jStore({ ...neo.connection, namespace: ns, inPlace: false });
    try {
      expect(await count(`MATCH (n:DanglingRef) RETURN count(n) AS n`)).toBe(0);
      expect(await count(`MATCH (n:Problem) RETURN count(n) AS n`)).toBe(0);
      expect(await count(`MATCH (n:${LABELS.pattern} {lib: '${old}'}) RETURN count(n) AS n`)).toBe(2);

      // The first load makes the old copy the previous one: no plain labels on it any more.
      const example = await loadLibrary(path.resolve(import.meta.dirname, "../../examples/library"));
      await store.load(example);
      expect(await count(`MATCH (n:${VIEW_LABELS.pattern}) WHERE n.lib STARTS WITH '${ns}/' RETURN count(n) AS n`)).toBe(example.patterns.length);
      expect(await count(`MATCH (n {lib: '${old}'}) WHERE n:${VIEW_LABELS.pattern} OR n:${VIEW_LABELS.dangling} RETURN count(n) AS n`)).toBe(0);
      // The next one deletes it, as it deletes any copy older than the previous one.
      await store.load({ ...example, patterns: example.patterns.slice(1), links: example.links.filter((l) => l.source !== example.patterns[0]!.slug && l.target !== example.patterns[0]!.slug) });
      expect(await count(`MATCH (n {lib: '${old}'}) RETURN count(n) AS n`)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
