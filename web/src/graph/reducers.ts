// sigma's node and edge reducers for the explorer: how hover, selection, the view's focus and its
// emphasis change what is drawn, without touching the graph. Plain functions of the moment's highlights.
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import { danglingLabel, type AtlasGraph, type EdgeAttrs, type NodeAttrs } from "./atlas-graph.ts";
import { linkTypeColor } from "./palette.ts";
import type { Emphasis, ViewStyle } from "./view-style.ts";
import { themeColors } from "../theme.ts";

/** What is lit at the moment: the renderer's transient state. */
export interface Highlights {
  hovered: string | null;
  /** The neighbours a hover lights (all, or the strongest few). */
  hoveredNeighbours: ReadonlySet<string>;
  selected: string | null;
  selectedNeighbours: ReadonlySet<string>;
  /** The view's centre: always ringed and labelled. */
  focus: ReadonlySet<string>;
  emphasis: Emphasis | null;
}

/** A node as drawn now: faded, lit, labelled or hidden by what is hovered, selected and emphasised. */
export function reduceNode(node: string, data: NodeAttrs, lit: Highlights, style: ViewStyle): Partial<NodeDisplayData> {
  const colors = themeColors();
  const out: Partial<NodeDisplayData> = { ...data };
  // A community's node in a large overview stands for patterns not drawn: faded, it keeps its name.
  const aggregate = data.aggregate !== undefined;
  const fade = (keepLabel = false) => {
    out.color = colors.fadedNode;
    if (!keepLabel && !aggregate) out.label = null;
    if (!aggregate) out.forceLabel = false;
    out.zIndex = 0;
  };
  if (lit.hovered) {
    if (node === lit.hovered) {
      out.highlighted = true;
      out.zIndex = 3;
      // A group node labelled by its count alone says in full what it holds when hovered.
      if (data.group !== undefined) out.label = data.title;
      // A dangling target labelled by its shortened id says the whole id when hovered.
      if (data.dangling) out.label = danglingLabel(data.title, true);
    } else if (lit.hoveredNeighbours.has(node)) {
      out.forceLabel = true;
      out.zIndex = 2;
    } else fade();
  } else if (lit.emphasis) {
    if (lit.emphasis.nodes.has(node)) {
      if (lit.emphasis.labels !== false) out.forceLabel = true;
      if (lit.emphasis.minSize) out.size = Math.max(data.size, lit.emphasis.minSize);
      out.zIndex = 2;
    } else fade(lit.emphasis.contextLabels === true);
  } else if (lit.selected && style.fadeAroundSelection) {
    if (node === lit.selected || lit.selectedNeighbours.has(node)) {
      out.forceLabel = true;
      out.zIndex = 2;
    } else fade();
  }
  if (lit.focus.has(node) && out.color !== colors.fadedNode) {
    out.highlighted = true;
    out.forceLabel = true;
    out.zIndex = Math.max(out.zIndex ?? 0, 3);
  }
  if (node === lit.selected) {
    out.highlighted = true;
    out.forceLabel = true;
    out.zIndex = 4;
    if (out.color === colors.fadedNode) out.color = data.color;
  }
  if (lit.emphasis?.hideOthers && !lit.emphasis.nodes.has(node)) out.hidden = true;
  // A node left out of a crowd (an overview's small community) is drawn when lit.
  else if (data.hidden && (lit.emphasis?.nodes.has(node) || lit.hoveredNeighbours.has(node) || node === lit.selected)) out.hidden = false;
  // Every label is a candidate: the collision keeper decides which fit.
  if (style.labelEveryNode && out.label) out.forceLabel = true;
  return out;
}

/** A link as drawn now: thicker, faded, retinted or hidden by what is hovered, selected and emphasised. */
export function reduceEdge(edge: string, data: EdgeAttrs, graph: AtlasGraph, lit: Highlights, style: ViewStyle): Partial<EdgeDisplayData> {
  const colors = themeColors();
  const out: Partial<EdgeDisplayData> = { ...data };
  const touches = (slug: string) => graph.hasExtremity(edge, slug);
  if (lit.hovered) {
    if (touches(lit.hovered) && (!style.hoverNeighbours || lit.hoveredNeighbours.has(graph.opposite(lit.hovered, edge)))) {
      out.zIndex = 2;
      out.size = data.size * 1.5;
      // The overview draws edges faint and domain-tinted; the hovered node's own links show their type.
      if (style.hideUnrelatedEdges) out.color = linkTypeColor(data.linkType);
    } else if (style.hideUnrelatedEdges) out.hidden = true;
    else out.color = colors.fadedEdge;
  } else if (lit.emphasis) {
    if (lit.emphasis.edges.has(edge)) {
      out.zIndex = 2;
      out.size = data.size * 1.8;
    } else out.color = colors.fadedEdge;
  } else if (lit.selected && (style.fadeAroundSelection || style.hideUnrelatedEdges)) {
    if (touches(lit.selected)) {
      out.zIndex = 2;
      out.size = data.size * 1.5;
      if (style.hideUnrelatedEdges) out.color = linkTypeColor(data.linkType);
    } else if (style.fadeAroundSelection) out.color = colors.fadedEdge;
  }
  if (lit.emphasis?.hideOthers && !lit.emphasis.edges.has(edge)) out.hidden = true;
  return out;
}
