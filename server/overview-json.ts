// The overview answer's content: its fingerprint (the ETag) and its JSON with the layout. Pure, so
// that the overview thread (overview-thread-worker.ts) and, without that thread, the server's own
// thread make the same answer.
import { createHash } from "node:crypto";
import type { OverviewGraph, OverviewResponse } from "../core/overview.ts";
import { computeOverviewLayout, type LayoutOptions } from "../graph/layout.ts";

/** The quoted strong ETag of an overview: a content hash of everything it is made of (any field a store adds included). */
export function overviewEtag(overview: OverviewGraph): string {
  return `"${createHash("sha1").update(JSON.stringify(overview)).digest("base64url")}"`;
}

/** The overview laid out (ForceAtlas2, graph/layout.ts) and serialised as the route sends it. */
export function overviewJson(overview: OverviewGraph, layoutOptions: LayoutOptions): { json: string; layoutMs: number } {
  const layout = computeOverviewLayout(overview, layoutOptions);
  const response: OverviewResponse = {
    nodes: overview.nodes.map((node) => ({ ...node, ...(layout.positions.get(node.slug) ?? { x: 0, y: 0 }) })),
    links: overview.links,
    layout: {
      algorithm: "forceatlas2",
      iterations: layout.iterations,
      barnesHut: layout.barnesHut,
      ms: Math.round(layout.ms),
    },
  };
  return { json: JSON.stringify(response), layoutMs: layout.ms };
}
