// `npm run bench`: runs every section in test/bench/sections/ in order (or those named by --only),
// prints a table per section and the targets, and writes everything to .bench/results.json.
// Add a section by adding a file there that exports `section: BenchSection` (see lib/types.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { defaultLoadTool, LOAD_TOOLS, type LoadTool } from "./lib/load.ts";
import { formatTable, formatTargets } from "./lib/table.ts";
import type { BenchContext, BenchSection, Snapshot, TargetCheck } from "./lib/types.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, "../..");
const MAIN_SNAPSHOT = "commons-os-2026-02-20";

const USAGE = `Usage: npm run bench -- [--only a,b] [--runs 5] [--duration 5] [--warmup 5] [--connections 16] [--scale N [--scale-library <folder>]] [--stores memory,neo4j] [--load-tool wrk|autocannon] [--corpus <folder>] [--list]`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(1);
}

async function loadSections(): Promise<BenchSection[]> {
  const folder = path.join(HERE, "sections");
  const files = readdirSync(folder).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const sections: BenchSection[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(folder, file)).href)) as { section?: BenchSection };
    if (!module.section) fail(`${file} does not export a \`section\``);
    sections.push(module.section);
  }
  return sections.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** The snapshots in the corpus folder; a snapshot with a `_patterns/` folder is read from there. */
function findCorpus(corpusRoot: string): Snapshot[] {
  if (!existsSync(corpusRoot)) {
    fail(
      `no corpus at ${corpusRoot}: the benchmarks read the full library snapshots (commons-os-2026-01-29/, commons-os-2026-02-20/), ` +
        `not the cut test fixtures, whose files hold only their frontmatter; pass --corpus <folder>`,
    );
  }
  return readdirSync(corpusRoot)
    .filter((name) => statSync(path.join(corpusRoot, name)).isDirectory())
    .sort()
    .map((name) => {
      const patterns = path.join(corpusRoot, name, "_patterns");
      return { name, path: existsSync(patterns) ? patterns : path.join(corpusRoot, name) };
    });
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        only: { type: "string" },
        runs: { type: "string", default: "5" },
        duration: { type: "string", default: "5" },
        warmup: { type: "string", default: "5" },
        connections: { type: "string", default: "16" },
        scale: { type: "string", default: "10" },
        "scale-library": { type: "string" },
        stores: { type: "string", default: "memory,neo4j" },
        "load-tool": { type: "string" },
        corpus: { type: "string", default: path.resolve(REPO_ROOT, "../shared/corpus") },
        list: { type: "boolean", default: false },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const integer = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) fail(`--${name} must be ${min === 1 ? "a positive integer" : `a whole number of ${min} or more`}, got '${raw}'`);
    return n;
  };
  const positive = (name: string, raw: string) => integer(name, raw, 1);
  const sections = await loadSections();
  if (values.list) {
    for (const s of sections) process.stdout.write(`${s.name.padEnd(16)} ${s.description}\n`);
    return;
  }
  const only = values.only?.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((name) => !sections.some((s) => s.name === name)) ?? [];
  if (unknown.length) fail(`unknown section(s) ${unknown.join(", ")}; there are ${sections.map((s) => s.name).join(", ")}`);
  const selected = only ? sections.filter((s) => only.includes(s.name)) : sections;

  const stores = values.stores.split(",").map((s) => s.trim());
  const badStores = stores.filter((s) => s !== "memory" && s !== "neo4j");
  if (badStores.length || stores.length === 0) fail(`--stores must list memory, neo4j or both, got '${values.stores}'`);
  const loadTool = (values["load-tool"] ?? defaultLoadTool()) as LoadTool;
  if (!LOAD_TOOLS.includes(loadTool)) fail(`--load-tool must be one of ${LOAD_TOOLS.join(", ")}, got '${loadTool}'`);
  const corpus = findCorpus(values.corpus);
  const mainSnapshot = corpus.find((s) => s.name === MAIN_SNAPSHOT) ?? fail(`the corpus has no ${MAIN_SNAPSHOT}`);
  const resultsFile = path.join(REPO_ROOT, ".bench/results.json");
  // With --only, the other sections' last results are kept, so the file always holds a full picture.
  const previous = existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { sections?: Record<string, unknown> }).sections ?? {}
    : {};
  const context: BenchContext = {
    repoRoot: REPO_ROOT,
    corpus,
    mainSnapshot,
    runs: positive("runs", values.runs),
    durationSeconds: positive("duration", values.duration),
    warmupSeconds: integer("warmup", values.warmup, 0),
    connections: positive("connections", values.connections),
    scale: integer("scale", values.scale, 2),
    ...(values["scale-library"] ? { scaleLibrary: path.resolve(values["scale-library"]) } : {}),
    stores: stores as BenchContext["stores"],
    loadTool,
    log: (line) => process.stderr.write(`${line}\n`),
    results: {},
    previousResults: previous,
  };

  const loadBefore = os.loadavg()[0]!;
  // The machine is shared: a high load average makes every number here pessimistic, so it is recorded.
  process.stderr.write(`load average before: ${loadBefore.toFixed(2)} on ${os.cpus().length} cores; load generated by ${loadTool}\n`);
  const allTargets: TargetCheck[] = [];
  const failed: string[] = [];
  for (const section of selected) {
    process.stderr.write(`\n== ${section.name}: ${section.description}\n`);
    try {
      const result = await section.run(context);
      context.results[section.name] = { ...(result.json as object), targets: result.targets, measuredAt: new Date().toISOString() };
      for (const table of result.tables) process.stdout.write(`\n${formatTable(table)}\n`);
      allTargets.push(...result.targets);
    } catch (err) {
      failed.push(section.name);
      process.stderr.write(`bench: section ${section.name} failed: ${(err as Error).message}\n`);
      context.results[section.name] = { error: (err as Error).message, measuredAt: new Date().toISOString() };
    }
  }
  if (allTargets.length) process.stdout.write(`\n${formatTargets(allTargets)}\n`);
  process.stdout.write(`\nLoad average (1 min) before ${loadBefore.toFixed(2)}, after ${os.loadavg()[0]!.toFixed(2)}, on ${os.cpus().length} cores.\n`);

  mkdirSync(path.dirname(resultsFile), { recursive: true });
  const results = {
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageBefore: Number(loadBefore.toFixed(2)),
      loadAverageAfter: Number(os.loadavg()[0]!.toFixed(2)),
    },
    settings: { runs: context.runs, durationSeconds: context.durationSeconds, warmupSeconds: context.warmupSeconds, connections: context.connections, loadTool },
    writtenAt: new Date().toISOString(),
    sections: { ...previous, ...context.results },
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${path.relative(process.cwd(), resultsFile) || resultsFile}\n`);
  if (failed.length) process.exitCode = 1;
}

await main();
// Everything is written: end here even if a section left a handle open (a run was seen to hang after
// its results, on a keep-alive socket or browser process, without finding which).
process.exit();
