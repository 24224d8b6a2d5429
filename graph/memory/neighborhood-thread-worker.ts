// The worker thread's side of neighborhood-thread.ts: holds a copy of the library's kernel, writes
// each answer into memory it moves to the main thread (several answers in one message when requests
// were waiting), and reuses that memory once it comes back.
// (Not shared memory: V8 copies into a SharedArrayBuffer with relaxed atomic stores, measured 4x
// slower than the plain copy, which made the thread the bottleneck.)
import { setPriority } from "node:os";
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { selectIn } from "../algorithms/neighborhood-select.ts";
import { createBlockPool } from "./block-pool.ts";
import { encodeWith, prepareViews, type Encoded } from "./neighborhood-json.ts";
import { MAX_ANSWERS_PER_MESSAGE, MAX_WAITED_FOR_DEPTH, type FromThread, type NeighborhoodKernel, type NeighborhoodWorkerData, type ToThread } from "./neighborhood-thread-protocol.ts";

if (!parentPort) throw new Error("neighborhood-thread-worker.ts runs as a worker thread only");
const port = parentPort;

// On Linux setpriority(2) of pid 0 is the calling thread's own (the caller gives nice only there):
// lowering it needs no privilege; should it fail, the thread answers at the priority it has.
const { nice } = workerData as NeighborhoodWorkerData;
if (nice > 0) {
  try {
    setPriority(0, nice);
  } catch {
    // the priority stays as it was
  }
}

let libraryVersion = -1;
let kernel: NeighborhoodKernel | undefined;
/** The memory answers are written into, moved to the main thread and back. */
const blocks = createBlockPool();

/** The library's bytes arrive as plain Uint8Arrays; the encoder copies with Buffer#copy. */
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const send = (message: FromThread): void => port.postMessage(message);

/**
 * Answers made but not posted yet: posted together once no request waits, or MAX_ANSWERS_PER_MESSAGE
 * of them, or half of the requests the main thread had in flight when it sent the latest.
 */
const batch: { ids: number[]; memory: ArrayBuffer[]; lengths: number[] } = { ids: [], memory: [], lengths: [] };

function post(): void {
  if (batch.ids.length === 0) return;
  const message: FromThread = { kind: "answers", ids: batch.ids, memory: batch.memory, lengths: batch.lengths };
  batch.ids = [];
  batch.lengths = [];
  const memory = batch.memory;
  batch.memory = [];
  // Moved, not copied: the main thread sends it and moves it back with "release".
  port.postMessage(message, memory);
}

function handle(message: ToThread): void {
  switch (message.kind) {
    case "library": {
      // A library without its parts is a bug on the other side: thrown here, it ends the thread, and
      // the main thread answers from then on.
      if (!(message.kernel.index.offsets instanceof Int32Array)) throw new Error("the library came without its adjacency");
      const encoded = message.kernel.encoded;
      const restored: Encoded = { ...encoded, nodes: asBuffer(encoded.nodes), links: asBuffer(encoded.links), entries: asBuffer(encoded.entries) };
      prepareViews(restored);
      kernel = { index: message.kernel.index, names: message.kernel.names, encoded: restored };
      libraryVersion = message.libraryVersion;
      post();
      send({ kind: "loaded", libraryVersion });
      return;
    }
    case "release":
      for (const memory of message.memory) blocks.give(memory);
      return;
    case "encode": {
      for (const memory of message.memory) blocks.give(memory);
      if (!kernel || message.libraryVersion !== libraryVersion) {
        send({ kind: "stale", id: message.id });
        return;
      }
      if (message.depth > MAX_WAITED_FOR_DEPTH) post();
      try {
        const selection = selectIn(kernel.index, kernel.names, message.start, message.mask, message);
        let memory: ArrayBuffer | undefined;
        const bytes = encodeWith(kernel.encoded, kernel.index.slugRank, message.center, selection, (length) => {
          memory = blocks.take(length);
          return Buffer.from(memory, 0, length);
        });
        batch.ids.push(message.id);
        batch.memory.push(memory!);
        batch.lengths.push(bytes.length);
        if (batch.ids.length * 2 >= message.inFlight) post();
      } catch (error) {
        send({ kind: "failed", id: message.id, message: (error as Error).message });
      }
      return;
    }
  }
}

// Requests already waiting are answered before the answers go: the main thread, which wakes for
// every message, then wakes once for several answers when it is behind (the thread at work, the
// requests queued), and at once for an answer when nothing else waits.
port.on("message", (first: ToThread) => {
  let message: ToThread | undefined = first;
  while (message) {
    handle(message);
    if (batch.ids.length >= MAX_ANSWERS_PER_MESSAGE) post();
    message = (receiveMessageOnPort(port) as { message: ToThread } | undefined)?.message;
  }
  post();
});
