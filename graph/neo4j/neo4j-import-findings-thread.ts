// Starts the analysis thread for the offline import's findings (neo4j-import-findings.ts writes
// them), with the calling thread's fallback; apart from that module so that the analysis thread's
// code, which imports it, and analysis-thread.ts form no cycle.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Library } from "../../core/model.ts";
import { runAnalysisThread } from "../gaps/analysis-thread.ts";
import { analyseGaps } from "../gaps/index.ts";
import { writeFindingsCsv, type FindingsCsv, type FindingsCsvTarget } from "./neo4j-import-findings.ts";

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
  return { ...writeFindingsCsv({ library, report }, analysisMs, where), analysisMs };
}
