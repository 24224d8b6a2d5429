// The worker thread's side of neighborhood-thread.ts: holds a copy of the library's kernel, writes
// each answer into memory it moves to the main thread, and reuses that memory once it comes back.
// (Not shared memory: V8 copies into a SharedArrayBuffer with relaxed atomic stores, measured 4x
// slower than the plain copy, which made the thread the bottleneck.)
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { selectIn } from "../algorithms/neighborhood-select.ts";
import { createBlockPool } from "./block-pool.ts";
import { encodeWith, prepareViews, type Encoded } from "./neighborhood-json.ts";
import type { FromThread, NeighborhoodKernel, NeighborhoodWorkerData, ToThread } from "./neighborhood-thread-protocol.ts";

const port = parentPort;
if (!port) throw new Error("neighborhood-thread-worker.ts runs as a worker thread only");

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

port.on("message", (message: ToThread) => {
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
      try {
        const selection = selectIn(kernel.index, kernel.names, message.start, message.mask, message);
        let memory: ArrayBuffer | undefined;
        const bytes = encodeWith(kernel.encoded, kernel.index.slugRank, message.center, selection, (length) => {
          memory = blocks.take(length);
          return Buffer.from(memory, 0, length);
        });
        // Moved, not copied: the main thread sends it and moves it back with "release".
        port.postMessage({ kind: "answer", id: message.id, memory: memory!, length: bytes.length } satisfies FromThread, [memory!]);
      } catch (error) {
        send({ kind: "failed", id: message.id, message: (error as Error).message });
      }
      return;
    }
  }
});
