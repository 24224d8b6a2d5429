// The worker thread's side of export-thread.ts: writes a library export and gzips it, off the main
// thread, keeping the last library it was sent so that the other formats of it need no second copy.
import { parentPort } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { exportLibrary, libraryFileStem } from "../graph/export/index.ts";
import type { Library } from "../core/model.ts";
import { NO_LIBRARY, type FromExportThread, type ToExportThread } from "./export-thread-protocol.ts";

const port = parentPort;
if (!port) throw new Error("export-thread-worker.ts runs as a worker thread only");

let held: { version: string; library: Library } | undefined;

port.on("message", (message: ToExportThread) => {
  if (message.library) held = { version: message.version, library: message.library };
  let answer: FromExportThread;
  try {
    if (!held || held.version !== message.version) throw new Error(`${NO_LIBRARY} ${message.version}`);
    const result = exportLibrary(held.library, message.format);
    const body = Buffer.from(result.body, "utf8");
    const gzipped = gzipSync(body);
    // A copy of its own, so the whole buffer can be moved (pooled Buffers share theirs).
    const memory = gzipped.buffer.slice(gzipped.byteOffset, gzipped.byteOffset + gzipped.byteLength) as ArrayBuffer;
    answer = { id: message.id, ok: true, gzipped: memory, bytes: body.byteLength, stem: libraryFileStem(held.library.root) };
    port.postMessage(answer, [memory]);
  } catch (error) {
    answer = { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(answer);
  }
});
