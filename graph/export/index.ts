// The graph for the tools people already use: GEXF (Gephi), GraphML (yEd, Cytoscape, NetworkX),
// graphology's node-link JSON and CSV tables. Platform-free (no Node imports), so the server, the CLI
// and the explorer (for its current view) all write the same files with this one module.
import type { Library } from "../../core/model.ts";
import { libraryExportGraph, libraryName, type ExportGraph } from "./export-graph.ts";
import { toGexf } from "./gexf.ts";
import { toGraphml } from "./graphml.ts";
import { toGraphology } from "./graphology-graph.ts";
import { linksCsv, nodesCsv } from "./csv.ts";
import { EXPORT_FORMAT_INFO, type ExportChoice, type ExportFormat, type ExportFormatInfo } from "./formats.ts";

export * from "./formats.ts";
export { libraryExportGraph, libraryName, LINK_ATTRIBUTES, NODE_ATTRIBUTES } from "./export-graph.ts";
export type { ExportGraph, ExportLink, ExportNode, LinkAttribute, NodeAttribute } from "./export-graph.ts";

export interface ExportResult extends ExportFormatInfo {
  body: string;
}

export interface ExportFile extends ExportResult {
  /** `<stem><suffix>.<extension>`, e.g. `pattern-atlas-library-nodes.csv`. */
  name: string;
}

/** Writes an export graph (a whole library's, or a view's) in one format. */
export function exportGraph(graph: ExportGraph, format: ExportFormat): ExportResult {
  return { body: writeBody(graph, format), ...EXPORT_FORMAT_INFO[format] };
}

function writeBody(graph: ExportGraph, format: ExportFormat): string {
  switch (format) {
    case "gexf":
      return toGexf(graph);
    case "graphml":
      return toGraphml(graph);
    case "json":
      return `${JSON.stringify(toGraphology(graph).export())}\n`;
    case "csv-nodes":
      return nodesCsv(graph);
    case "csv-links":
      return linksCsv(graph);
  }
}

/** The file name of `format` for a stem: `<stem><suffix>.<extension>`. */
export function exportFileName(stem: string, format: ExportFormat): string {
  const { suffix, extension } = EXPORT_FORMAT_INFO[format];
  return `${stem}${suffix}.${extension}`;
}

/**
 * The whole library in one format: every pattern with every attribute, every resolved link, and
 * each dangling reference as a link to a placeholder node (`dangling: true`). What the CLI's
 * `export` command and `GET /api/export` write.
 */
export function exportLibrary(library: Library, format: ExportFormat): ExportResult {
  return exportGraph(libraryExportGraph(library), format);
}

/** The formats a choice writes: `csv` is the two tables, every other choice itself. */
export function formatsOf(choice: ExportChoice): ExportFormat[] {
  return choice === "csv" ? ["csv-nodes", "csv-links"] : [choice];
}

/** The file name stem for a library's exports: `pattern-atlas-<library name>`, kept to portable characters. */
export function libraryFileStem(root: string): string {
  const safe = libraryName(root)
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|-+$/g, "")
    .slice(0, 80);
  return safe ? `pattern-atlas-${safe}` : "pattern-atlas";
}

/**
 * The files of one choice, named after `stem` (by default the library's): for the CLI, e.g.
 * `exportFiles(library, "csv")` gives `pattern-atlas-<library>-nodes.csv` and `...-links.csv`.
 */
export function exportFiles(library: Library, choice: ExportChoice, stem = libraryFileStem(library.root)): ExportFile[] {
  const graph = libraryExportGraph(library);
  return formatsOf(choice).map((format) => {
    return { ...exportGraph(graph, format), name: exportFileName(stem, format) };
  });
}
