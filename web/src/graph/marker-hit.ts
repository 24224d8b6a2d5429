// The hit area of an opened community's marker (overview of a large library, views/overview-levels.ts).
// The marker is a 5 px dot at the community's centre, where its own patterns lie thickest, and sigma
// picks the node drawn on top at the pointer: on a phone at 10x a tap on the marker selected one of
// the patterns drawn over it, and the community could not be closed by a tap. A click or tap within
// MARKER_HIT_PX of a marker's centre is the marker's, whatever sigma picked there.
import type Sigma from "sigma";
import type { AtlasGraph, EdgeAttrs, NodeAttrs } from "./atlas-graph.ts";

/** The marker's hit radius in screen pixels: a 36 px target, about a fingertip. */
export const MARKER_HIT_PX = 18;

/** The opened community marker whose hit area holds `point` (viewport pixels), the nearest if several; else null. */
export function openMarkerAt(sigma: Sigma<NodeAttrs, EdgeAttrs>, graph: AtlasGraph, point: { x: number; y: number }): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  graph.forEachNode((node, attrs) => {
    if (attrs.aggregate !== "open" || attrs.hidden) return;
    // From the graph's own coordinates, as the explorer places popovers (GraphRenderer.nodeViewportPosition):
    // sigma's display data of a node added since its last frame can still be in another frame's units.
    const at = sigma.graphToViewport({ x: attrs.x, y: attrs.y });
    const distance = Math.hypot(at.x - point.x, at.y - point.y);
    const reach = Math.max(MARKER_HIT_PX, sigma.scaleSize(attrs.size));
    if (distance <= reach && distance < bestDistance) {
      best = node;
      bestDistance = distance;
    }
  });
  return best;
}
