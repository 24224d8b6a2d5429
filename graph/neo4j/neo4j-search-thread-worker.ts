// The search thread's side (see neo4j-search-thread.ts): a driver of its own, the typo tiers' index
// of one copy read with it and kept (a copy at another stamp replaces it), and each lower tiers'
// search answered over it with the memory store's own search, within the caller's budget.
import neo4j from "neo4j-driver";
import { parentPort, workerData } from "node:worker_threads";
import { PatternAtlasError } from "../../core/errors.ts";
import { createBudget } from "../budget.ts";
import { SEARCH_HINT, searchPatterns, searchPatternsWithin, type SearchIndex } from "../algorithms/search.ts";
import { createReads } from "./neo4j-connection.ts";
import { readSearchIndex } from "./neo4j-search.ts";
import type { FromSearchThread, SearchThreadConfig, ThreadFailure, ToSearchThread } from "./neo4j-search-thread.ts";

const port = parentPort;
if (!port) throw new Error("neo4j-search-thread-worker.ts runs as a worker thread only");
const config = workerData as SearchThreadConfig;

const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
  disableLosslessIntegers: true,
  maxTransactionRetryTime: 2_000,
  userAgent: "pattern-atlas-search",
});
const reads = createReads(driver, config.database, config.namespace, config.uri, config.user, config.queryTimeoutMs);

let held: { key: string; index: Promise<SearchIndex> } | undefined;
const cancels = new Map<number, AbortController>();

function indexOf(copy: string, key: string, timeoutMs: number): Promise<SearchIndex> {
  if (held?.key !== key) {
    // Before the new one is read: the old index is garbage from now on.
    held = undefined;
    const index = reads.read((tx) => readSearchIndex(reads.rows, tx, copy, timeoutMs));
    held = { key, index };
    // A failed read is not kept.
    index.catch(() => {
      if (held?.index === index) held = undefined;
    });
  }
  return held.index;
}

const failureOf = (error: unknown): ThreadFailure =>
  error instanceof PatternAtlasError ? { code: error.code, message: error.message, details: error.details } : { message: error instanceof Error ? error.message : String(error) };

port.on("message", (message: ToSearchThread) => {
  if (message.kind === "cancel") {
    cancels.get(message.id)?.abort();
    return;
  }
  const { id, copy, key, query, limit, readTimeoutMs, timeMs, work } = message;
  const controller = new AbortController();
  cancels.set(id, controller);
  // The budget starts now, as the caller's went on while the index was read (neo4j-search.ts).
  const budget = timeMs === undefined ? undefined : createBudget({ timeMs, work, hint: SEARCH_HINT, signal: controller.signal });
  void (async (): Promise<FromSearchThread> => {
    try {
      const index = await indexOf(copy, key, readTimeoutMs);
      const hits = budget ? await searchPatternsWithin(index, query, limit, budget) : searchPatterns(index, query, limit);
      return { kind: "hits", id, hits };
    } catch (error) {
      return { kind: "failed", id, error: failureOf(reads.translate(error)) };
    }
  })().then((reply) => {
    cancels.delete(id);
    port.postMessage(reply);
  });
});
