// How much a first load would cost through Neo4j's offline importer (`neo4j-admin database import
// full`, in the 5.26 artifacts the test launcher is built from) instead of Bolt writes: the copy's
// rows made by the load's own row makers (patterns, links, dangling references, problems and, with
// --findings, the gap findings), written as CSV, then imported into a fresh launcher data folder.
// Prints one JSON line: each step's wall and CPU (Node's own, and the importer's JVM as a child).
// A measurement, not a load: no indexes, no overview, no copy or library node, so no server can use
// the folder until test/bench/neo4j-import-serve.ts adds them (for measuring a server at 100x). The rows it stores were compared with a Bolt load's (test/bench/neo4j-dump-rows.ts on
// both, examples/library): the same but for empty lists, which the importer cannot write (see
// docs/performance.md, "A first load at 100x by Bolt and through the offline importer").
//
//   npx tsx test/bench/neo4j-import-probe.ts <library folder> --home <new data folder> [--findings] [--keep-csv]
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadLibrary } from "../../ingest/index.ts";
import { prepare } from "../../graph/neo4j/neo4j-load.ts";
import { patternRowMaker } from "../../graph/neo4j/neo4j-pattern-rows.ts";
import { rowHash } from "../../graph/neo4j/neo4j-incremental.ts";
import { copyId, danglingProperties, linkProperties, problemProperties, relationshipType, LABELS, VIEW_LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { danglingSlug } from "../../graph/build-graph.ts";
import { analyseGapsOffThread } from "../../graph/gaps/analysis-thread.ts";
import { findingRows, gapSetId } from "../../graph/neo4j/neo4j-gaps.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { home: { type: "string" }, findings: { type: "boolean", default: false }, "keep-csv": { type: "boolean", default: false } },
});
const folder = positionals[0];
if (!folder || !values.home) {
  process.stderr.write("usage: neo4j-import-probe.ts <library folder> --home <new data folder> [--findings] [--keep-csv]\n");
  process.exit(2);
}
const home = resolve(values.home);
const csv = join(home, "csv");
mkdirSync(join(home, "conf"), { recursive: true });
mkdirSync(csv, { recursive: true });
writeFileSync(join(home, "conf", "neo4j.conf"), "");

const cpuMs = (): number => Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000);
const steps: { step: string; wallMs: number; cpuMs: number }[] = [];
let at = performance.now();
let cpuAt = cpuMs();
const step = (name: string): void => {
  const now = performance.now();
  const cpu = cpuMs();
  steps.push({ step: name, wallMs: Math.round(now - at), cpuMs: cpu - cpuAt });
  process.stderr.write(`probe: ${name}: ${Math.round(now - at)} ms wall, ${cpu - cpuAt} ms CPU (load ${loadavg().map((n) => n.toFixed(1)).join(" ")})\n`);
  [at, cpuAt] = [now, cpu];
};

const ARRAY = "\u001f";
type Kind = "string" | "double" | "boolean" | "string[]" | "double[]";
const kindOf = (v: unknown): Kind => {
  if (typeof v === "number") return "double";
  if (typeof v === "boolean") return "boolean";
  if (Array.isArray(v)) return v.every((x) => typeof x === "number") && v.length > 0 ? "double[]" : "string[]";
  return "string";
};
const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
const cell = (v: unknown): string => {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return quote(v.map(String).join(ARRAY));
  if (typeof v === "string") return quote(v);
  return String(v);
};

/**
 * One CSV family, written as rows come: the importer wants every row to have every column of its
 * header, so a row with a column not seen before starts a new part (a header and a body of its own;
 * the columns of a family's rows settle within its first rows).
 */
class CsvFile {
  private fd = -1;
  private columns: [string, Kind][] = [];
  private known = new Set<string>();
  private buffer: string[] = [];
  private size = 0;
  private readonly parts: string[] = [];
  rows = 0;
  constructor(readonly name: string, private readonly fixed: string[]) {}
  /** `fixedValues` in the order of `fixed` (:ID, :LABEL, :START_ID...), then the row's properties. */
  add(fixedValues: string[], row: Record<string, unknown>): void {
    let grown = false;
    for (const key in row) {
      const value = row[key];
      if (value === null || value === undefined || this.known.has(key)) continue;
      this.known.add(key);
      this.columns.push([key, kindOf(value)]);
      grown = true;
    }
    if (grown || this.fd < 0) this.newPart();
    let line = fixedValues.map(quote).join(",");
    for (const [key] of this.columns) line += `,${cell(row[key])}`;
    line += "\n";
    this.buffer.push(line);
    this.size += line.length;
    this.rows += 1;
    if (this.size > 1 << 22) this.flush();
  }
  private newPart(): void {
    this.closePart();
    const n = this.parts.length;
    const header = join(csv, `${this.name}.${n}.header.csv`);
    const body = join(csv, `${this.name}.${n}.body.csv`);
    writeFileSync(header, `${[...this.fixed, ...this.columns.map(([k, kind]) => `${k}:${kind}`)].join(",")}\n`);
    this.fd = openSync(body, "w");
    this.parts.push(`${header},${body}`);
  }
  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
  }
  private closePart(): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }
  /** The parts, each "header,body" as the importer's --nodes / --relationships take them. */
  close(): string[] {
    this.closePart();
    return this.parts;
  }
}

const library = await loadLibrary(folder);
step(`read ${library.patterns.length} patterns, ${library.links.length} links`);
const prepared = prepare(library);
const { canonical, numbers, neighbors, linksByType } = prepared;
const copy = copyId("default", canonical);
step("prepared");

const { rank, rowAt } = patternRowMaker(canonical, numbers, neighbors);
const patterns = new CsvFile("patterns", [":ID", ":LABEL"]);
for (let i = 0; i < canonical.patterns.length; i++) {
  const row = rowAt(i);
  row.h = rowHash("pattern", row);
  row.lib = copy;
  patterns.add([row.slug as string, `${LABELS.pattern}${ARRAY}${VIEW_LABELS.pattern}`], row);
}
const patternFiles = patterns.close();
step(`pattern CSV (${patterns.rows} rows)`);

const links = new CsvFile("links", [":START_ID", ":END_ID", ":TYPE"]);
for (const [type, list] of linksByType) {
  const relType = relationshipType(type);
  for (const link of list) {
    const row = linkProperties(link);
    row.h = rowHash(relType, { ...row, source: link.source, target: link.target });
    links.add([link.source, link.target, relType], row);
  }
}
const linkFiles = links.close();
step(`link CSV (${links.rows} rows)`);

const dangling = new CsvFile("dangling", [":LABEL"]);
for (const d of canonical.dangling) {
  const row = danglingProperties(d, rank.get(danglingSlug(d.target))!);
  row.h = rowHash("dangling", row);
  row.lib = copy;
  dangling.add([`${LABELS.dangling}${ARRAY}${VIEW_LABELS.dangling}`], row);
}
const problems = new CsvFile("problems", [":LABEL"]);
for (const x of canonical.problems) {
  const row = problemProperties(x);
  row.h = rowHash("problem", row);
  row.lib = copy;
  problems.add([LABELS.problem], row);
}
const otherFiles = [...dangling.close(), ...problems.close()];
step(`dangling and problem CSV (${dangling.rows} + ${problems.rows} rows)`);

// The gap analysis after the rows, not beside them, so that each step's CPU is its own.
if (values.findings) {
  const { report, ms } = await analyseGapsOffThread(canonical);
  step(`gap analysis (${report.findings.length} findings, ${ms} ms on its thread)`);
  const files = new Map(canonical.patterns.map((p) => [p.slug as string, p.file]));
  const rowOf = findingRows(report.findings, (slug) => files.get(slug));
  const findings = new CsvFile("findings", [":LABEL"]);
  const set = gapSetId(copy);
  report.findings.forEach((f, i) => {
    const row = rowOf(f, i);
    row.lib = copy;
    row.set = set;
    findings.add([LABELS.gapFinding], row);
  });
  otherFiles.push(...findings.close());
  step(`finding CSV (${findings.rows} rows)`);
}

// The importer in a JVM of its own, with the test launcher's 2 GB heap; `times` gives its CPU.
const lib = resolve(import.meta.dirname, "../neo4j/target/lib");
const args = [
  `-Xms2g`, `-Xmx2g`, `-cp`, `${lib}/*`, "org.neo4j.cli.AdminTool", "database", "import", "full", "neo4j",
  ...[...patternFiles, ...otherFiles].map((f) => `--nodes=${f}`), ...linkFiles.map((f) => `--relationships=${f}`),
  "--multiline-fields=true", `--array-delimiter=${ARRAY}`, "--overwrite-destination=true", "--threads=2", `--report-file=${join(home, "import.report")}`,
];
const script = `java ${args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ")} > '${join(home, "import.log")}' 2>&1; rc=$?; times; exit $rc`;
const out = execFileSync("bash", ["-c", script], { env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, "conf") } }).toString();
// `times`: the shell's own line, then its children's (user, system).
const childLine = out.trim().split("\n").pop()!;
const seconds = (s: string): number => {
  const m = /(\d+)m([\d.]+)s/.exec(s)!;
  return Number(m[1]) * 60 + Number(m[2]);
};
const [childUser, childSys] = childLine.split(/\s+/).map(seconds);
const importCpuMs = Math.round((childUser! + childSys!) * 1000);
step("import (wall; Node CPU only)");
if (!values["keep-csv"]) rmSync(csv, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ copy, root: canonical.root, files: canonical.files, steps, importCpuMs, importUserMs: Math.round(childUser! * 1000), importSysMs: Math.round(childSys! * 1000), nodeCpuMs: cpuMs(), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
