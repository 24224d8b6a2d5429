// A lineage tree presented on a wide stage: its bands were spaced for the explorer's stage (beside
// the outline and the details panel), so fitted above the caption bar it used a third of a slide's
// width while its labels crowded each other out. Its patterns are spread sideways for the talk, at
// most WIDEST times, and put back when it ends.
import type { AtlasGraph } from "../graph/atlas-graph.ts";

/** How much wider a presented tree may be drawn than laid out. */
const WIDEST = 2.2;

/**
 * Spreads the graph's nodes sideways about its middle so its shape comes nearer the stage's
 * (`stage`: the width and height it is fitted into); returns what puts them back (a no-op where the
 * tree is already as wide as the stage). Pure but for the graph's x attributes.
 */
export function widenTree(graph: AtlasGraph, stage: { width: number; height: number }): () => void {
  const xs = graph.mapNodes((_key, a) => a.x);
  const ys = graph.mapNodes((_key, a) => a.y);
  if (xs.length < 2) return () => {};
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const width = maxX - minX;
  const height = maxY - minY;
  if (!(width > 0) || !(height > 0) || !(stage.width > 0) || !(stage.height > 0)) return () => {};
  const factor = Math.min(WIDEST, stage.width / stage.height / (width / height));
  if (factor < 1.1) return () => {};
  const middle = (minX + maxX) / 2;
  const before = new Map(graph.mapNodes((key, a) => [key, a.x] as const));
  graph.updateEachNodeAttributes((_key, a) => ({ ...a, x: middle + (a.x - middle) * factor }), { attributes: ["x"] });
  return () => {
    for (const [key, x] of before) if (graph.hasNode(key)) graph.setNodeAttribute(key, "x", x);
  };
}
