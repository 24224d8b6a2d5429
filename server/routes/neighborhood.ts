// GET /api/neighborhood/:slug: the patterns within `depth` links of one pattern, filtered by link types
// and direction, the `limit` most relevant kept and the rest summarised in groups; with `group`, one
// group's page (`offset`, `limit`).
import { QUERY_LIMITS, type NeighborhoodOptions } from "../../graph/index.ts";
import type { RegisterRoutes } from "./context.ts";
import { invalid, parseDirectionParam, parseIntParam, parseLinkTypesParam, parseSlug, readQuery, typesKey } from "../parse-params.ts";

export const NEIGHBORHOOD_DEPTH = { ...QUERY_LIMITS.neighborhoodDepth, default: 1 } as const;
/**
 * 200 nodes by default: on the real library most depth-2 neighbourhoods of a linked pattern exceed
 * 500 nodes and 3,000 links (almost 1 MB of JSON), more than a reader can take in or a view can draw.
 */
export const NEIGHBORHOOD_LIMIT = { ...QUERY_LIMITS.neighborhoodLimit, default: 200 } as const;

/** Where a group's page starts (only with `group`). */
export const NEIGHBORHOOD_OFFSET = { ...QUERY_LIMITS.neighborhoodOffset, default: 0 } as const;
/** Group keys name a limit, a slug and a link type: longer than this is not one. */
const MAX_GROUP_KEY_LENGTH = 1000;

export const registerNeighborhoodRoutes: RegisterRoutes = (router, { store, libraryLinkTypes, answers }) => {
  router.get("/api/neighborhood/:slug", async (req, res) => {
    const query = readQuery(req.query, ["depth", "types", "direction", "limit", "group", "offset"]);
    const slug = parseSlug("slug", req.params.slug);
    const depth = parseIntParam(query, "depth", NEIGHBORHOOD_DEPTH);
    const limit = parseIntParam(query, "limit", NEIGHBORHOOD_LIMIT);
    const direction = parseDirectionParam(query);
    const types = await parseLinkTypesParam(query, "types", libraryLinkTypes);
    const group = query.group;
    if (group !== undefined && (group.length > MAX_GROUP_KEY_LENGTH || group === "")) {
      throw invalid("group", group, "a group key from an earlier answer's groups");
    }
    const offset = query.offset === undefined ? undefined : parseIntParam(query, "offset", NEIGHBORHOOD_OFFSET);
    const key = ["neighborhood", slug, depth, limit, direction, typesKey(types), group ?? "", offset ?? ""].join("\n");
    const options: NeighborhoodOptions = { depth, limit, direction, types };
    if (group !== undefined) options.group = group;
    if (offset !== undefined) options.offset = offset;
    // A store that writes the answer's JSON itself (the memory store) skips building its objects.
    if (store.neighborhoodJson) await answers.send(req, res, key, () => store.neighborhoodJson!(slug, options, answers.memory), "bytes");
    else await answers.send(req, res, key, () => store.neighborhood(slug, options), "subgraph");
  });
};
