// The one shape of a route module, and what every route module receives: the store and the services
// built around it. One object, passed explicitly, so there are no singletons and tests can build an
// app around any store.
import type { Router } from "express";
import type { GraphStore } from "../../graph/index.ts";
import type { GapsService } from "../gaps-service.ts";
import type { LibraryEvents } from "../library-events.ts";
import type { Logger } from "../logger.ts";
import type { OpenApiDocument, RouteOpenApi } from "../openapi.ts";
import type { OverviewCache } from "../overview-cache.ts";
import type { LinkTypeLookup } from "../parse-params.ts";
import type { ResponseCache } from "../response-cache.ts";

/** Whether Apply may write gap fixes into the library folder, and why not. */
export type WriteAccess = { allowed: true } | { allowed: false; reason: string };

export interface RouteContext {
  store: GraphStore;
  logger: Logger;
  /** Link types present in the loaded library (asked only when a request names an unknown type). */
  libraryLinkTypes: LinkTypeLookup;
  overview: OverviewCache;
  /** Sends the query routes' answers, cached per library version (see response-cache.ts). */
  answers: ResponseCache;
  /** The library-change notifier: the gaps cache and the event stream listen to it. */
  events: LibraryEvents;
  /** The whole API's OpenAPI document, built from every route module's piece. */
  openapi: OpenApiDocument;
  /** The explorer's build folder; without index.html there, /embed falls through to the "not built" page. */
  webDist?: string;
  /** The server's public address (`--public-url`, no trailing slash) for oEmbed's absolute URLs. */
  publicUrl?: string;
  gaps: {
    /** The library folder the server reads (absent for a snapshot or the database): patches and Apply need it. */
    libraryFolder?: string;
    /** Whether Apply may write into the library (`--allow-write` on a loopback address). */
    write: WriteAccess;
    /** The gap analysis's answers, shared by the read routes and the writing side. */
    service: GapsService;
  };
}

/**
 * A routes/*.ts file exports one of these. `register` adds its handlers, with full paths
 * (`/api/...`), to the app's one router; `openapi` describes exactly those paths (a test checks
 * both ways), and createApp merges every module's piece into /api/openapi.json.
 */
export interface RouteModule {
  register(router: Router, context: RouteContext): void;
  openapi: RouteOpenApi;
}
