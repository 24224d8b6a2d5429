// Injection attempts through every parameter of the Neo4j store: slugs, link types, search text
// (with Cypher and Lucene syntax) and the stored library itself. Each is answered as not found,
// invalid input or an ordinary result, and the database holds exactly what it held before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError, NotFoundError, type GraphStore, type Slug } from "../../graph/index.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { deleteTestNamespaces, getTestNeo4j, namespaceChecksum, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";
import { lib } from "./store.contract.ts";

const HOSTILE_SLUGS = [
  "x' OR 1=1 //",
  '"}) DETACH DELETE n //',
  "}) DETACH DELETE n //",
  "a`) MATCH (m) DETACH DELETE m //",
  "alpha' }) RETURN 1 UNION MATCH (n) DETACH DELETE n //",
  "$slug",
  "\\u0027; DROP CONSTRAINT atlas_pattern_key",
  "alpha\u0000beta",
];

const HOSTILE_TYPES = [
  "enables`]->() DETACH DELETE n //",
  "ENABLES|REQUIRES",
  "enables*1..",
  "enables]-() MATCH (n) DETACH DELETE n //",
  "en ables",
  "",
];

const HOSTILE_QUERIES = ["title:* OR *", "*:*", "alpha~2", '"alpha', "alpha AND NOT beta", "\\", "(", "') DETACH DELETE n //", "$q", "{}"];

const pattern = (slug: string, title: string) => ({ slug: slug as Slug, title, aliases: [], file: `${slug}.md`, generation: 1 as const });

// Hostile text is data: a library may hold it (as slug, title, type-free fields) and get it back unchanged.
const LIBRARY = lib({
  patterns: [pattern("alpha", "Alpha"), pattern("beta", "Beta"), pattern("x' OR 1=1 //", "}) DETACH DELETE n //")],
  links: [
    { source: "alpha" as Slug, type: "enables", target: "beta" as Slug, declaredIn: "alpha.md", description: "') DETACH DELETE n //" },
    { source: "x' OR 1=1 //" as Slug, type: "related", target: "alpha" as Slug, declaredIn: "x' OR 1=1 //.md" },
  ],
});

let conn: Neo4jTestConnection;
let store: GraphStore;
let namespace: string;
let before: Awaited<ReturnType<typeof namespaceChecksum>>;

beforeAll(async () => {
  conn = await getTestNeo4j();
  namespace = uniqueNamespace("injection");
  store = await createNeo4jStore({ ...conn, namespace });
  await store.load(LIBRARY);
  before = await namespaceChecksum(conn, namespace);
});
afterAll(async () => {
  await store?.close();
  await deleteTestNamespaces();
});

const neighborhood = { depth: 2, direction: "both" as const, limit: 50 };
const paths = { directed: false, k: 3, maxLength: 4 };

describe("the Neo4j store under injection attempts", () => {
  it("stores hostile text as plain data and gives it back unchanged", async () => {
    expect(await store.exportLibrary()).toEqual(LIBRARY);
    expect((await store.getPattern("x' OR 1=1 //")).pattern.title).toBe("}) DETACH DELETE n //");
  });

  it.each(HOSTILE_SLUGS.filter((s) => s !== "x' OR 1=1 //"))("answers the slug %j as not found everywhere", async (slug) => {
    await expect(store.getPattern(slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.neighborhood(slug, neighborhood)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.lineage(slug, 2)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.paths(slug, "alpha", paths)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.paths("alpha", slug, paths)).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(HOSTILE_TYPES)("refuses the link type %j as invalid input", async (type) => {
    await expect(store.neighborhood("alpha", { ...neighborhood, types: ["enables", type] })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store.paths("alpha", "beta", { ...paths, types: [type] })).rejects.toMatchObject({ parameter: "types" });
  });

  it.each(HOSTILE_QUERIES)("treats the search text %j as text", async (query) => {
    const hits = await store.search(query, 10);
    expect(Array.isArray(hits)).toBe(true);
    for (const hit of hits) expect(["alpha", "beta", "x' OR 1=1 //"]).toContain(hit.slug);
  });

  it("finds a pattern whose slug looks like Cypher by that very slug", async () => {
    const found = await store.neighborhood("x' OR 1=1 //", neighborhood);
    expect(found.nodes.map((n) => n.slug)).toEqual(["alpha", "beta", "x' OR 1=1 //"]);
    expect((await store.paths("x' OR 1=1 //", "beta", paths)).paths[0]!.nodes).toEqual(["x' OR 1=1 //", "alpha", "beta"]);
  });

  it("holds exactly what it held before all the attempts", async () => {
    expect(await namespaceChecksum(conn, namespace)).toEqual(before);
    expect(await store.exportLibrary()).toEqual(LIBRARY);
  });
});
