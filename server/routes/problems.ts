// GET /api/problems: the library's problem report (what is wrong with which file), filtered by kind,
// file and fatality, paginated. Counts per kind are over the file/fatal filter, before kind and paging.
import { PROBLEM_KINDS, type Problem } from "../../graph/index.ts";
import { arrayOf, get, int, intParam, mapOf, object, ok, ref } from "../openapi-parts.ts";
import { invalid, MAX_TEXT_LENGTH, parseBooleanParam, parseIntParam, parseTextParam, readQuery, type Query } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

export const PROBLEMS_LIMIT = { min: 1, max: 1000, default: 100 } as const;
export const PROBLEMS_OFFSET = { min: 0, max: 1_000_000, default: 0 } as const;

export interface ProblemsResponse {
  /** Problems matching every filter (before paging). */
  total: number;
  offset: number;
  limit: number;
  /** Per kind, the problems matching the file and fatal filters (the kind filter not applied). */
  byKind: Record<string, number>;
  problems: Problem[];
}

function parseKinds(query: Query): Set<string> | undefined {
  const raw = query.kind;
  if (raw === undefined) return undefined;
  const kinds = raw.split(",").map((s) => s.trim());
  const known = PROBLEM_KINDS as readonly string[];
  if (kinds.some((k) => !known.includes(k))) {
    throw invalid("kind", raw, `a comma-separated list of problem kinds from ${known.join(", ")}`);
  }
  return new Set(kinds);
}

export const problemsRoute: RouteModule = {
  register(router, { store }) {
    router.get("/api/problems", async (req, res) => {
      const query = readQuery(req.query, ["kind", "file", "fatal", "offset", "limit"]);
      const kinds = parseKinds(query);
      const file = parseTextParam(query, "file", { required: false }).toLowerCase();
      const fatal = query.fatal === undefined ? undefined : parseBooleanParam(query, "fatal", false);
      const offset = parseIntParam(query, "offset", PROBLEMS_OFFSET);
      const limit = parseIntParam(query, "limit", PROBLEMS_LIMIT);

      const filtered = (await store.problems()).filter(
        (p) => (file === "" || p.file.toLowerCase().includes(file)) && (fatal === undefined || p.fatal === fatal),
      );
      const byKind: Record<string, number> = {};
      for (const p of filtered) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
      const matching = kinds ? filtered.filter((p) => kinds.has(p.kind)) : filtered;
      const body: ProblemsResponse = {
        total: matching.length,
        offset,
        limit,
        byKind,
        problems: matching.slice(offset, offset + limit),
      };
      res.json(body);
    });
  },
  openapi: {
    paths: {
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
    },
    schemas: {
      ProblemsResponse: object({
        total: int,
        offset: int,
        limit: int,
        byKind: mapOf(int),
        problems: arrayOf(ref("Problem")),
      }),
    },
  },
};
