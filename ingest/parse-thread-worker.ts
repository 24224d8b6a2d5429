// The parse thread's side (see parse-thread.ts): takes chunks of the file list until none is left,
// sending each chunk's parsed files back as soon as they are parsed.
import { parentPort } from "node:worker_threads";
import { fileParser } from "./load-library.ts";
import type { ParsedFile, ResolvableFile } from "./parsed-file.ts";
import { PARSE_CHUNK, type FromParseThread, type ToParseThread } from "./parse-thread-protocol.ts";

/** Leaves out what resolving does not read: `lists` and `frontmatter` are ~30% of the
 * bytes of the real library's parsed files, and the clone's cost grows with them. */
function resolvable(file: string): ResolvableFile {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { lists, frontmatter, ...rest } = parse(file) as ParsedFile & { lists?: unknown };
  return rest;
}

const post = (message: FromParseThread): void => parentPort!.postMessage(message);

let parse: (file: string) => ParsedFile;

parentPort!.once("message", ({ root, files, claims }: ToParseThread) => {
  parse = fileParser(root);
  const counter = new Int32Array(claims);
  for (;;) {
    const chunk = Atomics.add(counter, 0, 1);
    const start = chunk * PARSE_CHUNK;
    if (start >= files.length) break;
    post({ kind: "chunk", chunk, parsed: files.slice(start, start + PARSE_CHUNK).map(resolvable) });
  }
  post({ kind: "done" });
});
