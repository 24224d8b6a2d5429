// The hand-written OpenAPI 3.1 description of the JSON API, served at /api/openapi.json. Parameter
// bounds come from the same constants the routes parse with, so the document and the code cannot drift.
import { DEGREE_PERCENTILES, DIRECTIONS, HUB_COUNT, KNOWN_LINK_TYPES, PATH_RANKING, PROBLEM_KINDS, ERROR_CODES, SEARCH_MATCH_KINDS } from "../graph/index.ts";
import { NEIGHBORHOOD_DEPTH, NEIGHBORHOOD_LIMIT, NEIGHBORHOOD_OFFSET } from "./routes/neighborhood.ts";
import { LINEAGE_DEPTH } from "./routes/lineage.ts";
import { PATHS_K, PATHS_MAX_DEGREE, PATHS_MAX_LENGTH } from "./routes/paths.ts";
import { PROBLEMS_LIMIT, PROBLEMS_OFFSET } from "./routes/problems.ts";
import { SEARCH_LIMIT } from "./routes/search.ts";
import { MAX_TEXT_LENGTH } from "./parse-params.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Json>> } & Record<string, Json>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (items: Json): Json => ({ type: "array", items });
const mapOf = (values: Json): Json => ({ type: "object", additionalProperties: values });
const str: Json = { type: "string" };
const int: Json = { type: "integer" };
const num: Json = { type: "number" };
const bool: Json = { type: "boolean" };

/** `schema` with a description. */
const described = (schema: Json, description: string): Json => ({ ...(schema as Record<string, Json>), description });

function object(properties: Record<string, Json>, required: string[] = Object.keys(properties)): Json {
  return { type: "object", properties, required };
}

function intParam(name: string, range: { min: number; max: number; default: number }, description: string): Json {
  return {
    name,
    in: "query",
    required: false,
    description,
    schema: { type: "integer", minimum: range.min, maximum: range.max, default: range.default },
  };
}

const slugPath: Json = {
  name: "slug",
  in: "path",
  required: true,
  description: "The pattern's slug (kebab-case, normally its file name without .md).",
  schema: { type: "string", minLength: 1, maxLength: MAX_TEXT_LENGTH },
};

const typesParam: Json = {
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

function ok(description: string, schema: Json): Json {
  return { description, content: { "application/json": { schema } } };
}

const badRequest = errorResponse(
  "Invalid input: a parameter out of range, malformed, repeated, or unknown. details names the parameter, the value and what is allowed.",
);
const notFound = errorResponse("No pattern with that slug; details.suggestions lists slugs you may have meant.");
const unavailable = errorResponse("The store (Neo4j) is unavailable; retry after the Retry-After header's seconds.");
const timedOut = errorResponse(
  "The query did not finish within its time and work budget (paths, search, lineage; on Neo4j NEO4J_QUERY_TIMEOUT_MS); the message says what to ask for instead.",
);

function get(summary: string, parameters: Json[], responses: Record<string, Json>, description?: string): Record<string, Json> {
  return {
    get: {
      summary,
      ...(description ? { description } : {}),
      parameters,
      responses: { ...responses, "400": badRequest, "503": unavailable, "504": timedOut },
    },
  };
}

const schemas: Record<string, Json> = {
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
  Pattern: object(
    {
      slug: str,
      id: str,
      title: str,
      aliases: arrayOf(str),
      summary: str,
      domain: str,
      status: str,
      file: str,
      generation: { type: "integer", enum: [1, 2] },
      pageUrl: str,
      githubUrl: str,
    },
    ["slug", "title", "aliases", "file", "generation"],
  ),
  LinkEnd: object(
    { slug: str, title: str, type: ref("LinkType"), weight: num, description: str, declaredIn: str, dangling: bool },
    ["slug", "title", "type", "declaredIn", "dangling"],
  ),
  DanglingRef: object(
    {
      source: str,
      type: ref("LinkType"),
      target: str,
      form: { type: "string", enum: ["id", "slug", "title", "mapping"] },
      weight: num,
      description: str,
      declaredIn: str,
      line: int,
    },
    ["source", "type", "target", "form", "declaredIn"],
  ),
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
  PatternDetail: object({
    pattern: ref("Pattern"),
    degree: { type: "integer", description: "Resolved links in either direction (a self-link once)." },
    inDegree: { type: "integer", description: "Resolved links other patterns declared towards this one." },
    outDegree: { type: "integer", description: "Resolved links this pattern declared." },
    importance: {
      type: "number",
      description:
        "PageRank (damping 0.85) over the resolved links taken both ways, each weighted by its strength (declared weight, 0.8 when none, halved unless lineage, enables or requires); sums to 1 over the library; 6 significant digits.",
    },
    importancePercentile: { type: "number", description: "Share of the library's patterns (0 to 100, one decimal) whose importance is lower." },
    outgoing: mapOf(arrayOf(ref("LinkEnd"))),
    incoming: mapOf(arrayOf(ref("LinkEnd"))),
    dangling: arrayOf(ref("DanglingRef")),
    problems: arrayOf(ref("Problem")),
  }),
  LibraryStats: object({
    root: str,
    files: int,
    patterns: int,
    problemFiles: int,
    links: int,
    linksByType: mapOf(int),
    dangling: int,
    danglingByType: mapOf(int),
    problems: int,
    problemsByKind: mapOf(int),
    isolated: int,
    domains: mapOf(int),
    generations: object({ "1": int, "2": int }),
    degreePercentiles: described(
      object(Object.fromEntries([...DEGREE_PERCENTILES, "max"].map((k) => [k, int]))),
      "Pattern degrees at these percentiles (nearest rank), and the largest.",
    ),
    hubs: described(
      arrayOf(object({ slug: str, title: str, degree: int, inDegree: int, outDegree: int })),
      `The ${HUB_COUNT} best-linked patterns, by degree then slug.`,
    ),
  }),
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
  NodeView: object(
    { slug: str, title: str, domain: str, status: str, degree: int, dangling: bool },
    ["slug", "title", "degree"],
  ),
  LinkView: object(
    {
      id: { ...(str as object), description: "source|type|target" },
      source: str,
      target: str,
      type: ref("LinkType"),
      weight: num,
      description: str,
      directed: bool,
      dangling: bool,
    },
    ["id", "source", "target", "type", "directed", "dangling"],
  ),
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
  LineageNode: {
    allOf: [
      ref("NodeView"),
      object({ level: { type: "integer", description: "Negative for ancestors, 0 for the root, positive for descendants." } }),
    ],
  },
  LineageEdge: object({
    parent: str,
    child: str,
    declaredAs: arrayOf({ type: "string", enum: ["generalizes_from", "specializes_to"] }),
  }),
  Lineage: object({
    root: str,
    depth: int,
    nodes: arrayOf(ref("LineageNode")),
    edges: arrayOf(ref("LineageEdge")),
    truncated: bool,
  }),
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
  ProblemsResponse: object({
    total: int,
    offset: int,
    limit: int,
    byKind: mapOf(int),
    problems: arrayOf(ref("Problem")),
  }),
  OverviewNode: { allOf: [ref("NodeView"), object({ x: num, y: num })] },
  Overview: object({
    nodes: arrayOf(ref("OverviewNode")),
    links: arrayOf(ref("LinkView")),
    layout: object({
      algorithm: { type: "string", enum: ["forceatlas2"] },
      iterations: int,
      barnesHut: bool,
      ms: int,
    }),
  }),
  Health: object({ status: { type: "string", enum: ["ok"] }, store: { type: "string", enum: ["memory", "neo4j"] } }),
};

const paths: Record<string, Record<string, Json>> = {
  "/api/stats": get("Library statistics", [], { "200": ok("The loaded library's numbers.", ref("LibraryStats")) }),
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
  "/api/patterns/{slug}": get("One pattern with its links grouped by type and direction", [slugPath], {
    "200": ok("The pattern, its links, dangling references and problems.", ref("PatternDetail")),
    "404": notFound,
  }),
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
        schema: { type: "string", maxLength: 1000 },
      },
      intParam("offset", NEIGHBORHOOD_OFFSET, "With group: how many of the group's members to skip."),
    ],
    { "200": ok("The neighbourhood, or a group's page.", ref("Subgraph")), "404": notFound },
  ),
  "/api/lineage/{slug}": get(
    "Ancestors and descendants through generalizes_from / specializes_to",
    [slugPath, intParam("depth", LINEAGE_DEPTH, "Levels up and down.")],
    { "200": ok("The lineage DAG (edges point parent -> child).", ref("Lineage")), "404": notFound },
  ),
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
      "200": ok(
        `Up to k paths, empty when there is none within maxLength. Order: ${PATH_RANKING}`,
        ref("PathResult"),
      ),
      "404": notFound,
    },
    "A 404's details.parameter says whether `from` or `to` was unknown. The search has a time budget (the store's query timeout): past it the answer is a 504 query_timeout saying what to ask for instead; it stops when the client disconnects.",
  ),
  "/api/problems": get(
    "The problem report: what is wrong with which file",
    [
      {
        name: "kind",
        in: "query",
        required: false,
        description: "Comma-separated problem kinds.",
        schema: { type: "string", examples: ["invalid-yaml,missing-frontmatter"] },
      },
      {
        name: "file",
        in: "query",
        required: false,
        description: "Only files whose relative path contains this text (case-insensitive).",
        schema: { type: "string", maxLength: MAX_TEXT_LENGTH },
      },
      {
        name: "fatal",
        in: "query",
        required: false,
        description: "true: only problems that cost the file its pattern; false: only recovered ones.",
        schema: { type: "string", enum: ["true", "false"] },
      },
      intParam("offset", PROBLEMS_OFFSET, "How many matching problems to skip."),
      intParam("limit", PROBLEMS_LIMIT, "Page size."),
    ],
    { "200": ok("Problems ordered by file then line; byKind counts ignore the kind filter.", ref("ProblemsResponse")) },
  ),
  "/api/overview": get(
    "The whole library with a stable layout",
    [],
    {
      "200": {
        ...(ok("Every pattern with x,y (ForceAtlas2, computed once per loaded library) and every resolved link.", ref("Overview")) as object),
        headers: { ETag: { description: "A hash of the library: send it back as If-None-Match.", schema: str } },
      },
      "304": { description: "Not modified (If-None-Match matched the library's ETag)." },
    },
  ),
  "/api/openapi.json": {
    get: {
      summary: "This document",
      parameters: [],
      responses: { "200": ok("The OpenAPI 3.1 document.", { type: "object" }) },
    },
  },
  "/healthz": {
    get: {
      summary: "Health check",
      description: "Query parameters are ignored here, so any prober can call it.",
      parameters: [],
      responses: { "200": ok("The store answers.", ref("Health")), "503": unavailable },
    },
  },
};

/**
 * The OpenAPI document. `extraPaths` are the path items of routers mounted through
 * createApp's `extraRouters` (e.g. the gaps router), so the document lists every route the app has.
 */
export function buildOpenApiDocument(extraPaths: Record<string, Record<string, Json>> = {}): OpenApiDocument {
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
    paths: { ...paths, ...extraPaths },
    components: { schemas },
  };
}

export type OpenApiPathItem = Record<string, Json>;
