// The scene of a live sigma instance: every node and edge as sigma currently displays it (after the
// explorer's reducers: fading, emphasis, selection), projected with sigma's own camera matrix, with
// exactly the labels sigma drew. Browser only.
import type { Attributes } from "graphology-types";
import type Sigma from "sigma";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import { raisedLabel, type LabelPlacement } from "../graph/labels.ts";
import { themeColors, type Theme } from "../theme.ts";
import { composeScene, type SceneEdgeInput, type SceneNodeInput, type TalkScene } from "./scene.ts";

export interface SigmaSceneOptions {
  theme: Theme;
  /** Paint the theme's background (default) or leave the image transparent. */
  transparent?: boolean;
  title?: string;
  /** The view's label placement (ViewStyle.labelPlacement): sigma's label drawer does not expose it. */
  placement: LabelPlacement;
  /**
   * The labels actually drawn, read after the scene's render, when they are fewer than sigma offered
   * (a view with label collisions skips some), with the side each was drawn on: null or absent takes sigma's own list.
   */
  drawnLabels?: () => ReadonlyMap<string, number> | null;
}

/** Reads sigma's display caches (positions in framed-graph space) into a TalkScene. */
export function sceneFromSigma<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>, options: SigmaSceneOptions): TalkScene {
  // A style change (selection, emphasis) may have scheduled a redraw; until it runs, sigma's display
  // cache holds unprocessed data. Rendering now makes the cache match the screen.
  sigma.refresh();
  const graph = sigma.getGraph();
  const colors = themeColors(options.theme);
  const settings = sigma.getSettings();
  const nodes: SceneNodeInput[] = [];
  const stageWidth = sigma.getDimensions().width;
  graph.forEachNode((key) => {
    // Display data keeps the node's own attributes, labelAbove among them (see graph/labels.ts).
    const d = sigma.getNodeDisplayData(key) as (NodeDisplayData & { labelAbove?: boolean; shortLabel?: string; badge?: string }) | undefined;
    if (!d) return;
    // A boxed label goes where the screen drew it: on the side chosen so that it covers no other dot (graph/dots.ts).
    const at = d.highlighted && d.label && !d.hidden ? sigma.framedGraphToViewport(d) : null;
    const raised = at ? raisedLabel({ key, x: at.x, y: at.y, size: sigma.scaleSize(d.size), label: d.label!, labelAbove: d.labelAbove }, settings, stageWidth) : null;
    nodes.push({
      key,
      x: d.x,
      y: d.y,
      size: d.size,
      color: d.color,
      label: d.label,
      hidden: d.hidden,
      forceLabel: d.forceLabel,
      highlighted: d.highlighted,
      zIndex: d.zIndex,
      labelAbove: d.labelAbove === true,
      ...(d.shortLabel ? { shortLabel: d.shortLabel } : {}),
      ...(d.badge ? { badge: d.badge } : {}),
      ...(raised ? { raised } : {}),
    });
  });
  const edges: SceneEdgeInput[] = [];
  graph.forEachEdge((key, _attrs, source, target) => {
    const d = sigma.getEdgeDisplayData(key) as (EdgeDisplayData & { curvature?: number }) | undefined;
    if (!d) return;
    edges.push({ key, source, target, size: d.size, color: d.color, type: d.type, curvature: d.curvature, hidden: d.hidden, zIndex: d.zIndex });
  });
  const { width, height } = sigma.getDimensions();
  return composeScene(
    nodes,
    edges,
    { toViewport: (p) => sigma.framedGraphToViewport(p), scaleSize: (size) => sigma.scaleSize(size) },
    {
      width,
      height,
      title: options.title,
      colors: {
        background: options.transparent ? null : colors.background,
        label: colors.label,
        labelHalo: colors.labelHalo,
        accent: colors.accent,
        hoverBox: colors.hoverBox,
        hoverBorder: colors.hoverBorder,
      },
      labels: {
        visible: settings.renderLabels,
        font: settings.labelFont,
        size: settings.labelSize,
        weight: settings.labelWeight,
        placement: options.placement,
        threshold: settings.labelRenderedSizeThreshold,
      },
      displayedLabels: sigma.getNodeDisplayedLabels(),
      drawnLabels: options.drawnLabels?.() ?? undefined,
    },
  );
}

/** Canvas text measurement for the SVG's label boxes, so they fit the text as on screen. */
export function canvasMeasure(): (text: string, font: string) => number {
  const context = document.createElement("canvas").getContext("2d");
  return (text, font) => {
    if (!context) return text.length * 7;
    context.font = font;
    return context.measureText(text).width;
  };
}
