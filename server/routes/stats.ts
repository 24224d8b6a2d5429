// GET /api/stats: the library's numbers (files, patterns, links by type, dangling, problems, domains).
import { DEGREE_PERCENTILES, HUB_COUNT } from "../../graph/index.ts";
import { publicStats } from "../library-name.ts";
import { arrayOf, described, get, int, mapOf, object, ok, ref, str } from "../openapi-parts.ts";
import { readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export const statsRoute: RouteModule = {
  register(router, { store, answers }) {
    router.get("/api/stats", async (req, res) => {
      readQuery(req.query, []);
      await answers.send(req, res, "stats", async () => publicStats(await store.stats()));
    });
  },
  openapi: {
    paths: {
      "/api/stats": get("Library statistics", [], { "200": ok("The loaded library's numbers.", ref("LibraryStats")) }),
    },
    schemas: {
      LibraryStats: object({
        root: str,
        files: int,
        patterns: int,
        problemFiles: int,
        links: int,
        linksByType: mapOf(int),
        dangling: int,
        danglingByType: mapOf(int),
        problems: int,
        problemsByKind: mapOf(int),
        isolated: int,
        domains: mapOf(int),
        generations: object({ "1": int, "2": int }),
        degreePercentiles: described(
          object(Object.fromEntries([...DEGREE_PERCENTILES, "max"].map((k) => [k, int]))),
          "Pattern degrees at these percentiles (nearest rank), and the largest.",
        ),
        hubs: described(
          arrayOf(object({ slug: str, title: str, degree: int, inDegree: int, outDegree: int })),
          `The ${HUB_COUNT} best-linked patterns, by degree then slug.`,
        ),
      }),
    },
  },
};
