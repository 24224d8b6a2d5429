// --watch re-reads the library on a worker thread, so the server's thread goes on answering while
// files are listed, parsed and resolved (on the real library the first read takes ~0.7 s, and every
// later one ~0.1 s of listing and resolving); it only receives the finished Library. When the thread
// cannot start or dies, the reads run on the calling thread instead: the library is the same either way.
import { Worker } from "node:worker_threads";
import { workerUrl } from "../graph/worker-script.ts";
import type { Library } from "../core/model.ts";
import { createIncrementalReader, type IncrementalReader } from "./incremental-reader.ts";
import { LibraryReadError } from "./load-library.ts";
import type { FromReadThread, LibraryPart, ToReadThread } from "./read-thread-protocol.ts";

export interface ReadThread extends IncrementalReader {
  /** True while the reads run on the worker thread (false after a fallback to the calling thread). */
  readonly threaded: boolean;
  close(): Promise<void>;
}


/**
 * Starts a read thread for `root`. `onFallback` hears why reads moved to the calling thread (the
 * thread could not start, or died); nothing else changes for the caller.
 */
export function startReadThread(root: string, onFallback: (message: string) => void = () => undefined): ReadThread {
  let local: IncrementalReader | undefined;
  let worker: Worker | undefined;
  const fallBack = (message: string): IncrementalReader => {
    if (!local) {
      local = createIncrementalReader(root);
      onFallback(`reading on the server's thread: ${message}`);
    }
    return local;
  };
  try {
    worker = new Worker(workerUrl("read-worker.js"), { name: "pattern-atlas-read", workerData: { root } });
    worker.unref();
  } catch (error) {
    fallBack(`the read thread could not start: ${(error as Error).message}`);
  }

  let nextId = 0;
  const pending = new Map<number, { resolve: (library: Library | undefined) => void; reject: (error: Error) => void; retry: () => void }>();
  // Parts of the library being received, per request.
  const parts = new Map<number, Record<LibraryPart, unknown[]>>();
  const stop = (message: string): void => {
    if (!worker) return;
    worker = undefined;
    fallBack(message);
    // Requests in flight are run again here: the caller sees a slower read, not a failed one.
    for (const { retry } of pending.values()) retry();
    pending.clear();
    parts.clear();
  };
  worker?.on("message", (message: FromReadThread) => {
    const request = pending.get(message.id);
    if (!request) return;
    if (message.kind === "part") {
      let lists = parts.get(message.id);
      if (!lists) parts.set(message.id, (lists = { patterns: [], links: [], dangling: [], problems: [] }));
      for (const item of message.items) lists[message.key].push(item);
      // The next part after a turn of the event loop: requests waiting meanwhile go first.
      const thread = worker;
      setImmediate(() => thread?.postMessage({ id: message.id, kind: "took" } satisfies ToReadThread));
      return;
    }
    pending.delete(message.id);
    const lists = parts.get(message.id) ?? { patterns: [], links: [], dangling: [], problems: [] };
    parts.delete(message.id);
    if (message.kind === "primed") request.resolve(undefined);
    else if (message.kind === "done") request.resolve({ root: message.root, files: message.files, ...lists } as Library);
    else if (message.libraryRead) request.reject(new LibraryReadError(message.message));
    else request.reject(new Error(message.message));
  });
  worker?.on("error", (error) => stop(`the read thread failed: ${error.message}`));
  worker?.on("exit", (code) => stop(`the read thread exited (code ${code})`));

  const ask = (request: ToReadThread, locally: (reader: IncrementalReader) => Promise<Library | undefined>): Promise<Library | undefined> => {
    if (!worker) return locally(local!);
    const thread = worker;
    return new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject, retry: () => locally(local!).then(resolve, reject) });
      thread.postMessage(request);
    });
  };
  return {
    get threaded() {
      return worker !== undefined;
    },
    prime: async () => {
      await ask({ id: nextId++, kind: "prime" }, async (reader) => {
        await reader.prime();
        return undefined;
      });
    },
    read: async (changed) => (await ask({ id: nextId++, kind: "read", changed: [...changed] }, (reader) => reader.read(changed)))!,
    close: async () => {
      const thread = worker;
      worker = undefined;
      for (const { reject } of pending.values()) reject(new Error("the read thread was closed"));
      pending.clear();
      await thread?.terminate();
    },
  };
}
