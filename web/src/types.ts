// The JSON shapes the explorer receives, taken (as types only) from the domain model so the web
// app and the server cannot drift; plus the few shapes that exist only on the wire.
import type { NodeView, LinkView } from "../../graph/model.ts";
import type { GapCounts, GapFinding, GapKind } from "../../graph/gap-analysis.ts";

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

export type { GapCandidate, GapCounts, GapEdit, GapFinding, GapKind, GapLink } from "../../graph/gap-analysis.ts";

/** Title, domain and file of a pattern a page of findings mentions (`GET /api/gaps` → `patterns`). */
export interface GapPatternInfo {
  title: string;
  domain?: string;
  file: string;
}

/** The body of `GET /api/gaps` (server/routes/gaps.ts), as the explorer reads it. */
export interface GapsPayload {
  version: number;
  filter: { kinds: GapKind[]; domain?: string; pattern?: string };
  /** Per kind, the whole library. */
  counts: GapCounts;
  /** Per kind under the domain and pattern filters (the kind filter not applied). */
  filteredCounts: GapCounts;
  /** Findings matching every filter, before paging. */
  total: number;
  offset: number;
  limit: number;
  findings: GapFinding[];
  patterns: Record<string, GapPatternInfo>;
  kinds: { kind: GapKind; label: string; description: string }[];
  domains: string[];
}
