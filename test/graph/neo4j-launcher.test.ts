// The test Neo4j itself: reachable over Bolt, authentication on, the known password accepted and
// a wrong one refused, so tests that pass here ran against a real, secured Neo4j 5.
import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { getTestNeo4j, type Neo4jTestConnection } from "../setup/neo4j.ts";
import { startDedicatedNeo4j } from "../setup/neo4j-dedicated.ts";

/** The page cache size the Neo4j at `conn` runs with, as it reports it. */
async function pageCacheOf(conn: Neo4jTestConnection): Promise<string> {
  const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
  try {
    const { records } = await driver.executeQuery("SHOW SETTINGS YIELD name, value WHERE name = 'server.memory.pagecache.size' RETURN value", {}, { database: conn.database });
    return String(records[0]!.get("value"));
  } finally {
    await driver.close();
  }
}

describe("the test Neo4j", () => {
  it("answers Cypher over Bolt with the known password", async () => {
    const conn = await getTestNeo4j();
    const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
    try {
      const { records } = await driver.executeQuery("RETURN 40 + 2 AS answer", {}, { database: conn.database });
      expect(records[0]!.get("answer").toNumber()).toBe(42);
      const info = await driver.getServerInfo({ database: conn.database });
      expect(info.agent).toMatch(/^Neo4j\/5\./);
    } finally {
      await driver.close();
    }
  });

  it("refuses a wrong password", async () => {
    const conn = await getTestNeo4j();
    const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, "not-the-password"));
    try {
      await expect(driver.verifyConnectivity({ database: conn.database })).rejects.toMatchObject({
        code: "Neo.ClientError.Security.Unauthorized",
      });
    } finally {
      await driver.close();
    }
  });

  it("keeps its 128 MB page cache unless --config sets one (a 100x library's store wants more)", async () => {
    expect(await pageCacheOf(await getTestNeo4j())).toBe("128.00MiB");
    const dedicated = await startDedicatedNeo4j({ "server.memory.pagecache.size": "96m" });
    try {
      expect(await pageCacheOf(dedicated.connection)).toBe("96.00MiB");
    } finally {
      await dedicated.stop();
    }
    // A launcher of its own starts in 10 to 30 s, and in over a minute on a loaded machine.
  }, 240_000);
});
