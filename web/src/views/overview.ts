// Overview of the whole library: every linked pattern at the position the server's ForceAtlas2 gave
// it, coloured by domain and sized by degree; unlinked patterns are counted, and drawn only on request.
// Nothing is laid out here, so it draws at once.
import { decodeOverview, type PlacedNode } from "../../../core/overview-wire.ts";
import type { LinkView } from "../../../core/model.ts";
import { createAtlasGraph } from "../graph/atlas-graph.ts";
import { createSizeScale, mix } from "../graph/palette.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/view-style.ts";
import { themeColors } from "../theme.ts";
import type { OverviewWire } from "../types.ts";
import type { LoadedView, ViewLoader } from "./view.ts";

/** Screen area per label: at most one label per this many square pixels, so the overview stays readable. */
export const AREA_PER_LABEL = 16_000;

export const OVERVIEW_STYLE: ViewStyle = {
  ...DEFAULT_STYLE,
  // Every pattern is a label candidate (forceLabel, below); the label placement keeps the most important
  // ones that fit, so sigma's own size threshold and grid only need to stay out of the way.
  labelThreshold: Number.POSITIVE_INFINITY,
  labelDensity: 0.25,
  labelGridCellSize: 160,
  hideUnrelatedEdges: true,
  edgeEvents: false,
  fadeAroundSelection: true,
  areaPerLabel: AREA_PER_LABEL,
  hoverNeighbours: 12,
};

/**
 * Patterns and links added to the graph per animation frame once the first part is on screen. Sigma
 * processes the whole graph again on the frame after any change, so slices are few and large (about
 * three at ten times the real library): slices of 15,000 links took 28 s to settle there, at load 25.
 */
const NODES_PER_FRAME = 12_000;
const LINKS_PER_FRAME = 60_000;

type PartLoader = (part: "first" | "rest") => Promise<OverviewWire>;
const cached = new Map<"first" | "rest", Promise<OverviewWire>>();

/** The overview's parts are a few MB: each is fetched once per page and shared between visits. */
export function fetchOverview(load: PartLoader, part: "first" | "rest" = "first"): Promise<OverviewWire> {
  let pending = cached.get(part);
  if (!pending) {
    pending = load(part);
    cached.set(part, pending);
    pending.catch(() => cached.delete(part));
  }
  return pending;
}

/** After a library change: the next overview is fetched (and laid out by the server) anew. */
export function forgetOverview(): void {
  cached.clear();
}

export const loadOverview: ViewLoader = async (state, context) => {
  // Not tied to the view's signal: a half-downloaded overview is still worth finishing.
  const load: PartLoader = (part) => context.api.overview(undefined, part);
  const [wire, { domains }] = await Promise.all([fetchOverview(load), context.library]);
  const first = decodeOverview(wire);
  const graph = createAtlasGraph();
  // The first part holds the most linked patterns, so its largest degree is the library's.
  const maxDegree = first.nodes.reduce((max, n) => Math.max(max, n.degree), 0);
  const size = createSizeScale(maxDegree, [1.6, 13]);
  const edgeColor = overviewEdgeColors();
  const add = (nodes: PlacedNode[], links: LinkView[], known: Map<string, PlacedNode>): void => {
    const linked = new Set<string>();
    for (const link of links) {
      if (link.source === link.target) continue;
      linked.add(link.source);
      linked.add(link.target);
    }
    // Most linked first: sigma offers forced labels in insertion order, and the first to fit wins.
    const ordered = [...new Set([...nodes, ...[...linked].map((slug) => known.get(slug)!)])]
      .filter((node) => node && !graph.hasNode(node.slug) && (state.unlinked || linked.has(node.slug)))
      .sort((a, b) => b.degree - a.degree || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    for (const node of ordered) {
      const color = domains.color(node.domain);
      graph.addNode(node.slug, {
        label: node.title || node.slug,
        title: node.title || node.slug,
        x: node.x,
        y: node.y,
        size: size(node.degree),
        color,
        domain: node.domain,
        status: node.status,
        degree: node.degree,
        forceLabel: true,
      });
    }
    for (const link of links) {
      if (!graph.hasNode(link.source) || !graph.hasNode(link.target) || graph.hasEdge(link.id)) continue;
      graph.addDirectedEdgeWithKey(link.id, link.source, link.target, {
        id: link.id,
        linkType: link.type,
        type: "line",
        color: edgeColor(graph.getNodeAttribute(link.source, "color")),
        size: 1,
        directed: link.directed,
        weight: link.weight,
        description: link.description,
      });
    }
  };
  const firstKnown = new Map(first.nodes.map((n) => [n.slug, n] as const));
  add(first.nodes, first.links, firstKnown);
  const complete = first.nodes.length === first.total.patterns;
  const view: LoadedView = {
    graph,
    style: OVERVIEW_STYLE,
    info: complete
      ? { mode: "overview", nodes: graph.order, links: graph.size, unlinked: first.total.unlinked, showingUnlinked: state.unlinked }
      : {
          mode: "overview",
          nodes: state.unlinked ? first.total.patterns : first.total.patterns - first.total.unlinked,
          links: first.total.links,
          unlinked: first.total.unlinked,
          showingUnlinked: state.unlinked,
        },
    linkTypes: [],
    onThemeChange: () => tintOverviewEdges(graph),
  };
  if (!complete) {
    // The rest of a large library arrives after the first frame and joins the picture a slice per
    // frame, so the page answers throughout.
    view.settle = async (signal) => {
      const rest = await fetchOverview(load, "rest");
      if (signal.aborted) return;
      const all = decodeOverview(wire, rest);
      const known = new Map(all.nodes.map((n) => [n.slug, n] as const));
      const nodes = all.nodes.slice(first.nodes.length);
      const links = all.links.slice(first.links.length);
      for (let n = 0, l = 0; n < nodes.length || l < links.length; n += NODES_PER_FRAME, l += LINKS_PER_FRAME) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (signal.aborted) return;
        // Links whose ends come in a later slice wait for it: their slice is added with those ends.
        add(nodes.slice(n, n + NODES_PER_FRAME), links.slice(l, l + LINKS_PER_FRAME), known);
      }
      // Links held back until both ends were in.
      add([], links, known);
    };
  }
  return view;
};

/** Overview edge colours by source colour, cached (see tintOverviewEdges). */
function overviewEdgeColors(): (sourceColor: string) => string {
  const { background, overviewEdgeMix } = themeColors();
  const cache = new Map<string, string>();
  return (sourceColor) => {
    let color = cache.get(sourceColor);
    if (!color) {
      color = mix(sourceColor, background, overviewEdgeMix);
      cache.set(sourceColor, color);
    }
    return color;
  };
}

/**
 * Overview edges take their source's domain colour mixed towards the background: clusters read as
 * tinted clouds and bridges stand out. Opaque colours, because sigma blends additively and faint
 * rgba lines would turn white on a light background.
 */
export function tintOverviewEdges(graph: AtlasGraph): void {
  const edgeColor = overviewEdgeColors();
  graph.updateEachEdgeAttributes(
    (_edge, attrs, _source, _target, sourceAttrs) => ({ ...attrs, color: edgeColor(sourceAttrs.color) }),
    { attributes: ["color"] },
  );
}
