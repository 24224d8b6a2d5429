// Messages between the page and the ForceAtlas2 layout worker (force-layout.worker.ts).

export interface LayoutRequest {
  id: number;
  nodes: { key: string; x: number; y: number; size: number; fixed: boolean }[];
  /** [source, target, weight] */
  edges: [string, string, number][];
  iterations: number;
}

export interface LayoutResponse {
  id: number;
  /** x0, y0, x1, y1, ... in the order of `LayoutRequest.nodes`. */
  positions: Float64Array;
  millis: number;
}
