// Where a large ingest spends its time and memory, step by step, without Neo4j: reading the folder,
// the load's preparation (canonical order, graph, importance), the overview (communities, layout, its
// parts) and the gap analysis, each with its wall and CPU time and the heap and RSS after it (after a
// collection when run with --expose-gc). One JSON line per step on stdout, so a run at 10x and 30x
// can be extrapolated to 100x before anyone waits an hour for it.
// Usage: node --expose-gc --import tsx test/bench/children/ingest-steps.ts <folder> [--skip overview,gaps]
import { canonicalLibrary } from "../../../graph/algorithms/library-order.ts";
import { patternNumbers } from "../../../graph/algorithms/importance.ts";
import { buildGraph } from "../../../graph/build-graph.ts";
import { analyseGaps } from "../../../graph/gaps/analyse.ts";
import { linkView, patternNodeView } from "../../../graph/index.ts";
import { loadLibraryOnTwoThreads } from "../../../ingest/index.ts";
import { computeOverviewLayout } from "../../../graph/layout.ts";
import { findCommunities } from "../../../server/overview-communities.ts";

const [folder, ...rest] = process.argv.slice(2);
if (!folder) {
  process.stderr.write("usage: ingest-steps.ts <library folder> [--skip overview,gaps]\n");
  process.exit(2);
}
const skip = new Set(rest[0] === "--skip" ? (rest[1] ?? "").split(",") : []);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 200);
sampler.unref();

async function step<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  const ms = Math.round(performance.now() - wall);
  const rssBefore = process.memoryUsage.rss();
  gc?.();
  const memory = process.memoryUsage();
  peakRss = Math.max(peakRss, rssBefore);
  process.stdout.write(
    `${JSON.stringify({ step: name, ms, cpuMs: Math.round((used.user + used.system) / 1000), heapMb: mb(memory.heapUsed), rssMb: mb(rssBefore), peakRssMb: mb(peakRss) })}\n`,
  );
  return value;
}

const library = await step("read", () => loadLibraryOnTwoThreads(folder, "off"));
process.stdout.write(`${JSON.stringify({ patterns: library.patterns.length, links: library.links.length, dangling: library.dangling.length, problems: library.problems.length })}\n`);
const canonical = await step("canonical", () => canonicalLibrary(library));
const graph = await step("graph", () => buildGraph(canonical));
await step("importance", () => patternNumbers(graph));
if (!skip.has("overview")) {
  const overview = await step("overview-views", () => ({
    nodes: canonical.patterns.map((p) => patternNodeView(p, graph.getNodeAttribute(p.slug, "degree") as number)),
    links: canonical.links.map(linkView),
  }));
  const communities = await step("communities", () => findCommunities(overview));
  process.stdout.write(`${JSON.stringify({ communities: communities.members.length })}\n`);
  const layout = await step("layout", () => computeOverviewLayout(overview, {}, undefined, communities.of));
  process.stdout.write(`${JSON.stringify({ iterations: layout.iterations, barnesHut: layout.barnesHut })}\n`);
}
if (!skip.has("gaps")) {
  const report = await step("gaps", () => analyseGaps(canonical));
  process.stdout.write(`${JSON.stringify({ findings: report.findings.length })}\n`);
}
