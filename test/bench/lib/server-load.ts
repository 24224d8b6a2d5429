// The server half of the benchmark, reusable for any store: start the real server as a child process,
// read its memory once the library and the overview layout are ready, then load it with autocannon.
// The Neo4j section calls measureServer with NEO4J_* in `env`; the embedded-store section without.
import { startServerChild } from "./child.ts";
import { buildQueries, checkUrls, runLoad, type LoadResult, type OverviewSample } from "./load.ts";
import { formatMb, formatMs, round } from "./stats.ts";
import type { BenchContext, Table, TargetCheck } from "./types.ts";

export interface ServerMeasurement {
  label: string;
  startupMs: number;
  layoutMs: number | undefined;
  rssAfterLoadMb: number;
  rssAfterBenchMb: number;
  peakRssMb: number;
  loads: LoadResult[];
  /** The same queries from one connection: the per-request latency without queueing. */
  singleConnection: LoadResult[];
}

export interface MeasureServerOptions {
  /** Shown in tables, e.g. "memory" or "neo4j". */
  label: string;
  /** Arguments for server/main.ts (the library or snapshot); --port is added. */
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** p99 target per query kind, in ms. */
  p99TargetMs: number;
  /** RSS target for the server process, in MB (omit for stores whose data lives elsewhere). */
  rssTargetMb?: number;
}

export async function measureServer(
  context: BenchContext,
  options: MeasureServerOptions,
): Promise<{ measurement: ServerMeasurement; tables: Table[]; targets: TargetCheck[] }> {
  const started = performance.now();
  const server = await startServerChild(context.repoRoot, options.args, options.env);
  try {
    const startupMs = performance.now() - started;
    const layoutLine = await server.waitFor(/Overview layout: \d+ nodes in (\d+) ms/);
    const layoutMs = layoutLine[1] ? Number(layoutLine[1]) : undefined;
    const afterLoad = server.memory();
    context.log(`  ${options.label} server up in ${formatMs(startupMs)}, RSS ${formatMb(afterLoad.rssMb)}`);

    const overview = (await (await fetch(new URL("/api/overview", server.url))).json()) as OverviewSample;
    const queries = buildQueries(overview);
    const failures = await checkUrls(server.url, queries);
    if (failures.length) throw new Error(`benchmark URLs that do not answer 200: ${failures.slice(0, 5).join("; ")}`);

    const loads: LoadResult[] = [];
    const singleConnection: LoadResult[] = [];
    const singleSeconds = Math.min(2, context.durationSeconds);
    for (const kind of queries) {
      context.log(`  ${options.label}: ${kind.name} for ${context.durationSeconds} s at concurrency ${context.connections}`);
      loads.push(await runLoad(server.url, kind, context.connections, context.durationSeconds));
      context.log(`  ${options.label}: ${kind.name} for ${singleSeconds} s from one connection`);
      singleConnection.push(await runLoad(server.url, kind, 1, singleSeconds));
    }
    const afterBench = server.memory();
    const measurement: ServerMeasurement = {
      label: options.label,
      startupMs: round(startupMs),
      layoutMs,
      rssAfterLoadMb: round(afterLoad.rssMb),
      rssAfterBenchMb: round(afterBench.rssMb),
      peakRssMb: round(afterBench.peakRssMb),
      loads,
      singleConnection,
    };
    const tables: Table[] = [
      {
        title: `API under load, ${options.label} store (${context.mainSnapshot.name}, ${context.connections} connections, ${context.durationSeconds} s each)`,
        columns: ["query", "requests", "p50", "p90", "p99", "max", "req/s", "non-2xx", "errors", "1 conn p50", "1 conn p99"],
        rows: loads.map((l, i) => [
          l.query,
          l.requests,
          formatMs(l.p50Ms),
          formatMs(l.p90Ms),
          formatMs(l.p99Ms),
          formatMs(l.maxMs),
          l.requestsPerSecond,
          l.non2xx,
          l.errors,
          formatMs(singleConnection[i]!.p50Ms),
          formatMs(singleConnection[i]!.p99Ms),
        ]),
      },
      {
        title: `Server process, ${options.label} store`,
        columns: ["start-up to URL", "overview layout", "RSS after load", "RSS after load test", "peak RSS"],
        rows: [
          [
            formatMs(startupMs),
            layoutMs === undefined ? "-" : formatMs(layoutMs),
            formatMb(afterLoad.rssMb),
            formatMb(afterBench.rssMb),
            formatMb(afterBench.peakRssMb),
          ],
        ],
      },
    ];
    const targets: TargetCheck[] = loads
      .filter((l) => !l.query.startsWith("search"))
      .map((l) => ({
        what: `${options.label}: ${l.query} p99`,
        target: `< ${options.p99TargetMs} ms`,
        measured: formatMs(l.p99Ms),
        ok: l.p99Ms < options.p99TargetMs && l.non2xx === 0 && l.errors === 0,
      }));
    if (options.rssTargetMb !== undefined) {
      const rss = Math.max(afterLoad.rssMb, afterBench.rssMb);
      targets.push({
        what: `${options.label}: server RSS holding the snapshot`,
        target: `< ${options.rssTargetMb} MB`,
        measured: formatMb(rss),
        ok: rss < options.rssTargetMb,
      });
    }
    return { measurement, tables, targets };
  } finally {
    await server.stop();
  }
}
