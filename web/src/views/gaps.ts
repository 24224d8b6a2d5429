// Gaps view: without a chosen finding, the library overview (the list lights up the patterns
// of its page); with one, the graph around the finding: its patterns and their direct neighbours, the
// links it is about emphasised, and the links its fix would add drawn as "proposed" in the label colour.
import type { Emphasis } from "../graph/view-style.ts";
import { addLink, createAtlasGraph, nodeAttributes, shapeParallelEdges, type AtlasGraph } from "../graph/atlas-graph.ts";
import { createSizeScale, sortLinkTypes } from "../graph/palette.ts";
import { isSymmetricLinkType } from "../../../core/link-types.ts";
import { gapLinkId, findFinding } from "../gaps/gaps-data.ts";
import { runForceLayout } from "../layout/layout-client.ts";
import { radialPositions } from "../layout/radial.ts";
import { themeColors } from "../theme.ts";
import type { GapFinding, LinkView, NodeView, Subgraph } from "../types.ts";
import { emptyView, NEIGHBORHOOD_STYLE } from "./neighborhood.ts";
import { loadOverview } from "./overview.ts";
import type { ViewLoader } from "./view.ts";
import { linkKey } from "../../../core/answers.ts";

/** Patterns whose neighbours are drawn for context; bigger findings (loops, islands) show only their own. */
const CONTEXT_PATTERNS = 4;
/** Patterns of one finding drawn at most (the 2026-02-20 snapshot has a 28-pattern lineage loop). */
const MAX_PATTERNS = 40;
/** Candidates (likely targets, similar patterns) shown beside a finding. */
const MAX_CANDIDATES = 3;
const CONTEXT_LIMIT = 60;

export const loadGaps: ViewLoader = async (state, context) => {
  if (!state.finding) {
    // The overview as the Overview view draws it: the unlinked patterns counted there, not ringing the
    // picture here (they are drawn when the overview draws them, unlinked=1); a chosen orphan finding draws its pattern.
    const view = await loadOverview(state, context);
    if (view.info.mode !== "overview") return view;
    return { ...view, info: { mode: "gaps", finding: null, emphasis: null, nodes: view.info.nodes, links: view.info.links } };
  }
  const [found, { domains }] = await Promise.all([findFinding(context.api, state, state.finding), context.library]);
  if (context.signal.aborted) throw new DOMException("View changed", "AbortError");
  if (!found) {
    return emptyView("This finding is no longer in the library.", "The files changed since the link was made: pick a finding from the list.");
  }
  const { finding, page } = found;
  const own = finding.patterns.slice(0, MAX_PATTERNS);
  const candidates = (finding.candidates ?? []).slice(0, MAX_CANDIDATES).map((c) => c.slug as string);
  const withContext = own.length <= CONTEXT_PATTERNS;

  // The finding's own patterns, the candidates it proposes and the dangling targets it is about always
  // stay; neighbours only as context around a small finding.
  const keep = new Set<string>([...own, ...candidates]);
  for (const link of finding.links) if (link.dangling) keep.add(`dangling:${link.target}`);
  const { nodes, links } = withContext
    ? await neighbourhoods(context, own)
    : // A loop or an island of many (possibly very well-linked) patterns: every link among them, no context.
      await linksAmong(context, own);
  for (const slug of keep) {
    if (nodes.has(slug)) continue;
    const info = page.patterns[slug];
    if (info) nodes.set(slug, { slug, title: info.title, domain: info.domain, degree: 0 } as NodeView);
    else if (slug.startsWith("dangling:")) nodes.set(slug, { slug, title: slug.slice("dangling:".length), degree: 0, dangling: true } as NodeView);
  }
  // A hub's neighbourhood is cut at its node cap: the links the finding is about are drawn whatever it
  // kept (unless the pair is linked already, e.g. an enables/requires pair merged into one link).
  for (const link of finding.links) {
    const target = link.dangling ? `dangling:${link.target}` : link.target;
    if (link.source === target || !nodes.has(link.source) || !nodes.has(target)) continue;
    const linked = [...links.values()].some((l) => (l.source === link.source && l.target === target) || (l.source === target && l.target === link.source));
    if (linked) continue;
    const id = gapLinkId(link);
    links.set(id, { source: link.source, target, type: link.type, weight: link.weight, directed: !isSymmetricLinkType(link.type), dangling: link.dangling } as LinkView);
  }

  const graph = createAtlasGraph();
  const adjacency = new Map<string, string[]>();
  for (const l of links.values()) {
    if (!nodes.has(l.source) || !nodes.has(l.target)) continue;
    adjacency.set(l.source, [...(adjacency.get(l.source) ?? []), l.target]);
    adjacency.set(l.target, [...(adjacency.get(l.target) ?? []), l.source]);
  }
  const focus = own[0]!;
  const positions = radialPositions({ focus, nodes: [...nodes.keys()].sort(), neighbours: (key) => adjacency.get(key) ?? [] });
  const size = createSizeScale(Math.max(1, ...[...nodes.values()].map((n) => n.degree)), [5, 15]);
  for (const node of [...nodes.values()].sort((a, b) => a.slug.localeCompare(b.slug))) {
    const attrs = nodeAttributes(node, domains, size, positions.get(node.slug) ?? { x: 0, y: 0 });
    if (keep.has(node.slug)) {
      attrs.size = Math.max(attrs.size, 11);
      // Forced labels skip sigma's collision grid: fine for a pair, a wall of text for a 28-pattern loop.
      attrs.forceLabel = withContext;
    }
    if (node.slug === focus) attrs.fixed = true;
    graph.addNode(node.slug, attrs);
  }
  const thickness = links.size > 120 ? 1.2 : 1.8;
  for (const [, link] of [...links].sort(([a], [b]) => a.localeCompare(b))) addLink(graph, link, thickness);
  const proposed = addProposedLinks(graph, finding);
  const cut = markCutEdges(graph, finding);
  shapeParallelEdges(graph);

  const emphasis: Emphasis = {
    nodes: new Set([...keep].filter((slug) => graph.hasNode(slug))),
    edges: new Set([...offendingEdges(graph, finding), ...proposed, ...cut]),
    contextLabels: true,
    labels: withContext,
  };
  return {
    graph,
    style: { ...NEIGHBORHOOD_STYLE, edgeEvents: graph.size <= 300 },
    info: { mode: "gaps", finding, emphasis, nodes: graph.order, links: graph.size },
    linkTypes: sortLinkTypes(graph.mapEdges((_e, a) => a.linkType)),
    // Ringed with boxed labels: the finding's patterns when they are a few, else only the first.
    focus: (withContext ? own : own.slice(0, 1)).filter((slug) => graph.hasNode(slug)),
    onThemeChange: () => recolourFix(graph),
    settle: async (signal) => {
      await runForceLayout(graph, signal, { animateMs: 500 });
    },
  };
};

type ViewContext = Parameters<ViewLoader>[1];

/** Depth-1 neighbourhoods of a few patterns, merged: the finding with its surroundings. */
async function neighbourhoods(context: ViewContext, slugs: readonly string[]): Promise<{ nodes: Map<string, NodeView>; links: Map<string, LinkView> }> {
  const subgraphs = await Promise.all(
    slugs.map((slug) =>
      context.api.neighborhood(slug, { depth: 1, types: null, direction: "both", limit: CONTEXT_LIMIT }, context.signal).catch((error: unknown) => {
        if (context.signal.aborted) throw error;
        return null;
      }),
    ),
  );
  const nodes = new Map<string, NodeView>();
  const links = new Map<string, LinkView>();
  for (const sub of subgraphs.filter((s): s is Subgraph => s !== null)) {
    for (const n of sub.nodes) if (!nodes.has(n.slug)) nodes.set(n.slug, n);
    for (const l of sub.links) links.set(linkKey(l), l);
  }
  return { nodes, links };
}

/**
 * The patterns and every link declared among them, from their details (a neighbourhood would be cut
 * at its node cap around a hub, and lose links of the loop).
 */
async function linksAmong(context: ViewContext, slugs: readonly string[]): Promise<{ nodes: Map<string, NodeView>; links: Map<string, LinkView> }> {
  const members = new Set(slugs);
  const details = await Promise.all(
    slugs.map((slug) =>
      context.api.pattern(slug, context.signal).catch((error: unknown) => {
        if (context.signal.aborted) throw error;
        return null;
      }),
    ),
  );
  const nodes = new Map<string, NodeView>();
  const links = new Map<string, LinkView>();
  for (const detail of details) {
    if (!detail) continue;
    const p = detail.pattern;
    nodes.set(p.slug, { slug: p.slug, title: p.title, domain: p.domain, status: p.status, degree: detail.degree } as NodeView);
    for (const [type, ends] of Object.entries(detail.outgoing)) {
      for (const end of ends) {
        if (end.dangling || !members.has(end.slug)) continue;
        const link = { source: p.slug, target: end.slug, type, weight: end.weight, directed: !isSymmetricLinkType(type), dangling: false } as LinkView;
        links.set(linkKey(link), link);
      }
    }
  }
  return { nodes, links };
}

/**
 * The edges a finding is about: each declared link by its id, or (when the graph merged it, e.g. an
 * enables/requires pair) any edge between the same two patterns.
 */
export function offendingEdges(graph: AtlasGraph, finding: GapFinding): string[] {
  return edgesOf(graph, finding.links);
}

/** The graph's edges for `links`: by id, or any edge between the same two patterns. */
function edgesOf(graph: AtlasGraph, links: readonly GapFinding["links"][number][]): string[] {
  const edges = new Set<string>();
  for (const link of links) {
    const id = gapLinkId(link);
    if (graph.hasEdge(id)) {
      edges.add(id);
      continue;
    }
    const target = link.dangling ? `dangling:${link.target}` : link.target;
    if (!graph.hasNode(link.source) || !graph.hasNode(target) || link.source === target) continue;
    for (const edge of graph.edges(link.source, target)) edges.add(edge);
    for (const edge of graph.edges(target, link.source)) edges.add(edge);
  }
  return [...edges];
}

/** The links the fix would declare (reciprocals, a suggested link, a replacement target), drawn as proposed. */
function addProposedLinks(graph: AtlasGraph, finding: GapFinding): string[] {
  const added: string[] = [];
  const color = themeColors().label;
  for (const edit of finding.fix.edits ?? []) {
    if (edit.op === "create-pattern") continue;
    const [source, target] = edit.op === "add-link" ? [edit.source, edit.target] : edit.op === "replace-target" ? [edit.source, edit.slug ?? edit.to] : [null, null];
    if (!source || !target || source === target || !graph.hasNode(source) || !graph.hasNode(target)) continue;
    const id = `proposed:${source}|${edit.type}|${target}`;
    if (graph.hasEdge(id)) continue;
    graph.addDirectedEdgeWithKey(id, source, target, {
      id,
      linkType: edit.type,
      type: "arrow",
      color,
      size: 1.6,
      directed: true,
      proposed: true,
    });
    added.push(id);
  }
  return added;
}

/** The declared links the fix proposes to cut (a lineage loop's), drawn thick in the cut colour. */
function markCutEdges(graph: AtlasGraph, finding: GapFinding): string[] {
  const edges = edgesOf(graph, finding.cut ?? []);
  const color = themeColors().cutEdge;
  for (const edge of edges) {
    graph.mergeEdgeAttributes(edge, { cut: true, color, size: Math.max(2.4, graph.getEdgeAttribute(edge, "size") * 2) });
  }
  return edges;
}

function recolourFix(graph: AtlasGraph): void {
  const { label, cutEdge } = themeColors();
  graph.forEachEdge((edge, attrs) => {
    if (attrs.proposed) graph.setEdgeAttribute(edge, "color", label);
    else if (attrs.cut) graph.setEdgeAttribute(edge, "color", cutEdge);
  });
}
