// `npm run build`'s second half: compiles the program to JavaScript, so that it runs on plain Node
// without tsx (whose start-up costs ~0.5 s) and installs with its runtime dependencies only.
//   dist/cli.js                   the `pattern-atlas` program (ESM, node20, PROGRAM_SHEBANG below);
//                                 each command in a chunk of its own beside it, loaded when it runs
//   dist/<name>.js                each worker thread's code (WORKER_ENTRIES below), which
//                                 graph/worker-script.ts finds, for the built program and for the
//                                 TypeScript sources (tsx, the tests, the bench) alike
// npm packages stay external: they are loaded from node_modules, as installed with the package.
// `--if-stale` (what `npm run ingest`, `dev`, `bench` and the tests' globalSetup run first) builds
// only when a source file is newer than dist/cli.js, so nothing runs yesterday's build. Plain
// JavaScript, so that the check costs node's start only (~50 ms), not tsx's.
// Every file is written beside its place and renamed into it, and only then are the files of the
// previous build removed: a process that starts a worker meanwhile (a test, while the packaging
// test rebuilds) reads the old file or the new one, never a missing or half-written one.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = path.join(ROOT, "dist");
const SOURCES = ["cli", "core", "graph", "ingest", "server", "package.json", "scripts/build-cli.mjs"];

/**
 * The installed program's first line. `--min-semi-space-size=16` starts V8's young generation at
 * 16 MB instead of growing it from 1 MB: an ingest allocates faster than the default young generation
 * grows, so the 3,573-file snapshot took 40-41 scavenges, and takes 16 with it. Measured 2026-12-06
 * ~05:50 UTC (load average 18-24 on 2 cores, so wall times are loose): `ingest --json` interleaved,
 * 8 runs each, median wall 5,794 -> 4,922 ms, CPU (user + system) 1,080 -> 1,030 ms, main-thread CPU
 * (perf cpu-clock, 7 runs) 794 -> 758 ms, peak RSS 99 -> 100 MB. `node dist/cli.js` (the Docker
 * image, the tests) does not read this line; `env -S` passes the flag (coreutils 8.30+, BSD, macOS;
 * npm's Windows shims read it too).
 */
const PROGRAM_SHEBANG = "#!/usr/bin/env -S node --min-semi-space-size=16";

/** Each worker thread's built file (without ".js") and its source: graph/worker-script.ts's WORKER_FILES. */
const WORKER_ENTRIES = {
  "neighborhood-worker": "graph/memory/neighborhood-thread-worker.ts",
  "read-worker": "ingest/read-thread-worker.ts",
  "gaps-worker": "server/gaps-thread-worker.ts",
  "export-worker": "server/export-thread-worker.ts",
  "overview-worker": "server/overview-thread-worker.ts",
  "parse-worker": "ingest/parse-thread-worker.ts",
  "analysis-worker": "graph/gaps/analysis-thread-worker.ts",
};

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
  if (!existsSync(built) || Object.keys(WORKER_ENTRIES).some((name) => !existsSync(path.join(OUT, `${name}.js`)))) return true;
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
    write: false,
  };
  const program = await esbuild.build({
    ...common,
    entryPoints: { cli: "cli/main.ts" },
    splitting: true,
    // Every file directly in dist/, so that each finds the package one folder up (server/config.ts).
    chunkNames: "[name]-[hash]",
    banner: { js: PROGRAM_SHEBANG },
  });
  const workers = await esbuild.build({ ...common, entryPoints: WORKER_ENTRIES });
  await replaceFiles([...program.outputFiles, ...workers.outputFiles]);
}

/**
 * Writes `files` into dist/, each renamed into place, cli.js last (so that it is never newer than the
 * chunks it loads, and --if-stale sees a build cut short as stale), then removes what the previous
 * build left.
 */
async function replaceFiles(files) {
  await mkdir(OUT, { recursive: true });
  const written = new Set();
  const isProgram = (file) => path.basename(file.path) === "cli.js";
  for (const file of [...files.filter((f) => !isProgram(f)), ...files.filter(isProgram)]) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents, { mode: isProgram(file) ? 0o755 : 0o644 });
    await rename(temporary, file.path);
    written.add(path.basename(file.path));
  }
  for (const name of readdirSync(OUT)) {
    if (!written.has(name) && !name.endsWith(".tmp")) await rm(path.join(OUT, name), { recursive: true, force: true });
  }
}

const ifStale = process.argv.includes("--if-stale");
if (!ifStale || isStale()) await build(!ifStale);
