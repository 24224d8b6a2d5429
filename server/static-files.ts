// Serves the explorer's built files (web/dist) at `/`, with the single-page-app fallback: any
// non-API path without a file extension answers index.html. Without a build, `/` says how to make one.
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

const NOT_BUILT_TEXT = `Pattern Atlas: the API is running (see /api/openapi.json), but the explorer has not been built.
Run \`npm run build\` (or \`npm start\`, which builds and starts the server) and reload this page.
`;

/** Paths the SPA fallback never answers: the API and the health check keep their own 404s. */
const NOT_SPA = /^\/(api(\/|$)|healthz$)/;

/** @param webDist the build folder; undefined serves only the "not built" page. */
export function staticFiles(webDist: string | undefined): Router {
  const router = express.Router();
  const indexHtml = webDist === undefined ? undefined : path.join(webDist, "index.html");
  if (webDist !== undefined) {
    // Vite puts content-hashed files under assets/: they never change, so browsers may keep them.
    router.use("/assets", express.static(path.join(webDist, "assets"), { immutable: true, maxAge: "365d", index: false }));
    router.use(express.static(webDist, { index: false, maxAge: 0 }));
  }
  router.use((req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || NOT_SPA.test(req.path)) {
      next();
      return;
    }
    if (path.extname(req.path) !== "") {
      // A missing asset is a 404, not index.html: a browser parsing HTML as a script helps nobody.
      res.status(404).type("text/plain; charset=utf-8").send("Not found.\n");
      return;
    }
    // Checked per request so that a build made while the server runs is picked up.
    if (indexHtml === undefined || !existsSync(indexHtml)) {
      res.status(200).type("text/plain; charset=utf-8").set("Cache-Control", "no-store").send(NOT_BUILT_TEXT);
      return;
    }
    res.set("Cache-Control", "no-cache");
    res.sendFile(indexHtml);
  });
  return router;
}
