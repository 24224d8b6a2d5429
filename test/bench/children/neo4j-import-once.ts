// One first load through Neo4j's offline importer in a fresh process, as `npm run ingest -- <folder>
// --neo4j-import <home>` does it (the overview laid out and stored with the copy), into `home`, with
// the launcher's own importer (its AdminTool, a 2 GB heap); prints the times, each step, the peak RSS,
// this process's CPU (every thread's; the importer's JVM is a child and not in it) and the importer's
// summary as one JSON line. The scale section's first load from 100x on (sections/scale.ts).
import path from "node:path";
import { importFirstLoad } from "../../../ingest/neo4j-ingest.ts";
import { loadLibrary } from "../../../ingest/index.ts";
import { storedOverviewMaker } from "../../../server/overview-stored.ts";

const [folder, home] = process.argv.slice(2);
if (!folder || !home) {
  process.stderr.write("usage: neo4j-import-once.ts <library folder> <neo4j home>\n");
  process.exit(2);
}
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const command = ["java", "-Xms2g", "-Xmx2g", "-cp", `${path.join(repoRoot, "test/neo4j/target/lib")}/*`, "org.neo4j.cli.AdminTool"];
const started = performance.now();
const cpuSoFar = (): number => Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000);
const rss = (): number => Math.round(process.memoryUsage.rss() / 1048576);
const library = await loadLibrary(folder);
const readMs = performance.now() - started;
const steps: { step: string; ms: number; cpuMs: number; rssMb: number }[] = [{ step: "read", ms: Math.round(readMs), cpuMs: cpuSoFar(), rssMb: rss() }];
const report = await importFirstLoad(library, {
  home,
  command,
  attachments: storedOverviewMaker((line) => process.stderr.write(`${line}\n`)),
  onStep: (step, ms) => steps.push({ step, ms: Math.round(readMs + ms), cpuMs: cpuSoFar(), rssMb: rss() }),
});
process.stdout.write(
  `${JSON.stringify({
    readMs,
    totalMs: performance.now() - started,
    outcome: `imported through the offline importer (${report.imported})`,
    patterns: report.patterns,
    links: report.links,
    findings: report.findings,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: cpuSoFar(),
    steps,
  })}\n`,
);
