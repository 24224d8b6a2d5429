// The server half of the benchmark, reusable for any store: start the real server as a child process,
// read its memory once the library and the overview layout are ready, then load it with autocannon.
// Each store is measured twice: with the cache of answers off (what the store itself costs per
// request) and on, warmed by one pass over every URL (what a client of a long-running server sees).
// Either way the server first takes `warmupSeconds` of the same load per query kind, unmeasured for
// the targets but reported: a fresh V8 (and a JVM whose query plans are not compiled yet) is
// several times slower in its first seconds than for the rest of its life.
// The Neo4j section calls measureServer with NEO4J_* in `env`; the embedded-store section without.
import { startServerChild } from "./child.ts";
import { threadCpu, threadSwitches } from "./process-cpu.ts";
import { BROWSER_HEADERS, buildQueries, passOverUrls, runLoad, type LoadResult } from "./load.ts";
import { formatMb, formatMs, round } from "./stats.ts";
import type { BenchContext, Table, TargetCheck } from "./types.ts";
import { fetchWholeOverview } from "../../server/overview-fetch.ts";

export const CACHE_MODES = ["uncached", "cached"] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** How each mode is described in tables and targets. */
export const CACHE_MODE_LABEL: Record<CacheMode, string> = {
  uncached: "store (answer cache off)",
  cached: "API (answer cache on, warm)",
};

/**
 * The client per mode. Without the cache, a client that takes no compression: the numbers are the
 * store's and the serialisation's alone. With it, a browser-like client that takes gzip, as the
 * explorer does: large answers are kept gzipped and sent as they are kept.
 */
const CLIENT_HEADERS: Record<CacheMode, Readonly<Record<string, string>>> = { uncached: {}, cached: BROWSER_HEADERS };

export interface PhaseMeasurement {
  mode: CacheMode;
  startupMs: number;
  layoutMs: number | undefined;
  rssAfterLoadMb: number;
  rssAfterBenchMb: number;
  peakRssMb: number;
  loads: LoadResult[];
  /**
   * Per load of `loads`, the server's CPU time per answer (ms) on its main thread, its busiest other
   * thread (on the embedded store, the neighbourhood thread during neighbourhood loads) and all its
   * threads, and that busiest thread's involuntary context switches per answer (it lost its core
   * while it had work), from /proc: what the latency is made of when the machine is quiet, and
   * what to compare when it is not.
   */
  serverCpu: ServerCpu[];
  /** The warm-up runs (the first seconds after start), one per query kind; empty with --warmup 0. */
  warmup: LoadResult[];
  /** The same queries from one connection: the per-request latency without queueing. */
  singleConnection: LoadResult[];
  /** Cached mode: per query kind, the distinct URLs and the total size of their answers (the cache's working set). */
  workingSet?: { query: string; urls: number; mb: number }[];
}

export interface ServerCpu {
  mainMs: number;
  busiestMs: number;
  allMs: number;
  busiestInvoluntary: number;
}

/** runLoad with the server's CPU per answer around it (ServerCpu). */
async function loadWithCpu(pid: number, load: () => Promise<LoadResult>): Promise<{ result: LoadResult; cpu: ServerCpu }> {
  const [cpuBefore, switchesBefore] = [threadCpu(pid), threadSwitches(pid)];
  const result = await load();
  const [cpuAfter, switchesAfter] = [threadCpu(pid), threadSwitches(pid)];
  const answers = Math.max(1, result.requests);
  const used = [...cpuAfter].map(([tid, ms]) => ({ tid, ms: ms - (cpuBefore.get(tid) ?? 0) }));
  const busiest = used.filter((u) => u.tid !== "main").sort((a, b) => b.ms - a.ms)[0];
  const involuntary = busiest ? (switchesAfter.get(busiest.tid)?.involuntary ?? 0) - (switchesBefore.get(busiest.tid)?.involuntary ?? 0) : 0;
  return {
    result,
    cpu: {
      mainMs: round((used.find((u) => u.tid === "main")?.ms ?? 0) / answers, 3),
      busiestMs: round((busiest?.ms ?? 0) / answers, 3),
      allMs: round(used.reduce((sum, u) => sum + u.ms, 0) / answers, 3),
      busiestInvoluntary: round(involuntary / answers, 2),
    },
  };
}

export interface ServerMeasurement {
  label: string;
  /** The cache budget of the cached phase (the server's default for this store unless overridden). */
  cacheMb: number | "default";
  phases: Record<CacheMode, PhaseMeasurement>;
}

export interface MeasureServerOptions {
  /** Shown in tables, e.g. "memory" or "neo4j". */
  label: string;
  /** Arguments for `pattern-atlas serve` (the library or snapshot); --port is added. */
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** p99 target per query kind, in ms. */
  p99TargetMs: number;
  /** RSS target for the server process, in MB (omit for stores whose data lives elsewhere). */
  rssTargetMb?: number;
  /** The cached phase's budget in MB; default: the server's own default for the store. */
  cacheMb?: number;
}

async function measurePhase(context: BenchContext, options: MeasureServerOptions, mode: CacheMode): Promise<PhaseMeasurement> {
  const cacheArgs = mode === "uncached" ? ["--response-cache-mb", "0"] : options.cacheMb === undefined ? [] : ["--response-cache-mb", String(options.cacheMb)];
  const started = performance.now();
  const server = await startServerChild(context.repoRoot, [...options.args, ...cacheArgs], options.env);
  try {
    const startupMs = performance.now() - started;
    const layoutLine = await server.waitFor(/Overview layout: \d+ nodes in (\d+) ms/);
    const layoutMs = layoutLine[1] ? Number(layoutLine[1]) : undefined;
    const afterLoad = server.memory();
    context.log(`  ${options.label} (${CACHE_MODE_LABEL[mode]}) server up in ${formatMs(startupMs)}, RSS ${formatMb(afterLoad.rssMb)}`);

    const overview = await fetchWholeOverview(server.url);
    const queries = buildQueries(overview);
    // Uncached: a sample proves the URLs answer. Cached: every URL once, which also warms the cache.
    const passes = await passOverUrls(server.url, queries, mode === "cached" ? Infinity : 20);
    const failures = passes.flatMap((p) => p.failures);
    if (failures.length) throw new Error(`benchmark URLs that do not answer 200: ${failures.slice(0, 5).join("; ")}`);

    const warmup: LoadResult[] = [];
    if (context.warmupSeconds > 0) {
      for (const kind of queries) {
        context.log(`  ${options.label} (${mode}): warm-up, ${kind.name} for ${context.warmupSeconds} s at concurrency ${context.connections}`);
        warmup.push(await runLoad(server.url, kind, context.connections, context.warmupSeconds, CLIENT_HEADERS[mode], context.loadTool));
      }
    }
    const loads: LoadResult[] = [];
    const serverCpu: ServerCpu[] = [];
    const singleConnection: LoadResult[] = [];
    const singleSeconds = Math.min(2, context.durationSeconds);
    for (const kind of queries) {
      context.log(`  ${options.label} (${mode}): ${kind.name} for ${context.durationSeconds} s at concurrency ${context.connections}`);
      const { result, cpu } = await loadWithCpu(server.pid, () => runLoad(server.url, kind, context.connections, context.durationSeconds, CLIENT_HEADERS[mode], context.loadTool));
      loads.push(result);
      serverCpu.push(cpu);
      context.log(`  ${options.label} (${mode}): ${kind.name} for ${singleSeconds} s from one connection`);
      singleConnection.push(await runLoad(server.url, kind, 1, singleSeconds, CLIENT_HEADERS[mode], context.loadTool));
    }
    const afterBench = server.memory();
    return {
      mode,
      startupMs: round(startupMs),
      layoutMs,
      rssAfterLoadMb: round(afterLoad.rssMb),
      rssAfterBenchMb: round(afterBench.rssMb),
      peakRssMb: round(afterBench.peakRssMb),
      loads,
      serverCpu,
      warmup,
      singleConnection,
      ...(mode === "cached"
        ? { workingSet: queries.map((q, i) => ({ query: q.name, urls: passes[i]!.urls, mb: round(passes[i]!.bytes / 2 ** 20) })) }
        : {}),
    };
  } finally {
    await server.stop();
  }
}

function loadTable(title: string, phase: PhaseMeasurement): Table {
  const sets = phase.workingSet;
  const warm = phase.warmup.length > 0;
  return {
    title,
    columns: [
      "query",
      "URLs",
      ...(sets ? ["answers"] : []),
      "requests",
      "p50",
      "p90",
      "p99",
      "max",
      "req/s",
      "non-2xx",
      "errors",
      "server CPU/answer main / busiest thread / all",
      "busiest thread's involuntary switches/answer",
      "1 conn p50",
      "1 conn p99",
      ...(warm ? ["warm-up p50", "warm-up p99", "warm-up req/s"] : []),
    ],
    rows: phase.loads.map((l, i) => [
      l.query,
      l.urls,
      ...(sets ? [`${sets[i]!.mb} MB`] : []),
      l.requests,
      formatMs(l.p50Ms),
      formatMs(l.p90Ms),
      formatMs(l.p99Ms),
      formatMs(l.maxMs),
      l.requestsPerSecond,
      l.non2xx,
      l.errors,
      `${phase.serverCpu[i]!.mainMs} / ${phase.serverCpu[i]!.busiestMs} / ${phase.serverCpu[i]!.allMs} ms`,
      phase.serverCpu[i]!.busiestInvoluntary,
      formatMs(phase.singleConnection[i]!.p50Ms),
      formatMs(phase.singleConnection[i]!.p99Ms),
      ...(warm ? [formatMs(phase.warmup[i]!.p50Ms), formatMs(phase.warmup[i]!.p99Ms), phase.warmup[i]!.requestsPerSecond] : []),
    ]),
  };
}

export async function measureServer(
  context: BenchContext,
  options: MeasureServerOptions,
): Promise<{ measurement: ServerMeasurement; tables: Table[]; targets: TargetCheck[] }> {
  const phases = {} as Record<CacheMode, PhaseMeasurement>;
  for (const mode of CACHE_MODES) phases[mode] = await measurePhase(context, options, mode);
  const budget = options.cacheMb === undefined ? "the server's default budget" : `${options.cacheMb} MB`;
  const warmup = context.warmupSeconds > 0 ? `after ${context.warmupSeconds} s of warm-up per query (its figures in the warm-up columns)` : "no warm-up";
  const where = `${context.mainSnapshot.name}, ${context.connections} connections, ${context.durationSeconds} s each, ${warmup}, load by ${context.loadTool}`;
  const tables: Table[] = [
    loadTable(`${options.label} store, answer cache off, client without compression: the store's own cost per request (${where})`, phases.uncached),
    loadTable(
      `${options.label} store, answer cache on (${budget}), warmed by one request per URL, browser-like client (Accept-Encoding: gzip); ` +
        `the URLs come in turn, so a working set larger than the budget still misses (${where})`,
      phases.cached,
    ),
    {
      title: `Server process, ${options.label} store`,
      columns: ["answer cache", "start-up to URL", "overview layout", "RSS after load", "RSS after load test", "peak RSS"],
      rows: CACHE_MODES.map((mode) => {
        const p = phases[mode];
        return [
          mode === "cached" ? "on" : "off",
          formatMs(p.startupMs),
          p.layoutMs === undefined ? "-" : formatMs(p.layoutMs),
          formatMb(p.rssAfterLoadMb),
          formatMb(p.rssAfterBenchMb),
          formatMb(p.peakRssMb),
        ];
      }),
    },
  ];
  const targets: TargetCheck[] = CACHE_MODES.flatMap((mode) =>
    phases[mode].loads
      .filter((l) => !l.query.startsWith("search"))
      .map((l) => ({
        what: `${options.label}: ${l.query} p99, ${CACHE_MODE_LABEL[mode]}`,
        target: `< ${options.p99TargetMs} ms`,
        measured: formatMs(l.p99Ms),
        ok: l.p99Ms < options.p99TargetMs && l.non2xx === 0 && l.errors === 0,
      })),
  );
  if (options.rssTargetMb !== undefined) {
    for (const mode of CACHE_MODES) {
      const rss = Math.max(phases[mode].rssAfterLoadMb, phases[mode].rssAfterBenchMb);
      targets.push({
        what: `${options.label}: server RSS holding the snapshot, after load and after the load test, answer cache ${mode === "cached" ? "on" : "off"}`,
        target: `< ${options.rssTargetMb} MB`,
        measured: formatMb(rss),
        ok: rss < options.rssTargetMb,
      });
    }
  }
  return { measurement: { label: options.label, cacheMb: options.cacheMb ?? "default", phases }, tables, targets };
}
