// The messages between the server's main thread and the worker thread that finds neighbourhoods
// (neighborhood-thread.ts, neighborhood-thread-worker.ts).
import type { NeighborhoodIndex, NeighborhoodNames, SelectOptions } from "../algorithms/neighborhood-select.ts";
import type { SelectionMessage } from "./selection-message.ts";

/** What the worker holds of one library: its adjacency's typed arrays and the names of its nodes, types and domains. */
export interface NeighborhoodKernel {
  index: NeighborhoodIndex;
  names: NeighborhoodNames;
}

export type ToThread =
  /** The library to answer from from now on; `libraryVersion` names it in requests. */
  | { kind: "library"; libraryVersion: number; kernel: NeighborhoodKernel }
  /** One neighbourhood (without `group`): the centre as a node number (checked by the main thread) and the link types as a mask. */
  | ({ kind: "select"; id: number; libraryVersion: number; start: number; mask: Uint8Array } & Omit<SelectOptions, "group" | "offset">);

export type FromThread =
  /** The library of `libraryVersion` is in place: requests naming it are answered from now on. */
  | { kind: "loaded"; libraryVersion: number }
  /** A neighbourhood's selection, its memory moved to the main thread. */
  | { kind: "selection"; id: number; selection: SelectionMessage }
  /** The request named a library the thread no longer (or not yet) holds. */
  | { kind: "stale"; id: number }
  | { kind: "failed"; id: number; message: string };
