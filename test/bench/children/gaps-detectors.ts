// Each step of analyseGaps (graph/gaps/analyse.ts) in order, with its CPU (process.cpuUsage, GC threads included) and GC pauses: `node --import tsx test/bench/children/gaps-detectors.ts <library folder>`; finer than gaps-steps.ts (each detector on its own) (docs/performance.md, "The gap analysis step by step").
import { PerformanceObserver } from "node:perf_hooks";
import { loadLibrary } from "../../../ingest/index.ts";
import { resolveGapOptions, sortFindings, countFindings } from "../../../graph/gaps/analyse.ts";
import { buildGapGraph, pairKey } from "../../../graph/gaps/gap-graph.ts";
import { detectLineageLoops } from "../../../graph/gaps/lineage-loops.ts";
import { detectDangling } from "../../../graph/gaps/dangling.ts";
import { detectOneSided } from "../../../graph/gaps/one-sided.ts";
import { detectSelfLinks } from "../../../graph/gaps/self-links.ts";
import { buildVocabulary } from "../../../graph/gaps/vocabulary.ts";
import { detectDuplicates } from "../../../graph/gaps/duplicates.ts";
import { suggestLinks } from "../../../graph/gaps/suggested-links.ts";
import { detectShapeGaps } from "../../../graph/gaps/shape.ts";
import { detectLinkConcentration } from "../../../graph/gaps/concentration.ts";
import { joinFindings } from "../../../graph/gaps/join.ts";
import { titleIn } from "../../../graph/gaps/wording.ts";

let gcMs = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ["gc"] });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const rows: string[] = [];
async function step<T>(name: string, f: () => T): Promise<T> {
  await new Promise((r) => setImmediate(r));
  const t = cpu(); const g0 = gcMs; const r = f();
  const c = cpu() - t;
  await new Promise((r) => setTimeout(r, 20)); // let the GC entries arrive
  const line = `${name}\t${c.toFixed(2)} s CPU\tGC pauses ${((gcMs - g0) / 1000).toFixed(2)} s\theap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`;
  console.log(line); rows.push(line); return r;
}
const lib = await loadLibrary(process.argv[2]!);
console.log(`patterns ${lib.patterns.length} links ${lib.links.length} dangling ${lib.dangling.length}`);
const total0 = cpu();
const opts = resolveGapOptions({});
const g = await step("gap graph", () => buildGapGraph(lib));
const loops = await step("lineage loops", () => detectLineageLoops(g));
const d = await step("dangling", () => detectDangling(g, opts));
const os = await step("one-sided", () => detectOneSided(g, loops.pairsInLoops));
const sl = await step("self-links", () => detectSelfLinks(g));
const vocab = await step("vocabulary", () => buildVocabulary(g));
const dup = await step("duplicates", () => detectDuplicates(g));
const pairs = new Set(dup.findings.map((f) => pairKey(f.patterns[0]!, f.patterns[1]!)));
const sug = await step("suggested links", () => suggestLinks(g, opts, vocab, pairs));
const shape = await step("shape", () => detectShapeGaps(g, opts, (s, k, e) => vocab.nearest(s, k, e)));
const conc = await step("concentration", () => detectLinkConcentration(lib));
const all = [...d, ...os, ...sl, ...loops.findings, ...dup.findings, ...sug.findings, ...shape, ...conc];
const joined = await step("join", () => joinFindings(all, titleIn(g)));
const sorted = await step("sort", () => sortFindings(joined));
await step("count", () => countFindings(sorted));
console.log(`total ${(cpu() - total0).toFixed(2)} s CPU, ${sorted.length} findings`);
