// The overview is hashed, laid out (ForceAtlas2) and serialised on a worker thread of its own: on the
// 3,573-file library that is ~0.5 s of CPU, which on the server's thread held every request of a
// --watch reload (and the first ones after start-up) that long. The overview is handed over in parts
// of PART_ITEMS items, a part per turn of the event loop. When the thread cannot start or dies, the
// same work runs on the calling thread: the answer is the same either way.
import { Worker } from "node:worker_threads";
import type { OverviewGraph } from "../core/model.ts";
import { workerUrl } from "../graph/worker-script.ts";
import { overviewContentHash, overviewParts, type OverviewOptions, type OverviewParts } from "./overview-json.ts";
import type { FromOverviewThread, ToOverviewThread } from "./overview-thread-protocol.ts";

/** The overview's content hash, and its parts unless the hash is the one the caller knows. */
export interface MadeOverview {
  hash: string;
  parts?: OverviewParts;
}

export interface OverviewThread {
  /**
   * Hashes `overview` and makes its parts on the thread. Its parts are handed over one per turn of
   * the event loop, so that requests are answered meanwhile; with `atOnce` all in this turn, for a
   * caller that serves no request yet (the server's start-up, whose store's preparation runs in
   * slices meanwhile: a part per slice of it held back the layout by the whole preparation).
   */
  make(overview: OverviewGraph, knownHash: string | undefined, options: OverviewOptions, atOnce?: boolean): Promise<MadeOverview>;
}

/**
 * The thread's heap. Unbounded, V8 let it grow to ~400 MB of mostly garbage at ten times the
 * 2026-02-20 library (its live peak there: ~150 MB, a cold layout included); young space as the
 * neighbourhood thread's. A thread past them dies and the calling thread does the work instead.
 */
const OVERVIEW_THREAD_LIMITS = { maxOldGenerationSizeMb: 320, maxYoungGenerationSizeMb: 16 } as const;
/**
 * Above ~50,000 patterns the thread's heap grows with the overview, 6 MB per thousand patterns (its
 * live peak at thirty times the real library: ~4 MB per thousand), so that a library of a hundred
 * times the real one is laid out on the thread rather than failing there and again on the calling thread.
 */
export function overviewThreadLimits(patterns: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { ...OVERVIEW_THREAD_LIMITS, maxOldGenerationSizeMb: Math.max(OVERVIEW_THREAD_LIMITS.maxOldGenerationSizeMb, Math.ceil(patterns / 1000) * 6) };
}

/** Items per message: a few ms of copying each on the calling thread. */
const PART_ITEMS = 1000;

function makeHere(overview: OverviewGraph, knownHash: string | undefined, options: OverviewOptions): MadeOverview {
  const hash = overviewContentHash(overview, options);
  return hash === knownHash ? { hash } : { hash, parts: overviewParts(overview, options, hash) };
}

/** `onFailure` hears why the work moved to the calling thread (the thread could not start, or died). */
export function createOverviewThread(onFailure: (message: string) => void = () => undefined): OverviewThread {
  let worker: Promise<Worker | undefined> | undefined;
  let failed = false;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (made: MadeOverview) => void; reject: (error: Error) => void; retry: () => void }>();

  const fail = (message: string): void => {
    if (failed) return;
    failed = true;
    onFailure(message);
    for (const { retry } of waiting.values()) retry();
    waiting.clear();
  };

  const start = (patterns: number): Promise<Worker | undefined> =>
    (worker ??= (async () => {
      try {
        const thread = new Worker(workerUrl("overview-worker.js"), { name: "pattern-atlas-overview", resourceLimits: overviewThreadLimits(patterns) });
        thread.unref();
        thread.on("message", (message: FromOverviewThread) => {
          const request = waiting.get(message.id);
          if (!request) return;
          waiting.delete(message.id);
          if (message.kind === "made") request.resolve(message.parts ? { hash: message.hash, parts: message.parts } : { hash: message.hash });
          else request.reject(new Error(message.message));
          if (waiting.size === 0) {
            // Idle: its heap (~150-250 MB at ten times the real library) goes back now; the next
            // overview (a reload) starts a fresh thread, in ~50 ms.
            retired = true;
            worker = undefined;
            void thread.terminate();
          }
        });
        let retired = false;
        thread.on("error", (error) => fail(`the overview thread failed: ${error.message}`));
        thread.on("exit", (code) => {
          if (!retired) fail(`the overview thread exited (code ${code})`);
        });
        return thread;
      } catch (error) {
        fail(`the overview thread could not start: ${(error as Error).message}`);
        return undefined;
      }
    })());

  return {
    async make(overview, knownHash, options, atOnce = false) {
      const thread = failed ? undefined : await start(overview.nodes.length);
      if (!thread || failed) return makeHere(overview, knownHash, options);
      const id = nextId++;
      const made = new Promise<MadeOverview>((resolve, reject) => {
        waiting.set(id, { resolve, reject, retry: () => resolve(makeHere(overview, knownHash, options)) });
      });
      const post = (message: ToOverviewThread): void => thread.postMessage(message);
      for (const kind of ["nodes", "links"] as const) {
        const items = overview[kind];
        for (let at = 0; at < items.length; at += PART_ITEMS) {
          if (failed) return made;
          post({ id, kind, items: items.slice(at, at + PART_ITEMS) } as ToOverviewThread);
          if (!atOnce) await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (!failed) post({ id, kind: "make", knownHash, options });
      return made;
    },
  };
}
