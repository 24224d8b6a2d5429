// PNG export through @sigma/export-image: a temporary sigma renders the same graph with the same
// settings and reducers (so fading, emphasis and labels match the screen) and the same camera, into
// a file of the chosen size at a chosen pixel ratio, on the theme's background or a transparent one;
// optionally with the SVG export's legend box (legend-box.ts), the graph then moved (and zoomed out
// as far as it must) clear of it, and each link's words (sigma's edge labels).
import { drawOnCanvas } from "@sigma/export-image";
import type { Attributes } from "graphology-types";
import type Sigma from "sigma";
import type { Settings } from "sigma/settings";
import type { CameraState } from "sigma/types";
import { themeColors, type Theme } from "../theme.ts";
import { LabelPlacer } from "../graph/label-placement.ts";
import { currentLabelPlacement, currentLabelPlacer, setLabelPlacer } from "../graph/labels.ts";
import type { EdgeAttrs, NodeAttrs } from "../graph/atlas-graph.ts";
import { cameraClearOf } from "../graph/camera-fit.ts";
import { nodeDots, type Dot } from "../graph/dots.ts";
import { offerRegionLabels, type RegionLabel } from "../graph/region-labels.ts";
import { canvasMeasure } from "./sigma-scene.ts";
import { holdEdgeLabels } from "./png-edge-labels.ts";
import { legendLayout, paintLegend, type Legend, type LegendLayout } from "./legend-box.ts";

export const PNG_PIXEL_RATIOS = [1, 2, 3, 4] as const;
export type PngPixelRatio = (typeof PNG_PIXEL_RATIOS)[number];

/** Bounds for one side of the file, in pixels (canvas and WebGL limits keep it well below 16k). */
export const PNG_LIMITS = { minSide: 16, maxSide: 8192 } as const;

export interface PngOptions {
  /** Size of the image file in pixels. */
  width: number;
  height: number;
  /**
   * Density: the graph is drawn as on a screen of width/ratio by height/ratio CSS pixels with that
   * device pixel ratio, so at 2 the labels and marks are twice as many pixels as at 1.
   */
  pixelRatio: PngPixelRatio;
  transparent: boolean;
  theme: Theme;
  /** What the colours mean, painted in the top left corner after the graph (the SVG export's box). */
  legend?: Legend | null;
  /** Words per edge key ("enables"), drawn by sigma along each link whose ends are labelled, where they overlap no other text (png-edge-labels.ts). */
  edgeLabels?: ReadonlyMap<string, string> | null;
}

/** A reason the options cannot be exported, or null when they can. */
export function checkPngOptions(options: Pick<PngOptions, "width" | "height" | "pixelRatio">): string | null {
  const { width, height, pixelRatio } = options;
  for (const [name, side] of [["Width", width], ["Height", height]] as const) {
    if (!Number.isInteger(side) || side < PNG_LIMITS.minSide || side > PNG_LIMITS.maxSide) {
      return `${name} must be a whole number of pixels from ${PNG_LIMITS.minSide} to ${PNG_LIMITS.maxSide}.`;
    }
  }
  if (!(PNG_PIXEL_RATIOS as readonly number[]).includes(pixelRatio)) return `Pixel ratio must be one of ${PNG_PIXEL_RATIOS.join(", ")}.`;
  if (Math.min(width, height) / pixelRatio < PNG_LIMITS.minSide) return `At ${pixelRatio}× the image would be drawn on fewer than ${PNG_LIMITS.minSide} pixels; choose a larger size or a smaller ratio.`;
  return null;
}

/**
 * Runs `draw` while `window.devicePixelRatio` reads `ratio`. sigma and export-image read the ratio
 * only while constructing the temporary renderer and its canvas, which drawOnCanvas does
 * synchronously, so the explorer's own renderer never sees the override.
 */
function withPixelRatio<T>(ratio: number, draw: () => T): T {
  const own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
  Object.defineProperty(window, "devicePixelRatio", { configurable: true, get: () => ratio });
  try {
    return draw();
  } finally {
    if (own) Object.defineProperty(window, "devicePixelRatio", own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

/**
 * When width / ratio is not a whole number the rendered canvas can come out a pixel short (the
 * canvas width attribute drops fractions); copy it onto a canvas of exactly the asked size.
 */
function exactSize(canvas: HTMLCanvasElement, width: number, height: number): HTMLCanvasElement {
  if (canvas.width === width && canvas.height === height) return canvas;
  const exact = document.createElement("canvas");
  exact.width = width;
  exact.height = height;
  exact.getContext("2d")?.drawImage(canvas, 0, 0, width, height);
  return exact;
}

/** The temporary renderer's settings for link words: the view's edge reducer, plus each link's words as its label. */
function edgeLabelSettings<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>, options: PngOptions): Partial<Settings> {
  const words = options.edgeLabels;
  if (!words?.size) return {};
  const reduce = sigma.getSetting("edgeReducer");
  const font = sigma.getSetting("labelFont");
  return {
    renderEdgeLabels: true,
    edgeLabelFont: font,
    edgeLabelWeight: "500",
    // The SVG export's size: two pixels under the node labels', at least 9.
    edgeLabelSize: Math.max(9, sigma.getSetting("labelSize") - 2),
    edgeReducer: (edge: string, data: Attributes) => {
      const reduced = reduce ? reduce(edge, data as E) : data;
      return { ...reduced, label: words.get(edge) ?? null };
    },
  } as Partial<Settings>;
}

/** Paints the legend box on the finished file, in CSS pixels scaled by the pixel ratio. */
function drawLegend(canvas: HTMLCanvasElement, options: PngOptions, layout: LegendLayout): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const colors = themeColors(options.theme);
  ctx.save();
  ctx.scale(options.pixelRatio, options.pixelRatio);
  paintLegend(ctx, layout, { box: colors.hoverBox, border: colors.hoverBorder, label: colors.label });
  ctx.restore();
}

/** A box in the image's CSS pixels. */
export interface PngBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** What an export drew, in the image's CSS pixels: the dots of its last render, and the legend's box. */
export interface PngDrawn {
  dots: Dot[];
  legend: PngBox | null;
}

/**
 * Moves the image's camera until no dot it shows lies under `box` (cameraClearOf). A move can bring
 * dots into the image that were outside it (a view zoomed in): they count from the next round on.
 */
function keepClearOf(renderer: Sigma<NodeAttrs, EdgeAttrs>, box: PngBox, size: { width: number; height: number }): void {
  const shown = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const dots = nodeDots(renderer);
    for (const d of dots) if (d.x + d.r > 0 && d.x - d.r < size.width && d.y + d.r > 0 && d.y - d.r < size.height) shown.add(d.key);
    const camera = cameraClearOf(renderer, dots.filter((d) => shown.has(d.key)), box, currentLabelPlacement());
    if (!camera) return;
    renderer.getCamera().setState(camera);
    // sigma's viewport conversions read the matrix of its last render.
    renderer.refresh({ skipIndexation: true });
  }
}

/**
 * Renders the current view into a PNG blob. With a legend, the graph is moved (zoomed out only as far
 * as it must) so that no dot lies under the legend's box, and no label is placed there. `drawn` is
 * told what the image drew (for tests).
 */
export async function exportPng<N extends Attributes, E extends Attributes>(
  sigma: Sigma<N, E>,
  options: PngOptions,
  regions: readonly RegionLabel[] = [],
  drawn?: (what: PngDrawn) => void,
): Promise<Blob> {
  const problem = checkPngOptions(options);
  if (problem) throw new Error(problem);
  const camera = sigma.getCamera().getState();
  // The image places its labels anew, with the view's rules: the screen's boxes say nothing about
  // the image's, and the image's last render is the one kept.
  const screen = currentLabelPlacer();
  const own = new LabelPlacer(screen?.options);
  const width = options.width / options.pixelRatio;
  const height = options.height / options.pixelRatio;
  const legend = options.legend?.rows.length ? legendLayout(options.legend, sigma.getSetting("labelFont"), { x: 0, y: 0 }, 1, canvasMeasure()) : null;
  const legendBox = legend ? { minX: legend.box.x, minY: legend.box.y, maxX: legend.box.x + legend.box.width, maxY: legend.box.y + legend.box.height } : null;
  setLabelPlacer(own);
  try {
    return await renderPng(sigma, options, camera, legend, (renderer) => {
      const atlas = renderer as unknown as Sigma<NodeAttrs, EdgeAttrs>;
      if (legendBox) keepClearOf(atlas, legendBox, { width, height });
      own.begin({ width, height });
      if (legendBox) own.reserve({ key: "legend", ...legendBox });
      // Link words wait for the node labels' places, so they can keep clear of them.
      const drawEdgeLabels = options.edgeLabels?.size ? holdEdgeLabels(renderer) : null;
      renderer.refresh();
      // The region names (an overview's communities), placed anew with the labels, ahead of them, as on screen.
      if (renderer.getSetting("renderLabels")) offerRegionLabels(renderer, own, regions, renderer.getSetting("labelFont"), () => true);
      const placed = own.place();
      drawEdgeLabels?.(placed);
      drawn?.({ dots: nodeDots(atlas), legend: legendBox });
    });
  } finally {
    setLabelPlacer(screen);
  }
}

async function renderPng<N extends Attributes, E extends Attributes>(
  sigma: Sigma<N, E>,
  options: PngOptions,
  camera: CameraState,
  legend: LegendLayout | null,
  lastRender: (renderer: Sigma) => void,
): Promise<Blob> {
  const canvas = await withPixelRatio(options.pixelRatio, () =>
    // export-image is typed for sigma's default attribute types; it only reads the graph generically.
    drawOnCanvas(sigma as unknown as Sigma, {
      // export-image sizes its canvas as width × ratio: a fractional CSS width still gives exactly
      // the file's pixels.
      width: options.width / options.pixelRatio,
      height: options.height / options.pixelRatio,
      cameraState: camera,
      backgroundColor: options.transparent ? "transparent" : themeColors(options.theme).background,
      // Every layer: the temporary renderer has no pointer, so its hover layers hold only what the
      // reducers mark as highlighted (the selection and the view's focus), as on screen.
      layers: null,
      sigmaSettings: edgeLabelSettings(sigma, options),
      withTempRenderer: (renderer: Sigma) => lastRender(renderer),
    }),
  );
  const exact = exactSize(canvas, options.width, options.height);
  if (legend) drawLegend(exact, options, legend);
  return new Promise<Blob>((resolve, reject) => {
    exact.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The browser could not encode the PNG."))), "image/png");
  });
}
