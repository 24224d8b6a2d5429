// Lineage of a pattern as a layered top-down DAG: ancestors above, descendants below, one band per
// level (LineageNode.level), every parent edge drawn so multiple parents show as converging arrows.
import { createAtlasGraph, nodeAttributes } from "../graph/atlas-graph.ts";
import { createSizeScale, linkTypeColor, mix } from "../graph/palette.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/renderer.ts";
import { displayLevels, layoutLayers } from "../layout/layered.ts";
import { themeColors } from "../theme.ts";
import type { ViewLoader } from "./view.ts";
import { emptyView } from "./neighborhood.ts";

export const LINEAGE_STYLE: ViewStyle = {
  ...DEFAULT_STYLE,
  labelThreshold: 0,
  labelDensity: 3,
  labelGridCellSize: 40,
  labelSize: 13,
  edgeEvents: true,
  labelPlacement: "below",
  stagePadding: 56,
};

/** Colour of a lineage edge declared on both ends; one-sided declarations are drawn paler. */
export const LINEAGE_COLOR = linkTypeColor("generalizes_from");

export const loadLineage: ViewLoader = async (state, context) => {
  if (!state.focus) {
    return emptyView("Pick a pattern to see its lineage.", "Press / to search, or open a pattern's panel and choose Lineage.");
  }
  const [lineage, { domains }] = await Promise.all([context.api.lineage(state.focus, state.lineageDepth, context.signal), context.library]);
  const graph = createAtlasGraph();
  const levels = displayLevels(
    lineage.nodes.map((n) => ({ key: n.slug, level: n.level, label: n.title })),
    lineage.edges,
  );
  const positions = layoutLayers(
    lineage.nodes.map((n) => ({ key: n.slug, level: levels.get(n.slug) ?? n.level, label: n.title })),
    lineage.edges,
    // Small bands stay one row; big ones wrap into a block about 2.5 times wider than tall.
    // xGap 1.5: two-line labels of about 16 characters need that much room beside each other.
    { maxPerRow: (n) => (n <= 9 ? 9 : Math.max(9, Math.ceil(Math.sqrt(n * 2.5)))), xGap: 1.5, yGap: 1.15, wrapGap: 0.5 },
  );
  const maxDegree = Math.max(1, ...lineage.nodes.map((n) => n.degree));
  const size = createSizeScale(maxDegree, [7, 15]);
  for (const node of lineage.nodes) {
    const position = positions.get(node.slug) ?? { x: 0, y: 0 };
    const attrs = nodeAttributes(node, domains, size, position);
    attrs.distance = node.level;
    if (position.labelAbove) attrs.labelAbove = true;
    // Forced labels skip sigma's collision grid: fine for a few dozen, a wall of text beyond.
    attrs.forceLabel = lineage.nodes.length <= 60;
    if (node.slug === lineage.root) attrs.size = Math.max(attrs.size, 14);
    graph.addNode(node.slug, attrs);
  }
  const pale = mix(LINEAGE_COLOR, themeColors().background, 0.55);
  for (const edge of lineage.edges) {
    const id = `${edge.parent}>${edge.child}`;
    if (!graph.hasNode(edge.parent) || !graph.hasNode(edge.child) || graph.hasEdge(id)) continue;
    const both = edge.declaredAs.length > 1;
    graph.addDirectedEdgeWithKey(id, edge.parent, edge.child, {
      id,
      linkType: edge.declaredAs.length === 1 ? edge.declaredAs[0]! : "lineage",
      type: "arrow",
      color: both ? LINEAGE_COLOR : pale,
      size: both ? 2.4 : 1.8,
      directed: true,
      declaredBoth: both,
    });
  }
  return {
    graph,
    style: lineage.nodes.length <= 60 ? LINEAGE_STYLE : { ...LINEAGE_STYLE, labelDensity: 1, labelGridCellSize: 110 },
    info: { mode: "lineage", lineage, title: lineage.nodes.find((n) => n.slug === lineage.root)?.title ?? lineage.root },
    linkTypes: [],
    focus: [lineage.root],
  };
};
