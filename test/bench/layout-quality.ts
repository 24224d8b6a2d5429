// The overview layout's quality against its CPU time, for choosing a start and a number of iterations
// by measurement rather than by eye alone. Not a test: run it by hand,
// `npx tsx test/bench/layout-quality.ts --library <folder> [--variants seeded:60,community:20] [--sample 2000]`.
// Per variant: the CPU time of computeOverviewLayout (communities found once, before, as the server
// does), and figures of the picture over the linked patterns, each independent of the picture's scale:
// - community: of a sampled pattern's 10 nearest patterns on the picture, the share of its community;
// - neighbours: of a sampled pattern's graph neighbours (k of them), the share among its k nearest;
// - edge: the median link's length over the median distance of two random patterns (lower: linked
//   patterns nearer each other than unlinked ones);
// - crowding: the share of patterns with another within 0.2% of the picture's width (overlaps).
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createMemoryStore } from "../../graph/index.ts";
import { computeOverviewLayout, type Point } from "../../graph/layout.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { findCommunities, seeded } from "../../server/overview-communities.ts";

const { values } = parseArgs({
  options: {
    library: { type: "string" },
    variants: { type: "string", default: "seeded:60,community:60,community:30,community:20,community:15" },
    sample: { type: "string", default: "2000" },
  },
});
if (!values.library) throw new Error("--library is needed");

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");
const store = createMemoryStore(await loadLibrary(values.library));
const overview = await store.overview();
let cpu = process.cpuUsage();
const communities = findCommunities(overview);
const louvainCpu = process.cpuUsage(cpu);
console.log(JSON.stringify({ patterns: overview.nodes.length, links: overview.links.length, communities: communities.members.length, louvainCpuMs: Math.round((louvainCpu.user + louvainCpu.system) / 1000), load: load() }));

const linked = [...communities.of.keys()].sort();
const neighbours = new Map<string, Set<string>>();
for (const l of overview.links) {
  if (l.source === l.target) continue;
  (neighbours.get(l.source) ?? neighbours.set(l.source, new Set()).get(l.source)!).add(l.target);
  (neighbours.get(l.target) ?? neighbours.set(l.target, new Set()).get(l.target)!).add(l.source);
}
const random = seeded(7);
const sample = Array.from({ length: Number(values.sample) }, () => linked[Math.floor(random() * linked.length)]!);
const pairs = Array.from({ length: 20_000 }, () => [linked[Math.floor(random() * linked.length)]!, linked[Math.floor(random() * linked.length)]!] as const);

const median = (list: number[]): number => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

function quality(positions: Map<string, Point>): Record<string, number> {
  const xs = new Float64Array(linked.length);
  const ys = new Float64Array(linked.length);
  linked.forEach((slug, i) => {
    const p = positions.get(slug)!;
    xs[i] = p.x;
    ys[i] = p.y;
  });
  let community = 0;
  let neighbourShare = 0;
  for (const slug of sample) {
    const p = positions.get(slug)!;
    const own = communities.of.get(slug);
    const k = neighbours.get(slug)!.size;
    const want = Math.max(10, k);
    // The `want` nearest by a partial selection over all linked patterns.
    const d = new Float64Array(linked.length);
    for (let i = 0; i < linked.length; i++) d[i] = (xs[i]! - p.x) ** 2 + (ys[i]! - p.y) ** 2;
    const order = Array.from(d.keys()).sort((a, b) => d[a]! - d[b]!);
    const nearest = order.filter((i) => linked[i] !== slug).slice(0, want);
    community += nearest.slice(0, 10).filter((i) => communities.of.get(linked[i]!) === own).length / 10;
    const near = new Set(nearest.slice(0, k).map((i) => linked[i]!));
    let hit = 0;
    for (const n of neighbours.get(slug)!) if (near.has(n)) hit++;
    neighbourShare += hit / k;
  }
  const edgeLengths: number[] = [];
  for (const l of overview.links) {
    if (l.source === l.target) continue;
    const a = positions.get(l.source)!;
    const b = positions.get(l.target)!;
    edgeLengths.push(Math.hypot(a.x - b.x, a.y - b.y));
  }
  const pairLengths = pairs.map(([s, t]) => {
    const a = positions.get(s)!;
    const b = positions.get(t)!;
    return Math.hypot(a.x - b.x, a.y - b.y);
  });
  let minX = Infinity;
  let maxX = -Infinity;
  for (const x of xs) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
  }
  const near = (maxX - minX) * 0.002;
  // Crowding on a grid of cells `near` wide: a pattern crowds when another is within `near`.
  const cells = new Map<string, number[]>();
  for (let i = 0; i < linked.length; i++) {
    const key = `${Math.floor(xs[i]! / near)},${Math.floor(ys[i]! / near)}`;
    (cells.get(key) ?? cells.set(key, []).get(key)!).push(i);
  }
  let crowded = 0;
  for (let i = 0; i < linked.length; i++) {
    const cx = Math.floor(xs[i]! / near);
    const cy = Math.floor(ys[i]! / near);
    let found = false;
    for (let dx = -1; dx <= 1 && !found; dx++)
      for (let dy = -1; dy <= 1 && !found; dy++)
        for (const j of cells.get(`${cx + dx},${cy + dy}`) ?? []) if (j !== i && Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!) < near) found = true;
    if (found) crowded++;
  }
  return {
    community: Math.round((community / sample.length) * 1000) / 1000,
    neighbours: Math.round((neighbourShare / sample.length) * 1000) / 1000,
    edge: Math.round((median(edgeLengths) / median(pairLengths)) * 1000) / 1000,
    crowding: Math.round((crowded / linked.length) * 1000) / 1000,
    width: Math.round(maxX - minX),
  };
}

for (const variant of values.variants.split(",")) {
  const [start, count] = variant.split(":");
  const iterations = Number(count);
  // "seeded": the seeded circle at any size (a large layout would start from the community seed).
  const options = start === "community" ? { iterations, largeFrom: 1 } : { iterations, largeFrom: Number.POSITIVE_INFINITY };
  if (global.gc) global.gc();
  const loadBefore = load();
  cpu = process.cpuUsage();
  const layout = computeOverviewLayout(overview, options, undefined, communities.of);
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ variant, iterations: layout.iterations, cpuMs: Math.round((used.user + used.system) / 1000), wallMs: Math.round(layout.ms), ...quality(layout.positions), load: `${loadBefore} -> ${load()}` }));
}
