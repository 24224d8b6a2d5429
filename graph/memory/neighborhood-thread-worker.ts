// The worker thread's side of neighborhood-thread.ts: holds a copy of the library's adjacency and
// names, finds each neighbourhood (selectIn) and sends its selection in numbers
// (selection-message.ts); the main thread writes the answer's JSON from it.
import { parentPort } from "node:worker_threads";
import { selectIn } from "../algorithms/neighborhood-select.ts";
import { nameNumbers, packSelection, type NameNumbers } from "./selection-message.ts";
import type { FromThread, NeighborhoodKernel, ToThread } from "./neighborhood-thread-protocol.ts";

const port = parentPort;
if (!port) throw new Error("neighborhood-thread-worker.ts runs as a worker thread only");

let libraryVersion = -1;
let kernel: (NeighborhoodKernel & { numbers: NameNumbers }) | undefined;

const send = (message: FromThread): void => port.postMessage(message);

port.on("message", (message: ToThread) => {
  switch (message.kind) {
    case "library": {
      // A library without its parts is a bug on the other side: thrown here, it ends the thread, and
      // the main thread answers from then on.
      if (!(message.kernel.index.offsets instanceof Int32Array)) throw new Error("the library came without its adjacency");
      kernel = { ...message.kernel, numbers: nameNumbers(message.kernel.names) };
      libraryVersion = message.libraryVersion;
      send({ kind: "loaded", libraryVersion });
      return;
    }
    case "select": {
      if (!kernel || message.libraryVersion !== libraryVersion) {
        send({ kind: "stale", id: message.id });
        return;
      }
      try {
        const selection = packSelection(selectIn(kernel.index, kernel.names, message.start, message.mask, message), kernel.numbers);
        // Moved, not copied: fresh memory per answer (~6 KB).
        port.postMessage({ kind: "selection", id: message.id, selection } satisfies FromThread, [selection.ints.buffer as ArrayBuffer, selection.scores.buffer as ArrayBuffer]);
      } catch (error) {
        send({ kind: "failed", id: message.id, message: (error as Error).message });
      }
      return;
    }
  }
});
