// The projection of sigma 3 (its normalisation and camera matrix, utils/normalization.ts and
// utils/matrices.ts), so a Node process frames a graph exactly as the browser did: the scene's maths.

/** sigma's camera state; `angle` is always 0 in the explorer but kept for fidelity. */
export interface CameraState {
  x: number;
  y: number;
  ratio: number;
  angle?: number;
}

export interface BBox {
  x: [number, number];
  y: [number, number];
}

export interface Point {
  x: number;
  y: number;
}

/** Graph or framed-graph coordinates -> viewport pixels, and node/edge sizes -> pixels. */
export interface Projection {
  toViewport(point: Point): Point;
  scaleSize(size: number): number;
}

/** The extent of node positions, as sigma's `graphExtent` computes it ([0,1] for an empty graph). */
export function graphExtent(points: Iterable<Point>): BBox {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const { x, y } of points) {
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  if (xMin === Infinity) return { x: [0, 1], y: [0, 1] };
  return { x: [xMin, xMax], y: [yMin, yMax] };
}

function correctionRatio(viewport: { width: number; height: number }, graph: { width: number; height: number }): number {
  const viewportRatio = viewport.height / viewport.width;
  const graphRatio = graph.height / graph.width;
  if ((viewportRatio < 1 && graphRatio > 1) || (viewportRatio > 1 && graphRatio < 1)) return 1;
  return Math.min(Math.max(graphRatio, 1 / graphRatio), Math.max(1 / viewportRatio, viewportRatio));
}

/**
 * The projection sigma uses for graph coordinates `extent`, a camera, a canvas size and the stage
 * padding: normalise into [0,1], translate by the camera, zoom, rotate, fit the smaller side.
 */
export function createProjection(
  extent: BBox,
  camera: CameraState,
  viewport: { width: number; height: number; padding: number },
): Projection {
  const [minX, maxX] = extent.x;
  const [minY, maxY] = extent.y;
  let span = Math.max(maxX - minX, maxY - minY);
  if (span === 0 || !Number.isFinite(span)) span = 1;
  const dX = (maxX + minX) / 2 || 0;
  const dY = (maxY + minY) / 2 || 0;
  const graphDims = { width: maxX - minX || 1, height: maxY - minY || 1 };
  const { width, height, padding } = viewport;
  const smallest = Math.min(width, height) - 2 * padding;
  const correction = correctionRatio(viewport, graphDims);
  const sx = 2 * (smallest / width) * correction;
  const sy = 2 * (smallest / height) * correction;
  const angle = camera.angle ?? 0;
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  return {
    toViewport({ x, y }) {
      const nx = 0.5 + (x - dX) / span;
      const ny = 0.5 + (y - dY) / span;
      const tx = (nx - camera.x) / camera.ratio;
      const ty = (ny - camera.y) / camera.ratio;
      const rx = tx * cos - ty * sin;
      const ry = tx * sin + ty * cos;
      return { x: ((1 + rx * sx) * width) / 2, y: ((1 - ry * sy) * height) / 2 };
    },
    // Default settings: itemSizesReference "screen", zoomToSizeRatioFunction Math.sqrt.
    scaleSize: (size) => size / Math.sqrt(camera.ratio),
  };
}
