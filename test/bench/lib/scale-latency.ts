// The scale section's Neo4j latency, measured with the neo4j section's protocol (lib/server-load.ts)
// so that the two compare: per answer-cache mode a server of its own, first the cold figures (each
// query for the run's duration straight after the server is ready: a JVM whose plans and page cache
// are cold, an empty adjacency cache), then with the cache on one request per URL, then
// `warmupSeconds` of the same load per query (reported apart), then the warm figures, the ones the
// targets are about: a running server's p99. Without the cache the client takes no compression (the
// store's own cost); with it a browser-like client takes gzip, as the explorer does.
import { startServerChild, type ServerChild } from "./child.ts";
import { BROWSER_HEADERS, passOverUrls, runLoad, type LoadResult, type QueryKind } from "./load.ts";
import { formatMb, formatMs } from "./stats.ts";
import type { BenchContext, Table, TargetCheck } from "./types.ts";

export type LatencyMode = "uncached" | "cached";

/** One server's latency runs, one LoadResult per query kind in each list. */
export interface LatencyRun {
  cold: LoadResult[];
  /** Cached mode: the pass of one request per URL that fills the cache, in ms. */
  passMs?: number;
  warmup: LoadResult[];
  warm: LoadResult[];
  /** The server's own warm-up of the store's reads ("Store reads warmed in N ms"), when it logged it. */
  storeWarmMs?: number;
  rssMb: number;
  peakRssMb: number;
}

const HEADERS: Record<LatencyMode, Readonly<Record<string, string>>> = { uncached: {}, cached: BROWSER_HEADERS };

/** Each query kind for `seconds` at the run's concurrency, logged. */
async function loadEach(context: BenchContext, server: ServerChild, kinds: QueryKind[], mode: LatencyMode, seconds: number, what: string): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const kind of kinds) {
    const result = await runLoad(server.url, kind, context.connections, seconds, HEADERS[mode], context.loadTool);
    context.log(`    ${mode} ${what}, ${kind.name}: p50 ${formatMs(result.p50Ms)}, p99 ${formatMs(result.p99Ms)} (${result.requestsPerSecond} req/s, ${result.non2xx} non-2xx)`);
    results.push(result);
  }
  return results;
}

/**
 * The cold, warm-up and warm runs of a server just ready (its overview laid out); `cold`, when
 * given, are cold runs already made on it (the scale section's cache-off figures of both stores).
 */
export async function measureLatency(context: BenchContext, server: ServerChild, kinds: QueryKind[], mode: LatencyMode, cold?: LoadResult[]): Promise<LatencyRun> {
  cold ??= await loadEach(context, server, kinds, mode, context.durationSeconds, `cold (first ${context.durationSeconds} s)`);
  let passMs: number | undefined;
  if (mode === "cached") {
    const started = performance.now();
    const failures = (await passOverUrls(server.url, kinds)).flatMap((p) => p.failures);
    passMs = performance.now() - started;
    if (failures.length) throw new Error(`benchmark URLs that do not answer 200: ${failures.slice(0, 5).join("; ")}`);
    context.log(`    cached: one request per URL in ${formatMs(passMs)}`);
  }
  const warmup = context.warmupSeconds > 0 ? await loadEach(context, server, kinds, mode, context.warmupSeconds, "warm-up") : [];
  const warm = await loadEach(context, server, kinds, mode, context.durationSeconds, "warm");
  const logged = await server.waitFor(/Store reads warmed in (\d+) ms/, 1).catch(() => undefined);
  return { cold, ...(passMs === undefined ? {} : { passMs }), warmup, warm, ...(logged ? { storeWarmMs: Number(logged[1]) } : {}), ...server.memory() };
}

/** A server with its answer cache on (the server's default budget), built, from its start: cold, then warm. */
export async function measureCached(context: BenchContext, env: NodeJS.ProcessEnv, kinds: QueryKind[]): Promise<LatencyRun> {
  const server = await startServerChild(context.repoRoot, [], env, { built: true });
  try {
    await server.waitFor(/Overview layout: \d+ nodes in \d+ ms/, 600_000);
    return await measureLatency(context, server, kinds, "cached");
  } finally {
    await server.stop();
  }
}

/** A run's p99, undefined when none answered. */
export const p99Of = (l: LoadResult | undefined): number | undefined => (l !== undefined && l.requests > 0 ? l.p99Ms : undefined);

/** The cold, warm-up and warm figures of each size and mode side by side. */
export function latencyTable(context: BenchContext, runs: { factor: number; latency?: Record<LatencyMode, LatencyRun> }[]): Table {
  const rows: (string | number)[][] = [];
  // A run's failures beside its figures: a cold JVM may answer some requests 503 or 504.
  const failed = (l: LoadResult): string => (l.non2xx + l.errors > 0 ? ` (${l.non2xx + l.errors} failed)` : "");
  const cell = (l: LoadResult | undefined): string[] =>
    l === undefined ? ["-", "-"] : l.requests === 0 ? ["none answered", "0"] : [`${formatMs(l.p50Ms)} / ${formatMs(l.p99Ms)}${failed(l)}`, String(l.requestsPerSecond)];
  for (const run of runs) {
    if (!run.latency) continue;
    for (const mode of ["uncached", "cached"] as const) {
      const m = run.latency[mode];
      m.warm.forEach((warm, i) => {
        rows.push([
          `${run.factor}x`,
          mode === "cached" ? "on" : "off",
          warm.query,
          ...cell(m.cold[i]),
          ...cell(m.warmup[i]),
          ...cell(warm),
          m.storeWarmMs === undefined ? "-" : formatMs(m.storeWarmMs),
          m.passMs === undefined ? "-" : formatMs(m.passMs),
          `${formatMb(m.rssMb)} (peak ${formatMb(m.peakRssMb)})`,
        ]);
      });
    }
  }
  return {
    title:
      `Neo4j latency, the neo4j section's protocol: cold = the first ${context.durationSeconds} s after the server is ready; then (cache on) one request per URL; ` +
      `warm-up = ${context.warmupSeconds} s per query; warm = the next ${context.durationSeconds} s, a running server's figures (the targets'); ${context.connections} connections, p50 / p99`,
    columns: ["size", "answer cache", "query", "cold p50 / p99", "cold req/s", "warm-up p50 / p99", "warm-up req/s", "warm p50 / p99", "warm req/s", "store reads warmed", "one request per URL", "server RSS after"],
    rows,
  };
}

/** Targets for a 100x library on Neo4j (the scale section checks them when --scale is 100 or more). */
const NEO4J_100X = { ingestMs: 180_000, rssMb: 400, uncachedP99Ms: 300, cachedP99Ms: 50 } as const;

/** What neo4jTargets reads of the scale section's Neo4j measurement (ms, MB; undefined: none answered). */
export interface Neo4jFigures {
  ingestMs: number;
  peakRssMb: number;
  warmNeighborhoodP99Ms?: number;
  warmPathsP99Ms?: number;
  cachedNeighborhoodP99Ms?: number;
  cachedPathsP99Ms?: number;
}

/** The 100x targets: ingest, the server's RSS, and the warm p99 with the answer cache off and on. */
export function neo4jTargets(factor: number, n: Neo4jFigures): TargetCheck[] {
  const p99 = (what: string, ms: number | undefined, target: number): TargetCheck => ({
    what: `neo4j ${factor}x: ${what}`,
    target: `< ${target} ms`,
    measured: ms === undefined ? "none answered" : formatMs(ms),
    ok: (ms ?? Infinity) < target,
  });
  return [
    { what: `neo4j ${factor}x: ingest`, target: `< ${NEO4J_100X.ingestMs / 60_000} min`, measured: formatMs(n.ingestMs), ok: n.ingestMs < NEO4J_100X.ingestMs },
    { what: `neo4j ${factor}x: server RSS`, target: `< ${NEO4J_100X.rssMb} MB`, measured: formatMb(n.peakRssMb), ok: n.peakRssMb < NEO4J_100X.rssMb },
    p99("neighbourhood p99 (cache off, warm)", n.warmNeighborhoodP99Ms, NEO4J_100X.uncachedP99Ms),
    p99("paths p99 (cache off, warm)", n.warmPathsP99Ms, NEO4J_100X.uncachedP99Ms),
    p99("neighbourhood p99 (cache on, warm)", n.cachedNeighborhoodP99Ms, NEO4J_100X.cachedP99Ms),
    p99("paths p99 (cache on, warm)", n.cachedPathsP99Ms, NEO4J_100X.cachedP99Ms),
  ];
}
