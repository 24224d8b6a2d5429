// Reads a library's gap decisions (`.pattern-atlas/decisions.yml`): each finding id with `decision`,
// `by`, `why` and `date`. A malformed entry becomes a problem with its line and is skipped; the file
// as a whole never stops the analysis (a missing file is no decisions, an unreadable one a problem).
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  DECISIONS_FILE,
  GAP_DECISIONS,
  isGapDecision,
  noDecisions,
  type DecisionProblem,
  type GapDecision,
  type GapDecisions,
} from "../graph/gaps/index.ts";
import { readYaml } from "./read-yaml.ts";

/** Larger than any hand-kept file; a bigger one is refused rather than parsed. */
export const MAX_DECISIONS_BYTES = 4 * 2 ** 20;
const FIELDS = ["decision", "by", "why", "date"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses the decisions file's text (`file` names it in problems). Pure. */
export function parseDecisions(text: string, file: string = DECISIONS_FILE): GapDecisions {
  const out: GapDecisions = { file, entries: new Map(), problems: [] };
  const problem = (message: string, line?: number) => out.problems.push({ file, ...(line !== undefined ? { line } : {}), message });
  const read = readYaml(text, { firstLine: 1, maxDepth: 3 });
  if (!read.ok) {
    problem(`invalid YAML: ${read.message}`, read.line);
    return out;
  }
  const { value, positions } = read;
  if (value === null || value === undefined) return out;
  if (!isRecord(value)) {
    problem("the file must be a mapping with one key, `decisions:`", 1);
    return out;
  }
  for (const key of Object.keys(value)) {
    if (key !== "decisions") problem(`unknown key '${key}' (the file has one key, \`decisions:\`)`, positions.keyLine([key]));
  }
  const decisions = value.decisions;
  if (decisions === undefined || decisions === null) return out;
  if (!isRecord(decisions)) {
    problem("`decisions:` must map each finding id to its decision", positions.keyLine(["decisions"]));
    return out;
  }
  for (const [id, raw] of Object.entries(decisions)) {
    const line = positions.keyLine(["decisions", id]) ?? positions.keyLine(["decisions"]) ?? 1;
    const at = (field: string) => positions.keyLine(["decisions", id, field]) ?? line;
    if (!isRecord(raw)) {
      problem(`'${id}': give decision, by, why and date`, line);
      continue;
    }
    const errors: DecisionProblem[] = [];
    const fail = (message: string, l: number) => errors.push({ file, line: l, message: `'${id}': ${message}` });
    for (const field of Object.keys(raw)) {
      if (!(FIELDS as readonly string[]).includes(field)) fail(`unknown field '${field}' (use ${FIELDS.join(", ")})`, at(field));
    }
    const missing = FIELDS.filter((f) => raw[f] === undefined || raw[f] === null);
    if (missing.length > 1) fail(`missing ${missing.join(", ")}`, line);
    const decision = raw.decision;
    if (missing.length > 1) {
      // One line says it all.
    } else if (typeof decision !== "string" || !isGapDecision(decision)) {
      fail(`decision must be one of ${GAP_DECISIONS.join(", ")}${decision === undefined ? "" : `, not '${String(decision)}'`}`, at("decision"));
    }
    for (const field of ["by", "why"] as const) {
      const v = raw[field];
      if (missing.length <= 1 && (typeof v !== "string" || v.trim() === "")) fail(`${field} must be a non-empty text`, at(field));
    }
    const date = raw.date instanceof Date ? raw.date.toISOString().slice(0, 10) : raw.date;
    if (missing.length <= 1 && (typeof date !== "string" || !DATE.test(date) || Number.isNaN(Date.parse(date)))) {
      fail("date must be a day written YYYY-MM-DD", at("date"));
    }
    if (errors.length) {
      out.problems.push(...errors);
      continue;
    }
    const entry: GapDecision = { decision: decision as GapDecision["decision"], by: String(raw.by).trim(), why: String(raw.why).trim(), date: date as string, line };
    out.entries.set(id, entry);
  }
  return out;
}

/** Reads `<root>/.pattern-atlas/decisions.yml` (or `file`, named `shown` in problems); no file is no decisions. */
export async function readDecisions(root: string, file?: string, shown: string = file ?? DECISIONS_FILE): Promise<GapDecisions> {
  const where = file ?? path.join(root, ...DECISIONS_FILE.split("/"));
  let bytes: Buffer;
  try {
    bytes = await readFile(where);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && file === undefined) return noDecisions();
    return { file: shown, entries: new Map(), problems: [{ file: shown, message: `cannot read it: ${code ?? (error as Error).message}` }] };
  }
  if (bytes.length > MAX_DECISIONS_BYTES) {
    return { file: shown, entries: new Map(), problems: [{ file: shown, message: `${bytes.length} bytes; decisions files are read up to ${MAX_DECISIONS_BYTES}` }] };
  }
  return parseDecisions(bytes.toString("utf8"), shown);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
