// Overview of the whole library: every linked pattern at the position the server's ForceAtlas2 gave
// it, coloured by domain and sized by degree, its communities named over the picture; unlinked patterns
// are counted, and drawn only on request. A library larger than the overview's first part starts from
// its communities instead, one node each, which open into their patterns (overview-levels.ts).
// Nothing is laid out here, so it draws at once.
import { decodeOverview, type DecodedOverview, type PlacedNode } from "../../../core/overview-wire.ts";
import type { LinkView } from "../../../core/model.ts";
import { createAtlasGraph } from "../graph/atlas-graph.ts";
import { createSizeScale, mix, NO_DOMAIN, type DomainScale } from "../graph/palette.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/view-style.ts";
import { themeColors } from "../theme.ts";
import type { OverviewWire } from "../types.ts";
import { communityInfos, communityRegionLabels } from "./overview-communities.ts";
import { createLevels } from "./overview-levels.ts";
import { portraitShape, shapeOverview } from "./overview-portrait.ts";
import { showCrowdedCommunities } from "../ui/overview-legend.ts";
import type { CommunityInfo, LoadedView, ViewInfo, ViewLoader } from "./view.ts";
import { linkKey } from "../../../core/answers.ts";

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
  // 17,000 links at the real library's size, thousands more in an opened community at ten times it.
  panAsPicture: true,
};

/**
 * A large library's overview: the communities' nodes carry their labels; hovering one lights its strongest
 * neighbours. An opened community brings thousands of links (13,202 in the largest at ten times the real
 * library): they are left out while the camera moves, so that panning stays smooth. No label covers
 * a community's node but its own: at ten times the library the largest are discs 60 pixels wide.
 */
export const OVERVIEW_LEVELS_STYLE: ViewStyle = { ...OVERVIEW_STYLE, hoverNeighbours: 8, hideEdgesOnMove: true, labelsClearOfCommunities: true };

/** A stage narrower than this (a phone) draws the levels' names smaller: twice as many communities' names fit on a 390-pixel stage. */
export const NARROW_STAGE = 600;
const PHONE_LABEL_SIZE = 11;

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
  whole = undefined;
}

export const loadOverview: ViewLoader = async (state, context) => {
  // Not tied to the view's signal: a half-downloaded overview is still worth finishing.
  const load: PartLoader = (part) => context.api.overview(undefined, part);
  const [wire, { domains }] = await Promise.all([fetchOverview(load), context.library]);
  const decoded = decodeOverview(wire);
  // A phone held upright: the picture is turned and stretched to fill the screen's height (overview-portrait.ts).
  const shape = portraitShape(context.viewport(), decoded.nodes.length > 1 ? decoded.nodes : decoded.communities);
  const first = shapeOverview(decoded, shape);
  const graph = createAtlasGraph();
  // The first part holds the most linked patterns, so its largest degree is the library's.
  const maxDegree = first.nodes.reduce((max, n) => Math.max(max, n.degree), 0);
  const size = createSizeScale(maxDegree, [1.6, 13]);
  const edgeColor = overviewEdgeColors();
  const linkedCount = first.total.patterns - first.total.unlinked;
  const communities = communityInfos(first.communities, domains);
  let both: Promise<DecodedOverview> | undefined;
  const all = (): Promise<DecodedOverview> => {
    if (!both) {
      both = fetchWhole(load, wire).then((d) => shapeOverview(d, shape));
      both.catch(() => (both = undefined));
    }
    return both;
  };
  const narrow = context.viewport().width < NARROW_STAGE;
  if (first.nodes.length < first.total.patterns) return loadLevels(first, all, narrow, { domains, size, edgeColor, unlinked: state.unlinked, communities });
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
        community: communityKey(first, node.slug),
      });
    }
    for (const link of links) {
      if (!graph.hasNode(link.source) || !graph.hasNode(link.target) || graph.hasEdge(linkKey(link))) continue;
      graph.addDirectedEdgeWithKey(linkKey(link), link.source, link.target, {
        id: linkKey(link),
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
  add(first.nodes, first.links, new Map(first.nodes.map((n) => [n.slug, n] as const)));
  return {
    graph,
    style: OVERVIEW_STYLE,
    info: { mode: "overview", nodes: graph.order, links: graph.size, unlinked: first.total.unlinked, showingUnlinked: state.unlinked, communities, levels: false },
    linkTypes: [],
    onThemeChange: () => tintOverviewEdges(graph),
    regionLabels: communityRegionLabels(first.communities, linkedCount),
  };
};

const communityKey = (overview: DecodedOverview, slug: string): string | undefined => {
  const index = overview.communityOf.get(slug);
  return index === undefined ? undefined : overview.communities[index]?.key;
};

/** Both parts of the overview, read back together once per page. */
let whole: { wire: OverviewWire; decoded: Promise<DecodedOverview> } | undefined;
function fetchWhole(load: PartLoader, wire: OverviewWire): Promise<DecodedOverview> {
  if (whole?.wire !== wire) {
    const decoded = fetchOverview(load, "rest").then((rest) => decodeOverview(wire, rest));
    decoded.catch(() => (whole = undefined));
    whole = { wire, decoded };
  }
  return whole.decoded;
}

/**
 * A library larger than the first part: its communities as nodes sized by their members, which a click
 * opens into their patterns. The whole overview is fetched after the first frame; then the legend
 * counts every domain, and the unlinked patterns are drawn when asked.
 */
function loadLevels(
  first: DecodedOverview,
  all: () => Promise<DecodedOverview>,
  narrow: boolean,
  options: { domains: DomainScale; size: (degree: number) => number; edgeColor: (color: string) => string; unlinked: boolean; communities: CommunityInfo[] },
): LoadedView {
  const graph = createAtlasGraph();
  const crowded = (count: number): void => {
    info.crowdedCommunities = count;
    showCrowdedCommunities(count);
  };
  const levels = createLevels(graph, first, all, { domains: options.domains, patternSize: options.size, edgeColor: options.edgeColor, crowded });
  const linked = first.total.patterns - first.total.unlinked;
  const info: Extract<ViewInfo, { mode: "overview" }> = {
    mode: "overview",
    nodes: options.unlinked ? first.total.patterns : linked,
    links: first.total.links,
    unlinked: first.total.unlinked,
    showingUnlinked: options.unlinked,
    communities: options.communities,
    levels: true,
  };
  return {
    graph,
    style: narrow ? { ...OVERVIEW_LEVELS_STYLE, labelSize: PHONE_LABEL_SIZE } : OVERVIEW_LEVELS_STYLE,
    info,
    linkTypes: [],
    onThemeChange: () => tintOverviewEdges(graph),
    clickNode: (node) => levels.click(node),
    cameraMoved: (probe) => levels.cameraMoved(probe),
    framed: (probe) => levels.framed(probe),
    bringIn: (slug) => levels.bringIn(slug),
    async settle(signal) {
      const decoded = await all();
      if (signal.aborted) return;
      const counts = new Map<string, number>();
      for (const node of decoded.nodes) {
        if (!decoded.communityOf.has(node.slug) && !options.unlinked) continue;
        const domain = node.domain ?? NO_DOMAIN;
        counts.set(domain, (counts.get(domain) ?? 0) + 1);
      }
      info.domainCounts = counts;
      if (!options.unlinked) return;
      for (const node of decoded.nodes) {
        if (decoded.communityOf.has(node.slug) || graph.hasNode(node.slug)) continue;
        graph.addNode(node.slug, { label: node.title || node.slug, title: node.title || node.slug, x: node.x, y: node.y, size: options.size(node.degree), color: options.domains.color(node.domain), domain: node.domain, status: node.status, degree: node.degree, forceLabel: true });
      }
    },
  };
}

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
