// GET /api/neighborhood/:slug answered before Express's router: the explorer's most asked and
// heaviest query route (a depth-2 answer is ~190 KB). Express's per-request work around it (the
// security headers middleware, matching the router's layers, its query getter) was ~10% of the
// main thread's time per answer under the bench's load; here a plain URL is split by hand and the
// route's own parsing and sending (routes/neighborhood.ts) do the rest, so both answer alike. Any URL
// out of the ordinary (percent-escapes, a slash in the slug, another method) and any input error go on
// to Express, which answers them as it always has; a store error goes to the error middleware.
import type { RequestHandler } from "express";
import type { RouteContext } from "./routes/context.ts";
import { parseNeighborhoodRequest, sendNeighborhood } from "./routes/neighborhood.ts";
import { parseQueryString } from "./parse-params.ts";
import { UNFRAMED_HEADERS } from "./security-headers.ts";

const PREFIX = "/api/neighborhood/";
/** A slug segment taken as it is: anything else (escapes, slashes, `#`) is left to Express's own URL handling. */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** The hot route as middleware, registered before every other (security headers included, which it sets itself). */
export function neighborhoodHotRoute(context: Pick<RouteContext, "store" | "answers" | "libraryLinkTypes">): RequestHandler {
  return (req, res, next) => {
    const url = req.url;
    if (req.method !== "GET" || !url.startsWith(PREFIX)) return next();
    const mark = url.indexOf("?", PREFIX.length);
    const segment = mark === -1 ? url.slice(PREFIX.length) : url.slice(PREFIX.length, mark);
    const search = mark === -1 ? "" : url.slice(mark + 1);
    if (!PLAIN_SEGMENT.test(segment) || search.includes("#")) return next();
    let query: ReturnType<typeof parseQueryString>;
    try {
      query = parseQueryString(search);
    } catch {
      return next();
    }
    parseNeighborhoodRequest(segment, query, context.libraryLinkTypes).then(
      (parsed) => {
        for (const [name, value] of UNFRAMED_HEADERS) res.setHeader(name, value);
        sendNeighborhood(context, req, res, parsed).catch(next);
      },
      () => next(),
    );
  };
}
