// How a view wants to be drawn (labels, fading, edge picking, padding) and what it lights up: the
// values a view hands the renderer with its graph.
import type { LabelPlacement } from "./labels.ts";

/** How a view wants labels, fading and edge picking to behave. */
export interface ViewStyle {
  /** Minimum rendered node size (px) for a label to be a candidate. */
  labelThreshold: number;
  labelDensity: number;
  labelGridCellSize: number;
  labelSize: number;
  /** Overview: hide (rather than fade) edges not touching the hovered node, much cheaper at 17k edges. */
  hideUnrelatedEdges: boolean;
  /** Edge hover tooltips; picking edges costs a render pass, so only for small graphs. */
  edgeEvents: boolean;
  /** Fades everything except the selected node's neighbours while something is selected. */
  fadeAroundSelection: boolean;
  labelPlacement: LabelPlacement;
  /** Room around the graph when fitting, in pixels; labels drawn right of nodes need some. */
  stagePadding: number;
  /** At most one label per this many square pixels of the stage (the overview); every view's labels are kept apart (label-placement.ts). */
  areaPerLabel?: number;
  /** Hovering lights and labels only this many neighbours, the most strongly linked and most linked first. */
  hoverNeighbours?: number;
  /** Every node is a label candidate, not only those sigma's label grid picks: the placement decides which fit, by relevance. */
  labelEveryNode?: boolean;
  /** A label beside its node that finds no room on one line is also offered in two (graph/labels.ts, splitInTwo): a phone's crowded neighbourhood names its relevant patterns. */
  labelsInTwoLines?: boolean;
  /** No label covers another node's dot, and a raised label (focus, selection, hover) takes a side where it covers none (graph/dots.ts). */
  labelsClearOfDots?: boolean;
  /** No label covers the middle of a closed community's node but its own (a large overview's communities are large discs). */
  labelsClearOfCommunities?: boolean;
  /** Links are not drawn while the camera moves (a large overview's opened communities: thousands of links per frame in software WebGL). */
  hideEdgesOnMove?: boolean;
  /** A mouse drag moves the drawn picture and the graph is drawn when it pauses or ends (drag-pan.ts), not in every frame. */
  panAsPicture?: boolean;
}

/** From this many line links on the stage, the renderer keeps them as a picture that pans move (line-cache-program.ts); fewer cost little to draw. */
export const LINE_CACHE_MIN_LINES = 2_000;

export const DEFAULT_STYLE: ViewStyle = {
  labelThreshold: 6,
  labelDensity: 0.8,
  labelGridCellSize: 90,
  labelSize: 13,
  hideUnrelatedEdges: false,
  edgeEvents: true,
  fadeAroundSelection: false,
  labelPlacement: "right",
  stagePadding: 48,
};

export interface Emphasis {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
  /** Force the emphasised nodes' labels (default); off when they are many, e.g. a page of gaps on the overview. */
  labels?: boolean;
  /** Faded nodes keep their labels (context around a finding should stay readable). */
  contextLabels?: boolean;
  /** Emphasised nodes are drawn at least this large (a pattern lit on the 3,500-node overview must be findable). */
  minSize?: number;
  /** Hide the rest instead of fading it (a domain kept alone); positions stay, so nothing moves. */
  hideOthers?: boolean;
}
