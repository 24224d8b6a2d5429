// The analysis thread's side (see analysis-thread.ts): receives a library in parts, analyses it,
// sends the report back, once per thread; or, for the offline importer, writes the findings as its
// CSV and sends back what it wrote (neo4j-import-findings.ts).
import { parentPort } from "node:worker_threads";
import { getHeapStatistics } from "node:v8";
import type { Library } from "../../core/model.ts";
import { writeFindingsCsv } from "../neo4j/neo4j-import-findings.ts";
import { analyseGaps } from "./analyse.ts";
import type { GapReport } from "./types.ts";
import type { FromAnalysisThread, ToAnalysisThread } from "./analysis-thread.ts";
import { receiveLibrary, type LibraryReceiver } from "./library-parts.ts";

const port = parentPort;
if (!port) throw new Error("analysis-thread-worker.ts runs as a worker thread only");

let receiver: LibraryReceiver = receiveLibrary({ root: "", files: 0 });
/** The analysis made for a findings-csv request, until the request comes. */
let kept: { library: Library; report: GapReport; ms: number; heapMb: number } | undefined;

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
    if (message.kind === "findings-csv") {
      if (!kept) throw new Error("findings-csv came before the analysis");
      const held: { library?: Library; report?: GapReport } = kept;
      const { ms, heapMb } = kept;
      kept = undefined;
      const { dir, lib, set } = message;
      answer = { ok: true, csv: writeFindingsCsv(held, ms, { dir, lib, set }, true), ms, heapMb };
    } else {
      const started = performance.now();
      const library = receiver.library();
      // The receiver holds the library it made: dropped, so that only `kept` holds it (and lets it go while writing the findings).
      receiver = receiveLibrary({ root: "", files: 0 });
      const report = analyseGaps(library);
      const ms = Math.round(performance.now() - started);
      const heapMb = Math.round(getHeapStatistics().used_heap_size / 1024 / 1024);
      if (message.findingsCsv) {
        // Answered once told where to write (findings-csv: already queued, or still to come).
        kept = { library, report, ms, heapMb };
        return;
      }
      answer = { ok: true, report, ms, heapMb };
    }
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
