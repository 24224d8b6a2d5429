// The parse thread's side (see parse-thread.ts): takes chunks of the file list until none is left,
// sending each chunk's parsed files back as soon as they are parsed.
import { parentPort } from "node:worker_threads";
import { fileParser } from "./load-library.ts";
import { PARSE_CHUNK, type FromParseThread, type ToParseThread } from "./parse-thread-protocol.ts";

const post = (message: FromParseThread): void => parentPort!.postMessage(message);

parentPort!.once("message", ({ root, files, claims }: ToParseThread) => {
  const parse = fileParser(root);
  const counter = new Int32Array(claims);
  for (;;) {
    const chunk = Atomics.add(counter, 0, 1);
    const start = chunk * PARSE_CHUNK;
    if (start >= files.length) break;
    post({ kind: "chunk", chunk, parsed: files.slice(start, start + PARSE_CHUNK).map(parse) });
  }
  post({ kind: "done" });
});
