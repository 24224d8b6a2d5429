// The overview's question: the whole library as a store gives it. How `GET /api/overview` sends it
// (columns in parts, placed by the server's ForceAtlas2 layout) is core/overview-wire.ts.
import type { LinkView, NodeView } from "./answers.ts";

/** The whole library for the overview: every pattern and every resolved link. */
export interface OverviewGraph {
  nodes: NodeView[];
  links: LinkView[];
}
