// GET /api/patterns/:slug: one pattern with its links grouped by type and direction, its dangling
// references and its file's problems. An unknown slug is a 404 with suggestions (from the store).
import { arrayOf, bool, get, int, mapOf, notFound, num, object, ok, ref, slugPath, str } from "../openapi-parts.ts";
import { parseSlug, readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export const patternsRoute: RouteModule = {
  register(router, { store, answers }) {
    router.get("/api/patterns/:slug", async (req, res) => {
      readQuery(req.query, []);
      const slug = parseSlug("slug", req.params.slug);
      await answers.send(req, res, ["pattern", slug].join("\n"), () => store.getPattern(slug));
    });
  },
  openapi: {
    paths: {
      "/api/patterns/{slug}": get("One pattern with its links grouped by type and direction", [slugPath], {
        "200": ok("The pattern, its links, dangling references and problems.", ref("PatternDetail")),
        "404": notFound,
      }),
    },
    schemas: {
      Pattern: object(
        {
          slug: str,
          id: str,
          title: str,
          aliases: arrayOf(str),
          summary: str,
          domain: str,
          status: str,
          file: str,
          generation: { type: "integer", enum: [1, 2] },
          pageUrl: str,
          githubUrl: str,
        },
        ["slug", "title", "aliases", "file", "generation"],
      ),
      LinkEnd: object(
        { slug: str, title: str, type: ref("LinkType"), weight: num, description: str, declaredIn: str, dangling: bool },
        ["slug", "title", "type", "declaredIn", "dangling"],
      ),
      DanglingRef: object(
        {
          source: str,
          type: ref("LinkType"),
          target: str,
          form: { type: "string", enum: ["id", "slug", "title", "mapping"] },
          weight: num,
          description: str,
          declaredIn: str,
          line: int,
        },
        ["source", "type", "target", "form", "declaredIn"],
      ),
      PatternDetail: object({
        pattern: ref("Pattern"),
        degree: { type: "integer", description: "Resolved links in either direction (a self-link once)." },
        inDegree: { type: "integer", description: "Resolved links other patterns declared towards this one." },
        outDegree: { type: "integer", description: "Resolved links this pattern declared." },
        importance: {
          type: "number",
          description:
            "PageRank (damping 0.85) over the resolved links taken both ways, each weighted by its strength (declared weight, 0.8 when none, halved unless lineage, enables or requires); sums to 1 over the library; 6 significant digits.",
        },
        importancePercentile: { type: "number", description: "Share of the library's patterns (0 to 100, one decimal) whose importance is lower." },
        outgoing: mapOf(arrayOf(ref("LinkEnd"))),
        incoming: mapOf(arrayOf(ref("LinkEnd"))),
        dangling: arrayOf(ref("DanglingRef")),
        problems: arrayOf(ref("Problem")),
      }),
    },
  },
};
