// The command-line options naming a Neo4j to measure, shared by the by-hand Neo4j benches
// (neo4j-read-cpu.ts, neo4j-serving.ts): its Bolt URI, user, password and namespace, from the
// environment the rest of the project reads (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD) when not given.
export const neo4jConnectionOptions = {
  uri: { type: "string", default: process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687" },
  user: { type: "string", default: process.env.NEO4J_USER ?? "neo4j" },
  password: { type: "string", default: process.env.NEO4J_PASSWORD ?? "atlas-test-password" },
  namespace: { type: "string", default: "default" },
} as const;
