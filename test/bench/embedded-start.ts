// One start of the built embedded server (`dist/cli.js serve`, `npm start`'s V8 flags) on a library,
// measured as the scale section measures it (spawn to the "Overview layout" line, CPU time of the
// whole process from /proc), then optionally its first `GET /api/gaps` with the process's RSS
// sampled every 50 ms while it runs. It also gives each thread's CPU, sampled from spawn to ready, and
// from them the path to ready on two free cores (CriticalPath). Not a test: run it by hand,
// `npx tsx test/bench/embedded-start.ts --library <folder> --layout-cache <folder> [--gaps] [--wait <s>] [--cpu-prof <folder>] [--repo <checkout>] [--port <n>]`
// (`npm run build` first). With --cpu-prof the server writes V8 CPU profiles of its threads there.
import { loadavg } from "node:os";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServerChild } from "./lib/child.ts";

const { values } = parseArgs({
  options: {
    library: { type: "string" },
    "layout-cache": { type: "string" },
    gaps: { type: "boolean", default: false },
    /** Seconds to wait after the overview line before the gaps request (the store's warm-up runs then). */
    wait: { type: "string", default: "0" },
    "cpu-prof": { type: "string" },
    repo: { type: "string", default: process.cwd() },
    /** The port to serve on (default: a free one), for a machine whose ports are shared out. */
    port: { type: "string" },
  },
});

const kb = (pid: number, field: string): number => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? Number.NaN);
};
const mb = (kib: number): number => Math.round(kib / 1024);
/** User + system CPU of the whole process, ended threads included (proc(5) stat fields 14 and 15). */
const cpuOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
/** A thread's CPU as sampled: when it was first seen, the main thread's CPU then, its last CPU. */
interface ThreadCpu {
  tid: string;
  firstSeenMs: number;
  mainCpuThenMs: number;
  cpuMs: number;
  ended: boolean;
  /**
   * The main thread's CPU when this thread's own CPU first reached a tenth, half and nine tenths
   * of its total at ready: when its work ran, against the main thread's progress (e.g. whether the
   * overview thread's layout ran beside the store's preparation or after it).
   */
  mainCpuAt?: { p10: number; p50: number; p90: number };
}

/**
 * Each thread's CPU (proc(5) task/<tid>/stat), sampled every 100 ms from spawn to ready: which threads
 * a start's CPU went to, and in which order. A worker thread's `mainCpuThenMs` is the main thread's
 * CPU when it appeared, so that a start's path on two free cores can be estimated from CPU alone
 * (e.g. the overview thread: started after the main thread's first N ms of CPU, its own CPU after).
 */
function sampleThreads(pid: number): { stop(): { threads: ThreadCpu[]; path?: CriticalPath } } {
  const started = performance.now();
  const threads = new Map<string, ThreadCpu>();
  /** Each thread's samples: its CPU and the main thread's, in ms. */
  const series = new Map<string, Array<[number, number]>>();
  const cpuOfTask = (tid: string): number => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const sample = (): void => {
    try {
      const live = new Set<string>();
      const main = cpuOfTask(String(pid));
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try {
          const cpuMs = cpuOfTask(tid);
          const name = tid === String(pid) ? "main" : tid;
          live.add(name);
          let points = series.get(name);
          if (!points) series.set(name, (points = []));
          points.push([cpuMs, main]);
          const known = threads.get(name);
          if (known) known.cpuMs = cpuMs;
          else threads.set(name, { tid: name, firstSeenMs: Math.round(performance.now() - started), mainCpuThenMs: main, cpuMs, ended: false });
        } catch {
          // The thread ended meanwhile.
        }
      }
      for (const thread of threads.values()) thread.ended = !live.has(thread.tid);
    } catch {
      // The process ended.
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const mainAt = (points: Array<[number, number]>, cpuMs: number): number => points.find(([own]) => own >= cpuMs)?.[1] ?? Number.NaN;
      for (const thread of threads.values()) {
        const points = series.get(thread.tid) ?? [];
        if (thread.tid !== "main" && thread.cpuMs >= 500) {
          thread.mainCpuAt = { p10: mainAt(points, thread.cpuMs * 0.1), p50: mainAt(points, thread.cpuMs * 0.5), p90: mainAt(points, thread.cpuMs * 0.9) };
        }
      }
      const listed = [...threads.values()].filter((t) => t.cpuMs >= 50).sort((a, b) => b.cpuMs - a.cpuMs);
      // The overview thread: the busiest thread started after the read began (the parse thread
      // starts after the listing, at ~0.3 s of the main thread's CPU, and does less).
      const overview = listed.find((t) => t.tid !== "main" && t.mainCpuThenMs >= 1000);
      const main = threads.get("main");
      if (!overview || !main) return { threads: listed };
      const points = series.get(overview.tid) ?? [];
      const before = mainAt(points, overview.cpuMs * 0.1);
      const after = main.cpuMs - mainAt(points, overview.cpuMs);
      return { threads: listed, path: { mainBeforeMs: before, overviewMs: Math.round(overview.cpuMs * 0.9), mainAfterMs: after, totalMs: Math.round(before + overview.cpuMs * 0.9 + after) } };
    },
  };
}
/**
 * A cold start's path on two free cores, from CPU alone: the main thread's CPU until the overview
 * thread had done its first tenth (its start and the overview received: until then it waits for the
 * main thread), that thread's CPU from then, and the main thread's CPU after that thread was done
 * (to the ready line). What runs beside it (the store's preparation, V8's helper
 * threads, the parse thread) is taken to fit on the other core: a lower bound of a quiet wall time.
 */
interface CriticalPath {
  mainBeforeMs: number;
  overviewMs: number;
  mainAfterMs: number;
  totalMs: number;
}
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");

async function main(): Promise<void> {
  if (!values.library || !values["layout-cache"]) throw new Error("--library and --layout-cache are needed");
  const env: NodeJS.ProcessEnv = { PATTERN_ATLAS_LAYOUT_CACHE: path.resolve(values["layout-cache"]) };
  const nodeArgs = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
  const loadBefore = load();
  const spawned = performance.now();
  let sampler: ReturnType<typeof sampleThreads> | undefined;
  const onSpawn = (pid: number): void => void (sampler = sampleThreads(pid));
  const server = await startServerChild(path.resolve(values.repo), ["--library", path.resolve(values.library), "--response-cache-mb", "0"], env, {
    built: true,
    nodeArgs,
    onSpawn,
    port: values.port ? Number(values.port) : undefined,
  });
  try {
    const [line] = await server.waitFor(/Overview layout: .*/, 600_000);
    const readyMs = Math.round(performance.now() - spawned);
    const result: Record<string, unknown> = {
      readyMs,
      cpuMs: cpuOf(server.pid),
      ...sampler?.stop(),
      rssMb: mb(kb(server.pid, "VmRSS")),
      peakRssMb: mb(kb(server.pid, "VmHWM")),
      layout: line,
    };
    if (Number(values.wait) > 0) {
      await new Promise((resolve) => setTimeout(resolve, Number(values.wait) * 1000));
      result.rssBeforeGapsMb = mb(kb(server.pid, "VmRSS"));
    }
    if (values.gaps) {
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, kb(server.pid, "VmRSS"))), 50);
      const started = performance.now();
      // A 504 (the 20 s budget passed on a loaded machine) leaves the analysis running: asked again
      // until it answers (at most 15 times: 5 minutes), so that the peak covers the whole analysis.
      const statuses: number[] = [];
      for (let i = 0; i < 15 && statuses.at(-1) !== 200; i++) {
        const response = await fetch(new URL("/api/gaps?limit=1", server.url));
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      clearInterval(sampler);
      Object.assign(result, {
        gapsStatus: statuses.join(","),
        gapsMs: Math.round(performance.now() - started),
        gapsPeakRssMb: mb(peak),
        rssAfterGapsMb: mb(kb(server.pid, "VmRSS")),
        hwmMb: mb(kb(server.pid, "VmHWM")),
        cpuAfterGapsMs: cpuOf(server.pid),
      });
    }
    result.load = `${loadBefore} -> ${load()}`;
    console.log(server.output().split("\n").filter((l) => /Loaded|read in|Overview|warmed|Gaps|gap/i.test(l)).join("\n"));
    console.log(JSON.stringify(result));
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
