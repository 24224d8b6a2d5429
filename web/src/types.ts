// The JSON shapes the explorer receives, taken (as types only) from the domain model so the web
// app and the server cannot drift; plus the few shapes that exist only on the wire.
import type { NodeView, LinkView } from "../../graph/model.ts";

export type {
  Direction,
  KnownLinkType,
  LibraryStats,
  Lineage,
  LineageEdge,
  LineageNode,
  LinkEnd,
  LinkType,
  LinkView,
  NodeView,
  PathResult,
  PathView,
  PatternDetail,
  SearchHit,
  Subgraph,
  DanglingRef,
  Pattern,
} from "../../graph/model.ts";

/** A node of `GET /api/overview`: a NodeView placed by the server's ForceAtlas2 layout. */
export interface OverviewNode extends NodeView {
  x: number;
  y: number;
}

export interface OverviewPayload {
  nodes: OverviewNode[];
  links: LinkView[];
}

/** The error body every API failure has. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
