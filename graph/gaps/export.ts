// Renders gap findings for people and spreadsheets: CSV (RFC 4180, formula-safe) and a Markdown
// report. Shared by the API's exports and the CLI so both say the same thing the same way.
import { csvField } from "../algorithms/csv.ts";
import { GAP_KINDS, GAP_KIND_INFO, type GapCounts, type GapFinding, type GapGroupBy, type GapLink } from "../../core/gaps.ts";
import { groupFindings } from "./group.ts";
import type { GapFilter, GapReport } from "./types.ts";

export { csvField };

export const CSV_COLUMNS = [
  "id",
  "kind",
  "domain",
  "domains",
  "score",
  "patterns",
  "links",
  "evidence",
  "fix",
  "fix_file",
  "candidates",
] as const;

/** `source type target (file:line)`, the way every export writes a link. */
export function describeLink(l: GapLink): string {
  const where = l.line ? `${l.declaredIn}:${l.line}` : l.declaredIn;
  return `${l.source} ${l.type} ${l.target}${l.dangling ? " (dangling)" : ""} (${where})`;
}

/** The findings as CSV with a header row, CRLF line ends (RFC 4180). */
export function findingsToCsv(findings: readonly GapFinding[]): string {
  const rows = [CSV_COLUMNS.join(",")];
  for (const f of findings) {
    const cells: (string | number | undefined)[] = [
      f.id,
      f.kind,
      f.domain,
      f.domains.join(" "),
      f.score,
      f.patterns.join(" "),
      f.links.map(describeLink).join("; "),
      f.evidence,
      f.fix.description,
      f.fix.file,
      f.candidates?.map((c) => `${c.slug} (${c.score}: ${c.reason})`).join("; "),
    ];
    rows.push(cells.map(csvField).join(","));
  }
  return `${rows.join("\r\n")}\r\n`;
}

/** Backslash-escapes the characters Markdown would read as formatting in user-supplied text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<|]/g, (c) => `\\${c}`)
    .replace(/(^|\s)_|_(?=\s|$)/g, (m) => m.replace("_", "\\_"))
    .replace(/^#/, "\\#")
    .replace(/\r?\n/g, " ");
}

export interface MarkdownOptions {
  filter?: GapFilter;
  /** The counts to print in the summary table (defaults to the report's). */
  counts?: GapCounts;
  /** One section per group (a file to edit, a target to fix...) instead of one per kind. */
  groupBy?: GapGroupBy;
  /** A pattern's file, relative to the library (for grouping by file the findings that edit no file). */
  fileOf?: (slug: string) => string | undefined;
}

/**
 * A readable report and a checklist to work through: what was analysed, a table of counts, then one
 * section per kind (or per group with `groupBy`), each finding a `- [ ]` item with its fix. Files are
 * named relative to the library folder.
 */
export function findingsToMarkdown(report: Pick<GapReport, "library" | "counts">, findings: readonly GapFinding[], options: MarkdownOptions = {}): string {
  const lib = report.library;
  const counts = options.counts ?? report.counts;
  const out: string[] = [];
  out.push(`# Gap report: ${escapeMarkdown(lib.root)}`, "");
  out.push(
    `${lib.files} files, ${lib.patterns} patterns, ${lib.links} resolved links, ${lib.dangling} dangling references, ${lib.problems} problems.`,
  );
  const f = options.filter;
  const filters = [
    f?.kinds?.length ? `kind ${f.kinds.join(", ")}` : "",
    f?.domain !== undefined ? `domain ${escapeMarkdown(f.domain)}` : "",
    f?.pattern !== undefined ? `pattern ${escapeMarkdown(f.pattern)}` : "",
  ].filter(Boolean);
  if (filters.length) out.push(`Filtered by ${filters.join("; ")}: ${findings.length} findings.`);
  out.push("", "| Kind | Findings | What it means |", "|---|---:|---|");
  for (const k of GAP_KINDS) out.push(`| ${GAP_KIND_INFO[k].label} | ${counts[k]} | ${escapeMarkdown(GAP_KIND_INFO[k].description)} |`);
  const by = options.groupBy;
  if (by !== undefined && by !== "kind") {
    const groups = groupFindings(findings, by, options.fileOf ?? (() => undefined));
    out.push("", `${findings.length} findings in ${groups.length} groups by ${by}, the largest first.`);
    for (const { group, findings: list } of groups) {
      out.push("", `## ${escapeMarkdown(group.key)} (${group.count})`, "");
      for (const x of list) out.push(...checklistItem(x, true));
    }
    return `${out.join("\n")}\n`;
  }
  for (const k of GAP_KINDS) {
    const list = findings.filter((x) => x.kind === k);
    if (list.length === 0) continue;
    out.push("", `## ${GAP_KIND_INFO[k].label} (${list.length})`, "", `_${escapeMarkdown(GAP_KIND_INFO[k].description)}_`, "");
    for (const x of list) out.push(...checklistItem(x, false));
  }
  return `${out.join("\n")}\n`;
}

function checklistItem(x: GapFinding, withKind: boolean): string[] {
  const score = x.score !== undefined ? ` (score ${x.score})` : "";
  const kind = withKind ? `${GAP_KIND_INFO[x.kind].label}: ` : "";
  const lines = [`- [ ] ${kind}**${x.patterns.map((p) => escapeMarkdown(p)).join(", ")}**${score}: ${escapeMarkdown(x.evidence)}`];
  lines.push(`  - Fix: ${escapeMarkdown(x.fix.description)}${x.fix.automatic ? " (written by `--fix-reciprocal`)" : ""}`);
  if (x.candidates?.length) {
    lines.push(`  - Candidates: ${x.candidates.map((c) => `${escapeMarkdown(c.slug)} (${c.score}: ${escapeMarkdown(c.reason)})`).join("; ")}`);
  }
  // With no default edit, the maintainer picks: every option, so the report alone is enough to decide.
  if (x.fix.choices?.length && (x.fix.action === "choose" || x.fix.action === "create")) {
    for (const c of x.fix.choices) lines.push(`  - [ ] Choice: ${escapeMarkdown(c.label)}${c.confidence !== undefined ? ` (${c.confidence})` : ""}: ${escapeMarkdown(c.reason)}`);
  }
  for (const j of x.joined ?? []) lines.push(`  - Also settles: ${escapeMarkdown(j.evidence)}`);
  return lines;
}

/** An export's file name that says its filter: `gaps-dangling-by-target.md`, `gaps-domain-craft.csv`, `gaps.json`. */
export function exportFileName(filter: GapFilter, groupBy: GapGroupBy | undefined, extension: string): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "none";
  const parts = ["gaps"];
  if (filter.kinds?.length) parts.push(filter.kinds.length > 3 ? `${filter.kinds.length}-kinds` : filter.kinds.join("-"));
  if (filter.domain !== undefined) parts.push("domain", safe(filter.domain));
  if (filter.pattern !== undefined) parts.push("pattern", safe(filter.pattern));
  if (groupBy !== undefined) parts.push("by", groupBy);
  return `${parts.join("-")}.${extension}`;
}
