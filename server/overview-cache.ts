// The overview answer (every pattern with its x,y, every link, in two parts), laid out once per loaded
// library and cached. Each request asks only the store's library version (cheap); when it changed, by
// any means (--watch, a re-ingest into Neo4j by another process), the overview is read and hashed
// again, and laid out again if its content changed, so nothing stale is served and the ETag follows it.
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { GraphStore, OverviewGraph } from "../graph/index.ts";
import { hasCopyAttachments } from "../graph/index.ts";
import type { OverviewLayoutInfo } from "../core/overview-wire.ts";
import type { Logger } from "./logger.ts";
import { overviewContentHash, partEtag, type OverviewOptions } from "./overview-json.ts";
import { readStoredOverview, type StreamedPart } from "./overview-stored.ts";
import { createOverviewThread, type MadeOverview } from "./overview-thread.ts";

export interface CachedPart {
  /** Quoted strong ETag: the hash of the part's bytes. */
  etag: string;
  /** The part's JSON (core/overview-wire.ts), sent as is. */
  json: string;
  /** The same, gzipped once: about a fifth of the size for the explorer's first load. */
  gzipped: Buffer;
}

export interface CachedOverview {
  /** The content hash the parts were made for (for an overview stored with a Neo4j copy: that copy's version). */
  hash: string;
  /** The rest of an overview stored with a Neo4j copy is not held: it is streamed from Neo4j on each request. */
  parts: { first: CachedPart; rest: CachedPart | StreamedPart };
  layout: OverviewLayoutInfo;
}

export interface OverviewCache {
  /** The overview of what the store holds now; computes the layout only when the library changed. */
  get(): Promise<CachedOverview>;
  /**
   * Starts laying out `overview`, the overview the store is expected to give once loaded (the
   * server's start-up: libraryOverview of the library it is preparing), so that the layout runs
   * while the store prepares. The next get() still reads the store's overview and hashes it: the
   * early work is used only when the hashes agree, and a get() finds the same answer either way.
   */
  prime(overview: OverviewGraph): void;
}

export function createOverviewCache(store: GraphStore, logger: Logger, options: OverviewOptions = {}): OverviewCache {
  let cached: CachedOverview | undefined;
  /** The library version `cached` was last confirmed for: while the store reports it, nothing is read or hashed. */
  let cachedVersion: string | undefined;
  // Concurrent requests for one version share one reading, hashing and layout.
  let pending: { version: string; promise: Promise<CachedOverview> } | undefined;
  // Hashing, laying out and serialising run there (overview-thread.ts), not on the server's thread.
  const thread = createOverviewThread((message) => logger.warn(`${message}; the overview is laid out on the main thread.`));
  /** The layout prime() started, until a refresh takes it. */
  let primed: Promise<MadeOverview | undefined> | undefined;

  const refresh = async (version: string): Promise<CachedOverview> => {
    // On Neo4j, the overview the load stored with the copy, if it did: nothing of the library is read.
    if (hasCopyAttachments(store)) {
      const stored = await readStoredOverview(store, version, options);
      if (stored) {
        const { first, rest, layout, patterns } = stored;
        if (cached?.hash !== version) logger.info(`Overview layout: ${patterns} nodes in ${layout.ms} ms (stored with the copy in Neo4j)`);
        cached = { hash: version, parts: { first, rest }, layout };
        cachedVersion = version;
        return cached;
      }
    }
    // The library may have changed: read it, and lay it out again only if its content did (a
    // --watch reload of unchanged files, or a restore in Neo4j, keeps the layout and the ETag).
    const overview = await store.overview();
    // Confirmed for `version` only if nothing changed while the overview was read.
    const stable = (await store.version()) === version;
    const previous = cached;
    // With a layout started early, this overview is hashed here while that layout may still run
    // (~0.15 s at ten times the 2026-02-20 library): equal, the early parts are its answer, and the
    // overview is not copied to the thread to be hashed there after the layout (~0.5 s more on the
    // path to a cold start's first overview at that size).
    const hash = primed ? overviewContentHash(overview, options) : undefined;
    const early = await primed;
    primed = undefined;
    const made = early?.parts && early.hash === hash ? early : await thread.make(overview, previous?.hash, options);
    const parts = made.parts;
    let result: CachedOverview;
    if (!parts && previous) result = previous;
    else {
      const { first, rest, layout, notes } = parts!;
      for (const note of notes) logger.warn(`Overview layout cache: ${note}`);
      const part = async (json: string): Promise<CachedPart> => ({ etag: partEtag(json), json, gzipped: await gzipAsync(json) });
      result = { hash: made.hash, parts: { first: await part(first), rest: await part(rest) }, layout };
      const how = layout.source === "disk" ? " (read from the layout cache)" : layout.source === "warm" ? " (warm start from the layout cache)" : "";
      const when = parts === early?.parts ? ", started while the store loaded" : "";
      logger.info(`Overview layout: ${overview.nodes.length} nodes in ${Math.round(layout.ms)} ms${how}${when}`);
    }
    cached = result;
    cachedVersion = stable ? version : undefined;
    return result;
  };

  return {
    prime(overview) {
      if (cached || primed) return;
      // At once: nothing is served before the store is loaded (see OverviewThread.make).
      primed = thread.make(overview, undefined, options, true).catch((err: unknown) => {
        logger.warn(`Overview layout started early failed: ${(err as Error).message}; it is made once the store is loaded.`);
        return undefined;
      });
    },
    async get() {
      const version = await store.version();
      if (cached && version === cachedVersion) return cached;
      if (pending?.version === version) return pending.promise;
      const promise = refresh(version);
      pending = { version, promise };
      try {
        return await promise;
      } finally {
        if (pending?.promise === promise) pending = undefined;
      }
    },
  };
}

const gzipAsync = promisify(gzip);
