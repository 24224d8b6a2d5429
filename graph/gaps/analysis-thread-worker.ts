// The analysis thread's side (see analysis-thread.ts): receives a library in parts, analyses it,
// sends the report back, once per thread.
import { parentPort } from "node:worker_threads";
import { getHeapStatistics } from "node:v8";
import type { Library } from "../../core/model.ts";
import { analyseGaps } from "./analyse.ts";
import type { FromAnalysisThread, ToAnalysisThread } from "./analysis-thread.ts";

const port = parentPort;
if (!port) throw new Error("analysis-thread-worker.ts runs as a worker thread only");

const library: Library = { root: "", files: 0, patterns: [], links: [], dangling: [], problems: [] };

port.on("message", (message: ToAnalysisThread) => {
  if (message.kind === "head") {
    library.root = message.root;
    library.files = message.files;
    return;
  }
  if (message.kind === "part") {
    const list = library[message.list] as unknown[];
    for (const item of message.items) list.push(item);
    return;
  }
  let answer: FromAnalysisThread;
  try {
    const started = performance.now();
    const report = analyseGaps(library);
    const ms = Math.round(performance.now() - started);
    answer = { ok: true, report, ms, heapMb: Math.round(getHeapStatistics().used_heap_size / 1024 / 1024) };
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
