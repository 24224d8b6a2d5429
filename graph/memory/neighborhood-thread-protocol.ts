// The messages between the server's main thread and the worker thread that writes neighbourhood
// answers (neighborhood-thread.ts, neighborhood-thread-worker.ts).
import type { NeighborhoodIndex, NeighborhoodNames, SelectOptions } from "../algorithms/neighborhood-select.ts";
import type { Encoded } from "./neighborhood-json.ts";

/** What the worker holds of one library: its adjacency's typed arrays, the names of its nodes and types, and its encoded nodes and links. */
export interface NeighborhoodKernel {
  index: NeighborhoodIndex;
  names: NeighborhoodNames;
  encoded: Encoded;
}

/**
 * At most this many answers go in one message (the first waits for the others: ~0.3 ms each for the
 * real library's depth-2 answers, ~1 ms at most), and at most half of the requests in flight: the
 * other half are being sent, read and asked again meanwhile, so the thread does not run dry while
 * its answers wait together (with 2 clients, no answer waits). 2, 4, 8 and 16 measured in
 * docs/performance.md, "The cache-off neighbourhood: answers posted together": from 8 on the thread
 * began to wait for work at 16 connections.
 */
export const MAX_ANSWERS_PER_MESSAGE = 4;
/**
 * Answers made wait for a request only up to this depth: deeper ones reach most of the library (a
 * few ms each), so the answers made before one are sent before it is begun.
 */
export const MAX_WAITED_FOR_DEPTH = 2;

/** What the worker is started with. */
export interface NeighborhoodWorkerData {
  /** Its nice value (Linux only; 0: the starting thread's). */
  nice: number;
}

export type ToThread =
  /** The library to answer from from now on; `libraryVersion` names it in requests. */
  | { kind: "library"; libraryVersion: number; kernel: NeighborhoodKernel }
  /**
   * One answer: the centre as a node number (checked by the main thread) and the link types as a
   * mask; the memory of answers sent since the last message; and how many requests the main thread
   * awaits from the thread, this one included (the thread holds answers for at most half of them).
   */
  | ({ kind: "encode"; id: number; libraryVersion: number; start: number; center: string; mask: Uint8Array; memory: ArrayBuffer[]; inFlight: number } & SelectOptions)
  /** The memory of answers, moved back once sent (also part of every "encode"). */
  | { kind: "release"; memory: ArrayBuffer[] };

export type FromThread =
  /** The library of `libraryVersion` is in place: requests naming it are answered from now on. */
  | { kind: "loaded"; libraryVersion: number }
  /**
   * Answers, one or more: answer i is the first `lengths[i]` bytes of `memory[i]`, for request
   * `ids[i]`, the memory moved to the main thread. Several when more requests were waiting as one
   * was answered: one message (one wake-up of the main thread) for all of them.
   */
  | { kind: "answers"; ids: number[]; memory: ArrayBuffer[]; lengths: number[] }
  /** The request named a library the thread no longer (or not yet) holds. */
  | { kind: "stale"; id: number }
  | { kind: "failed"; id: number; message: string };
