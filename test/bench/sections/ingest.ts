// Bench section: ingest of every corpus snapshot into the embedded store, median of N fresh processes.
import { runJsonScript } from "../lib/child.ts";
import { formatMb, formatMs, median, round } from "../lib/stats.ts";
import type { BenchSection, TargetCheck } from "../lib/types.ts";

interface IngestRun {
  readMs: number;
  storeMs: number;
  totalMs: number;
  maxRssMb: number;
  rssBeforeMb: number;
  files: number;
  patterns: number;
  links: number;
  dangling: number;
  problems: number;
}

const INGEST_TARGET_MS = 1500;

export const section: BenchSection = {
  name: "ingest",
  order: 10,
  description: "read each snapshot and load it into the embedded store (median of fresh processes)",
  async run(context) {
    const rows: (string | number)[][] = [];
    const json: Record<string, unknown> = {};
    const targets: TargetCheck[] = [];
    for (const snapshot of context.corpus) {
      const runs: IngestRun[] = [];
      for (let i = 0; i < context.runs; i++) {
        runs.push(await runJsonScript<IngestRun>(context.repoRoot, "test/bench/children/ingest-once.ts", [snapshot.path]));
        context.log(`  ingest ${snapshot.name} run ${i + 1}/${context.runs}: ${formatMs(runs.at(-1)!.totalMs)}`);
      }
      const m = (pick: (r: IngestRun) => number) => median(runs.map(pick));
      const first = runs[0]!;
      rows.push([
        snapshot.name,
        first.files,
        first.patterns,
        first.links,
        first.dangling,
        formatMs(m((r) => r.readMs)),
        formatMs(m((r) => r.storeMs)),
        formatMs(m((r) => r.totalMs)),
        formatMb(m((r) => r.maxRssMb)),
      ]);
      json[snapshot.name] = {
        runs: runs.length,
        files: first.files,
        patterns: first.patterns,
        links: first.links,
        dangling: first.dangling,
        problems: first.problems,
        medianReadMs: round(m((r) => r.readMs)),
        medianStoreLoadMs: round(m((r) => r.storeMs)),
        medianTotalMs: round(m((r) => r.totalMs)),
        medianPeakRssMb: round(m((r) => r.maxRssMb)),
        processBaselineRssMb: round(m((r) => r.rssBeforeMb)),
        all: runs,
      };
      if (snapshot.name === context.mainSnapshot.name) {
        const total = m((r) => r.totalMs);
        targets.push({
          what: `${snapshot.name} read into the embedded store`,
          target: `< ${INGEST_TARGET_MS} ms`,
          measured: formatMs(total),
          ok: total < INGEST_TARGET_MS,
        });
      }
    }
    return {
      tables: [
        {
          title: `Ingest (median of ${context.runs} fresh processes; peak RSS is the whole process's maxRSS)`,
          columns: ["snapshot", "files", "patterns", "links", "dangling", "read", "store load", "total", "peak RSS"],
          rows,
        },
      ],
      targets,
      json,
    };
  },
};
