// GET /api/neighborhood/:slug: the patterns within `depth` links of one pattern, filtered by link types
// and direction, the `limit` most relevant kept and the rest summarised in groups; with `group`, one
// group's page (`offset`, `limit`).
import { DIRECTIONS, hasFastNeighborhood, QUERY_LIMITS, type NeighborhoodOptions } from "../../graph/index.ts";
import { arrayOf, described, get, int, intParam, mapOf, notFound, object, ok, ref, slugPath, str, typesParam } from "../openapi-parts.ts";
import { invalid, parseDirectionParam, parseIntParam, parseLinkTypesParam, parseSlug, readQuery, typesKey, type LinkTypeLookup } from "../parse-params.ts";
import type { Request, Response } from "express";
import type { RouteContext, RouteModule } from "./context.ts";

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

/** A neighbourhood request's parsed options and its answer cache key. */
interface NeighborhoodRequest {
  key: string;
  slug: string;
  options: NeighborhoodOptions;
}

/**
 * Parses a neighbourhood request: the slug as the path gave it and the raw query (the app's query
 * parser's object).
 * @throws InvalidInputError naming the parameter.
 */
async function parseNeighborhoodRequest(rawSlug: string | undefined, rawQuery: unknown, libraryLinkTypes: LinkTypeLookup): Promise<NeighborhoodRequest> {
  const query = readQuery(rawQuery, ["depth", "types", "direction", "limit", "group", "offset"]);
  const slug = parseSlug("slug", rawSlug);
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
  return { key, slug, options };
}

/** Answers a parsed neighbourhood request through the answer cache. */
async function sendNeighborhood(context: Pick<RouteContext, "store" | "answers">, req: Request, res: Response, { key, slug, options }: NeighborhoodRequest): Promise<void> {
  const { store, answers } = context;
  // A store that writes the answer's JSON itself (the memory store) skips building its objects.
  if (hasFastNeighborhood(store)) await answers.send(req, res, key, () => store.neighborhoodJson(slug, options, answers.memory), "bytes");
  else await answers.send(req, res, key, () => store.neighborhood(slug, options));
}

export const neighborhoodRoute: RouteModule = {
  register(router, context) {
    router.get("/api/neighborhood/:slug", async (req, res) => {
      await sendNeighborhood(context, req, res, await parseNeighborhoodRequest(req.params.slug, req.query, context.libraryLinkTypes));
    });
  },
  openapi: {
    paths: {
      "/api/neighborhood/{slug}": get(
        "The patterns within depth links of a pattern",
        [
          slugPath,
          intParam("depth", NEIGHBORHOOD_DEPTH, "How many links away from the pattern."),
          typesParam,
          {
            name: "direction",
            in: "query",
            required: false,
            description: "out: follow links as declared from each node; in: against; both: either way.",
            schema: { type: "string", enum: [...DIRECTIONS], default: "both" },
          },
          intParam(
            "limit",
            NEIGHBORHOOD_LIMIT,
            "Maximum number of nodes, the centre included: the most relevant are kept (by score, then distance, then slug), the rest summarised in groups. With group, the page size.",
          ),
          {
            name: "group",
            in: "query",
            required: false,
            description: "A group key from an earlier answer's groups: the answer is then that group's members (most relevant first, from offset, limit of them) with their links to the kept nodes.",
            schema: { type: "string", maxLength: MAX_GROUP_KEY_LENGTH },
          },
          intParam("offset", NEIGHBORHOOD_OFFSET, "With group: how many of the group's members to skip."),
        ],
        { "200": ok("The neighbourhood, or a group's page.", ref("Subgraph")), "404": notFound },
      ),
    },
    schemas: {
      ScoredNodeView: {
        allOf: [
          ref("NodeView"),
          object({
            score: {
              type: "number",
              description:
                "Relevance to the centre (1 for the centre): the strength-weighted count of the shortest paths reaching the node, each hop u -> v counting strength / sqrt(degree(u) * degree(v)), capped by the best score of the nodes one hop closer that reach it; 6 significant digits.",
            },
          }),
        ],
      },
      NeighborhoodGroup: object({
        key: { type: "string", description: "Names the group for group= (opaque)." },
        count: int,
        via: { type: "string", description: "The kept pattern the group's members hang from." },
        type: ref("LinkType"),
        domain: { type: ["string", "null"], description: "The members' most common domain; null when none has one." },
        sample: described(arrayOf(str), "Up to 5 members, most relevant first."),
      }),
      NeighborhoodCut: {
        oneOf: [
          object({ reason: { type: "string", enum: ["node-limit"] }, limit: int, total: int, kept: int, leftOut: int, groups: int, message: str }),
          object({ reason: { type: "string", enum: ["group-page"] }, limit: int, offset: int, total: int, kept: int, message: str }),
        ],
      },
      Subgraph: object(
        {
          center: str,
          nodes: described(arrayOf(ref("ScoredNodeView")), "The kept nodes (or the group's page), by slug."),
          links: arrayOf(ref("LinkView")),
          distance: mapOf(int),
          total: { type: "integer", description: "Candidates within the depth and filters, the centre included; for a group's page, the group's size." },
          groups: described(arrayOf(ref("NeighborhoodGroup")), "The left-out candidates, every one in exactly one group; empty when nothing was cut."),
          truncated: { oneOf: [{ type: "boolean", enum: [false] }, ref("NeighborhoodCut")], description: "false, or why and how much was left out." },
          group: object({ key: str, count: int, offset: int }),
        },
        ["center", "nodes", "links", "distance", "total", "groups", "truncated"],
      ),
    },
  },
};
