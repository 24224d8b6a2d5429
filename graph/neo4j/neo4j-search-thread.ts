// The typo tiers of a search on the Neo4j store, on a worker thread that reads the copy's rows from
// Neo4j with a driver of its own, builds the memory store's search index from them and keeps it,
// and answers the lower tiers' searches (neo4j-search-thread-worker.ts). At 100x (357,100 patterns)
// the first such search read 18 pages of 20,000 rows into the server's main thread: its heap grew
// from ~30 to ~170 MB while it read, V8 kept what it had grown to, and the server went from ~90 to
// ~520 MB of RSS for an index of ~80 MB (2026-12-07). On the thread, the rows' garbage is collected
// within the thread's own heap, bounded by SEARCH_THREAD_LIMITS, and the main thread holds nothing
// of the index. The thread answers with the same search over the same index, so the hits are the
// same; when it cannot start or fails, the caller builds the index on its own thread as before.
import { Worker } from "node:worker_threads";
import { PatternAtlasError, QueryTimeoutError, ResourceLimitError, StoreUnavailableError, type ErrorCode } from "../../core/errors.ts";
import type { SearchHit } from "../../core/model.ts";
import { QueryAbortedError, type Budget } from "../budget.ts";
import { SEARCH_BUDGET } from "../algorithms/search.ts";
import { workerUrl } from "../worker-script.ts";

/** Where the thread connects (the store's own connection) and its query budget. */
export interface SearchThreadConfig {
  uri: string;
  user: string;
  password: string;
  database: string;
  namespace: string;
  queryTimeoutMs: number;
}

/** One lower tiers' search: the copy, the key of its index (copy and stamp), the query. */
export interface SearchThreadRequest {
  copy: string;
  key: string;
  query: string;
  limit: number;
  /** The budget of each page's query (Neo4j's transaction timeout) when the index is read. */
  readTimeoutMs: number;
}

export type ToSearchThread =
  | ({ kind: "search"; id: number; timeMs?: number; work?: number } & SearchThreadRequest)
  | { kind: "cancel"; id: number };

/** A failure as the store's errors carry it (code, message, details), or a plain one (no code). */
export interface ThreadFailure {
  code?: string;
  message: string;
  details?: Record<string, unknown>;
}

export type FromSearchThread = { kind: "hits"; id: number; hits: SearchHit[] } | { kind: "failed"; id: number; error: ThreadFailure };

/**
 * The thread's heap: its young generation small, so that each page's rows are collected young
 * instead of promoted and kept until a late full collection (what grew the main thread's heap);
 * the old generation bounded well above the 100x index (~80 MB of heap) and the page being read.
 */
export const SEARCH_THREAD_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 } as const;

export interface SearchThread {
  /**
   * The lower tiers' hits for `request`, within what is left of `budget`; undefined when the thread
   * cannot answer (it could not start, or it failed): the caller then answers itself.
   * @throws the store's errors as the search on the calling thread would throw them.
   */
  search(request: SearchThreadRequest, budget?: Budget): Promise<SearchHit[] | undefined>;
  close(): Promise<void>;
}

/** A failure sent by the thread as the store's error it was. */
function errorOf(failure: ThreadFailure): Error {
  const details = failure.details ?? {};
  let error: Error;
  switch (failure.code) {
    case undefined:
      return new Error(failure.message);
    case "query_timeout":
      error = new QueryTimeoutError(Number(details.timeoutMs));
      break;
    case "store_unavailable":
      error = new StoreUnavailableError(failure.message, details);
      break;
    case "resource_limit":
      error = new ResourceLimitError(failure.message, details);
      break;
    default:
      error = new PatternAtlasError(failure.code as ErrorCode, failure.message, details);
  }
  error.message = failure.message;
  return error;
}

/** Starts the thread (undefined when it cannot start: `onFallback` hears why). */
export function startSearchThread(config: SearchThreadConfig, onFallback: (message: string) => void = () => undefined): SearchThread | undefined {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl("search-worker.js"), { name: "pattern-atlas-search", workerData: config, resourceLimits: SEARCH_THREAD_LIMITS });
  } catch (error) {
    onFallback(`the search thread could not start: ${(error as Error).message}`);
    return undefined;
  }
  // A server that stops does not wait for its search thread.
  worker.unref();
  let alive = true;
  let nextId = 1;
  const waiting = new Map<number, (reply: FromSearchThread | undefined) => void>();
  const fail = (message: string): void => {
    if (!alive) return;
    alive = false;
    onFallback(`the search thread failed: ${message}`);
    for (const resolve of waiting.values()) resolve(undefined);
    waiting.clear();
  };
  worker.on("message", (reply: FromSearchThread) => {
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    resolve?.(reply);
  });
  worker.on("error", (error) => fail(error.message));
  worker.on("exit", (code) => fail(`it exited (code ${code})`));

  return {
    async search(request, budget) {
      if (!alive) return undefined;
      budget?.check();
      const id = nextId++;
      const reply = await new Promise<FromSearchThread | undefined>((resolve) => {
        waiting.set(id, resolve);
        const message: ToSearchThread = { kind: "search", id, ...request, ...(budget ? { timeMs: budget.remainingMs(), work: SEARCH_BUDGET.work } : {}) };
        worker.postMessage(message);
        budget?.signal?.addEventListener(
          "abort",
          () => {
            if (!waiting.has(id)) return;
            worker.postMessage({ kind: "cancel", id } satisfies ToSearchThread);
            waiting.delete(id);
            resolve({ kind: "failed", id, error: { message: "aborted" } });
          },
          { once: true },
        );
      });
      if (reply === undefined) return undefined;
      if (reply.kind === "hits") return reply.hits;
      if (budget?.signal?.aborted) throw new QueryAbortedError();
      // Past the caller's own budget: its own error (the time it was given, not what was left of it).
      if (reply.error.code === "query_timeout") budget?.check();
      throw errorOf(reply.error);
    },
    async close() {
      alive = false;
      await worker.terminate();
    },
  };
}
