// GET /api/overview: every pattern with x,y from the cached ForceAtlas2 layout, and every resolved link.
// Sent with a strong ETag (the library's hash) so a reload of the explorer can get a 304, and gzipped
// once per layout when the client accepts it (the answer is a few MB on a real library).
import type { RegisterRoutes } from "./context.ts";
import { readQuery } from "../parse-params.ts";

export const registerOverviewRoutes: RegisterRoutes = (router, { overview }) => {
  router.get("/api/overview", async (req, res) => {
    readQuery(req.query, []);
    const { etag, json, gzipped } = await overview.get();
    res.set("ETag", etag);
    res.set("Cache-Control", "no-cache");
    res.vary("Accept-Encoding");
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type("application/json");
    if (req.acceptsEncodings("gzip", "identity") === "gzip") {
      res.set("Content-Encoding", "gzip").send(gzipped);
      return;
    }
    res.send(json);
  });
};
