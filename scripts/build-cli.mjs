// `npm run build`'s second half: compiles the program to JavaScript, so that it runs on plain Node
// without tsx (whose start-up costs ~0.5 s) and installs with its runtime dependencies only.
//   dist/cli.js                   the `pattern-atlas` program (ESM, node20, `#!/usr/bin/env node`);
//                                 each command in a chunk of its own beside it, loaded when it runs
//   dist/neighborhood-worker.js   the neighbourhood thread's code (graph/memory/neighborhood-thread.ts loads it)
//   dist/read-worker.js           the --watch read thread's code (ingest/read-thread.ts loads it)
//   dist/gaps-worker.js           the gap analysis thread's code (server/gaps-thread.ts loads it)
//   dist/export-worker.js         the export thread's code (server/export-thread.ts loads it)
//   dist/overview-worker.js       the overview layout thread's code (server/overview-thread.ts loads it)
// npm packages stay external: they are loaded from node_modules, as installed with the package.
// `--if-stale` (what `npm run ingest` and `npm run gaps` run first) builds only when a source file is
// newer than dist/cli.js, so those scripts never run yesterday's build. Plain JavaScript, so that
// the check costs node's start only (~50 ms), not tsx's.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { chmod, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = path.join(ROOT, "dist");
const SOURCES = ["cli", "core", "graph", "ingest", "server", "package.json", "scripts/build-cli.mjs"];

/** The newest modification time below `target` (a file or a folder), in ms. */
function newestMtime(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isStale() {
  const built = path.join(OUT, "cli.js");
  if (!existsSync(built)) return true;
  const sources = Math.max(...SOURCES.map((s) => path.join(ROOT, s)).filter(existsSync).map(newestMtime));
  return sources > statSync(built).mtimeMs;
}

/**
 * esbuild, the pinned devDependency, fetched into a temporary folder. npm runs `prepare` for a
 * package installed globally from git (what pre-commit does with a hook repository) without its
 * devDependencies (npm/cli#8440), so the build brings its own compiler then.
 */
async function fetchEsbuild() {
  const version = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).devDependencies.esbuild;
  const folder = mkdtempSync(path.join(tmpdir(), "pattern-atlas-esbuild-"));
  process.stderr.write(`build-cli: esbuild is not installed here; fetching esbuild@${version} into ${folder}\n`);
  // The npm_config_* of the install that runs this script (global, prefix...) must not apply.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
  execFileSync("npm", ["install", "--prefix", folder, "--no-save", "--no-audit", "--no-fund", "--loglevel", "error", `esbuild@${version}`], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return import(pathToFileURL(path.join(folder, "node_modules", "esbuild", "lib", "main.js")).href);
}

async function build(canFetch) {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    if (!canFetch) {
      // An installation without dev dependencies (the Docker image) runs the build it was given.
      process.stderr.write("build-cli: esbuild is not installed (no dev dependencies); dist/ is left as it is.\n");
      return;
    }
    esbuild = await fetchEsbuild();
  }
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    outdir: OUT,
    logLevel: "warning",
    absWorkingDir: ROOT,
  };
  await rm(OUT, { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: { cli: "cli/main.ts" },
    splitting: true,
    // Every file directly in dist/, so that each finds the package one folder up (server/config.ts).
    chunkNames: "[name]-[hash]",
    banner: { js: "#!/usr/bin/env node" },
  });
  // Each worker thread's code, a file of its own (graph/worker-script.ts loads it).
  await esbuild.build({
    ...common,
    entryPoints: {
      "neighborhood-worker": "graph/memory/neighborhood-thread-worker.ts",
      "read-worker": "ingest/read-thread-worker.ts",
      "gaps-worker": "server/gaps-thread-worker.ts",
      "export-worker": "server/export-thread-worker.ts",
      "overview-worker": "server/overview-thread-worker.ts",
    },
  });
  await chmod(path.join(OUT, "cli.js"), 0o755);
}

const ifStale = process.argv.includes("--if-stale");
if (!ifStale || isStale()) await build(!ifStale);
