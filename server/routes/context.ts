// What every route module receives: the store and the services built around it. One object, passed
// explicitly, so there are no singletons and tests can build an app around any store.
import type { Router } from "express";
import type { GraphStore } from "../../graph/index.ts";
import type { Logger } from "../logger.ts";
import type { OverviewCache } from "../overview-cache.ts";
import type { LinkTypeLookup } from "../parse-params.ts";
import type { ResponseCache } from "../response-cache.ts";

export interface RouteContext {
  store: GraphStore;
  logger: Logger;
  /** Link types present in the loaded library (asked only when a request names an unknown type). */
  libraryLinkTypes: LinkTypeLookup;
  overview: OverviewCache;
  /** Sends the query routes' answers, cached per library version (see response-cache.ts). */
  answers: ResponseCache;
}

/** Each routes/*.ts file exports one of these; it registers full paths (`/api/...`) on the given router. */
export type RegisterRoutes = (router: Router, context: RouteContext) => void;
