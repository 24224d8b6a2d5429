// GET /api/problems: the library's problem report (what is wrong with which file), filtered by kind,
// file and fatality, paginated. Counts per kind are over the file/fatal filter, before kind and paging.
import { PROBLEM_KINDS, type Problem } from "../../graph/index.ts";
import type { RegisterRoutes } from "./context.ts";
import { invalid, parseBooleanParam, parseIntParam, parseTextParam, readQuery, type Query } from "../parse-params.ts";

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

export const registerProblemRoutes: RegisterRoutes = (router, { store }) => {
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
};
