// The explorer's frames while a drag pans the overview and when it lets go, with what each release
// costs Chromium's renderer and GPU processes in CPU time (from /proc: on this shared 2-core machine a
// frame's wall time mostly says how long Chromium waited for a core). Not a test: run it by hand
// against a running server (`node dist/cli.js serve --library /tmp/atlas-scale10 --port N`),
//   npx tsx test/bench/pan-release.ts --url http://127.0.0.1:N [--explorer web/dist,other/web/dist]
//     [--viewports 1440x900,390x844] [--scenes rest,open] [--drags 6] [--rounds 2] [--sweep]
//     [--cpu-prof <folder>] [--trace <folder>] [--screenshots <folder>]
// Each `--explorer` folder (a built web/dist) is served to the page in place of the server's own by
// Playwright routing, so two builds are compared on one server, interleaved (A B, then B A). Scenes:
// `rest`, the overview as it opens; `open`, its largest community opened by a click. Per page: a
// discarded drag, then `--drags` drags of 160 px (one pointer event per 8 px), each release followed by
// 700 ms in which the frame intervals (the longest: the release's frame), the page's long tasks and the
// renderer's and GPU process's CPU are read; `--sweep` adds measurePanning (the frames while the
// pointer moves). `--cpu-prof` writes a V8 CPU profile of the page over the drags and prints its
// costliest functions; `--trace` writes a Chromium trace of all its processes over the drags and prints,
// per process and thread, the time in its top-level tasks and their costliest events (the split of a
// release between script, the GPU process's drawing and compositing); `--screenshots` saves the settled
// frame before the drags, to compare builds.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { launchPlainBrowser } from "../web/harness.ts";
import { routeExplorer } from "./lib/explorer-route.ts";
import { measurePanning } from "./lib/pan-frames.ts";
import { median } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    explorer: { type: "string", default: "" },
    viewports: { type: "string", default: "1440x900,390x844" },
    scenes: { type: "string", default: "rest,open" },
    drags: { type: "string", default: "6" },
    rounds: { type: "string", default: "1" },
    sweep: { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    trace: { type: "string" },
    screenshots: { type: "string" },
  },
});

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");

// ---- Chromium's processes and their CPU time

/** This process's descendants with their command lines. */
function descendants(): { pid: number; cmdline: string }[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (mine.has(pid) || !mine.has(ppid)) continue;
      mine.add(pid);
      grew = true;
    }
  }
  mine.delete(process.pid);
  return [...mine].flatMap((pid) => {
    try {
      return [{ pid, cmdline: readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ") }];
    } catch {
      return [];
    }
  });
}

/** CPU ms on a core of every thread of `pids` (schedstat's first field, nanoseconds). */
function cpuMs(pids: readonly number[]): number {
  let ms = 0;
  for (const threadMs of cpuByThread({ all: pids }).values()) ms += threadMs;
  return ms;
}

/** CPU ms on a core of each thread of `pids`, by process kind and thread name (threads of one name summed). */
function cpuByThread(pids: Record<string, readonly number[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [kind, list] of Object.entries(pids)) {
    for (const pid of list) {
      let tasks: string[];
      try {
        tasks = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const tid of tasks) {
        try {
          const name = `${kind}/${readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim()}`;
          out.set(name, (out.get(name) ?? 0) + Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]) / 1e6);
        } catch {
          // a thread that ended meanwhile
        }
      }
    }
  }
  return out;
}

const chromiumProcesses = () => {
  const all = descendants();
  return {
    renderer: all.filter((p) => p.cmdline.includes("--type=renderer")).map((p) => p.pid),
    gpu: all.filter((p) => p.cmdline.includes("--type=gpu-process")).map((p) => p.pid),
  };
};

// ---- the page

/** Waits until a node's viewport position stays put for 100 ms (an opened community moves the camera). */
async function restingPosition(page: Page, node: string): Promise<{ x: number; y: number }> {
  let at = (await page.evaluate((key) => window.__atlas!.nodePosition(key), node))!;
  for (let tries = 0; tries < 50; tries++) {
    await page.waitForTimeout(100);
    const next = (await page.evaluate((key) => window.__atlas!.nodePosition(key), node))!;
    const still = Math.abs(next.x - at.x) < 0.5 && Math.abs(next.y - at.y) < 0.5;
    at = next;
    if (still) break;
  }
  return at;
}

const twoFrames = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function openScene(browser: Browser, url: string, dist: string | null, viewport: { width: number; height: number }, scene: string): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on("crash", () => console.error(`[page crashed] ${viewport.width}x${viewport.height} ${scene} ${dist ?? ""}`));
  page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
  if (dist) await routeExplorer(page, dist);
  await page.goto(`${url}/`);
  await page.waitForFunction(() => window.__atlas?.status === "ready", undefined, { timeout: 180_000, polling: 100 });
  const box = (await page.locator("#graph").boundingBox())!;
  if (scene === "open") {
    const largest = (await page.evaluate(() => window.__atlas!.communityNodes())).sort((a, b) => b.members - a.members)[0]!;
    const at = await restingPosition(page, largest.node);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.mouse.move(box.x + 4, box.y + box.height - 4);
    await page.waitForFunction((key) => window.__atlas!.communityNodes().find((c) => c.key === key)?.open === true, largest.key, { timeout: 60_000, polling: 100 });
    await restingPosition(page, largest.node);
  }
  await page.waitForTimeout(1500);
  await twoFrames(page);
  return page;
}

interface Release {
  /** The longest frame interval in the 700 ms after the release (wall). */
  frameMs: number;
  /** The longest task of the page's main thread in those 700 ms (Long Tasks API: 50 ms or more). */
  longTaskMs: number;
  rendererCpuMs: number;
  gpuCpuMs: number;
  /** CPU ms per thread name of both processes over the release. */
  threads: Map<string, number>;
}

/** One drag of `dx` pixels from the stage's middle, and what its release cost. */
async function dragOnce(page: Page, dx: number, watch: () => { renderer: number[]; gpu: number[] }): Promise<Release> {
  const box = (await page.locator("#graph").boundingBox())!;
  const x = box.x + box.width / 2 - dx / 2;
  const y = box.y + box.height / 2;
  await page.evaluate(`(() => {
    window.__rel = { frames: [], tasks: [], up: Infinity, on: true };
    window.addEventListener("mouseup", () => (window.__rel.up = performance.now()), { capture: true, once: true });
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__rel.tasks.push([e.startTime, e.duration]); });
    observer.observe({ type: "longtask" });
    window.__rel.observer = observer;
    const tick = (t) => { window.__rel.frames.push(t); if (window.__rel.on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: Math.round(Math.abs(dx) / 8) });
  const pids = watch();
  const threadsBefore = cpuByThread(pids);
  const before = { renderer: cpuMs(pids.renderer), gpu: cpuMs(pids.gpu) };
  await page.mouse.up();
  await page.waitForTimeout(700);
  const after = { renderer: cpuMs(pids.renderer), gpu: cpuMs(pids.gpu) };
  const threads = new Map([...cpuByThread(pids)].map(([name, ms]) => [name, ms - (threadsBefore.get(name) ?? 0)]));
  const { frames, tasks, up } = (await page.evaluate(`(() => {
    window.__rel.on = false;
    window.__rel.observer.disconnect();
    return { frames: window.__rel.frames, tasks: window.__rel.tasks, up: window.__rel.up };
  })()`)) as { frames: number[]; tasks: [number, number][]; up: number };
  let frameMs = 0;
  for (let i = 1; i < frames.length; i++) if (frames[i]! > up) frameMs = Math.max(frameMs, frames[i]! - frames[i - 1]!);
  const longTaskMs = Math.max(0, ...tasks.filter(([start, duration]) => start + duration >= up).map(([, duration]) => duration));
  return { frameMs, longTaskMs, rendererCpuMs: after.renderer - before.renderer, gpuCpuMs: after.gpu - before.gpu, threads };
}

/** How many pixels differ between two PNG screenshots of the same size (read back in a page of `browser`). */
async function differingPixels(browser: Browser, a: Buffer, b: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    // A string, not a function: tsx would wrap named arrows in a helper the page does not have.
    return (await page.evaluate(`(async (a, b) => {
      const read = async (data) => {
        const image = new Image();
        image.src = "data:image/png;base64," + data;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext("2d");
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height).data;
      };
      const x = await read(a);
      const y = await read(b);
      if (x.length !== y.length) return -1;
      let differing = 0;
      for (let i = 0; i < x.length; i += 4) if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2] || x[i + 3] !== y[i + 3]) differing++;
      return differing;
    })(${JSON.stringify(a.toString("base64"))}, ${JSON.stringify(b.toString("base64"))})`)) as number;
  } finally {
    await page.close();
  }
}

// ---- CPU profile of the page

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** The costliest functions of a V8 CPU profile by self time, in ms. */
function topSelf(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, count = 18): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ""}`.trim();
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [`total ${total.toFixed(0)} ms`, ...[...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`)];
}

// ---- Chromium trace

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Per process and thread of a Chromium trace: the wall and thread (CPU) time of its outermost events, and
 * the events that took the most of it at any depth (inclusive wall ms; nested events count in their parents too).
 */
function traceSummary(events: readonly TraceEvent[], count = 8): string[] {
  const processNames = new Map<number, string>();
  const threadNames = new Map<string, string>();
  for (const e of events) {
    if (e.ph !== "M") continue;
    if (e.name === "process_name") processNames.set(e.pid, e.args?.name ?? "");
    if (e.name === "thread_name") threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  }
  const threads = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X" || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    (threads.get(key) ?? threads.set(key, []).get(key)!).push(e);
  }
  const rows: { wall: number; lines: string[] }[] = [];
  for (const [key, list] of threads) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    let wall = 0;
    let cpu = 0;
    let end = -Infinity;
    const byName = new Map<string, number>();
    for (const e of list) {
      byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur! / 1000);
      if (e.ts >= end) {
        wall += e.dur! / 1000;
        cpu += (e.tdur ?? 0) / 1000;
        end = e.ts + e.dur!;
      }
    }
    if (wall < 5) continue;
    const pid = Number(key.split(":")[0]);
    const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, count);
    rows.push({
      wall,
      lines: [`${processNames.get(pid) ?? pid} / ${threadNames.get(key) ?? key}: top-level ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms thread time`, ...top.map(([name, ms]) => `    ${ms.toFixed(1).padStart(8)} ms  ${name}`)],
    });
  }
  return rows.sort((a, b) => b.wall - a.wall).flatMap((r) => r.lines);
}

const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink", "cc", "gpu", "viz", "toplevel", "benchmark", "disabled-by-default-gpu.service"];

// ---- main

async function main(): Promise<void> {
  if (!values.url) throw new Error("--url <server> is needed");
  const explorers = values.explorer ? values.explorer.split(",").map((d) => path.resolve(d)) : [null];
  const viewports = values.viewports.split(",").map((v) => {
    const [width, height] = v.split("x").map(Number);
    return { width: width!, height: height! };
  });
  const scenes = values.scenes.split(",");
  const drags = Number(values.drags);
  const browser = await launchPlainBrowser();
  const watch = () => chromiumProcesses();
  const rows: string[] = [];
  /** The first explorer's screenshots, by viewport, scene, round and moment, for the second to be compared with. */
  const screenshots = new Map<string, Buffer>();
  try {
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const viewport of viewports) {
        for (const scene of scenes) {
          const order = round % 2 === 0 ? explorers : [...explorers].reverse();
          for (const dist of order) {
            const name = dist ? path.relative(process.cwd(), dist) || dist : "server's";
            const page = await openScene(browser, values.url, dist, viewport, scene);
            const tag = `${viewport.width}x${viewport.height} ${scene} ${name} r${round + 1}`;
            const shots = values.screenshots;
            const shoot = async (when: string) => {
              if (!shots) return;
              mkdirSync(shots, { recursive: true });
              const png = await page.screenshot({ path: path.join(shots, `${tag.replaceAll(/[ /.]+/g, "_")}_${when}.png`) });
              const key = `${viewport.width}x${viewport.height} ${scene} r${round + 1} ${when}`;
              const other = screenshots.get(key);
              if (other) console.log(`${key}: ${await differingPixels(browser, other, png)} pixels differ between the explorers' settled frames`);
              else screenshots.set(key, png);
            };
            await shoot("before");
            await dragOnce(page, 160, watch);
            const cdp = values["cpu-prof"] ? await page.context().newCDPSession(page) : null;
            if (cdp) {
              await cdp.send("Profiler.enable");
              await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
              await cdp.send("Profiler.start");
            }
            if (values.trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
            const loadBefore = load();
            const releases: Release[] = [];
            for (let i = 0; i < drags; i++) releases.push(await dragOnce(page, i % 2 === 0 ? -160 : 160, watch));
            if (cdp) {
              const { profile } = await cdp.send("Profiler.stop");
              mkdirSync(values["cpu-prof"]!, { recursive: true });
              const file = path.join(values["cpu-prof"]!, `${tag.replaceAll(/[ /]/g, "_")}.cpuprofile`);
              writeFileSync(file, JSON.stringify(profile));
              console.log(`${tag}: profile ${file}\n  ${topSelf(profile as never).join("\n  ")}`);
            }
            if (values.trace) {
              const trace = await browser.stopTracing();
              mkdirSync(values.trace, { recursive: true });
              const file = path.join(values.trace, `${tag.replaceAll(/[ /]/g, "_")}.json`);
              writeFileSync(file, trace);
              const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] };
              console.log(`${tag}: trace ${file} (${drags} releases)\n  ${traceSummary(parsed.traceEvents).join("\n  ")}`);
            }
            await twoFrames(page);
            await shoot("after-drags");
            const m = (pick: (r: Release) => number) => Math.round(median(releases.map(pick)));
            const max = (pick: (r: Release) => number) => Math.round(Math.max(...releases.map(pick)));
            let row = `${tag.padEnd(44)} release frame ${m((r) => r.frameMs)} ms (max ${max((r) => r.frameMs)}), long task ${m((r) => r.longTaskMs)} ms, renderer CPU ${m((r) => r.rendererCpuMs)} ms, GPU CPU ${m((r) => r.gpuCpuMs)} ms (medians of ${drags}); load ${loadBefore} -> ${load()}`;
            const names = [...new Set(releases.flatMap((r) => [...r.threads.keys()]))];
            const byThread = names.map((name) => [name, median(releases.map((r) => r.threads.get(name) ?? 0))] as const).filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]);
            row += `\n${"".padEnd(44)} CPU per thread (medians): ${byThread.map(([name, ms]) => `${name} ${Math.round(ms)}`).join(", ")}`;
            if (values.sweep) {
              const sweep = await measurePanning(page, { sweeps: 2 });
              row += `\n${"".padEnd(44)} sweep: ${sweep.frames} frames, median ${Math.round(sweep.medianMs)} / p95 ${Math.round(sweep.p95Ms)} / max ${Math.round(sweep.maxMs)} ms, release ${Math.round(sweep.releaseMs)} ms; load ${load()}`;
            }
            console.log(row);
            rows.push(row);
            await page.context().close();
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\n${rows.join("\n")}`);
}

await main();
