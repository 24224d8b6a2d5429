// One start of the built embedded server (`dist/cli.js serve`, `npm start`'s V8 flags) on a library,
// measured as the scale section measures it (spawn to the "Overview layout" line, CPU time of the
// whole process from /proc), then optionally its first `GET /api/gaps` with the process's RSS
// sampled every 50 ms while it runs. At ready it also gives the CPU of each live thread by name. Not a test: run it by hand,
// `npx tsx test/bench/embedded-start.ts --library <folder> --layout-cache <folder> [--gaps] [--wait <s>] [--cpu-prof <folder>]`
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
/**
 * CPU of each live thread by name and id (proc(5) task/<tid>/stat and comm), in ms, largest first: at ready,
 * which threads the start's CPU went to (the main thread is the one named as the process; worker
 * threads and V8's helpers have names of their own; an ended thread's CPU is only in the total).
 */
const threadsCpu = (pid: number): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const name = tid === String(pid) ? "main" : `${readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim()} ${tid}`;
      const ms = (Number(fields[11]) + Number(fields[12])) * 10;
      if (ms > 0) out[name] = ms;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
};
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");

async function main(): Promise<void> {
  if (!values.library || !values["layout-cache"]) throw new Error("--library and --layout-cache are needed");
  const env: NodeJS.ProcessEnv = { PATTERN_ATLAS_LAYOUT_CACHE: path.resolve(values["layout-cache"]) };
  const nodeArgs = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
  const loadBefore = load();
  const spawned = performance.now();
  const server = await startServerChild(path.resolve(values.repo), ["--library", path.resolve(values.library), "--response-cache-mb", "0"], env, { built: true, nodeArgs });
  try {
    const [line] = await server.waitFor(/Overview layout: .*/, 600_000);
    const readyMs = Math.round(performance.now() - spawned);
    const result: Record<string, unknown> = {
      readyMs,
      cpuMs: cpuOf(server.pid),
      threadsCpuMs: threadsCpu(server.pid),
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
