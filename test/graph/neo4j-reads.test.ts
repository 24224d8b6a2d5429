// The Neo4j store's neighbourhoods and paths on the real 2026-02-20 snapshot, against the embedded
// store's answers for seeded queries (hubs, type filters, directions, group pages; paths between
// patterns in different connected parts, directed, filtered, k > 1): once as the load stores the
// copy (cards, parts and adjacency read ready-made), once with those properties removed, as on a
// copy stored before them (every value then made from the relationships: same answers).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import neo4j from "neo4j-driver";
import { createMemoryStore, type GraphStore, type Library, type NeighborhoodOptions, type PathOptions } from "../../graph/index.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { seededRandom } from "../fixtures/literal-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";

type Query = { kind: "neighborhood"; slug: string; options: NeighborhoodOptions } | { kind: "paths"; from: string; to: string; options: PathOptions };

/** Seeded queries over the library: the biggest hubs and random patterns, every kind of option. */
function queries(library: Library): Query[] {
  const random = seededRandom(7);
  const slugs = library.patterns.map((p) => p.slug as string);
  const degree = new Map<string, number>();
  for (const l of library.links) for (const s of [l.source, l.target]) degree.set(s, (degree.get(s) ?? 0) + 1);
  const hubs = [...degree].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s]) => s);
  const pick = (): string => slugs[Math.floor(random() * slugs.length)]!;
  const out: Query[] = [];
  const neighborhoodOptions: NeighborhoodOptions[] = [
    { depth: 2, direction: "both", limit: 200 },
    { depth: 1, direction: "out", limit: 50 },
    { depth: 3, direction: "in", limit: 30, types: ["enables", "requires"] },
    { depth: 2, direction: "both", limit: 5, types: ["related"] },
  ];
  for (const slug of hubs) out.push({ kind: "neighborhood", slug, options: neighborhoodOptions[0]! });
  for (let i = 0; i < 24; i++) out.push({ kind: "neighborhood", slug: pick(), options: neighborhoodOptions[i % neighborhoodOptions.length]! });
  const pathOptions: PathOptions[] = [
    { k: 1, maxLength: 6, directed: false },
    { k: 3, maxLength: 4, directed: false },
    { k: 2, maxLength: 6, directed: true },
    { k: 1, maxLength: 6, directed: false, types: ["enables", "related"] },
    { k: 1, maxLength: 2, directed: false },
  ];
  for (let i = 0; i < 30; i++) out.push({ kind: "paths", from: pick(), to: i % 10 === 0 ? hubs[0]! : pick(), options: pathOptions[i % pathOptions.length]! });
  return out;
}

const answer = (store: GraphStore, q: Query): Promise<unknown> => (q.kind === "neighborhood" ? store.neighborhood(q.slug, q.options) : store.paths(q.from, q.to, q.options));

describe("Neo4j neighbourhoods and paths on the real snapshot", () => {
  let library: Library;
  let memory: GraphStore;
  let store: Neo4jStore;
  let conn: Neo4jTestConnection;
  let asked: Query[];
  let expected: unknown[];

  beforeAll(async () => {
    library = await loadLibrary(realLibrary("2026-02-20"));
    memory = createMemoryStore(library);
    conn = await getTestNeo4j();
    store = await createNeo4jStore({ ...conn, namespace: uniqueNamespace("reads") });
    await store.load(library);
    asked = queries(library);
    expected = await Promise.all(asked.map((q) => answer(memory, q)));
  });

  afterAll(async () => {
    await store?.close();
    await deleteTestNamespaces();
  });

  it("answers as the embedded store, some paths between patterns no path joins included", async () => {
    const noPath = expected.filter((a) => (a as { components?: { same: boolean } }).components?.same === false).length;
    expect(noPath).toBeGreaterThan(0);
    for (let i = 0; i < asked.length; i++) expect(await answer(store, asked[i]!), JSON.stringify(asked[i])).toEqual(expected[i]);
  });

  it("answers them all asked at once, two searches at a time, the others in turn: the same answers", async () => {
    const gated = await createNeo4jStore({ ...conn, namespace: store.namespace, searchesAtOnce: 2 });
    try {
      expect(await Promise.all(asked.map((q) => answer(gated, q)))).toEqual(expected);
    } finally {
      await gated.close();
    }
  });

  it("plans its reads at start by answering one neighbourhood and one path, also on a namespace with nothing loaded", async () => {
    expect(await store.warmReads()).toBeGreaterThanOrEqual(0);
    const empty = await createNeo4jStore({ ...conn, namespace: uniqueNamespace("reads-empty") });
    try {
      expect(await empty.warmReads()).toBeGreaterThanOrEqual(0);
    } finally {
      await empty.close();
    }
  });

  it("answers the same from a copy stored without cards and parts, making them from the relationships", async () => {
    const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
    try {
      const session = driver.session({ database: conn.database });
      const removed = await session.run(
        `MATCH (l:${LABELS.library} {namespace: $ns}) MATCH (p:${LABELS.pattern} {lib: l.current})
         REMOVE p.card, p.part, p.partSummary RETURN count(p) AS n`,
        { ns: store.namespace },
      );
      await session.close();
      expect(Number(removed.records[0]!.get("n"))).toBe(library.patterns.length);
    } finally {
      await driver.close();
    }
    // Every third query: made from the relationships, a hub's answer takes seconds on a loaded machine.
    for (let i = 0; i < asked.length; i += 3) expect(await answer(store, asked[i]!), JSON.stringify(asked[i])).toEqual(expected[i]);
  }, 240_000);
});
