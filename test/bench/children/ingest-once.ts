// One ingest measurement in a fresh process: read a library folder and load it into the embedded
// store, then print wall times, peak RSS and the library's numbers as one JSON line.
import { createMemoryStore } from "../../../graph/index.ts";
import { loadLibrary } from "../../../ingest/index.ts";

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: ingest-once.ts <library folder>\n");
  process.exit(2);
}
const rssBeforeMb = process.memoryUsage.rss() / 1024 / 1024;
const started = performance.now();
const library = await loadLibrary(folder);
const readMs = performance.now() - started;
const storeStarted = performance.now();
const store = createMemoryStore();
await store.load(library);
const storeMs = performance.now() - storeStarted;
const totalMs = performance.now() - started;
const stats = await store.stats();
process.stdout.write(
  `${JSON.stringify({
    readMs,
    storeMs,
    totalMs,
    // resourceUsage().maxRSS is in kilobytes: the peak of this whole process.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb,
    files: stats.files,
    patterns: stats.patterns,
    links: stats.links,
    dangling: stats.dangling,
    problems: stats.problems,
    problemFiles: stats.problemFiles,
  })}\n`,
);
