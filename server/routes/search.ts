// GET /api/search?q=&limit=: ranked search over slugs, titles and aliases (the store defines the
// ranking). The search stops when the client goes away (its AbortSignal) or its budget runs out.
import { QUERY_LIMITS, SEARCH_MATCH_KINDS } from "../../graph/index.ts";
import { abandonedSignal, unlessAbandoned } from "../abandoned.ts";
import { arrayOf, get, int, intParam, num, object, ok, ref, str } from "../openapi-parts.ts";
import { MAX_TEXT_LENGTH, parseIntParam, parseTextParam, readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export const SEARCH_LIMIT = { ...QUERY_LIMITS.searchLimit, default: 20 } as const;

export const searchRoute: RouteModule = {
  register(router, { store, answers }) {
    router.get("/api/search", async (req, res) => {
      const query = readQuery(req.query, ["q", "limit"], ["q"]);
      const q = parseTextParam(query, "q", { required: false });
      const limit = parseIntParam(query, "limit", SEARCH_LIMIT);
      if (q.trim() === "") {
        res.json({ query: q, limit, hits: [] });
        return;
      }
      const signal = abandonedSignal(res);
      await unlessAbandoned(() => answers.send(req, res, ["search", q, limit].join("\n"), async () => ({ query: q, limit, hits: await store.search(q, limit, signal) })));
    });
  },
  openapi: {
    paths: {
      "/api/search": get(
        "Search patterns by slug, title or alias",
        [
          {
            name: "q",
            in: "query",
            required: false,
            description: "The search text; empty or absent gives no hits. Prefix and typo-tolerant, case-insensitive.",
            schema: { type: "string", maxLength: MAX_TEXT_LENGTH, default: "" },
          },
          intParam("limit", SEARCH_LIMIT, "Maximum number of hits."),
        ],
        { "200": ok("Hits, best first (ties by title, then slug).", ref("SearchResponse")) },
      ),
    },
    schemas: {
      SearchHit: object(
        {
          slug: str,
          title: str,
          domain: str,
          matched: { type: "string", enum: [...SEARCH_MATCH_KINDS] },
          matchedText: str,
          score: num,
        },
        ["slug", "title", "matched", "matchedText", "score"],
      ),
      SearchResponse: object({ query: str, limit: int, hits: arrayOf(ref("SearchHit")) }),
    },
  },
};
