// GET /api/gaps (filtered, paginated findings with counts per kind) and its exports (JSON, CSV,
// Markdown). The analysis runs on `store.exportLibrary()`, so both stores answer alike, and is cached
// per loaded library: recomputed when the library version changes (a --watch reload) or its stats do.
import { Router, type Request, type Response } from "express";
import { distance } from "fastest-levenshtein";
import {
  analyseGaps,
  countFindings,
  filterFindings,
  findingsToCsv,
  findingsToMarkdown,
  GAP_KIND_INFO,
  GAP_KINDS,
  NO_DOMAIN,
  type GapFilter,
  type GapFinding,
  type GapKind,
  type GapOptions,
  type GapPatternInfo,
  type GapReport,
  type GapsExport,
  type GapsResponse,
} from "../../graph/gap-analysis.ts";

export type { GapPatternInfo, GapsExport, GapsResponse };
import { NotFoundError, type GraphStore, type Pattern } from "../../graph/index.ts";
import type { ExtraRouter } from "../app.ts";
import { publicLibraryName } from "../library-name.ts";
import type { OpenApiPathItem } from "../openapi.ts";
import { invalid, parseIntParam, parseSlug, parseTextParam, readQuery, type Query } from "../parse-params.ts";
import type { LibraryEvents } from "./events.ts";
import { createEventsRouter } from "./events.ts";

export const GAPS_LIMIT = { min: 1, max: 500, default: 50 } as const;
export const GAPS_OFFSET = { min: 0, max: 1_000_000, default: 0 } as const;

interface CachedAnalysis {
  report: GapReport;
  patterns: Map<string, Pattern>;
  domains: Set<string>;
  analysisMs: number;
  version: number;
  fingerprint: string;
}

export interface GapsRouterOptions {
  store: GraphStore;
  /** When given, a new library version (a --watch reload) invalidates the cached analysis at once. */
  events?: LibraryEvents;
  analysis?: GapOptions;
}

/** The analysis of what the store holds now, computed once per library (concurrent callers share it). */
export function createGapsCache({ store, events, analysis }: GapsRouterOptions): () => Promise<CachedAnalysis> {
  let cached: CachedAnalysis | undefined;
  let pending: { key: string; promise: Promise<CachedAnalysis> } | undefined;
  return async () => {
    const version = events?.version ?? 0;
    // The store's library version catches reloads made without the notifier (a re-ingest into
    // Neo4j by another process), every edit included, for the price of a field read or one small query.
    const fingerprint = await store.version();
    const key = `${version}\u0000${fingerprint}`;
    if (cached && cached.version === version && cached.fingerprint === fingerprint) return cached;
    if (pending?.key === key) return pending.promise;
    const promise = (async () => {
      const library = await store.exportLibrary();
      const started = performance.now();
      const report = analyseGaps(library, analysis);
      const analysisMs = Math.round(performance.now() - started);
      const domains = new Set<string>();
      for (const f of report.findings) for (const d of f.domains) domains.add(d);
      // The report names the library by its folder's name only: the server's paths are not the clients' business.
      report.library.root = publicLibraryName(report.library.root);
      return { report, patterns: new Map(library.patterns.map((p) => [p.slug as string, p])), domains, analysisMs, version, fingerprint };
    })();
    pending = { key, promise };
    try {
      cached = await promise;
      return cached;
    } finally {
      if (pending?.promise === promise) pending = undefined;
    }
  };
}

function parseKinds(query: Query): GapKind[] {
  const raw = query.kind;
  if (raw === undefined || raw.trim() === "") return [];
  const parts = raw.split(",").map((s) => s.trim());
  for (const p of parts) {
    if (!(GAP_KINDS as readonly string[]).includes(p)) {
      throw invalid("kind", raw, `a comma-separated list of gap kinds from ${GAP_KINDS.join(", ")}`);
    }
  }
  return [...new Set(parts)] as GapKind[];
}

function parseFilter(query: Query, cache: CachedAnalysis): GapFilter & { kinds: GapKind[] } {
  const kinds = parseKinds(query);
  const filter: GapFilter & { kinds: GapKind[] } = { kinds };
  if (query.domain !== undefined) {
    const domain = parseTextParam(query, "domain", { required: true }).trim();
    const known = new Set<string>([NO_DOMAIN, ...[...cache.patterns.values()].map((p) => p.domain ?? NO_DOMAIN)]);
    if (!known.has(domain)) throw invalid("domain", domain, `a domain of the library: ${[...known].sort().join(", ")}`);
    filter.domain = domain;
  }
  if (query.pattern !== undefined) {
    const slug = parseSlug("pattern", query.pattern);
    if (!cache.patterns.has(slug)) throw new NotFoundError(slug, suggestSlugs(slug, cache.patterns));
    filter.pattern = slug;
  }
  return filter;
}

function suggestSlugs(slug: string, patterns: Map<string, Pattern>): string[] {
  const wanted = slug.toLowerCase();
  return [...patterns.keys()]
    .map((s) => ({ s, d: distance(wanted, s) - (s.includes(wanted) || wanted.includes(s) ? 3 : 0) }))
    .filter((x) => x.d <= Math.max(3, wanted.length / 3))
    .sort((a, b) => a.d - b.d || (a.s < b.s ? -1 : 1))
    .slice(0, 5)
    .map((x) => x.s);
}

function describe(cache: CachedAnalysis, filter: GapFilter & { kinds: GapKind[] }, page: readonly GapFinding[]) {
  const patterns: Record<string, GapPatternInfo> = {};
  const add = (slug: string) => {
    const p = cache.patterns.get(slug);
    if (p && !patterns[slug]) patterns[slug] = { title: p.title, ...(p.domain ? { domain: p.domain } : {}), file: p.file };
  };
  for (const f of page) {
    f.patterns.forEach(add);
    f.candidates?.forEach((c) => add(c.slug));
    for (const l of f.links) {
      add(l.source);
      if (!l.dangling) add(l.target);
    }
  }
  const withoutKind = filterFindings(cache.report.findings, { domain: filter.domain, pattern: filter.pattern });
  return {
    library: cache.report.library,
    version: cache.version,
    filter: {
      kinds: filter.kinds,
      ...(filter.domain !== undefined ? { domain: filter.domain } : {}),
      ...(filter.pattern !== undefined ? { pattern: filter.pattern } : {}),
    },
    counts: cache.report.counts,
    filteredCounts: countFindings(withoutKind),
    patterns,
    kinds: GAP_KINDS.map((kind) => ({ kind, ...GAP_KIND_INFO[kind] })),
    domains: [...cache.domains].sort(),
  };
}

const FILTER_PARAMS = ["kind", "domain", "pattern"] as const;

/** The router for `/api/gaps` (mount it there): `/`, `/export.json`, `/export.csv`, `/export.md`. */
export function createGapsRouter(options: GapsRouterOptions): Router {
  const getAnalysis = createGapsCache(options);
  const router = Router({ strict: false, caseSensitive: true });

  router.get("/", async (req, res) => {
    const query = readQuery(req.query, [...FILTER_PARAMS, "offset", "limit"]);
    const offset = parseIntParam(query, "offset", GAPS_OFFSET);
    const limit = parseIntParam(query, "limit", GAPS_LIMIT);
    const cache = await getAnalysis();
    const filter = parseFilter(query, cache);
    const matching = filterFindings(cache.report.findings, filter);
    const page = matching.slice(offset, offset + limit);
    const body: GapsResponse = {
      ...describe(cache, filter, page),
      total: matching.length,
      offset,
      limit,
      findings: page,
      analysisMs: cache.analysisMs,
    };
    res.json(body);
  });

  const exporter = (format: "json" | "csv" | "md") => async (req: Request, res: Response) => {
    const query = readQuery(req.query, [...FILTER_PARAMS]);
    const cache = await getAnalysis();
    const filter = parseFilter(query, cache);
    const matching = filterFindings(cache.report.findings, filter);
    res.set("Content-Disposition", `attachment; filename="gaps.${format}"`);
    if (format === "json") {
      const body: GapsExport = { ...describe(cache, filter, matching), total: matching.length, findings: matching };
      res.json(body);
    } else if (format === "csv") {
      res.type("text/csv; charset=utf-8").send(findingsToCsv(matching));
    } else {
      const counts = filter.domain !== undefined || filter.pattern !== undefined ? countFindings(filterFindings(cache.report.findings, { ...filter, kinds: [] })) : undefined;
      res.type("text/markdown; charset=utf-8").send(findingsToMarkdown(cache.report, matching, { filter, ...(counts ? { counts } : {}) }));
    }
  };
  router.get("/export.json", exporter("json"));
  router.get("/export.csv", exporter("csv"));
  router.get("/export.md", exporter("md"));
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
const pageParams = [
  { name: "offset", in: "query", required: false, schema: { type: "integer", minimum: GAPS_OFFSET.min, maximum: GAPS_OFFSET.max, default: GAPS_OFFSET.default } },
  { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: GAPS_LIMIT.min, maximum: GAPS_LIMIT.max, default: GAPS_LIMIT.default } },
];
const errors = {
  "400": { description: "An invalid parameter (the body names it and what is allowed)." },
  "404": { description: "Unknown pattern slug, with suggestions." },
  "503": { description: "The store is unavailable." },
};

/** OpenAPI path items of the gaps and events routes, merged into /api/openapi.json by createApp. */
export const GAPS_OPENAPI: Record<string, OpenApiPathItem> = {
  "/api/gaps": {
    get: {
      summary: "Gaps in the library's links: findings with evidence and fixes, counts per kind, paginated.",
      parameters: [...filterParams, ...pageParams],
      responses: { "200": { description: "GapsResponse (see server/routes/gaps.ts)." }, ...errors },
    },
  },
  "/api/gaps/export.json": {
    get: { summary: "Every matching finding as JSON (download).", parameters: filterParams, responses: { "200": { description: "GapsExport" }, ...errors } },
  },
  "/api/gaps/export.csv": {
    get: { summary: "Every matching finding as CSV (RFC 4180).", parameters: filterParams, responses: { "200": { description: "text/csv" }, ...errors } },
  },
  "/api/gaps/export.md": {
    get: { summary: "A readable Markdown gap report.", parameters: filterParams, responses: { "200": { description: "text/markdown" }, ...errors } },
  },
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
