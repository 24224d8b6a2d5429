// GET /api/patterns/:slug: one pattern with its links grouped by type and direction, its dangling
// references and its file's problems. An unknown slug is a 404 with suggestions (from the store).
import type { RegisterRoutes } from "./context.ts";
import { parseSlug, readQuery } from "../parse-params.ts";

export const registerPatternRoutes: RegisterRoutes = (router, { store, answers }) => {
  router.get("/api/patterns/:slug", async (req, res) => {
    readQuery(req.query, []);
    const slug = parseSlug("slug", req.params.slug);
    await answers.send(req, res, ["pattern", slug].join("\n"), () => store.getPattern(slug));
  });
};
