// The scale section's Neo4j serving measurement (sections/scale.ts, lib/scale-latency.ts) against a
// Neo4j already holding a library, without its ingest (a 100x load takes an hour): the built server
// (`dist/cli.js` of --repo, e.g. a checkout of main for an A/B) with the answer cache off, then on;
// ready time, RSS (after ready, after the runs, peak), its CPU to ready, and the cold, warm-up and
// warm p50/p99 per query kind, with the load average beside every figure. Not a test: run by hand,
//   npx tsx test/bench/neo4j-serving.ts --uri bolt://127.0.0.1:7701 [--repo /path/to/checkout]
//     [--duration 5] [--warmup 5] [--connections 16] [--modes uncached,cached] [--port <n>]
//     [--kinds neighborhood,paths] [--jvm-pid <Neo4j's JVM pid>]
// With --jvm-pid it also gives the server's and the JVM's CPU per answered request over the runs.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fetchWholeOverview } from "../server/overview-fetch.ts";
import { startServerChild } from "./lib/child.ts";
import { buildQueries } from "./lib/load.ts";
import { measureLatency, type LatencyMode } from "./lib/scale-latency.ts";
import { formatMb, formatMs } from "./lib/stats.ts";
import type { BenchContext } from "./lib/types.ts";
import { neo4jConnectionOptions } from "./lib/neo4j-options.ts";

const { values } = parseArgs({
  options: {
    ...neo4jConnectionOptions,
    repo: { type: "string", default: path.resolve(import.meta.dirname, "../..") },
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
    modes: { type: "string", default: "uncached,cached" },
    port: { type: "string" },
    kinds: { type: "string", default: "neighborhood,paths" },
    "jvm-pid": { type: "string" },
  },
});

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");
const log = (line: string): void => console.log(`${new Date().toISOString().slice(11, 19)} ${line} [load ${load()}]`);

/** CPU time (user + system, every thread) of a process so far, from /proc/<pid>/stat. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const context = {
  repoRoot: values.repo,
  durationSeconds: Number(values.duration),
  warmupSeconds: Number(values.warmup),
  connections: Number(values.connections),
  loadTool: "autocannon",
  log,
} as BenchContext;
const env = { NEO4J_URI: values.uri, NEO4J_USER: values.user, NEO4J_PASSWORD: values.password, NEO4J_NAMESPACE: values.namespace };

log(`server of ${values.repo} on ${values.uri}`);
for (const mode of values.modes.split(",") as LatencyMode[]) {
  const spawned = performance.now();
  const server = await startServerChild(values.repo, mode === "uncached" ? ["--response-cache-mb", "0"] : [], env, { built: true, ...(values.port === undefined ? {} : { port: Number(values.port) }) });
  try {
    await server.waitFor(/Overview layout: \d+ nodes in \d+ ms/, 600_000);
    const ready = { ms: performance.now() - spawned, cpuMs: cpuMsOf(server.pid), ...server.memory() };
    log(`${mode}: ready in ${formatMs(ready.ms)} (CPU ${formatMs(ready.cpuMs)}), RSS ${formatMb(ready.rssMb)} (peak ${formatMb(ready.peakRssMb)})`);
    const overview = await fetchWholeOverview(server.url);
    const kinds = buildQueries(overview).filter((k) => values.kinds.split(",").some((w) => k.name.startsWith(w)));
    const jvmPid = values["jvm-pid"] === undefined ? undefined : Number(values["jvm-pid"]);
    const cpuBefore = { server: cpuMsOf(server.pid), jvm: jvmPid === undefined ? NaN : cpuMsOf(jvmPid) };
    const run = await measureLatency(context, server, kinds, mode);
    if (jvmPid !== undefined) {
      const answered = [...run.cold, ...run.warmup, ...run.warm].reduce((n, r) => n + r.requests - r.non2xx - r.errors, 0);
      const per = (ms: number): string => `${(ms / Math.max(1, answered)).toFixed(2)} ms`;
      log(`${mode}: ${answered} answered; CPU per answer: server ${per(cpuMsOf(server.pid) - cpuBefore.server)}, Neo4j's JVM ${per(cpuMsOf(jvmPid) - cpuBefore.jvm)}`);
    }
    const warmed = await server.waitFor(/Store reads warmed in \d+ ms/, 1).catch(() => undefined);
    log(`${mode}: ${warmed?.[0] ?? "store reads not warmed yet"}; after the runs RSS ${formatMb(run.rssMb)}, peak ${formatMb(run.peakRssMb)}, CPU ${formatMs(cpuMsOf(server.pid))}`);
    for (const [i, warm] of run.warm.entries()) {
      log(`${mode} ${warm.query}: cold p99 ${formatMs(run.cold[i]!.p99Ms)}, warm p50 ${formatMs(warm.p50Ms)} p99 ${formatMs(warm.p99Ms)} (${warm.requestsPerSecond} req/s, ${warm.non2xx + warm.errors} failed)`);
    }
  } finally {
    await server.stop();
  }
}
