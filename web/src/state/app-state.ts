// The explorer's whole view state in one plain object: everything that makes a view shareable
// lives here and round-trips through the URL (see url-state.ts); nothing else decides what is drawn.
import type { Direction } from "../types.ts";
import { QUERY_LIMITS } from "../../../core/query-limits.ts";
import type { ViewMode } from "../../../core/explorer-url.ts";

/** The explorer's views (core/explorer-url.ts, where the server reads them too). */

export const VIEW_LABELS: Record<ViewMode, string> = {
  overview: "Overview",
  neighborhood: "Neighbourhood",
  lineage: "Lineage",
  path: "Paths",
  gaps: "Gaps",
};

export const DIRECTION_CHOICES = ["both", "out", "in"] as const satisfies readonly Direction[];

/** What the explorer offers: what the API allows (QUERY_LIMITS), except lineage: at most 8 levels each way (the `ldepth` of docs/explorer.md). */
export const DEPTH_RANGE = QUERY_LIMITS.neighborhoodDepth;
export const LINEAGE_DEPTH_RANGE = { min: QUERY_LIMITS.lineageDepth.min, max: 8 } as const;
export const K_RANGE = QUERY_LIMITS.pathsK;
export const MAX_LENGTH_RANGE = QUERY_LIMITS.pathsMaxLength;

/** What the Gaps view can group by, and how it lists decided findings (the API's groupBy and decided). */
import type { DecidedMode, GapGroupBy } from "../../../core/gaps.ts";

/** Findings per page of the Gaps view's list. */
export const GAPS_PAGE_SIZE = 25;

/** Node cap per neighbourhood request by default: beyond this it is a hairball, and the server says what it cut. */
export const NEIGHBORHOOD_LIMIT = 300;
/** The caps a reader can raise the limit to, in turn, up to what the server allows. */
export const NEIGHBORHOOD_LIMIT_STEPS = [300, 1000, 3000, QUERY_LIMITS.neighborhoodLimit.max] as const;
/** Members of a left-out group added per opening. */
export const GROUP_PAGE_SIZE = 60;

/** Camera in sigma's normalised coordinates: stable for a given graph and layout. */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

/** Whether two cameras are the same, up to what a round trip through the URL changes. */
export function sameCamera(a: CameraView | null, b: CameraView | null): boolean {
  if (!a || !b) return a === b;
  return Math.abs(a.x - b.x) < 1e-4 && Math.abs(a.y - b.y) < 1e-4 && Math.abs(a.ratio - b.ratio) / b.ratio < 1e-3;
}

/** Whether `b` is `a` with at most its camera moved (every other field the same value or the same array). */
export function onlyCameraMoved(a: AppState, b: AppState): boolean {
  for (const key of Object.keys(b) as (keyof AppState)[]) if (key !== "camera" && a[key] !== b[key]) return false;
  return true;
}

export interface AppState {
  mode: ViewMode;
  /** Centre of the neighbourhood, root of the lineage. */
  focus: string | null;
  /** The pattern shown in the side panel (and highlighted in the graph). */
  selected: string | null;
  depth: number;
  lineageDepth: number;
  /** Lineage view: patterns whose descendants are folded away. */
  lineageCollapsed: string[];
  /** Lineage view: the page shown of each band wider than the screen, as [level, page] (0-based); absent = first page. */
  lineagePages: [number, number][];
  /** Link types to follow; null means every type. */
  types: string[] | null;
  direction: Direction;
  /** Patterns whose neighbours were added in place by double-click (neighbourhood view). */
  expanded: string[];
  /** Neighbourhood view: how many of the most relevant patterns to keep. */
  limit: number;
  /** Neighbourhood view: left-out groups (their keys) opened in place. */
  openGroups: string[];
  from: string | null;
  to: string | null;
  k: number;
  maxLength: number;
  directed: boolean;
  /** Which of the listed paths is emphasised; null highlights all of them. */
  pathIndex: number | null;
  /** Gaps view: the kind of finding listed (null: every kind), the domain and pattern filters. */
  gapKind: string | null;
  gapDomain: string | null;
  gapPattern: string | null;
  /** Gaps view: 0-based page of the findings list (of the groups, when grouped). */
  gapPage: number;
  /** Gaps view: list groups of findings by this key (target, file, pattern, kind); null lists findings. */
  gapGroupBy: GapGroupBy | null;
  /** Gaps view: findings with a decision in the library's decisions file: hidden, shown, or alone. */
  gapDecided: DecidedMode;
  /** Gaps view: the finding (its stable id) drawn on the stage; null shows the library with the page's patterns lit. */
  finding: string | null;
  /** Overview: draw the patterns without any link too (by default only counted, out of the way). */
  unlinked: boolean;
  /** Overview: the community lit (its key pattern's slug), chosen from the legend. */
  community: string | null;
  camera: CameraView | null;
}

export const DEFAULT_STATE: AppState = {
  mode: "overview",
  focus: null,
  selected: null,
  depth: 2,
  lineageDepth: 4,
  lineageCollapsed: [],
  lineagePages: [],
  types: null,
  direction: "both",
  expanded: [],
  limit: NEIGHBORHOOD_LIMIT,
  openGroups: [],
  from: null,
  to: null,
  k: 3,
  maxLength: 6,
  directed: false,
  pathIndex: null,
  gapKind: null,
  gapDomain: null,
  gapPattern: null,
  gapPage: 0,
  gapGroupBy: null,
  gapDecided: "hide",
  finding: null,
  unlinked: false,
  community: null,
  camera: null,
};

/** The part of the state that decides which graph is loaded; a change means a new graph. */
export function graphKey(state: AppState): string {
  const types = state.types === null ? "*" : [...state.types].sort().join(",");
  switch (state.mode) {
    case "overview":
      return state.unlinked ? "overview|unlinked" : "overview";
    case "neighborhood":
      return `n|${state.focus}|${state.depth}|${types}|${state.direction}|${state.expanded.join(",")}|${state.limit}|${state.openGroups.join(",")}`;
    case "lineage":
      return `l|${state.focus}|${state.lineageDepth}|${state.lineageCollapsed.join(",")}|${state.lineagePages.map((p) => p.join(":")).join(",")}`;
    case "path":
      return `p|${state.from}|${state.to}|${types}|${state.directed}|${state.k}|${state.maxLength}`;
    case "gaps":
      // Without a finding the stage shows the overview (the list only changes what is lit on it).
      return state.finding ? `g|${state.finding}` : "g|overview";
  }
}
