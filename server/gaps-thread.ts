// Gap analysis and the gaps routes' answers on a worker thread. On the 3,573-file library the
// analysis takes ~0.8 s and each export (6-10 MB of JSON, CSV or Markdown) 50-100 ms: on the main
// thread they held every other request, /healthz included, for that long (8 clients downloading
// exports delayed /healthz by 0.5-1 s). Here the main thread only hands the library over, a slice
// per turn of its event loop, and sends the bytes that come back, gzipped by the thread when the
// client takes gzip and kept per library version in a small LRU. Should the thread fail to start or
// die, the same functions answer on the main thread (gaps-answers.ts), as before.
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { workerUrl } from "../graph/worker-script.ts";
import { gzip } from "node:zlib";
import { PatternAtlasError, QueryTimeoutError, ResourceLimitError, type ErrorCode } from "../core/errors.ts";
import { sendLibraryParts, type GapOptions, type HistoryIndex } from "../graph/gaps/index.ts";
import type { Library } from "../core/model.ts";
import { analyseForAnswers, answerGapsJob, jobKey, type GapsJob, type GapsState } from "./gaps-answers.ts";
import type { AnalysisFigures, FromGapsThread, ToGapsThread } from "./gaps-thread-protocol.ts";

/** What the thread needs to analyse a library version. */
export interface GapsLibrary {
  library: Library;
  /** The library-change notifier's version, echoed in every answer. */
  version: number;
  /** The name answers give the library (its folder's base name). */
  libraryName: string;
  /** The library's git history, when it is a folder in a repository (stale references resolve through it). */
  history?: HistoryIndex;
}

/** Where an analysis runs: on the gaps thread (the main thread only copies the library), or on the main thread. */
export type GapsWhere = "thread" | "main";

export interface GapsAnswer {
  body: Buffer;
  gzipped: boolean;
}

export interface GapsRequest {
  /** Names the library version: a job for another key than the thread holds first loads it. */
  key: string;
  /** The library to analyse; `where` says whether the gaps thread or the main thread will analyse it. */
  load: (where: GapsWhere) => Promise<GapsLibrary>;
  job: GapsJob;
  gzip: boolean;
  /** Aborted when the client goes: a job not started yet is dropped. */
  signal: AbortSignal;
}

export interface GapsThread {
  /**
   * The job's answer (UTF-8 text, gzipped when asked). @throws the domain errors of answerGapsJob,
   * QueryTimeoutError past GAPS_BUDGET_MS, the signal's reason once aborted.
   */
  answer(request: GapsRequest): Promise<GapsAnswer>;
  close(): Promise<void>;
}

/**
 * The time one gaps request may take, analysis of a new library included (~0.8 s on the real
 * library, a few seconds on a busy machine): past it the request is answered 504.
 */
export const GAPS_BUDGET_MS = 20_000;
/**
 * The gaps thread's heap: what one analysis may use. With the findings packed as they are made
 * (graph/gaps/analyse-packed.ts), the analysis of ten times the 2026-02-20 library (35,710 patterns)
 * runs within 320 MB, its copy of the library included (measured 2026-12-06: 225 MB committed at its
 * end; at 512 MB, 312 MB, and the thread's share of the process's peak RSS 400 against 338 MB here,
 * for ~2 s more CPU of collection). The limit is what makes V8 collect sooner: unbounded, it let the
 * thread grow past 1 GB of mostly garbage beside the server's own heap. A library whose analysis
 * needs more is refused with a 503 (ResourceLimitError) and the server goes on: the thread alone
 * dies, and the analysis is not tried on the main thread.
 */
export const GAPS_THREAD_HEAP_MB = 320;
/** The thread's young space (V8's nursery), as the neighbourhood thread's: short-lived garbage is collected sooner. */
const GAPS_THREAD_YOUNG_MB = 16;

/** Items per message while the library is handed over: ~1-4 ms of the main thread each. */
const SLICE = 500;
/** Memory for answers kept per library version (an export gzipped is ~0.5-1 MB). */
const CACHE_BYTES = 32 * 2 ** 20;
const GZIP_LEVEL = 4;
const gzipAsync = promisify(gzip);

const TIMEOUT_HINT = "Ask for fewer findings: one kind, a domain or a pattern.";


const abortError = (signal: AbortSignal): unknown => signal.reason ?? new Error("aborted");

/** The analysis options with the library's git history added, when there is one. */
const withHistory = (analysis: GapOptions | undefined, history: HistoryIndex | undefined): GapOptions | undefined =>
  history ? { ...analysis, history } : analysis;

export interface GapsThreadOptions {
  /** The thread's heap in MB (default GAPS_THREAD_HEAP_MB). */
  heapMb?: number;
  /** Hears what each analysis on the thread took. */
  onAnalysed?: (analysisMs: number, figures: AnalysisFigures) => void;
}

export function createGapsThread(
  analysis: GapOptions | undefined,
  onFailure: (message: string) => void = () => undefined,
  threadOptions: GapsThreadOptions = {},
): GapsThread {
  const heapMb = threadOptions.heapMb ?? GAPS_THREAD_HEAP_MB;
  let worker: Worker | undefined;
  let failed = false;
  let nextId = 0;
  const waiting = new Map<number, (message: FromGapsThread) => void>();
  /** The library the thread holds or is being given, and its size. */
  let held: { key: string; ready: Promise<void>; patterns?: number } | undefined;
  /** The library version whose analysis ran out of the thread's heap: refused until the library changes. */
  let refused: { key: string; error: ResourceLimitError } | undefined;
  /** Who waits for the analysis of each library being handed over. */
  const analysed = new Map<string, (message: FromGapsThread) => void>();
  /** The main thread's own analysis, once the thread is gone. */
  let inline: { key: string; state: Promise<GapsState> } | undefined;
  const cache = new Map<string, GapsAnswer>();
  let cacheBytes = 0;

  function fail(message: string): void {
    if (failed) return;
    failed = true;
    onFailure(message);
    held = undefined;
    for (const resolve of waiting.values()) resolve({ kind: "dropped", id: -1, reason: "stale" });
    waiting.clear();
    for (const [key, resolve] of analysed) resolve({ kind: "analysis-failed", key, message });
    analysed.clear();
  }

  /**
   * The thread ran out of its heap: the library it held is refused from now on, everyone waiting on
   * the thread hears so, and the next library version gets a fresh thread.
   */
  function outOfMemory(): void {
    const patterns = held?.patterns;
    const error = new ResourceLimitError(
      `The gap analysis${patterns === undefined ? "" : ` of ${patterns} patterns`} needs more than the ${heapMb} MB of heap the server gives it. ` +
        "Run it offline (`npm run gaps -- <folder>`), or serve the library from Neo4j.",
      { limit: "gaps-thread-heap", heapMb, ...(patterns === undefined ? {} : { patterns }) },
    );
    if (held) refused = { key: held.key, error };
    worker = undefined;
    held = undefined;
    for (const resolve of waiting.values()) resolve({ kind: "dropped", id: -1, reason: "stale" });
    waiting.clear();
    for (const [key, resolve] of analysed) resolve({ kind: "analysis-failed", key, message: error.message });
    analysed.clear();
  }

  function start(): Worker | undefined {
    if (worker || failed) return worker;
    let started: Worker;
    try {
      started = new Worker(workerUrl("gaps-worker.js"), {
        name: "pattern-atlas-gaps",
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: GAPS_THREAD_YOUNG_MB },
      });
    } catch (error) {
      fail(`the gaps thread could not start: ${(error as Error).message}`);
      return undefined;
    }
    worker = started;
    started.unref();
    started.on("message", (message: FromGapsThread) => {
      if (message.kind === "analysed" || message.kind === "analysis-failed") {
        analysed.get(message.key)?.(message);
        analysed.delete(message.key);
      } else {
        const resolve = waiting.get(message.id);
        waiting.delete(message.id);
        resolve?.(message);
      }
    });
    started.on("error", (error) => {
      if (worker !== started) return;
      if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") outOfMemory();
      else fail(`the gaps thread failed: ${error.message}`);
    });
    started.on("exit", (code) => {
      if (worker === started) fail(`the gaps thread exited (${code})`);
    });
    return started;
  }

  /** To the thread running now; nothing once it has stopped (its waiters have heard why). */
  const post = (message: ToGapsThread): void => worker?.postMessage(message);

  /** Hands the library to the thread a slice per turn of the event loop, then has it analysed. */
  async function give(key: string, load: GapsRequest["load"]): Promise<void> {
    // The main thread's copy of the library (~100 MB of heap at ten times the 2026-02-20 library) is
    // unreachable once handed over: kept until the analysis ended, it added that much to the
    // process's peak, which comes while the thread analyses.
    await handOver(key, load);
    const done = new Promise<FromGapsThread>((resolve) => analysed.set(key, resolve));
    post({ kind: "analyse", key });
    const outcome = await done;
    if (outcome.kind !== "analysed" || outcome.key !== key) throw new Error(`the gaps analysis failed: ${outcome.kind === "analysis-failed" ? outcome.message : "out of order"}`);
    threadOptions.onAnalysed?.(outcome.analysisMs, outcome.figures);
  }

  async function handOver(key: string, load: GapsRequest["load"]): Promise<void> {
    const thread = worker;
    const stopped = (): boolean => worker !== thread;
    const loaded = await load("thread");
    const { library, version, libraryName } = loaded;
    if (held?.key === key) held.patterns = library.patterns.length;
    const { history } = loaded;
    post({ kind: "begin", key, root: library.root, files: library.files, version, libraryName, options: withHistory(analysis, history) });
    if (!(await sendLibraryParts(library, SLICE, (part) => post({ kind: "part", key, ...part }), stopped))) {
      throw new Error("the gaps thread stopped while the library was handed over");
    }
  }

  function ensureHeld(key: string, load: GapsRequest["load"]): Promise<void> {
    if (held?.key !== key) {
      const ready = give(key, load);
      held = { key, ready };
      ready.catch(() => {
        if (held?.ready === ready) held = undefined;
      });
    }
    return held.ready;
  }

  function remember(key: string, answer: GapsAnswer): void {
    if (answer.body.length > CACHE_BYTES / 4) return;
    cache.set(key, answer);
    cacheBytes += answer.body.length;
    for (const [oldest, entry] of cache) {
      if (cacheBytes <= CACHE_BYTES) break;
      cache.delete(oldest);
      cacheBytes -= entry.body.length;
    }
  }

  async function onThread(request: GapsRequest, deadline: number): Promise<GapsAnswer | undefined> {
    if (refused?.key === request.key) throw refused.error;
    if (!start()) return undefined;
    try {
      await ensureHeld(request.key, request.load);
    } catch (error) {
      if (refused?.key === request.key) throw refused.error;
      if (error instanceof ResourceLimitError) throw error;
      // A newer library took the thread while this one was handed over (a reload right then), or
      // the thread failed: this request is answered on the main thread, as without a thread.
      return undefined;
    }
    if (failed) return undefined;
    const id = nextId++;
    const reply = await new Promise<FromGapsThread>((resolve) => {
      waiting.set(id, resolve);
      post({ kind: "job", id, key: request.key, job: request.job, gzip: request.gzip, deadline });
      request.signal.addEventListener("abort", () => post({ kind: "cancel", id }), { once: true });
    });
    switch (reply.kind) {
      case "answer":
        return { body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength), gzipped: reply.gzipped };
      case "error":
        throw new PatternAtlasError(reply.error.code as ErrorCode, reply.error.message, reply.error.details);
      case "dropped":
        if (reply.reason === "cancelled") throw abortError(request.signal);
        if (reply.reason === "expired") throw new QueryTimeoutError(GAPS_BUDGET_MS, TIMEOUT_HINT, "The gap analysis");
        // The library changed under the job (or the thread died): the caller asks again.
        return failed ? undefined : onThread(request, deadline);
      default:
        throw new Error(`unexpected message from the gaps thread: ${reply.kind}`);
    }
  }

  /** Without a thread: the same answer computed here, as before the thread existed. */
  async function onMainThread(request: GapsRequest): Promise<GapsAnswer> {
    if (inline?.key !== request.key) {
      const state = request.load("main").then(({ library, version, libraryName, history }) => analyseForAnswers(library, withHistory(analysis, history), version, libraryName));
      inline = { key: request.key, state };
    }
    const text = Buffer.from(answerGapsJob(await inline.state, request.job));
    return request.gzip ? { body: await gzipAsync(text, { level: GZIP_LEVEL }), gzipped: true } : { body: text, gzipped: false };
  }

  return {
    async answer(request) {
      const cacheKey = `${request.key}\u0002${jobKey(request.job)}\u0002${request.gzip}`;
      const hit = cache.get(cacheKey);
      if (hit) {
        cache.delete(cacheKey);
        cache.set(cacheKey, hit);
        return hit;
      }
      const deadline = Date.now() + GAPS_BUDGET_MS;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const clock = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new QueryTimeoutError(GAPS_BUDGET_MS, TIMEOUT_HINT, "The gap analysis")), GAPS_BUDGET_MS);
      });
      const aborted = new Promise<never>((_, reject) => {
        if (request.signal.aborted) reject(abortError(request.signal));
        request.signal.addEventListener("abort", () => reject(abortError(request.signal)), { once: true });
      });
      const work = (async () => (await onThread(request, deadline)) ?? (await onMainThread(request)))();
      work.catch(() => undefined);
      aborted.catch(() => undefined);
      try {
        const answer = await Promise.race([work, clock, aborted]);
        // Kept only if the thread still holds this library (a newer one makes the key stale anyway).
        remember(cacheKey, answer);
        return answer;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      const w = worker;
      worker = undefined;
      failed = true;
      if (w) await w.terminate();
    },
  };
}
