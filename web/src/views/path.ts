// Path view: the k shortest paths between two patterns (optionally only along chosen link types,
// optionally following direction), drawn left to right with the chosen path emphasised.
import { addLink, createAtlasGraph, nodeAttributes, shapeParallelEdges } from "../graph/atlas-graph.ts";
import { createSizeScale, sortLinkTypes } from "../graph/palette.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/renderer.ts";
import { layoutPaths } from "../layout/path-layout.ts";
import type { LinkView, PathView } from "../types.ts";
import type { ViewLoader } from "./view.ts";
import { emptyView } from "./neighborhood.ts";

export const PATH_STYLE: ViewStyle = {
  ...DEFAULT_STYLE,
  labelThreshold: 0,
  labelDensity: 3,
  labelGridCellSize: 40,
  labelSize: 13,
  edgeEvents: true,
  labelPlacement: "below",
  stagePadding: 64,
};

export const loadPath: ViewLoader = async (state, context) => {
  if (!state.from || !state.to) {
    return emptyView("Choose two patterns to find how they connect.", "Pick a start and an end in the Paths panel.");
  }
  if (state.types !== null && state.types.length === 0) {
    return emptyView("No link type is selected.", "Turn on at least one link type.");
  }
  const [{ domains }, result] = await Promise.all([
    context.library,
    context.api.paths(
    { from: state.from, to: state.to, types: state.types, directed: state.directed, k: state.k, maxLength: state.maxLength },
      context.signal,
    ),
  ]);
  const graph = createAtlasGraph();
  const positions = layoutPaths(result.paths, 1, 0.55);
  const titles = new Map(result.nodes.map((n) => [n.slug as string, n.title]));
  const maxDegree = Math.max(1, ...result.nodes.map((n) => n.degree));
  const size = createSizeScale(maxDegree, [7, 14]);
  for (const node of result.nodes) {
    if (!positions.has(node.slug)) continue;
    const attrs = nodeAttributes(node, domains, size, positions.get(node.slug)!);
    attrs.forceLabel = true;
    if (node.slug === result.from || node.slug === result.to) attrs.size = Math.max(attrs.size, 13);
    graph.addNode(node.slug, attrs);
  }
  const links = new Map<string, LinkView>();
  for (const path of result.paths) for (const link of path.links) links.set(link.id, link);
  for (const link of [...links.values()].sort((a, b) => a.id.localeCompare(b.id))) addLink(graph, link, 2.6);
  shapeParallelEdges(graph);
  return {
    graph,
    style: PATH_STYLE,
    info: { mode: "path", result, titles },
    linkTypes: sortLinkTypes([...links.values()].map((l) => l.type)),
    focus: result.paths.length ? [result.from, result.to] : [],
  };
};

/** The links of one hop of a path (both orders of the two nodes), as the API lists them. */
export function hopLinks(path: PathView, hop: number): LinkView[] {
  const a = path.nodes[hop];
  const b = path.nodes[hop + 1];
  return path.links.filter((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a));
}

/** One hop as text, e.g. "—enables→" or "←requires—" or "—related—", several joined by " / ". */
export function hopArrows(path: PathView, hop: number): string[] {
  const from = path.nodes[hop];
  return hopLinks(path, hop).map((link) => {
    if (!link.directed) return `—${link.type}—`;
    return link.source === from ? `—${link.type}→` : `←${link.type}—`;
  });
}

/** A whole path as one line: "A —enables→ B ←requires— C". */
export function pathSentence(path: PathView, title: (slug: string) => string): string {
  let text = title(path.nodes[0]!);
  for (let hop = 0; hop < path.length; hop++) {
    text += ` ${hopArrows(path, hop).join(" / ")} ${title(path.nodes[hop + 1]!)}`;
  }
  return text;
}
