// GET /api/openapi.json: the API's OpenAPI document, which createApp builds from every route module's
// piece (server/openapi.ts) before the routes are registered.
import { ok } from "../openapi-parts.ts";
import { readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export const openapiRoute: RouteModule = {
  register(router, { openapi }) {
    router.get("/api/openapi.json", (req, res) => {
      readQuery(req.query, []);
      res.json(openapi);
    });
  },
  openapi: {
    paths: {
      "/api/openapi.json": {
        get: {
          summary: "This document",
          parameters: [],
          responses: { "200": ok("The OpenAPI 3.1 document.", { type: "object" }) },
        },
      },
    },
  },
};
