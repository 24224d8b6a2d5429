// The readable text `pattern-atlas gaps` prints: the summary of a library's gaps, the report of a
// failed --fail-on, the decisions' and the baseline's notes. Pure functions of the analysis.
import {
  GAP_KIND_INFO,
  GAP_KINDS,
  groupFindings,
  type GapFinding,
  type GapGroupBy,
  type GapKind,
  type GapReport,
} from "../graph/gaps/index.ts";
import { findingKinds, type BaselineComparison } from "../graph/gaps/index.ts";
import type { GapDecisions, summariseDecisions } from "../graph/gaps/index.ts";

export interface Grouping {
  by: GapGroupBy;
  fileOf: (slug: string) => string | undefined;
}

/** One kind's findings as lines: each finding and its fix, or with `grouping` each group and one example. */
export function listLines(list: readonly GapFinding[], limit: number, grouping: Grouping | undefined, more: string, decisions?: GapDecisions): string[] {
  const out: string[] = [];
  if (grouping) {
    const groups = groupFindings(list, grouping.by, grouping.fileOf);
    out.push(`  ${groups.length} group(s) by ${grouping.by}, the largest first:`);
    for (const { group } of limit ? groups.slice(0, limit) : groups) {
      out.push(`  - ${group.key} (${group.count}), e.g. ${group.sample.evidence}`);
    }
    if (limit && groups.length > limit) out.push(`  ... ${groups.length - limit} more groups ${more}`);
    return out;
  }
  for (const f of limit ? list.slice(0, limit) : list) {
    const d = decisions?.entries.get(f.id);
    out.push(`  - ${d ? `[decided: ${d.decision} by ${d.by} on ${d.date}: ${d.why}] ` : ""}${f.evidence}`, `    fix: ${f.fix.description}`);
  }
  if (limit && list.length > limit) out.push(`  ... ${list.length - limit} more ${more}`);
  return out;
}

/** The decisions' counts and stale entries, for the end of the summary (empty without a decisions file). */
export function decisionsNote(decisions: GapDecisions, queue: ReturnType<typeof summariseDecisions>, limit: number, shown: boolean): string {
  if (decisions.file === null) return "";
  const { counts, stale } = queue;
  const out = [
    "",
    `Decisions (${decisions.file}): ${counts.decided} decided (${counts.byDecision.intended} intended, ${counts.byDecision.ignored} ignored), ${counts.open} open${counts.decided && !shown ? "; --show-decided lists the decided ones" : ""}.`,
  ];
  if (stale.length) {
    out.push(`Stale decisions (${stale.length}): they name no finding now; delete them from ${decisions.file}:`);
    for (const d of limit ? stale.slice(0, limit) : stale) out.push(`  - ${decisions.file}:${d.line}: ${d.id}`);
    if (limit && stale.length > limit) out.push(`  ... ${stale.length - limit} more (--limit 0 lists all)`);
  }
  return `${out.join("\n")}\n`;
}

export function summary(report: GapReport, findings: readonly GapFinding[], limit: number, grouping?: Grouping, decisions?: GapDecisions): string {
  const lib = report.library;
  const out = [
    `Gaps in ${lib.root}: ${lib.patterns} patterns, ${lib.links} links, ${lib.dangling} dangling references, ${lib.problems} problems.`,
    "",
  ];
  for (const k of GAP_KINDS) {
    const fixable = k.startsWith("one-sided") ? report.findings.filter((f) => f.kind === k && f.fix.automatic).length : 0;
    out.push(`  ${k.padEnd(22)} ${String(report.counts[k]).padStart(6)}${fixable ? `  (${fixable} fixable with --fix-reciprocal)` : ""}`);
  }
  for (const k of GAP_KINDS) {
    const list = findings.filter((f) => f.kind === k);
    if (!list.length) continue;
    out.push("", `${GAP_KIND_INFO[k].label} (${list.length})`);
    out.push(...listLines(list, limit, grouping, `(--kind ${k} --limit 0, or --json)`, decisions));
  }
  return `${out.join("\n")}\n`;
}

export function failReport(
  report: GapReport,
  failing: readonly GapFinding[],
  problems: readonly { file: string; line?: number; message: string }[],
  kinds: readonly GapKind[],
  limit: number,
  onlyNew = false,
  grouping?: Grouping,
): string {
  // A finding with joined findings is listed under the first of its kinds that fails.
  const failingKind = (f: GapFinding) => findingKinds(f).find((k) => kinds.includes(k));
  const count = (k: GapKind) => failing.filter((f) => failingKind(f) === k).length;
  const parts = kinds.filter((k) => count(k) > 0).map((k) => `${count(k)} ${onlyNew ? "new " : ""}${k}`);
  if (problems.length) parts.push(`${problems.length} ${onlyNew ? "new " : ""}file(s) that are not patterns`);
  const out = [`gaps: FAILED: ${parts.join(", ")} in ${report.library.root}.`];
  for (const k of kinds) {
    const list = failing.filter((f) => failingKind(f) === k);
    if (!list.length) continue;
    out.push("", `${GAP_KIND_INFO[k].label} (${list.length}):`);
    out.push(...listLines(list, limit, grouping, "(--limit 0 lists all)"));
  }
  if (problems.length) {
    out.push("", "Files that are not patterns:");
    for (const p of limit ? problems.slice(0, limit) : problems) out.push(`  - ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`);
  }
  if (kinds.some((k) => k.startsWith("one-sided"))) {
    out.push("", "Most one-sided findings can be fixed with: pattern-atlas gaps <folder> --fix-reciprocal --patch out.diff");
  }
  return `${out.join("\n")}\n`;
}

/** What the baseline covered, and its entries that are fixed now (so it can be shrunk). */
export function baselineNote(c: BaselineComparison, file: string, limit: number): string {
  const out = [`\n${c.known} known finding(s) in the baseline ${file} did not fail.`];
  if (c.fixed.length) {
    out.push(`Fixed since the baseline (${c.fixed.length}); delete these entries from ${file} (or write it again with --write-baseline):`);
    for (const e of limit ? c.fixed.slice(0, limit) : c.fixed) out.push(`  - ${e.id}`);
    if (limit && c.fixed.length > limit) out.push(`  ... ${c.fixed.length - limit} more (--limit 0 lists all)`);
  }
  return `${out.join("\n")}\n`;
}
