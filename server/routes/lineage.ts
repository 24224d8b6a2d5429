// GET /api/lineage/:slug?depth=: ancestors and descendants through generalizes_from / specializes_to.
// The lineage stops when the client goes away (its AbortSignal) or its budget runs out.
import { QUERY_LIMITS } from "../../graph/index.ts";
import { abandonedSignal, unlessAbandoned } from "../abandoned.ts";
import { arrayOf, bool, get, int, intParam, notFound, object, ok, ref, slugPath, str } from "../openapi-parts.ts";
import { parseIntParam, parseSlug, readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export const LINEAGE_DEPTH = { ...QUERY_LIMITS.lineageDepth, default: 3 } as const;

export const lineageRoute: RouteModule = {
  register(router, { store, answers }) {
    router.get("/api/lineage/:slug", async (req, res) => {
      const query = readQuery(req.query, ["depth"]);
      const slug = parseSlug("slug", req.params.slug);
      const depth = parseIntParam(query, "depth", LINEAGE_DEPTH);
      const signal = abandonedSignal(res);
      await unlessAbandoned(() => answers.send(req, res, ["lineage", slug, depth].join("\n"), () => store.lineage(slug, depth, signal)));
    });
  },
  openapi: {
    paths: {
      "/api/lineage/{slug}": get(
        "Ancestors and descendants through generalizes_from / specializes_to",
        [slugPath, intParam("depth", LINEAGE_DEPTH, "Levels up and down.")],
        { "200": ok("The lineage DAG (edges point parent -> child).", ref("Lineage")), "404": notFound },
      ),
    },
    schemas: {
      LineageNode: {
        allOf: [
          ref("NodeView"),
          object({ level: { type: "integer", description: "Negative for ancestors, 0 for the root, positive for descendants." } }),
        ],
      },
      LineageEdge: object({
        parent: str,
        child: str,
        declaredAs: arrayOf({ type: "string", enum: ["generalizes_from", "specializes_to"] }),
      }),
      Lineage: object({
        root: str,
        depth: int,
        nodes: arrayOf(ref("LineageNode")),
        edges: arrayOf(ref("LineageEdge")),
        truncated: bool,
      }),
    },
  },
};
