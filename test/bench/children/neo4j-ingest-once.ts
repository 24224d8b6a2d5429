// One ingest into Neo4j in a fresh process, as `npm run ingest -- <folder> --neo4j` does it: read the
// folder, then publish the library (keeping patterns whose files are gone, the CLI's default), with
// the overview laid out and stored with the copy as the CLI does when the third argument is
// `overview` (the scale section), and print the times, each step of the load, the peak RSS and the
// outcome as one JSON line (each step with the process's CPU so far, every thread's). The connection comes from NEO4J_* variables.
import { ingestIntoNeo4j, neo4jConnectionFromEnv } from "../../../ingest/neo4j-ingest.ts";
import { loadLibrary } from "../../../ingest/index.ts";
import { storedOverviewMaker } from "../../../server/overview-stored.ts";

const [folder, namespace, overview] = process.argv.slice(2);
if (!folder || !namespace) {
  process.stderr.write("usage: neo4j-ingest-once.ts <library folder> <namespace> [overview]\n");
  process.exit(2);
}
const started = performance.now();
const library = await loadLibrary(folder);
const readMs = performance.now() - started;
// CPU: the whole process's (every thread's) so far, user + system.
const cpuSoFar = (): number => Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000);
const steps: { step: string; ms: number; cpuMs: number; rssMb: number }[] = [{ step: "read", ms: Math.round(readMs), cpuMs: cpuSoFar(), rssMb: Math.round(process.memoryUsage.rss() / 1048576) }];
const result = await ingestIntoNeo4j(library, neo4jConnectionFromEnv(), {
  namespace,
  ...(overview === "overview" ? { attachments: storedOverviewMaker((line) => process.stderr.write(`${line}\n`)) } : {}),
  onLoadStep: (step, ms) => steps.push({ step, ms: Math.round(readMs + ms), cpuMs: cpuSoFar(), rssMb: Math.round(process.memoryUsage.rss() / 1048576) }),
});
process.stdout.write(
  `${JSON.stringify({
    readMs,
    connectMs: result.ms.connect,
    mergeMs: result.ms.merge,
    loadMs: result.ms.load,
    totalMs: performance.now() - started,
    outcome: result.report.outcome,
    write: result.report.ms,
    patterns: result.report.patterns,
    links: result.report.links,
    findings: result.report.gaps?.findings,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    steps,
  })}\n`,
);
