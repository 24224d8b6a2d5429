// GET /api/neighborhood/:slug: the patterns within `depth` links of one pattern, filtered by link types
// and direction, capped at `limit` nodes (the answer says when the cap cut it).
import { QUERY_LIMITS } from "../../graph/index.ts";
import type { RegisterRoutes } from "./context.ts";
import { parseDirectionParam, parseIntParam, parseLinkTypesParam, parseSlug, readQuery, typesKey } from "../parse-params.ts";

export const NEIGHBORHOOD_DEPTH = { ...QUERY_LIMITS.neighborhoodDepth, default: 1 } as const;
/**
 * 200 nodes by default: on the real library most depth-2 neighbourhoods of a linked pattern exceed
 * 500 nodes and 3,000 links (almost 1 MB of JSON), more than a reader can take in or a view can draw.
 */
export const NEIGHBORHOOD_LIMIT = { ...QUERY_LIMITS.neighborhoodLimit, default: 200 } as const;

export const registerNeighborhoodRoutes: RegisterRoutes = (router, { store, libraryLinkTypes, answers }) => {
  router.get("/api/neighborhood/:slug", async (req, res) => {
    const query = readQuery(req.query, ["depth", "types", "direction", "limit"]);
    const slug = parseSlug("slug", req.params.slug);
    const depth = parseIntParam(query, "depth", NEIGHBORHOOD_DEPTH);
    const limit = parseIntParam(query, "limit", NEIGHBORHOOD_LIMIT);
    const direction = parseDirectionParam(query);
    const types = await parseLinkTypesParam(query, "types", libraryLinkTypes);
    const key = ["neighborhood", slug, depth, limit, direction, typesKey(types)].join("\n");
    const options = { depth, limit, direction, types };
    // A store that writes the answer's JSON itself (the memory store) skips building its objects.
    if (store.neighborhoodJson) await answers.send(req, res, key, () => store.neighborhoodJson!(slug, options, answers.memory), "bytes");
    else await answers.send(req, res, key, () => store.neighborhood(slug, options), "subgraph");
  });
};
