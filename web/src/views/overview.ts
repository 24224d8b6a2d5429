// Overview of the whole library: every linked pattern at the position the server's ForceAtlas2 gave
// it, coloured by domain and sized by degree; unlinked patterns are counted, and drawn only on request.
// Nothing is laid out here, so it draws at once.
import { createAtlasGraph } from "../graph/atlas-graph.ts";
import { createSizeScale, mix } from "../graph/palette.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/view-style.ts";
import { themeColors } from "../theme.ts";
import type { OverviewResponse } from "../types.ts";
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

let cached: Promise<OverviewResponse> | null = null;

/** The overview payload is a few MB: fetch it once per page and share it between visits. */
export function fetchOverview(load: () => Promise<OverviewResponse>): Promise<OverviewResponse> {
  if (!cached) {
    cached = load();
    cached.catch(() => (cached = null));
  }
  return cached;
}

/** After a library change: the next overview is fetched (and laid out by the server) anew. */
export function forgetOverview(): void {
  cached = null;
}

export const loadOverview: ViewLoader = async (state, context) => {
  // Not tied to the view's signal: a half-downloaded overview is still worth finishing.
  const [payload, { domains }] = await Promise.all([fetchOverview(() => context.api.overview()), context.library]);
  const graph = createAtlasGraph();
  const maxDegree = payload.nodes.reduce((max, n) => Math.max(max, n.degree), 0);
  const size = createSizeScale(maxDegree, [1.6, 13]);
  const linked = new Set<string>();
  for (const link of payload.links) {
    if (link.source === link.target) continue;
    linked.add(link.source);
    linked.add(link.target);
  }
  // Most linked first: sigma offers forced labels in insertion order, and the first to fit wins.
  const ordered = payload.nodes
    .filter((node) => state.unlinked || linked.has(node.slug))
    .sort((a, b) => b.degree - a.degree || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  for (const node of ordered) {
    graph.addNode(node.slug, {
      label: node.title || node.slug,
      title: node.title || node.slug,
      x: node.x,
      y: node.y,
      size: size(node.degree),
      color: domains.color(node.domain),
      domain: node.domain,
      status: node.status,
      degree: node.degree,
      forceLabel: true,
    });
  }
  for (const link of payload.links) {
    if (!graph.hasNode(link.source) || !graph.hasNode(link.target) || graph.hasEdge(link.id)) continue;
    graph.addDirectedEdgeWithKey(link.id, link.source, link.target, {
      id: link.id,
      linkType: link.type,
      type: "line",
      color: "",
      size: 1,
      directed: link.directed,
      weight: link.weight,
      description: link.description,
    });
  }
  tintOverviewEdges(graph);
  const view: LoadedView = {
    graph,
    style: OVERVIEW_STYLE,
    info: { mode: "overview", nodes: graph.order, links: graph.size, unlinked: payload.nodes.length - linked.size, showingUnlinked: state.unlinked },
    linkTypes: [],
    onThemeChange: () => tintOverviewEdges(graph),
  };
  return view;
};

/**
 * Overview edges take their source's domain colour mixed towards the background: clusters read as
 * tinted clouds and bridges stand out. Opaque colours, because sigma blends additively and faint
 * rgba lines would turn white on a light background.
 */
export function tintOverviewEdges(graph: AtlasGraph): void {
  const { background, overviewEdgeMix } = themeColors();
  const cache = new Map<string, string>();
  graph.updateEachEdgeAttributes(
    (_edge, attrs, _source, _target, sourceAttrs) => {
      let color = cache.get(sourceAttrs.color);
      if (!color) {
        color = mix(sourceAttrs.color, background, overviewEdgeMix);
        cache.set(sourceAttrs.color, color);
      }
      return { ...attrs, color };
    },
    { attributes: ["color"] },
  );
}
