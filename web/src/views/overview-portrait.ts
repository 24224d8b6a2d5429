// The overview's picture shaped to a stage taller than wide (a phone held upright). sigma fits a graph's
// longer side to the stage's shorter one, so the server's layout, about as tall as wide (or wider), filled
// a band across a 390x844 phone's middle, under half its height. Here it is turned a quarter when it is
// wider than tall, then stretched upwards to the stage's shape (at most MAX_STRETCH times), as a
// neighbourhood's round layout is on a phone. Every position of the view (patterns, communities, their
// names) is shaped alike, so nothing else changes; a desktop's picture is left as the server made it.
import type { DecodedOverview, PlacedNode } from "../../../core/overview-wire.ts";

/** A stage is tall when it is at least this much taller than wide; a layout is turned when this much wider than tall. */
export const TALL_ASPECT = 1.2;
/** The most a picture is stretched upwards: a force layout's shape is not its meaning, but a factor past this starts to read as one. */
export const MAX_STRETCH = 2;

/** How positions are shaped: turned a quarter (clockwise on screen: sigma's y points up), then y multiplied by `stretch`. */
export interface PortraitShape {
  turn: boolean;
  stretch: number;
}

/** The shape for a layout of `points` on a stage of `viewport`'s size; null when it is drawn as it is (not a tall stage). */
export function portraitShape(viewport: { width: number; height: number }, points: readonly { x: number; y: number }[]): PortraitShape | null {
  if (!(viewport.width > 0) || viewport.height < viewport.width * TALL_ASPECT || points.length < 2) return null;
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { x, y } of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const [wide, high] = [maxX - minX, maxY - minY];
  if (!(wide > 0) || !(high > 0)) return null;
  const turn = wide >= high * TALL_ASPECT;
  const aspect = turn ? wide / high : high / wide;
  const stretch = Math.min(MAX_STRETCH, Math.max(1, viewport.height / viewport.width / aspect));
  return turn || stretch > 1.05 ? { turn, stretch } : null;
}

/** One position shaped. */
export function shapePoint<P extends { x: number; y: number }>(point: P, shape: PortraitShape): P {
  const [x, y] = shape.turn ? [point.y, -point.x] : [point.x, point.y];
  return { ...point, x, y: y * shape.stretch };
}

/** The overview with every position shaped (new objects: a decoded overview is shared between visits, whatever their stage). */
export function shapeOverview(overview: DecodedOverview, shape: PortraitShape | null): DecodedOverview {
  if (!shape) return overview;
  return {
    ...overview,
    nodes: overview.nodes.map((node): PlacedNode => shapePoint(node, shape)),
    regions: overview.regions.map((region) => shapePoint(region, shape)),
    communities: overview.communities.map((community) => shapePoint(community, shape)),
  };
}
