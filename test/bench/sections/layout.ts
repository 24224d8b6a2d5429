// Bench section: the overview layout (ForceAtlas2) of the main snapshot, median of fresh processes.
import { runJsonScript } from "../lib/child.ts";
import { formatMs, median, round } from "../lib/stats.ts";
import type { BenchSection } from "../lib/types.ts";

interface LayoutRun {
  ms: number;
  nodes: number;
  links: number;
  iterations: number;
  barnesHut: boolean;
}

const LAYOUT_TARGET_MS = 1500;

export const section: BenchSection = {
  name: "layout",
  order: 20,
  description: "overview layout of the main snapshot (computed once per loaded library by the server)",
  async run(context) {
    const runs: LayoutRun[] = [];
    const { mainSnapshot } = context;
    for (let i = 0; i < context.runs; i++) {
      runs.push(await runJsonScript<LayoutRun>(context.repoRoot, "test/bench/children/layout-once.ts", [mainSnapshot.path]));
      context.log(`  layout run ${i + 1}/${context.runs}: ${formatMs(runs.at(-1)!.ms)}`);
    }
    const ms = median(runs.map((r) => r.ms));
    const first = runs[0]!;
    return {
      tables: [
        {
          title: `Overview layout (ForceAtlas2, median of ${context.runs} fresh processes)`,
          columns: ["snapshot", "nodes", "links", "iterations", "Barnes-Hut", "time"],
          rows: [[mainSnapshot.name, first.nodes, first.links, first.iterations, first.barnesHut ? "yes" : "no", formatMs(ms)]],
        },
      ],
      targets: [{ what: "overview layout", target: `< ${LAYOUT_TARGET_MS} ms`, measured: formatMs(ms), ok: ms < LAYOUT_TARGET_MS }],
      json: { snapshot: mainSnapshot.name, medianMs: round(ms), ...first, all: runs.map((r) => round(r.ms)) },
    };
  },
};
