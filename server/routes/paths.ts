// GET /api/paths?from=&to=: the k best simple paths between two patterns (shortest first, then the
// most specific; order defined in core/model.ts PathResult), restricted to link types, following
// link direction or not, up to maxLength links, through no pattern with more than maxDegree
// neighbours. The search stops when the client goes away (its AbortSignal) or its budget runs out.
import { NotFoundError, PATH_RANKING, QUERY_LIMITS } from "../../graph/index.ts";
import { abandonedSignal, unlessAbandoned } from "../abandoned.ts";
import { arrayOf, get, int, intParam, notFound, num, object, ok, ref, str, typesParam } from "../openapi-parts.ts";
import { MAX_TEXT_LENGTH, parseBooleanParam, parseIntParam, parseLinkTypesParam, parseSlug, readQuery, typesKey } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export const PATHS_K = { ...QUERY_LIMITS.pathsK, default: 1 } as const;
export const PATHS_MAX_LENGTH = { ...QUERY_LIMITS.pathsMaxLength, default: 6 } as const;
/** The default is the maximum: no pattern is skipped unless asked. */
export const PATHS_MAX_DEGREE = { ...QUERY_LIMITS.pathsMaxDegree, default: QUERY_LIMITS.pathsMaxDegree.max } as const;

export const pathsRoute: RouteModule = {
  register(router, { store, libraryLinkTypes, answers }) {
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
  },
  openapi: {
    paths: {
      "/api/paths": get(
        "The k best paths between two patterns: shortest first, then the most specific",
        [
          { name: "from", in: "query", required: true, description: "Slug of the first pattern.", schema: { type: "string", maxLength: MAX_TEXT_LENGTH } },
          { name: "to", in: "query", required: true, description: "Slug of the second pattern.", schema: { type: "string", maxLength: MAX_TEXT_LENGTH } },
          typesParam,
          {
            name: "directed",
            in: "query",
            required: false,
            description: "true: follow links only from their source to their target.",
            schema: { type: "string", enum: ["true", "false"], default: "false" },
          },
          intParam("k", PATHS_K, "How many paths (distinct simple node sequences)."),
          intParam("maxLength", PATHS_MAX_LENGTH, "Maximum number of links in a path."),
          intParam("maxDegree", PATHS_MAX_DEGREE, "Pass through no pattern with more neighbours than this (the two ends excepted)."),
        ],
        {
          "200": ok(`Up to k paths, empty when there is none within maxLength. Order: ${PATH_RANKING}`, ref("PathResult")),
          "404": notFound,
        },
        "A 404's details.parameter says whether `from` or `to` was unknown. The search has a time budget (the store's query timeout): past it the answer is a 504 query_timeout saying what to ask for instead; it stops when the client disconnects.",
      ),
    },
    schemas: {
      PathStep: object(
        {
          from: str,
          to: str,
          type: { type: "string", description: "The type of the link the text reads (the most telling of the hop's links)." },
          text: { type: "string", description: "The hop as a clause, e.g. 'Running as Practice is a variant of Acceptance and Commitment'." },
          weight: num,
          description: str,
        },
        ["from", "to", "type", "text"],
      ),
      PathView: object({
        nodes: arrayOf(str),
        links: arrayOf(ref("LinkView")),
        length: int,
        score: { type: "number", description: "length + 0.001 * the sum over intermediate patterns of ln(neighbours); lower ranks first." },
        explanation: { type: "string", description: "The path as one plain sentence: 'A is a variant of B, which complements C.'" },
        steps: arrayOf(ref("PathStep")),
      }),
      PathResult: object(
        {
          from: str,
          to: str,
          paths: arrayOf(ref("PathView")),
          nodes: arrayOf(ref("NodeView")),
          components: {
            type: "object",
            properties: { same: { type: "boolean" }, from: ref("PathComponent"), to: ref("PathComponent") },
            required: ["same", "from", "to"],
            description:
              "Only when no path joins two different patterns: the connected part of the library each end is in (chosen link types, either direction, any length). same: one part holds both, so length or direction kept them apart.",
          },
        },
        ["from", "to", "paths", "nodes"],
      ),
      PathComponent: object({
        size: int,
        sample: { type: "array", items: str, description: "Up to 5 of its patterns, the best-linked first (degree, then slug)." },
      }),
    },
  },
};
