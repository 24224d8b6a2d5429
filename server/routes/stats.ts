// GET /api/stats: the library's numbers (files, patterns, links by type, dangling, problems, domains).
import type { RegisterRoutes } from "./context.ts";
import { publicStats } from "../library-name.ts";
import { readQuery } from "../parse-params.ts";

export const registerStatsRoutes: RegisterRoutes = (router, { store, answers }) => {
  router.get("/api/stats", async (req, res) => {
    readQuery(req.query, []);
    await answers.send(req, res, "stats", async () => publicStats(await store.stats()));
  });
};
