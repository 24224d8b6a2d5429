// A server serving what Neo4j holds must not exit when Neo4j does not answer at its start (a JVM
// stopped, or starved on a loaded machine: a 10x server once exited when its first query took over
// 10 s). Neo4j is frozen (SIGSTOP: its sockets stay open, nothing answers) before the server starts:
// the server must still listen, say so, answer 503 meanwhile, and serve the library by itself once
// Neo4j runs again. The server is `pattern-atlas serve` as a child process, on a Neo4j of this test's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLibrary } from "../../ingest/index.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { startServerChild, type ServerChild } from "../bench/lib/child.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT } from "../server/helpers.ts";
import { startOwnNeo4j, type OwnNeo4j } from "./own-neo4j.ts";
import { timedGet } from "./timed-get.ts";

let neo4j: OwnNeo4j | undefined;
let server: ServerChild | undefined;
let patterns = 0;

beforeAll(async () => {
  neo4j = await startOwnNeo4j();
  const library = await loadLibrary(EXAMPLE_LIBRARY);
  patterns = library.patterns.length;
  const store = await createNeo4jStore({ uri: neo4j.uri, user: neo4j.env.NEO4J_USER!, password: neo4j.env.NEO4J_PASSWORD!, database: neo4j.env.NEO4J_DATABASE! });
  try {
    await store.load(library);
  } finally {
    await store.close();
  }
}, 240_000);

afterAll(async () => {
  neo4j?.thaw();
  await server?.stop();
  await neo4j?.stop();
});

describe("a Neo4j frozen before the server starts", () => {
  it("leaves the server listening and saying so; it answers 503, then serves the library by itself once Neo4j runs", async () => {
    await neo4j!.freeze();
    try {
      // No --library: the server serves what Neo4j holds. It gives up waiting for the connection, not running.
      server = await startServerChild(REPO_ROOT, [], neo4j!.env);
      expect(server.output()).toMatch(/did not answer|timed out|Failed to establish/);
      expect(server.output()).toMatch(/Serving anyway/);
      const health = await timedGet(`${server.url}healthz`);
      expect(health.status).toBe(503);
      const stats = await timedGet(`${server.url}api/stats`);
      expect(stats.status).toBe(503);
      expect(stats.body).toMatch(/"code":"store_unavailable"/);
    } finally {
      neo4j!.thaw();
    }
    const thawed = Date.now();
    let health = await timedGet(`${server.url}healthz`);
    while (health.status !== 200 && Date.now() - thawed < 60_000) {
      await new Promise((r) => setTimeout(r, 250));
      health = await timedGet(`${server.url}healthz`);
    }
    expect(health.status, server.output().slice(-2000)).toBe(200);
    const stats = await timedGet(`${server.url}api/stats`);
    expect(stats.status).toBe(200);
    expect((JSON.parse(stats.body) as { patterns: number }).patterns).toBe(patterns);
    // The start's statistics, asked again in the background, arrive once Neo4j answers.
    await server.waitFor(/Serving what Neo4j holds: \d+ files, \d+ patterns/, 60_000);
    expect(server.output()).toContain(`${patterns} patterns`);
  }, 240_000);
});
