// The overview answer (every pattern with its x,y, every link), laid out once per loaded library and
// cached. Each request asks only the store's library version (cheap); when it changed, by any means
// (--watch, a re-ingest into Neo4j by another process), the overview is read and hashed again, and
// laid out again if its content changed, so nothing stale is served and the ETag follows the content.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { GraphStore, LinkView, NodeView, OverviewGraph } from "../graph/index.ts";
import { computeOverviewLayout, type LayoutOptions } from "../graph/layout.ts";
import type { Logger } from "./logger.ts";

export interface OverviewNode extends NodeView {
  x: number;
  y: number;
}

export interface OverviewResponse {
  nodes: OverviewNode[];
  links: LinkView[];
  layout: { algorithm: "forceatlas2"; iterations: number; barnesHut: boolean; ms: number };
}

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
  // Concurrent first requests share one layout computation instead of each running ForceAtlas2.
  let pending: { etag: string; promise: Promise<CachedOverview> } | undefined;

  return {
    async get() {
      const version = await store.version();
      if (cached && version === cachedVersion) return cached;
      // The library may have changed: read it, and lay it out again only if its content did (a
      // --watch reload of unchanged files, or a restore in Neo4j, keeps the layout and the ETag).
      const overview = await store.overview();
      // Confirmed for `version` only if nothing changed while the overview was read.
      const stable = (await store.version()) === version;
      const etag = `"${fingerprint(overview)}"`;
      if (cached?.etag === etag) {
        if (stable) cachedVersion = version;
        return cached;
      }
      if (pending?.etag === etag) return pending.promise;
      const promise = buildOverview(overview, etag, layoutOptions).then((result) => {
        logger.info(`Overview layout: ${overview.nodes.length} nodes in ${Math.round(result.layoutMs)} ms`);
        return result;
      });
      pending = { etag, promise };
      try {
        const result = await promise;
        cached = result;
        cachedVersion = stable ? version : undefined;
        return result;
      } finally {
        if (pending?.promise === promise) pending = undefined;
      }
    },
  };
}

const gzipAsync = promisify(gzip);

async function buildOverview(overview: OverviewGraph, etag: string, layoutOptions: LayoutOptions): Promise<CachedOverview> {
  const layout = computeOverviewLayout(overview, layoutOptions);
  const response: OverviewResponse = {
    nodes: overview.nodes.map((node) => ({ ...node, ...(layout.positions.get(node.slug) ?? { x: 0, y: 0 }) })),
    links: overview.links,
    layout: {
      algorithm: "forceatlas2",
      iterations: layout.iterations,
      barnesHut: layout.barnesHut,
      ms: Math.round(layout.ms),
    },
  };
  const json = JSON.stringify(response);
  return { etag, json, gzipped: await gzipAsync(json), layoutMs: layout.ms };
}

/** A content hash of everything the overview answer is made of (any field a store adds included). */
function fingerprint(overview: OverviewGraph): string {
  return createHash("sha1").update(JSON.stringify(overview)).digest("base64url");
}
