// Neighbourhood answers written on a worker thread, beside the main one. On the real library a
// depth-2 answer is ~300 KB and costs the server's main thread ~0.37 ms, ~0.17 ms of it finding the
// neighbourhood and writing its JSON. With 16 clients at once the main thread is then the bottleneck
// (measured: one core busy, the other 40% idle) and every answer waits for the ~16 ahead of it.
// The thread holds a copy of the library's typed arrays and encoded JSON (~7 MB on the real library),
// finds and writes each answer into memory it moves to the main thread, which only sends it and
// moves the memory back for the next answer (no copy either way, and no fresh memory per answer).
// Whenever the thread cannot answer (starting, the library just changed, gone) the caller answers
// itself, so the thread changes no answer, only where it is computed.
// What it buys needs an idle core: on a quiet machine ~5,000 answers a second at p99 ~8 ms against
// 2,700 at 12.7 ms without it (2026-11-28). Measured again 2026-12-06 at load average 17-21, with no
// core idle, it bought nothing measurable: 1.2 ms of CPU per answer over both threads against 1.04
// on the main thread alone, 374-414 answers a second against 433-551 (docs/performance.md).
import { Worker } from "node:worker_threads";
import type { PatternGraph } from "../build-graph.ts";
import { adjacencyOf } from "../algorithms/adjacency.ts";
import type { NeighborhoodIndex, NeighborhoodNames, SelectOptions } from "../algorithms/neighborhood-select.ts";
import { workerUrl } from "../worker-script.ts";
import { encodedOf } from "./neighborhood-json.ts";
import type { FromThread, NeighborhoodKernel, NeighborhoodWorkerData, ToThread } from "./neighborhood-thread-protocol.ts";

export type { NeighborhoodKernel } from "./neighborhood-thread-protocol.ts";

/** An answer's bytes, in memory the thread lends until `release()` (idempotent) is called. */
export interface ThreadAnswer {
  bytes: Buffer;
  release(): void;
}

/** One answer, asked for by node number and type mask (checked and resolved by the caller). */
export interface EncodeRequest extends SelectOptions {
  /** The library, as named in load(). */
  libraryVersion: number;
  start: number;
  center: string;
  mask: Uint8Array;
}

export interface NeighborhoodThreadStats {
  alive: boolean;
  /** The library version the thread answers from (-1: none yet). */
  libraryVersion: number;
  answered: number;
  /** Messages that brought answers: fewer than `answered` when the thread sent several at once (requests were waiting). */
  deliveries: number;
  /** Requests the thread turned back (the library changed meanwhile), answered by the caller. */
  stale: number;
  failed: number;
  inFlight: number;
  /** Answers whose memory has not come back yet. */
  lent: number;
}

export interface NeighborhoodThread {
  /** Hands the thread a library; requests for it are answered by the thread once it has it in place. */
  load(libraryVersion: number, kernel: NeighborhoodKernel): void;
  /** The answer, or undefined when the thread cannot give it (the caller then answers itself). */
  encode(request: EncodeRequest): Promise<ThreadAnswer | undefined>;
  stats(): NeighborhoodThreadStats;
  close(): Promise<void>;
}

/**
 * What the thread needs to answer neighbourhoods of `graph`'s library: the adjacency's typed arrays
 * and the encoded nodes and links, nothing that would not clone.
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
  return { index, names, encoded: encodedOf(adj) };
}

/**
 * The thread's young space (V8's nursery, where new objects start): its answers make short-lived
 * garbage at a few MB a second, and V8's default lets that space grow to ~48 MB under load (measured: RSS 332 MB against 270 MB with this).
 */
const YOUNG_SPACE_MB = 8;

/** A thread that answers nothing: what startNeighborhoodThread gives when the worker cannot start. */
function noThread(): NeighborhoodThread {
  return {
    load: () => undefined,
    encode: () => Promise.resolve(undefined),
    stats: () => ({ alive: false, libraryVersion: -1, answered: 0, deliveries: 0, stale: 0, failed: 0, inFlight: 0, lent: 0 }),
    close: () => Promise.resolve(),
  };
}

/**
 * Starts the worker thread. `onFailure` hears of a thread that could not start or died, or an answer
 * it could not give (a bug): answers fall back to the calling thread either way. `nice` (1 to 19, on
 * Linux, where a thread has a priority of its own; elsewhere ignored) lowers the thread's priority
 * below the calling thread's: the main thread, which reads every request and sends every answer,
 * then gets a core first when both want one (measured in docs/performance.md: "the neighbourhood
 * thread below the main thread").
 */
export function startNeighborhoodThread(onFailure: (message: string) => void = () => undefined, nice = 0): NeighborhoodThread {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl("neighborhood-worker.js"), {
      name: "pattern-atlas-neighborhoods",
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_SPACE_MB },
      workerData: { nice: process.platform === "linux" ? nice : 0 } satisfies NeighborhoodWorkerData,
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
  const pending = new Map<number, (answer: ThreadAnswer | undefined) => void>();
  let lent = 0;
  const counts = { answered: 0, deliveries: 0, stale: 0, failed: 0 };

  // Memory comes back in batches: with the next request, or at the end of this turn of the event
  // loop, one message for all the answers sent meanwhile instead of one per answer.
  let returning: ArrayBuffer[] = [];
  let flushing = false;
  const flush = (): void => {
    flushing = false;
    if (returning.length === 0 || !alive) return;
    worker.postMessage({ kind: "release", memory: returning } satisfies ToThread, returning);
    returning = [];
  };
  const giveBack = (memory: ArrayBuffer): void => {
    returning.push(memory);
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
  };

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
      case "answers": {
        counts.deliveries += 1;
        for (let i = 0; i < message.ids.length; i++) {
          const resolve = pending.get(message.ids[i]!);
          pending.delete(message.ids[i]!);
          const memory = message.memory[i]!;
          if (!resolve) {
            giveBack(memory);
            continue;
          }
          counts.answered += 1;
          lent += 1;
          let released = false;
          resolve({
            bytes: Buffer.from(memory, 0, message.lengths[i]!),
            release: () => {
              if (released) return;
              released = true;
              lent -= 1;
              giveBack(memory);
            },
          });
        }
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
      // Copied once and moved: cloned, the ~7 MB of the real library would be copied twice on the way.
      const transfer: ArrayBuffer[] = [];
      const own = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(array: T): T => {
        const copy = array.slice() as T;
        transfer.push(copy.buffer as ArrayBuffer);
        return copy;
      };
      const ownBytes = (bytes: Uint8Array): Buffer => {
        const copy = new Uint8Array(bytes);
        transfer.push(copy.buffer);
        return copy as Buffer;
      };
      const index = Object.fromEntries(Object.entries(kernel.index).map(([key, array]) => [key, own(array)])) as unknown as NeighborhoodKernel["index"];
      const { encoded } = kernel;
      const moved: NeighborhoodKernel = {
        index,
        // Cloned (strings): ~4,000 slugs and domains on the real library, once per load.
        names: kernel.names,
        encoded: {
          nodes: ownBytes(encoded.nodes),
          nodeStart: own(encoded.nodeStart),
          links: ownBytes(encoded.links),
          linkStart: own(encoded.linkStart),
          entries: ownBytes(encoded.entries),
          entryStart: own(encoded.entryStart),
          indexKey: own(encoded.indexKey),
        },
      };
      if (alive) worker.postMessage({ kind: "library", libraryVersion: next, kernel: moved } satisfies ToThread, transfer);
    },
    encode(request) {
      if (!alive || request.libraryVersion !== libraryVersion) return Promise.resolve(undefined);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const memory = returning;
        returning = [];
        worker.postMessage({ kind: "encode", id, ...request, memory, inFlight: pending.size } satisfies ToThread, memory);
      });
    },
    stats: () => ({ alive, libraryVersion, ...counts, inFlight: pending.size, lent }),
    async close() {
      if (!alive) return;
      alive = false;
      for (const resolve of pending.values()) resolve(undefined);
      pending.clear();
      await worker.terminate();
    },
  };
}
