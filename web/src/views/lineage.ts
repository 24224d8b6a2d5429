// Lineage of a pattern as a layered tree: ancestors above, descendants below, one band per
// level and never wrapped. A band wider than the screen shows its most relevant patterns and
// "+N more" group nodes that page through the rest; a collapsed pattern hides its descendants.
import { createAtlasGraph, nodeAttributes } from "../graph/atlas-graph.ts";
import { wrapLabel } from "../graph/labels.ts";
import { createSizeScale, linkTypeColor, mix } from "../graph/palette.ts";
import { DEFAULT_STYLE, type ViewStyle } from "../graph/view-style.ts";
import { placeLineage, packedSpan, type BandInput } from "../layout/lineage-elk.ts";
import { countDescendants, groupNoun, planLineage, reveal, type LineagePlan, type PlanOptions } from "../layout/lineage-plan.ts";
import type { AppState } from "../state/app-state.ts";
import { themeColors } from "../theme.ts";
import type { Lineage } from "../types.ts";
import type { ViewLoader } from "./view.ts";
import { emptyView } from "./neighborhood.ts";
import { outlineWidth } from "./lineage-outline.ts";

const LABEL_SIZE = 13;
/** Room between two label boxes of a band, px. */
const LABEL_GAP = 14;
/**
 * Room around the fitted tree: half the widest wrapped label in its raised box (a selected pattern's,
 * bolder and padded) plus a margin, so end labels stay on screen and clear of the outline.
 */
const STAGE_PADDING = 100;
/**
 * On a phone (a stage under 600 px wide) half a wrapped label in its raised box is about 72 px: more
 * padding would take the width two patterns a band need, and (sigma fits a tall graph into the width
 * less its padding, stretched by the aspect ratio) the height the bands need too.
 */
const PHONE_STAGE_PADDING = 72;

/** The padding the lineage is fitted with on a stage `width` pixels wide. */
export const lineagePadding = (width: number): number => (width > 0 && width < 600 ? PHONE_STAGE_PADDING : STAGE_PADDING);
/** Bands are this far apart at least (two label lines under a node) and at most (a short family). */
const BAND_HEIGHT = { min: 78, max: 130 } as const;

export const LINEAGE_STYLE: ViewStyle = {
  ...DEFAULT_STYLE,
  labelThreshold: 0,
  labelDensity: 3,
  labelGridCellSize: 40,
  labelSize: LABEL_SIZE,
  edgeEvents: true,
  labelPlacement: "below",
  stagePadding: STAGE_PADDING,
  labelsClearOfDots: true,
};

/** Colour of a lineage edge declared on both ends; one-sided declarations are drawn paler. */
export const LINEAGE_COLOR = linkTypeColor("generalizes_from");

/** Group node ids: `more:<level>:after` and `more:<level>:before`. */
export const groupId = (level: number, side: "before" | "after"): string => `more:${level}:${side}`;
export function parseGroupId(id: string): { level: number; side: "before" | "after" } | null {
  const match = /^more:(-?\d+):(before|after)$/.exec(id);
  return match ? { level: Number(match[1]), side: match[2] as "before" | "after" } : null;
}

/**
 * "+128 more children"; a longer noun goes on its own second line ("+28 more" over
 * "great-grandchildren"), so every band's "more" says what it holds.
 */
export const groupLabel = (count: number, level: number, side: "before" | "after"): string => {
  if (side === "before") return `‹ ${count} before`;
  const noun = groupNoun(level);
  return noun.length <= 13 ? `+${count} more ${noun}` : `+${count} more\n${noun}`;
};

let measureContext: CanvasRenderingContext2D | null = null;
/** Width (px) of a label as labels.ts draws it below a node: wrapped (wrapLabel), with its halo. */
export function labelWidth(label: string): number {
  measureContext ??= document.createElement("canvas").getContext("2d");
  if (!measureContext) return label.length * 7.5;
  const family = getComputedStyle(document.documentElement).getPropertyValue("--font-sans").trim() || "system-ui, sans-serif";
  measureContext.font = `500 ${LABEL_SIZE}px ${family}`;
  return Math.ceil(Math.max(...wrapLabel(label).map((line) => measureContext!.measureText(line).width))) + 6;
}

/** The lineage's plan for a screen: how wide a band may be decides how many patterns each page holds. */
export function planFor(lineage: Lineage, state: Pick<AppState, "lineageCollapsed" | "lineagePages">, budget: number, titleWidth: (slug: string) => number): { plan: LineagePlan; options: PlanOptions } {
  // One band per level: the server's level, a pattern's nearest distance from the root. A
  // pattern that is also reached by a longer chain is still drawn with its level; the link
  // from its farther parent then runs up or along the band (the plan and ELK only follow links down).
  const levels = new Map(lineage.nodes.map((n) => [n.slug as string, n.level]));
  const options: PlanOptions = {
    levels,
    collapsed: new Set(state.lineageCollapsed),
    pages: new Map(state.lineagePages),
    fits: (slugs, groups) => {
      const level = levels.get(slugs[0]!) ?? 1;
      const widths = slugs.map(titleWidth);
      if (groups.before > 0) widths.unshift(labelWidth(groupLabel(groups.before, level, "before")));
      if (groups.after > 0) widths.push(labelWidth(groupLabel(groups.after, level, "after")));
      return packedSpan(widths, LABEL_GAP) <= budget;
    },
  };
  return { plan: planLineage(lineage, options), options };
}

export const loadLineage: ViewLoader = async (state, context) => {
  if (!state.focus) {
    return emptyView("Pick a pattern to see its lineage.", "Press / to search, or open a pattern's panel and choose Lineage.");
  }
  const [lineage, { domains }] = await Promise.all([context.api.lineage(state.focus, state.lineageDepth, context.signal), context.library]);
  const title = new Map(lineage.nodes.map((n) => [n.slug as string, n.title || n.slug]));
  const descendantsTotal = lineage.nodes.filter((n) => n.level > 0).length;
  const screen = context.viewport();
  const outline = screen.outline ?? outlineWidth(descendantsTotal, screen.width);
  // sigma fits a graph into the shorter side less its padding, stretched by at most the stage's
  // aspect ratio (see fitCamera in renderer.ts): the room a fit really gives can be less than the stage.
  const padding = screen.padding ?? lineagePadding(screen.width);
  const framed = (Math.min(screen.width, screen.height) - 2 * padding) * Math.max(screen.width / screen.height, screen.height / screen.width);
  const width = Math.max(160, Math.min(framed, screen.width - screen.left - screen.right - outline - 2 * padding));
  const height = Math.max(120, Math.min(framed, screen.height - screen.bottom - 2 * padding));
  const widths = new Map<string, number>();
  const widthOf = (id: string) => widths.get(id) ?? widths.set(id, labelWidth(displayLabel(id))).get(id)!;
  // A folded pattern says how many descendants it hides: "Title (+12)".
  const below = countDescendants(lineage, new Map(lineage.nodes.map((n) => [n.slug as string, n.level])));
  let hidden = new Map(state.lineageCollapsed.map((slug) => [slug, below.get(slug) ?? 0]));
  const displayLabel = (id: string) => {
    const n = hidden.get(id);
    return `${title.get(id) ?? id}${n ? ` (+${n})` : ""}`;
  };
  let { plan, options } = planFor(lineage, state, width, widthOf);
  // The selected pattern is always on the tree: its band turns to its page (the details panel may
  // have narrowed the bands since the outline asked for it).
  if (state.selected && !plan.shown.has(state.selected)) {
    const found = reveal(lineage, options, state.selected);
    if (found) ({ plan, options } = planFor(lineage, { lineageCollapsed: found.collapsed, lineagePages: [...found.pages] }, width, widthOf));
  }
  if (options.collapsed.size !== hidden.size) {
    hidden = new Map([...options.collapsed].map((slug) => [slug, below.get(slug) ?? 0]));
    widths.clear();
  }

  // Bands close enough to fit the height; if they cannot, every x grows by the same factor as the
  // fit will shrink the tree, so label boxes keep their room on screen.
  const bandsCount = plan.bands.length;
  const bandHeight = bandsCount > 1 ? Math.min(BAND_HEIGHT.max, Math.max(BAND_HEIGHT.min, height / (bandsCount - 1))) : BAND_HEIGHT.max;
  const shrink = bandsCount > 1 ? Math.min(1, height / ((bandsCount - 1) * bandHeight)) : 1;
  const groupLabels = new Map<string, string>();
  const bands: BandInput[] = plan.bands.map((band) => {
    const input: BandInput = { level: band.level, slugs: band.shown };
    if (band.before > 0) {
      input.before = groupId(band.level, "before");
      groupLabels.set(input.before, groupLabel(band.before, band.level, "before"));
    }
    if (band.after > 0) {
      input.after = groupId(band.level, "after");
      groupLabels.set(input.after, groupLabel(band.after, band.level, "after"));
    }
    return input;
  });
  const positions = await placeLineage(bands, lineage.edges, {
    widthOf: (id) => (groupLabels.has(id) ? labelWidth(groupLabels.get(id)!) : widthOf(id)) / shrink,
    gap: LABEL_GAP / shrink,
    bandHeight,
    budget: width / shrink,
  });

  const graph = createAtlasGraph();
  const maxDegree = Math.max(1, ...lineage.nodes.map((n) => n.degree));
  const size = createSizeScale(maxDegree, [7, 15]);
  for (const node of lineage.nodes) {
    if (!plan.shown.has(node.slug)) continue;
    const attrs = nodeAttributes(node, domains, size, positions.get(node.slug) ?? { x: 0, y: 0 });
    attrs.label = displayLabel(node.slug);
    attrs.distance = plan.levels.get(node.slug) ?? node.level;
    // The plan leaves room for every label, so all are drawn (sigma's grid would drop some).
    attrs.forceLabel = true;
    if (node.slug === lineage.root) attrs.size = Math.max(attrs.size, 14);
    graph.addNode(node.slug, attrs);
  }
  const colors = themeColors();
  for (const [id, label] of groupLabels) {
    const at = positions.get(id)!;
    // Where the whole label finds no room (the lowest band's last node beside the zoom buttons), its count alone: "+17 more".
    const short = /^\+\d+ more/.exec(label)?.[0];
    graph.addNode(id, { label, ...(short && short !== label ? { shortLabel: short } : {}), title: label.replace("\n", " "), x: at.x, y: at.y, size: 8, color: colors.danglingNode, degree: 0, forceLabel: true, lineageGroup: true, distance: parseGroupId(id)!.level });
  }
  const pale = mix(LINEAGE_COLOR, colors.background, 0.55);
  for (const edge of lineage.edges) {
    const id = `${edge.parent}>${edge.child}`;
    if (!graph.hasNode(edge.parent) || !graph.hasNode(edge.child) || graph.hasEdge(id)) continue;
    const both = edge.declaredAs.length > 1;
    graph.addDirectedEdgeWithKey(id, edge.parent, edge.child, {
      id,
      linkType: edge.declaredAs.length === 1 ? edge.declaredAs[0]! : "lineage",
      type: "arrow",
      color: both ? LINEAGE_COLOR : pale,
      size: both ? 2.4 : 1.8,
      directed: true,
      declaredBoth: both,
    });
  }
  return {
    graph,
    style: padding === STAGE_PADDING ? LINEAGE_STYLE : { ...LINEAGE_STYLE, stagePadding: padding },
    info: {
      mode: "lineage",
      lineage,
      title: title.get(lineage.root) ?? lineage.root,
      plan,
      reveal: (slug) => {
        const found = reveal(lineage, options, slug);
        return found ? { collapsed: found.collapsed, pages: [...found.pages] } : null;
      },
    },
    linkTypes: [],
    focus: [lineage.root],
    clickNode: (id) => {
      const group = parseGroupId(id);
      if (!group) return false;
      const band = plan.bands.find((b) => b.level === group.level);
      if (band) context.actions.setBandPage(group.level, group.side === "after" ? band.page + 1 : band.page - 1);
      return true;
    },
  };
};
