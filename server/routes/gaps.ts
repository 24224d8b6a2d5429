// GET /api/gaps (filtered, paginated findings with counts per kind) and its exports (JSON, CSV,
// Markdown). The gaps service (gaps-service.ts) answers, alike for both stores: from the findings
// a Neo4j store keeps with its library, or from an analysis of `store.exportLibrary()` made on the
// gaps thread once per loaded library (a new library version, a --watch reload or a re-ingest,
// starts a new one). The route checks the parameters' form and sends the bytes, gzipped for
// clients that take it.
import type { Request, Response } from "express";
import { DECIDED_MODES, exportFileName, GAP_GROUP_BY, GAP_KINDS, isDecidedMode, isGapGroupBy, NO_DOMAIN, type GapKind, type GapPatternInfo, type GapsExport, type GapsGroupsResponse, type GapsResponse } from "../../graph/gaps/index.ts";
import type { GapsFormat, GapsJob, GapsQuery } from "../gaps-answers.ts";
import type { GapsService } from "../gaps-service.ts";
import type { OpenApiPathItem } from "../openapi.ts";
import { invalid, parseIntParam, parseSlug, parseTextParam, readQuery, type Query } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export type { GapPatternInfo, GapsExport, GapsGroupsResponse, GapsResponse };

export const GAPS_LIMIT = { min: 1, max: 500, default: 50 } as const;
export const GAPS_OFFSET = { min: 0, max: 1_000_000, default: 0 } as const;

function parseKinds(query: Query): GapKind[] {
  const raw = query.kind;
  if (raw === undefined) return [];
  const parts = raw.split(",").map((s) => s.trim());
  for (const p of parts) {
    if (!(GAP_KINDS as readonly string[]).includes(p)) {
      throw invalid("kind", raw, `a comma-separated list of gap kinds from ${GAP_KINDS.join(", ")}`);
    }
  }
  return [...new Set(parts)] as GapKind[];
}

/** The filters' form; whether the domain or pattern exists is the analysis's answer (400 / 404). */
function parseFilter(query: Query): GapsQuery {
  const filter: GapsQuery = { kinds: parseKinds(query) };
  if (query.domain !== undefined) filter.domain = parseTextParam(query, "domain", { required: true }).trim();
  if (query.pattern !== undefined) filter.pattern = parseSlug("pattern", query.pattern);
  if (query.groupBy !== undefined) {
    if (!isGapGroupBy(query.groupBy)) throw invalid("groupBy", query.groupBy, `one of ${GAP_GROUP_BY.join(", ")}`);
    filter.groupBy = query.groupBy;
  }
  if (query.group !== undefined) {
    if (filter.groupBy === undefined) throw invalid("group", query.group, "a group's key together with groupBy");
    filter.group = parseTextParam(query, "group", { required: true });
  }
  if (query.decided !== undefined) {
    if (!isDecidedMode(query.decided)) throw invalid("decided", query.decided, `one of ${DECIDED_MODES.join(", ")}`);
    filter.decided = query.decided;
  }
  return filter;
}

const FILTER_PARAMS = ["kind", "domain", "pattern", "decided"] as const;
/** The routes that can answer groups (CSV stays one row per finding). */
const GROUPING_PARAMS = [...FILTER_PARAMS, "groupBy", "group"] as const;

const CONTENT_TYPES: Record<GapsFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

async function send(service: GapsService, req: Request, res: Response, job: GapsJob, headers: Record<string, string>): Promise<void> {
  const answer = await service.ask(req, res, job, true);
  if (!answer) return;
  res.vary("Accept-Encoding");
  res.set(headers);
  if (answer.gzipped) res.set("Content-Encoding", "gzip");
  res.send(answer.body);
}

const filterParams = [
  {
    name: "kind",
    in: "query",
    required: false,
    description: `Comma-separated gap kinds: ${GAP_KINDS.join(", ")}. All when absent.`,
    schema: { type: "string" },
  },
  {
    name: "domain",
    in: "query",
    required: false,
    description: `Only findings involving a pattern of this domain ("${NO_DOMAIN}": a pattern without one).`,
    schema: { type: "string" },
  },
  { name: "pattern", in: "query", required: false, description: "Only findings involving this pattern (slug).", schema: { type: "string" } },
];
const decidedParam = {
    name: "decided",
    in: "query",
    required: false,
    description: "Findings with a decision in the library's .pattern-atlas/decisions.yml: hide (default), show (with the open ones), only.",
    schema: { type: "string", enum: [...DECIDED_MODES], default: "hide" },
};
const groupParam = {
  name: "group",
  in: "query",
  required: false,
  description: "With groupBy: the findings of this one group (its key), paged as findings.",
  schema: { type: "string" },
};
const groupByParam = {
  name: "groupBy",
  in: "query",
  required: false,
  description:
    `Answer groups of the matching findings (\`groups\`, \`totalGroups\`; paging counts groups), the largest first: ${GAP_GROUP_BY.join(", ")}. ` +
    "target: a link's target as written (one group per distinct dangling target); file: the file the fix edits; pattern: the primary pattern.",
  schema: { type: "string", enum: [...GAP_GROUP_BY] },
};
const pageParams = [
  { name: "offset", in: "query", required: false, schema: { type: "integer", minimum: GAPS_OFFSET.min, maximum: GAPS_OFFSET.max, default: GAPS_OFFSET.default } },
  { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: GAPS_LIMIT.min, maximum: GAPS_LIMIT.max, default: GAPS_LIMIT.default } },
];
const errors = {
  "400": { description: "An invalid parameter (the body names it and what is allowed)." },
  "404": { description: "Unknown pattern slug, with suggestions." },
  "503": { description: "The store is unavailable." },
  "504": { description: "The gap analysis did not answer within 20 s (query_timeout; the message says what to ask for instead)." },
};

const GAPS_PATHS: Record<string, OpenApiPathItem> = {
  "/api/gaps": {
    get: {
      summary: "Gaps in the library's links: findings with evidence and fixes (or groups of them), counts per kind, paginated.",
      parameters: [...filterParams, decidedParam, groupByParam, groupParam, ...pageParams],
      responses: {
        "200": {
          description:
            "GapsResponse, or GapsGroupsResponse with groupBy (see core/gaps.ts). A dangling finding's fix has an `action` " +
            "(replace, choose, create, repair, rewrite, remove), default `edits` (none for choose) and `choices` (each with a label, " +
            "confidence, reason and edits; a create-pattern edit carries the stub file); candidates found in the library's git history " +
            "have `via: \"history\"`; `joined` holds the one-sided findings a stale reference's fix settles too.",
        },
        ...errors,
      },
    },
  },
  "/api/gaps/export.json": {
    get: { summary: "Every matching finding as JSON (download), with every group when groupBy is given.", parameters: [...filterParams, decidedParam, groupByParam], responses: { "200": { description: "GapsExport" }, ...errors } },
  },
  "/api/gaps/export.csv": {
    get: { summary: "Every matching finding as CSV (RFC 4180).", parameters: [...filterParams, decidedParam], responses: { "200": { description: "text/csv" }, ...errors } },
  },
  "/api/gaps/export.md": {
    get: { summary: "A Markdown gap report: a checklist per kind, or per group with groupBy.", parameters: [...filterParams, decidedParam, groupByParam], responses: { "200": { description: "text/markdown" }, ...errors } },
  },
};

/** `/api/gaps` and `/api/gaps/export.{json,csv,md}`. */
export const gapsRoute: RouteModule = {
  register(router, { gaps: { service } }) {
    router.get("/api/gaps", async (req, res) => {
      const query = readQuery(req.query, [...GROUPING_PARAMS, "offset", "limit"]);
      const offset = parseIntParam(query, "offset", GAPS_OFFSET);
      const limit = parseIntParam(query, "limit", GAPS_LIMIT);
      await send(service, req, res, { kind: "page", query: parseFilter(query), offset, limit }, { "Content-Type": CONTENT_TYPES.json });
    });

    const exporter = (format: GapsFormat) => async (req: Request, res: Response) => {
      const query = readQuery(req.query, format === "csv" ? [...FILTER_PARAMS] : [...GROUPING_PARAMS]);
      const filter = parseFilter(query);
      await send(service, req, res, { kind: "export", query: filter, format }, {
        "Content-Type": CONTENT_TYPES[format],
        "Content-Disposition": `attachment; filename="${exportFileName(filter, filter.groupBy, format)}"`,
      });
    };
    router.get("/api/gaps/export.json", exporter("json"));
    router.get("/api/gaps/export.csv", exporter("csv"));
    router.get("/api/gaps/export.md", exporter("md"));
  },
  openapi: { paths: GAPS_PATHS },
};
