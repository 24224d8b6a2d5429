// Sends the JSON answers of the read-only query routes, remembering the serialised ones in an LRU
// bounded by bytes and keyed by the store's library version plus the parsed query: a library is
// immutable between loads, so an answer stays right exactly as long as the version is unchanged.
// Each request asks the store for its version (a field read in memory, one small query on Neo4j),
// so a reload, or a re-ingest into Neo4j by another process, is seen by the very next request;
// turned off (a budget of 0), it asks for none.
// Large answers go gzipped to clients that take gzip (browsers do), and are kept gzipped.
import type { Request, Response } from "express";
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import { createBufferPool, type AnswerMemory, type BufferPool, type GraphStore, type StoreKind } from "../graph/index.ts";

/** How an answer is turned into bytes: plain JSON, or none (the store wrote the JSON). */
export const ANSWER_KINDS = ["json", "bytes"] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface ResponseCacheStats {
  enabled: boolean;
  maxBytes: number;
  bytes: number;
  entries: number;
  hits: number;
  misses: number;
}

export interface ResponseCache {
  /**
   * Answers with the JSON of `compute()` for the request named by `key` (a canonical form of the
   * route and its parsed parameters, so equivalent URLs share an entry), gzipped when it is large
   * and the client accepts gzip. Errors propagate to the error middleware and are never cached.
   */
  send(req: Request, res: Response, key: string, compute: () => Promise<unknown>, kind?: AnswerKind): Promise<void>;
  /**
   * Memory for a "bytes" answer (FastNeighborhood.neighborhoodJson's `memory`): large ones are pooled,
   * and send() hands them back (or gives back what the store lent) once the response is done with them.
   */
  memory: AnswerMemory;
  stats(): ResponseCacheStats;
  /** The pool behind allocate(): blocks free, in use, and made so far. */
  poolStats(): ReturnType<BufferPool["stats"]>;
}

/**
 * The default budget per store: 32 MB beside the embedded store, which holds the library in the
 * same process and answers a miss in about a millisecond; 128 MB in front of Neo4j, where the
 * process holds no library and a miss costs a few round trips and tens of milliseconds.
 */
export const DEFAULT_RESPONSE_CACHE_MB: Readonly<Record<StoreKind, number>> = { memory: 32, neo4j: 128 };
/** An answer larger than this share of the budget is sent but not kept: one huge answer must not flush the rest. */
const MAX_ENTRY_SHARE = 1 / 8;
/** Bytes counted per entry beyond its body (key, map entry, Buffer object), so many tiny answers cannot exceed the budget. */
const ENTRY_OVERHEAD = 200;

/** Answers at least this large go gzipped to clients that accept it (a depth-2 neighbourhood: ~330 KB, ~8x smaller). */
export const COMPRESS_MIN_BYTES = 8 * 1024;
/** Level 2: within 10% of level 6's size at about a third of its time (~1 ms for a big neighbourhood, off the main thread). */
const GZIP_LEVEL = 2;
const gzipAsync = promisify(gzip);

/** A kept answer: large ones are kept gzipped (the common case for browsers, and 8x more of them fit). */
interface Entry {
  body: Buffer;
  gzipped: boolean;
}

/** @param maxBytes 0 turns the cache off (every request is computed; the bench measures the store that way). */
export function createResponseCache(store: GraphStore, maxBytes: number): ResponseCache {
  const entries = new Map<string, Entry>();
  const pool = createBufferPool();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const sizeOf = (key: string, entry: Entry): number => entry.body.length + key.length * 2 + ENTRY_OVERHEAD;

  function remember(key: string, entry: Entry): void {
    const size = sizeOf(key, entry);
    if (size > maxBytes * MAX_ENTRY_SHARE) return;
    const old = entries.get(key);
    if (old) {
      entries.delete(key);
      bytes -= sizeOf(key, old);
    }
    entries.set(key, entry);
    bytes += size;
    // Map iteration follows insertion order, and a hit re-inserts: the first entries are the least recently used.
    for (const [oldest, evicted] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= sizeOf(oldest, evicted);
    }
  }

  function serialize(value: unknown, kind: AnswerKind): Buffer {
    if (kind === "bytes") return value as Buffer;
    return Buffer.from(JSON.stringify(value));
  }

  return {
    async send(req, res, key, compute, kind = "json") {
      const gzipWanted = req.acceptsEncodings("gzip", "identity") === "gzip";
      // Turned off, nothing is kept, so the version is not asked for: on Neo4j that is two round
      // trips per request fewer, ~10% of an uncached neighbourhood's CPU at 10x (2026-12-06).
      const before = maxBytes > 0 ? await store.version() : "";
      const versionedKey = `${before}\n${key}`;
      const cached = maxBytes > 0 ? entries.get(versionedKey) : undefined;
      if (cached) {
        hits += 1;
        entries.delete(versionedKey);
        entries.set(versionedKey, cached);
        if (!cached.gzipped) sendJson(res, cached.body, false);
        // A client that does not take gzip (rare: scripts, tests) gets it unzipped, still far cheaper than a query.
        else sendJson(res, gzipWanted ? cached.body : gunzipSync(cached.body), gzipWanted);
        return;
      }
      misses += 1;
      // The client left while the version was asked for: nobody is waiting for this answer, so it
      // is not computed (a burst of abandoned heavy requests then costs the store nothing).
      if (res.destroyed || req.socket.destroyed) return;
      const value = await compute();
      // The answer belongs to `before` only if the library did not change while it was computed;
      // otherwise it is sent as it is, and not kept.
      const keep = maxBytes > 0 && (await store.version()) === before;
      const body = serialize(value, kind);
      try {
        const large = body.length >= COMPRESS_MIN_BYTES;
        const gzipped = large && (gzipWanted || keep) ? await gzipAsync(body, { level: GZIP_LEVEL }) : undefined;
        // Pooled memory is reused once this response is done: a kept copy must be its own.
        if (keep) remember(versionedKey, gzipped ? { body: gzipped, gzipped: true } : { body: pool.owns(body) ? Buffer.from(body) : body, gzipped: false });
        if (gzipped && gzipWanted) sendJson(res, gzipped, true);
        else sendJson(res, body, false);
      } finally {
        pool.releaseAfter(res, body);
      }
    },
    memory: { allocate: (length) => pool.acquire(length), adopt: (buffer, release) => pool.adopt(buffer, release) },
    poolStats: () => pool.stats(),
    stats: () => ({ enabled: maxBytes > 0, maxBytes, bytes, entries: entries.size, hits, misses }),
  };
}

const JSON_TYPE = "application/json; charset=utf-8";

function sendJson(res: Response, body: Buffer, gzipped: boolean): void {
  // What res.json() would send, minus its serialisation: the body is already UTF-8 JSON. Any answer
  // of these routes may be compressed, so caches between here and the client must key on the encoding.
  const { headers } = res.req;
  const conditional = headers["if-none-match"] !== undefined || headers["if-modified-since"] !== undefined;
  if (conditional || res.statusCode !== 200 || res.getHeader("Vary") !== undefined) {
    // Express's way, with its conditional GET (these answers carry no validator, but `If-None-Match: *` is still a 304).
    res.vary("Accept-Encoding");
    res.set("Content-Type", JSON_TYPE);
    if (gzipped) res.set("Content-Encoding", "gzip");
    res.send(body);
    return;
  }
  // The same headers and bytes set directly: res.vary, res.set and res.send check again what is
  // fixed here, ~8% of the main thread's time per neighbourhood answer under the bench's load.
  res.setHeader("Vary", "Accept-Encoding");
  res.setHeader("Content-Type", JSON_TYPE);
  if (gzipped) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.end(body);
}
