// The overview answer (every pattern with its x,y, every link), laid out once per loaded library and
// cached. Each request asks only the store's library version (cheap); when it changed, by any means
// (--watch, a re-ingest into Neo4j by another process), the overview is read and hashed again, and
// laid out again if its content changed, so nothing stale is served and the ETag follows the content.
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { GraphStore } from "../graph/index.ts";
import type { LayoutOptions } from "../graph/layout.ts";
import type { Logger } from "./logger.ts";
import { createOverviewThread } from "./overview-thread.ts";

export interface CachedOverview {
  /** Quoted strong ETag: the hash of the library's overview. */
  etag: string;
  /** The serialised OverviewResponse, sent as is. */
  json: string;
  /** The same, gzipped once: about a tenth of the size for the explorer's first load. */
  gzipped: Buffer;
  layoutMs: number;
}

export interface OverviewCache {
  /** The overview of what the store holds now; computes the layout only when the library changed. */
  get(): Promise<CachedOverview>;
}

export function createOverviewCache(store: GraphStore, logger: Logger, layoutOptions: LayoutOptions = {}): OverviewCache {
  let cached: CachedOverview | undefined;
  /** The library version `cached` was last confirmed for: while the store reports it, nothing is read or hashed. */
  let cachedVersion: string | undefined;
  // Concurrent requests for one version share one reading, hashing and layout.
  let pending: { version: string; promise: Promise<CachedOverview> } | undefined;
  // Hashing, laying out and serialising run there (overview-thread.ts), not on the server's thread.
  const thread = createOverviewThread((message) => logger.warn(`${message}; the overview is laid out on the main thread.`));

  const refresh = async (version: string): Promise<CachedOverview> => {
    // The library may have changed: read it, and lay it out again only if its content did (a
    // --watch reload of unchanged files, or a restore in Neo4j, keeps the layout and the ETag).
    const overview = await store.overview();
    // Confirmed for `version` only if nothing changed while the overview was read.
    const stable = (await store.version()) === version;
    const previous = cached;
    const made = await thread.make(overview, previous?.etag, layoutOptions);
    let result: CachedOverview;
    if (made.json === undefined && previous) result = previous;
    else {
      const json = made.json!;
      result = { etag: made.etag, json, gzipped: await gzipAsync(json), layoutMs: made.layoutMs ?? 0 };
      logger.info(`Overview layout: ${overview.nodes.length} nodes in ${Math.round(result.layoutMs)} ms`);
    }
    cached = result;
    cachedVersion = stable ? version : undefined;
    return result;
  };

  return {
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
