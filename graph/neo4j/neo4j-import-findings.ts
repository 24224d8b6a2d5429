// A first load's gap findings as the offline importer's CSV (neo4j-import.ts), written where the
// analysis made them: on the analysis thread (analysis-thread-worker.ts) as soon as its report is
// made, so that the 843,430 findings of the 100x library are never copied to the loader's thread
// (their structured copy and the rows made from it were ~52 s of that thread's wall after the
// analysis, 2026-12-07), and the loader's thread meanwhile writes the library's rows. Same rows,
// same files as the loader's thread wrote them (findingRows, ImportCsvFamily).
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Library } from "../../core/model.ts";
import { runAnalysisThread } from "../gaps/analysis-thread.ts";
import { analyseGaps, type GapReport } from "../gaps/index.ts";
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

/** The written findings, with the analysis' milliseconds and the analysing thread's heap (absent when it ran on the calling thread). */
export interface TimedFindingsCsv extends FindingsCsv {
  analysisMs: number;
  heapMb?: number;
}

/**
 * Analyses `library` on the analysis thread and has it write the findings as CSV once `target` is
 * known (the copy's id is made after the thread starts). When the thread cannot start or fails, the
 * analysis and the CSV are made on the calling thread (what the thread wrote of them is deleted first):
 * the files are the same either way. `onSent`: as analyseGapsOffThread's.
 */
export async function findingsCsvOffThread(
  library: Library,
  target: Promise<FindingsCsvTarget>,
  onSent: () => void = () => undefined,
  onFallback: (message: string) => void = () => undefined,
): Promise<TimedFindingsCsv> {
  const answer = await runAnalysisThread(library, { kind: "analyse", findingsCsv: true }, onSent, target.then((t) => ({ kind: "findings-csv" as const, ...t })));
  if (!("started" in answer) && answer.ok && "csv" in answer) return { ...answer.csv, analysisMs: answer.ms, heapMb: answer.heapMb };
  onFallback("started" in answer ? answer.message : `the gaps analysis thread failed: ${answer.ok ? "it gave no findings" : answer.message}`);
  const where = await target;
  for (const name of readdirSync(where.dir)) if (name.startsWith("findings.")) rmSync(join(where.dir, name), { force: true });
  const started = performance.now();
  const report = analyseGaps(library);
  const analysisMs = Math.round(performance.now() - started);
  return { ...writeFindingsCsv(library, report, analysisMs, where), analysisMs };
}
