// Micro-benchmark of the in-memory store's queries on a real snapshot (not a test: run it by hand,
// `npx tsx test/graph/bench-algorithms.ts [library folder]`). Prints p50/p99/max per query kind.
// The default is the cut 2026-02-20 fixture: its graph is the full snapshot's, and queries never read files.
import { loadavg } from "node:os";
import { createMemoryStore, type GraphStore, type Slug } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { seededRandom as random } from "../fixtures/literal-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const folder = process.argv[2] ?? realLibrary("2026-02-20");


async function measure(name: string, runs: number, query: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(50, runs); i++) await query(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await query(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
  console.log(`${name.padEnd(44)} n=${String(runs).padStart(5)}  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  max ${times[times.length - 1].toFixed(3)} ms`);
}

async function main(): Promise<void> {
  // Latencies on a shared machine mean little without the load they were measured under.
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  let t0 = performance.now();
  const library = await loadLibrary(folder);
  console.log(`ingest: ${library.patterns.length} patterns, ${library.links.length} links in ${(performance.now() - t0).toFixed(0)} ms`);
  t0 = performance.now();
  const store: GraphStore = createMemoryStore(library);
  console.log(`memory store prepared in ${(performance.now() - t0).toFixed(0)} ms`);

  const rnd = random(42);
  const slugs = library.patterns.map((p) => p.slug);
  const pick = (): Slug => slugs[Math.floor(rnd() * slugs.length)];
  const titles = library.patterns.map((p) => p.title);
  const typo = (s: string) => (s.length > 4 ? s.slice(0, 2) + s[3] + s[2] + s.slice(4) : s);
  const queries = [
    "a", "de", "work", "commons", "governance", "framework", "delibrate", "ostrom", "resource analysis", "qqqq",
    ...Array.from({ length: 40 }, () => titles[Math.floor(rnd() * titles.length)].slice(0, 3 + Math.floor(rnd() * 10))),
    ...Array.from({ length: 40 }, () => typo(titles[Math.floor(rnd() * titles.length)].split(" ")[0].toLowerCase())),
  ];
  await measure("search (limit 10)", 2000, (i) => store.search(queries[i % queries.length], 10));
  await measure("search one letter 'a' (worst case)", 300, () => store.search("a", 10));
  await measure("getPattern", 2000, () => store.getPattern(pick()));
  await measure("getPattern unknown (404 + suggestions)", 300, () => store.getPattern(`${pick()}x`).catch(() => undefined));
  await measure("neighborhood depth 1 both limit 200", 2000, () => store.neighborhood(pick(), { depth: 1, direction: "both", limit: 200 }));
  await measure("neighborhood depth 2 both limit 200", 2000, () => store.neighborhood(pick(), { depth: 2, direction: "both", limit: 200 }));
  await measure("neighborhood depth 2 both limit 2000", 1000, () => store.neighborhood(pick(), { depth: 2, direction: "both", limit: 2000 }));
  await measure("neighborhood depth 4 both limit 10000", 200, () => store.neighborhood(pick(), { depth: 4, direction: "both", limit: 10_000 }));
  await measure("lineage depth 3", 2000, () => store.lineage(pick(), 3));
  await measure("paths k=1 undirected maxLength 8", 2000, () => store.paths(pick(), pick(), { directed: false, k: 1, maxLength: 8 }));
  await measure("paths k=5 undirected maxLength 6", 1000, () => store.paths(pick(), pick(), { directed: false, k: 5, maxLength: 6 }));
  await measure("paths k=10 undirected maxLength 8", 500, () => store.paths(pick(), pick(), { directed: false, k: 10, maxLength: 8 }));
  await measure("paths k=3 directed maxLength 8", 1000, () => store.paths(pick(), pick(), { directed: true, k: 3, maxLength: 8 }));
  await measure("paths k=10 directed maxLength 8", 500, () => store.paths(pick(), pick(), { directed: true, k: 10, maxLength: 8 }));
  await measure("paths k=5 lineage types undirected", 1000, () =>
    store.paths(pick(), pick(), { directed: false, k: 5, maxLength: 8, types: ["generalizes_from", "specializes_to"] }),
  );
  await measure("overview", 20, () => store.overview());
  await measure("stats", 200, () => store.stats());
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

await main();
