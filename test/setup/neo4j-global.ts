// Vitest globalSetup: gives the test run one real Neo4j. Uses NEO4J_TEST_URI when set; otherwise
// starts the embedded launcher (test/neo4j) on a free port, only when a test first asks for it, and
// stops it at teardown. With PATTERN_ATLAS_REQUIRE_NEO4J=1 (CI) it starts at once and a failure
// fails the whole run.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import type { Neo4jTestConnection, Neo4jTestOffer } from "./neo4j.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const RUN_SCRIPT = resolve(ROOT, "test/neo4j/run.sh");
const TEST_PASSWORD = "atlas-test-password";
/** Build (when the jar is stale) plus JVM start; a cold Maven download takes far longer, see docs/performance.md. */
const START_TIMEOUT_MS = Number(process.env.NEO4J_START_TIMEOUT_MS ?? 180_000);
const STOP_TIMEOUT_MS = 30_000;

const required = process.env.PATTERN_ATLAS_REQUIRE_NEO4J === "1";

/** The outcome of starting Neo4j, computed once per run and shared by every test file. */
type StartOutcome = { ok: true; connection: Neo4jTestConnection } | { ok: false; message: string };

let launcher: ChildProcess | undefined;
let starting: Promise<StartOutcome> | undefined;
let control: Server | undefined;

function log(message: string): void {
  process.stderr.write(`[neo4j-setup] ${message}\n`);
}

/** Starts test/neo4j/run.sh on a free port and resolves with its connection once it prints READY. */
function startLauncher(): Promise<StartOutcome> {
  return new Promise<StartOutcome>((done) => {
    const started = Date.now();
    const child = spawn("bash", [RUN_SCRIPT, "--port", "0", "--exit-on-stdin-close"], {
      cwd: ROOT,
      // stdin stays open as a pipe: if this process dies without teardown, Neo4j sees EOF and stops.
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, NEO4J_PASSWORD: TEST_PASSWORD, NEO4J_DATA_DIR: "" },
    });
    launcher = child;
    const stderrTail: string[] = [];
    let settled = false;
    const settle = (outcome: StartOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(outcome);
    };
    const timer = setTimeout(() => {
      settle({
        ok: false,
        message: `Neo4j did not print its READY line within ${START_TIMEOUT_MS / 1000} s. Last output:\n${stderrTail.join("\n")}`,
      });
      child.kill("SIGTERM");
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stderr! }).on("line", (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      if (line.includes("ERROR") || line.includes("[neo4j] building") || line.includes("[neo4j] built")) log(line);
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /^NEO4J READY (bolt:\/\/\S+)$/.exec(line.trim());
      if (!match) return;
      log(`Neo4j ready at ${match[1]} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      settle({ ok: true, connection: { uri: match[1]!, user: "neo4j", password: TEST_PASSWORD, database: "neo4j" } });
    });
    child.on("error", (error) => settle({ ok: false, message: `could not run ${RUN_SCRIPT}: ${error.message}` }));
    child.on("exit", (code, signal) => {
      if (launcher === child) launcher = undefined;
      settle({
        ok: false,
        message: `the Neo4j launcher exited (${signal ?? `code ${code}`}) before it was ready. Last output:\n${stderrTail.join("\n")}`,
      });
    });
  });
}

function ensureStarted(): Promise<StartOutcome> {
  starting ??= startLauncher().then((outcome) => {
    if (!outcome.ok) log(`NEO4J UNAVAILABLE: ${outcome.message}`);
    return outcome;
  });
  return starting;
}

/** A loopback HTTP endpoint the test workers call to get (and lazily start) the shared Neo4j. */
function startControlServer(): Promise<string> {
  return new Promise((ready) => {
    control = createServer((req, res) => {
      if (req.url !== "/connection") {
        res.writeHead(404).end();
        return;
      }
      void ensureStarted().then((outcome) => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(outcome));
      });
    });
    control.listen(0, "127.0.0.1", () => ready(`http://127.0.0.1:${(control!.address() as AddressInfo).port}/connection`));
  });
}

async function stopLauncher(): Promise<void> {
  const child = launcher;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const uri = process.env.NEO4J_TEST_URI;
  let offer: Neo4jTestOffer;
  if (uri) {
    // An external Neo4j: never NEO4J_URI, because the tests replace what is stored in the database.
    offer = {
      kind: "external",
      connection: {
        uri,
        user: process.env.NEO4J_TEST_USER ?? "neo4j",
        password: process.env.NEO4J_TEST_PASSWORD ?? TEST_PASSWORD,
        database: process.env.NEO4J_TEST_DATABASE ?? "neo4j",
      },
    };
  } else {
    offer = { kind: "launcher", controlUrl: await startControlServer() };
    if (required) {
      const outcome = await ensureStarted();
      if (!outcome.ok) {
        await teardown();
        throw new Error(`PATTERN_ATLAS_REQUIRE_NEO4J=1 and Neo4j could not be started: ${outcome.message}`);
      }
    }
  }
  project.provide("neo4j", offer);
  return teardown;
}

async function teardown(): Promise<void> {
  await stopLauncher();
  await new Promise<void>((r) => (control ? control.close(() => r()) : r()));
  control = undefined;
}
