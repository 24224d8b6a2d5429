// The overview kept with each stored copy in Neo4j, so that a server in database mode never holds the
// library for it: whoever loads a copy (`pattern-atlas ingest --neo4j`, or a server started with
// --library and NEO4J_URI) lays it out and writes its two parts, gzipped, as attachments of the copy
// (graph/copy-attachments.ts); a server reads the first part (bounded by FIRST_PART_MAX_*) into memory
// and streams the rest from Neo4j chunk by chunk on each request. Same bytes as the server would make
// from store.overview() with the same options: overviewParts (overview-json.ts) makes both.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { linkView, patternNodeView, type AttachmentReader, type CopyAttachmentMaker, type Library, type OverviewGraph } from "../graph/index.ts";
import type { OverviewLayoutInfo, OverviewPart } from "../core/overview-wire.ts";
import { layoutCacheDir } from "./overview-disk-cache.ts";
import { overviewParts, partEtag, type OverviewOptions, type OverviewParts } from "./overview-json.ts";
import { createOverviewThread, type OverviewThread } from "./overview-thread.ts";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Bumped when what is stored changes shape: older attachments are then not found, and made again at the next load. */
const STORED_OVERVIEW_FORMAT = 1;

/** A part held in memory: its JSON and the same gzipped. */
export interface HeldPart {
  etag: string;
  json: string;
  gzipped: Buffer;
}

/** A part read from Neo4j on each request: its sizes, and its gzipped bytes chunk by chunk. */
export interface StreamedPart {
  etag: string;
  bytes: number;
  gzippedBytes: number;
  gzipped(): Readable;
}

interface PartMeta {
  format: number;
  etag: string;
  bytes: number;
  patterns: number;
  layout: OverviewLayoutInfo;
}

/** The layout options that change the answer (the disk cache's folder does not). */
function optionsKey(options: OverviewOptions): string {
  const { cacheDir: _ignored, ...rest } = options;
  return createHash("sha1").update(JSON.stringify(rest)).digest("base64url").slice(0, 16);
}

/** The attachment name of one part for these options. */
export function storedPartName(part: OverviewPart, options: OverviewOptions): string {
  return `overview/${STORED_OVERVIEW_FORMAT}/${optionsKey(options)}/${part}`;
}

/** The overview of a copy as the stores give it (store.overview()): patterns by slug, links by linkKey. */
function overviewOfCopy(library: Library, degree: (slug: string) => number): OverviewGraph {
  return { nodes: library.patterns.map((p) => patternNodeView(p, degree(p.slug))), links: library.links.map(linkView) };
}

/**
 * What a load stores with each copy: the overview laid out (ForceAtlas2, or read back or warm-started
 * from `options.cacheDir`) and written as its two parts, gzipped. Laid out on `thread` when one is
 * given (a server reloading with --watch keeps answering meanwhile), else on the calling thread.
 */
export function overviewAttachments(options: OverviewOptions, onMade: (message: string) => void = () => undefined, thread?: OverviewThread): CopyAttachmentMaker {
  return {
    names: [storedPartName("first", options), storedPartName("rest", options)],
    async make({ copy, library, degree }) {
      const overview = overviewOfCopy(library, degree);
      // The copy id (without its namespace) already names the content; the options complete the layout's key.
      const key = createHash("sha1").update(copy.slice(copy.indexOf("/") + 1)).update(optionsKey(options)).digest("base64url");
      const parts: OverviewParts = thread ? await laidOutOn(thread, overview, options) : overviewParts(overview, options, key);
      onMade(`Overview layout: ${overview.nodes.length} nodes in ${Math.round(parts.layout.ms)} ms, stored with the copy`);
      const attachment = async (part: OverviewPart, json: string) => {
        const meta: PartMeta = { format: STORED_OVERVIEW_FORMAT, etag: partEtag(json), bytes: Buffer.byteLength(json), patterns: overview.nodes.length, layout: parts.layout };
        return { name: storedPartName(part, options), meta: JSON.stringify(meta), bytes: await gzipAsync(json) };
      };
      return [await attachment("first", parts.first), await attachment("rest", parts.rest)];
    },
  };
}

async function laidOutOn(thread: OverviewThread, overview: OverviewGraph, options: OverviewOptions): Promise<OverviewParts> {
  const made = await thread.make(overview, undefined, options);
  if (!made.parts) throw new Error("the overview thread gave no parts for an overview it did not know");
  return made.parts;
}

/**
 * The maker a server or the ingest command gives its Neo4j store: the default options, the layout
 * disk cache, laid out on the overview thread (overview-thread.ts; on this thread if it cannot run).
 */
export function storedOverviewMaker(log?: (line: string) => void): CopyAttachmentMaker {
  const dir = layoutCacheDir();
  const thread = createOverviewThread((message) => log?.(`${message}; the stored overview is laid out on the main thread.`));
  return overviewAttachments(dir ? { cacheDir: dir } : {}, log, thread);
}

export interface StoredOverview {
  first: HeldPart;
  rest: StreamedPart;
  layout: OverviewLayoutInfo;
  patterns: number;
}

function parseMeta(text: string): PartMeta | undefined {
  try {
    const meta = JSON.parse(text) as Partial<PartMeta>;
    return meta.format === STORED_OVERVIEW_FORMAT && typeof meta.etag === "string" && typeof meta.bytes === "number" && meta.layout ? (meta as PartMeta) : undefined;
  } catch {
    return undefined;
  }
}

/** The overview stored with the copy `version`, or undefined when that copy has none for these options. */
export async function readStoredOverview(store: AttachmentReader, version: string, options: OverviewOptions): Promise<StoredOverview | undefined> {
  const [first, rest] = await Promise.all([store.readAttachment(version, storedPartName("first", options)), store.readAttachment(version, storedPartName("rest", options))]);
  const firstMeta = first && parseMeta(first.meta);
  const restMeta = rest && parseMeta(rest.meta);
  if (!first || !rest || !firstMeta || !restMeta) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of first.chunks()) chunks.push(chunk);
  const gzipped = Buffer.concat(chunks);
  const json = (await gunzipAsync(gzipped)).toString("utf8");
  return {
    first: { etag: firstMeta.etag, json, gzipped },
    rest: { etag: restMeta.etag, bytes: restMeta.bytes, gzippedBytes: rest.size, gzipped: () => Readable.from(rest.chunks(), { objectMode: false }) },
    layout: firstMeta.layout,
    patterns: firstMeta.patterns,
  };
}
