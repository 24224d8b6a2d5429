// The messages between the gaps thread (gaps-thread.ts) and its worker (gaps-thread-worker.ts).
import type { GapOptions, LibraryPart } from "../graph/gaps/index.ts";
import type { GapsJob } from "./gaps-answers.ts";

export type ToGapsThread =
  | { kind: "begin"; key: string; root: string; files: number; version: number; libraryName: string; options: GapOptions | undefined }
  /** Some of the library's items (graph/gaps/library-parts.ts: one big message would hold the main thread ~100 ms). */
  | ({ kind: "part"; key: string } & LibraryPart)
  | { kind: "analyse"; key: string }
  | { kind: "job"; id: number; key: string; job: GapsJob; gzip: boolean; deadline: number }
  | { kind: "cancel"; id: number };

/** What an analysis on the gaps thread took, for the server's log. */
export interface AnalysisFigures {
  findings: number;
  /** The findings' deflated texts (graph/gaps/packed-findings.ts). */
  packedBytes: number;
  /** The thread's heap once the analysis ended: in use, and committed (v8.getHeapStatistics()). */
  heapUsedBytes: number;
  heapTotalBytes: number;
}

export interface ThreadError {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export type FromGapsThread =
  | { kind: "analysed"; key: string; analysisMs: number; figures: AnalysisFigures }
  | { kind: "analysis-failed"; key: string; message: string }
  | { kind: "answer"; id: number; body: Uint8Array; gzipped: boolean }
  | { kind: "error"; id: number; error: ThreadError }
  /** The job's library is not the one the thread holds (a newer one arrived), or its deadline passed, or it was cancelled. */
  | { kind: "dropped"; id: number; reason: "stale" | "expired" | "cancelled" };
