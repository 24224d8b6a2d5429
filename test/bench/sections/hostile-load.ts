// Bench section "hostile load": the real server on the embedded store holding the main snapshot,
// 8 connections sending the heaviest requests the API allows (one kind at a time, then all mixed),
// while a separate process times /healthz. The target is /healthz p99 under 50 ms whatever the load:
// a prober must never take a busy server for a dead one. Also the gap exports' throughput.
import { startServerChild } from "../lib/child.ts";
import { heavyRequests, hostileLoad, type HostileRun } from "../lib/hostile.ts";
import { BROWSER_HEADERS } from "../lib/load.ts";
import { formatMs, round } from "../lib/stats.ts";
import type { BenchSection, TargetCheck } from "../lib/types.ts";

const CONNECTIONS = 8;
const HEALTH_P99_TARGET_MS = 50;

export const section: BenchSection = {
  name: "hostile-load",
  order: 40,
  description: "/healthz p99 while 8 connections send the heaviest allowed requests; gap exports' throughput",
  async run(context) {
    const server = await startServerChild(context.repoRoot, ["--library", context.mainSnapshot.path]);
    const origin = server.url.replace(/\/$/, "");
    try {
      // The analysis is made once per library, on the gaps thread: not what is measured here.
      await fetch(`${origin}/api/gaps?limit=1`);
      const kinds = await heavyRequests(origin, { paths: true });
      kinds.push({ name: "all of the above, mixed", paths: kinds.flatMap((k) => k.paths) });
      const runs: { kind: string; run: HostileRun }[] = [];
      for (const kind of kinds) {
        context.log(`  ${kind.name}: ${CONNECTIONS} connections for ${context.durationSeconds} s`);
        const run = await hostileLoad(origin, kind, CONNECTIONS, context.durationSeconds, context.loadTool, BROWSER_HEADERS);
        context.log(`    /healthz p99 ${formatMs(run.health.p99Ms)}, ${run.load.requestsPerSecond} req/s, p99 ${formatMs(run.load.p99Ms)}`);
        runs.push({ kind: kind.name, run });
      }
      const targets: TargetCheck[] = runs.map(({ kind, run }) => ({
        what: `/healthz p99 under ${kind}`,
        target: `< ${HEALTH_P99_TARGET_MS} ms`,
        measured: formatMs(run.health.p99Ms),
        ok: run.health.p99Ms < HEALTH_P99_TARGET_MS && run.health.unhealthy === 0,
      }));
      return {
        tables: [
          {
            title: `Hostile load (${CONNECTIONS} connections, ${context.durationSeconds} s per kind, ${context.loadTool}, gzip accepted)`,
            columns: ["kind", "req/s", "p50", "p99", "not 2xx", "/healthz p50", "/healthz p99", "/healthz max"],
            rows: runs.map(({ kind, run }) => [
              kind,
              run.load.requestsPerSecond,
              formatMs(run.load.p50Ms),
              formatMs(run.load.p99Ms),
              run.load.non2xx + run.load.errors,
              formatMs(run.health.p50Ms),
              formatMs(run.health.p99Ms),
              formatMs(run.health.maxMs),
            ]),
          },
        ],
        targets,
        json: Object.fromEntries(runs.map(({ kind, run }) => [kind, { load: run.load, health: { ...run.health, p50Ms: round(run.health.p50Ms, 2), p99Ms: round(run.health.p99Ms, 2), maxMs: round(run.health.maxMs, 2) } }])),
      };
    } finally {
      await server.stop();
    }
  },
};
