// The read thread's side (see read-thread.ts): one incremental reader, asked by messages. A library
// goes back in parts of at most PART_ITEMS items, each its own message, so that the calling thread
// copies it in in short steps rather than in one long one; the next part is sent only once the
// calling thread says it took the last one in, since messages that arrive together are all taken in
// one turn of its event loop (the 22 parts of the real library: ~50 ms at once).
import { parentPort, workerData } from "node:worker_threads";
import type { Library } from "../core/model.ts";
import { createIncrementalReader } from "./incremental-reader.ts";
import { LibraryReadError } from "./load-library.ts";
import { LIBRARY_PARTS, type FromReadThread, type ToReadThread } from "./read-thread-protocol.ts";

/** Items per message: ~1,000 links copy in within a few ms (the real library: ~22 messages). */
const PART_ITEMS = 1000;

const reader = createIncrementalReader((workerData as { root: string }).root);
const post = (message: FromReadThread): void => parentPort!.postMessage(message);

/** Resolves when the calling thread took the part sent last. */
let taken: (() => void) | undefined;

async function send(id: number, library: Library): Promise<void> {
  for (const key of LIBRARY_PARTS) {
    const items = library[key];
    for (let at = 0; at < items.length; at += PART_ITEMS) {
      const took = new Promise<void>((resolve) => (taken = resolve));
      post({ id, kind: "part", key, items: items.slice(at, at + PART_ITEMS) });
      await took;
    }
  }
  post({ id, kind: "done", root: library.root, files: library.files });
}

// Requests arrive one at a time (the watcher never overlaps reads), so no queue is needed.
parentPort!.on("message", (message: ToReadThread) => {
  if (message.kind === "took") {
    taken?.();
    return;
  }
  const work = message.kind === "prime" ? reader.prime().then(() => post({ id: message.id, kind: "primed" })) : reader.read(message.changed).then((library) => send(message.id, library));
  work.catch((error: unknown) =>
    post({
      id: message.id,
      kind: "failed",
      libraryRead: error instanceof LibraryReadError,
      message: error instanceof Error ? error.message : String(error),
    }),
  );
});
