// Where a worker thread's code is, one rule for every thread of the program (neighbourhood answers,
// gap analysis, exports, the overview layout, --watch reads): a file of its own that
// scripts/build-cli.mjs builds into dist/ (WORKER_ENTRIES there names each one and its source). The
// built program finds it beside the chunk that starts it; run from the TypeScript sources (tsx:
// `npm run dev`, the tests, the bench) it is the same file in the repository's dist/, which those
// build first when a source is newer (`node scripts/build-cli.mjs --if-stale`: `predev`, `prebench`,
// the tests' globalSetup). So nothing is compiled at run time and esbuild stays a build tool. (A
// worker started on its TypeScript file would need tsx's loader, whose hooks run on a thread of
// their own: ~15 MB more memory per process for nothing.)
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The worker files scripts/build-cli.mjs writes (its WORKER_ENTRIES' names, plus ".js"). */
export const WORKER_FILES = ["neighborhood-worker.js", "read-worker.js", "gaps-worker.js", "export-worker.js", "overview-worker.js", "parse-worker.js", "analysis-worker.js"] as const;
export type WorkerFile = (typeof WORKER_FILES)[number];

/** True when this module runs from its TypeScript source rather than from the build in dist/. */
const FROM_SOURCES = import.meta.url.endsWith(".ts");

/**
 * The URL to give `new Worker(...)` for one thread's built code.
 * @throws Error naming the command to run when, from the sources, the workers were never built.
 */
export function workerUrl(file: WorkerFile): URL {
  if (!FROM_SOURCES) return new URL(`./${file}`, import.meta.url);
  const built = new URL(`../dist/${file}`, import.meta.url);
  if (!existsSync(built)) {
    throw new Error(`${fileURLToPath(built)} is missing: build the worker threads' code first with \`node scripts/build-cli.mjs\``);
  }
  return built;
}
