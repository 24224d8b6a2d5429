// The server's CPU time per request, per thread, under the benchmark's request mix (not a test: run it
// by hand, `npx tsx test/bench/request-cpu.ts [--seconds 5] [--connections 16] [--cache] [--kinds neighborhood,paths]`).
// On this shared 2-core machine latency says mostly how long the server waited for a core; the CPU
// time each request cost (read from /proc for the server's threads before and after a wrk run,
// divided by the answers counted) changes much less with the load.
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServerChild } from "./lib/child.ts";
import { buildQueries, passOverUrls } from "./lib/load.ts";
import { runWrk } from "./lib/wrk.ts";
import { fetchWholeOverview } from "../server/overview-fetch.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
    cache: { type: "boolean", default: false },
    kinds: { type: "string", default: "neighborhood,paths" },
    corpus: { type: "string", default: path.resolve("../shared/corpus/commons-os-2026-02-20") },
    "node-args": { type: "string", default: "" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** User + system CPU ms per thread of process `pid`, by thread id ("main" for the main thread). */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // a thread that ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    out.set(tid === String(pid) ? "main" : tid, ms);
  }
  return out;
}

async function main(): Promise<void> {
  const args = ["--library", values.corpus, ...(values.cache ? [] : ["--response-cache-mb", "0"])];
  const env = values["node-args"] ? { NODE_OPTIONS: values["node-args"] } : {};
  const server = await startServerChild(process.cwd(), args, env);
  try {
    await server.waitFor(/Overview layout: \d+ nodes in (\d+) ms/);
    const overview = await fetchWholeOverview(server.url);
    const wanted = values.kinds.split(",");
    const kinds = buildQueries(overview).filter((k) => wanted.some((w) => k.name.startsWith(w)));
    await passOverUrls(server.url, kinds, values.cache ? Infinity : 20);
    const origin = new URL(server.url).origin;
    console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    for (const kind of kinds) {
      // Warm-up: V8 compiles the hot paths.
      await runWrk(origin, kind.paths, connections, Math.min(3, seconds), {});
      const before = threadCpu(server.pid);
      const r = await runWrk(origin, kind.paths, connections, seconds, {});
      const after = threadCpu(server.pid);
      // Threads are all named "node": the busiest besides the main one is the neighbourhood thread
      // (when it works), the rest are V8's helpers (garbage collection, compilers) and libuv's.
      const others = [...after]
        .filter(([tid]) => tid !== "main")
        .map(([tid, ms]) => (ms - (before.get(tid) ?? 0)) / r.requests)
        .sort((a, b) => b - a);
      const main = ((after.get("main") ?? 0) - (before.get("main") ?? 0)) / r.requests;
      const per: [string, number][] = [["main", main], ["busiest other", others[0] ?? 0], ["rest", others.slice(1).reduce((a, b) => a + b, 0)]];
      const total = per.reduce((sum, [, ms]) => sum + ms, 0);
      console.log(
        `${kind.name.padEnd(22)} ${r.requests} answers, ${Math.round(r.requests / r.seconds)}/s, p50 ${r.p50} ms p99 ${r.p99} ms; ` +
          `CPU per answer ${total.toFixed(3)} ms (${per.map(([n, ms]) => `${n} ${ms.toFixed(3)}`).join(", ")})`,
      );
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    await server.stop();
  }
}

await main();
