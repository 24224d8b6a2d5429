// A Neo4j of one test file's own, for tests that need settings the shared one must not have (a low
// transaction memory limit): the same launcher as the shared one, with --config settings, stopped
// by the test (and by the launcher itself when this process dies, through --exit-on-stdin-close).
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Neo4jTestConnection } from "./neo4j.ts";

const RUN_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), "../neo4j/run.sh");
const PASSWORD = "atlas-test-password";
const START_TIMEOUT_MS = Number(process.env.NEO4J_START_TIMEOUT_MS ?? 180_000);

export interface DedicatedNeo4j {
  connection: Neo4jTestConnection;
  /** The JVM's process id (run.sh ends in `exec java`), for tests that freeze it. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a launcher with `settings` (neo4j.conf keys) on a free port; rejects with its output if it does not start.
 * `data`: the Neo4j home to start on (kept at exit), instead of a temporary one.
 */
export function startDedicatedNeo4j(settings: Record<string, string> = {}, javaOpts = "-Xms128m -Xmx512m -XX:+UseG1GC", data = ""): Promise<DedicatedNeo4j> {
  const args = [RUN_SCRIPT, "--port", "0", "--exit-on-stdin-close", ...Object.entries(settings).flatMap(([k, v]) => ["--config", `${k}=${v}`])];
  const child = spawn("bash", args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NEO4J_PASSWORD: PASSWORD, NEO4J_DATA_DIR: data, NEO4J_JAVA_OPTS: javaOpts },
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    // A test may have frozen it (SIGSTOP): a stopped JVM does not act on SIGTERM.
    child.kill("SIGCONT");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((ready, fail) => {
    const tail: string[] = [];
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`the dedicated Neo4j did not start within ${START_TIMEOUT_MS / 1000} s:\n${tail.join("\n")}`));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stderr! }).on("line", (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /^NEO4J READY (bolt:\/\/\S+)$/.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      ready({ connection: { uri: match[1]!, user: "neo4j", password: PASSWORD, database: "neo4j" }, pid: child.pid!, stop });
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`the dedicated Neo4j exited (${signal ?? `code ${code}`}) before it was ready:\n${tail.join("\n")}`));
    });
  });
}
