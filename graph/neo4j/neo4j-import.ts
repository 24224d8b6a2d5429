// A first load through Neo4j's offline importer (`pattern-atlas ingest <folder> --neo4j-import <home>`):
// the copy a Bolt load would write (neo4j-load.ts), written as CSV files and handed to
// `neo4j-admin database import full`, into a database that does not exist yet, Neo4j stopped. At a
// hundred times the real library a Bolt first load is ~860 s of CPU (Node packing rows for the driver,
// Neo4j's transactions); the CSV and the importer are a fraction of it (docs/performance.md). Same
// stored copy: the namespace's node pointing at it, the copy's node with its findings' summary, its
// rows with their hashes, its findings and its overview, under the same labels; what the importer
// cannot write (an empty list) the store reads as empty. The schema is created by the first store
// that connects (ensureSchema), as for a Bolt load into an empty database.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PatternAtlasError, StoreUnavailableError } from "../../core/errors.ts";
import type { Library } from "../../core/model.ts";
import { danglingSlug } from "../build-graph.ts";
import type { CopyAttachment, CopyAttachmentMaker } from "../copy-attachments.ts";
import { gapSetId } from "./neo4j-gaps.ts";
import type { FindingsCsvTarget } from "./neo4j-import-findings.ts";
import { findingsCsvOffThread, type TimedFindingsCsv } from "./neo4j-import-findings-thread.ts";
import { IMPORT_ARRAY_DELIMITER, IMPORT_QUOTE, ImportCsvFamily, type ImportInput } from "./neo4j-import-csv.ts";
import { CHUNK_BYTES } from "./neo4j-attachments.ts";
import { rowHash } from "./neo4j-incremental.ts";
import { canonicalLibrary } from "../algorithms/library-order.ts";
import { degreeOf, prepareCanonical, THREADS_ONE_AT_A_TIME_FROM, type LoadStepListener } from "./neo4j-load.ts";
import { checkNamespace, copyId, danglingProperties, DEFAULT_NAMESPACE, LABELS, linkProperties, linkRowHash, problemProperties, relationshipType, VIEW_LABELS } from "./neo4j-model.ts";
import { patternRowMaker } from "./neo4j-pattern-rows.ts";
import { vocabularyCsv } from "./neo4j-search-vocabulary.ts";

/** The environment variable naming the importer's command (words split on spaces), and its default. */
export const NEO4J_ADMIN_ENV = "NEO4J_ADMIN";
export const DEFAULT_NEO4J_ADMIN = "neo4j-admin";

export interface Neo4jImportOptions {
  /** The Neo4j home: its `data/` (or the folder `server.directories.data` names in `conf/neo4j.conf`) holds the databases. */
  home: string;
  /** The database (default neo4j). */
  database?: string;
  /** The namespace (default "default", the one the server reads). */
  namespace?: string;
  /** The importer's command before `database import full ...` (default: NEO4J_ADMIN, else `neo4j-admin`). */
  command?: readonly string[];
  /** What to store with the copy (the CLI: the overview's parts, server/overview-stored.ts). */
  attachments?: CopyAttachmentMaker;
  /** Hears each step as it ends. */
  onStep?: LoadStepListener;
  /** Keep the CSV files (a folder below the home) instead of deleting them after the import. */
  keepCsv?: boolean;
}

export interface Neo4jImportReport {
  copy: string;
  patterns: number;
  links: number;
  dangling: number;
  problems: number;
  findings: number;
  attachments: number;
  /** The importer's summary lines ("Imported: ... nodes ..."). */
  imported: string;
  ms: { csv: number; analysis: number; import: number; total: number };
}

/** The command NEO4J_ADMIN names (words split on white space), or `neo4j-admin`. */
export function adminCommand(env: NodeJS.ProcessEnv = process.env): string[] {
  const words = (env[NEO4J_ADMIN_ENV] ?? "").trim().split(/\s+/).filter((w) => w !== "");
  return words.length > 0 ? words : [DEFAULT_NEO4J_ADMIN];
}

/** Where the home's databases are: `server.directories.data` of its neo4j.conf, else `<home>/data`. */
function dataFolder(home: string, conf: string): string {
  const file = join(conf, "neo4j.conf");
  if (existsSync(file)) {
    const set = /^\s*server\.directories\.data\s*=\s*(.+?)\s*$/m.exec(readFileSync(file, "utf8"));
    if (set) return resolve(home, set[1]!);
  }
  return join(home, "data");
}

/**
 * Refuses a database that exists: the importer writes a new database only, and this never replaces
 * one (the importer's --overwrite-destination is never given). A Neo4j that runs on the home has
 * created its default database, so this also refuses a running Neo4j.
 * @throws PatternAtlasError (conflict) naming the folder and what to do instead.
 */
export function checkImportTarget(home: string, database: string, conf?: string): void {
  const data = dataFolder(resolve(home), conf ?? join(resolve(home), "conf"));
  for (const folder of [join(data, "databases", database), join(data, "transactions", database)]) {
    if (existsSync(folder)) {
      throw new PatternAtlasError(
        "conflict",
        `Neo4j's database '${database}' already exists (${folder}). --neo4j-import makes a first load into a database that does not exist yet, with Neo4j stopped, and never replaces one: ` +
          `give a new Neo4j home (or data folder), drop the database first, or load by Bolt instead (--neo4j).`,
        { folder, database },
      );
    }
  }
}

const since = (start: number): number => Math.round(performance.now() - start);
/** Rows written between two turns of the event loop, so the threads' messages are heard meanwhile. */
const ROWS_PER_TURN = 1_000;
const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

/** The importer's arguments after its command. */
export function importArguments(database: string, nodes: readonly ImportInput[], relationships: readonly ImportInput[], report: string): string[] {
  const input = (i: ImportInput): string => `${i.header},${i.body}`;
  const multiline = [...nodes, ...relationships].filter((i) => i.multiline).map((i) => i.body);
  return [
    "database",
    "import",
    "full",
    ...nodes.map((i) => `--nodes=${input(i)}`),
    ...relationships.map((i) => `--relationships=${input(i)}`),
    `--quote=${IMPORT_QUOTE}`,
    `--array-delimiter=${IMPORT_ARRAY_DELIMITER}`,
    // Only the files whose rows hold line breaks are read as multi-line (v2: a list of files).
    ...(multiline.length > 0 ? ["--multiline-fields-format=v2", `--multiline-fields=${multiline.join(",")}`] : []),
    // A fault in the rows fails the import rather than leaving a row out.
    "--bad-tolerance=0",
    "--skip-bad-relationships=false",
    "--skip-duplicate-nodes=false",
    `--report-file=${report}`,
    database,
  ];
}

/** Runs the importer; resolves with its output, rejects with its last lines. */
function runImporter(command: readonly string[], args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-64 * 1024);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (error) =>
      fail(new StoreUnavailableError(`Could not run Neo4j's importer '${command.join(" ")}': ${error.message}. Set ${NEO4J_ADMIN_ENV} to the neo4j-admin of your Neo4j 5 (docs/neo4j.md).`)),
    );
    child.on("close", (code, signal) => {
      if (code === 0) done(output);
      else {
        const tail = output.trim().split("\n").slice(-8).join("\n");
        fail(new StoreUnavailableError(`Neo4j's importer failed (${signal ?? `exit status ${code}`}); nothing was imported:\n${tail}`, { code, signal }));
      }
    });
  });
}

/**
 * Writes `library` as the namespace's first and current copy into a new database through the
 * offline importer. The gap analysis runs on its thread while the rows are written (and the overview,
 * in a large library, after it, as a Bolt load does), then its findings, the copy's and the
 * namespace's nodes and the attachments are written, then the importer runs.
 * @throws PatternAtlasError (conflict) when the database exists; StoreUnavailableError when the importer fails; InvalidInputError for a library the importer cannot store.
 */
export async function importFirstLoad(library: Library, options: Neo4jImportOptions): Promise<Neo4jImportReport> {
  const t0 = performance.now();
  const step = (name: string): void => options.onStep?.(name, since(t0));
  const home = resolve(options.home);
  const database = options.database ?? "neo4j";
  const namespace = checkNamespace(options.namespace ?? DEFAULT_NAMESPACE);
  const conf = process.env.NEO4J_CONF ?? join(home, "conf");
  checkImportTarget(home, database, conf);

  const csv = join(home, `atlas-import-${randomUUID()}`);
  mkdirSync(csv, { recursive: true });
  // The importer of the test launcher and of a bare home reads NEO4J_CONF; an empty configuration is its defaults.
  if (!process.env.NEO4J_CONF && !existsSync(join(conf, "neo4j.conf"))) {
    mkdirSync(conf, { recursive: true });
    writeFileSync(join(conf, "neo4j.conf"), "");
  }
  // Told where to write the findings once the copy's id is made (rejected when this fails before: the thread then ends).
  let findingsTarget!: { resolve: (target: FindingsCsvTarget) => void; reject: (error: Error) => void };
  try {
    // The gap analysis, the longest step of a large library's load (at 100x 67 s of its thread's CPU,
    // 2026-12-07), starts as soon as the canonical order is made, before the numbers the rows need.
    // It is handed the library a part per turn of the event loop: the turns are given before the
    // numbers are made (~20 s of this thread at 100x), so that it starts at once. The thread writes
    // the findings' CSV itself once it knows the folder and the copy's id (neo4j-import-findings.ts).
    const canonical = canonicalLibrary(library);
    let sent = false;
    const target = new Promise<FindingsCsvTarget>((resolve, reject) => (findingsTarget = { resolve, reject }));
    target.catch(() => undefined);
    const gapRun: Promise<TimedFindingsCsv> = findingsCsvOffThread(canonical, target, () => (sent = true));
    // (Also ended when it fails, or when it ran on this thread.)
    void gapRun.then(() => (sent = true), () => (sent = true));
    while (!sent) await nextTurn();
    void gapRun.then(
      ({ analysisMs, writeMs, findings, heapMb }) =>
        step(`gap analysis done and its ${findings} findings written as CSV (${analysisMs} + ${writeMs} ms on its thread${heapMb === undefined ? "" : `, its heap ${heapMb} MB`})`),
      () => undefined,
    );
    const prepared = prepareCanonical(canonical);
    const { numbers, neighbors, linksByType } = prepared;
    const copy = copyId(namespace, canonical);
    step("prepared (canonical order, importance)");

    // The overview at once in a small library; in a large one once this thread has written the
    // library's rows, so that two streams of work share the two cores (the rows, the analysis), then
    // two again (the analysis, the overview), never three (the analysis, the longest, would get a
    // third of the machine less).
    const made = { copy, library: canonical, degree: degreeOf(prepared) };
    const attach = options.attachments;
    const oneAtATime = canonical.patterns.length >= THREADS_ONE_AT_A_TIME_FROM;
    let attachments: Promise<CopyAttachment[]> | undefined;
    const startOverview = (): void => {
      if (!attach || attachments) return;
      attachments = attach.make(made);
      attachments.catch(() => undefined);
      void attachments.then(() => step("overview laid out"), () => undefined);
    };
    if (!oneAtATime) startOverview();

    findingsTarget.resolve({ dir: csv, lib: copy, set: gapSetId(copy) });
    const tCsv = performance.now();
    const { rank, rowAt } = patternRowMaker(canonical, numbers, neighbors);
    const patterns = new ImportCsvFamily(csv, "patterns", [":ID", ":LABEL"]);
    const patternLabels = [`${LABELS.pattern}${IMPORT_ARRAY_DELIMITER}${VIEW_LABELS.pattern}`];
    for (let i = 0; i < canonical.patterns.length; i++) {
      if (i > 0 && i % ROWS_PER_TURN === 0) await nextTurn();
      const row = rowAt(i);
      // As the Bolt load stores it: the hash of the row as made, then the copy (PATTERN_ROWS_QUERY).
      row.h = rowHash("pattern", row);
      row.lib = copy;
      patterns.add([row.slug as string, ...patternLabels], row);
    }
    step(`wrote ${canonical.patterns.length} pattern rows (CSV)`);

    const links = new ImportCsvFamily(csv, "links", [":START_ID", ":END_ID", ":TYPE"]);
    let written = 0;
    for (const [type, list] of linksByType) {
      const relType = relationshipType(type);
      for (const link of list) {
        if (++written % ROWS_PER_TURN === 0) await nextTurn();
        const row = linkProperties(link);
        row.h = linkRowHash(relType, row, link.source, link.target);
        links.add([link.source, link.target, relType], row);
      }
    }
    step(`wrote ${canonical.links.length} link rows (CSV)`);

    const others = new ImportCsvFamily(csv, "dangling", [":LABEL"]);
    const danglingLabels = [`${LABELS.dangling}${IMPORT_ARRAY_DELIMITER}${VIEW_LABELS.dangling}`];
    for (const d of canonical.dangling) {
      const row = danglingProperties(d, rank.get(danglingSlug(d.target))!);
      row.h = rowHash("dangling", row);
      row.lib = copy;
      others.add(danglingLabels, row);
    }
    const problems = new ImportCsvFamily(csv, "problems", [":LABEL"]);
    for (const x of canonical.problems) {
      const row = problemProperties(x);
      row.h = rowHash("problem", row);
      row.lib = copy;
      problems.add([LABELS.problem], row);
    }
    step(`wrote ${canonical.dangling.length} dangling references and ${canonical.problems.length} problems (CSV)`);
    startOverview();
    // The search vocabulary while the analysis (and the overview) run, no longer after them: at 100x
    // it was ~9 s of this thread's wall between the findings and the importer, 2026-12-07.
    const vocabulary = vocabularyCsv(csv, copy, canonical);
    step("wrote the search vocabulary (CSV)");

    const findings = await gapRun;
    const set = gapSetId(copy);

    // The copy's node as a Bolt load leaves it after the switch (complete, its findings pointed at),
    // and the namespace's node pointing at it (no previous copy).
    const nodes = new ImportCsvFamily(csv, "copy", [":LABEL"], { startedAt: "long" });
    nodes.add([LABELS.copy], {
      id: copy,
      namespace,
      complete: true,
      startedAt: Date.now(),
      root: canonical.root,
      files: canonical.files,
      gaps: set,
      gapsReport: findings.summary,
    });
    const library_ = new ImportCsvFamily(csv, "library", [":LABEL"]);
    library_.add([LABELS.library], { namespace, current: copy });

    // The attachments as writeAttachments stores them: chunks of CHUNK_BYTES, then a head naming them.
    const chunks = new ImportCsvFamily(csv, "attachments", [":LABEL"], { index: "long", chunks: "long", size: "long" });
    let attachmentCount = 0;
    for (const { name, meta, bytes } of attachments ? await attachments : []) {
      const writer = randomUUID();
      const count = Math.ceil(bytes.byteLength / CHUNK_BYTES);
      for (let index = 0; index < count; index++) {
        chunks.add([LABELS.attachment], { lib: copy, name, writer, index, bytes: bytes.subarray(index * CHUNK_BYTES, Math.min(bytes.byteLength, (index + 1) * CHUNK_BYTES)) });
      }
      chunks.add([LABELS.attachment], { lib: copy, name, writer, index: -1, chunks: count, size: bytes.byteLength, meta });
      attachmentCount += 1;
    }
    const nodeInputs = [...[patterns, others, problems].flatMap((f) => f.close()), ...findings.inputs, ...[nodes, library_, chunks, vocabulary].flatMap((f) => f.close())];
    const relationshipInputs = links.close();
    const csvMs = since(tCsv);
    step(`wrote the copy's node, the namespace's node and ${attachmentCount} attachments (CSV)`);

    const tImport = performance.now();
    const output = await runImporter(options.command ?? adminCommand(), importArguments(database, nodeInputs, relationshipInputs, join(csv, "import.report")), {
      ...process.env,
      NEO4J_HOME: home,
      NEO4J_CONF: conf,
    });
    const importMs = since(tImport);
    const imported = /Imported:[\s\S]*?properties/.exec(output)?.[0].replace(/\s+/g, " ") ?? "";
    step(`imported (${imported || "the importer said nothing of what it imported"})`);
    return {
      copy,
      patterns: canonical.patterns.length,
      links: canonical.links.length,
      dangling: canonical.dangling.length,
      problems: canonical.problems.length,
      findings: findings.findings,
      attachments: attachmentCount,
      imported,
      ms: { csv: csvMs, analysis: findings.analysisMs, import: importMs, total: since(t0) },
    };
  } finally {
    // When this failed before the thread was told where to write: it ends without writing.
    findingsTarget?.reject(new Error("the import ended"));
    if (!options.keepCsv) rmSync(csv, { recursive: true, force: true });
  }
}

/** One line for the CLI's summary. */
export function describeNeo4jImport(report: Neo4jImportReport, home: string): string {
  return (
    `Neo4j import into ${home}: wrote ${report.patterns} patterns, ${report.links} links, ${report.dangling} dangling references, ${report.problems} problems, ` +
    `${report.findings} gap findings and ${report.attachments} attachments as CSV in ${report.ms.csv} ms, imported in ${report.ms.import} ms (${report.imported}); ` +
    `${report.ms.total} ms in all. Start Neo4j on it: the first store to connect creates the indexes.`
  );
}
