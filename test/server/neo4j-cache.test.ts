// The server's caches in front of a real Neo4j: a re-ingest by another process (here, another store
// with its own driver on the same namespace) is seen by the very next request, through the cheap
// version check, for cached answers and the overview alike.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSlug, type Library } from "../../graph/index.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { makeApp, SMALL_LIBRARY } from "./helpers.ts";

const WITHOUT_ORPHAN: Library = { ...SMALL_LIBRARY, patterns: SMALL_LIBRARY.patterns.filter((p) => p.slug !== "lonely-orphan") };
const RENAMED: Library = {
  ...SMALL_LIBRARY,
  patterns: SMALL_LIBRARY.patterns.map((p) => (p.slug === asSlug("coaching") ? { ...p, title: "Coaching, renamed" } : p)),
};

let server: Neo4jStore;
let ingest: Neo4jStore;

beforeAll(async () => {
  const conn = await getTestNeo4j();
  const namespace = uniqueNamespace("server-cache");
  server = await createNeo4jStore({ ...conn, namespace });
  ingest = await createNeo4jStore({ ...conn, namespace });
  await ingest.load(SMALL_LIBRARY);
});

afterAll(async () => {
  await server?.close();
  await ingest?.close();
  await deleteTestNamespaces();
});

describe("the answer cache on Neo4j", () => {
  it("serves the library another process loaded from the next request on", async () => {
    const { app } = makeApp(undefined, { store: server });
    expect((await request(app).get("/api/stats").expect(200)).body.patterns).toBe(7);
    expect((await request(app).get("/api/patterns/coaching").expect(200)).body.pattern.title).toBe("Coaching");
    // Cached now; another process replaces the library.
    await request(app).get("/api/patterns/coaching").expect(200);
    await ingest.load(RENAMED);
    expect((await request(app).get("/api/patterns/coaching").expect(200)).body.pattern.title).toBe("Coaching, renamed");
    await ingest.load(WITHOUT_ORPHAN);
    expect((await request(app).get("/api/stats").expect(200)).body.patterns).toBe(6);
    await request(app).get("/api/patterns/lonely-orphan").expect(404);
  });

  it("lays the overview out again when another process changed the library, and only then", async () => {
    await ingest.load(SMALL_LIBRARY);
    const { app, logger } = makeApp(undefined, { store: server });
    const layouts = () => logger.lines.filter((l) => l.message.startsWith("Overview layout")).length;
    const first = await request(app).get("/api/overview").expect(200);
    await request(app).get("/api/overview").expect(200);
    expect(layouts()).toBe(1);
    await ingest.load(WITHOUT_ORPHAN);
    const after = await request(app).get("/api/overview").expect(200);
    expect(after.body.nodes.slug).toHaveLength(6);
    expect(after.headers["etag"]).not.toBe(first.headers["etag"]);
    expect(layouts()).toBe(2);
  });

  it("gives every version call made after a re-ingest the new version, however many ask at once", async () => {
    await ingest.load(SMALL_LIBRARY);
    const before = await server.version();
    const racing = Array.from({ length: 10 }, () => server.version());
    await ingest.load(WITHOUT_ORPHAN);
    const after = await Promise.all(Array.from({ length: 10 }, () => server.version()));
    await Promise.all(racing);
    expect(new Set(after).size).toBe(1);
    expect(after[0]).not.toBe(before);
    expect(after[0]).toBe(await ingest.version());
  });
});
