// Neighbourhood of a pattern to a chosen depth, filtered by link types and direction, plus the
// patterns expanded in place by double-click. Drawn at once on rings, then relaxed by ForceAtlas2
// in a web worker; nodes already on screen keep their place when the view evolves.
import type { NeighborhoodQuery } from "../api.ts";
import { addLink, createAtlasGraph, nodeAttributes, shapeParallelEdges } from "../graph/atlas-graph.ts";
import { createSizeScale, sortLinkTypes } from "../graph/palette.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/view-style.ts";
import { wrapLabel } from "../graph/labels.ts";
import { runForceLayout, stageStretch, stretchTargets } from "../layout/layout-client.ts";
import { clearRoomRightOf, fittedPixelsPerUnit } from "../layout/label-room.ts";
import { radialPositions } from "../layout/radial.ts";
import { GROUP_PAGE_SIZE, NEIGHBORHOOD_LIMIT, type AppState } from "../state/app-state.ts";
import type { LinkView, NodeView, Subgraph } from "../types.ts";
import { parseOpenGroup } from "../state/open-groups.ts";
import { addGroupNodes, placeGroupNodes, type GroupPageShown } from "./neighborhood-groups.ts";
import type { ViewLoader } from "./view.ts";
import { linkKey } from "../../../core/answers.ts";


/** Above this many links, edges get no hover tooltip (see the style below). */
export const EDGE_EVENTS_MAX = 300;

export const NEIGHBORHOOD_STYLE: ViewStyle = {
  ...DEFAULT_STYLE,
  labelThreshold: 4,
  labelDensity: 0.9,
  labelGridCellSize: 110,
  stagePadding: 64,
  labelSize: 13,
  edgeEvents: true,
  labelEveryNode: true,
  labelsClearOfDots: true,
  labelsInTwoLines: true,
};

/**
 * The same neighbourhood, narrowed or widened in place (link types, limit, groups, expansions): the
 * patterns that stay keep their places and only newcomers are laid out.
 */
const sameBase = (a: AppState, b: AppState) => a.mode === b.mode && a.focus === b.focus && a.depth === b.depth && a.direction === b.direction;

export const loadNeighborhood: ViewLoader = async (state, context) => {
  const focus = state.focus;
  if (!focus) {
    return emptyView("Pick a pattern to explore its neighbourhood.", "Press / to search, or click a pattern in the overview.");
  }
  if (state.types !== null && state.types.length === 0) {
    return emptyView("No link type is selected.", "Turn on at least one link type in the legend.");
  }
  const query: NeighborhoodQuery = { depth: state.depth, types: state.types, direction: state.direction, limit: state.limit };
  const [{ domains }, main, ...expansions] = await Promise.all([
    context.library,
    context.api.neighborhood(focus, query, context.signal),
    ...state.expanded.map((slug) =>
      context.api.neighborhood(slug, { ...query, depth: 1, limit: NEIGHBORHOOD_LIMIT }, context.signal).catch(() => null),
    ),
  ]);
  // Left-out groups opened in place: the page asked for of each, joined to the kept patterns by its
  // links (a page past the group's end, from an old URL, is its last).
  const counts = new Map(main.groups.map((g) => [g.key, g.count] as const));
  const pages = await Promise.all(
    state.openGroups
      .map(parseOpenGroup)
      .filter(({ key }) => counts.has(key))
      .map(({ key, page }) => {
        const offset = Math.min(page, Math.max(0, Math.ceil(counts.get(key)! / GROUP_PAGE_SIZE) - 1)) * GROUP_PAGE_SIZE;
        return context.api.neighborhood(focus, { ...query, limit: GROUP_PAGE_SIZE, group: key, offset }, context.signal).catch(() => null);
      }),
  );
  const distanceOf: Record<string, number> = { ...main.distance };
  for (const page of pages) if (page) Object.assign(distanceOf, page.distance);
  const nodes = new Map<string, NodeView>();
  const links = new Map<string, LinkView>();
  for (const sub of [main, ...pages, ...expansions]) {
    if (!sub) continue;
    for (const n of sub.nodes) if (!nodes.has(n.slug)) nodes.set(n.slug, n);
    for (const l of sub.links) links.set(linkKey(l), l);
  }

  const graph = createAtlasGraph();
  const maxDegree = Math.max(1, ...[...nodes.values()].map((n) => n.degree));
  const size = createSizeScale(maxDegree, [5, 17]);
  const adjacency = new Map<string, string[]>();
  for (const l of links.values()) {
    if (!adjacency.has(l.source)) adjacency.set(l.source, []);
    if (!adjacency.has(l.target)) adjacency.set(l.target, []);
    adjacency.get(l.source)!.push(l.target);
    adjacency.get(l.target)!.push(l.source);
  }
  const previous =
    context.previous && context.previous.state.mode === "neighborhood" && context.previous.state.focus === focus
      ? new Map(context.previous.graph.filterNodes((_key, a) => a.group === undefined).map((key) => [key, context.previous!.graph.getNodeAttributes(key)] as const))
      : undefined;
  const inPlace = Boolean(previous && context.previous && sameBase(context.previous.state, state));
  const positions = radialPositions({
    focus,
    nodes: [...nodes.keys()].sort(),
    neighbours: (key) => adjacency.get(key) ?? [],
    previous,
  });
  // Forced labels ignore sigma's collision grid: only force them where they cannot pile up.
  const few = nodes.size <= 14;
  for (const node of [...nodes.values()].sort((a, b) => a.slug.localeCompare(b.slug))) {
    const attrs = nodeAttributes(node, domains, size, positions.get(node.slug) ?? { x: 0, y: 0 });
    const distance = distanceOf[node.slug];
    attrs.distance = distance;
    if ("score" in node && typeof node.score === "number") attrs.score = node.score;
    if (node.slug === focus) {
      attrs.size = 19;
      attrs.forceLabel = true;
      // Pinned during the layout so the pattern being explored stays in the middle.
      attrs.fixed = true;
    }
    // In place, what was on screen stays where it was: only newcomers move.
    if (inPlace && previous?.has(node.slug)) attrs.fixed = true; else if (few || (distance === 1 && nodes.size <= 24) || state.expanded.includes(node.slug)) {
      attrs.forceLabel = true;
    }
    graph.addNode(node.slug, attrs);
  }
  // Thinner lines as the links multiply, so a dense neighbourhood stays a web and not a blot.
  const thickness = links.size > 200 ? 1.1 : links.size > 80 ? 1.6 : 2.2;
  for (const [, link] of [...links].sort(([a], [b]) => a.localeCompare(b))) addLink(graph, link, thickness);
  shapeParallelEdges(graph);
  const newcomers = graph.someNode((key) => !previous?.has(key));
  const shown = new Map<string, GroupPageShown>();
  for (const page of pages) {
    if (!page?.group) continue;
    const { key, count, offset } = page.group;
    shown.set(key, { offset, count, shown: page.nodes.filter((n) => n.slug !== focus).length, pageSize: GROUP_PAGE_SIZE });
  }
  addGroupNodes(graph, main.groups, focus, shown, thickness);

  // Grown in place: the patterns new on screen and the open groups' nodes are to be kept in view.
  const arrived = inPlace
    ? graph.filterNodes((key, a) => (a.group === undefined ? !previous?.has(key) : a.groupOpen === true || a.groupPage !== undefined))
    : [];
  const subgraph: Subgraph = { ...main };
  return {
    graph,
    // Edge hover needs a second (picking) pass over every edge: worth it only on lighter graphs.
    style: { ...NEIGHBORHOOD_STYLE, edgeEvents: links.size <= EDGE_EVENTS_MAX },
    info: { mode: "neighborhood", subgraph, title: nodes.get(focus)?.title ?? focus },
    linkTypes: sortLinkTypes([...links.values()].map((l) => l.type)),
    // A left-out group drawn as a node opens (or closes) in place; its pager shows its next page.
    clickNode: (slug) => {
      const attrs = graph.hasNode(slug) ? graph.getNodeAttributes(slug) : undefined;
      if (attrs?.group === undefined) return false;
      if (attrs.groupPage !== undefined) context.actions.showGroupPage(attrs.group, attrs.groupPage);
      else context.actions.toggleGroup(attrs.group);
      return true;
    },
    keepCamera: inPlace,
    keepInView: arrived,
    keepFrame: inPlace,
    focus: [focus],
    // Narrowed in place (a type or domain turned off): nothing new to place, so nothing moves.
    // A new layout fills a stage taller than wide (a phone held upright): an ellipse, not a circle in
    // its middle third. Grown in place, nothing that stays moves, so nothing is stretched.
    settle: inPlace && !newcomers ? undefined : async (signal) => {
      const screen = context.viewport();
      const free = { width: screen.width - screen.left - screen.right, height: screen.height - screen.bottom };
      const padding = NEIGHBORHOOD_STYLE.stagePadding;
      // Groups of the focus go beyond the ellipse's ends (neighborhood-groups.ts): leave them room.
      const stretchY = Math.max(1, stageStretch(free, padding) / (main.groups.length > 0 ? 1.3 : 1));
      const adjust = (targets: Record<string, { x: number; y: number }>) => {
        stretchTargets(targets, { about: focus, y: stretchY });
        // The focus's boxed label right of it covers no neighbour's dot (see graph/dots.ts).
        const sizes = new Map(graph.mapNodes((key, a) => [key, a.size] as const));
        const label = graph.getNodeAttribute(focus, "label") ?? focus;
        // The focus sits about mid-stage: its whole title right of it on one line, or in lines where
        // the stage's half is narrower than that (a phone), as graph/dots.ts will then write it.
        const room = raisedLabelRoom(label, free.width / 2 - (graph.getNodeAttribute(focus, "size") ?? 19) - 12);
        clearRoomRightOf(targets, sizes, focus, { ...room, gap: 4 }, fittedPixelsPerUnit(extentOf(Object.values(targets)), free, padding));
      };
      await runForceLayout(graph, signal, { animateMs: inPlace ? 450 : 600, ...(inPlace ? {} : { adjust }) });
      // Twice: the groups beyond the ellipse widen what the camera fits, so the scale is read after the first.
      placeGroupNodes(graph, focus, stretchY);
      placeGroupNodes(graph, focus, stretchY, fittedPixelsPerUnit(extentOf(graph.mapNodes((_key, a) => a)), free, padding));
    },
  };
};

/** The width and height of points' extent. */
function extentOf(points: readonly { x: number; y: number }[]): { width: number; height: number } {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

let measure: CanvasRenderingContext2D | null = null;
/**
 * The room (px) of a focus's boxed label (labels.ts draws it 600 14px, 17 px a line, padded 8 px a
 * side), with a margin: the whole title on one line where it is at most `within` wide, else in
 * wrapLabel's lines.
 */
function raisedLabelRoom(label: string, within: number): { width: number; height: number } {
  measure ??= document.createElement("canvas").getContext("2d");
  const family = getComputedStyle(document.documentElement).getPropertyValue("--font-sans").trim() || "system-ui, sans-serif";
  const widthOf = (text: string) => (measure ? Math.ceil(measure.measureText(text).width) : text.length * 8) + 24;
  if (measure) measure.font = `600 14px ${family}`;
  const line = widthOf(label);
  if (line <= within) return { width: line, height: 30 };
  const lines = wrapLabel(label);
  return { width: Math.max(...lines.map(widthOf)), height: lines.length * 17 + 13 };
}

function emptyView(reason: string, hint?: string) {
  return {
    graph: createAtlasGraph(),
    style: NEIGHBORHOOD_STYLE,
    info: { mode: "empty" as const, reason, hint },
    linkTypes: [],
  };
}

export { emptyView };
