// Both stores give the same findings: the analysis runs on `store.exportLibrary()`, so the Neo4j
// store (on the shared test Neo4j, never a mock) must export what the memory store exports, finding
// for finding, and the API must answer the same from either.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseGaps } from "../../graph/gaps/index.ts";
import { createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const LIBRARIES = [
  { name: "the example library", path: new URL("../../examples/library", import.meta.url).pathname },
  { name: "the 2026-01-29 snapshot", path: realLibrary("2026-01-29") },
  { name: "the 2026-02-20 snapshot", path: realLibrary("2026-02-20") },
];

describe.each(LIBRARIES)("the memory and Neo4j stores on $name", ({ path }) => {
  let library: Library;
  let memory: GraphStore;
  let neo4j: GraphStore;

  beforeAll(async () => {
    library = await loadLibrary(path);
    memory = createMemoryStore(library);
    const conn = await getTestNeo4j();
    neo4j = await createNeo4jStore({ ...conn, namespace: uniqueNamespace("gaps") });
    await neo4j.load(library);
  }, 180_000);
  afterAll(async () => {
    await neo4j?.close();
  });

  it("give identical findings, in the same order", async () => {
    const fromMemory = analyseGaps(await memory.exportLibrary());
    const fromNeo4j = analyseGaps(await neo4j.exportLibrary());
    expect(fromNeo4j.findings.length).toBeGreaterThan(0);
    expect(fromNeo4j).toEqual(fromMemory);
  }, 60_000);

  it("answer GET /api/gaps identically", async () => {
    const strip = (body: Record<string, unknown>) => ({ ...body, analysisMs: 0 });
    const url = "/api/gaps?limit=500&kind=dangling,one-sided-lineage,orphan,island";
    const a = await request(createApp({ store: memory, logger: silentLogger })).get(url);
    const b = await request(createApp({ store: neo4j, logger: silentLogger })).get(url);
    expect(b.status).toBe(200);
    expect(strip(b.body)).toEqual(strip(a.body));
  }, 60_000);
});
