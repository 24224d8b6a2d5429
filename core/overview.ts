// The overview's question and answer: the whole library as a store gives it, and as `GET /api/overview`
// sends it, each node placed by the server's ForceAtlas2 layout.
import type { LinkView, NodeView } from "./answers.ts";

/** The whole library for the overview: every pattern and every resolved link. */
export interface OverviewGraph {
  nodes: NodeView[];
  links: LinkView[];
}

/** A node of `GET /api/overview`: a NodeView placed by the layout. */
export interface OverviewNode extends NodeView {
  x: number;
  y: number;
}

/** The body of `GET /api/overview`. */
export interface OverviewResponse {
  nodes: OverviewNode[];
  links: LinkView[];
  layout: { algorithm: "forceatlas2"; iterations: number; barnesHut: boolean; ms: number };
}
