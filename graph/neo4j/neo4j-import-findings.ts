// A first load's gap findings as the offline importer's CSV (neo4j-import.ts), written where the
// analysis made them: on the analysis thread (analysis-thread-worker.ts) as soon as its report is
// made, so that the 843,430 findings of the 100x library are never copied to the loader's thread
// (their structured copy and the rows made from it were ~52 s of that thread's wall after the
// analysis, 2026-12-07), and the loader's thread meanwhile writes the library's rows. Same rows,
// same files as the loader's thread wrote them (findingRows, ImportCsvFamily). The thread is started
// by neo4j-import-findings-thread.ts.
import type { Library } from "../../core/model.ts";
import type { GapReport } from "../gaps/index.ts";
import { findingRows, gapsSummary } from "./neo4j-gap-rows.ts";
import { ImportCsvFamily, type ImportInput } from "./neo4j-import-csv.ts";
import { LABELS } from "./neo4j-model.ts";

/** Where and for which copy the findings are written: the CSV folder, the copy's id and its set's id. */
export interface FindingsCsvTarget {
  dir: string;
  lib: string;
  set: string;
}

/** What the loader needs of the written findings: the importer's inputs, their number, the copy's `gapsReport` (JSON). */
export interface FindingsCsv {
  inputs: ImportInput[];
  findings: number;
  summary: string;
  /** Milliseconds spent writing the CSV (after the analysis). */
  writeMs: number;
}

/** Writes `report`'s findings of `library` (in report order) as the family "findings" in `target.dir`. */
export function writeFindingsCsv(library: Library, report: GapReport, analysisMs: number, target: FindingsCsvTarget): FindingsCsv {
  const started = performance.now();
  const files = new Map(library.patterns.map((p) => [p.slug as string, p.file]));
  const rowOf = findingRows(report.findings, (slug) => files.get(slug));
  const family = new ImportCsvFamily(target.dir, "findings", [":LABEL"]);
  const label = [LABELS.gapFinding];
  for (let i = 0; i < report.findings.length; i++) {
    const row = rowOf(report.findings[i]!, i);
    row.lib = target.lib;
    row.set = target.set;
    family.add(label, row);
  }
  const inputs = family.close();
  return {
    inputs,
    findings: report.findings.length,
    summary: JSON.stringify(gapsSummary(library, report, analysisMs)),
    writeMs: Math.round(performance.now() - started),
  };
}
