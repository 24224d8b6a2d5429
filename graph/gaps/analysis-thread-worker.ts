// The analysis thread's side (see analysis-thread.ts): receives a library, analyses it, sends the
// report back, once per thread.
import { parentPort } from "node:worker_threads";
import type { Library } from "../../core/model.ts";
import { analyseGaps } from "./analyse.ts";
import type { FromAnalysisThread } from "./analysis-thread.ts";

const port = parentPort;
if (!port) throw new Error("analysis-thread-worker.ts runs as a worker thread only");

port.once("message", (library: Library) => {
  let message: FromAnalysisThread;
  try {
    const started = performance.now();
    const report = analyseGaps(library);
    message = { ok: true, report, ms: Math.round(performance.now() - started) };
  } catch (error) {
    message = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(message);
});
