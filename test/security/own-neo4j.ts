// A Neo4j of the test's own (test/neo4j/run.sh on a free port, a temporary data folder), for the
// attacks that freeze the database: the shared test Neo4j other files use must never be stopped.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "../bench/lib/child.ts";
import { REPO_ROOT } from "../server/helpers.ts";

const PASSWORD = "atlas-test-password";
const START_TIMEOUT_MS = 180_000;

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
  const port = await freePort();
  // run.sh ends in `exec java`, so once READY is printed the child's pid is the JVM's.
  const child = spawn("bash", [path.join(REPO_ROOT, "test/neo4j/run.sh"), "--port", String(port), "--exit-on-stdin-close"], {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NEO4J_PASSWORD: PASSWORD, NEO4J_DATA_DIR: "" },
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const tail: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGCONT");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const uri = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Neo4j did not start within ${START_TIMEOUT_MS / 1000} s: ${tail.join("\n")}`)), START_TIMEOUT_MS);
      createInterface({ input: child.stdout! }).on("line", (line) => {
        const match = /^NEO4J READY (bolt:\/\/\S+)$/.exec(line.trim());
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the Neo4j launcher exited before it was ready: ${tail.join("\n")}`));
      });
    });
    return {
      uri,
      env: { NEO4J_URI: uri, NEO4J_USER: "neo4j", NEO4J_PASSWORD: PASSWORD, NEO4J_DATABASE: "neo4j" },
      freeze: async () => {
        child.kill("SIGSTOP");
        const until = Date.now() + 10_000;
        while (processState(child.pid!) !== "T") {
          if (Date.now() > until) throw new Error(`Neo4j (pid ${child.pid}) did not stop within 10 s`);
          await new Promise((r) => setTimeout(r, 20));
        }
      },
      thaw: () => void child.kill("SIGCONT"),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The state letter of /proc/<pid>/stat (R running, S sleeping, T stopped, ...). */
function processState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
}
