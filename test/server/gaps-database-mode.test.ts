// A server in database mode (Neo4j, no --library: server/main.ts's startServer, real HTTP, the shared
// test Neo4j) answers the gaps routes from the findings stored with the copy: it never exports the
// library for them (the store's exportLibrary is watched, not replaced).
// A copy stored without findings is still answered, by the old path, which does export it.
import neo4j from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GapsExport, GapsGroupsResponse, GapsResponse } from "../../graph/gaps/index.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { parseConfig } from "../../server/config.ts";
import { silentLogger } from "../../server/logger.ts";
import { startServer, type RunningServer } from "../../server/main.ts";
import { getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT } from "./helpers.ts";

let conn: Neo4jTestConnection;
let namespace: string;
let server: RunningServer;

beforeAll(async () => {
  conn = await getTestNeo4j();
  namespace = uniqueNamespace("gaps-database");
  const loader = await createNeo4jStore({ ...conn, namespace });
  await loader.load(await loadLibrary(EXAMPLE_LIBRARY));
  await loader.close();
  const env = { NEO4J_URI: conn.uri, NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password, NEO4J_DATABASE: conn.database, NEO4J_NAMESPACE: namespace };
  const config = parseConfig(["--port", "0"], env, REPO_ROOT);
  expect(config.source).toEqual({ kind: "database" });
  server = await startServer(config, { logger: silentLogger });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(new URL(path, server.url));
  return { status: res.status, body: (await res.json()) as T };
};

describe("the gaps routes of a server in database mode", () => {
  it("answer from the stored findings without exporting the library", async () => {
    const exported = vi.spyOn(server.store, "exportLibrary");
    try {
      const first = await get<GapsResponse>("/api/gaps?limit=5");
      expect(first.status).toBe(200);
      expect(first.body.total).toBeGreaterThan(10);
      // Paging through every finding, and the other answers.
      const seen: string[] = [];
      for (let offset = 0; offset < first.body.total; offset += 5) {
        const page = await get<GapsResponse>(`/api/gaps?limit=5&offset=${offset}`);
        seen.push(...page.body.findings.map((f) => f.id));
      }
      expect(new Set(seen).size).toBe(first.body.total);
      expect((await get<GapsGroupsResponse>("/api/gaps?groupBy=file")).body.totalGroups).toBeGreaterThan(1);
      expect((await get<GapsExport>("/api/gaps/export.json")).body.findings).toHaveLength(first.body.total);
      expect((await fetch(new URL("/api/gaps/export.md", server.url))).status).toBe(200);
      expect((await get<{ error: { code: string } }>("/api/gaps?pattern=microservice")).body.error.code).toBe("not_found");
      expect(exported).not.toHaveBeenCalled();
    } finally {
      exported.mockRestore();
    }
  }, 120_000);

  it("still answer a copy stored without findings, from the whole library", async () => {
    const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
    try {
      await driver.executeQuery(
        `MATCH (l:${LABELS.library} {namespace: $ns}) MATCH (g:${LABELS.copy} {id: l.current}) REMOVE g.gaps`,
        { ns: namespace },
        { database: conn.database },
      );
    } finally {
      await driver.close();
    }
    const exported = vi.spyOn(server.store, "exportLibrary");
    try {
      const answer = await get<GapsResponse>("/api/gaps?limit=5");
      expect(answer.status).toBe(200);
      expect(answer.body.total).toBeGreaterThan(10);
      expect(exported).toHaveBeenCalledTimes(1);
    } finally {
      exported.mockRestore();
    }
  }, 120_000);
});
