// Loading a view and putting it on screen: one request at a time (a newer state aborts the older),
// then the legend, outline, strip, graph, controls and stage notice of the loaded view together, then
// its settling (a worker layout) and the camera. It holds what is on screen for the rest of the app.
import { api, isAbort } from "../api.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import type { GraphRenderer } from "../graph/renderer.ts";
import type { Emphasis } from "../graph/view-style.ts";
import type { createHook } from "../hook.ts";
import type { Actions } from "../state/actions.ts";
import { graphKey, VIEW_LABELS, type AppState } from "../state/app-state.ts";
import type { Controls } from "../ui/controls.ts";
import { describeFailure } from "../ui/failure.ts";
import { loadGaps } from "../views/gaps.ts";
import { loadLineage } from "../views/lineage.ts";
import { loadNeighborhood } from "../views/neighborhood.ts";
import { loadOverview } from "../views/overview.ts";
import { loadPath } from "../views/path.ts";
import type { LibraryContext, LoadedView, ViewContext, ViewInfo, ViewLoader } from "../views/view.ts";
import { describeView, failureNotice, viewNotice, type ShowMessage } from "./stage-message.ts";

const LOADERS: Record<AppState["mode"], ViewLoader> = {
  overview: loadOverview,
  neighborhood: loadNeighborhood,
  lineage: loadLineage,
  path: loadPath,
  gaps: loadGaps,
};

export interface ViewSwitchingDeps {
  actions: Actions;
  renderer: GraphRenderer;
  hook: ReturnType<typeof createHook>;
  controls: Controls;
  showMessage: ShowMessage;
  progress: HTMLElement;
  status: HTMLElement;
  /** The library's facts, fetched again first when the last fetch failed. */
  library(): Promise<LibraryContext>;
  viewport: ViewContext["viewport"];
  /** The state now (a view settling checks it has not moved on). */
  current(): AppState;
  /** Puts the floating panels' room into the renderer's fit. */
  applyInsets(): void;
  /** Everything beside the stage (legend, outline, strip) drawn for the loaded view, or cleared while another mode loads or after a failure. */
  paintSurroundings(state: AppState, shown: { info: ViewInfo; graph: AtlasGraph } | "loading" | "failed"): void;
  /** A new view is about to be drawn (e.g. a legend's domain focus goes with the old neighbourhood). */
  beforeDraw(state: AppState, previous: AppState | null): void;
  emphasisFor(state: AppState, graph: AtlasGraph, info: ViewInfo): Emphasis | null;
  /** The frame drawn for `key` counts for the hook's first-frame figures. */
  frameTarget(key: string | null): void;
}

export interface ViewSwitching {
  /** Loads and draws `state`'s view. `refresh`: the same view again after a library change, the camera left where it is. */
  load(state: AppState, refresh?: boolean): Promise<void>;
  /** The graph key of the view loaded or loading. */
  key(): string | null;
  loading(): boolean;
  /** What is on screen: the view, the state that made it, its facts (null before the first or after a failure). */
  view(): LoadedView | null;
  state(): AppState | null;
  info(): ViewInfo | null;
}

export function createViewSwitching(deps: ViewSwitchingDeps): ViewSwitching {
  const { renderer, hook, controls } = deps;
  let loadedKey: string | null = null;
  let loadedState: AppState | null = null;
  let loadedView: LoadedView | null = null;
  let loading = false;
  let controller: AbortController | null = null;

  const forget = () => {
    loadedView = null;
    loadedState = null;
  };

  const load = async (state: AppState, refresh = false) => {
    const key = graphKey(state);
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    loadedKey = key;
    loading = true;
    deps.frameTarget(null);
    hook.setView(key, "loading");
    deps.progress.hidden = false;
    deps.status.textContent = `Loading ${VIEW_LABELS[state.mode].toLowerCase()}…`;
    controls.update(state, null, true);
    // Nothing of another view stays beside the one loading: its legend, its strip, an old error card.
    if (loadedState?.mode !== state.mode) deps.paintSurroundings(state, "loading");
    if (!loadedView) deps.showMessage(null);
    let view: LoadedView;
    try {
      view = await LOADERS[state.mode](state, {
        api,
        library: deps.library(),
        signal: ctl.signal,
        previous: loadedView && loadedState ? { graph: loadedView.graph, state: loadedState } : null,
        actions: deps.actions,
        viewport: deps.viewport,
      });
    } catch (error) {
      if (isAbort(error) || ctl.signal.aborted) return;
      loading = false;
      deps.progress.hidden = true;
      const text = describeFailure(error);
      hook.setView(key, "error", text);
      deps.status.textContent = text;
      deps.showMessage(failureNotice(error, deps.actions, () => void load(deps.current())));
      deps.paintSurroundings(state, "failed");
      renderer.clear();
      forget();
      controls.update(state, null, false);
      return;
    }
    if (ctl.signal.aborted) return;
    // Marks for the first-frame benchmark's diagnostics (DevTools shows them too).
    performance.mark("atlas:view-data", { detail: key });
    const camera = view.keepCamera || refresh ? renderer.getCamera() : state.camera;
    deps.frameTarget(key);
    renderer.setFocus(view.focus ?? []);
    deps.beforeDraw(state, loadedState);
    // The legend first: an embed's floating legend is part of what the fit keeps clear.
    deps.paintSurroundings(state, view);
    deps.applyInsets();
    loadedView = view;
    loadedState = state;
    renderer.setRegionLabels(view.regionLabels ?? []);
    renderer.setGraph(view.graph, view.style, camera, { selected: state.selected, emphasis: deps.emphasisFor(state, view.graph, view.info), keepFrame: view.keepFrame === true });
    performance.mark("atlas:graph-set", { detail: key });
    controls.update(state, view.info, false);
    deps.showMessage(viewNotice(state, view.info, deps.actions));
    if (view.info.mode === "empty") hook.setView(key, "empty");
    deps.status.textContent = describeView(view.info);
    if (view.settle) {
      try {
        await view.settle(ctl.signal);
      } catch (error) {
        if (isAbort(error) || ctl.signal.aborted) return;
        console.error("Layout failed", error);
      }
    }
    if (ctl.signal.aborted) return;
    loading = false;
    deps.progress.hidden = true;
    // Settling may have added patterns (a large library's overview gets its rest then): recount the legend.
    if (view.settle) deps.paintSurroundings(state, view);
    if (view.info.mode !== "empty") hook.setView(key, "ready");
    const now = deps.current();
    // The layout moved nodes: a camera from the URL still applies, since sigma normalises positions.
    if (state.camera && !view.keepCamera && !refresh) renderer.setCamera(state.camera, false);
    // A worker layout changes the graph's shape after the first fit: fit again, unless the URL gave a
    // camera or the user has moved it since (either puts a camera in the state).
    else if (view.settle && !view.keepCamera && !refresh && !now.camera && graphKey(now) === key) renderer.fit();
    // Grown in place with the details panel open (a double-click selects what it expands): keep that
    // pattern out from under the panel or sheet.
    const shown = now.selected;
    if (view.keepCamera && shown && renderer.getGraph().hasNode(shown)) {
      deps.applyInsets();
      renderer.reveal(shown);
    } else if (view.keepCamera && view.keepInView?.length && !refresh) {
      // What an opened group added must not be cut by the stage's edge or hidden under a panel.
      deps.applyInsets();
      renderer.keepInView(view.keepInView);
    }
  };

  return {
    load,
    key: () => loadedKey,
    loading: () => loading,
    view: () => loadedView,
    state: () => loadedState,
    info: () => loadedView?.info ?? null,
  };
}
