// Web worker running a fixed number of ForceAtlas2 iterations on a small graph, so neighbourhood
// layouts never block the page and always come out the same for the same input (no randomness).
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { LayoutRequest, LayoutResponse } from "./layout-protocol.ts";

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const request = event.data;
  const started = performance.now();
  const graph = new Graph({ multi: true, type: "mixed" });
  request.nodes.forEach((node) => graph.addNode(node.key, { x: node.x, y: node.y, size: node.size, fixed: node.fixed }));
  for (const [source, target, weight] of request.edges) {
    if (graph.hasNode(source) && graph.hasNode(target) && source !== target) graph.addEdge(source, target, { weight });
  }
  const inferred = forceAtlas2.inferSettings(graph);
  forceAtlas2.assign(graph, {
    iterations: request.iterations,
    getEdgeWeight: "weight",
    settings: {
      ...inferred,
      barnesHutOptimize: graph.order > 400,
      gravity: 0.6,
      scalingRatio: 12,
      slowDown: 2,
      linLogMode: false,
      adjustSizes: false,
    },
  });
  const positions = new Float64Array(request.nodes.length * 2);
  request.nodes.forEach((node, i) => {
    const attrs = graph.getNodeAttributes(node.key);
    positions[i * 2] = attrs.x as number;
    positions[i * 2 + 1] = attrs.y as number;
  });
  const response: LayoutResponse = { id: request.id, positions, millis: performance.now() - started };
  (self as unknown as Worker).postMessage(response, [positions.buffer]);
};
