// A flat, renderer-independent picture of what the graph canvas shows (circles, edge paths, arrow
// heads, labels in viewport pixels), built either from a live sigma instance or, without a browser,
// from a graph plus a camera with the same projection arithmetic as sigma 3. The SVG export draws it.
import type { LabelPlacement, LabelSide } from "../graph/labels.ts";
import { labelPlace, layeredPlace, splitInTwo, truncateLabel, wrapLabel } from "../graph/labels.ts";
import { BADGE_PLACE } from "../graph/label-placement.ts";
import { createProjection, graphExtent, type BBox, type CameraState, type Point, type Projection } from "./scene-projection.ts";

export interface SceneColors {
  /** Null draws no background (transparent export). */
  background: string | null;
  label: string;
  labelHalo: string;
  accent: string;
  hoverBox: string;
  hoverBorder: string;
}

export interface SceneLabelStyle {
  visible: boolean;
  font: string;
  size: number;
  weight: string;
  placement: LabelPlacement;
  /** Minimum rendered radius (px) for a label to be drawn when no displayed-label set is given. */
  threshold: number;
}

export interface SceneNode {
  key: string;
  x: number;
  y: number;
  radius: number;
  color: string;
  zIndex: number;
  /** Lines of label text as drawn (already truncated or wrapped), empty when no label is shown. */
  label: string[];
  /** Drawn with the hover/selection ring and boxed label (sigma's `highlighted`). */
  highlighted: boolean;
  /** The full label, for titles and hit tests, even when it is not drawn. */
  fullLabel: string | null;
  /** The label sits above the node (only with the "below" placement). */
  labelAbove?: boolean;
  /** With the "right" placement, the side the placement moved this label to when it did not fit right of its node. */
  labelSide?: Exclude<LabelSide, "right">;
  /** With the "below" placement, where the screen moved the lines off their centre above or below the node (graph/labels.ts layeredPlace). */
  layeredAt?: "hangRight" | "hangLeft" | "besideRight" | "besideLeft";
  /**
   * A highlighted node's boxed label exactly as the screen drew it (graph/labels.ts raisedLabel):
   * its box in viewport pixels, on the side the screen chose so that it covers no other dot, and its
   * lines. Absent without a screen (sceneFromGraph): the box then goes on the placement's usual side.
   */
  raised?: RaisedLabel;
  /** Its count drawn inside its dot where the screen found its label no room (NodeAttrs.badge, graph/dot-badge.ts). */
  badge?: string;
}

/** A boxed label as drawn: its side of the node, its box (viewport pixels) and its lines of text. */
export interface RaisedLabel {
  side: LabelSide;
  box: { minX: number; minY: number; maxX: number; maxY: number };
  lines: string[];
}

export interface ArrowHead {
  tip: Point;
  left: Point;
  right: Point;
}

export interface SceneEdge {
  key: string;
  source: string;
  target: string;
  from: Point;
  to: Point;
  /** Control point of a quadratic curve; absent for a straight edge. */
  control?: Point;
  width: number;
  color: string;
  zIndex: number;
  arrow: ArrowHead | null;
}

/** A name drawn over a part of the picture (an overview's community), where the screen drew it. */
export interface SceneRegion {
  key: string;
  title: string;
  detail: string;
  /** Its box in viewport pixels (graph/region-labels.ts regionLines places the lines in it). */
  box: { minX: number; minY: number; maxX: number; maxY: number };
}

export interface TalkScene {
  width: number;
  height: number;
  title?: string;
  colors: SceneColors;
  labels: SceneLabelStyle;
  nodes: SceneNode[];
  edges: SceneEdge[];
  /** Region names (the overview's communities); none by default. */
  regions?: SceneRegion[];
}

/** The inputs composeScene reads from a node, in the projection's coordinate space. */
export interface SceneNodeInput {
  key: string;
  x: number;
  y: number;
  size: number;
  color: string;
  label?: string | null;
  hidden?: boolean;
  forceLabel?: boolean;
  highlighted?: boolean;
  zIndex?: number;
  /** NodeAttrs.labelAbove: with the "below" placement, this label goes above the node. */
  labelAbove?: boolean;
  /** NodeAttrs.shortLabel: drawn instead of the label where the placement kept the short one. */
  shortLabel?: string;
  /** A highlighted node's boxed label as the screen drew it (already in viewport pixels). */
  raised?: RaisedLabel;
  /** NodeAttrs.badge: drawn inside the dot where the placement kept the badge (BADGE_PLACE). */
  badge?: string;
}

export interface SceneEdgeInput {
  key: string;
  source: string;
  target: string;
  size: number;
  color: string;
  /** sigma program key: anything containing "arrow" (any case) gets a head, "curve"/"curved" a bend. */
  type?: string;
  curvature?: number;
  hidden?: boolean;
  zIndex?: number;
}

/** Arrow head proportions and minimum thickness, as registered with sigma in graph/renderer.ts. */
export interface EdgeGeometry {
  minThickness: number;
  lengthToThicknessRatio: number;
  widenessToThicknessRatio: number;
}

export const DEFAULT_EDGE_GEOMETRY: EdgeGeometry = {
  minThickness: 1.7,
  lengthToThicknessRatio: 3.4,
  widenessToThicknessRatio: 2.8,
};

/** sigma's default bend for curved programs when an edge has no `curvature` attribute. */
export const DEFAULT_CURVATURE = 0.25;

export interface ComposeOptions {
  width: number;
  height: number;
  title?: string;
  colors: SceneColors;
  labels: SceneLabelStyle;
  geometry?: EdgeGeometry;
  /** Keys whose label sigma actually drew (its collision grid); when absent, size threshold + forceLabel. */
  displayedLabels?: ReadonlySet<string>;
  /** Keys whose label was drawn after a collision pass, with the place it was kept in (PlacedLabel.place): exactly these, plus highlighted nodes, forced or not. */
  drawnLabels?: ReadonlyMap<string, number>;
  /** Keep items outside the viewport (default false: only what is on screen). */
  includeOffscreen?: boolean;
}

// ------------------------------------------------------------------------------------------------
// Composition

const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

function bezier(p0: Point, p1: Point, p2: Point, t: number): Point {
  return lerp(lerp(p0, p1, t), lerp(p1, p2, t), t);
}

/** The parameter t at which a curve ending at p2 is `gap` pixels away from p2 (bisection). */
function curveParamAtGap(p0: Point, p1: Point, p2: Point, gap: number): number {
  if (gap <= 0) return 1;
  if (distance(p0, p2) <= gap) return 0;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (distance(bezier(p0, p1, p2, mid), p2) > gap) lo = mid;
    else hi = mid;
  }
  return lo;
}

function arrowHead(tip: Point, direction: Point, length: number, width: number): ArrowHead {
  const norm = Math.hypot(direction.x, direction.y) || 1;
  const ux = direction.x / norm;
  const uy = direction.y / norm;
  const base = { x: tip.x - ux * length, y: tip.y - uy * length };
  const half = width / 2;
  return { tip, left: { x: base.x - uy * half, y: base.y + ux * half }, right: { x: base.x + uy * half, y: base.y - ux * half } };
}

function labelLines(label: string, placement: LabelPlacement): string[] {
  return placement === "below" ? wrapLabel(label) : [truncateLabel(label)];
}

function intersectsViewport(minX: number, minY: number, maxX: number, maxY: number, width: number, height: number): boolean {
  return maxX >= 0 && maxY >= 0 && minX <= width && minY <= height;
}

/**
 * Projects nodes and edges into a scene. `project` maps the inputs' coordinates to viewport pixels
 * (sigma's own `framedGraphToViewport` in the browser, `createProjection` elsewhere).
 */
export function composeScene(
  nodeInputs: Iterable<SceneNodeInput>,
  edgeInputs: Iterable<SceneEdgeInput>,
  project: Projection,
  options: ComposeOptions,
): TalkScene {
  const { width, height, labels } = options;
  const geometry = options.geometry ?? DEFAULT_EDGE_GEOMETRY;
  const placed = new Map<string, SceneNode>();
  const nodes: SceneNode[] = [];
  let order = 0;
  const orderOf = new Map<string, number>();
  for (const input of nodeInputs) {
    if (input.hidden) continue;
    const { x, y } = project.toViewport(input);
    const radius = project.scaleSize(input.size);
    const full = typeof input.label === "string" && input.label !== "" ? input.label : null;
    const shown =
      labels.visible &&
      full !== null &&
      (input.highlighted === true ||
        (options.drawnLabels
          ? options.drawnLabels.has(input.key)
          : input.forceLabel === true || (options.displayedLabels ? options.displayedLabels.has(input.key) : radius >= labels.threshold)));
    const node: SceneNode = {
      key: input.key,
      x,
      y,
      radius,
      color: input.color,
      zIndex: input.zIndex ?? 0,
      label: shown ? labelLines(full, labels.placement) : [],
      highlighted: input.highlighted === true,
      fullLabel: full,
      ...(input.labelAbove && labels.placement === "below" ? { labelAbove: true } : {}),
      ...(input.highlighted && input.raised && shown ? { raised: input.raised } : {}),
    };
    // Below the node, the placement's places are read by layeredPlace (graph/labels.ts): the other
    // side, the short label, hanging or beside the node (places 2 and 3 move the label inside the
    // screen's edge, which an export's own size need not have).
    const kept = shown && labels.placement === "below" && !node.highlighted ? options.drawnLabels?.get(input.key) : undefined;
    if (kept !== undefined && kept >= 0) {
      const { flipped, short, at } = layeredPlace(kept);
      if (flipped) node.labelAbove = !node.labelAbove;
      if (short && input.shortLabel) node.label = [input.shortLabel];
      if (at !== "centred" && at !== "inside") node.layeredAt = at;
    }
    const place = shown && labels.placement === "right" && !node.highlighted ? options.drawnLabels?.get(input.key) : undefined;
    if (place === BADGE_PLACE) {
      // No room for the label: the screen wrote the count inside the dot.
      node.label = [];
      if (input.badge) node.badge = input.badge;
    } else if (place !== undefined) {
      const { side, short, twoLines } = labelPlace(place);
      if (side !== "right") node.labelSide = side;
      // The screen offers a title whole first, then its short label or the title cut at 42 characters,
      // then (a neighbourhood) the whole title in two lines.
      const pair = twoLines ? splitInTwo(full!) : null;
      if (pair) node.label = pair;
      else if (short && input.shortLabel) node.label = [input.shortLabel];
      else if (!short) node.label = [full!];
    }
    placed.set(input.key, node);
    orderOf.set(input.key, order++);
    const reach = radius + (node.label.length ? labels.size * 20 : 0);
    if (options.includeOffscreen || intersectsViewport(x - reach, y - radius - labels.size * 3, x + reach, y + reach, width, height)) {
      nodes.push(node);
    }
  }

  const edges: SceneEdge[] = [];
  for (const input of edgeInputs) {
    if (input.hidden) continue;
    const source = placed.get(input.source);
    const target = placed.get(input.target);
    if (!source || !target || input.source === input.target) continue;
    const type = (input.type ?? "").toLowerCase();
    const curved = type.includes("curve");
    const hasArrow = type.includes("arrow");
    // sigma's "line" program draws hairlines (gl.LINES), whatever the edge's size.
    const edgeWidth = type === "line" ? 1 : Math.max(project.scaleSize(input.size), geometry.minThickness);
    const from = { x: source.x, y: source.y };
    let to = { x: target.x, y: target.y };
    let control: Point | undefined;
    let arrow: ArrowHead | null = null;
    const headLength = edgeWidth * geometry.lengthToThicknessRatio;
    const headWidth = edgeWidth * geometry.widenessToThicknessRatio;
    if (curved) {
      const curvature = input.curvature ?? DEFAULT_CURVATURE;
      const mid = lerp(from, to, 0.5);
      // Screen y grows downwards: sigma's (-dy, dx) normal in clip space becomes (dy, -dx) here.
      let p1 = { x: mid.x + (to.y - from.y) * curvature, y: mid.y - (to.x - from.x) * curvature };
      if (hasArrow) {
        const tTip = curveParamAtGap(from, p1, to, target.radius);
        const tip = bezier(from, p1, to, tTip);
        const tBase = curveParamAtGap(from, p1, to, target.radius + headLength);
        const base = bezier(from, p1, to, tBase);
        arrow = arrowHead(tip, { x: tip.x - base.x, y: tip.y - base.y }, distance(tip, base) || headLength, headWidth);
        // De Casteljau: the part of the curve from 0 to tBase is itself a quadratic curve.
        p1 = lerp(from, p1, tBase);
        to = base;
      }
      control = p1;
    } else if (hasArrow) {
      const length = distance(from, to);
      if (length > target.radius) {
        const ux = (to.x - from.x) / length;
        const uy = (to.y - from.y) / length;
        const tip = { x: to.x - ux * target.radius, y: to.y - uy * target.radius };
        arrow = arrowHead(tip, { x: ux, y: uy }, headLength, headWidth);
        const baseDistance = Math.max(0, length - target.radius - headLength);
        to = { x: from.x + ux * baseDistance, y: from.y + uy * baseDistance };
      }
    }
    const xs = [from.x, to.x, ...(control ? [control.x] : []), ...(arrow ? [arrow.tip.x] : [])];
    const ys = [from.y, to.y, ...(control ? [control.y] : []), ...(arrow ? [arrow.tip.y] : [])];
    if (!options.includeOffscreen && !intersectsViewport(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys), width, height)) continue;
    edges.push({
      key: input.key,
      source: input.source,
      target: input.target,
      from,
      to,
      control,
      width: edgeWidth,
      color: input.color,
      zIndex: input.zIndex ?? 0,
      arrow,
    });
  }

  // sigma draws by zIndex, then insertion order; Array.prototype.sort is stable.
  nodes.sort((a, b) => a.zIndex - b.zIndex || orderOf.get(a.key)! - orderOf.get(b.key)!);
  edges.sort((a, b) => a.zIndex - b.zIndex);
  return { width, height, title: options.title, colors: options.colors, labels, nodes, edges };
}

/** A graph as the export functions read it: graphology's iteration API, nothing more. */
export interface SceneGraph {
  forEachNode(callback: (key: string, attributes: SceneNodeAttributes) => void): void;
  forEachEdge(callback: (key: string, attributes: SceneEdgeAttributes, source: string, target: string) => void): void;
}

/** A graph node's attributes as composeScene reads them: a SceneNodeInput without its key. */
export type SceneNodeAttributes = Omit<SceneNodeInput, "key">;

/** A graph edge's attributes as composeScene reads them: a SceneEdgeInput without its key and ends. */
export type SceneEdgeAttributes = Omit<SceneEdgeInput, "key" | "source" | "target">;

export interface GraphSceneOptions extends Omit<ComposeOptions, "displayedLabels"> {
  camera: CameraState;
  /** sigma's stagePadding for the view (the explorer's views use 48 to 64). */
  padding: number;
  /** A custom bounding box (sigma's setCustomBBox); by default the extent of every node. */
  bbox?: BBox;
}

/** The scene of a graph (positions in graph coordinates) under a camera, without any browser. */
export function sceneFromGraph(graph: SceneGraph, options: GraphSceneOptions): TalkScene {
  const nodes: SceneNodeInput[] = [];
  graph.forEachNode((key, a) => nodes.push({ key, ...a }));
  const edges: SceneEdgeInput[] = [];
  graph.forEachEdge((key, a, source, target) => edges.push({ key, source, target, ...a }));
  const extent = options.bbox ?? graphExtent(nodes);
  const projection = createProjection(extent, options.camera, { width: options.width, height: options.height, padding: options.padding });
  return composeScene(nodes, edges, projection, options);
}
