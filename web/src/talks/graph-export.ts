// The graph on screen as GEXF, GraphML, graphology JSON or CSV, written in the browser by the same
// module the server and the CLI use (graph/export), from the explorer's graphology graph: what the
// view shows, with its positions, sizes and colours. Loaded on demand by the share dialog.
import { EXPORT_FORMAT_INFO, exportGraph, type ExportFormat, type ExportGraph, type ExportLink, type ExportNode } from "../../../graph/export/index.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";

const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * The view's export graph. Lineage edges run parent -> child whichever end declared them, so their
 * type is `lineage` (the declaration in the description); links a gap's fix proposes are not in the
 * files and are left out, as are a neighbourhood's group nodes (views/neighborhood-groups.ts).
 */
export function viewExportGraph(graph: AtlasGraph, title: string, mode: string): ExportGraph {
  const nodes: ExportNode[] = [];
  graph.forEachNode((key, a) => {
    // A neighbourhood's left-out groups drawn as nodes are no patterns: the data leaves them out.
    if (a.group !== undefined) return;
    const node: ExportNode = { key, label: a.dangling ? a.title : a.title || key, dangling: Boolean(a.dangling), degree: a.degree };
    if (!a.dangling) {
      node.slug = key;
      node.title = a.title;
    }
    if (a.domain !== undefined) node.domain = a.domain;
    if (a.status !== undefined) node.status = a.status;
    Object.assign(node, { x: round(a.x), y: round(a.y), size: round(a.size), color: a.color });
    nodes.push(node);
  });
  const links: ExportLink[] = [];
  graph.forEachEdge((key, a, source, target) => {
    if (a.proposed || graph.getNodeAttribute(target, "group") !== undefined) return;
    const lineage = mode === "lineage";
    const link: ExportLink = {
      key,
      source,
      target,
      linkType: lineage ? "lineage" : a.linkType,
      directed: a.directed,
      dangling: Boolean(graph.getNodeAttribute(target, "dangling")),
    };
    if (a.weight !== undefined) link.weight = a.weight;
    if (lineage) link.description = `parent -> child, declared as ${a.linkType === "lineage" ? "generalizes_from and specializes_to" : a.linkType}`;
    else if (a.description !== undefined) link.description = a.description;
    if (a.color) link.color = a.color;
    link.size = round(a.size);
    links.push(link);
  });
  return { title, nodes, links };
}

/** The file for the view in `format`: its body as a Blob of the format's type, and the name's ending. */
export function exportView(graph: AtlasGraph, title: string, mode: string, format: ExportFormat): { blob: Blob; ending: string } {
  const result = exportGraph(viewExportGraph(graph, title, mode), format);
  const { mediaType, suffix, extension } = EXPORT_FORMAT_INFO[format];
  return { blob: new Blob([result.body], { type: mediaType }), ending: `${suffix}.${extension}` };
}
