// The messages between parse-thread.ts and its worker, in a module of their own so that the worker's
// bundle holds only what it runs.
import type { ResolvableFile } from "./parsed-file.ts";

/** Files per claim: small enough that the two threads finish close together, large enough that claims and messages stay few. */
export const PARSE_CHUNK = 32;

/**
 * The one request: parse `files` below `root`. Both threads take chunks of PARSE_CHUNK files in turn by
 * adding 1 to `claims[0]` (Atomics.add), so the thread that started later or runs slower simply takes fewer.
 */
export interface ToParseThread {
  root: string;
  files: string[];
  claims: SharedArrayBuffer;
}

export type FromParseThread =
  /** The files of chunk `chunk` (files `chunk * PARSE_CHUNK` onwards), parsed, in order. */
  | { kind: "chunk"; chunk: number; parsed: ResolvableFile[] }
  /** No chunk is left to claim; every chunk this thread claimed was sent. */
  | { kind: "done" };
