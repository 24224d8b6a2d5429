// The camera that fits a graph into the part of the stage floating panels leave uncovered, with the
// arithmetic of sigma 3's normalisation (matrixFromCamera and getCorrectionRatio in sigma/normalization),
// so the renderer can place the camera before sigma has drawn anything; and the smallest camera move
// that brings given points into that part, or clear of a box painted over the picture (an export's legend).
import type Sigma from "sigma";
import type { AtlasGraph } from "./atlas-graph.ts";
import type { LabelPlacement } from "./labels.ts";

export interface Extent {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The extent of the graph's node positions (graph coordinates). */
export function graphExtent(graph: AtlasGraph): Extent {
  const extent = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  graph.forEachNode((_node, a) => {
    extent.minX = Math.min(extent.minX, a.x);
    extent.maxX = Math.max(extent.maxX, a.x);
    extent.minY = Math.min(extent.minY, a.y);
    extent.maxY = Math.max(extent.maxY, a.y);
  });
  return extent;
}

/**
 * With nothing covered it is sigma's own fit (the identity camera); otherwise the graph's extent is
 * projected the way sigma does and zoomed out only as far as the uncovered rectangle needs, so a
 * graph that already fits is just moved. `covered`: pixels taken on each side (`top`: none unless given).
 */
export function fitCamera(
  stage: { width: number; height: number },
  extent: Extent,
  covered: { right: number; bottom: number; left: number; top?: number },
  padding: number,
): { x: number; y: number; ratio: number; angle: number } {
  const { width, height } = stage;
  const { right, bottom, left, top = 0 } = covered;
  if ((right <= 0 && bottom <= 0 && left <= 0 && top <= 0) || width <= 0 || height <= 0) return { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const graphWidth = extent.maxX - extent.minX || 1;
  const graphHeight = extent.maxY - extent.minY || 1;
  // Pixels per framed-graph unit at ratio 1, as sigma computes it.
  const unit = (Math.min(width, height) - 2 * padding) * correctionRatio(width, height, graphWidth, graphHeight);
  const longest = Math.max(graphWidth, graphHeight);
  const drawnWidth = (graphWidth / longest) * unit;
  const drawnHeight = (graphHeight / longest) * unit;
  const freeWidth = Math.max(40, width - right - left - 2 * padding);
  const freeHeight = Math.max(40, height - bottom - top - 2 * padding);
  const ratio = Math.max(1, drawnWidth / freeWidth, drawnHeight / freeHeight);
  // Put the graph's middle (framed 0.5, 0.5) in the middle of the uncovered rectangle; framed y points up.
  return { x: 0.5 + (((right - left) / 2) * ratio) / unit, y: 0.5 - (((bottom - top) / 2) * ratio) / unit, ratio, angle: 0 };
}

/** sigma 3's getCorrectionRatio: how much of the stage's longer side the graph's longer side may use. */
function correctionRatio(width: number, height: number, graphWidth: number, graphHeight: number): number {
  const viewportRatio = height / width;
  const graphRatio = graphHeight / graphWidth;
  if ((viewportRatio < 1 && graphRatio > 1) || (viewportRatio > 1 && graphRatio < 1)) return 1;
  return Math.min(Math.max(graphRatio, 1 / graphRatio), Math.max(1 / viewportRatio, viewportRatio));
}

/**
 * The camera that shows `points` (viewport pixels) and the labels beside them inside the stage less
 * `covered`, moving as little as it can: a pan, and a zoom out only when they do not fit as they are.
 * Null when they already lie inside.
 */
export function cameraShowing(
  sigma: Pick<Sigma, "getDimensions" | "viewportToFramedGraph" | "getCamera">,
  points: readonly { x: number; y: number }[],
  covered: { right: number; bottom: number; left: number; top?: number },
  placement: LabelPlacement,
): { x: number; y: number; ratio: number; angle: number } | null {
  const { width, height } = sigma.getDimensions();
  const margin = 24;
  const labelRoom = placement === "right" ? Math.min(180, width * 0.2) : 60;
  const free = { minX: covered.left + margin, maxX: width - covered.right - margin, minY: (covered.top ?? 0) + margin, maxY: height - covered.bottom - margin };
  if (free.maxX - free.minX < 80 || free.maxY - free.minY < 80) return null;
  const box = { ...free };
  for (const p of points) {
    box.minX = Math.min(box.minX, p.x - (placement === "right" ? 16 : labelRoom));
    box.maxX = Math.max(box.maxX, p.x + labelRoom);
    box.minY = Math.min(box.minY, p.y - 16);
    box.maxY = Math.max(box.maxY, p.y + 16);
  }
  if (box.minX >= free.minX && box.maxX <= free.maxX && box.minY >= free.minY && box.maxY <= free.maxY) return null;
  const scale = Math.max(1, (box.maxX - box.minX) / (free.maxX - free.minX), (box.maxY - box.minY) / (free.maxY - free.minY));
  // The camera is the framed point at the stage's centre; after zooming out by `scale`, a pixel
  // there is worth `scale` times the framed distance it is worth now.
  const at = (x: number, y: number) => sigma.viewportToFramedGraph({ x, y });
  const origin = at(0, 0);
  const perX = { x: at(1, 0).x - origin.x, y: at(1, 0).y - origin.y };
  const perY = { x: at(0, 1).x - origin.x, y: at(0, 1).y - origin.y };
  const middle = at((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
  const dx = (free.minX + free.maxX) / 2 - width / 2;
  const dy = (free.minY + free.maxY) / 2 - height / 2;
  const ratio = sigma.getCamera().getState().ratio;
  return { x: middle.x - (dx * perX.x + dy * perY.x) * scale, y: middle.y - (dx * perX.y + dy * perY.y) * scale, ratio: ratio * scale, angle: 0 };
}

/** A dot in viewport pixels: centre and radius. */
interface DotAt {
  x: number;
  y: number;
  r: number;
}

/**
 * The camera that keeps `dots` (viewport pixels) and the labels beside them clear of `box`, a legend
 * painted over the picture's top left corner: the smaller of two moves (cameraShowing), the dots right
 * of the box or below it, as an embed's legend takes a column or a band. Null when no dot is under it.
 */
export function cameraClearOf(
  sigma: Pick<Sigma, "getDimensions" | "viewportToFramedGraph" | "getCamera">,
  dots: readonly DotAt[],
  box: { minX: number; minY: number; maxX: number; maxY: number },
  placement: LabelPlacement,
  gap = 8,
): { x: number; y: number; ratio: number; angle: number } | null {
  const under = dots.some((d) => d.x + d.r + gap > box.minX && d.x - d.r - gap < box.maxX && d.y + d.r + gap > box.minY && d.y - d.r - gap < box.maxY);
  if (!under) return null;
  const beside = cameraShowing(sigma, dots, { right: 0, bottom: 0, left: box.maxX + gap }, placement);
  const below = cameraShowing(sigma, dots, { right: 0, bottom: 0, left: 0, top: box.maxY + gap }, placement);
  if (!beside || !below) return beside ?? below;
  return beside.ratio <= below.ratio ? beside : below;
}
