// The graph as two CSV tables for spreadsheets and data frames: one row per node, one per link,
// columns named as the attributes of every other format (RFC 4180, formula-safe: graph/algorithms/csv.ts).
import { csvRows } from "../algorithms/csv.ts";
import { LINK_ATTRIBUTES, NODE_ATTRIBUTES, type ExportGraph, type ExportLink, type ExportNode } from "./export-graph.ts";

/** Columns that a library export always has; a view's drawing (x, y, size, color) only when present. */
const VIEW_ONLY = ["x", "y", "size", "color"];

function cell(value: unknown): string | number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number") return value;
  if (Array.isArray(value)) return value.length ? JSON.stringify(value) : undefined;
  return String(value);
}

function table<T extends object>(items: readonly T[], first: (keyof T & string)[], names: readonly (keyof T & string)[]): string {
  const columns = [
    ...first,
    ...names.filter((name) => !first.includes(name) && (!VIEW_ONLY.includes(name) || items.some((item) => item[name] !== undefined))),
  ];
  return csvRows([columns, ...items.map((item) => columns.map((name) => cell(item[name])))]);
}

/** Nodes: `key` (the slug, or `dangling:<target>` for a placeholder) then every node attribute. */
export function nodesCsv(graph: ExportGraph): string {
  return table<ExportNode>(graph.nodes, ["key"], NODE_ATTRIBUTES);
}

/** Links: `key`, `source`, `target` (node keys), then every link attribute. */
export function linksCsv(graph: ExportGraph): string {
  return table<ExportLink>(graph.links, ["key", "source", "target"], LINK_ATTRIBUTES);
}
