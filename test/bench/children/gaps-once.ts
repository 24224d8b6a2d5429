// One gap-analysis measurement in a fresh process: read the library, then time analyseGaps over
// it (what GET /api/gaps computes once per loaded library), wall and CPU.
import { analyseGaps } from "../../../graph/gaps/index.ts";
import { loadLibrary } from "../../../ingest/index.ts";

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: gaps-once.ts <library folder>\n");
  process.exit(2);
}
const library = await loadLibrary(folder);
const cpu = process.cpuUsage();
const started = performance.now();
const report = analyseGaps(library);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, findings: report.findings.length, counts: report.counts })}\n`,
);
