// The analysis thread's side (see analysis-thread.ts): receives a library in parts, analyses it,
// sends the report back, once per thread.
import { parentPort } from "node:worker_threads";
import { getHeapStatistics } from "node:v8";
import { analyseGaps } from "./analyse.ts";
import type { FromAnalysisThread, ToAnalysisThread } from "./analysis-thread.ts";
import { receiveLibrary, type LibraryReceiver } from "./library-parts.ts";

const port = parentPort;
if (!port) throw new Error("analysis-thread-worker.ts runs as a worker thread only");

let receiver: LibraryReceiver = receiveLibrary({ root: "", files: 0 });

port.on("message", (message: ToAnalysisThread) => {
  if (message.kind === "head") {
    receiver = receiveLibrary(message);
    return;
  }
  if (message.kind === "part") {
    receiver.take(message);
    return;
  }
  let answer: FromAnalysisThread;
  try {
    const started = performance.now();
    const report = analyseGaps(receiver.library());
    const ms = Math.round(performance.now() - started);
    answer = { ok: true, report, ms, heapMb: Math.round(getHeapStatistics().used_heap_size / 1024 / 1024) };
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
