// GET /api/lineage/:slug?depth=: ancestors and descendants through generalizes_from / specializes_to.
// The lineage stops when the client goes away (its AbortSignal) or its budget runs out.
import { QUERY_LIMITS } from "../../graph/index.ts";
import { abandonedSignal, unlessAbandoned } from "../abandoned.ts";
import type { RegisterRoutes } from "./context.ts";
import { parseIntParam, parseSlug, readQuery } from "../parse-params.ts";

export const LINEAGE_DEPTH = { ...QUERY_LIMITS.lineageDepth, default: 3 } as const;

export const registerLineageRoutes: RegisterRoutes = (router, { store, answers }) => {
  router.get("/api/lineage/:slug", async (req, res) => {
    const query = readQuery(req.query, ["depth"]);
    const slug = parseSlug("slug", req.params.slug);
    const depth = parseIntParam(query, "depth", LINEAGE_DEPTH);
    const signal = abandonedSignal(res);
    await unlessAbandoned(() => answers.send(req, res, ["lineage", slug, depth].join("\n"), () => store.lineage(slug, depth, signal)));
  });
};
