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
/** A namespace no other test file of this run uses, so files can share one database in parallel. */
export function uniqueNamespace(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
