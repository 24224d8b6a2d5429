// Library exports written on a worker thread. On the 3,573-file library one export takes from a few
// hundred milliseconds (CSV) to about a second (GEXF, 13 MB) of CPU: on the main thread that would
// stall every other request. The thread writes and gzips it; the main thread only sends the bytes.
// When the thread cannot start or dies, the export is written on the main thread (and logged).
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { workerUrl } from "../graph/worker-script.ts";
import { gzip } from "node:zlib";
import { exportLibrary, libraryFileStem, type ExportFormat } from "../graph/export/index.ts";
import type { Library } from "../core/model.ts";
import { NO_LIBRARY, type FromExportThread, type ToExportThread } from "./export-thread-protocol.ts";

export interface WrittenExport {
  /** The export, gzipped (a tenth of its size or less: what is kept and what most clients get). */
  gzipped: Buffer;
  /** Its size before compression. */
  bytes: number;
  /** The file name stem of the library's exports (libraryFileStem). */
  stem: string;
}

export interface ExportThread {
  /**
   * Writes the store's library at `version` in `format` and gzips it. `library` is asked only when
   * the thread does not hold that version yet: reading a whole library (the memory store clones it)
   * and copying it to the thread cost the main thread ~0.1-0.5 s on the 3,573-file snapshot, once
   * per library version rather than once per export.
   */
  write(version: string, library: () => Promise<Library>, format: ExportFormat): Promise<WrittenExport>;
  close(): Promise<void>;
}

const gzipAsync = promisify(gzip);


/** Writes on the calling thread: the fallback when no worker can run. */
async function writeHere(library: Library, format: ExportFormat): Promise<WrittenExport> {
  const body = Buffer.from(exportLibrary(library, format).body, "utf8");
  return { gzipped: await gzipAsync(body), bytes: body.byteLength, stem: libraryFileStem(library.root) };
}

/** The thread starts with the first export asked for, and never keeps the process alive. */
export function createExportThread(onFailure: (message: string) => void = () => undefined): ExportThread {
  let worker: Worker | undefined;
  let failed = false;
  /** The library version the worker holds. */
  let held: string | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (w: WrittenExport) => void; reject: (e: Error) => void }>();

  const stop = (message: string): void => {
    if (failed) return;
    failed = true;
    worker = undefined;
    onFailure(message);
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };

  let starting: Promise<Worker | undefined> | undefined;
  const start = (): Promise<Worker | undefined> => (starting ??= launch());
  const launch = async (): Promise<Worker | undefined> => {
    try {
      worker = new Worker(workerUrl("export-worker.js"), { name: "pattern-atlas-exports" });
    } catch (error) {
      stop(`the export thread could not start: ${(error as Error).message}`);
      return undefined;
    }
    worker.unref();
    worker.on("message", (message: FromExportThread) => {
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (!p) return;
      if (message.ok) p.resolve({ gzipped: Buffer.from(message.gzipped), bytes: message.bytes, stem: message.stem });
      else p.reject(new Error(message.message));
    });
    worker.on("error", (error) => stop(`the export thread failed: ${error.message}`));
    worker.on("exit", (code) => stop(`the export thread exited (code ${code})`));
    return worker;
  };

  return {
    async write(version, library, format) {
      const thread = failed ? undefined : await start();
      if (!thread || failed) return writeHere(await library(), format);
      const ask = async (withLibrary: boolean) => {
        const sent = withLibrary ? await library() : undefined;
        return new Promise<WrittenExport>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          held = version;
          thread.postMessage({ id, version, format, ...(sent ? { library: sent } : {}) } satisfies ToExportThread);
        });
      };
      try {
        return await ask(held !== version);
      } catch (error) {
        // The thread died meanwhile (already reported): this export is still owed.
        if (failed) return writeHere(await library(), format);
        // Another version's library reached the thread in between: send this one along.
        if (error instanceof Error && error.message.startsWith(NO_LIBRARY)) return ask(true);
        throw error;
      }
    },
    async close() {
      const w = worker;
      failed = true;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
