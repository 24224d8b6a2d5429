// Path view: the k shortest paths between two patterns (optionally only along chosen link types,
// optionally following direction), drawn left to right with the chosen path emphasised.
import { addLink, createAtlasGraph, nodeAttributes, shapeParallelEdges } from "../graph/atlas-graph.ts";
import { createSizeScale, sortLinkTypes } from "../graph/palette.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/view-style.ts";
import { layoutPaths } from "../layout/path-layout.ts";
import type { LinkView, PathResult } from "../types.ts";
import type { ViewContext, ViewLoader } from "./view.ts";
import { emptyView } from "./neighborhood.ts";
import { linkKey } from "../../../core/answers.ts";

export const PATH_STYLE: ViewStyle = {
  ...DEFAULT_STYLE,
  labelThreshold: 0,
  labelDensity: 3,
  labelGridCellSize: 40,
  labelSize: 13,
  edgeEvents: true,
  labelPlacement: "below",
  // The two ends carry boxed labels centred under them: room for half a title beyond each end.
  stagePadding: 84,
  labelsClearOfDots: true,
};

/**
 * Upright, the ends' boxed labels lie below them, not beyond the sides: the padding need only hold
 * half a side lane's wrapped label, and every pixel of it taken from the width is lost from the
 * height (sigma fits a tall graph into the width less its padding, stretched by the aspect ratio).
 */
const UPRIGHT_PADDING = 60;

export const loadPath: ViewLoader = async (state, context) => {
  if (!state.from || !state.to) {
    return emptyView("Choose two patterns to find how they connect.", "Pick a start and an end in the Paths panel.");
  }
  if (state.types !== null && state.types.length === 0) {
    return emptyView("No link type is selected.", "Turn on at least one link type.");
  }
  const [{ domains }, result] = await Promise.all([
    context.library,
    context.api.paths(
    { from: state.from, to: state.to, types: state.types, directed: state.directed, k: state.k, maxLength: state.maxLength },
      context.signal,
    ),
  ]);
  const graph = createAtlasGraph();
  // A stage taller than wide (a phone held upright) gets the paths top to bottom, filling its height.
  const stage = context.viewport();
  const upright = stage.height - stage.bottom > stage.width - stage.left - stage.right;
  const positions = layoutPaths(result.paths, 1, upright ? uprightLaneGap(result, stage) : 0.55, upright);
  const titles = new Map(result.nodes.map((n) => [n.slug as string, n.title]));
  let finding: { id: string; kind: string; slug: string } | null = null;
  if (!result.paths.length) {
    // No path, so no nodes to name the two ends: ask for their titles (the panel and stage say them),
    // and for the Gaps view's finding about the smaller part an end is in, if any.
    const [ends, found] = await Promise.all([
      Promise.all([result.from, result.to, ...(result.components?.from.sample ?? []), ...(result.components?.to.sample ?? [])].map((slug) => context.api.pattern(slug, context.signal).catch(() => null))),
      separatedFinding(result, context),
    ]);
    for (const detail of ends) if (detail) titles.set(detail.pattern.slug, detail.pattern.title);
    finding = found;
  }
  const maxDegree = Math.max(1, ...result.nodes.map((n) => n.degree));
  const size = createSizeScale(maxDegree, [7, 14]);
  for (const node of result.nodes) {
    if (!positions.has(node.slug)) continue;
    const position = positions.get(node.slug)!;
    const attrs = nodeAttributes(node, domains, size, position);
    attrs.forceLabel = true;
    if (position.labelAbove) attrs.labelAbove = true;
    if (node.slug === result.from || node.slug === result.to) attrs.size = Math.max(attrs.size, 13);
    graph.addNode(node.slug, attrs);
  }
  const links = new Map<string, LinkView>();
  for (const path of result.paths) for (const link of path.links) links.set(linkKey(link), link);
  for (const [, link] of [...links].sort(([a], [b]) => a.localeCompare(b))) addLink(graph, link, 2.6);
  shapeParallelEdges(graph);
  return {
    graph,
    style: upright ? { ...PATH_STYLE, stagePadding: UPRIGHT_PADDING } : PATH_STYLE,
    info: { mode: "path", result, titles, finding },
    linkTypes: sortLinkTypes([...links.values()].map((l) => l.type)),
    focus: result.paths.length ? [result.from, result.to] : [],
  };
};


/**
 * The gap between two lanes (in layout units, a step being 1) on a stage taller than wide: the lanes
 * spread over the stage's width, as the path's length fills its height, so the patterns near the
 * start, where alternatives part, get room for their labels; never wider than a step.
 */
function uprightLaneGap(result: PathResult, stage: ReturnType<ViewContext["viewport"]>): number {
  const lanes = result.paths.length;
  if (lanes < 2) return 0.45;
  const span = Math.ceil((lanes - 1) / 2) + Math.floor((lanes - 1) / 2);
  const longest = Math.max(1, ...result.paths.map((p) => p.length));
  const width = stage.width - stage.left - stage.right;
  const height = stage.height - stage.bottom;
  // sigma draws a graph taller than the stage's aspect at most (width - 2 x padding) x aspect tall.
  const pixelsPerStep = (Math.max(80, width - 2 * UPRIGHT_PADDING) * (height / width)) / longest;
  return Math.max(0.45, Math.min(1, Math.max(80, width - 2 * UPRIGHT_PADDING) / span / pixelsPerStep));
}

/**
 * The orphan or island finding (Gaps view) about the end in the smaller connected part, when the two
 * ends are in different parts: that finding is why no path exists. null when there is none.
 */
async function separatedFinding(result: PathResult, context: ViewContext): Promise<{ id: string; kind: string; slug: string } | null> {
  const parts = result.components;
  if (!parts || parts.same) return null;
  const end = parts.to.size <= parts.from.size ? result.to : result.from;
  const size = end === result.to ? parts.to.size : parts.from.size;
  const kind = size === 1 ? "orphan" : "island";
  const answer = await context.api.gaps({ kind, pattern: end, limit: 1 }, context.signal).catch(() => null);
  const first = answer?.findings[0];
  return first ? { id: first.id, kind: first.kind, slug: end } : null;
}
