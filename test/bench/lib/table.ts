// Prints a Table as aligned plain text, the form `npm run bench` shows on the terminal.
import type { Table, TargetCheck } from "./types.ts";

export function formatTable(table: Table): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [table.title, line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function formatTargets(targets: TargetCheck[]): string {
  if (targets.length === 0) return "";
  return formatTable({
    title: "Targets",
    columns: ["", "what", "target", "measured"],
    rows: targets.map((t) => [t.ok ? "ok" : "MISSED", t.what, t.target, t.measured]),
  });
}
