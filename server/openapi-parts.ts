// The building blocks of the route modules' OpenAPI pieces: JSON Schema shorthands, the parameters
// and error responses several routes share, and the schemas more than one route refers to. Bounds
// and enums come from the constants the code checks with, never retyped.
import { ERROR_CODES, KNOWN_LINK_TYPES, PROBLEM_KINDS } from "../graph/index.ts";
import { MAX_TEXT_LENGTH } from "./parse-params.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** One path's operations, keyed by lower-case method. */
export type OpenApiPathItem = Record<string, Json>;

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
export const arrayOf = (items: Json): Json => ({ type: "array", items });
export const mapOf = (values: Json): Json => ({ type: "object", additionalProperties: values });
export const str: Json = { type: "string" };
export const int: Json = { type: "integer" };
export const num: Json = { type: "number" };
export const bool: Json = { type: "boolean" };

/** `schema` with a description. */
export const described = (schema: Json, description: string): Json => ({ ...(schema as Record<string, Json>), description });

export function object(properties: Record<string, Json>, required: string[] = Object.keys(properties)): Json {
  return { type: "object", properties, required };
}

export function intParam(name: string, range: { min: number; max: number; default: number }, description: string): Json {
  return {
    name,
    in: "query",
    required: false,
    description,
    schema: { type: "integer", minimum: range.min, maximum: range.max, default: range.default },
  };
}

export const slugPath: Json = {
  name: "slug",
  in: "path",
  required: true,
  description: "The pattern's slug (kebab-case, normally its file name without .md).",
  schema: { type: "string", minLength: 1, maxLength: MAX_TEXT_LENGTH },
};

export const typesParam: Json = {
  name: "types",
  in: "query",
  required: false,
  description:
    "Comma-separated link types to follow; all types when absent. Accepted: the known types plus any type present in the loaded library (see /api/stats linksByType). An empty list or an unknown type is a 400.",
  schema: { type: "string", examples: ["enables,requires", "generalizes_from,specializes_to"] },
};

function errorResponse(description: string): Json {
  return { description, content: { "application/json": { schema: ref("Error") } } };
}

export function ok(description: string, schema: Json): Json {
  return { description, content: { "application/json": { schema } } };
}

const badRequest = errorResponse(
  "Invalid input: a parameter out of range, malformed, repeated, or unknown. details names the parameter, the value and what is allowed.",
);
export const notFound = errorResponse("No pattern with that slug; details.suggestions lists slugs you may have meant.");
export const unavailable = errorResponse("The store (Neo4j) is unavailable; retry after the Retry-After header's seconds.");
const timedOut = errorResponse(
  "The query did not finish within its time and work budget (paths, search, lineage; on Neo4j NEO4J_QUERY_TIMEOUT_MS); the message says what to ask for instead.",
);

/** A GET operation of the query API, with the 400, 503 and 504 every one of them can answer. */
export function get(summary: string, parameters: Json[], responses: Record<string, Json>, description?: string): OpenApiPathItem {
  return {
    get: {
      summary,
      ...(description ? { description } : {}),
      parameters,
      responses: { ...responses, "400": badRequest, "503": unavailable, "504": timedOut },
    },
  };
}

/** The schemas several routes refer to; each route module adds its own. */
export const SHARED_SCHEMAS: Record<string, Json> = {
  Error: {
    ...(object({
      error: object({
        code: { type: "string", enum: [...ERROR_CODES] },
        message: { ...(str as object), description: "A sentence for a human: what was wrong and how to fix it." },
        details: {
          type: "object",
          description:
            "Structured details: for invalid_input {parameter, value, allowed}; for not_found {slug, suggestions, parameter?}; for store_unavailable {store}; for query_timeout {timeoutMs}; for resource_limit {limit, needed?, setting?}.",
          additionalProperties: true,
        },
      }),
    }) as object),
    examples: [
      {
        error: {
          code: "invalid_input",
          message: 'Invalid \'depth\': "9". Allowed: an integer from 1 to 4 (default 1).',
          details: { parameter: "depth", value: "9", allowed: "an integer from 1 to 4 (default 1)" },
        },
      },
    ],
  },
  LinkType: {
    type: "string",
    description: `One of ${KNOWN_LINK_TYPES.join(", ")}, or a type found under relationships: in the library (e.g. conflicts_with).`,
    pattern: "^[a-z][a-z0-9_]{0,62}$",
  },
  Problem: object(
    {
      file: str,
      line: int,
      column: int,
      kind: { type: "string", enum: [...PROBLEM_KINDS] },
      message: str,
      recovered: str,
      fatal: bool,
    },
    ["file", "kind", "message", "fatal"],
  ),
  NodeView: object(
    { slug: str, title: str, domain: str, status: str, degree: int, dangling: bool },
    ["slug", "title", "degree"],
  ),
  LinkView: {
    ...(object(
      {
        source: str,
        target: str,
        type: ref("LinkType"),
        weight: num,
        description: str,
        directed: bool,
        dangling: { type: "boolean", enum: [true], description: "Present (true) only on a link to a dangling target's placeholder node." },
      },
      ["source", "target", "type", "directed"],
    ) as object),
    description:
      "A link. It has no id field: its source, type and target name it; joined as `source|type|target` they are unique within an answer, " +
      "and answers list links in that string's order. `dangling` is present only when true (see docs/api.md, API changes).",
  },
};
