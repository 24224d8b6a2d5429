// Bench section: the main snapshot at 1x and at `--scale N` times (default 10; a generated library of
// the real one's shape, lib/scale-library.ts), on both stores, measured the same way in the same run:
// ingest, server start-up and overview layout, RSS, the overview's payload, the first gap analysis,
// neighbourhood and path latency without the answer cache, the explorer's first frame (embedded
// store), and the Nx/1x ratio of each cost, which must be at most N (growth no worse than linear).
// On Neo4j the latency is also measured warm, cache off and on, as the neo4j section measures it
// (lib/scale-latency.ts): the targets are about a running server; the cold first seconds are given apart.
// From NEO4J_ONLY_FROM times on it measures Neo4j at N times only (see there).
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureWebBuild } from "../../web/harness.ts";
import { runJsonScript, startServerChild, type ServerChild } from "../lib/child.ts";
import { buildQueries, runLoad, type LoadResult } from "../lib/load.ts";
import { benchNeo4jConfig, benchNeo4jJavaOpts, startBenchNeo4j } from "../lib/neo4j.ts";
import { copyFolder, DEFAULT_CROSS_SHARE, DEFAULT_SEED, scaleLibrary } from "../lib/scale-library.ts";
import { latencyTable, measureCached, measureLatency, neo4jTargets, p99Of, type LatencyMode, type LatencyRun } from "../lib/scale-latency.ts";
import { formatMb, formatMs, median, round } from "../lib/stats.ts";
import type { BenchContext, BenchSection, TargetCheck } from "../lib/types.ts";
import { focusOf, measureFirstFrame } from "./first-frame.ts";
import { fetchWholeOverview } from "../../server/overview-fetch.ts";

type Store = "memory" | "neo4j";

interface SizeMeasurement {
  store: Store;
  factor: number;
  patterns: number;
  /** Embedded: read + load in a fresh process. Neo4j: read + write of a first ingest. */
  ingestMs: number;
  /** Spawn to the server's URL line, then to its overview layout line. */
  startupMs: number;
  readyMs: number;
  rssAfterLoadMb: number;
  rssAfterMb: number;
  peakRssMb: number;
  /** Both parts of GET /api/overview; the first part alone (what the first frame waits for). */
  overviewBytes: number;
  overviewFirstBytes: number;
  overviewGzipBytes: number;
  /** The first GET /api/gaps (the analysis runs once per library) and its status. */
  gapsMs: number;
  gapsStatus: number;
  /** The first run after a fresh start, answer cache off; undefined when no request completed within the run. */
  neighborhoodP99Ms: number | undefined;
  pathsP99Ms: number | undefined;
  /** Neo4j: the same, warm (after the warm-up runs), the targets' figures. */
  warmNeighborhoodP99Ms?: number;
  warmPathsP99Ms?: number;
  firstFrameOverviewMs?: number;
  firstFrameNeighborhoodMs?: number;
  /** Embedded store: the restarts after the first (cold) start, on the same layout cache. */
  restarts?: Restart[];
  /** Neo4j: the same queries with the answer cache on, warm (one request per URL, then the warm-up runs). */
  cachedNeighborhoodP99Ms?: number;
  cachedPathsP99Ms?: number;
  /** Neo4j: every latency run, cold, warm-up and warm, per answer-cache mode. */
  latency?: Record<LatencyMode, LatencyRun>;
  /** Neo4j: the ingest process's peak RSS and CPU, and when each step of its load ended. */
  ingestPeakRssMb?: number;
  ingestCpuMs?: number;
  /** Neo4j: its JVM's CPU time (every thread) during the ingest, and the JVM's peak RSS by the ingest's end (launcher only). */
  ingestJvmCpuMs?: number;
  jvmPeakRssMb?: number;
  ingestSteps?: { step: string; ms: number; rssMb: number }[];
}

/** A restart of the embedded server on the layout cache the first start filled. */
interface Restart {
  /** The library it started on: unchanged (a layout cache hit), or with a few files removed (a warm layout). */
  what: string;
  readyMs: number;
  /** CPU time (user + system, every thread) of the server process from spawn to its overview layout line. */
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
  /** The overview layout line's own figure and how it was made ("read from the layout cache", "warm start"...). */
  layoutLine: string;
}

/** Targets the issue sets for a 10x library on the embedded store under `npm start`'s defaults. */
const EMBEDDED_10X = { readyMs: 10_000, rssMb: 1024, overviewMb: 5, firstFrameMs: 2000 } as const;
/** The ingest's heap from 100x on: its main thread peaks near 3 GB there, its gap analysis thread near 4 GB. */
const INGEST_100X_NODE_OPTIONS = "--max-old-space-size=6144";
/**
 * From this many times the library, the section runs Neo4j at N times only: the embedded store's
 * targets stop at 10x (at 100x it would hold gigabytes), and 1x is measured by the 10x run. No
 * growth ratios then.
 */
const NEO4J_ONLY_FROM = 100;

/** The scaled library, generated once per factor and source into the bench cache and reused. */
async function scaledLibrary(context: BenchContext, factor: number): Promise<string> {
  if (context.scaleLibrary) return givenLibrary(context.scaleLibrary, factor);
  const out = path.join(context.repoRoot, "node_modules/.cache/pattern-atlas-bench", `scale-${factor}`);
  const stamp = path.join(out, ".scale.json");
  const wanted = JSON.stringify({ source: context.mainSnapshot.path, factor, cross: DEFAULT_CROSS_SHARE, seed: DEFAULT_SEED });
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return out;
  rmSync(out, { recursive: true, force: true });
  context.log(`  writing the ${factor}x library to ${path.relative(context.repoRoot, out)}`);
  const report = await scaleLibrary(context.mainSnapshot.path, out, { factor });
  context.log(`  ${report.filesWritten} files, ${formatMb(report.bytes / 1024 / 1024)} in ${formatMs(report.ms)}`);
  writeFileSync(stamp, wanted);
  return out;
}

/** `--scale-library`: a folder `npm run scale -- --factor <factor>` wrote (its copy folders 1 to factor, no more). */
function givenLibrary(folder: string, factor: number): string {
  const has = (copy: number) => existsSync(path.join(folder, copyFolder(copy, factor)));
  if (!has(1) || !has(factor) || has(factor + 1)) {
    throw new Error(`--scale-library ${folder} is not a ${factor}x library of the scale generator (no ${copyFolder(factor, factor)}, or more copies); write one with npm run scale -- --factor ${factor} --out <folder>`);
  }
  return folder;
}

const optionalMs = (ms: number | undefined): string => (ms === undefined ? "none answered" : formatMs(ms));

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** Start-up, memory, overview, gaps and cache-off latency of one server on one library. */
async function measureServing(context: BenchContext, store: Store, factor: number, args: string[], env: NodeJS.ProcessEnv = {}) {
  const spawned = performance.now();
  const server: ServerChild = await startServerChild(context.repoRoot, [...args, "--response-cache-mb", "0"], env, { built: true });
  context.log(`  ${store} ${factor}x: first start, CPU ${formatMs(cpuMsOf(server.pid))} to its URL line`);
  try {
    const startupMs = performance.now() - spawned;
    await server.waitFor(/Overview layout: \d+ nodes in \d+ ms/, 600_000);
    const readyMs = performance.now() - spawned;
    const rssAfterLoadMb = server.memory().rssMb;
    const overview = await fetchWholeOverview(server.url);
    const [gaps, gapsMs] = await timed(() => fetch(new URL("/api/gaps?limit=1", server.url)));
    await gaps.arrayBuffer();
    const kinds = buildQueries(overview).filter((k) => k.name !== "search");
    const p99: (number | undefined)[] = [];
    const cold: LoadResult[] = [];
    for (const kind of kinds) {
      const result = await runLoad(server.url, kind, context.connections, context.durationSeconds, {}, context.loadTool);
      context.log(`  ${store} ${factor}x ${kind.name}: p99 ${formatMs(result.p99Ms)} (${result.requestsPerSecond} req/s, ${result.non2xx} non-2xx)`);
      p99.push(result.requests > 0 ? result.p99Ms : undefined);
      cold.push(result);
    }
    const measured = {
      startupMs,
      readyMs,
      rssAfterLoadMb,
      overviewBytes: overview.bytes.first + overview.bytes.rest,
      overviewFirstBytes: overview.bytes.first,
      overviewGzipBytes: overview.bytes.gzipped,
      gapsMs,
      gapsStatus: gaps.status,
      neighborhoodP99Ms: p99[0],
      pathsP99Ms: p99[1],
      rssAfterMb: server.memory().rssMb,
      peakRssMb: server.memory().peakRssMb,
      patterns: overview.nodes.length,
    };
    context.log(`  ${store} ${factor}x: ready in ${formatMs(readyMs)}, RSS ${formatMb(rssAfterLoadMb)}, gaps ${gaps.status} in ${formatMs(gapsMs)}`);
    return { server, measured, overview, kinds, cold };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** CPU time (user + system, all threads) a process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Files removed from the library for the few-files-changed restart: every 5,000th of the sorted list (7 at 10x, 1 at 1x), at most 5. */
const REMOVED_FILES = 5;

/**
 * A copy of `folder` made of hard links (no file's bytes are copied, none is changed), without a few
 * of its Markdown files: what a restart sees after a few files were deleted. Removed by the caller.
 */
function copyWithoutFewFiles(folder: string, into: string): string[] {
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(folder, rel), { withFileTypes: true })) {
      const name = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(name);
      else if (entry.isFile()) files.push(name);
    }
  };
  walk("");
  const markdown = files.filter((f) => f.endsWith(".md")).sort();
  const removed = markdown.filter((_, i) => i % 5000 === 2500).slice(0, REMOVED_FILES);
  for (const file of files) {
    if (removed.includes(file)) continue;
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    try {
      linkSync(path.join(folder, file), path.join(into, file));
    } catch {
      // Another file system: a copy does as well.
      copyFileSync(path.join(folder, file), path.join(into, file));
    }
  }
  return removed;
}

/** A start of the embedded server on `folder` with the layout cache `cacheDir`, up to its overview layout line. */
async function measureRestart(context: BenchContext, folder: string, cacheDir: string, what: Restart["what"]): Promise<Restart> {
  const spawned = performance.now();
  const server = await startServerChild(context.repoRoot, ["--library", folder, "--response-cache-mb", "0"], { PATTERN_ATLAS_LAYOUT_CACHE: cacheDir }, { built: true });
  try {
    const [line] = await server.waitFor(/Overview layout: .*/, 600_000);
    const restart: Restart = { what, readyMs: performance.now() - spawned, cpuMs: cpuMsOf(server.pid), ...memoryOf(server), layoutLine: line.replace(/^Overview layout: /, "") };
    context.log(`  restart, ${what}: ready in ${formatMs(restart.readyMs)}, CPU ${formatMs(restart.cpuMs)}, RSS ${formatMb(restart.rssMb)} (${restart.layoutLine})`);
    return restart;
  } finally {
    await server.stop();
  }
}

/** Resident and peak resident memory of a process, from /proc/<pid>/status. */
function memoryOfPid(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? Number.NaN);
  return { rssMb: kb("VmRSS") / 1024, peakRssMb: kb("VmHWM") / 1024 };
}

const memoryOf = (server: ServerChild) => {
  const { rssMb, peakRssMb } = server.memory();
  return { rssMb, peakRssMb };
};

/**
 * The embedded ingest (read + load, a fresh process each), the median of INGEST_RUNS: a size's first
 * run may read its files from the disk, where the 1x library (read by every section) is always in the
 * page cache. Measured once, the 10x figure held that read (14.0 s, against 5.9-6.7 s cached).
 */
const INGEST_RUNS = 3;

async function measureIngest(context: BenchContext, factor: number, folder: string): Promise<number> {
  const runs: number[] = [];
  for (let run = 0; run < INGEST_RUNS; run++) {
    const once = await runJsonScript<{ totalMs: number; readMs: number; storeMs: number }>(context.repoRoot, "test/bench/children/ingest-once.ts", [folder]);
    context.log(`  memory ${factor}x ingest ${run + 1}/${INGEST_RUNS}: ${formatMs(once.totalMs)} (read ${formatMs(once.readMs)}, store ${formatMs(once.storeMs)})`);
    runs.push(once.totalMs);
  }
  return median(runs);
}

async function measureEmbedded(context: BenchContext, factor: number, folder: string): Promise<SizeMeasurement> {
  const ingestMs = await measureIngest(context, factor, folder);
  // A layout cache of its own, empty at first: the first start lays out cold, the restarts read it.
  const cacheDir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-bench-layouts-"));
  // Beside the bench's generated libraries, never beside the library read (the shared corpus).
  const changed = path.join(context.repoRoot, "node_modules/.cache/pattern-atlas-bench", `changed-${factor}`);
  try {
    const { server, measured, overview } = await measureServing(context, "memory", factor, ["--library", folder], { PATTERN_ATLAS_LAYOUT_CACHE: cacheDir });
    let frames: Awaited<ReturnType<typeof measureFirstFrame>>;
    try {
      frames = await measureFirstFrame(server.url, focusOf(overview), Math.min(3, context.runs), context.log);
    } finally {
      await server.stop();
    }
    const restarts = [await measureRestart(context, folder, cacheDir, "unchanged library (layout cache hit)")];
    rmSync(changed, { recursive: true, force: true });
    const removed = copyWithoutFewFiles(folder, changed);
    restarts.push(await measureRestart(context, changed, cacheDir, `${removed.length} files removed (warm layout from the cache)`));
    return {
      store: "memory",
      factor,
      ingestMs,
      ...measured,
      firstFrameOverviewMs: frames.find((f) => f.view === "overview")!.medianFirstFrameMs,
      firstFrameNeighborhoodMs: frames.find((f) => f.view === "neighborhood")!.medianFirstFrameMs,
      restarts,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(changed, { recursive: true, force: true });
  }
}

/**
 * The offline importer's first load from this many times the library on (`ingest --neo4j-import`,
 * the documented way to load a large library first: at 100x ~2.3 min against about an hour by
 * Bolt), unless NEO4J_BENCH_URI names a running Neo4j (which the importer cannot fill).
 */
const NEO4J_IMPORTER_FROM = 100;
/** The warm-up per query, in seconds at least, of the Neo4j server's runs from 100x on (see measureNeo4j). */
const NEO4J_100X_WARMUP_S = 60;
/** The first load's V8 flags from 100x on: `npm run ingest`'s 64 MB semi-spaces, and heap for its two busy threads. */
const INGEST_100X_IMPORT_NODE_OPTIONS = `${INGEST_100X_NODE_OPTIONS} --max-semi-space-size=64`;

/** The context of the Neo4j server's runs: from 100x on, a warm-up of at least NEO4J_100X_WARMUP_S per query (see measureNeo4j). */
function neo4jServingContext(context: BenchContext, factor: number): BenchContext {
  return factor >= NEO4J_IMPORTER_FROM ? { ...context, warmupSeconds: Math.max(context.warmupSeconds, NEO4J_100X_WARMUP_S) } : context;
}

interface IngestFigures {
  totalMs: number;
  outcome: string;
  peakRssMb: number;
  cpuMs: number;
  steps: { step: string; ms: number; rssMb: number }[];
}

async function measureNeo4j(context: BenchContext, factor: number, folder: string): Promise<SizeMeasurement> {
  const javaOpts = benchNeo4jJavaOpts(factor);
  const config = benchNeo4jConfig(factor);
  const viaImporter = factor >= NEO4J_IMPORTER_FROM && !process.env.NEO4J_BENCH_URI?.trim();
  const home = viaImporter ? mkdtempSync(path.join(tmpdir(), "pattern-atlas-bench-home-")) : undefined;
  let neo4j: Awaited<ReturnType<typeof startBenchNeo4j>> | undefined;
  try {
    let ingest: IngestFigures;
    let jvm: { cpuMs: number; peakRssMb: number } | undefined;
    if (home !== undefined) {
      // Neo4j stopped: the importer fills the home, then the launcher serves it.
      ingest = await runJsonScript<IngestFigures>(context.repoRoot, "test/bench/children/neo4j-import-once.ts", [folder, home], {
        NODE_OPTIONS: `${INGEST_100X_IMPORT_NODE_OPTIONS} ${process.env.NODE_OPTIONS ?? ""}`.trim(),
      });
      neo4j = await startBenchNeo4j(context.repoRoot, context.log, { ...(javaOpts ? { javaOpts } : {}), dataDir: home, config });
    } else {
      neo4j = await startBenchNeo4j(context.repoRoot, context.log, { ...(javaOpts ? { javaOpts } : {}), config });
      const ingestEnv = { ...neo4j.env(), ...(factor >= 100 ? { NODE_OPTIONS: `${INGEST_100X_NODE_OPTIONS} ${process.env.NODE_OPTIONS ?? ""}`.trim() } : {}) };
      const jvmBefore = neo4j.pid === undefined ? undefined : cpuMsOf(neo4j.pid);
      ingest = await runJsonScript<IngestFigures>(context.repoRoot, "test/bench/children/neo4j-ingest-once.ts", [folder, "default", "overview"], ingestEnv);
      jvm = neo4j.pid === undefined || jvmBefore === undefined ? undefined : { cpuMs: cpuMsOf(neo4j.pid) - jvmBefore, peakRssMb: memoryOfPid(neo4j.pid).peakRssMb };
    }
    context.log(
      `  neo4j ${factor}x ingest: ${ingest.outcome} in ${formatMs(ingest.totalMs)} (CPU ${formatMs(ingest.cpuMs)}${home !== undefined ? " without the importer's JVM" : ""}, peak RSS ${formatMb(ingest.peakRssMb)}` +
        `${jvm ? `; Neo4j's JVM: CPU ${formatMs(jvm.cpuMs)}, peak RSS ${formatMb(jvm.peakRssMb)}` : ""})`,
    );
    for (const step of ingest.steps) context.log(`    +${formatMs(step.ms)} ${step.step} (RSS ${formatMb(step.rssMb)})`);
    // From 100x a launcher just started on a store it never served fills its page cache and compiles
    // its hot paths for about a minute (2026-12-07: warm paths p99 568 ms after 5 s of warm-up per
    // query, 316 ms after 30 s, 225-267 ms on a launcher some minutes old): the warm figures, a
    // running server's, come after at least NEO4J_100X_WARMUP_S of warm-up per query.
    const servingContext = neo4jServingContext(context, factor);
    const { server, measured, kinds, cold } = await measureServing(servingContext, "neo4j", factor, [], neo4j.env());
    let uncached: LatencyRun;
    try {
      uncached = await measureLatency(servingContext, server, kinds, "uncached", cold);
    } finally {
      await server.stop();
    }
    const cached = await measureCached(servingContext, neo4j.env(), kinds);
    const [warmNeighborhoodP99Ms, warmPathsP99Ms] = uncached.warm.map(p99Of);
    const [cachedNeighborhoodP99Ms, cachedPathsP99Ms] = cached.warm.map(p99Of);
    return {
      store: "neo4j",
      factor,
      ingestMs: ingest.totalMs,
      ...measured,
      ingestPeakRssMb: ingest.peakRssMb,
      ingestCpuMs: ingest.cpuMs,
      ingestSteps: ingest.steps,
      ...(jvm ? { ingestJvmCpuMs: jvm.cpuMs, jvmPeakRssMb: jvm.peakRssMb } : {}),
      ...(warmNeighborhoodP99Ms === undefined ? {} : { warmNeighborhoodP99Ms }),
      ...(warmPathsP99Ms === undefined ? {} : { warmPathsP99Ms }),
      ...(cachedNeighborhoodP99Ms === undefined ? {} : { cachedNeighborhoodP99Ms }),
      ...(cachedPathsP99Ms === undefined ? {} : { cachedPathsP99Ms }),
      latency: { uncached, cached },
    };
  } finally {
    await neo4j?.stop();
    if (home !== undefined) rmSync(home, { recursive: true, force: true });
  }
}

/** The costs whose growth is compared, and how each is shown. */
const COSTS: { key: keyof SizeMeasurement; what: string; format: (v: number) => string }[] = [
  { key: "ingestMs", what: "ingest", format: formatMs },
  { key: "readyMs", what: "start-up to overview laid out", format: formatMs },
  { key: "rssAfterLoadMb", what: "RSS after load", format: formatMb },
  { key: "overviewBytes", what: "overview payload", format: (v) => formatMb(v / 1024 / 1024) },
  { key: "gapsMs", what: "first gap analysis", format: formatMs },
  { key: "neighborhoodP99Ms", what: "neighbourhood p99 (cache off)", format: formatMs },
  { key: "pathsP99Ms", what: "paths p99 (cache off)", format: formatMs },
  { key: "warmNeighborhoodP99Ms", what: "neighbourhood p99 (cache off, warm)", format: formatMs },
  { key: "warmPathsP99Ms", what: "paths p99 (cache off, warm)", format: formatMs },
  { key: "cachedNeighborhoodP99Ms", what: "neighbourhood p99 (cache on, warm)", format: formatMs },
  { key: "cachedPathsP99Ms", what: "paths p99 (cache on, warm)", format: formatMs },
  { key: "firstFrameOverviewMs", what: "first frame, overview", format: formatMs },
];

export const section: BenchSection = {
  name: "scale",
  order: 60,
  description: "1x and --scale N times the main snapshot on both stores: ingest, load, RSS, overview, gaps, latency, first frame, growth",
  async run(context) {
    const factor = context.scale;
    const big = await scaledLibrary(context, factor);
    await ensureWebBuild();
    const neo4jOnly = factor >= NEO4J_ONLY_FROM;
    const stores = neo4jOnly ? context.stores.filter((store) => store === "neo4j") : context.stores;
    const sizes: readonly (readonly [number, string])[] = neo4jOnly
      ? [[factor, big]]
      : [
          [1, context.mainSnapshot.path],
          [factor, big],
        ];
    const runs: SizeMeasurement[] = [];
    for (const store of stores) {
      for (const [size, folder] of sizes) {
        context.log(`  ${store} at ${size}x`);
        runs.push(store === "memory" ? await measureEmbedded(context, size, folder) : await measureNeo4j(context, size, folder));
      }
    }
    const at = (store: Store, size: number) => runs.find((r) => r.store === store && r.factor === size);

    const targets: TargetCheck[] = [];
    const m = at("memory", factor);
    if (factor >= 10 && m) {
      targets.push(
        { what: `embedded ${factor}x: load + overview layout, empty layout cache`, target: `< ${EMBEDDED_10X.readyMs / 1000} s`, measured: formatMs(m.readyMs), ok: m.readyMs < EMBEDDED_10X.readyMs },
        ...(m.restarts ?? []).map((s) => ({ what: `embedded ${factor}x: load + overview layout, ${s.what}`, target: `< ${EMBEDDED_10X.readyMs / 1000} s`, measured: formatMs(s.readyMs), ok: s.readyMs < EMBEDDED_10X.readyMs })),
        { what: `embedded ${factor}x: peak RSS (load, first gaps, load test)`, target: `< ${EMBEDDED_10X.rssMb} MB`, measured: formatMb(m.peakRssMb), ok: m.peakRssMb < EMBEDDED_10X.rssMb },
        { what: `embedded ${factor}x: GET /api/gaps answers`, target: "200", measured: String(m.gapsStatus), ok: m.gapsStatus === 200 },
        { what: `embedded ${factor}x: overview payload`, target: `< ${EMBEDDED_10X.overviewMb} MB`, measured: formatMb(m.overviewBytes / 1024 / 1024), ok: m.overviewBytes < EMBEDDED_10X.overviewMb * 1024 * 1024 },
        { what: `embedded ${factor}x: first frame, overview`, target: `< ${EMBEDDED_10X.firstFrameMs} ms`, measured: formatMs(m.firstFrameOverviewMs!), ok: m.firstFrameOverviewMs! < EMBEDDED_10X.firstFrameMs },
      );
    }
    const n = at("neo4j", factor);
    if (factor >= 100 && n) targets.push(...neo4jTargets(factor, n));
    const growthRows: (string | number)[][] = [];
    for (const store of neo4jOnly ? [] : stores) {
      const small = at(store, 1)!;
      const large = at(store, factor)!;
      for (const cost of COSTS) {
        const one = small[cost.key] as number | undefined;
        const many = large[cost.key] as number | undefined;
        if (one === undefined || many === undefined) continue;
        // A refused analysis (503 for memory, 504 past its budget) is not a cost to compare.
        if (cost.key === "gapsMs" && (small.gapsStatus !== 200 || large.gapsStatus !== 200)) {
          growthRows.push([store, cost.what, `${small.gapsStatus}`, `${large.gapsStatus}`, "not comparable"]);
          continue;
        }
        const ratio = many / one;
        growthRows.push([store, cost.what, cost.format(one), cost.format(many), `${ratio.toFixed(1)}x`]);
        targets.push({ what: `${store}: ${cost.what}, ${factor}x / 1x`, target: `<= ${factor}x`, measured: `${ratio.toFixed(1)}x`, ok: ratio <= factor });
      }
    }
    const cells = (r: SizeMeasurement) => [
      r.store,
      `${r.factor}x`,
      r.patterns,
      formatMs(r.ingestMs),
      formatMs(r.readyMs),
      formatMb(r.rssAfterLoadMb),
      formatMb(r.peakRssMb),
      `${(r.overviewBytes / 1024 / 1024).toFixed(1)} MB, first part ${(r.overviewFirstBytes / 1024 / 1024).toFixed(1)} MB (${(r.overviewGzipBytes / 1024 / 1024).toFixed(1)} MB gzip)`,
      `${r.gapsStatus} in ${formatMs(r.gapsMs)}`,
      optionalMs(r.neighborhoodP99Ms),
      optionalMs(r.pathsP99Ms),
      r.firstFrameOverviewMs === undefined ? "not measured" : formatMs(r.firstFrameOverviewMs),
      r.firstFrameNeighborhoodMs === undefined ? "not measured" : formatMs(r.firstFrameNeighborhoodMs),
    ];
    return {
      tables: [
        {
          title: `${context.mainSnapshot.name} at ${neo4jOnly ? "" : "1x and "}${factor}x (the server as \`npm start\` runs it, answer cache off, ${context.connections} connections for ${context.durationSeconds} s per query, p99 from a fresh start without warm-up: cold; Neo4j's warm figures below)`,
          columns: ["store", "size", "patterns", "ingest", "ready (overview laid out)", "RSS after load", "peak RSS", "overview", "first /api/gaps", "neighbourhood p99", "paths p99", "first frame overview", "first frame neighbourhood"],
          rows: runs.map(cells),
        },
        latencyTable(neo4jServingContext(context, factor), runs.filter((r) => r.store === "neo4j")),
        ...(neo4jOnly ? [] : [{ title: `Growth from 1x to ${factor}x (at most linear: a ratio of at most ${factor})`, columns: ["store", "cost", "1x", `${factor}x`, "ratio"], rows: growthRows }]),
        {
          title: "Neo4j: the first ingest (its process's CPU, every thread; Neo4j's JVM CPU meanwhile)",
          columns: ["size", "ingest", "ingest CPU", "ingest peak RSS", "JVM CPU", "JVM peak RSS"],
          rows: runs
            .filter((r) => r.store === "neo4j")
            .map((r) => [
              `${r.factor}x`,
              formatMs(r.ingestMs),
              r.ingestCpuMs === undefined ? "-" : formatMs(r.ingestCpuMs),
              r.ingestPeakRssMb === undefined ? "-" : formatMb(r.ingestPeakRssMb),
              r.ingestJvmCpuMs === undefined ? "-" : formatMs(r.ingestJvmCpuMs),
              r.jvmPeakRssMb === undefined ? "-" : formatMb(r.jvmPeakRssMb),
            ]),
        },
        {
          title: "Neo4j: when each step of the first ingest ended (since the ingest process started) and its RSS then",
          columns: ["size", "step", "at", "RSS"],
          rows: runs.flatMap((r) => (r.ingestSteps ?? []).map((step) => [`${r.factor}x`, step.step, formatMs(step.ms), formatMb(step.rssMb)])),
        },
        {
          title: "The embedded server started again on the layout cache its first (cold) start filled (figures, spawn to the overview layout line)",
          columns: ["size", "start", "ready", "CPU (all threads)", "RSS", "peak RSS", "overview layout"],
          rows: runs.flatMap((r) => (r.restarts ?? []).map((s) => [`${r.factor}x`, s.what, formatMs(s.readyMs), formatMs(s.cpuMs), formatMb(s.rssMb), formatMb(s.peakRssMb), s.layoutLine])),
        },
      ],
      targets,
      json: { factor, runs: runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? round(v) : v]))) },
    };
  },
};
