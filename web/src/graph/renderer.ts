// The one sigma.js instance of the explorer: registers the node/edge programs, draws whatever graph
// the current view hands it, and owns the transient visual state (hover, selection, emphasis).
// Over 400 lines because everything here acts on that one instance (settings, camera moves, a
// frame's label placement, events); what does not is its own module: view-style.ts, reducers.ts,
// camera-fit.ts, label-placement.ts and labels.ts.
import Sigma from "sigma";
import type { Settings } from "sigma/settings";
import type { NodeDisplayData } from "sigma/types";
import { createEdgeArrowProgram, EdgeRectangleProgram } from "sigma/rendering";
import { createEdgeCurveProgram } from "@sigma/edge-curve";
import { createAtlasGraph, type AtlasGraph, type EdgeAttrs, type EdgeProgram, type NodeAttrs } from "./atlas-graph.ts";
import { LabelPlacer, type LabelBox, type PlacedLabel } from "./label-placement.ts";
import { openMarkerAt } from "./marker-hit.ts";
import { drawHover, drawLabel, raisedLabelBox, setLabelPlacement, setLabelPlacer, setLabelTwoLines, setRaisedSides, currentRaisedSides, currentRaisedWrapped } from "./labels.ts";
import { chooseRaisedSides, nodeDots, sameSides, type Dot } from "./dots.ts";
import { offerRegionLabels, type RegionLabel } from "./region-labels.ts";
import { attachDragPan } from "./drag-pan.ts";
import { quietHoverLayer } from "./quiet-layer.ts";
import { NodeCircleTrianglesProgram } from "./circle-program.ts";
import { EdgeLineCachedProgram } from "./line-cache-program.ts";
import { cameraShowing, fitCamera, graphExtent } from "./camera-fit.ts";
import { reduceEdge, reduceNode, type Highlights } from "./reducers.ts";
import { DEFAULT_STYLE, type Emphasis, type ViewStyle } from "./view-style.ts";
import { themeColors } from "../theme.ts";
import type { CameraView } from "../state/app-state.ts";

/** Larger heads than sigma's defaults, so direction reads at a glance even on thin links. */
const ARROW_HEAD = { extremity: "target", lengthToThicknessRatio: 3.4, widenessToThicknessRatio: 2.8 } as const;

/** The program class of each edge program key (atlas-graph.ts EDGE_PROGRAMS). */
const EDGE_PROGRAMS_BY_TYPE: Record<EdgeProgram, NonNullable<Settings<NodeAttrs, EdgeAttrs>["edgeProgramClasses"]>[string]> = {
  line: EdgeLineCachedProgram,
  straight: EdgeRectangleProgram,
  arrow: createEdgeArrowProgram(ARROW_HEAD),
  curved: createEdgeCurveProgram<NodeAttrs, EdgeAttrs>(),
  curvedArrow: createEdgeCurveProgram<NodeAttrs, EdgeAttrs>({ arrowHead: ARROW_HEAD }),
};

/** What a view may read of the camera: where a graph point is on screen, how large a node is drawn, the stage's size. */
export interface CameraProbe {
  toViewport(point: { x: number; y: number }): { x: number; y: number };
  /** A node's drawn radius in pixels; null when it is not on the graph. */
  nodeRadius(node: string): number | null;
  /** The camera's zoom: 1 shows the whole graph, less is closer. */
  ratio: number;
  width: number;
  height: number;
  /** How many times a node's drawn look (size, visibility) has been worked out so far: unchanged, no node's look changed. */
  looks: number;
}

/** The share of a community node's radius no other label covers (keepCommunitiesClear). */
export const COMMUNITY_CORE = 0.5;

/** A refresh that reprocesses nothing: the frame for a camera that moved (see commitPan). */
const CAMERA_ONLY: { partialGraph: { nodes: string[]; edges: string[] }; skipIndexation: true } = { partialGraph: { nodes: [], edges: [] }, skipIndexation: true };

/** A frame this soon after the user moved the camera counts as moving (see movingNow). */
const MOVE_REST_MS = 150;

export interface RendererHandlers {
  clickNode(slug: string): void;
  doubleClickNode(slug: string): void;
  clickStage(): void;
  cameraChanged(camera: CameraView): void;
  hoverEdge(edge: { id: string; attrs: EdgeAttrs; source: string; target: string } | null, x: number, y: number): void;
  /** Called after every render with the number of drawn nodes, and whether it was a frame at rest (not in motion). */
  rendered(nodeCount: number, atRest: boolean): void;
}

export class GraphRenderer {
  private instance: Sigma<NodeAttrs, EdgeAttrs> | null = null;
  private graph: AtlasGraph = createAtlasGraph();
  private style: ViewStyle = DEFAULT_STYLE;
  /** What is lit now (hover, selection, focus, emphasis), as the reducers read it. */
  private readonly lit: Highlights & { hoveredNeighbours: Set<string> } = {
    hovered: null,
    hoveredNeighbours: new Set<string>(),
    selected: null,
    selectedNeighbours: new Set<string>(),
    focus: new Set<string>(),
    emphasis: null,
  };
  private showLabels = true;
  private interactive = true;
  private suppressCameraEvents = false;
  private fitting = false;
  private placer = new LabelPlacer();
  /** Names over parts of the picture (the overview's communities), placed ahead of the patterns' labels. */
  private regions: readonly RegionLabel[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: RendererHandlers,
  ) {}

  /**
   * sigma is created with the first graph, not before: an empty sigma would render (and, in
   * software WebGL, clear several full-size canvases) while the first view's data is on its way.
   */
  get sigma(): Sigma<NodeAttrs, EdgeAttrs> {
    return this.instance ?? this.createSigma(this.graph);
  }

  /** The edge programs registered with sigma so far: only those a drawn graph has used (see edgeProgramClasses). */
  private registeredEdgePrograms = new Set<EdgeProgram>();

  /**
   * sigma's edge programs for the ones registered so far plus those `graph` uses. Each program
   * compiles its shaders (and their picking twins) when registered, and in Chromium every compile
   * waits on the GPU process: the first frame compiles only what it draws (the overview its hairlines,
   * a neighbourhood 3 or 4 of the 5), and a later view adds what it needs once.
   */
  private edgeProgramClasses(graph: AtlasGraph): Settings<NodeAttrs, EdgeAttrs>["edgeProgramClasses"] {
    graph.forEachEdge((_edge, attrs) => void this.registeredEdgePrograms.add(attrs.type));
    return Object.fromEntries([...this.registeredEdgePrograms].sort().map((type) => [type, EDGE_PROGRAMS_BY_TYPE[type]]));
  }

  /** Registers the edge programs `graph` uses that sigma does not have yet (a no-op when none). */
  private registerEdgePrograms(graph: AtlasGraph): void {
    const before = this.registeredEdgePrograms.size;
    const classes = this.edgeProgramClasses(graph);
    if (this.registeredEdgePrograms.size !== before) this.instance?.setSetting("edgeProgramClasses", classes);
  }

  private unwatchEdgePrograms: (() => void) | null = null;

  private watchEdgePrograms(graph: AtlasGraph): void {
    this.unwatchEdgePrograms?.();
    const check = ({ key }: { key: string }) => {
      if (!graph.hasEdge(key) || this.registeredEdgePrograms.has(graph.getEdgeAttribute(key, "type"))) return;
      this.registerEdgePrograms(graph);
    };
    graph.on("edgeAdded", check);
    graph.on("edgeAttributesUpdated", check);
    this.unwatchEdgePrograms = () => {
      graph.off("edgeAdded", check);
      graph.off("edgeAttributesUpdated", check);
    };
  }

  private createSigma(graph: AtlasGraph, programsOf: AtlasGraph = graph): Sigma<NodeAttrs, EdgeAttrs> {
    this.applyLabelStyle();
    const sigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, this.container, {
      ...this.styleSettings(),
      allowInvalidContainer: true,
      defaultNodeType: "circle",
      defaultEdgeType: "straight",
      nodeProgramClasses: { circle: NodeCircleTrianglesProgram },
      edgeProgramClasses: this.edgeProgramClasses(programsOf),
      labelFont: getComputedStyle(document.documentElement).getPropertyValue("--font-sans").trim() || "system-ui, sans-serif",
      labelWeight: "500",
      defaultDrawNodeLabel: drawLabel,
      defaultDrawNodeHover: drawHover,
      zIndex: true,
      minCameraRatio: 0.02,
      maxCameraRatio: 8,
      doubleClickZoomingRatio: 1.8,
      enableCameraPanning: this.interactive,
      enableCameraZooming: this.interactive,
      nodeReducer: (node, data) => (this.reduced++, reduceNode(node, data, this.lit, this.style)),
      edgeReducer: (edge, data) => reduceEdge(edge, data, this.graph, this.lit, this.style),
    });
    this.instance = sigma;
    coalesceWholeRefreshes(sigma);
    this.bindEvents(sigma);
    quietHoverLayer(sigma);
    attachDragPan(sigma, {
      enabled: () => this.style.panAsPicture === true && sigma.getSetting("enableCameraPanning"),
      commit: (state, moving) => this.commitPan(state, moving),
    });
    // The first callback comes at once, for the size sigma has just measured: skip it.
    let first = true;
    new ResizeObserver(() => {
      this.obstacleCache = null;
      if (!first) sigma.refresh({ schedule: true });
      first = false;
    }).observe(this.container);
    return sigma;
  }

  private reduced = 0;

  /** How many times a node's drawn look was worked out (sigma's node reducer): tests check that a camera move works out none. */
  reducedNodes(): number {
    return this.reduced;
  }

  getGraph(): AtlasGraph {
    return this.graph;
  }

  /** Shows `graph` with `style`; the camera goes to `camera` or to a fit of the whole graph. */
  setGraph(
    graph: AtlasGraph,
    style: ViewStyle,
    camera: CameraView | null,
    highlights: { selected?: string | null; emphasis?: Emphasis | null; keepFrame?: boolean } = {},
  ): void {
    // sigma frames the graph by its nodes' extent: a view grown or narrowed in place keeps the old
    // frame, so the nodes that stay keep their place on screen too.
    const frame = highlights.keepFrame && this.instance ? (this.instance.getCustomBBox() ?? this.instance.getBBox()) : null;
    this.graph.off("nodeAdded", this.graphChanged);
    this.graph.off("nodeDropped", this.graphChanged);
    this.graph.off("nodeDropped", this.hoveredDropped);
    graph.on("nodeDropped", this.hoveredDropped);
    graph.on("nodeAdded", this.graphChanged);
    graph.on("nodeDropped", this.graphChanged);
    this.graph = graph;
    this.style = style;
    this.lit.hovered = null;
    this.lit.hoveredNeighbours.clear();
    this.settledLabels = null;
    // Highlights come with the graph so the first frame is already right: in software WebGL a
    // second full redraw right after the first one can cost hundreds of milliseconds.
    this.lit.emphasis = highlights.emphasis ?? null;
    if (highlights.selected !== undefined) this.lit.selected = highlights.selected && graph.hasNode(highlights.selected) ? highlights.selected : null;
    this.lit.selectedNeighbours = this.neighboursOf(this.lit.selected);
    // The first time, sigma starts on an empty graph (cheap to draw) so that the camera can be
    // placed before the real graph's first frame.
    if (!this.instance) this.createSigma(createAtlasGraph(), graph);
    else {
      this.registerEdgePrograms(graph);
      this.applyStyle();
    }
    // A link added or reshaped later (a settling overview's rest) may use a program not yet
    // registered: listened to before sigma binds its own handlers, so it is registered first.
    this.watchEdgePrograms(graph);
    this.sigma.setCustomBBox(frame ? { x: [...frame.x], y: [...frame.y] } : null);
    // Camera first, then the graph: the graph's synchronous render then includes the camera, and
    // cancels the render the camera change scheduled.
    this.setCamera(camera, false);
    this.sigma.setGraph(graph);
  }

  /** The region labels the screen may draw now (with some patterns lit, only their regions'): what the PNG export draws too. */
  regionLabels(): readonly RegionLabel[] {
    const lit = this.lit.emphasis;
    return lit ? this.regions.filter((r) => lit.nodes.has(r.key)) : this.regions;
  }

  /** The region labels of the next graph (set before `setGraph`, so its first frame has them); none by default. */
  setRegionLabels(regions: readonly RegionLabel[]): void {
    this.regions = regions;
  }

  /**
   * sigma forgets a dropped node's hover without a leaveNode event (an overview's community node
   * replaced by its open marker under the pointer): forgotten here too, or everything else would stay
   * faded, and unnamed, until the pointer entered another node.
   */
  private readonly hoveredDropped = ({ key }: { key: string }): void => {
    if (key !== this.lit.hovered) return;
    this.lit.hovered = null;
    this.lit.hoveredNeighbours.clear();
    this.container.style.cursor = "";
    this.refreshStyles();
  };

  private hoverStale = false;
  /**
   * A view that grows or shrinks in place (an overview's community opened under the pointer): what the
   * hovered node lights is worked out again once the change is done, not left as it was before it.
   */
  private readonly graphChanged = (): void => {
    if (!this.lit.hovered || this.hoverStale) return;
    this.hoverStale = true;
    queueMicrotask(() => {
      this.hoverStale = false;
      const hovered = this.lit.hovered;
      if (!hovered) return;
      if (this.graph.hasNode(hovered)) this.lit.hoveredNeighbours = this.hoverNeighboursOf(hovered);
      else {
        this.lit.hovered = null;
        this.lit.hoveredNeighbours.clear();
      }
      this.refreshStyles();
    });
  };

  /** Shows nothing (after an error), keeping the current style. */
  clear(): void {
    this.setGraph(createAtlasGraph(), this.style, null);
  }

  /** The view's centre (neighbourhood focus, lineage root, path ends): always ringed and labelled. */
  setFocus(slugs: readonly string[]): void {
    this.lit.focus = new Set(slugs);
  }

  setSelected(slug: string | null): void {
    this.lit.selected = slug && this.graph.hasNode(slug) ? slug : null;
    this.lit.selectedNeighbours = this.neighboursOf(this.lit.selected);
    this.refreshStyles();
  }

  getEmphasis(): Emphasis | null {
    return this.lit.emphasis;
  }

  setEmphasis(emphasis: Emphasis | null): void {
    this.lit.emphasis = emphasis;
    this.refreshStyles();
  }

  setLabelsVisible(visible: boolean): void {
    this.showLabels = visible;
    this.instance?.setSetting("renderLabels", visible);
  }

  setInteractive(interactive: boolean): void {
    this.interactive = interactive;
    this.instance?.setSettings({ enableCameraPanning: interactive, enableCameraZooming: interactive });
  }

  /** Re-reads theme colours (labels, faded items) after a theme switch. */
  refreshTheme(): void {
    this.graph.forEachNode((node, attrs) => {
      if (attrs.dangling) this.graph.setNodeAttribute(node, "color", themeColors().danglingNode);
    });
    this.sigma.refresh();
  }

  /** Pixels of the canvas covered by floating panels: the side panel (right) or the bottom sheet (narrow screens). */
  private rightInset = 0;
  private bottomInset = 0;
  private leftInset = 0;

  setRightInset(pixels: number): void {
    this.setInsets(pixels, 0);
  }

  /** What the fit keeps clear above the graph: the overview's strip on a phone held upright. */
  private topInset = 0;

  /** `left`: an embed's floating legend; `top`: what floats at the stage's top (only the fit keeps clear of it). */
  setInsets(right: number, bottom: number, left = 0, top = 0): void {
    this.rightInset = right;
    this.bottomInset = bottom;
    this.leftInset = left;
    this.topInset = top;
  }

  /**
   * The camera that fits the whole graph into the part of the canvas the panels leave uncovered.
   * With nothing covered it is sigma's own fit; otherwise the graph's extent is projected the way
   * sigma 3 does (see matrixFromCamera and getCorrectionRatio in sigma/normalization) and zoomed out
   * only as far as the uncovered rectangle needs, so a graph that already fits is just moved.
   */
  private fitCamera(): { x: number; y: number; ratio: number; angle: number } {
    const { width, height } = this.sigma.getDimensions();
    // Labels drawn right of their nodes need room beyond the rightmost node, or they are cut off.
    // Labels kept apart on every node (labelEveryNode) are left out rather than cut off: a phone keeps its width for the graph.
    const keepsLabelsApart = this.style.labelEveryNode === true && width < 600;
    const labelRoom = this.style.labelPlacement === "right" && this.style.labelThreshold <= 6 && !keepsLabelsApart ? Math.min(120, width * 0.28) : 0;
    const right = Math.min(this.rightInset + labelRoom, width * 0.5);
    const bottom = Math.min(this.bottomInset, height * 0.7);
    const left = Math.min(this.leftInset, width * 0.4);
    if (this.graph.order === 0) return { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const top = Math.min(this.topInset, height * 0.2);
    return fitCamera({ width, height }, graphExtent(this.graph), { right, bottom, left, top }, this.stagePadding());
  }

  /** A horizontal distance in screen pixels as framed-graph units at camera `ratio`. */
  private pixelsToFramed(pixels: number, ratio: number): number {
    const current = this.sigma.getCamera().getState().ratio;
    const a = this.sigma.viewportToFramedGraph({ x: 0, y: 0 });
    const b = this.sigma.viewportToFramedGraph({ x: 100, y: 0 });
    return ((b.x - a.x) / 100) * (ratio / current) * pixels;
  }

  setCamera(camera: CameraView | null, animate: boolean): void {
    const cam = this.sigma.getCamera();
    const target = camera ? { ...camera, angle: 0 } : this.fitCamera();
    this.suppressCameraEvents = !animate;
    if (animate) cam.animate(target, { duration: 400, easing: "quadraticInOut" });
    else cam.setState(target);
    this.suppressCameraEvents = false;
  }

  getCamera(): CameraView {
    const { x, y, ratio } = this.sigma.getCamera().getState();
    return { x, y, ratio };
  }

  zoom(factor: number): void {
    const cam = this.sigma.getCamera();
    if (factor > 1) cam.animatedUnzoom({ duration: 250, factor });
    else cam.animatedZoom({ duration: 250, factor: 1 / factor });
  }

  /** Animates to the fitted camera. A fit is "no camera" in the URL, so it reports no camera changes. */
  fit(): void {
    // A kept frame (see setGraph) is let go: the fit frames what is drawn now.
    if (this.instance?.getCustomBBox()) {
      const before = this.getCamera();
      this.instance.setCustomBBox(null);
      this.instance.refresh();
      this.sigma.getCamera().setState({ ...before, angle: 0 });
    }
    this.fitting = true;
    this.sigma.getCamera().animate(this.fitCamera(), { duration: 350 }, () => {
      this.fitting = false;
    });
  }

  /** Moves the camera so `slug` is centred, zooming in to `ratio` if currently further out. */
  centreOn(slug: string, ratio?: number): void {
    this.afterPendingRender(() => {
      const data = this.sigma.getNodeDisplayData(slug);
      if (!data) return;
      const cam = this.sigma.getCamera();
      const current = cam.getState();
      const target = { x: data.x, y: data.y, ratio: ratio === undefined ? current.ratio : Math.min(current.ratio, ratio), angle: 0 };
      const { width, height } = this.sigma.getDimensions();
      const inset = Math.min(this.rightInset, width * 0.5);
      const bottom = Math.min(this.bottomInset, height * 0.7);
      // Put the node in the middle of the part of the canvas the panels leave visible.
      if (inset > 0) target.x += this.pixelsToFramed(inset / 2, target.ratio);
      if (bottom > 0) target.y -= this.pixelsToFramed(bottom / 2, target.ratio);
      cam.animate(target, { duration: 450, easing: "quadraticInOut" });
    });
  }

  /** Pans (without zooming) just enough to bring a node out from under the side panel or bottom sheet. */
  reveal(slug: string): void {
    this.afterPendingRender(() => {
      const position = this.nodeViewportPosition(slug);
      if (!position) return;
      const { width, height } = this.sigma.getDimensions();
      const limit = width - Math.min(this.rightInset, width * 0.5) - 48;
      const bottomLimit = height - Math.min(this.bottomInset, height * 0.7) - 48;
      const dx = Math.max(0, position.x - limit);
      const dy = this.bottomInset > 0 ? Math.max(0, position.y - bottomLimit) : 0;
      if (dx === 0 && dy === 0) return;
      const cam = this.sigma.getCamera();
      const state = cam.getState();
      cam.animate(
        { ...state, x: state.x + this.pixelsToFramed(dx, state.ratio), y: state.y - this.pixelsToFramed(dy, state.ratio) },
        { duration: 350, easing: "quadraticInOut" },
      );
    });
  }

  /**
   * After a view grew in place (an opened group): moves the camera, zooming out only if it must, just
   * enough that `nodes` and their labels lie in the part of the stage the panels leave uncovered.
   */
  keepInView(nodes: readonly string[]): void {
    this.afterPendingRender(() => {
      const { width, height } = this.sigma.getDimensions();
      const covered = { right: Math.min(this.rightInset, width * 0.5), bottom: Math.min(this.bottomInset, height * 0.7), left: Math.min(this.leftInset, width * 0.4) };
      const points = nodes.map((node) => this.nodeViewportPosition(node)).filter((p): p is { x: number; y: number } => p !== null);
      const target = cameraShowing(this.sigma, points, covered, this.style.labelPlacement);
      if (target) this.sigma.getCamera().animate(target, { duration: 400, easing: "quadraticInOut" });
    });
  }

  /**
   * Runs `task` after the render sigma has scheduled (if any): between a scheduled refresh and the
   * next frame, sigma's display data holds raw, not yet normalised, coordinates.
   */
  private afterPendingRender(task: () => void): void {
    requestAnimationFrame(() => task());
  }

  /** Where graph points are on screen now, how large nodes are drawn, and the stage's size (a view's levels of detail read it). */
  cameraProbe(): CameraProbe {
    const sigma = this.sigma;
    const { width, height } = sigma.getDimensions();
    return {
      toViewport: (point) => sigma.graphToViewport(point),
      nodeRadius: (node) => {
        const data = sigma.getNodeDisplayData(node);
        return data ? sigma.scaleSize(data.size) : null;
      },
      ratio: sigma.getCamera().getState().ratio,
      width,
      height,
      looks: this.reduced,
    };
  }

  /** Viewport coordinates of a node, for tests and for placing popovers. */
  nodeViewportPosition(slug: string): { x: number; y: number } | null {
    if (!this.graph.hasNode(slug)) return null;
    const { x, y } = this.graph.getNodeAttributes(slug);
    return this.sigma.graphToViewport({ x, y });
  }


  private styleSettings(): Partial<Settings<NodeAttrs, EdgeAttrs>> {
    return {
      labelRenderedSizeThreshold: this.style.labelThreshold,
      labelDensity: this.style.labelDensity,
      labelGridCellSize: this.style.labelGridCellSize,
      labelSize: this.style.labelSize,
      enableEdgeEvents: this.style.edgeEvents,
      hideEdgesOnMove: this.style.hideEdgesOnMove === true,
      renderLabels: this.showLabels,
      stagePadding: this.stagePadding(),
    };
  }

  /**
   * The view's padding, but little of it on a phone, where every pixel of width is graph: only in
   * views whose labels never cross the stage's edge (label collisions drop those), or they would be cut.
   */
  private stagePadding(): number {
    // Never less than the largest node's radius: a big node (an overview's community) is not cut by the edge.
    let largest = 0;
    this.graph.forEachNode((_node, attrs) => {
      if (attrs.size > largest) largest = attrs.size;
    });
    const room = Math.ceil(largest) + 2;
    if (this.style.labelEveryNode) {
      const short = Math.min(this.container.clientWidth || Infinity, this.container.clientHeight || Infinity);
      return Math.max(room, Math.min(this.style.stagePadding, Math.max(16, Math.round(short * 0.05))));
    }
    const narrow = this.container.clientWidth > 0 && this.container.clientWidth < 600;
    return Math.max(room, narrow && this.style.areaPerLabel !== undefined ? Math.min(12, this.style.stagePadding) : this.style.stagePadding);
  }

  private applyStyle(): void {
    this.applyLabelStyle();
    this.sigma.setSettings(this.styleSettings());
  }

  /** The view's label placement for sigma's drawers, which get no per-view arguments. */
  private applyLabelStyle(): void {
    setLabelPlacement(this.style.labelPlacement);
    setLabelTwoLines(this.style.labelsInTwoLines === true);
    setRaisedSides(new Map());
    if (this.placer.options.areaPerLabel !== this.style.areaPerLabel) this.placer = new LabelPlacer({ areaPerLabel: this.style.areaPerLabel });
    setLabelPlacer(this.placer);
  }

  /**
   * A drag that moved the picture (drag-pan.ts) draws: the camera goes where it was dragged and the frame
   * is drawn at once, in the same task that puts the canvases back. In motion (the drag goes on), as a
   * frame of a moving camera is (the last resting frame's labels, links left out where the view says so);
   * at its end, at rest. No other frame follows: the drag's end is the rest.
   */
  private commitPan(state: { x: number; y: number } | null, moving: boolean): void {
    const sigma = this.sigma;
    if (state) sigma.getCamera().setState(state);
    window.clearTimeout(this.restTimer);
    this.cameraMovedAt = moving ? performance.now() : -Infinity;
    // sigma leaves links out (hideEdgesOnMove) only while its mouse captor says the camera is being dragged.
    const captor = sigma.getMouseCaptor();
    captor.draggedEvents = moving ? 1 : 0;
    // A render only (a refresh of no node and no link: sigma's public way to it): a camera move changes
    // no node's or link's data, and a whole refresh (even with skipIndexation, which sigma honours only
    // for a partial one) runs both reducers over every node and link, indexes them again and refills the
    // programs' buffers: at 10x with the largest community open, about half the page's script time after
    // the release, and a young-generation collection after it.
    sigma.refresh(CAMERA_ONLY);
    captor.draggedEvents = 0;
  }

  /** Reducer-only changes: coalesced into the next frame, since a full redraw is costly at 17k edges. */
  private refreshStyles(): void {
    this.sigma.refresh({ skipIndexation: true, schedule: true });
  }

  private neighboursOf(slug: string | null): Set<string> {
    if (!slug || !this.graph.hasNode(slug)) return new Set();
    return new Set(this.graph.neighbors(slug));
  }

  /** The neighbours a hover lights: all, or (hoverNeighbours) the most strongly linked, then most linked. */
  private hoverNeighboursOf(slug: string): Set<string> {
    // An opened community's marker (a large overview) has no links: hovering it lights its patterns.
    const attrs = this.graph.getNodeAttributes(slug);
    if (attrs.aggregate === "open") return new Set(this.graph.filterNodes((node, a) => node !== slug && a.community === attrs.community));
    const limit = this.style.hoverNeighbours;
    if (!limit) return this.neighboursOf(slug);
    const strength = new Map<string, number>();
    this.graph.forEachEdge(slug, (_e, attrs, source, target) => {
      const other = source === slug ? target : source;
      if (other !== slug) strength.set(other, (strength.get(other) ?? 0) + (attrs.weight ?? 1));
    });
    const degree = (n: string) => this.graph.getNodeAttribute(n, "degree");
    const ranked = [...strength.keys()].sort((a, b) => strength.get(b)! - strength.get(a)! || degree(b) - degree(a) || (a < b ? -1 : 1));
    return new Set(ranked.slice(0, limit));
  }

  /** The labels kept in the last frame (viewport pixels): what the exports draw, and what tests check for overlaps. */
  labelBoxes(): readonly PlacedLabel[] {
    return this.placer.drawn();
  }

  /** Starts a frame's label placement: the hovered and selected nodes' raised labels take their room first. */
  private obstacles: readonly HTMLElement[] = [];
  private obstacleCache: LabelBox[] | null = null;

  /** Elements floating over the stage (the zoom buttons): no label is placed under them, where it would be cut. */
  setLabelObstacles(elements: readonly HTMLElement[]): void {
    this.obstacles = elements;
    this.obstacleCache = null;
  }

  /** The obstacles' boxes in the container's pixels, measured once per frame at rest (a hidden one has none). */
  private obstacleBoxes(): readonly LabelBox[] {
    if (this.obstacleCache) return this.obstacleCache;
    const origin = this.container.getBoundingClientRect();
    this.obstacleCache = this.obstacles
      .map((element, i) => ({ key: `obstacle:${i}`, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && rect.height > 0)
      .map(({ key, rect }) => ({ key, minX: rect.left - origin.left, minY: rect.top - origin.top, maxX: rect.right - origin.left, maxY: rect.bottom - origin.top }));
    return this.obstacleCache;
  }

  /** The labels kept in the last frame drawn at rest; null after a new graph (its first frame places every label). */
  private settledLabels: Set<string> | null = null;
  /** When the user last moved the camera (performance.now()), and the render that follows its rest. */
  private cameraMovedAt = -Infinity;
  private restTimer: number | undefined;
  private frameMoving = false;

  /**
   * A frame drawn within MOVE_REST_MS of a camera move by the user: it keeps only the labels of the last
   * frame at rest (see LabelPlacer.begin), and a frame at rest follows once the camera has stopped.
   */
  private movingNow(): boolean {
    return this.settledLabels !== null && performance.now() - this.cameraMovedAt < MOVE_REST_MS;
  }

  private startLabelFrame(sigma: Sigma<NodeAttrs, EdgeAttrs>): void {
    const { width, height } = sigma.getDimensions();
    this.frameMoving = this.movingNow();
    this.placer.begin({ width, height }, this.frameMoving ? this.settledLabels : null);
    if (!this.showLabels) return;
    // Measured again at rest: what floats over the stage changes with the view (the overview's strip).
    if (!this.frameMoving) this.obstacleCache = null;
    for (const box of this.obstacleBoxes()) this.placer.reserve(box);
    // What the side panel, the bottom sheet or an embed's legend covers: a label there would be cut.
    if (this.rightInset > 0) this.placer.reserve({ key: "inset:right", minX: width - this.rightInset, minY: 0, maxX: width, maxY: height });
    if (this.bottomInset > 0) this.placer.reserve({ key: "inset:bottom", minX: 0, minY: height - this.bottomInset, maxX: width, maxY: height });
    if (this.leftInset > 0) this.placer.reserve({ key: "inset:left", minX: 0, minY: 0, maxX: this.leftInset, maxY: height });
    const settings = sigma.getSettings();
    for (const node of [this.lit.hovered, this.lit.selected]) {
      if (!node || !this.graph.hasNode(node)) continue;
      const data = sigma.getNodeDisplayData(node) as (NodeDisplayData & { labelAbove?: boolean }) | undefined;
      if (!data?.label || data.hidden) continue;
      const at = sigma.framedGraphToViewport(data);
      const box = raisedLabelBox({ key: node, x: at.x, y: at.y, size: sigma.scaleSize(data.size), label: data.label, labelAbove: data.labelAbove }, settings, width);
      this.placer.reserve({ key: node, ...box });
    }
  }

  /**
   * No label covers another node's dot: every drawn dot is reserved for its own label only, and each
   * raised label (focus, selection, hover) takes the first side where it covers none. The sides are
   * chosen from this frame's positions, so a change shows in the next frame, scheduled here.
   */
  private keepDotsClear(sigma: Sigma<NodeAttrs, EdgeAttrs>): void {
    const dots = nodeDots(sigma);
    for (const dot of dots) this.placer.reserve({ key: `dot:${dot.key}`, owner: dot.key, minX: dot.x - dot.r, minY: dot.y - dot.r, maxX: dot.x + dot.r, maxY: dot.y + dot.r });
    const choice = chooseRaisedSides(sigma, dots, this.showLabels ? this.obstacleBoxes() : []);
    if (!sameSides(choice, { sides: currentRaisedSides(), wrapped: currentRaisedWrapped() })) {
      setRaisedSides(choice.sides, choice.wrapped);
      this.refreshStyles();
    }
  }

  /**
   * No label covers the middle of a closed community's node but its own (a large overview): the middle
   * half of each drawn one is reserved for its own label. Its rim is left to others, or a phone's stage,
   * where ten of these discs fill the width, would keep hardly a name.
   */
  private keepCommunitiesClear(sigma: Sigma<NodeAttrs, EdgeAttrs>): void {
    this.graph.forEachNode((key, attrs) => {
      if (attrs.aggregate !== "closed") return;
      const data = sigma.getNodeDisplayData(key);
      if (!data || data.hidden) return;
      const at = sigma.framedGraphToViewport(data);
      const r = sigma.scaleSize(data.size) * COMMUNITY_CORE;
      this.placer.reserve({ key: `dot:${key}`, owner: key, minX: at.x - r, minY: at.y - r, maxX: at.x + r, maxY: at.y + r });
    });
  }

  /** The dots drawn in the last frame (viewport pixels), for tests that check no label covers one; `only`: of these nodes. */
  dots(only?: (key: string) => boolean): readonly Dot[] {
    return nodeDots(this.sigma, only);
  }

  private bindEvents(sigma: Sigma<NodeAttrs, EdgeAttrs>): void {
    sigma.on("enterNode", ({ node }) => {
      // A node passing under the pointer while it drags the stage is not hovered: lighting it redraws
      // every node and link, which froze panning over an opened community for hundreds of milliseconds.
      if (sigma.getMouseCaptor().isMouseDown) return;
      this.lit.hovered = node;
      this.lit.hoveredNeighbours = this.hoverNeighboursOf(node);
      this.container.style.cursor = "pointer";
      this.refreshStyles();
    });
    sigma.on("leaveNode", () => {
      if (this.lit.hovered === null) return;
      this.lit.hovered = null;
      this.lit.hoveredNeighbours.clear();
      this.container.style.cursor = "";
      this.refreshStyles();
    });
    // An opened community's marker answers within a fingertip of its centre, over its own patterns (marker-hit.ts).
    sigma.on("clickNode", ({ node, event }) => this.handlers.clickNode(openMarkerAt(sigma, this.graph, event) ?? node));
    sigma.on("doubleClickNode", (event) => {
      // Double-click means "expand", not sigma's default zoom.
      event.preventSigmaDefault();
      this.handlers.doubleClickNode(event.node);
    });
    sigma.on("clickStage", ({ event }) => {
      const marker = openMarkerAt(sigma, this.graph, event);
      if (marker) this.handlers.clickNode(marker);
      else this.handlers.clickStage();
    });
    sigma.on("enterEdge", ({ edge, event }) => {
      this.handlers.hoverEdge(
        { id: edge, attrs: this.graph.getEdgeAttributes(edge), source: this.graph.source(edge), target: this.graph.target(edge) },
        event.x,
        event.y,
      );
    });
    sigma.on("leaveEdge", ({ event }) => this.handlers.hoverEdge(null, event.x, event.y));
    sigma.on("beforeRender", () => {
      this.startLabelFrame(sigma);
    });
    sigma.on("afterRender", () => {
      // While a pattern is hovered its neighbours' labels matter; while some are lit, only their regions.
      if (this.showLabels && this.regions.length && !this.lit.hovered) {
        const lit = this.lit.emphasis;
        offerRegionLabels(sigma, this.placer, this.regions, sigma.getSetting("labelFont"), (key) => !lit || lit.nodes.has(key));
      }
      if (this.showLabels && this.style.labelsClearOfDots) this.keepDotsClear(sigma);
      else if (this.showLabels && this.style.labelsClearOfCommunities) this.keepCommunitiesClear(sigma);
      const kept = this.placer.place();
      if (!this.frameMoving) this.settledLabels = new Set(kept.map((label) => label.key));
      this.handlers.rendered(this.graph.order, !this.frameMoving);
    });
    sigma.getCamera().on("updated", (state) => {
      if (!this.suppressCameraEvents) {
        this.cameraMovedAt = performance.now();
        window.clearTimeout(this.restTimer);
        this.restTimer = window.setTimeout(() => this.instance?.scheduleRender(), MOVE_REST_MS + 10);
      }
      if (!this.suppressCameraEvents && !this.fitting) this.handlers.cameraChanged({ x: state.x, y: state.y, ratio: state.ratio });
    });
  }
}

/**
 * sigma 3.0 re-indexes every node and link (both reducers, every program's buffers) at once on a whole
 * refresh, `schedule: true` or not: only the render waits for the frame. Its graph listeners ask for one
 * on each dropped node and each dropped link, so closing the largest community at ten times the library
 * (~2,000 patterns, ~13,000 links dropped one by one) worked out ~37 million node looks and held the page
 * for a minute or more. Here the scheduled whole refreshes of one task become one, at its end (a
 * microtask): what the next frame draws is the same, worked out once. A refresh asked to draw at once,
 * or of some nodes only, goes through as before.
 */
function coalesceWholeRefreshes(sigma: Sigma<NodeAttrs, EdgeAttrs>): void {
  const refresh = sigma.refresh.bind(sigma);
  let owed = false;
  let killed = false;
  sigma.on("kill", () => (killed = true));
  sigma.refresh = (options) => {
    if (!options?.schedule || options.partialGraph) return refresh(options);
    if (!owed) {
      owed = true;
      queueMicrotask(() => {
        owed = false;
        if (!killed) refresh({ schedule: true });
      });
    }
    return sigma;
  };
}

