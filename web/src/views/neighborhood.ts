// Neighbourhood of a pattern to a chosen depth, filtered by link types and direction, plus the
// patterns expanded in place by double-click. Drawn at once on rings, then relaxed by ForceAtlas2
// in a web worker; nodes already on screen keep their place when the view evolves.
import type { NeighborhoodQuery } from "../api.ts";
import { addLink, createAtlasGraph, nodeAttributes, shapeParallelEdges } from "../graph/atlas-graph.ts";
import { createSizeScale, sortLinkTypes } from "../graph/palette.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/renderer.ts";
import { runForceLayout } from "../layout/layout-client.ts";
import { radialPositions } from "../layout/radial.ts";
import { GROUP_PAGE_SIZE, NEIGHBORHOOD_LIMIT, type AppState } from "../state/app-state.ts";
import type { LinkView, NodeView, Subgraph } from "../types.ts";
import type { ViewLoader } from "./view.ts";


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
  labelCollision: true,
};

const sameBase = (a: AppState, b: AppState) =>
  a.mode === b.mode && a.focus === b.focus && a.depth === b.depth && a.direction === b.direction && a.limit === b.limit &&
  JSON.stringify(a.types) === JSON.stringify(b.types);

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
  // Left-out groups opened in place: their first page, joined to the kept patterns by its links.
  const groupKeys = new Set(main.groups.map((g) => g.key));
  const pages = await Promise.all(
    state.openGroups
      .filter((key) => groupKeys.has(key))
      .map((group) => context.api.neighborhood(focus, { ...query, limit: GROUP_PAGE_SIZE, group }, context.signal).catch(() => null)),
  );
  const distanceOf: Record<string, number> = { ...main.distance };
  for (const page of pages) if (page) Object.assign(distanceOf, page.distance);
  const nodes = new Map<string, NodeView>();
  const links = new Map<string, LinkView>();
  for (const sub of [main, ...pages, ...expansions]) {
    if (!sub) continue;
    for (const n of sub.nodes) if (!nodes.has(n.slug)) nodes.set(n.slug, n);
    for (const l of sub.links) links.set(l.id, l);
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
      ? new Map(context.previous.graph.mapNodes((key, a) => [key, { x: a.x, y: a.y }] as const))
      : undefined;
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
    } else if (few || (distance === 1 && nodes.size <= 24) || state.expanded.includes(node.slug)) {
      attrs.forceLabel = true;
    }
    graph.addNode(node.slug, attrs);
  }
  // Thinner lines as the links multiply, so a dense neighbourhood stays a web and not a blot.
  const thickness = links.size > 200 ? 1.1 : links.size > 80 ? 1.6 : 2.2;
  for (const link of [...links.values()].sort((a, b) => a.id.localeCompare(b.id))) addLink(graph, link, thickness);
  shapeParallelEdges(graph);

  const inPlace = Boolean(previous && context.previous && sameBase(context.previous.state, state));
  const subgraph: Subgraph = { ...main };
  return {
    graph,
    // Edge hover needs a second (picking) pass over every edge: worth it only on lighter graphs.
    style: { ...NEIGHBORHOOD_STYLE, edgeEvents: links.size <= EDGE_EVENTS_MAX },
    info: { mode: "neighborhood", subgraph, title: nodes.get(focus)?.title ?? focus },
    linkTypes: sortLinkTypes([...links.values()].map((l) => l.type)),
    keepCamera: inPlace,
    focus: [focus],
    settle: async (signal) => {
      await runForceLayout(graph, signal, { animateMs: inPlace ? 450 : 600 });
    },
  };
};

function emptyView(reason: string, hint?: string) {
  return {
    graph: createAtlasGraph(),
    style: NEIGHBORHOOD_STYLE,
    info: { mode: "empty" as const, reason, hint },
    linkTypes: [],
  };
}

export { emptyView };
