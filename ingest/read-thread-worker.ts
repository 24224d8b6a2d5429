// The read thread's side (see read-thread.ts): one incremental reader, asked by messages.
import { parentPort, workerData } from "node:worker_threads";
import { createIncrementalReader } from "./incremental-reader.ts";
import { LibraryReadError } from "./load-library.ts";
import type { FromReadThread, ToReadThread } from "./read-thread.ts";

const reader = createIncrementalReader((workerData as { root: string }).root);
// Requests arrive one at a time (the watcher never overlaps reads), so no queue is needed.
parentPort!.on("message", (message: ToReadThread) => {
  const work = message.kind === "prime" ? reader.prime().then(() => undefined) : reader.read(message.changed);
  work.then(
    (library) => parentPort!.postMessage({ id: message.id, ok: true, library } satisfies FromReadThread),
    (error: unknown) =>
      parentPort!.postMessage({
        id: message.id,
        ok: false,
        libraryRead: error instanceof LibraryReadError,
        message: error instanceof Error ? error.message : String(error),
      } satisfies FromReadThread),
  );
});
