// The neighbourhood thread's work per answer, in process (not a test: run it by hand,
// `npx tsx test/bench/neighborhood-cpu.ts [--rounds 5] [--seconds 2] [--part all|select|rank] [--hash] [--variety]`): the
// bench's depth-2 request mix (500 linked centres, limit 200) through selectIn and encodeWith, as the
// thread runs them, timed per part with process.cpuUsage, so that work on the thread can be measured
// on this shared machine. --hash prints a digest of every answer (the default mix, or with
// --variety 3,000 seeded requests over depths, directions, type filters, limits and group pages).
import { createHash } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildGraph, type NeighborhoodOptions } from "../../graph/index.ts";
import { KNOWN_LINK_TYPES } from "../../core/link-types.ts";
import { adjacencyOf, typeMask } from "../../graph/algorithms/adjacency.ts";
import { reachIn, selectIn } from "../../graph/algorithms/neighborhood-select.ts";
import { groupLeftOut, rankReach, summarizeCut, type CandidateNames } from "../../graph/algorithms/neighborhood-rank.ts";
import { encodedOf, encodeWith } from "../../graph/memory/neighborhood-json.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { buildQueries } from "./lib/load.ts";
import { seededRandom } from "../fixtures/literal-library.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "2" },
    hash: { type: "boolean", default: false },
    variety: { type: "boolean", default: false },
    /** "all": selectIn and encodeWith; "select": selectIn alone (the selection without the writing); "rank": only the ranking, cut and groups of each request's candidates. */
    part: { type: "string", default: "all" },
    corpus: { type: "string", default: path.resolve("../shared/corpus/commons-os-2026-02-20") },
  },
});

const library = await loadLibrary(values.corpus);
const graph = buildGraph(library);
const adj = adjacencyOf(graph);
const encoded = encodedOf(adj);
const sample = { nodes: library.patterns.map((p) => ({ slug: p.slug, title: p.title, degree: adj.degree[adj.numberOf.get(p.slug)!]! })) };
const centres = buildQueries(sample as never)
  .find((k) => k.name.startsWith("neighborhood"))!
  .paths.map((url) => decodeURIComponent(url.slice("/api/neighborhood/".length, url.indexOf("?"))));

type Request = { center: string; options: NeighborhoodOptions };
let requests: Request[] = centres.map((center) => ({ center, options: { depth: 2, direction: "both", limit: 200 } }));
if (values.variety) {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  requests = [];
  const all = library.patterns.map((p) => p.slug);
  for (let i = 0; i < 3000; i++) {
    const types = random() < 0.3 ? KNOWN_LINK_TYPES.filter(() => random() < 0.5) : undefined;
    const options: NeighborhoodOptions = { depth: 1 + Math.floor(random() * 4), direction: pick(["both", "out", "in"] as const), limit: pick([1, 2, 5, 20, 200, 1000]), ...(types ? { types } : {}) };
    requests.push({ center: random() < 0.8 ? pick(centres) : pick(all), options });
  }
}

function answer(request: Request, group?: string, offset?: number): Buffer {
  const start = adj.numberOf.get(request.center)!;
  const options = { ...request.options, ...(group === undefined ? {} : { group, offset }) };
  const selection = selectIn(adj, adj, start, typeMask(adj, request.options.types), options);
  return encodeWith(encoded, adj.slugRank, request.center, selection, Buffer.allocUnsafe);
}

const names: CandidateNames = {
  slug: (c) => adj.nodeSlugs[c]!,
  domainNumber: (c) => adj.domainNumber[c]!,
  domainName: (d) => adj.domainNames[d]!,
  typeName: (t) => adj.typeNames[t]!,
  types: adj.typeNames.length,
  domains: adj.domainNames.length,
};

/** The ranking's part of an answer, 10 times over one search's candidates (node numbers stand in for candidate numbers: only the cost matters). */
function rankOnly(request: Request): number {
  const { reach } = reachIn(adj, adj.numberOf.get(request.center)!, typeMask(adj, request.options.types), request.options);
  for (let i = 0; i < 10; i++) {
    const ranking = rankReach(reach, request.options.limit);
    summarizeCut(ranking, groupLeftOut(ranking, names, request.options.limit), names, request.options.limit);
  }
  return 10;
}

if (values.hash) {
  const digest = createHash("sha256");
  let count = 0;
  for (const request of requests) {
    const bytes = answer(request);
    digest.update(bytes);
    count++;
    if (values.variety) {
      // Every group's first page and, for the first group, its second.
      const groups = (JSON.parse(bytes.toString()) as { groups: { key: string }[] }).groups;
      for (const [i, g] of groups.slice(0, 3).entries()) {
        for (const offset of i === 0 ? [0, 3] : [0]) {
          digest.update(answer({ center: request.center, options: { ...request.options, limit: 3 } }, g.key, offset));
          count++;
        }
      }
    }
  }
  console.log(`${count} answers, sha256 ${digest.digest("hex")}`);
} else {
  const seconds = Number(values.seconds);
  for (let round = 0; round < Number(values.rounds) + 1; round++) {
    const cpu = process.cpuUsage();
    const wallStart = performance.now();
    let n = 0;
    let i = 0;
    while (performance.now() - wallStart < seconds * 1000) {
      const request = requests[i++ % requests.length]!;
      if (values.part === "rank") n += rankOnly(request);
      else if (values.part === "select") {
        selectIn(adj, adj, adj.numberOf.get(request.center)!, typeMask(adj, request.options.types), request.options);
        n++;
      } else {
        answer(request);
        n++;
      }
    }
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - wallStart;
    if (round === 0) continue; // warm-up
    console.log(`round ${round} (${values.part}): ${(((used.user + used.system) / 1000) / n).toFixed(3)} ms CPU per answer (${((wall / n)).toFixed(3)} ms wall), ${n} answers, load ${loadavg()[0]!.toFixed(1)}`);
  }
}
