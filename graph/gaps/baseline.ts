// A baseline of known gap findings, so a library with gaps today can still fail its CI on new ones
// (as eslint's suppressions and ruff's baseline do). Findings are matched by a stable id made from
// what the finding is, never from line numbers, so editing an unrelated line keeps the baseline valid.
import { compareStrings } from "../../core/order.ts";
import { GAP_KINDS, type GapFinding, type GapKind } from "../../core/gaps.ts";

/** What a baseline entry may be about: a gap kind, or a file that is not a pattern ("problems"). */
export type BaselineKind = GapKind | "problems";

export interface BaselineEntry {
  id: string;
  kind: BaselineKind;
  /** One line for the reviewer of the baseline file; not used for matching. */
  summary: string;
}

export interface GapBaseline {
  format: "pattern-atlas-gaps-baseline";
  version: 1;
  /** Sorted by id, one entry per finding. */
  findings: BaselineEntry[];
}

/**
 * The stable id of a finding: its kind, then for each declared link it is about
 * `file: source type target` (sorted), or, for findings without links, the patterns involved
 * (sorted). No line numbers, scores or wording, so only a change to the finding itself changes it.
 */
export function baselineId(f: GapFinding): string {
  const parts = f.links.length
    ? f.links.map((l) => `${l.declaredIn}: ${l.source} ${l.type} ${l.target}`)
    : f.patterns.map(String);
  return `${f.kind} ${[...new Set(parts)].sort(compareStrings).join(" + ")}`;
}

/** The stable id of a file that produced no pattern. */
export function problemBaselineId(file: string): string {
  return `problems ${file}`;
}

/** Ids for many findings: the same id twice (one link written twice in a file) gets ` #2`, ` #3`... */
function numberedIds(ids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id} #${n}`;
  });
}

/** A baseline of these findings and problem files, sorted by id. */
export function buildBaseline(findings: readonly GapFinding[], problemFiles: readonly { file: string; message: string }[] = []): GapBaseline {
  // A joined finding (one-sided, settled by a stale reference's fix) keeps its own entry, so the
  // baseline reads the same whether or not the analysis could join it.
  const all = findings.flatMap((f) => [f, ...(f.joined ?? [])]);
  const ids = numberedIds(all.map(baselineId));
  const entries: BaselineEntry[] = all.map((f, i) => ({ id: ids[i]!, kind: f.kind, summary: oneLine(f.evidence) }));
  const problemIds = numberedIds(problemFiles.map((p) => problemBaselineId(p.file)));
  problemFiles.forEach((p, i) => entries.push({ id: problemIds[i]!, kind: "problems", summary: oneLine(`${p.file}: ${p.message}`) }));
  entries.sort((a, b) => compareStrings(a.id, b.id));
  return { format: "pattern-atlas-gaps-baseline", version: 1, findings: entries };
}

/** The baseline file's text: JSON, one entry per line, so a diff of it reads finding by finding. */
export function baselineToText(baseline: GapBaseline): string {
  const lines = baseline.findings.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "format": "${baseline.format}",\n  "version": ${baseline.version},\n  "findings": [\n${lines.join(",\n")}${lines.length ? "\n" : ""}  ]\n}\n`;
}

const BASELINE_KINDS: readonly string[] = [...GAP_KINDS, "problems"];

/** Reads a baseline file's text. @throws Error saying what is wrong (the caller names the file). */
export function parseBaseline(text: string): GapBaseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`, { cause: error });
  }
  const b = data as Partial<GapBaseline> | null;
  if (!b || typeof b !== "object" || b.format !== "pattern-atlas-gaps-baseline") {
    throw new Error("not a gaps baseline (write one with --write-baseline)");
  }
  if (b.version !== 1) throw new Error(`baseline version ${String(b.version)}; this program reads version 1`);
  if (!Array.isArray(b.findings)) throw new Error("no 'findings' list");
  b.findings.forEach((e, i) => {
    if (!e || typeof e.id !== "string" || !BASELINE_KINDS.includes(e.kind) || typeof e.summary !== "string") {
      throw new Error(`entry ${i + 1} needs an id, a kind (${BASELINE_KINDS.join(", ")}) and a summary`);
    }
  });
  return b as GapBaseline;
}

export interface BaselineComparison {
  /** Findings whose id the baseline lacks: the ones that fail. */
  added: GapFinding[];
  addedProblems: { file: string; message: string }[];
  /** Baseline entries (of the kinds compared) that no longer occur: the baseline can drop them. */
  fixed: BaselineEntry[];
  /** How many findings the baseline covered. */
  known: number;
}

/** The kinds a finding stands for: its own and those of the findings joined into it. */
export function findingKinds(f: GapFinding): GapKind[] {
  return [f.kind, ...(f.joined ?? []).map((j) => j.kind)];
}

/** Splits today's findings (and problem files) into new and known, and lists the baseline's fixed entries among `kinds`. */
export function compareWithBaseline(
  baseline: GapBaseline,
  findings: readonly GapFinding[],
  problemFiles: readonly { file: string; message: string }[],
  kinds: readonly BaselineKind[],
): BaselineComparison {
  const inBaseline = new Set(baseline.findings.map((e) => e.id));
  const ids = numberedIds(findings.map(baselineId));
  const joinedIds = findings.map((f) => (f.joined ?? []).map(baselineId));
  const problemIds = numberedIds(problemFiles.map((p) => problemBaselineId(p.file)));
  const current = new Set([...ids, ...joinedIds.flat(), ...problemIds]);
  // Known when the baseline lists it, or (for a joined finding) any finding it settles.
  const added = findings.filter((_, i) => !inBaseline.has(ids[i]!) && !joinedIds[i]!.some((id) => inBaseline.has(id)));
  const addedProblems = problemFiles.filter((_, i) => !inBaseline.has(problemIds[i]!));
  const wanted = new Set<string>(kinds);
  const fixed = baseline.findings.filter((e) => wanted.has(e.kind) && !current.has(e.id));
  return { added, addedProblems, fixed, known: findings.length + problemFiles.length - added.length - addedProblems.length };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
