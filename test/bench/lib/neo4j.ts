// A Neo4j for the benchmark: the one at NEO4J_BENCH_URI when set (its default namespace is replaced:
// never point it at a database whose library matters), otherwise the project's embedded launcher
// (test/neo4j/run.sh) on a free port with a temporary data folder, stopped when the section ends.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "./child.ts";

export interface BenchNeo4j {
  connection: { uri: string; user: string; password: string; database: string };
  /** True for NEO4J_BENCH_URI: a database that was not fresh when the benchmark started. */
  external: boolean;
  /** Seconds from the launch to the READY line (launcher only). */
  startSeconds?: number;
  /** The JVM's process id (launcher only: run.sh execs java), for its CPU time and RSS from /proc. */
  pid?: number;
  /** NEO4J_* variables for a child process (the ingest CLI, the server). */
  env(): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const LAUNCHER_PASSWORD = "atlas-test-password";
/** A cold build of the launcher downloads Neo4j from Maven Central; a built one starts in 10 to 30 s. */
const START_TIMEOUT_MS = 300_000;

function withEnv(connection: BenchNeo4j["connection"]): () => NodeJS.ProcessEnv {
  return () => ({
    NEO4J_URI: connection.uri,
    NEO4J_USER: connection.user,
    NEO4J_PASSWORD: connection.password,
    NEO4J_DATABASE: connection.database,
  });
}

/**
 * The launcher's settings from 100x on (neo4j.conf, `--config`): a page cache of 1,500 MB, with which
 * the 100x store's serving figures were measured (docs/neo4j.md, "Sizes and the 100x library").
 */
export function benchNeo4jConfig(factor: number): string[] {
  return factor >= 100 ? ["server.memory.pagecache.size=1500m"] : [];
}

/** The launcher's JVM flags for a library of `factor` times the real one: the issue's 2 GB heap from 100x on. */
export function benchNeo4jJavaOpts(factor: number): string | undefined {
  return factor >= 100 ? "-Xms2g -Xmx2g -XX:+UseG1GC" : undefined;
}

/**
 * Starts the launcher (or takes NEO4J_BENCH_URI's Neo4j). `dataDir`: the launcher serves that folder
 * (a home the offline importer filled) instead of a temporary one, and leaves it in place at exit;
 * `config`: neo4j.conf settings for the launcher.
 */
export async function startBenchNeo4j(repoRoot: string, log: (line: string) => void, options: { javaOpts?: string; dataDir?: string; config?: string[] } = {}): Promise<BenchNeo4j> {
  const uri = process.env.NEO4J_BENCH_URI?.trim();
  if (uri) {
    const connection = {
      uri,
      user: process.env.NEO4J_BENCH_USER ?? "neo4j",
      password: process.env.NEO4J_BENCH_PASSWORD ?? LAUNCHER_PASSWORD,
      database: process.env.NEO4J_BENCH_DATABASE ?? "neo4j",
    };
    log(`  using the Neo4j at NEO4J_BENCH_URI=${uri} (its default namespace will be replaced)`);
    return { connection, external: true, env: withEnv(connection), stop: async () => {} };
  }

  const port = await freePort();
  const started = performance.now();
  const extra = [...(options.dataDir === undefined ? [] : ["--data", options.dataDir]), ...(options.config ?? []).flatMap((setting) => ["--config", setting])];
  log(`  starting Neo4j (test/neo4j/run.sh) on port ${port}${options.javaOpts ? ` with ${options.javaOpts}` : ""}${extra.length ? ` ${extra.join(" ")}` : ""}`);
  const child = spawn("bash", [path.join(repoRoot, "test/neo4j/run.sh"), "--port", String(port), "--exit-on-stdin-close", ...extra], {
    cwd: repoRoot,
    // stdin stays an open pipe: should the benchmark die, Neo4j sees EOF and stops too.
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NEO4J_PASSWORD: LAUNCHER_PASSWORD, NEO4J_DATA_DIR: "", ...(options.javaOpts ? { NEO4J_JAVA_OPTS: options.javaOpts } : {}) },
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const tail: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const boltUri = await new Promise<string>((resolve, reject) => {
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
    const connection = { uri: boltUri, user: "neo4j", password: LAUNCHER_PASSWORD, database: "neo4j" };
    const startSeconds = (performance.now() - started) / 1000;
    log(`  Neo4j ready at ${boltUri} after ${startSeconds.toFixed(1)} s`);
    return { connection, external: false, startSeconds, ...(child.pid === undefined ? {} : { pid: child.pid }), env: withEnv(connection), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
