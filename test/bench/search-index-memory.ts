// The heap of the search index (algorithms/search.ts) at N times the real library: what a server on
// Neo4j keeps for its typo-tolerant tiers (neo4j-search.ts) once one search needs them. Not a test:
//   node --expose-gc --import tsx test/bench/search-index-memory.ts <library folder> [--factors 1,10,100]
// The library's patterns are renamed per copy as the scale generator renames them (scale-library.ts:
// slugs, titles and aliases), so the index's inputs are those of `npm run scale`'s N-times library.
import { parseArgs } from "node:util";
import { buildSearchIndex, searchPatterns, type SearchablePattern } from "../../graph/algorithms/search.ts";
import { loadLibrary } from "../../ingest/load-library.ts";
import { renameSlug, renameTitle } from "./lib/scale-library.ts";
import type { Slug } from "../../core/model.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { factors: { type: "string", default: "1,10,100" } } });
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const library = await loadLibrary(positionals[0]!);
const source: SearchablePattern[] = library.patterns.map(({ slug, title, aliases, domain }) => ({ slug, title, aliases, ...(domain === undefined ? {} : { domain }) }));
for (const factor of values.factors.split(",").map(Number)) {
  const patterns: SearchablePattern[] = [];
  for (let copy = 1; copy <= factor; copy++) {
    for (const p of source) {
      patterns.push({
        slug: renameSlug(p.slug, copy) as Slug,
        title: renameTitle(p.title, copy),
        aliases: p.aliases.map((a) => renameTitle(a, copy)),
        ...(p.domain === undefined ? {} : { domain: p.domain }),
      });
    }
  }
  // What the Neo4j store reads (its own strings, not shared with this list): copied through JSON.
  const rows = JSON.stringify(patterns);
  patterns.length = 0;
  const before = heap();
  const cpu = process.cpuUsage();
  const index = buildSearchIndex(JSON.parse(rows) as SearchablePattern[]);
  const built = process.cpuUsage(cpu);
  const kept = heap() - before;
  const searchCpu = process.cpuUsage();
  const hits = searchPatterns(index, "qzxwv", 5).length + searchPatterns(index, "goverance desing", 5).length;
  const searched = process.cpuUsage(searchCpu);
  console.log(
    `x${factor}: ${index.patterns.length} patterns, index heap ${(kept / 2 ** 20).toFixed(1)} MB, built in ${((built.user + built.system) / 1000).toFixed(0)} ms CPU; ` +
      `two typo searches ${((searched.user + searched.system) / 1000).toFixed(0)} ms CPU (${hits} hits); RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  );
}
