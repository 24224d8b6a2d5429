// A Neo4j of the test's own (test/neo4j/run.sh on a free port, a temporary data folder), for the
// attacks that freeze the database: the shared test Neo4j other files use must never be stopped.
import { readFileSync } from "node:fs";
import { startDedicatedNeo4j } from "../setup/neo4j-dedicated.ts";

export interface OwnNeo4j {
  uri: string;
  /** NEO4J_* variables for a server child process. */
  env: Record<string, string>;
  /**
   * SIGSTOP: the JVM keeps its sockets open and answers nothing, as a frozen or swapped-out database
   * does. Resolves once the kernel reports the process stopped (a signal is delivered asynchronously).
   */
  freeze(): Promise<void>;
  /** SIGCONT. */
  thaw(): void;
  stop(): Promise<void>;
}

export async function startOwnNeo4j(): Promise<OwnNeo4j> {
  const { connection, pid, stop } = await startDedicatedNeo4j();
  return {
    uri: connection.uri,
    env: { NEO4J_URI: connection.uri, NEO4J_USER: connection.user, NEO4J_PASSWORD: connection.password, NEO4J_DATABASE: connection.database },
    freeze: async () => {
      process.kill(pid, "SIGSTOP");
      const until = Date.now() + 10_000;
      while (processState(pid) !== "T") {
        if (Date.now() > until) throw new Error(`Neo4j (pid ${pid}) did not stop within 10 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    thaw: () => void process.kill(pid, "SIGCONT"),
    stop,
  };
}

/** The state letter of /proc/<pid>/stat (R running, S sleeping, T stopped, ...). */
function processState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
}
