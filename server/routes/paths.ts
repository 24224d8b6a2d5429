// GET /api/paths?from=&to=: the k shortest simple paths between two patterns, restricted to link types,
// following link direction or not, up to maxLength links (order defined in graph/model.ts PathResult).
import { NotFoundError, QUERY_LIMITS } from "../../graph/index.ts";
import type { RegisterRoutes } from "./context.ts";
import { parseBooleanParam, parseIntParam, parseLinkTypesParam, parseSlug, readQuery, typesKey } from "../parse-params.ts";

export const PATHS_K = { ...QUERY_LIMITS.pathsK, default: 1 } as const;
export const PATHS_MAX_LENGTH = { ...QUERY_LIMITS.pathsMaxLength, default: 6 } as const;

export const registerPathRoutes: RegisterRoutes = (router, { store, libraryLinkTypes, answers }) => {
  router.get("/api/paths", async (req, res) => {
    const query = readQuery(req.query, ["from", "to", "types", "directed", "k", "maxLength"]);
    const from = parseSlug("from", query.from);
    const to = parseSlug("to", query.to);
    const k = parseIntParam(query, "k", PATHS_K);
    const maxLength = parseIntParam(query, "maxLength", PATHS_MAX_LENGTH);
    const directed = parseBooleanParam(query, "directed", false);
    const types = await parseLinkTypesParam(query, "types", libraryLinkTypes);
    const key = ["paths", from, to, k, maxLength, directed, typesKey(types)].join("\n");
    await answers.send(req, res, key, async () => {
      try {
        return await store.paths(from, to, { k, maxLength, directed, types });
      } catch (err) {
        // Say which end was unknown: the store only knows the slug.
        if (err instanceof NotFoundError) err.details.parameter = err.slug === from ? "from" : "to";
        throw err;
      }
    });
  });
};
