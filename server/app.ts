// createApp: the Express application around one GraphStore. Registers the JSON API routes, the health
// check, the OpenAPI document, the explorer's static files, security headers and the one error middleware.
import type { HistoryIndex } from "../graph/gaps/index.ts";
import express, { type Express, type Router } from "express";
import type { GraphStore } from "../graph/index.ts";
import { createGapsService } from "./gaps-service.ts";
import { apiNotFound, errorBody, errorMiddleware, methodNotAllowed, sendError } from "./http-errors.ts";
import { createLibraryEvents, type LibraryEvents } from "./library-events.ts";
import { consoleLogger, type Logger } from "./logger.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { createOverviewCache, type OverviewCache } from "./overview-cache.ts";
import type { OverviewOptions } from "./overview-json.ts";
import { parseQueryString } from "./parse-params.ts";
import { createResponseCache, DEFAULT_RESPONSE_CACHE_MB, type ResponseCache } from "./response-cache.ts";
import type { RouteContext, WriteAccess } from "./routes/context.ts";
import { ROUTES } from "./routes/index.ts";
import { securityHeaders } from "./security-headers.ts";
import { staticFiles } from "./static-files.ts";

export interface AppOptions {
  store: GraphStore;
  /** The explorer's build folder (web/dist). When absent or not built, `/` says how to build it. */
  webDist?: string;
  logger?: Logger;
  /** The library-change notifier main.ts's reload calls; a fresh one when absent. */
  events?: LibraryEvents;
  /** The overview's layout options and the bounds of its first part (tests); the defaults otherwise. */
  layoutOptions?: Omit<OverviewOptions, "cacheDir">;
  /** The overview layout's disk cache folder (server/overview-disk-cache.ts); none: no disk cache. */
  layoutCacheDir?: string;
  /** An overview cache made before the app (main.ts primes it while the store loads); else one made with the two options above. */
  overview?: OverviewCache;
  /** Log each request with its status and time (`--dev`). */
  logRequests?: boolean;
  /** The server's public address (`--public-url`) for oEmbed's absolute URLs; without it they are relative. */
  publicUrl?: string;
  /** The served library folder's git history for the gap analysis (main.ts gives it for a --library in git). */
  gapsHistory?: () => Promise<HistoryIndex | undefined>;
  /** Budget of the cache of serialised query answers, in MB (default DEFAULT_RESPONSE_CACHE_MB for the store's kind); 0 turns it off. */
  responseCacheMb?: number;
  /**
   * The library folder served (decisions, the selection's patch), whether Apply may write into it,
   * and the gaps thread's heap in MB (default GAPS_THREAD_HEAP_MB).
   */
  gaps?: { libraryFolder?: string; write?: WriteAccess; threadHeapMb?: number };
}

export interface RouteInfo {
  method: string;
  /** Express path, e.g. `/api/patterns/:slug`. */
  path: string;
}

/** The Express app plus the handles main.ts needs: the overview cache (to warm it) and the route list. */
export type AtlasApp = Express & {
  readonly atlas: {
    overview: OverviewCache;
    /** The cache of serialised query answers (its counters, for the benchmark and the logs). */
    answers: ResponseCache;
    /** Tell it about each reload: the gaps cache and the explorer's event stream listen. */
    events: LibraryEvents;
    /** Every route the app answers, for the OpenAPI check. */
    routes(): RouteInfo[];
  };
};

/** The OpenAPI document of every route module: the same for every app, so made once. */
const OPENAPI = buildOpenApiDocument(ROUTES);

/** What the route modules receive: the store and the services built around it for one app. */
export function createRouteContext(options: AppOptions): RouteContext {
  const { store } = options;
  const logger = options.logger ?? consoleLogger;
  const events = options.events ?? createLibraryEvents();
  return {
    store,
    logger,
    overview: options.overview ?? createOverviewCache(store, logger, { ...options.layoutOptions, ...(options.layoutCacheDir ? { cacheDir: options.layoutCacheDir } : {}) }),
    answers: createResponseCache(store, Math.round((options.responseCacheMb ?? DEFAULT_RESPONSE_CACHE_MB[store.kind]) * 2 ** 20)),
    libraryLinkTypes: async () => {
      const stats = await store.stats();
      return new Set([...Object.keys(stats.linksByType), ...Object.keys(stats.danglingByType)]);
    },
    events,
    openapi: OPENAPI,
    webDist: options.webDist,
    publicUrl: options.publicUrl,
    gaps: {
      libraryFolder: options.gaps?.libraryFolder,
      write: options.gaps?.write ?? { allowed: false, reason: "start the server with --allow-write on a loopback address" },
      service: createGapsService({
        store,
        events,
        libraryFolder: options.gaps?.libraryFolder,
        history: options.gapsHistory,
        ...(options.gaps?.threadHeapMb === undefined ? {} : { threadHeapMb: options.gaps.threadHeapMb }),
        onThreadFailure: (message) => logger.warn(`${message}; gaps are answered on the main thread.`),
        info: (message) => logger.info(message),
        warn: (message) => logger.warn(message),
      }),
    },
  };
}

export function createApp(options: AppOptions): AtlasApp {
  const context = createRouteContext(options);
  const { logger, overview, answers, events } = context;
  const app = express();
  app.disable("x-powered-by");
  // Hashing every JSON answer for a weak ETag costs more than it saves on query results; the overview,
  // the one large answer a client re-fetches, sets its own strong ETag. Static files keep theirs.
  app.set("etag", false);
  app.set("query parser", parseQueryString);
  if (options.logRequests) {
    app.use((req, res, next) => {
      const started = performance.now();
      res.on("finish", () => logger.info(`${req.method} ${req.originalUrl} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`));
      next();
    });
  }
  app.use(securityHeaders());

  const api = express.Router({ strict: false, caseSensitive: true });
  for (const route of ROUTES) route.register(api, context);
  const routes = listRoutes(api);
  // A route's path asked with another method: 405 with Allow.
  for (const [path, methods] of groupByPath(routes)) api.all(path, methodNotAllowed(methods));
  app.use(api);
  app.use("/api", apiNotFound());
  app.use(staticFiles(options.webDist));
  app.use((req, res) => {
    sendError(res, 404, errorBody("not_found", `Nothing at ${req.method} ${req.path}.`, { method: req.method, path: req.path }));
  });
  app.use(errorMiddleware(logger));

  return Object.assign(app, {
    atlas: {
      overview,
      answers,
      events,
      routes: () => [...routes],
    },
  });
}

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** The GET/POST/... routes registered directly on a router. */
export function listRoutes(router: Router): RouteInfo[] {
  const stack = (router as unknown as { stack: RouteLayer[] }).stack;
  const routes: RouteInfo[] = [];
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== "string") continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== "_all") routes.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return routes;
}

function groupByPath(routes: RouteInfo[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const { method, path } of routes) {
    const methods = byPath.get(path) ?? [];
    methods.push(method);
    if (method === "GET" && !methods.includes("HEAD")) methods.push("HEAD");
    byPath.set(path, methods);
  }
  return byPath;
}
