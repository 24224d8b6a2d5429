// What a gap finding's CSV row costs the offline import (graph/neo4j/neo4j-import-csv.ts) against
// the probe's CSV (every '"' of the finding's 1.4 KB JSON doubled inside '"' quotes): the findings of
// a library analysed once, then written both ways, alternately, several times. Prints one JSON line
// per round: µs per finding of each way (findingRows' row and hash included in both), process CPU.
//
//   npx tsx test/bench/neo4j-import-csv-cost.ts <library folder> [rounds]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { analyseGaps } from "../../graph/gaps/index.ts";
import { canonicalLibrary } from "../../graph/algorithms/library-order.ts";
import { findingRows } from "../../graph/neo4j/neo4j-gaps.ts";
import { ImportCsvFamily } from "../../graph/neo4j/neo4j-import-csv.ts";
import { loadLibrary } from "../../ingest/index.ts";

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: neo4j-import-csv-cost.ts <library folder> [rounds]\n");
  process.exit(2);
}
const rounds = Number(process.argv[3] ?? 3);
const canonical = canonicalLibrary(await loadLibrary(folder));
const { findings } = analyseGaps(canonical);
const files = new Map(canonical.patterns.map((p) => [p.slug as string, p.file]));
const dir = mkdtempSync(join(tmpdir(), "atlas-csv-cost-"));
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The probe's way (test/bench/neo4j-import-probe.ts): '"' quotes, each '"' doubled, 4 MB joins. */
function probeWay(): void {
  const rowOf = findingRows(findings, (slug) => files.get(slug));
  const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
  const cell = (v: unknown): string => (v === null || v === undefined ? "" : Array.isArray(v) ? quote(v.join("\u001f")) : typeof v === "string" ? quote(v) : String(v));
  let columns: string[] | undefined;
  let held: string[] = [];
  let size = 0;
  const out: string[] = [];
  findings.forEach((f, i) => {
    const row = rowOf(f, i);
    columns ??= Object.keys(row);
    let line = quote("AtlasGapFinding");
    for (const key of columns) line += `,${cell(row[key])}`;
    held.push(`${line}\n`);
    size += line.length;
    if (size > 1 << 22) {
      out.push(held.join(""));
      held = [];
      size = 0;
    }
  });
  out.push(held.join(""));
  writeFileSync(join(dir, "probe.csv"), out.join(""));
}

function importWay(): void {
  const rowOf = findingRows(findings, (slug) => files.get(slug));
  const family = new ImportCsvFamily(dir, "findings", [":LABEL"]);
  findings.forEach((f, i) => family.add(["AtlasGapFinding"], rowOf(f, i)));
  family.close();
}

try {
  for (let round = 0; round < rounds; round++) {
    const result: Record<string, number | string> = { findings: findings.length, load: loadavg()[0]!.toFixed(1) };
    for (const [name, run] of round % 2 === 0 ? ([["probe", probeWay], ["import", importWay]] as const) : ([["import", importWay], ["probe", probeWay]] as const)) {
      const at = cpu();
      run();
      result[`${name}UsPerFinding`] = Math.round(((cpu() - at) * 1000) / findings.length);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
