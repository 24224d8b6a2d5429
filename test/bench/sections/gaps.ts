// Bench section: the full gap analysis of the main snapshot (target: under 3 s on the
// embedded store), median of fresh processes.
import { runJsonScript } from "../lib/child.ts";
import { formatMs, median, round } from "../lib/stats.ts";
import type { BenchSection } from "../lib/types.ts";

interface GapsRun {
  ms: number;
  cpuMs: number;
  findings: number;
  counts: Record<string, number>;
}

const GAPS_TARGET_MS = 3000;

export const section: BenchSection = {
  name: "gaps",
  order: 25,
  description: "full gap analysis of the main snapshot (what /api/gaps computes once per loaded library)",
  async run(context) {
    const runs: GapsRun[] = [];
    const { mainSnapshot } = context;
    for (let i = 0; i < context.runs; i++) {
      runs.push(await runJsonScript<GapsRun>(context.repoRoot, "test/bench/children/gaps-once.ts", [mainSnapshot.path]));
      context.log(`  gaps run ${i + 1}/${context.runs}: ${formatMs(runs.at(-1)!.ms)}`);
    }
    const ms = median(runs.map((r) => r.ms));
    const cpuMs = median(runs.map((r) => r.cpuMs));
    const first = runs[0]!;
    return {
      tables: [
        {
          title: `Gap analysis (median of ${context.runs} fresh processes)`,
          columns: ["snapshot", "findings", "wall", "CPU"],
          rows: [[mainSnapshot.name, first.findings, formatMs(ms), formatMs(cpuMs)]],
        },
      ],
      targets: [{ what: "full gap analysis", target: `< ${GAPS_TARGET_MS} ms`, measured: formatMs(ms), ok: ms < GAPS_TARGET_MS }],
      json: { snapshot: mainSnapshot.name, medianMs: round(ms), medianCpuMs: round(cpuMs), counts: first.counts, all: runs.map((r) => round(r.ms)) },
    };
  },
};
