// GET /api/gaps (filtered, paginated findings with counts per kind) and its exports (JSON, CSV,
// Markdown). The analysis runs on `store.exportLibrary()`, so both stores answer alike, once per
// loaded library (a new library version, a --watch reload or a re-ingest, starts a new one). The
// analysis and the answers are made on the gaps thread (gaps-thread.ts): the route checks the
// parameters' form and sends the bytes, gzipped for clients that take it.
import { Router, type Request, type Response } from "express";
import { getHeapStatistics } from "node:v8";
import { exportFileName, GAP_GROUP_BY, GAP_KINDS, isGapGroupBy, NO_DOMAIN, type GapKind, type GapOptions, type GapPatternInfo, type GapsExport, type GapsGroupsResponse, type GapsResponse } from "../../graph/gap-analysis.ts";

export type { GapPatternInfo, GapsExport, GapsGroupsResponse, GapsResponse };
import { ResourceLimitError, type GraphStore } from "../../graph/index.ts";
import type { ExtraRouter } from "../app.ts";
import type { GapsFormat, GapsJob, GapsQuery } from "../gaps-answers.ts";
import { createGapsThread, type GapsAnswer, type GapsThread } from "../gaps-thread.ts";
import { DECIDED_MODES, isDecidedMode, type GapsSelection } from "../../graph/gap-analysis.ts";
import { createDecisionsReader } from "../gaps-decisions-reader.ts";
import { GAPS_QUEUE_OPENAPI, registerGapsQueueRoutes, type WriteAccess } from "./gaps-queue.ts";
import { publicLibraryName } from "../library-name.ts";
import type { HistoryIndex } from "../../graph/algorithms/gaps-history.ts";
import type { OpenApiPathItem } from "../openapi.ts";
import { invalid, parseIntParam, parseSlug, parseTextParam, readQuery, type Query } from "../parse-params.ts";
import type { LibraryEvents } from "./events.ts";
import { createEventsRouter } from "./events.ts";

export const GAPS_LIMIT = { min: 1, max: 500, default: 50 } as const;
export const GAPS_OFFSET = { min: 0, max: 1_000_000, default: 0 } as const;

export interface GapsRouterOptions {
  store: GraphStore;
  /** When given, a new library version (a --watch reload) invalidates the analysis at once. */
  events?: LibraryEvents;
  analysis?: GapOptions;
  /** The served library folder's git history (undefined outside git, with --no-history, or for a snapshot or the database). */
  history?: () => Promise<HistoryIndex | undefined>;
  /** Hears of a gaps thread that failed (the answers then come from the main thread). */
  onThreadFailure?: (message: string) => void;
  /** The library folder the server reads (absent for a snapshot or the database): decisions, patches and Apply need it. */
  libraryFolder?: string;
  /** Whether Apply may write into the library (`--allow-write` on a loopback address), and why not. */
  write?: WriteAccess;
}

function parseKinds(query: Query): GapKind[] {
  const raw = query.kind;
  if (raw === undefined) return [];
  const parts = raw.split(",").map((s) => s.trim());
  for (const p of parts) {
    if (!(GAP_KINDS as readonly string[]).includes(p)) {
      throw invalid("kind", raw, `a comma-separated list of gap kinds from ${GAP_KINDS.join(", ")}`);
    }
  }
  return [...new Set(parts)] as GapKind[];
}

/** The filters' form; whether the domain or pattern exists is the analysis's answer (400 / 404). */
function parseFilter(query: Query): GapsQuery {
  const filter: GapsQuery = { kinds: parseKinds(query) };
  if (query.domain !== undefined) filter.domain = parseTextParam(query, "domain", { required: true }).trim();
  if (query.pattern !== undefined) filter.pattern = parseSlug("pattern", query.pattern);
  if (query.groupBy !== undefined) {
    if (!isGapGroupBy(query.groupBy)) throw invalid("groupBy", query.groupBy, `one of ${GAP_GROUP_BY.join(", ")}`);
    filter.groupBy = query.groupBy;
  }
  if (query.group !== undefined) {
    if (filter.groupBy === undefined) throw invalid("group", query.group, "a group's key together with groupBy");
    filter.group = parseTextParam(query, "group", { required: true });
  }
  if (query.decided !== undefined) {
    if (!isDecidedMode(query.decided)) throw invalid("decided", query.decided, `one of ${DECIDED_MODES.join(", ")}`);
    filter.decided = query.decided;
  }
  return filter;
}

const FILTER_PARAMS = ["kind", "domain", "pattern", "decided"] as const;
/** The routes that can answer groups (CSV stays one row per finding). */
const GROUPING_PARAMS = [...FILTER_PARAMS, "groupBy", "group"] as const;

const CONTENT_TYPES: Record<GapsFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

/**
 * Heap one gap analysis takes per pattern of the library, its exported copy and the answer
 * included: measured at ten times the 2026-02-20 library (35,710 patterns) after the caps on
 * candidates, with a margin (docs/performance.md).
 */
export const GAPS_BYTES_PER_PATTERN = 12 * 1024;

/**
 * Refuses an analysis the heap cannot hold, so the request fails with a 503 instead of the server
 * dying with "JavaScript heap out of memory". `heap` is v8's getHeapStatistics().
 * @throws ResourceLimitError naming the sizes and what to do instead.
 */
export function checkGapsBudget(patterns: number, heap: { used_heap_size: number; heap_size_limit: number }): void {
  const needed = patterns * GAPS_BYTES_PER_PATTERN;
  const free = heap.heap_size_limit - heap.used_heap_size;
  if (needed <= free) return;
  const mb = (bytes: number): number => Math.round(bytes / 1048576);
  throw new ResourceLimitError(
    `The gap analysis of ${patterns} patterns needs about ${mb(needed)} MB of heap; this server has ${mb(free)} MB free of ${mb(heap.heap_size_limit)} MB. ` +
      "Run it offline (`npm run gaps -- <folder>`), give the server more heap (NODE_OPTIONS=--max-old-space-size=...), or serve the library from Neo4j.",
    { limit: "heap", needed, free },
  );
}

/** The router for `/api/gaps` (mount it there): `/`, `/export.json`, `/export.csv`, `/export.md`. */
export function createGapsRouter(options: GapsRouterOptions): Router {
  const { store, events } = options;
  let thread: GapsThread | undefined;
  const router = Router({ strict: false, caseSensitive: true });

  const decisionsOf = createDecisionsReader(options.libraryFolder);

  /** The job's answer from the gaps thread; undefined when the client left before it came. */
  async function ask(req: Request, res: Response, job: GapsJob, gzipAllowed: boolean): Promise<GapsAnswer | undefined> {
    // The store's library version catches reloads made without the notifier (a re-ingest into
    // Neo4j by another process), for the price of a field read or one small query.
    const version = events?.version ?? 0;
    const key = `${version}\u0000${await store.version()}`;
    const gzip = gzipAllowed && req.acceptsEncodings("gzip", "identity") === "gzip";
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gone.abort(new Error("the client went away"));
    });
    thread ??= createGapsThread(options.analysis, options.onThreadFailure);
    const decisions = await decisionsOf();
    try {
      return await thread.answer({
        key,
        job: { ...job, ...(decisions ? { decisions } : {}) },
        gzip,
        signal: gone.signal,
        load: async () => {
          checkGapsBudget((await store.stats()).patterns, getHeapStatistics());
          const library = await store.exportLibrary();
          const history = await options.history?.();
          return { library, version, libraryName: publicLibraryName(library.root), ...(history ? { history } : {}) };
        },
      });
    } catch (error) {
      // Nobody is left to answer.
      if (gone.signal.aborted) return undefined;
      throw error;
    }
  }

  async function send(req: Request, res: Response, job: GapsJob, headers: Record<string, string>): Promise<void> {
    const answer = await ask(req, res, job, true);
    if (!answer) return;
    res.vary("Accept-Encoding");
    res.set(headers);
    if (answer.gzipped) res.set("Content-Encoding", "gzip");
    res.send(answer.body);
  }

  router.get("/", async (req, res) => {
    const query = readQuery(req.query, [...GROUPING_PARAMS, "offset", "limit"]);
    const offset = parseIntParam(query, "offset", GAPS_OFFSET);
    const limit = parseIntParam(query, "limit", GAPS_LIMIT);
    await send(req, res, { kind: "page", query: parseFilter(query), offset, limit }, { "Content-Type": CONTENT_TYPES.json });
  });

  const exporter = (format: GapsFormat) => async (req: Request, res: Response) => {
    const query = readQuery(req.query, format === "csv" ? [...FILTER_PARAMS] : [...GROUPING_PARAMS]);
    const filter = parseFilter(query);
    await send(req, res, { kind: "export", query: filter, format }, {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${exportFileName(filter, filter.groupBy, format)}"`,
    });
  };
  router.get("/export.json", exporter("json"));
  router.get("/export.csv", exporter("csv"));
  router.get("/export.md", exporter("md"));
  registerGapsQueueRoutes(router, {
    folder: options.libraryFolder,
    write: options.write ?? { allowed: false, reason: "start the server with --allow-write on a loopback address" },
    select: async (req, res, ids) => {
      const answer = await ask(req, res, { kind: "select", ids }, false);
      return answer ? (JSON.parse(answer.body.toString("utf8")) as GapsSelection) : undefined;
    },
  });
  return router;
}

const filterParams = [
  {
    name: "kind",
    in: "query",
    required: false,
    description: `Comma-separated gap kinds: ${GAP_KINDS.join(", ")}. All when absent.`,
    schema: { type: "string" },
  },
  {
    name: "domain",
    in: "query",
    required: false,
    description: `Only findings involving a pattern of this domain ("${NO_DOMAIN}": a pattern without one).`,
    schema: { type: "string" },
  },
  { name: "pattern", in: "query", required: false, description: "Only findings involving this pattern (slug).", schema: { type: "string" } },
];
const decidedParam = {
    name: "decided",
    in: "query",
    required: false,
    description: "Findings with a decision in the library's .pattern-atlas/decisions.yml: hide (default), show (with the open ones), only.",
    schema: { type: "string", enum: [...DECIDED_MODES], default: "hide" },
};
const groupParam = {
  name: "group",
  in: "query",
  required: false,
  description: "With groupBy: the findings of this one group (its key), paged as findings.",
  schema: { type: "string" },
};
const groupByParam = {
  name: "groupBy",
  in: "query",
  required: false,
  description:
    `Answer groups of the matching findings (\`groups\`, \`totalGroups\`; paging counts groups), the largest first: ${GAP_GROUP_BY.join(", ")}. ` +
    "target: a link's target as written (one group per distinct dangling target); file: the file the fix edits; pattern: the primary pattern.",
  schema: { type: "string", enum: [...GAP_GROUP_BY] },
};
const pageParams = [
  { name: "offset", in: "query", required: false, schema: { type: "integer", minimum: GAPS_OFFSET.min, maximum: GAPS_OFFSET.max, default: GAPS_OFFSET.default } },
  { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: GAPS_LIMIT.min, maximum: GAPS_LIMIT.max, default: GAPS_LIMIT.default } },
];
const errors = {
  "400": { description: "An invalid parameter (the body names it and what is allowed)." },
  "404": { description: "Unknown pattern slug, with suggestions." },
  "503": { description: "The store is unavailable." },
  "504": { description: "The gap analysis did not answer within 20 s (query_timeout; the message says what to ask for instead)." },
};

/** OpenAPI path items of the gaps and events routes, merged into /api/openapi.json by createApp. */
export const GAPS_OPENAPI: Record<string, OpenApiPathItem> = {
  "/api/gaps": {
    get: {
      summary: "Gaps in the library's links: findings with evidence and fixes (or groups of them), counts per kind, paginated.",
      parameters: [...filterParams, decidedParam, groupByParam, groupParam, ...pageParams],
      responses: {
        "200": {
          description:
            "GapsResponse, or GapsGroupsResponse with groupBy (see graph/gap-analysis.ts). A dangling finding's fix has an `action` " +
            "(replace, choose, create, repair, rewrite, remove), default `edits` (none for choose) and `choices` (each with a label, " +
            "confidence, reason and edits; a create-pattern edit carries the stub file); candidates found in the library's git history " +
            "have `via: \"history\"`; `joined` holds the one-sided findings a stale reference's fix settles too.",
        },
        ...errors,
      },
    },
  },
  "/api/gaps/export.json": {
    get: { summary: "Every matching finding as JSON (download), with every group when groupBy is given.", parameters: [...filterParams, decidedParam, groupByParam], responses: { "200": { description: "GapsExport" }, ...errors } },
  },
  "/api/gaps/export.csv": {
    get: { summary: "Every matching finding as CSV (RFC 4180).", parameters: [...filterParams, decidedParam], responses: { "200": { description: "text/csv" }, ...errors } },
  },
  "/api/gaps/export.md": {
    get: { summary: "A Markdown gap report: a checklist per kind, or per group with groupBy.", parameters: [...filterParams, decidedParam, groupByParam], responses: { "200": { description: "text/markdown" }, ...errors } },
  },
  ...GAPS_QUEUE_OPENAPI,
  "/api/events": {
    get: {
      summary: "Server-Sent Events: `hello` on connect, then `library-changed` (new stats) or `library-error` on each reload.",
      parameters: [],
      responses: { "200": { description: "text/event-stream" } },
    },
  },
};

/** The gaps router and the events stream, ready for `createApp({ extraRouters })`. */
export function gapsExtraRouters(options: GapsRouterOptions & { events: LibraryEvents }): ExtraRouter[] {
  return [
    { path: "/api/gaps", router: createGapsRouter(options), openapi: GAPS_OPENAPI },
    { path: "/api/events", router: createEventsRouter({ events: options.events }) },
  ];
}
