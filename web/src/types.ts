// The JSON shapes the explorer receives, taken (as types only) from the domain model so the web
// app and the server cannot drift; plus the few shapes that exist only on the wire.
import type { GapsGroupsResponse, GapsResponse } from "../../core/gaps.ts";

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
  NeighborhoodGroup,
} from "../../core/model.ts";
export type { ErrorBody } from "../../core/errors.ts";

/** One part of `GET /api/overview` (columns; read with decodeOverview of core/overview-wire.ts). */
export type { OverviewWire } from "../../core/overview-wire.ts";

export type { GapCandidate, GapCounts, GapEdit, GapFinding, GapKind, GapLink, GapPatternInfo } from "../../core/gaps.ts";

/** Title, domain and file of a pattern a page of findings mentions (`GET /api/gaps` → `patterns`). */
/** The body of `GET /api/gaps`, as the explorer reads it. */
export type GapsPayload = GapsResponse;
/** The body of `GET /api/gaps?groupBy=...`. */
export type GapsGroupsPayload = GapsGroupsResponse;
export type { GapGroup, GapsPatchResponse, GapsWriteAccess } from "../../core/gaps.ts";
