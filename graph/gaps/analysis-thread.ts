// The gap analysis of a whole library on a thread of its own, for a loader that stores the findings
// with the library (the Neo4j store, graph/neo4j/neo4j-gaps.ts): the analysis is ~0.7 s of CPU at
// the 2026-02-20 library and about a minute at ten times it, which on the calling thread would hold a
// server's every request through a --watch reload. The library is handed over in one message (a
// structured copy: ~20 ms at 1x); the thread ends with its answer. When it cannot start or fails,
// the analysis runs on the calling thread: the report is the same either way.
import { Worker } from "node:worker_threads";
import type { Library } from "../../core/model.ts";
import { workerUrl } from "../worker-script.ts";
import { analyseGaps } from "./analyse.ts";
import type { GapReport } from "./types.ts";

export type FromAnalysisThread = { ok: true; report: GapReport; ms: number } | { ok: false; message: string };

/** A library's gap report, and the milliseconds its analysis took. */
export interface TimedGapReport {
  report: GapReport;
  ms: number;
}

function analyseHere(library: Library): TimedGapReport {
  const started = performance.now();
  const report = analyseGaps(library);
  return { report, ms: Math.round(performance.now() - started) };
}

/**
 * `library`'s gap report (analyseGaps with its default options), made on a worker thread, and how long it took there.
 * `onFallback` hears why it was made on the calling thread instead.
 */
export async function analyseGapsOffThread(library: Library, onFallback: (message: string) => void = () => undefined): Promise<TimedGapReport> {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl("analysis-worker.js"), { name: "pattern-atlas-gaps-analysis" });
  } catch (error) {
    onFallback(`the gaps analysis thread could not start: ${(error as Error).message}`);
    return analyseHere(library);
  }
  const made = await new Promise<FromAnalysisThread>((resolve) => {
    worker.once("message", resolve);
    worker.once("error", (error) => resolve({ ok: false, message: error.message }));
    worker.once("exit", (code) => resolve({ ok: false, message: `it exited (code ${code})` }));
    worker.postMessage(library);
  });
  void worker.terminate();
  if (made.ok) return { report: made.report, ms: made.ms };
  onFallback(`the gaps analysis thread failed: ${made.message}`);
  return analyseHere(library);
}
