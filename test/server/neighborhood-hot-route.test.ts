// The hot route (server/neighborhood-hot-route.ts) answers GET /api/neighborhood/:slug before
// Express's router: every request must get what the route alone, behind Express's own middleware,
// gives (status, the headers a client reads, the body), whether the hot route answers it or hands
// it on (escapes, slashes, errors, HEAD, conditional requests).
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp, createRouteContext } from "../../server/app.ts";
import { errorMiddleware } from "../../server/http-errors.ts";
import { silentLogger } from "../../server/logger.ts";
import { parseQueryString } from "../../server/parse-params.ts";
import { neighborhoodRoute } from "../../server/routes/neighborhood.ts";
import { securityHeaders } from "../../server/security-headers.ts";
import { EXAMPLE_LIBRARY } from "./helpers.ts";

/** The neighbourhood route as the app served it before the hot route: Express, its security headers, the route, the error middleware. */
function routeAlone(store: ReturnType<typeof createMemoryStore>): express.Express {
  const context = createRouteContext({ store, logger: silentLogger, responseCacheMb: 0 });
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", parseQueryString);
  app.use(securityHeaders());
  const router = express.Router({ strict: false, caseSensitive: true });
  neighborhoodRoute.register(router, context);
  app.use(router);
  app.use(errorMiddleware(silentLogger));
  return app;
}

const HEADERS = ["content-type", "content-length", "content-encoding", "vary", "x-content-type-options", "referrer-policy", "x-frame-options", "content-security-policy"];

async function answer(app: express.Express, method: "get" | "head", url: string, headers: Record<string, string> = {}) {
  const res = await request(app)[method](url).set(headers).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
    r.on("end", () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, headers: Object.fromEntries(HEADERS.map((h) => [h, res.headers[h]])), body: (res.body as Buffer).toString() };
}

describe("the neighbourhood's hot route", () => {
  it("answers every request as the route behind Express does", async () => {
    const library = await loadLibrary(EXAMPLE_LIBRARY);
    const slug = library.patterns[0]!.slug;
    const store = createMemoryStore(library);
    const app = createApp({ store, logger: silentLogger, responseCacheMb: 0 });
    const alone = routeAlone(store);
    const urls = [
      `/api/neighborhood/${slug}`,
      `/api/neighborhood/${slug}?depth=2`,
      `/api/neighborhood/${slug}?depth=2&limit=3&direction=out`,
      `/api/neighborhood/${slug}?types=enables,requires`,
      `/api/neighborhood/${slug}/?depth=1`,
      `/api/neighborhood/${encodeURIComponent(slug).replace(/-/g, "%2D")}?depth=1`,
      `/api/neighborhood/${slug}?depth=9`,
      `/api/neighborhood/${slug}?dept=2`,
      `/api/neighborhood/${slug}?depth=2&depth=3`,
      `/api/neighborhood/${slug}?depth=%E0%A4%A`,
      `/api/neighborhood/${slug}?types=nonsense`,
      `/api/neighborhood/${slug}?group=`,
      `/api/neighborhood/${slug.slice(0, -1)}?depth=2`,
      `/api/neighborhood/no-such-pattern-at-all`,
    ];
    for (const url of urls) {
      for (const method of ["get", "head"] as const) {
        expect(await answer(app, method, url), `${method} ${url}`).toEqual(await answer(alone, method, url));
      }
      expect(await answer(app, "get", url, { "If-None-Match": "*" }), `conditional ${url}`).toEqual(await answer(alone, "get", url, { "If-None-Match": "*" }));
    }
    // The cases reach what they are for: answers, a 400 naming the parameter, a 404 with suggestions, a 304.
    expect((await answer(app, "get", urls[1]!)).status).toBe(200);
    expect(JSON.parse((await answer(app, "get", urls[7]!)).body)).toMatchObject({ error: { details: { parameter: "dept" } } });
    expect((await answer(app, "get", urls[12]!)).status).toBe(404);
    expect((await answer(app, "get", urls[1]!, { "If-None-Match": "*" })).status).toBe(304);
  }, 60_000);
});
