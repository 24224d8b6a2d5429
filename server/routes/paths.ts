// GET /api/paths?from=&to=: the k best simple paths between two patterns (shortest first, then the
// most specific; order defined in core/model.ts PathResult), restricted to link types, following
// link direction or not, up to maxLength links, through no pattern with more than maxDegree
// neighbours. The search stops when the client goes away (its AbortSignal) or its budget runs out.
import { NotFoundError, QUERY_LIMITS } from "../../graph/index.ts";
import { abandonedSignal, unlessAbandoned } from "../abandoned.ts";
import type { RegisterRoutes } from "./context.ts";
import { parseBooleanParam, parseIntParam, parseLinkTypesParam, parseSlug, readQuery, typesKey } from "../parse-params.ts";

export const PATHS_K = { ...QUERY_LIMITS.pathsK, default: 1 } as const;
export const PATHS_MAX_LENGTH = { ...QUERY_LIMITS.pathsMaxLength, default: 6 } as const;
/** The default is the maximum: no pattern is skipped unless asked. */
export const PATHS_MAX_DEGREE = { ...QUERY_LIMITS.pathsMaxDegree, default: QUERY_LIMITS.pathsMaxDegree.max } as const;

export const registerPathRoutes: RegisterRoutes = (router, { store, libraryLinkTypes, answers }) => {
  router.get("/api/paths", async (req, res) => {
    const query = readQuery(req.query, ["from", "to", "types", "directed", "k", "maxLength", "maxDegree"]);
    const from = parseSlug("from", query.from);
    const to = parseSlug("to", query.to);
    const k = parseIntParam(query, "k", PATHS_K);
    const maxLength = parseIntParam(query, "maxLength", PATHS_MAX_LENGTH);
    const maxDegree = query.maxDegree === undefined ? undefined : parseIntParam(query, "maxDegree", PATHS_MAX_DEGREE);
    const directed = parseBooleanParam(query, "directed", false);
    const types = await parseLinkTypesParam(query, "types", libraryLinkTypes);
    const key = ["paths", from, to, k, maxLength, maxDegree ?? "", directed, typesKey(types)].join("\n");
    // The client closing its connection before the answer abandons the search.
    const signal = abandonedSignal(res);
    await unlessAbandoned(() =>
      answers.send(req, res, key, async () => {
        try {
          const options = maxDegree === undefined ? { k, maxLength, directed, types } : { k, maxLength, directed, types, maxDegree };
          return await store.paths(from, to, options, signal);
        } catch (err) {
          // Say which end was unknown: the store only knows the slug.
          if (err instanceof NotFoundError) err.details.parameter = err.slug === from ? "from" : "to";
          throw err;
        }
      }),
    );
  });
};
