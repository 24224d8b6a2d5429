// The worker side of gaps-thread.ts: receives a library a slice at a time, analyses it (~0.8 s on
// the 3,573-file library), and answers the gaps routes' jobs from it, gzipped when asked. Jobs wait
// in a queue taken one per turn of the event loop, so a cancel (the client went) or a newer library
// is heard before the next job starts; a job past its deadline is dropped unstarted.
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { PatternAtlasError } from "../core/errors.ts";
import { receiveLibrary, type LibraryReceiver } from "../graph/gaps/index.ts";
import { analyseForAnswers, answerGapsJob, type GapsState } from "./gaps-answers.ts";
import type { FromGapsThread, ToGapsThread } from "./gaps-thread-protocol.ts";

const port = parentPort;
if (!port) throw new Error("gaps-thread-worker.ts runs as a worker thread only");

/** Level 4: a 6-10 MB export shrinks ~10x in a few tens of ms, here and not on the main thread. */
const GZIP_LEVEL = 4;

let incoming: { key: string; begin: Extract<ToGapsThread, { kind: "begin" }>; receiver: LibraryReceiver } | undefined;
let current: { key: string; state: GapsState } | undefined;
const queue: Extract<ToGapsThread, { kind: "job" }>[] = [];
const cancelled = new Set<number>();
let scheduled = false;

const send = (message: FromGapsThread, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

function runNext(): void {
  scheduled = false;
  const job = queue.shift();
  if (!job) return;
  if (queue.length) schedule();
  if (cancelled.delete(job.id)) return send({ kind: "dropped", id: job.id, reason: "cancelled" });
  if (!current || current.key !== job.key) return send({ kind: "dropped", id: job.id, reason: "stale" });
  if (Date.now() > job.deadline) return send({ kind: "dropped", id: job.id, reason: "expired" });
  try {
    const text = Buffer.from(answerGapsJob(current.state, job.job));
    const body = job.gzip ? gzipSync(text, { level: GZIP_LEVEL }) : text;
    // A fresh copy owned by this message, moved (not copied again) to the main thread.
    const bytes = new Uint8Array(body.length);
    bytes.set(body);
    send({ kind: "answer", id: job.id, body: bytes, gzipped: job.gzip }, [bytes.buffer]);
  } catch (error) {
    if (error instanceof PatternAtlasError) send({ kind: "error", id: job.id, error: { code: error.code, message: error.message, details: error.details } });
    else send({ kind: "error", id: job.id, error: { code: "internal", message: (error as Error).message, details: {} } });
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(runNext);
}

port.on("message", (message: ToGapsThread) => {
  switch (message.kind) {
    case "begin":
      incoming = { key: message.key, begin: message, receiver: receiveLibrary(message) };
      return;
    case "part":
      if (incoming?.key === message.key) incoming.receiver.take(message);
      return;
    case "analyse": {
      if (incoming?.key !== message.key) return send({ kind: "analysis-failed", key: message.key, message: "the library's parts did not arrive" });
      const { begin, receiver } = incoming;
      const library = receiver.library();
      incoming = undefined;
      try {
        const state = analyseForAnswers(library, begin.options, begin.version, begin.libraryName);
        current = { key: message.key, state };
        const heap = getHeapStatistics();
        const figures = { findings: state.findings.size, packedBytes: state.findings.compressedBytes, heapUsedBytes: heap.used_heap_size, heapTotalBytes: heap.total_heap_size };
        send({ kind: "analysed", key: message.key, analysisMs: state.analysisMs, figures });
      } catch (error) {
        send({ kind: "analysis-failed", key: message.key, message: (error as Error).message });
      }
      return;
    }
    case "job":
      queue.push(message);
      schedule();
      return;
    case "cancel":
      if (queue.some((j) => j.id === message.id)) cancelled.add(message.id);
      return;
  }
});
