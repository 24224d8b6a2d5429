// The camera that fits a graph into the part of the stage floating panels leave uncovered, with the
// arithmetic of sigma 3's normalisation (matrixFromCamera and getCorrectionRatio in sigma/normalization),
// so the renderer can place the camera before sigma has drawn anything.
import type { AtlasGraph } from "./atlas-graph.ts";

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
 * graph that already fits is just moved. `covered`: pixels taken on each side.
 */
export function fitCamera(
  stage: { width: number; height: number },
  extent: Extent,
  covered: { right: number; bottom: number; left: number },
  padding: number,
): { x: number; y: number; ratio: number; angle: number } {
  const { width, height } = stage;
  const { right, bottom, left } = covered;
  if ((right <= 0 && bottom <= 0 && left <= 0) || width <= 0 || height <= 0) return { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const graphWidth = extent.maxX - extent.minX || 1;
  const graphHeight = extent.maxY - extent.minY || 1;
  // Pixels per framed-graph unit at ratio 1, as sigma computes it.
  const unit = (Math.min(width, height) - 2 * padding) * correctionRatio(width, height, graphWidth, graphHeight);
  const longest = Math.max(graphWidth, graphHeight);
  const drawnWidth = (graphWidth / longest) * unit;
  const drawnHeight = (graphHeight / longest) * unit;
  const freeWidth = Math.max(40, width - right - left - 2 * padding);
  const freeHeight = Math.max(40, height - bottom - 2 * padding);
  const ratio = Math.max(1, drawnWidth / freeWidth, drawnHeight / freeHeight);
  // Put the graph's middle (framed 0.5, 0.5) in the middle of the uncovered rectangle; framed y points up.
  return { x: 0.5 + (((right - left) / 2) * ratio) / unit, y: 0.5 - ((bottom / 2) * ratio) / unit, ratio, angle: 0 };
}

/** sigma 3's getCorrectionRatio: how much of the stage's longer side the graph's longer side may use. */
function correctionRatio(width: number, height: number, graphWidth: number, graphHeight: number): number {
  const viewportRatio = height / width;
  const graphRatio = graphHeight / graphWidth;
  if ((viewportRatio < 1 && graphRatio > 1) || (viewportRatio > 1 && graphRatio < 1)) return 1;
  return Math.min(Math.max(graphRatio, 1 / graphRatio), Math.max(1 / viewportRatio, viewportRatio));
}
