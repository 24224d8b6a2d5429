// The gap analysis as the gaps routes ask for it, with the library folder's decisions: from the
// findings a store keeps with its library (Neo4j: gaps-stored.ts, bounded reads, the library never in
// this process) when it has them and no git history is to be used; otherwise one analysis per library
// version, made and answered on the gaps thread (gaps-thread.ts), with the folder's git history,
// refused up front when the heap cannot hold it. createApp builds one per app; the read routes
// (routes/gaps.ts) and the writing side (routes/gaps-queue.ts) share it.
import type { Request, Response } from "express";
import { promisify } from "node:util";
import { getHeapStatistics } from "node:v8";
import { gzip as gzipCallback } from "node:zlib";
import type { HistoryIndex } from "../graph/gaps/index.ts";
import { hasHeldLibrary, hasStoredGaps, ResourceLimitError, type GraphStore } from "../graph/index.ts";
import type { GapsJob } from "./gaps-answers.ts";
import { createDecisionsReader } from "./gaps-decisions-reader.ts";
import { answerStoredGapsJob } from "./gaps-stored.ts";
import { createGapsThread, type GapsAnswer, type GapsThread, type GapsWhere } from "./gaps-thread.ts";
import type { LibraryEvents } from "./library-events.ts";
import { publicLibraryName } from "./library-name.ts";

/**
 * Heap one gap analysis takes per pattern of the library, its exported copy and the answer
 * included: measured at ten times the 2026-02-20 library (35,710 patterns) after the caps on
 * candidates, with a margin (docs/performance.md). What the main thread needs when it analyses.
 */
export const GAPS_BYTES_PER_PATTERN = 12 * 1024;
/**
 * What the main thread needs per pattern when the gaps thread analyses: the exported copy of the
 * library it hands over (2.5 KB per pattern measured at 1x and 10x, with a margin); the analysis
 * itself takes the thread's own heap.
 */
export const GAPS_COPY_BYTES_PER_PATTERN = 4 * 1024;

/**
 * Refuses an analysis the heap cannot hold, so the request fails with a 503 instead of the server
 * dying with "JavaScript heap out of memory". `heap` is v8's getHeapStatistics().
 * @throws ResourceLimitError naming the sizes and what to do instead.
 */
export function checkGapsBudget(
  patterns: number,
  heap: { used_heap_size: number; heap_size_limit: number },
  where: GapsWhere = "main",
): void {
  const needed = patterns * (where === "thread" ? GAPS_COPY_BYTES_PER_PATTERN : GAPS_BYTES_PER_PATTERN);
  const free = heap.heap_size_limit - heap.used_heap_size;
  if (needed <= free) return;
  const mb = (bytes: number): number => Math.round(bytes / 1048576);
  throw new ResourceLimitError(
    `The gap analysis of ${patterns} patterns needs about ${mb(needed)} MB of heap; this server has ${mb(free)} MB free of ${mb(heap.heap_size_limit)} MB. ` +
      "Run it offline (`npm run gaps -- <folder>`), give the server more heap (NODE_OPTIONS=--max-old-space-size=...), or serve the library from Neo4j.",
    { limit: "heap", needed, free },
  );
}

export interface GapsServiceOptions {
  store: GraphStore;
  /** A new library version (a --watch reload) invalidates the analysis at once. */
  events: LibraryEvents;
  /** The library folder the server reads (absent for a snapshot or the database): its decisions file. */
  libraryFolder?: string;
  /** The served library folder's git history (undefined outside git, with --no-history, or for a snapshot or the database). */
  history?: () => Promise<HistoryIndex | undefined>;
  /** Hears of a gaps thread that failed (the answers then come from the main thread). */
  onThreadFailure?: (message: string) => void;
  /** The gaps thread's heap in MB (default GAPS_THREAD_HEAP_MB): an analysis past it is refused with a 503. */
  threadHeapMb?: number;
  /** Hears, in a sentence, what each analysis on the gaps thread took. */
  info?: (message: string) => void;
  /** Hears, once, that the store's current copy has no stored findings (the gaps thread analyses it then). */
  warn?: (message: string) => void;
}

const gzipAsync = promisify(gzipCallback);
const mbText = (bytes: number): string => (bytes / 1048576).toFixed(1);
/** As the gaps thread gzips: a 6-10 MB export shrinks ~10x in a few tens of ms (off the event loop, in libuv's pool). */
const GZIP_LEVEL = 4;

export interface GapsService {
  /** The job's answer from the gaps thread; undefined when the client left before it came. */
  ask(req: Request, res: Response, job: GapsJob, gzipAllowed: boolean): Promise<GapsAnswer | undefined>;
}

export function createGapsService(options: GapsServiceOptions): GapsService {
  const { store, events } = options;
  let thread: GapsThread | undefined;
  const decisionsOf = createDecisionsReader(options.libraryFolder);
  // The stored findings were analysed without the folder's git history: with one, the thread analyses.
  const storedFirst = options.history === undefined && hasStoredGaps(store) ? store : undefined;
  let warned = false;
  return {
    async ask(req, res, job, gzipAllowed) {
      const stored = await storedFirst?.storedGaps();
      if (stored) {
        const decisions = await decisionsOf();
        const text = await answerStoredGapsJob(stored, { ...job, ...(decisions ? { decisions } : {}) }, events.version, publicLibraryName(stored.summary.library.root));
        const body = Buffer.from(text);
        const gzip = gzipAllowed && req.acceptsEncodings("gzip", "identity") === "gzip";
        return gzip ? { body: await gzipAsync(body, { level: GZIP_LEVEL }), gzipped: true } : { body, gzipped: false };
      }
      if (storedFirst && !warned && (await store.stats()).patterns > 0) {
        warned = true;
        options.warn?.(
          "Gaps: the library Neo4j holds was stored without its gap findings, so they are analysed here from the whole library; " +
            "load it again (`pattern-atlas ingest <folder> --neo4j`: only the findings are written) to answer them from Neo4j.",
        );
      }
      // The store's library version catches reloads made without the notifier (a re-ingest into
      // Neo4j by another process), for the price of a field read or one small query.
      const version = events.version;
      const key = `${version}\u0000${await store.version()}`;
      const gzip = gzipAllowed && req.acceptsEncodings("gzip", "identity") === "gzip";
      const gone = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) gone.abort(new Error("the client went away"));
      });
      thread ??= createGapsThread(undefined, options.onThreadFailure, {
        heapMb: options.threadHeapMb,
        onAnalysed: (ms, f) =>
          options.info?.(
            `Gaps: ${f.findings} findings in ${ms} ms on the gaps thread (their texts packed in ${mbText(f.packedBytes)} MB; the thread's heap ${mbText(f.heapUsedBytes)} MB used, ${mbText(f.heapTotalBytes)} MB committed)`,
          ),
      });
      const decisions = await decisionsOf();
      try {
        return await thread.answer({
          key,
          job: { ...job, ...(decisions ? { decisions } : {}) },
          gzip,
          signal: gone.signal,
          load: async (where) => {
            checkGapsBudget((await store.stats()).patterns, getHeapStatistics(), where);
            // The thread receives a copy in any case (each slice is cloned into it): no copy here first.
            const library = where === "thread" && hasHeldLibrary(store) ? store.heldLibrary() : await store.exportLibrary();
            const history = await options.history?.();
            return { library, version, libraryName: publicLibraryName(library.root), ...(history ? { history } : {}) };
          },
        });
      } catch (error) {
        // Nobody is left to answer.
        if (gone.signal.aborted) return undefined;
        throw error;
      }
    },
  };
}
