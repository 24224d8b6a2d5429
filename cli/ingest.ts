// `pattern-atlas ingest <folder> [--json] [--out file]`: reads a pattern library and prints what it
// found (files, patterns, links per type, dangling references, problems); optionally writes a
// snapshot or stores the library in Neo4j.
import { loadavg } from "node:os";
import { getHeapStatistics } from "node:v8";
import { PatternAtlasError } from "../core/errors.ts";
import type { Library } from "../core/model.ts";
import { loadLibraryOnTwoThreads, parseThreadSetting, PARSE_THREAD_ENV, summariseLibrary, writeSnapshot, type IngestSummary } from "../ingest/index.ts";
import { parseCommandLine, readArguments, UsageError } from "./args.ts";

export { UsageError } from "./args.ts";

/** The flags `pattern-atlas ingest` accepts. */
export const CLI_OPTIONS = {
  json: { type: "boolean", default: false },
  out: { type: "string" },
  problems: { type: "string" },
  neo4j: { type: "boolean", default: false },
  "neo4j-import": { type: "string" },
  prune: { type: "boolean", default: false },
  progress: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export const USAGE = `Usage: pattern-atlas ingest <folder> [--json] [--out <file>] [--problems <n>] [--neo4j [--prune] | --neo4j-import <neo4j home>] [--progress]

Reads every .md pattern file below <folder> and reports what it found.

  --json          print the summary as JSON on stdout (and nothing else there)
  --out <file>    also write a snapshot the server can load with --snapshot <file>
  --problems <n>  how many problems the readable summary lists (default 20; --json lists all)
  --neo4j         also store the library in Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
                  NEO4J_DATABASE); patterns stored earlier whose files are gone are kept
  --prune         with --neo4j: remove patterns whose files are gone instead
  --neo4j-import <neo4j home>
                  a first load of a large library through Neo4j's offline importer, into a
                  database that does not exist yet, Neo4j stopped (NEO4J_DATABASE, default neo4j;
                  the importer's command: NEO4J_ADMIN, default neo4j-admin); never replaces a database
  --progress      print each step on stderr as it ends: time since the start, RSS, heap in use
  -h, --help      show this help`;

export interface CliOptions {
  folder: string;
  json: boolean;
  out?: string;
  problemsShown: number;
  neo4j: boolean;
  /** --neo4j-import: the Neo4j home a first load is imported into. */
  neo4jImport?: string;
  prune: boolean;
  progress: boolean;
}

/** @throws UsageError */
export function parseCliArgs(argv: readonly string[]): CliOptions | "help" {
  const { values, positionals } = parseCommandLine(argv, CLI_OPTIONS);
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? "Missing the library folder." : `Expected one library folder, got ${positionals.length}: ${positionals.join(" ")}.`,
    );
  }
  let problemsShown = 20;
  if (values.problems !== undefined) {
    problemsShown = Number(values.problems);
    if (!Number.isInteger(problemsShown) || problemsShown < 0) {
      throw new UsageError(`--problems expects a whole number of 0 or more, got '${values.problems}'.`);
    }
  }
  if (values.prune && !values.neo4j) throw new UsageError("--prune only applies with --neo4j.");
  if (values["neo4j-import"] !== undefined && values.neo4j) throw new UsageError("--neo4j loads by Bolt and --neo4j-import through the offline importer: give one of them.");
  if (values["neo4j-import"] !== undefined && values["neo4j-import"].trim() === "") throw new UsageError("--neo4j-import expects the Neo4j home (or the launcher's data folder).");
  const options: CliOptions = { folder: positionals[0]!, json: values.json, problemsShown, neo4j: values.neo4j, prune: values.prune, progress: values.progress };
  if (values["neo4j-import"] !== undefined) options.neo4jImport = values["neo4j-import"];
  if (values.out !== undefined) options.out = values.out;
  return options;
}

/**
 * What happens to a library once it is read: writing the snapshot, and the place for further
 * destinations (`--neo4j` will publish it to Neo4j from here). Anything it prints goes to stderr,
 * so that `--json` keeps stdout pure JSON. Returns lines for the readable summary.
 */
export async function publishLibrary(library: Library, options: CliOptions, progress?: Progress): Promise<string[]> {
  const notes: string[] = [];
  if (options.out !== undefined) {
    await writeSnapshot(options.out, library);
    notes.push(`Snapshot written to ${options.out}`);
  }
  if (options.neo4j) {
    const { describeNeo4jIngest, ingestIntoNeo4j, neo4jConnectionFromEnv } = await import("../ingest/neo4j-ingest.ts");
    const { storedOverviewMaker } = await import("../server/overview-stored.ts");
    const connection = neo4jConnectionFromEnv();
    // The overview is laid out here, where the library is, and stored with the copy for every server to read.
    const attachments = storedOverviewMaker((line) => process.stderr.write(`${line}\n`));
    const onLoadStep = progress && ((step: string) => progress(`Neo4j load: ${step}`));
    notes.push(describeNeo4jIngest(await ingestIntoNeo4j(library, connection, { prune: options.prune, attachments, ...(onLoadStep ? { onLoadStep } : {}) }), connection));
  }
  if (options.neo4jImport !== undefined) {
    const { checkImportTarget, describeNeo4jImport, importFirstLoad } = await import("../ingest/neo4j-ingest.ts");
    const database = process.env.NEO4J_DATABASE?.trim() || "neo4j";
    // Refused before the overview's thread is started (importFirstLoad checks again).
    checkImportTarget(options.neo4jImport, database, process.env.NEO4J_CONF);
    const { storedOverviewMaker } = await import("../server/overview-stored.ts");
    const attachments = storedOverviewMaker((line) => process.stderr.write(`${line}\n`));
    const onStep = progress && ((step: string) => progress(`Neo4j import: ${step}`));
    const namespace = process.env.NEO4J_NAMESPACE?.trim();
    const report = await importFirstLoad(library, { home: options.neo4jImport, database, attachments, ...(namespace ? { namespace } : {}), ...(onStep ? { onStep } : {}) });
    notes.push(describeNeo4jImport(report, options.neo4jImport));
  }
  return notes;
}

export function formatSummary(summary: IngestSummary, problemsShown: number, notes: readonly string[] = []): string {
  const lines: string[] = [];
  lines.push(`Library ${summary.root}`);
  lines.push(
    `  ${summary.files} files: ${summary.patterns} patterns (generation 1: ${summary.generations["1"]}, generation 2: ${summary.generations["2"]}), ${summary.problemFiles} files that are only problems`,
  );
  lines.push(`  ${summary.links} links (resolved, deduplicated), ${summary.dangling} dangling references, ${summary.isolated} patterns without any link`);
  lines.push("");
  lines.push("  links by type          resolved  dangling");
  for (const [type, count] of Object.entries(summary.linksByType)) {
    lines.push(`    ${type.padEnd(20)} ${String(count).padStart(8)}  ${String(summary.danglingByType[type] ?? 0).padStart(8)}`);
  }
  for (const [type, count] of Object.entries(summary.danglingByType)) {
    if (!(type in summary.linksByType)) lines.push(`    ${type.padEnd(20)} ${"0".padStart(8)}  ${String(count).padStart(8)}`);
  }
  lines.push("");
  const kinds = Object.entries(summary.problemsByKind);
  if (kinds.length === 0) {
    lines.push("  No problems.");
  } else {
    lines.push(`  ${summary.problems.length} problems by kind:`);
    for (const [kind, count] of kinds) lines.push(`    ${kind.padEnd(24)} ${String(count).padStart(6)}`);
    const shown = summary.problems.slice(0, problemsShown);
    if (shown.length > 0) {
      lines.push("");
      lines.push(`  ${shown.length === summary.problems.length ? "Problems" : `First ${shown.length} problems`} (* = the file is not a pattern):`);
      for (const problem of shown) {
        const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}${problem.column === undefined ? "" : `:${problem.column}`}`;
        lines.push(`  ${problem.fatal ? "*" : " "} ${where}  [${problem.kind}] ${problem.message}${problem.recovered ? ` (Recovered: ${problem.recovered}.)` : ""}`);
      }
      const rest = summary.problems.length - shown.length;
      if (rest > 0) lines.push(`    ... and ${rest} more (--problems <n> shows more, --json lists all)`);
    }
  }
  if (notes.length > 0) {
    lines.push("");
    for (const note of notes) lines.push(`  ${note}`);
  }
  return lines.join("\n");
}

/**
 * Heap a Neo4j load needs per pattern on the ingest's main thread (the library, its canonical copy, its
 * graph and numbers, the overview handed to its thread): ~7.7 KB at thirty times the 2026-02-20
 * library, measured after a collection; the threads that lay out the overview and analyse the gaps
 * have heaps of their own.
 */
export const LOAD_HEAP_BYTES_PER_PATTERN = 9 * 1024;

/**
 * A warning when `patterns` will not fit the heap `limitBytes` (V8's heap_size_limit) during the Neo4j
 * load, with the setting that fits; undefined when they fit.
 */
export function heapAdvice(patterns: number, limitBytes: number): string | undefined {
  const need = patterns * LOAD_HEAP_BYTES_PER_PATTERN;
  if (need <= limitBytes * 0.8) return undefined;
  const mb = (bytes: number): number => Math.ceil(bytes / 1024 / 1024);
  const wanted = Math.ceil((need / 0.8 / 1024 / 1024) / 512) * 512;
  return `${patterns} patterns need about ${mb(need)} MB of heap for the Neo4j load and this process may use ${mb(limitBytes)} MB: it may run out of memory. Run it with NODE_OPTIONS=--max-old-space-size=${wanted} (docs/neo4j.md, "Sizes").`;
}

/**
 * `auto` (the default) reads a library of this many files or more on two threads, as the server
 * does: at ten and a hundred times the real library the read is minutes of CPU, and the second
 * thread takes half of it when a core is free; below, one thread was faster on 2 cores.
 */
export const INGEST_MIN_SPLIT_FILES = 12_000;

/** Prints one step of the ingest (--progress). */
export type Progress = (step: string) => void;

/**
 * --progress: each step on stderr with the seconds since the start, the RSS, the heap in use (this
 * thread's), the CPU time of the whole process so far (every thread) and the machine's load average
 * (on a shared machine the wall time says little without it).
 */
export function progressPrinter(write: (line: string) => void = (line) => process.stderr.write(line)): Progress {
  const started = performance.now();
  const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
  return (step) => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const load = loadavg().map((n) => n.toFixed(1)).join(" ");
    write(
      `ingest: +${((performance.now() - started) / 1000).toFixed(1)} s  ${step}  (RSS ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, load ${load})\n`,
    );
  };
}

/** Runs `pattern-atlas ingest`; returns the exit status. Never throws for expected failures. */
export async function main(argv: readonly string[]): Promise<number> {
  const options = readArguments("ingest", USAGE, argv, parseCliArgs);
  if (typeof options === "number") return options;
  const progress = options.progress ? progressPrinter() : undefined;
  try {
    const chosen = process.env[PARSE_THREAD_ENV];
    const library = await loadLibraryOnTwoThreads(options.folder, chosen?.trim() ? parseThreadSetting(chosen) : "auto", {
      minSplitFiles: INGEST_MIN_SPLIT_FILES,
      onFallback: (message) => process.stderr.write(`ingest: ${message}\n`),
    });
    progress?.(`read ${library.files} files: ${library.patterns.length} patterns, ${library.links.length} links`);
    const advice = options.neo4j || options.neo4jImport !== undefined ? heapAdvice(library.patterns.length, getHeapStatistics().heap_size_limit) : undefined;
    if (advice) process.stderr.write(`ingest: ${advice}\n`);
    const notes = await publishLibrary(library, options, progress);
    const summary = summariseLibrary(library);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      for (const note of notes) process.stderr.write(`${note}\n`);
    } else {
      process.stdout.write(`${formatSummary(summary, options.problemsShown, notes)}\n`);
    }
    return 0;
  } catch (error) {
    // Expected failures (the folder cannot be read, a snapshot cannot be written) as one clear line.
    if (!(error instanceof PatternAtlasError)) throw error;
    process.stderr.write(`ingest: ${error.message}\n`);
    return 1;
  }
}
