// What every view (overview, neighbourhood, lineage, path, gaps) provides: a loader that turns the state
// into a graph to draw plus what the controls, legend and status line need to describe it.
import type { Api } from "../api.ts";
import type { LineagePlan } from "../layout/lineage-plan.ts";
import type { RegionLabel } from "../graph/region-labels.ts";
import type { CameraProbe } from "../graph/renderer.ts";
import type { Actions } from "../state/actions.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import type { DomainScale } from "../graph/palette.ts";
import type { Emphasis, ViewStyle } from "../graph/view-style.ts";
import type { AppState } from "../state/app-state.ts";
import type { GapFinding, Lineage, PathResult, Subgraph, LibraryStats } from "../types.ts";

/** Library-wide facts every view needs for its encodings (domain colours). */
export interface LibraryContext {
  stats: LibraryStats;
  domains: DomainScale;
}

export interface ViewContext {
  api: Api;
  /** Awaited alongside the view's own request, so the two round trips overlap. */
  library: Promise<LibraryContext>;
  signal: AbortSignal;
  /** The graph on screen now and the state that produced it, so a view can evolve in place. */
  previous: { graph: AtlasGraph; state: AppState } | null;
  /**
   * The stage's size in px and what floating panels cover of it: a view that sizes itself to the screen reads it.
   * `outline` and `padding` (the lineage's): set where the stage is not the explorer's (the offline file's), in
   * place of the outline beside the tree and the stage padding the explorer would use.
   */
  viewport(): { width: number; height: number; left: number; right: number; bottom: number; outline?: number; padding?: number };
  actions: Actions;
}

/** Per-view facts for the controls and legend (a discriminated union on `mode`). */
export type ViewInfo =
  /**
   * `unlinked`: patterns without any link, drawn only when `showingUnlinked`. `communities`: the
   * library's communities (largest first); `levels`: drawn as one node per community that opens into
   * its patterns (a library larger than the overview's first part); `domainCounts`: the patterns per
   * domain the legend counts, when the graph does not hold them all.
   */
  | {
      mode: "overview";
      nodes: number;
      links: number;
      unlinked: number;
      showingUnlinked: boolean;
      communities: CommunityInfo[];
      levels: boolean;
      domainCounts?: Map<string, number>;
      /** Levels: the closed communities not drawn at the camera's zoom, crowded out by larger ones. */
      crowdedCommunities?: number;
    }
  | { mode: "neighborhood"; subgraph: Subgraph; title: string }
  | {
      mode: "lineage";
      lineage: Lineage;
      title: string;
      /** What the tree shows of the family; `reveal` says how to bring any member onto it. */
      plan: LineagePlan;
      reveal(slug: string): { collapsed: string[]; pages: [number, number][] } | null;
    }
  /** `finding`: with no path, the Gaps view's finding about the smaller part an end is in (orphan or island), if there is one. */
  | { mode: "path"; result: PathResult; titles: Map<string, string>; finding?: { id: string; kind: string; slug: string } | null }
  /** Gaps: one finding's graph (with what to emphasise), or the overview when `finding` is null. */
  | { mode: "gaps"; finding: GapFinding | null; emphasis: Emphasis | null; nodes: number; links: number }
  | { mode: "empty"; reason: string; hint?: string };

/** A community of the overview as the legend and the strip name it. */
export interface CommunityInfo {
  key: string;
  name: string;
  /** The title words that set it apart ("practice, identity"), or "" when none does. */
  terms: string;
  /** Its leading domains in words ("mostly governance", "change-adaptation 9%, ethical-reasoning 6%"). */
  domains: string;
  patterns: number;
  color: string;
}

export interface LoadedView {
  graph: AtlasGraph;
  style: ViewStyle;
  info: ViewInfo;
  /** Link types drawn, for the legend. */
  linkTypes: string[];
  /** Keep the camera where it is (expansion in place) instead of fitting the new graph. */
  keepCamera?: boolean;
  /** Keep sigma's frame too (the old nodes' extent), so the nodes that stay do not move on screen. */
  keepFrame?: boolean;
  /** The patterns the view is about (ringed and always labelled): focus, root, path ends. */
  focus?: string[];
  /** Recolour what depends on the theme (e.g. overview edges mixed with the background). */
  onThemeChange?: () => void;
  /** Work after the first frame (worker layout, animation); the view is "ready" when it resolves. */
  settle?: (signal: AbortSignal) => Promise<void>;
  /** After settling in place, the camera moves just enough to show these (what an opened group added). */
  keepInView?: readonly string[];
  /** A click on a node the view handles itself (a lineage group node); true when it did. */
  clickNode?: (slug: string) => boolean;
  /** Names drawn over parts of the picture (the overview's communities). */
  regionLabels?: readonly RegionLabel[];
  /** Brings a pattern onto the graph if the view holds it back (a closed community of a large overview). */
  bringIn?: (slug: string) => Promise<void>;
  /** The user moved the camera (panned, zoomed); `probe` reads where things are now, when called. */
  cameraMoved?: (probe: () => CameraProbe) => void;
  /** A frame was drawn at rest (not while the camera moves); `probe` reads where things are in it. */
  framed?: (probe: CameraProbe) => void;
}

export type ViewLoader = (state: AppState, context: ViewContext) => Promise<LoadedView>;
