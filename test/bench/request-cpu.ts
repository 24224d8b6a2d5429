// The server's CPU time per request, per thread, under the benchmark's request mix (not a test: run it
// by hand, `npx tsx test/bench/request-cpu.ts [--seconds 5] [--connections 16] [--cache] [--kinds neighborhood,paths] [--repo <checkout>]
// [--built] [--threads <n>] [--rounds <n>] [--hash] [--node-flags "--cpu-prof --cpu-prof-dir=<dir>"]`). --built runs the built program (dist/cli.js, as `npm start` does; run `npm run build`
// first); --threads sets PATTERN_ATLAS_NEIGHBORHOOD_THREADS; --rounds measures each kind that many times on one server.
// On this shared 2-core machine latency says mostly how long the server waited for a core; the CPU
// time each request cost (read from /proc for the server's threads before and after a wrk run,
// divided by the answers counted) changes much less with the load. wrk's own CPU per answer is
// printed beside it: it runs on the same 2 cores, and each thread's context switches per answer (voluntary: it
// waited for work; involuntary: it lost its core while it had work). --hash first prints a digest of each kind's answers to
// its 500 URLs as the server sends them (compare two checkouts' servers: their answers must not differ).
import { createHash } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServerChild } from "./lib/child.ts";
import { buildQueries, passOverUrls } from "./lib/load.ts";
import { finishedChildrenCpu, threadCpu, threadSwitches } from "./lib/process-cpu.ts";
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
    /** Node flags NODE_OPTIONS does not take, before the program (e.g. `--cpu-prof --cpu-prof-dir=<dir>`). */
    "node-flags": { type: "string", default: "" },
    built: { type: "boolean", default: false },
    threads: { type: "string" },
    rounds: { type: "string", default: "1" },
    /** Another checkout to start the server from (an A/B against the code before a change). */
    repo: { type: "string", default: process.cwd() },
    hash: { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
async function main(): Promise<void> {
  const args = ["--library", values.corpus, ...(values.cache ? [] : ["--response-cache-mb", "0"])];
  const env: NodeJS.ProcessEnv = values["node-args"] ? { NODE_OPTIONS: values["node-args"] } : {};
  if (values.threads !== undefined) env.PATTERN_ATLAS_NEIGHBORHOOD_THREADS = values.threads;
  const server = await startServerChild(path.resolve(values.repo), args, env, { built: values.built, nodeArgs: values["node-flags"].split(" ").filter(Boolean) });
  try {
    await server.waitFor(/Overview layout: \d+ nodes in (\d+) ms/);
    const overview = await fetchWholeOverview(server.url);
    const wanted = values.kinds.split(",");
    const kinds = buildQueries(overview).filter((k) => wanted.some((w) => k.name.startsWith(w)));
    await passOverUrls(server.url, kinds, values.cache ? Infinity : 20);
    if (values.hash) {
      for (const kind of kinds) {
        const hash = createHash("sha256");
        for (const url of kind.paths) hash.update(Buffer.from(await (await fetch(new URL(url, server.url), { headers: { "accept-encoding": "identity" } })).arrayBuffer())).update("\n");
        console.log(`${kind.name}: ${kind.paths.length} answers, sha256 ${hash.digest("hex")}`);
      }
    }
    const origin = new URL(server.url).origin;
    console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    for (const kind of kinds) {
      // Warm-up: V8 compiles the hot paths.
      await runWrk(origin, kind.paths, connections, Math.min(3, seconds), {});
      for (let round = 0; round < Number(values.rounds); round++) {
      const before = threadCpu(server.pid);
      const switchesBefore = threadSwitches(server.pid);
      const wrkBefore = finishedChildrenCpu();
      const r = await runWrk(origin, kind.paths, connections, seconds, {});
      const after = threadCpu(server.pid);
      const switchesAfter = threadSwitches(server.pid);
      const wrk = (finishedChildrenCpu() - wrkBefore) / r.requests;
      // Threads are all named "node": the busiest besides the main one is the neighbourhood thread
      // (when it works), the rest are V8's helpers (garbage collection, compilers) and libuv's.
      const others = [...after]
        .filter(([tid]) => tid !== "main")
        .map(([tid, ms]) => ({ tid, ms: (ms - (before.get(tid) ?? 0)) / r.requests }))
        .sort((a, b) => b.ms - a.ms);
      // Per answer, the context switches of the main thread and of the busiest other: whether a
      // thread waited for work (voluntary) or lost its core while it had work (involuntary).
      const switches = (tid: string | undefined): string => {
        const [b, a] = [switchesBefore.get(tid ?? ""), switchesAfter.get(tid ?? "")];
        if (!a) return "-";
        const per = (n: number): string => (n / r.requests).toFixed(2);
        return `${per(a.voluntary - (b?.voluntary ?? 0))} / ${per(a.involuntary - (b?.involuntary ?? 0))}`;
      };
      const main = ((after.get("main") ?? 0) - (before.get("main") ?? 0)) / r.requests;
      const per: [string, number][] = [["main", main], ["busiest other", others[0]?.ms ?? 0], ["rest", others.slice(1).reduce((a, b) => a + b.ms, 0)]];
      const total = per.reduce((sum, [, ms]) => sum + ms, 0);
      console.log(
        `${kind.name.padEnd(22)} ${r.requests} answers, ${Math.round(r.requests / r.seconds)}/s, p50 ${r.p50} ms p99 ${r.p99} ms; ` +
          `CPU per answer ${total.toFixed(3)} ms (${per.map(([n, ms]) => `${n} ${ms.toFixed(3)}`).join(", ")}), wrk ${wrk.toFixed(3)}, ` +
          `${Math.round(r.bytes / r.requests / 1024)} KiB per answer, switches per answer (voluntary / involuntary) main ${switches("main")}, busiest other ${switches(others[0]?.tid)}, ` +
          `load ${loadavg()[0]!.toFixed(1)}`,
      );
      }
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    await server.stop();
  }
}

await main();
