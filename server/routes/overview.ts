// GET /api/overview: every pattern with x,y from the cached ForceAtlas2 layout, and every resolved link,
// as columns in two parts (core/overview-wire.ts; the handler is server/overview-answer.ts). Sent with a
// strong ETag per part so a reload of the explorer can get a 304, and gzipped once per layout.
import { OVERVIEW_PARTS } from "../../core/overview-wire.ts";
import { answerOverview } from "../overview-answer.ts";
import { FIRST_PART_MAX_LINKS, FIRST_PART_MAX_PATTERNS } from "../overview-json.ts";
import { arrayOf, bool, get, int, mapOf, num, object, ok, ref, str } from "../openapi-parts.ts";
import type { RouteModule } from "./context.ts";

export const overviewRoute: RouteModule = {
  register(router, { overview }) {
    router.get("/api/overview", async (req, res) => {
      await answerOverview(req, res, overview);
    });
  },
  openapi: {
    paths: {
      "/api/overview": get(
        "The whole library with a stable layout",
        [
          {
            name: "part",
            in: "query",
            required: false,
            description: `first: the most linked patterns (up to ${FIRST_PART_MAX_PATTERNS}, with up to ${FIRST_PART_MAX_LINKS} links among them), the domain regions and the communities; rest: every other pattern and link. Node indexes count across both parts.`,
            schema: { type: "string", enum: [...OVERVIEW_PARTS], default: "first" },
          },
        ],
        {
          "200": {
            ...(ok("Patterns with x,y (ForceAtlas2, computed once per library content) and resolved links, as columns.", ref("Overview")) as object),
            headers: { ETag: { description: "A hash of the part: send it back as If-None-Match.", schema: str } },
          },
          "304": { description: "Not modified (If-None-Match matched the part's ETag)." },
        },
      ),
    },
    schemas: {
      OverviewRegion: object({ domain: str, x: num, y: num, radius: num, patterns: int }),
      OverviewCommunity: object({
        key: str,
        name: str,
        top: arrayOf(str),
        terms: arrayOf(str),
        domains: arrayOf(object({ domain: str, share: num })),
        patterns: int,
        x: num,
        y: num,
        radius: num,
      }),
      Overview: object({
        format: { type: "string", enum: ["columns"] },
        part: { type: "string", enum: [...OVERVIEW_PARTS] },
        total: object({ patterns: int, links: int, unlinked: int }),
        offset: int,
        domains: arrayOf(str),
        statuses: arrayOf(str),
        linkTypes: arrayOf(object({ type: str, directed: bool })),
        weights: arrayOf(num),
        nodes: object({
          slug: arrayOf(str),
          title: arrayOf(str),
          domain: arrayOf(int),
          status: arrayOf(int),
          degree: arrayOf(int),
          x: arrayOf(num),
          y: arrayOf(num),
          community: arrayOf(int),
        }),
        links: object({
          later: arrayOf(int),
          earlier: arrayOf(int),
          type: arrayOf(int),
          weight: arrayOf(int),
          description: mapOf(str),
        }),
        dangling: object({ nodes: arrayOf(int), links: arrayOf(int) }),
        regions: arrayOf(ref("OverviewRegion")),
        communities: arrayOf(ref("OverviewCommunity")),
        communityLinks: object({ a: arrayOf(int), b: arrayOf(int), count: arrayOf(int) }),
        layout: object({
          algorithm: { type: "string", enum: ["forceatlas2"] },
          iterations: int,
          barnesHut: bool,
          ms: int,
          source: { type: "string", enum: ["computed", "warm", "disk"] },
        }),
      }),
    },
  },
};
