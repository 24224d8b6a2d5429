// The OpenAPI 3.1 document served at /api/openapi.json, merged from the pieces each route module
// carries beside its handlers (`{ register, openapi }`, routes/context.ts), so a route and its
// description live in one file. The pieces they share (the error body, the link and node views,
// the parameter builders) are in openapi-parts.ts.
import { SHARED_SCHEMAS, type Json, type OpenApiPathItem } from "./openapi-parts.ts";

export type { Json, OpenApiPathItem } from "./openapi-parts.ts";
export type OpenApiDocument = { openapi: string; paths: Record<string, OpenApiPathItem> } & Record<string, Json>;

/** What a route module documents: its paths (full, e.g. `/api/patterns/{slug}`) and the schemas only it uses. */
export interface RouteOpenApi {
  paths: Record<string, OpenApiPathItem>;
  schemas?: Record<string, Json>;
}

/**
 * The document of the given routes, paths in the routes' order. A path or a schema named by two
 * routes is a programming error, thrown at start-up rather than one description silently winning.
 */
export function buildOpenApiDocument(routes: readonly { openapi: RouteOpenApi }[]): OpenApiDocument {
  const paths: Record<string, OpenApiPathItem> = {};
  const schemas: Record<string, Json> = { ...SHARED_SCHEMAS };
  for (const { openapi } of routes) {
    for (const [path, item] of Object.entries(openapi.paths)) {
      if (path in paths) throw new Error(`OpenAPI: two routes describe ${path}.`);
      paths[path] = item;
    }
    for (const [name, schema] of Object.entries(openapi.schemas ?? {})) {
      if (name in schemas) throw new Error(`OpenAPI: two routes define the schema ${name}.`);
      schemas[name] = schema;
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Pattern Atlas API",
      version: "0.1.0",
      description:
        "Read-only JSON API over a pattern library graph. Every error has the body { error: { code, message, details } }. " +
        "Query parameters not listed for an endpoint are rejected with a 400 naming them, as is a parameter given twice.",
    },
    servers: [{ url: "/" }],
    paths,
    components: { schemas },
  };
}
