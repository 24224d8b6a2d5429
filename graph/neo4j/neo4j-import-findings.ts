// A first load's gap findings as the offline importer's CSV (neo4j-import.ts), written where the
// analysis made them: on the analysis thread (analysis-thread-worker.ts) as soon as its report is
// made, so that the 843,430 findings of the 100x library are never copied to the loader's thread
// (their structured copy and the rows made from it were ~52 s of that thread's wall after the
// analysis, 2026-12-07), and the loader's thread meanwhile writes the library's rows. Same rows,
// same files as the loader's thread wrote them (findingRows, ImportCsvFamily). The thread is started
// by neo4j-import-findings-thread.ts.
import type { Library } from "../../core/model.ts";
import type { GapFinding, GapReport } from "../gaps/index.ts";
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

/** What the findings' rows are made of, once the library and the report may be let go of. */
interface FindingsSource {
  findings: (GapFinding | undefined)[];
  rowOf: (f: GapFinding, seq: number) => Record<string, unknown>;
  summary: string;
}

/** Made in a frame of its own, so that nothing of the library is held after it but the slugs' files. */
function findingsSource(held: { library?: Library; report?: GapReport }, analysisMs: number, release: boolean): FindingsSource {
  const { library, report } = held as { library: Library; report: GapReport };
  if (release) held.library = held.report = undefined;
  const files = new Map(library.patterns.map((p) => [p.slug as string, p.file]));
  return {
    findings: release ? report.findings : [...report.findings],
    rowOf: findingRows(report.findings, (slug) => files.get(slug)),
    summary: JSON.stringify(gapsSummary(library, report, analysisMs)),
  };
}

/**
 * Writes the report's findings (in report order) as the family "findings" in `target.dir`. With
 * `release` (the analysis thread, whose report is used for nothing else) `held` is emptied and each
 * finding let go of once its row is written: at 100x the library and the findings are most of that
 * thread's heap, which the collector would otherwise go through again and again while the rows are made.
 */
export function writeFindingsCsv(held: { library?: Library; report?: GapReport }, analysisMs: number, target: FindingsCsvTarget, release = false): FindingsCsv {
  const started = performance.now();
  const { findings, rowOf, summary } = findingsSource(held, analysisMs, release);
  const family = new ImportCsvFamily(target.dir, "findings", [":LABEL"]);
  const label = [LABELS.gapFinding];
  const count = findings.length;
  for (let i = 0; i < count; i++) {
    const row = rowOf(findings[i]!, i);
    findings[i] = undefined;
    row.lib = target.lib;
    row.set = target.set;
    family.add(label, row);
  }
  const inputs = family.close();
  return { inputs, findings: count, summary, writeMs: Math.round(performance.now() - started) };
}
