// The test side of the shared Neo4j: `getTestNeo4j()` returns the connection the globalSetup
// (test/setup/neo4j-global.ts) offers, starting the launcher on first use; it throws, and so fails
// the test, when there is no Neo4j. Never a silent skip.
import { inject } from "vitest";

export interface Neo4jTestConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/** What the globalSetup provides: a fixed external server, or the URL that starts/returns the launcher. */
export type Neo4jTestOffer =
  | { kind: "external"; connection: Neo4jTestConnection }
  | { kind: "launcher"; controlUrl: string };

declare module "vitest" {
  interface ProvidedContext {
    neo4j: Neo4jTestOffer;
  }
}

let cached: Promise<Neo4jTestConnection> | undefined;

async function fetchConnection(): Promise<Neo4jTestConnection> {
  let offer: Neo4jTestOffer | undefined;
  try {
    offer = inject("neo4j");
  } catch {
    offer = undefined;
  }
  if (!offer) {
    throw new Error("No Neo4j offer: vitest.config.ts must list test/setup/neo4j-global.ts under globalSetup.");
  }
  if (offer.kind === "external") return offer.connection;
  const res = await fetch(offer.controlUrl);
  const outcome = (await res.json()) as { ok: true; connection: Neo4jTestConnection } | { ok: false; message: string };
  if (!outcome.ok) {
    throw new Error(
      `Neo4j is not available for this test: ${outcome.message}\n` +
        "Fix the launcher (bash test/neo4j/run.sh shows why), or point the tests at a running Neo4j with NEO4J_TEST_URI.",
    );
  }
  return outcome.connection;
}

/** The shared test Neo4j of this run (started on first call). Each test file should use its own namespace. */
export function getTestNeo4j(): Promise<Neo4jTestConnection> {
  cached ??= fetchConnection();
  return cached;
}

let counter = 0;
const created: string[] = [];
/** A namespace no other test file of this run uses, so files can share one database in parallel. */
export function uniqueNamespace(prefix: string): string {
  counter += 1;
  const namespace = `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
  created.push(namespace);
  return namespace;
}

/** Deletes what the namespaces made by uniqueNamespace() hold, so a long-lived NEO4J_TEST_URI database does not fill up. */
export async function deleteTestNamespaces(): Promise<void> {
  if (created.length === 0) return;
  const conn = await getTestNeo4j();
  const { default: neo4j } = await import("neo4j-driver");
  const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
  const session = driver.session({ database: conn.database });
  try {
    for (const namespace of created.splice(0)) {
      // An auto-commit query (session.run), which CALL ... IN TRANSACTIONS requires.
      await session.run(
        `MATCH (n) WHERE n.lib STARTS WITH $prefix OR ((n:AtlasLibrary OR n:AtlasGeneration) AND n.namespace = $ns)
         CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
        { prefix: `${namespace}/`, ns: namespace },
      );
    }
  } finally {
    await session.close();
    await driver.close();
  }
}

/**
 * Everything stored for one namespace, as a hash: every node (element id, labels, properties) of
 * its generations plus its pointer and generation nodes, and every relationship from them. Equal
 * before and after means nothing was written, not even rewritten with the same values.
 */
export async function namespaceChecksum(conn: Neo4jTestConnection, namespace: string): Promise<{ nodes: number; relationships: number; checksum: string }> {
  const { default: neo4j } = await import("neo4j-driver");
  const { createHash } = await import("node:crypto");
  const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
  try {
    const { records } = await driver.executeQuery(
      `MATCH (n) WHERE n.lib STARTS WITH $prefix OR ((n:AtlasLibrary OR n:AtlasGeneration) AND n.namespace = $ns)
       RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props,
              COLLECT { MATCH (n)-[r]->(m) RETURN [elementId(r), type(r), elementId(m), properties(r)] } AS rels`,
      { prefix: `${namespace}/`, ns: namespace },
      { database: conn.database },
    );
    const canonical = (value: unknown): string =>
      JSON.stringify(value, (_k, v: unknown) =>
        v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
      );
    const lines = records
      .map((r) =>
        canonical([r.get("id"), [...(r.get("labels") as string[])].sort(), r.get("props"), (r.get("rels") as unknown[]).map(canonical).sort()]),
      )
      .sort();
    const relationships = records.reduce((sum, r) => sum + (r.get("rels") as unknown[]).length, 0);
    return { nodes: records.length, relationships, checksum: createHash("sha256").update(lines.join("\n")).digest("hex") };
  } finally {
    await driver.close();
  }
}
