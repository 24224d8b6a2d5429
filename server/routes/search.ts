// GET /api/search?q=&limit=: ranked search over slugs, titles and aliases (the store defines the
// ranking). The search stops when the client goes away (its AbortSignal) or its budget runs out.
import { QUERY_LIMITS } from "../../graph/index.ts";
import { abandonedSignal, unlessAbandoned } from "../abandoned.ts";
import type { RegisterRoutes } from "./context.ts";
import { parseIntParam, parseTextParam, readQuery } from "../parse-params.ts";

export const SEARCH_LIMIT = { ...QUERY_LIMITS.searchLimit, default: 20 } as const;

export const registerSearchRoutes: RegisterRoutes = (router, { store, answers }) => {
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
};
