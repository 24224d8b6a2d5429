// Picks the store the app runs on: Neo4j when a connection is configured, the embedded store
// otherwise. The Neo4j module (and its driver) is only loaded when it is needed.
import { createMemoryStore, type MemoryStoreOptions } from "./memory/index.ts";
import type { Neo4jConfig } from "./neo4j/neo4j-connection.ts";
import type { GraphStore } from "./store.ts";

export type { Neo4jConfig };

export interface StoreConfig {
  neo4j?: Neo4jConfig;
  /** The embedded store only: see MemoryStoreOptions (the server turns the neighbourhood thread on). */
  memory?: MemoryStoreOptions;
}

export const DEFAULT_NEO4J_DATABASE = "neo4j";

/**
 * A ready store: the Neo4j store (connectivity verified by it) when `config.neo4j` is given, else
 * an empty in-memory store for the caller to `load()`.
 * @throws StoreUnavailableError when Neo4j is configured but cannot be reached.
 */
export async function createStore(config: StoreConfig = {}): Promise<GraphStore> {
  if (config.neo4j) {
    const { createNeo4jStore } = await import("./neo4j/neo4j-store.ts");
    return await createNeo4jStore({ ...config.neo4j, database: config.neo4j.database ?? DEFAULT_NEO4J_DATABASE });
  }
  return createMemoryStore(undefined, config.memory);
}
