// GET /api/overview: every pattern with x,y from the cached ForceAtlas2 layout, and every resolved link.
// Sent with a strong ETag (the library's hash) so a reload of the explorer can get a 304, and gzipped
// once per layout when the client accepts it (the answer is a few MB on a real library).
import { arrayOf, bool, get, int, num, object, ok, ref, str } from "../openapi-parts.ts";
import { readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export const overviewRoute: RouteModule = {
  register(router, { overview }) {
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
  },
  openapi: {
    paths: {
      "/api/overview": get("The whole library with a stable layout", [], {
        "200": {
          ...(ok("Every pattern with x,y (ForceAtlas2, computed once per loaded library) and every resolved link.", ref("Overview")) as object),
          headers: { ETag: { description: "A hash of the library: send it back as If-None-Match.", schema: str } },
        },
        "304": { description: "Not modified (If-None-Match matched the library's ETag)." },
      }),
    },
    schemas: {
      OverviewNode: { allOf: [ref("NodeView"), object({ x: num, y: num })] },
      Overview: object({
        nodes: arrayOf(ref("OverviewNode")),
        links: arrayOf(ref("LinkView")),
        layout: object({
          algorithm: { type: "string", enum: ["forceatlas2"] },
          iterations: int,
          barnesHut: bool,
          ms: int,
        }),
      }),
    },
  },
};
