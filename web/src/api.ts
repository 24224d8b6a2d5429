// Typed client for the Pattern Atlas JSON API. The explorer talks to the server over HTTP only;
// every call takes an AbortSignal so a view change cancels the requests of the previous view.
import type {
  ErrorBody,
  Direction,
  GapsGroupsPayload,
  GapsPatchResponse,
  GapsPayload,
  GapsWriteAccess,
  LibraryStats,
  Lineage,
  OverviewWire,
  PathResult,
  PatternDetail,
  SearchHit,
  Subgraph,
} from "./types.ts";
import type { ExportFormat } from "../../graph/export/formats.ts";

/** An API failure with the server's code and message (e.g. "No pattern 'x'. Did you mean 'y'?"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Slugs the server suggested for an unknown pattern, when it sent any. */
  get suggestions(): string[] {
    const details = this.details as { suggestions?: unknown } | undefined;
    const list = details?.suggestions;
    if (!Array.isArray(list)) return [];
    return list
      .map((s: unknown) => (typeof s === "string" ? s : (s as { slug?: unknown })?.slug))
      .filter((s): s is string => typeof s === "string");
  }
}

type Params = Record<string, string | number | boolean | undefined | null>;

class PrefetchStarted extends Error {}

export interface NeighborhoodQuery {
  depth: number;
  types: readonly string[] | null;
  direction: Direction;
  limit?: number;
  /** A left-out group of an earlier answer, and where its page starts. */
  group?: string;
  offset?: number;
}

/** `GET /api/gaps` filters and page (null/undefined: no filter). */
export interface GapsQuery {
  kind?: string | null;
  domain?: string | null;
  pattern?: string | null;
  /** Decided findings: hide (the server's default), show, only. */
  decided?: string | null;
  /** With `group`: the findings of that one group; alone (see `gapGroups`): groups. */
  groupBy?: string | null;
  group?: string | null;
  offset?: number;
  limit?: number;
}

export interface PathQuery {
  from: string;
  to: string;
  types: readonly string[] | null;
  directed: boolean;
  k: number;
  maxLength: number;
}

function buildUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return `${path}${query ? `?${query}` : ""}`;
}

/** Requests started early (see `api.prefetch`), keyed by URL; each is handed to the first caller. */
const prefetched = new Map<string, Promise<Response>>();
let prefetching = false;

async function getJson<T>(path: string, params: Params, signal?: AbortSignal): Promise<T> {
  const url = buildUrl(path, params);
  let pending = prefetched.get(url);
  prefetched.delete(url);
  if (prefetching) {
    // Recording mode: start the request without a signal; the real caller picks it up later.
    pending = fetch(url, { headers: { accept: "application/json" } });
    prefetched.set(url, pending);
    throw new PrefetchStarted();
  }
  const response = await (pending ?? fetch(url, { signal, headers: { accept: "application/json" } }));
  return readAnswer<T>(response, path);
}

/** An answer's JSON, or the ApiError its error body (or its status) describes. */
async function readAnswer<T>(response: Response, path: string): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, "bad_response", `The server answered ${path} with something that is not JSON.`);
  }
  if (!response.ok) {
    const error = (body as ErrorBody | null)?.error;
    throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `The server answered ${response.status} for ${path}.`, error?.details);
  }
  return body as T;
}

function gapsParams(q: GapsQuery): Params {
  return { kind: q.kind, domain: q.domain, pattern: q.pattern, decided: q.decided === "hide" ? undefined : q.decided, groupBy: q.groupBy, group: q.group, offset: q.offset, limit: q.limit };
}

/** POSTs a JSON body (same origin) and reads the JSON answer, or throws its ApiError. */
async function sendJson<T>(path: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { method: "POST", signal, headers: { accept: "application/json", "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return readAnswer<T>(response, path);
}

const typesParam = (types: readonly string[] | null): string | undefined =>
  types === null ? undefined : types.join(",");

const enc = encodeURIComponent;

export const api = {
  stats: (signal?: AbortSignal) => getJson<LibraryStats>("/api/stats", {}, signal),

  async search(q: string, limit: number, signal?: AbortSignal): Promise<SearchHit[]> {
    const body = await getJson<SearchHit[] | { hits: SearchHit[] } | { results: SearchHit[] }>("/api/search", { q, limit }, signal);
    if (Array.isArray(body)) return body;
    return "hits" in body ? body.hits : body.results;
  },

  pattern: (slug: string, signal?: AbortSignal) => getJson<PatternDetail>(`/api/patterns/${enc(slug)}`, {}, signal),

  neighborhood: (slug: string, q: NeighborhoodQuery, signal?: AbortSignal) =>
    getJson<Subgraph>(
      `/api/neighborhood/${enc(slug)}`,
      { depth: q.depth, types: typesParam(q.types), direction: q.direction, limit: q.limit, group: q.group, offset: q.offset },
      signal,
    ),

  lineage: (slug: string, depth: number, signal?: AbortSignal) =>
    getJson<Lineage>(`/api/lineage/${enc(slug)}`, { depth }, signal),

  paths: (q: PathQuery, signal?: AbortSignal) =>
    getJson<PathResult>(
      "/api/paths",
      { from: q.from, to: q.to, types: typesParam(q.types), directed: q.directed, k: q.k, maxLength: q.maxLength },
      signal,
    ),

  /** The overview's first part (the most linked patterns and the regions), or with `part: "rest"` the others. */
  overview: (signal?: AbortSignal, part: "first" | "rest" = "first") => getJson<OverviewWire>("/api/overview", part === "first" ? {} : { part }, signal),

  gaps: (q: GapsQuery, signal?: AbortSignal) =>
    getJson<GapsPayload>("/api/gaps", gapsParams(q), signal),

  /** A page of groups of the findings (`groupBy` required, `group` ignored). */
  gapGroups: (q: GapsQuery & { groupBy: string }, signal?: AbortSignal) =>
    getJson<GapsGroupsPayload>("/api/gaps", { ...gapsParams(q), group: undefined }, signal),

  /** The patch of exactly these findings (nothing is written). */
  gapsPatch: (ids: readonly string[], signal?: AbortSignal) => sendJson<GapsPatchResponse>("/api/gaps/patch", { ids }, {}, signal),

  /** Whether Apply may write here, and its token. */
  gapsWriteAccess: (signal?: AbortSignal) => getJson<GapsWriteAccess>("/api/gaps/write-access", {}, signal),

  /** Writes the findings' fixes into the library (only on a server started with --allow-write). */
  gapsApply: (ids: readonly string[], access: { token: string; header: string }, signal?: AbortSignal) =>
    sendJson<GapsPatchResponse>("/api/gaps/apply", { ids }, { [access.header]: access.token }, signal),

  /** Where the same findings download as JSON, CSV or a Markdown report (every page, same filters). */
  /** The whole library as a graph file (`GET /api/export`), for a download link. */
  exportUrl: (format: ExportFormat) => buildUrl("/api/export", { format }),
  gapsExportUrl: (format: "json" | "csv" | "md", q: Pick<GapsQuery, "kind" | "domain" | "pattern" | "decided">) =>
    buildUrl(`/api/gaps/export.${format}`, { kind: q.kind, domain: q.domain, pattern: q.pattern, decided: q.decided === "hide" ? undefined : q.decided }),

  /**
   * Starts the request(s) `call` would make, without waiting: the next identical call gets the
   * same response instead of asking again. Used to overlap the first view's data with start-up.
   */
  prefetch(call: () => Promise<unknown>): void {
    prefetching = true;
    try {
      call().catch(() => {});
    } finally {
      prefetching = false;
    }
  },
};

export type Api = typeof api;

export const isAbort = (error: unknown): boolean =>
  error instanceof DOMException && error.name === "AbortError";
