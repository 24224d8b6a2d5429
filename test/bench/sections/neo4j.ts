// Bench section: Neo4j as the store. Ingest of every snapshot into a real Neo4j (first ingest and
// unchanged re-ingest, each in a fresh process as the CLI runs), then the real server on the Neo4j
// store under the same query mix as the embedded store, the two printed side by side.
import { runJsonScript } from "../lib/child.ts";
import { startBenchNeo4j } from "../lib/neo4j.ts";
import { CACHE_MODES, CACHE_MODE_LABEL, measureServer, type ServerMeasurement } from "../lib/server-load.ts";
import { formatMs, median, round } from "../lib/stats.ts";
import type { BenchContext, BenchSection, Table, TargetCheck } from "../lib/types.ts";

interface Neo4jIngestRun {
  readMs: number;
  connectMs: number;
  mergeMs: number;
  loadMs: number;
  totalMs: number;
  outcome: "unchanged" | "restored" | "written";
  write: { prepare: number; write: number; flip: number; cleanup: number; total: number };
  patterns: number;
  links: number;
}

const FIRST_INGEST_TARGET_MS = 10_000;
const REINGEST_TARGET_MS = 5_000;
const P99_TARGET_MS = 50;
/** The namespace the server reads (graph/neo4j/neo4j-model.ts DEFAULT_NAMESPACE). */
const SERVED_NAMESPACE = "default";

/** The memory section's measurement, from this run or the last results file. */
function memoryMeasurement(context: BenchContext): ServerMeasurement | undefined {
  const found = (context.results["server-memory"] ?? context.previousResults["server-memory"]) as Partial<ServerMeasurement> | undefined;
  return found?.phases ? (found as ServerMeasurement) : undefined;
}

function sideBySide(context: BenchContext, neo4j: ServerMeasurement): Table | undefined {
  const memory = memoryMeasurement(context);
  if (!memory) return undefined;
  const cell = (m: ServerMeasurement, mode: (typeof CACHE_MODES)[number], i: number): string => {
    const l = m.phases[mode].loads[i];
    return l ? `${formatMs(l.p50Ms)} / ${formatMs(l.p99Ms)}` : "-";
  };
  return {
    title: `Both stores side by side: p50 / p99 at ${context.connections} connections (memory: ${context.results["server-memory"] ? "this run" : "last results file"})`,
    columns: ["query", ...CACHE_MODES.flatMap((mode) => [`memory, ${CACHE_MODE_LABEL[mode]}`, `neo4j, ${CACHE_MODE_LABEL[mode]}`])],
    rows: neo4j.phases.uncached.loads.map((l, i) => [l.query, ...CACHE_MODES.flatMap((mode) => [cell(memory, mode, i), cell(neo4j, mode, i)])]),
  };
}

export const section: BenchSection = {
  name: "neo4j",
  order: 35,
  description: "Neo4j: ingest of each snapshot (first and unchanged), then the server on Neo4j under load",
  async run(context) {
    const neo4j = await startBenchNeo4j(context.repoRoot, context.log);
    try {
      const ingest = async (snapshot: { name: string; path: string }, namespace: string, what: string): Promise<Neo4jIngestRun> => {
        const wall = performance.now();
        const run = await runJsonScript<Neo4jIngestRun>(context.repoRoot, "test/bench/children/neo4j-ingest-once.ts", [snapshot.path, namespace], neo4j.env());
        context.log(`  ${what} ${snapshot.name}: ${run.outcome} in ${formatMs(run.totalMs)} (process ${formatMs(performance.now() - wall)})`);
        return run;
      };
      const reruns = Math.min(3, context.runs);
      const rows: (string | number)[][] = [];
      const json: Record<string, unknown> = {};
      const targets: TargetCheck[] = [];
      // The main snapshot first, into the namespace the server reads: on a fresh Neo4j this is the
      // cold case (nothing compiled or cached in the JVM yet).
      const ordered = [context.mainSnapshot, ...context.corpus.filter((s) => s.name !== context.mainSnapshot.name)];
      for (const snapshot of ordered) {
        const namespace = snapshot.name === context.mainSnapshot.name ? SERVED_NAMESPACE : `bench-${snapshot.name}`;
        const first = await ingest(snapshot, namespace, "first ingest of");
        const again: Neo4jIngestRun[] = [];
        for (let i = 0; i < reruns; i++) again.push(await ingest(snapshot, namespace, `unchanged re-ingest ${i + 1}/${reruns} of`));
        const againMs = median(again.map((r) => r.totalMs));
        rows.push([
          snapshot.name,
          first.patterns,
          first.links,
          first.outcome,
          formatMs(first.readMs),
          formatMs(first.write.write),
          formatMs(first.totalMs),
          again.map((r) => r.outcome).every((o) => o === "unchanged") ? "unchanged" : again.map((r) => r.outcome).join(","),
          formatMs(median(again.map((r) => r.mergeMs))),
          formatMs(againMs),
        ]);
        json[snapshot.name] = { namespace, first, again, medianReingestMs: round(againMs) };
        if (snapshot.name === context.mainSnapshot.name) {
          targets.push(
            {
              what: `neo4j: ${snapshot.name} first ingest (read + write${neo4j.external ? "" : ", fresh Neo4j"})`,
              target: `< ${FIRST_INGEST_TARGET_MS / 1000} s`,
              measured: `${formatMs(first.totalMs)} (${first.outcome})`,
              ok: first.totalMs < FIRST_INGEST_TARGET_MS && first.outcome === "written",
            },
            {
              what: `neo4j: ${snapshot.name} unchanged re-ingest (median of ${reruns})`,
              target: `< ${REINGEST_TARGET_MS / 1000} s`,
              measured: formatMs(againMs),
              ok: againMs < REINGEST_TARGET_MS && again.every((r) => r.outcome === "unchanged"),
            },
          );
        }
      }
      // The same library once more into a namespace of its own, now that the JVM is warm: what a
      // first ingest costs on a Neo4j that has been running for a while.
      // (Not on NEO4J_BENCH_URI, whose database this would leave a second copy in.)
      const warm = neo4j.external ? undefined : await ingest(context.mainSnapshot, `bench-warm-${Date.now().toString(36)}`, "first ingest (warm Neo4j) of");
      if (warm) rows.push([
        `${context.mainSnapshot.name} (warm Neo4j)`,
        warm.patterns,
        warm.links,
        warm.outcome,
        formatMs(warm.readMs),
        formatMs(warm.write.write),
        formatMs(warm.totalMs),
        "-",
        "-",
        "-",
      ]);
      if (warm) json.warmFirstIngest = warm;

      const { measurement, tables, targets: serverTargets } = await measureServer(context, {
        label: "neo4j",
        args: [],
        env: neo4j.env(),
        p99TargetMs: P99_TARGET_MS,
      });
      const comparison = sideBySide(context, measurement);
      return {
        tables: [
          {
            title:
              `Ingest into Neo4j, one fresh process each as \`npm run ingest -- <folder> --neo4j\` (read the folder, then ` +
              `publish; re-ingest: median of ${reruns})${neo4j.external ? " on NEO4J_BENCH_URI" : `, Neo4j started ${neo4j.startSeconds?.toFixed(0)} s before`}`,
            columns: ["snapshot", "patterns", "links", "first: outcome", "read", "write", "total", "again: outcome", "again: read stored", "again: total"],
            rows,
          },
          ...tables,
          ...(comparison ? [comparison] : []),
        ],
        targets: [...targets, ...serverTargets],
        json: { ...measurement, ingest: json, external: neo4j.external },
      };
    } finally {
      await neo4j.stop();
    }
  },
};
