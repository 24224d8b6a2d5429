// Library exports written on a worker thread. On the 3,573-file library one export takes from a few
// hundred milliseconds (CSV) to about a second (GEXF, 13 MB) of CPU: on the main thread that would
// stall every other request. The thread writes and gzips it; the main thread only sends the bytes.
// When the thread cannot start or dies, the export is written on the main thread (and logged).
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { gzip } from "node:zlib";
import { buildSync, stop as stopEsbuild } from "esbuild";
import { exportLibrary, type ExportFormat } from "../graph/export/index.ts";
import type { Library } from "../graph/model.ts";
import { NO_LIBRARY, type FromExportThread, type ToExportThread } from "./export-thread-protocol.ts";

export interface WrittenExport {
  /** The export, gzipped (a tenth of its size or less: what is kept and what most clients get). */
  gzipped: Buffer;
  /** Its size before compression. */
  bytes: number;
}

export interface ExportThread {
  /** Writes `library` (the store's library at `version`) in `format` and gzips it. */
  write(version: string, library: Library, format: ExportFormat): Promise<WrittenExport>;
  close(): Promise<void>;
}

const gzipAsync = promisify(gzip);

let workerSource: string | undefined;

/** The worker's code, bundled by esbuild from export-thread-worker.ts (as for the neighbourhood thread: no tsx loader in the worker). */
function workerCode(): string {
  workerSource ??= buildSync({
    entryPoints: [fileURLToPath(new URL("./export-thread-worker.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
  }).outputFiles[0]!.text;
  void stopEsbuild();
  return workerSource;
}

/** Writes on the calling thread: the fallback when no worker can run. */
async function writeHere(library: Library, format: ExportFormat): Promise<WrittenExport> {
  const body = Buffer.from(exportLibrary(library, format).body, "utf8");
  return { gzipped: await gzipAsync(body), bytes: body.byteLength };
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

  const start = (): Worker | undefined => {
    if (worker || failed) return worker;
    try {
      worker = new Worker(workerCode(), { eval: true, name: "pattern-atlas-exports" });
    } catch (error) {
      stop(`the export thread could not start: ${(error as Error).message}`);
      return undefined;
    }
    worker.unref();
    worker.on("message", (message: FromExportThread) => {
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (!p) return;
      if (message.ok) p.resolve({ gzipped: Buffer.from(message.gzipped), bytes: message.bytes });
      else p.reject(new Error(message.message));
    });
    worker.on("error", (error) => stop(`the export thread failed: ${error.message}`));
    worker.on("exit", (code) => stop(`the export thread exited (code ${code})`));
    return worker;
  };

  return {
    async write(version, library, format) {
      const thread = start();
      if (!thread) return writeHere(library, format);
      const ask = (withLibrary: boolean) =>
        new Promise<WrittenExport>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          held = version;
          thread.postMessage({ id, version, format, ...(withLibrary ? { library } : {}) } satisfies ToExportThread);
        });
      try {
        return await ask(held !== version);
      } catch (error) {
        // The thread died meanwhile (already reported): this export is still owed.
        if (failed) return writeHere(library, format);
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
