// Neighbourhoods found on a worker thread, beside the main one. On the real library a depth-2
// answer is ~130 KB; finding it is ~two thirds of its cost, writing its JSON a quarter. With 16
// clients at once the main thread doing all of it is the bottleneck (measured: one core busy, the
// other 40% idle) and every answer waits for the ~16 ahead of it. So the thread finds each answer
// (selectIn) and sends its selection in numbers (selection-message.ts, ~6 KB); the main thread
// writes the JSON from its own copy of the encoded library into pooled memory and sends it. (Until
// 2026-12-07 the thread wrote the JSON too and moved its bytes over: the thread was then the
// bottleneck at ~0.34 ms of CPU per answer against ~0.12 ms on the main thread; see
// docs/performance.md.) The thread holds a copy of the library's typed arrays (~1 MB on the real
// library). Whenever the thread cannot answer (starting, the library just changed, gone) the caller
// answers itself, so the thread changes no answer, only where it is computed.
import { Worker } from "node:worker_threads";
import type { PatternGraph } from "../build-graph.ts";
import { adjacencyOf } from "../algorithms/adjacency.ts";
import type { NeighborhoodIndex, NeighborhoodNames, SelectOptions } from "../algorithms/neighborhood-select.ts";
import { workerUrl } from "../worker-script.ts";
import type { FromThread, NeighborhoodKernel, ToThread } from "./neighborhood-thread-protocol.ts";
import type { SelectionMessage } from "./selection-message.ts";

export type { NeighborhoodKernel } from "./neighborhood-thread-protocol.ts";

/** One neighbourhood (without `group`), asked for by node number and type mask (checked and resolved by the caller). */
export interface SelectRequest extends Omit<SelectOptions, "group" | "offset"> {
  /** The library, as named in load(). */
  libraryVersion: number;
  start: number;
  mask: Uint8Array;
}

export interface NeighborhoodThreadStats {
  alive: boolean;
  /** The library version the thread answers from (-1: none yet). */
  libraryVersion: number;
  answered: number;
  /** Requests the thread turned back (the library changed meanwhile), answered by the caller. */
  stale: number;
  failed: number;
  inFlight: number;
}

export interface NeighborhoodThread {
  /** Hands the thread a library; requests for it are answered by the thread once it has it in place. */
  load(libraryVersion: number, kernel: NeighborhoodKernel): void;
  /** The selection, or undefined when the thread cannot give it (the caller then answers itself). */
  select(request: SelectRequest): Promise<SelectionMessage | undefined>;
  stats(): NeighborhoodThreadStats;
  close(): Promise<void>;
}

/**
 * What the thread needs to find neighbourhoods of `graph`'s library: the adjacency's typed arrays
 * and names, nothing that would not clone.
 */
export function neighborhoodKernel(graph: PatternGraph): NeighborhoodKernel {
  const adj = adjacencyOf(graph);
  const index: NeighborhoodIndex = {
    offsets: adj.offsets,
    neighbor: adj.neighbor,
    type: adj.type,
    outward: adj.outward,
    strength: adj.strength,
    danglingOffsets: adj.danglingOffsets,
    danglingNode: adj.danglingNode,
    danglingType: adj.danglingType,
    danglingRank: adj.danglingRank,
    danglingStrength: adj.danglingStrength,
    degree: adj.degree,
    damping: adj.damping,
    domainNumber: adj.domainNumber,
    typeNameRank: adj.typeNameRank,
    nodeAtSlugRank: adj.nodeAtSlugRank,
    slugRank: adj.slugRank,
    outOffsets: adj.outOffsets,
    outNeighbor: adj.outNeighbor,
    outType: adj.outType,
    outRank: adj.outRank,
  };
  const names: NeighborhoodNames = { nodeSlugs: adj.nodeSlugs, domainNames: adj.domainNames, typeNames: adj.typeNames };
  return { index, names };
}

/**
 * The thread's young space (V8's nursery, where new objects start): its answers make short-lived
 * garbage at a few MB a second, and V8's default lets that space grow to ~48 MB under load
 * (measured, when the thread wrote the answers' JSON: RSS 332 MB against 270 MB with this).
 */
const YOUNG_SPACE_MB = 8;

/** A thread that answers nothing: what startNeighborhoodThread gives when the worker cannot start. */
function noThread(): NeighborhoodThread {
  return {
    load: () => undefined,
    select: () => Promise.resolve(undefined),
    stats: () => ({ alive: false, libraryVersion: -1, answered: 0, stale: 0, failed: 0, inFlight: 0 }),
    close: () => Promise.resolve(),
  };
}

/**
 * Starts the worker thread. `onFailure` hears of a thread that could not start or died, or an answer
 * it could not give (a bug): answers fall back to the calling thread either way.
 */
export function startNeighborhoodThread(onFailure: (message: string) => void = () => undefined): NeighborhoodThread {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl("neighborhood-worker.js"), {
      name: "pattern-atlas-neighborhoods",
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_SPACE_MB },
    });
  } catch (error) {
    onFailure(`the neighbourhood thread could not start: ${(error as Error).message}`);
    return noThread();
  }
  // The thread never keeps the process alive: the server (or a test) does.
  worker.unref();
  let alive = true;
  let libraryVersion = -1;
  let nextId = 0;
  const pending = new Map<number, (selection: SelectionMessage | undefined) => void>();
  const counts = { answered: 0, stale: 0, failed: 0 };

  const stop = (message: string): void => {
    if (!alive) return;
    alive = false;
    for (const resolve of pending.values()) resolve(undefined);
    pending.clear();
    onFailure(message);
  };

  worker.on("message", (message: FromThread) => {
    switch (message.kind) {
      case "loaded":
        libraryVersion = message.libraryVersion;
        return;
      case "selection": {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        if (!resolve) return;
        counts.answered += 1;
        resolve(message.selection);
        return;
      }
      case "stale":
      case "failed": {
        counts[message.kind] += 1;
        if (message.kind === "failed") onFailure(`the neighbourhood thread could not answer: ${message.message}`);
        pending.get(message.id)?.(undefined);
        pending.delete(message.id);
        return;
      }
    }
  });
  worker.on("error", (error) => stop(`the neighbourhood thread failed: ${error.message}`));
  worker.on("exit", (code) => stop(`the neighbourhood thread exited (code ${code})`));

  return {
    load(next, kernel) {
      // Copied once and moved: cloned, the typed arrays would be copied twice on the way.
      const transfer: ArrayBuffer[] = [];
      const own = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(array: T): T => {
        const copy = array.slice() as T;
        transfer.push(copy.buffer as ArrayBuffer);
        return copy;
      };
      const index = Object.fromEntries(Object.entries(kernel.index).map(([key, array]) => [key, own(array)])) as unknown as NeighborhoodKernel["index"];
      // The names are cloned (strings): ~4,000 slugs and domains on the real library, once per load.
      if (alive) worker.postMessage({ kind: "library", libraryVersion: next, kernel: { index, names: kernel.names } } satisfies ToThread, transfer);
    },
    select(request) {
      if (!alive || request.libraryVersion !== libraryVersion) return Promise.resolve(undefined);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const { libraryVersion: version, start, mask, depth, limit, direction } = request;
        worker.postMessage({ kind: "select", id, libraryVersion: version, start, mask, depth, limit, direction } satisfies ToThread);
      });
    },
    stats: () => ({ alive, libraryVersion, ...counts, inFlight: pending.size }),
    async close() {
      if (!alive) return;
      alive = false;
      for (const resolve of pending.values()) resolve(undefined);
      pending.clear();
      await worker.terminate();
    },
  };
}
