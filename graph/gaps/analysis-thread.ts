// The gap analysis of a whole library on a thread of its own, for a loader that stores the findings
// with the library (the Neo4j store, graph/neo4j/neo4j-gaps.ts): the analysis is ~0.7 s of CPU at
// the 2026-02-20 library and about a minute at ten times it, which on the calling thread would hold a
// server's every request through a --watch reload. The library is handed over in parts of PART_ITEMS
// items (a structured copy each), so that the calling thread never holds a serialised copy of the
// whole library at once (at a hundred times the real library that copy alone is gigabytes); the
// thread ends with its answer. The parts are library-parts.ts's, as the server's gaps thread's. When it cannot start or fails, the analysis runs on the calling
// thread: the report is the same either way.
import { Worker } from "node:worker_threads";
import type { Library } from "../../core/model.ts";
import { workerUrl } from "../worker-script.ts";
import { analyseGaps } from "./analyse.ts";
import { sendLibraryParts, type LibraryHead, type LibraryPart } from "./library-parts.ts";
import type { GapReport } from "./types.ts";
import type { FindingsCsv, FindingsCsvTarget } from "../neo4j/neo4j-import-findings.ts";

/**
 * `analyse` with `findingsCsv`: the thread keeps its report and, once told where (`findings-csv`),
 * writes the findings as the offline importer's CSV itself and answers with what was written instead
 * of the report (graph/neo4j/neo4j-import-findings.ts).
 */
export type ToAnalysisThread =
  | ({ kind: "head" } & LibraryHead)
  | ({ kind: "part" } & LibraryPart)
  | { kind: "analyse"; findingsCsv?: boolean }
  | ({ kind: "findings-csv" } & FindingsCsvTarget);

/** `heapMb`: the thread's heap in use when its report was made (before the report was sent). */
export type FromAnalysisThread =
  | { ok: true; report: GapReport; ms: number; heapMb: number }
  | { ok: true; csv: FindingsCsv; ms: number; heapMb: number }
  | { ok: false; message: string };

/** A library's gap report, and the milliseconds its analysis took. */
export interface TimedGapReport {
  report: GapReport;
  ms: number;
  /** The analysing thread's heap in use at its end, in MB (absent when it ran on the calling thread). */
  heapMb?: number;
}

/**
 * The analysis thread's young generation at most (V8 grows it from its small start while much of
 * what is allocated survives, as in the analysis). With V8's default (16 MB semi-spaces) the 100x
 * library's analysis and its findings' CSV took 3,050 scavenges, ~64 s of that thread's wall at
 * load 5-8 (2026-12-07, --trace-gc): most of its time.
 */
export const ANALYSIS_YOUNG_GENERATION_MB = 192;

/** Items per message: a few ms of copying each on the calling thread. */
const PART_ITEMS = 5000;

function analyseHere(library: Library): TimedGapReport {
  const started = performance.now();
  const report = analyseGaps(library);
  return { report, ms: Math.round(performance.now() - started) };
}

/**
 * Runs the analysis of `library` on a thread: hands it the library a part per turn of the event loop,
 * then `analyse`, then (when given, once it resolves) `later`; resolves with the thread's answer, or
 * with `started: false` when the thread could not start.
 */
export async function runAnalysisThread(
  library: Library,
  analyse: Extract<ToAnalysisThread, { kind: "analyse" }>,
  onSent: () => void,
  later?: Promise<ToAnalysisThread>,
): Promise<FromAnalysisThread | { started: false; message: string }> {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl("analysis-worker.js"), { name: "pattern-atlas-gaps-analysis", resourceLimits: { maxYoungGenerationSizeMb: ANALYSIS_YOUNG_GENERATION_MB } });
  } catch (error) {
    return { started: false, message: `the gaps analysis thread could not start: ${(error as Error).message}` };
  }
  let ended = false;
  const made = new Promise<FromAnalysisThread>((resolve) => {
    const end = (message: FromAnalysisThread): void => {
      ended = true;
      resolve(message);
    };
    worker.once("message", end);
    worker.once("error", (error) => end({ ok: false, message: error.message }));
    worker.once("exit", (code) => end({ ok: false, message: `it exited (code ${code})` }));
  });
  const post = (message: ToAnalysisThread): void => worker.postMessage(message);
  post({ kind: "head", root: library.root, files: library.files });
  if (await sendLibraryParts(library, PART_ITEMS, (part) => post({ kind: "part", ...part }), () => ended)) post(analyse);
  onSent();
  void later?.then(
    (message) => {
      if (!ended) post(message);
    },
    () => void worker.terminate(),
  );
  const answer = await made;
  void worker.terminate();
  return answer;
}

/**
 * `library`'s gap report (analyseGaps with its default options), made on a worker thread, and how long it took there.
 * `onFallback` hears why it was made on the calling thread instead.
 */
export async function analyseGapsOffThread(
  library: Library,
  onFallback: (message: string) => void = () => undefined,
  /** Hears when the whole library has been handed to the thread (a part per turn of the event loop): the caller may then keep its thread busy. */
  onSent: () => void = () => undefined,
): Promise<TimedGapReport> {
  const answer = await runAnalysisThread(library, { kind: "analyse" }, onSent);
  if ("started" in answer) {
    onFallback(answer.message);
    return analyseHere(library);
  }
  if (answer.ok && "report" in answer) return { report: answer.report, ms: answer.ms, heapMb: answer.heapMb };
  onFallback(`the gaps analysis thread failed: ${answer.ok ? "it gave no report" : answer.message}`);
  return analyseHere(library);
}
