// Runs the GraphStore contract against the Neo4j store on a real Neo4j (the shared test instance,
// one namespace per store so test files can run in parallel), never a mock.
import { afterAll } from "vitest";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { describeGraphStore, describeQueryBudgets } from "./store.contract.ts";

describeGraphStore("neo4j", async () => {
  const conn = await getTestNeo4j();
  return createNeo4jStore({ ...conn, namespace: uniqueNamespace("contract") });
});

describeQueryBudgets("neo4j", async () => {
  const conn = await getTestNeo4j();
  return createNeo4jStore({ ...conn, namespace: uniqueNamespace("budgets"), queryTimeoutMs: 0 });
});

afterAll(deleteTestNamespaces);
