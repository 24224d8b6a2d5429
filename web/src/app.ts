// The explorer's controller: wires the store, URL, renderer, views, search, sidebar and panel.
// State changes flow one way: action -> store -> (URL, graph reload if its key changed, panel,
// highlights). Back/forward replay a URL into the store without pushing a new entry. The jobs it
// wires live in shell/: loading views, the top bar, the keys, live updates, emphasis, stage messages.
import { api } from "./api.ts";
import { clearGapsCache } from "./gaps/gaps-data.ts";
import { createGapsPanel } from "./gaps/gaps-panel.ts";
import type { AtlasGraph } from "./graph/atlas-graph.ts";
import { createDomainScale, type DomainScale } from "./graph/palette.ts";
import { GraphRenderer } from "./graph/renderer.ts";
import { drawnLabels } from "./graph/labels.ts";
import { createHook } from "./hook.ts";
import type { LibraryChangedEvent } from "../../core/events.ts";
import { installTalks } from "./talks/install.ts";
import { createSidePanel } from "./panel/side-panel.ts";
import { createSearchBox } from "./search/search-box.ts";
import { emphasisFor } from "./shell/emphasis.ts";
import { showEdgeTooltip } from "./shell/edge-tooltip.ts";
import { installKeyboard } from "./shell/keyboard.ts";
import { installLiveUpdates } from "./shell/live-updates.ts";
import { stageMessage } from "./shell/stage-message.ts";
import { installUnnamedMarker } from "./shell/unnamed-marker.ts";
import { embedLegendInsets, keepLegendRowsWhole } from "./shell/embed-legend.ts";
import { createTopBar } from "./shell/top-bar.ts";
import { createViewSwitching } from "./shell/view-switching.ts";
import { createActions } from "./state/actions.ts";
import { graphKey, onlyCameraMoved, sameCamera, type AppState } from "./state/app-state.ts";
import { createStore, type HistoryMode } from "./state/store.ts";
import { displayQuery, parseDisplayOptions, parseState, serializeState } from "./state/url-state.ts";
import { applyTheme, initialTheme } from "./theme.ts";
import type { LibraryStats } from "./types.ts";
import { createControls } from "./ui/controls.ts";
import { byId, h } from "./ui/dom.ts";
import { renderLegend, type DomainFocus, type LegendDeps } from "./ui/legend.ts";
import { overviewStripInset, renderOverviewStrip } from "./ui/overview-strip.ts";
import { forgetOverview } from "./views/overview.ts";
import { communityNodesOf } from "./views/overview-levels.ts";
import { createLineageOutline } from "./views/lineage-outline.ts";
import type { LibraryContext, ViewInfo } from "./views/view.ts";

/** sigma's default double-click window. */
const DOUBLE_CLICK_MS = 300;

export function startApp(): void {
  applyTheme(initialTheme());
  const display = parseDisplayOptions(window.location.search, window.location.pathname);
  const keptQuery = displayQuery(window.location.search);
  document.body.classList.toggle("is-embed", display.embed);
  document.body.classList.toggle("no-legend", !display.legend);

  const initial = parseState(window.location.search);
  let stats: LibraryStats | null = null;
  let domains: DomainScale = createDomainScale({});
  const useStats = (s: LibraryStats): LibraryContext => {
    stats = s;
    domains = createDomainScale(s.domains);
    byId("library-name").textContent = libraryName(s.root);
    return { stats: s, domains };
  };
  // Replaced when the server says the library changed (see "live updates" below), or after it failed.
  let libraryFailed = false;
  const fetchLibrary = (): Promise<LibraryContext> => {
    libraryFailed = false;
    const next = api.stats().then(useStats);
    next.catch(() => (libraryFailed = true));
    return next;
  };
  let library: Promise<LibraryContext> = fetchLibrary();

  const store = createStore(initial);
  const actions = createActions(store);

  // ---- renderer
  const stage = byId("stage");
  const tooltip = byId("tooltip");
  let cameraTimer: number | undefined;
  let frameTarget: string | null = null;
  performance.mark("atlas:start");
  // A click selects only once it is clear it was not the first half of a double-click: opening
  // the panel at once could slide it under the pointer before the second click lands.
  let clickTimer: number | undefined;
  const clickNode = (slug: string) => {
    window.clearTimeout(clickTimer);
    if (views.view()?.clickNode?.(slug)) return;
    clickTimer = window.setTimeout(() => (actions.select(slug), applyInsets(), renderer.reveal(slug)), DOUBLE_CLICK_MS);
  };
  const renderer = new GraphRenderer(byId("graph"), {
    clickNode,
    doubleClickNode: (slug) => {
      window.clearTimeout(clickTimer);
      const g = renderer.getGraph();
      if (g.getNodeAttribute(slug, "lineageGroup") || g.getNodeAttribute(slug, "group") !== undefined || g.getNodeAttribute(slug, "aggregate") !== undefined) return;
      const mode = store.get().mode;
      if (mode === "neighborhood") actions.toggleExpanded(slug);
      else if (mode === "overview") actions.explore(slug, "neighborhood");
      else if (mode === "lineage") actions.explore(slug, "lineage");
      else actions.select(slug);
    },
    clickStage: () => actions.select(null),
    cameraChanged: (camera) => {
      views.view()?.cameraMoved?.(() => renderer.cameraProbe());
      window.clearTimeout(cameraTimer);
      cameraTimer = window.setTimeout(() => {
        if (!sameCamera(store.get().camera, camera)) actions.setCamera(camera);
      }, 300);
    },
    hoverEdge: (edge, x, y) => showEdgeTooltip(tooltip, renderer.getGraph(), edge, x, y),
    rendered: (count, atRest) => {
      if (frameTarget !== null && frameTarget === hookApi.hook.viewKey) hookApi.frameDrawn(count);
      if (atRest) views.view()?.framed?.(renderer.cameraProbe());
      unnamed.update();
    },
  });
  performance.mark("atlas:renderer-ready");
  renderer.setLabelsVisible(display.labels);
  // No label goes under the zoom buttons nor the count of what found no room for one (shell/unnamed-marker.ts).
  const unnamed = installUnnamedMarker(stage, renderer, () => store.get().mode, clickNode);
  renderer.setInteractive(display.interactive);

  // ---- panel, search, controls, legend
  const panelRoot = byId("panel");
  /** Width the floating side panel covers (0 when closed, or a bottom sheet on narrow screens). */
  const panelInset = () => (panelRoot.hidden || !window.matchMedia("(min-width: 821px)").matches ? 0 : panelRoot.offsetWidth + 12);
  /**
   * Height the bottom sheet covers on narrow screens: its CSS max-height (58% of the workspace, see
   * styles.css) rather than its current height, which is still growing while the pattern loads.
   */
  const sheetInset = () => (panelRoot.hidden || window.matchMedia("(min-width: 821px)").matches ? 0 : Math.round(stage.clientHeight * 0.58));
  /** In an embed the legend floats over the graph's left side: the fit keeps the graph beside it. */
  const covered = () => embedLegendInsets(display.embed && display.legend, byId("sidebar"), stage, sheetInset());
  const applyInsets = () => {
    const { left, bottom } = covered();
    renderer.setInsets(panelInset(), bottom, left + outline.inset(), overviewStripInset(strip, stage));
  };
  // The lineage outline beside the tree (web/src/views/lineage-outline.ts).
  const outline = createLineageOutline(stage, {
    actions,
    centre: (slug) => {
      actions.select(slug);
      applyInsets();
      renderer.reveal(slug);
    },
    resized: () => {
      applyInsets();
      renderer.fit();
    },
  });
  const panel = createSidePanel(panelRoot, api, () => domains, {
    open: (slug) => actions.openPattern(slug),
    explore: (slug, mode) => actions.explore(slug, mode),
    pathEnd: (end, slug) => actions.setPathEnd(end, slug),
    gaps: (slug) => actions.showGapsOf(slug),
    close: () => actions.select(null),
  });
  const search = createSearchBox({
    api,
    domains: () => domains,
    id: "search",
    label: "Search patterns",
    placeholder: "Search patterns…  /",
    className: "search--top",
    onChoose: async (hit) => {
      const s = store.get();
      if (s.mode === "overview") {
        // A large library's overview opens the pattern's community first.
        await views.view()?.bringIn?.(hit.slug);
        actions.select(hit.slug);
        applyInsets();
        // Zoom in further the bigger the library, so the pattern's surroundings stay in view.
        renderer.centreOn(hit.slug, Math.min(0.6, Math.max(0.12, Math.sqrt(200 / Math.max(1, renderer.getGraph().order)))));
      } else if (s.mode === "path") {
        actions.setPathEnd(s.from ? "to" : "from", hit.slug);
      } else actions.openPattern(hit.slug);
    },
  });
  byId("search-slot").appendChild(search.element);
  if (!display.search) byId("search-slot").hidden = true;

  const gapsPanel = createGapsPanel({
    api,
    actions,
    // The overview behind the list lights up the patterns of the page on screen.
    onPage: () => applyEmphasis(store.get()),
  });
  const controls = createControls(byId("controls"), { api, actions, domains: () => domains, stats: () => stats, gaps: gapsPanel });
  const legendRoot = byId("legend");
  if (display.embed && display.legend) keepLegendRowsWhole(byId("sidebar"), legendRoot);
  const strip = h("div", { class: "overview-strip", attrs: { "data-testid": "overview-strip", hidden: true } });
  stage.append(strip);
  unnamed.addObstacle(strip);
  // Neighbourhood: a domain lit or kept alone from the legend; on screen only, so it goes with the graph.
  let domainFocus: DomainFocus | null = null;
  // The facts of the view the legend is painted for (painted before that view is the one on screen).
  let legendInfo: ViewInfo | null = null;
  const legendDeps: LegendDeps = {
    actions,
    info: () => legendInfo ?? views.info(),
    domains: () => domains,
    stats: () => stats,
    domainFocus: () => domainFocus,
    setDomainFocus: (next) => {
      domainFocus = next;
      applyEmphasis(store.get());
      renderLegend(legendRoot, store.get(), renderer.getGraph(), legendDeps);
    },
  };

  const hookApi = createHook({
    state: () => store.get(),
    graph: () => {
      const g = renderer.getGraph();
      // Patterns and their links only: a neighbourhood's group nodes are listed by groupNodes(), an overview's community nodes by communityNodes().
      const pattern = (key: string) => g.getNodeAttribute(key, "group") === undefined && g.getNodeAttribute(key, "aggregate") === undefined;
      return {
        nodes: g.filterNodes(pattern),
        edges: g
          .filterEdges((_id, _a, source, target) => pattern(source) && pattern(target))
          .map((id) => {
            const a = g.getEdgeAttributes(id);
            return { id, source: g.source(id), target: g.target(id), linkType: a.linkType, program: a.type, ...(a.cut ? { cut: true } : {}) };
          }),
      };
    },
    groupNodes: () => {
      const g = renderer.getGraph();
      return g
        .filterNodes((_n, a) => a.group !== undefined)
        .map((node) => {
          const a = g.getNodeAttributes(node);
          return { node, key: a.group!, open: a.groupOpen === true, label: a.label, ...(a.groupPage !== undefined ? { page: a.groupPage } : {}) };
        });
    },
    communityNodes: () => communityNodesOf(renderer.getGraph()),
    nodePosition: (slug) => renderer.nodeViewportPosition(slug),
    nodeLevel: (slug) => (renderer.getGraph().hasNode(slug) ? (renderer.getGraph().getNodeAttribute(slug, "distance") ?? null) : null),
    camera: () => renderer.getCamera(),
    emphasis: () => {
      const e = renderer.getEmphasis();
      return e ? { nodes: [...e.nodes].sort(), edges: [...e.edges].sort() } : null;
    },
    panelLoaded: () => panel.loaded,
    labelBoxes: () => drawnLabels(),
    nodeDots: () => renderer.dots(),
    reducedNodes: () => renderer.reducedNodes(),
  });

  // ---- top bar
  const fitView = () => {
    applyInsets();
    renderer.fit();
    window.clearTimeout(cameraTimer);
    if (store.get().camera) actions.setCamera(null);
  };
  const topBar = createTopBar({
    actions,
    renderer,
    fitView,
    themeChanged: () => {
      views.view()?.onThemeChange?.();
      renderer.refreshTheme();
      renderLegend(legendRoot, store.get(), renderer.getGraph(), legendDeps);
    },
  });

  // ---- view loading (shell/view-switching.ts)
  const emphasisOf = (state: AppState, graph: AtlasGraph, info: ViewInfo | null) =>
    emphasisFor({ state, info, graph, domains, gapsPage: gapsPanel.page(), domainFocus });
  const views = createViewSwitching({
    actions,
    renderer,
    hook: hookApi,
    controls,
    showMessage: stageMessage(byId("view-message")),
    progress: byId("progress"),
    status: byId("status"),
    library: () => {
      if (libraryFailed) library = fetchLibrary();
      return library;
    },
    viewport: () => ({ width: stage.clientWidth, height: stage.clientHeight, right: panelInset(), ...covered() }),
    current: () => store.get(),
    applyInsets,
    paintSurroundings: (state, shown) => {
      legendInfo = typeof shown === "object" ? shown.info : null;
      if (typeof shown === "object") {
        renderLegend(legendRoot, state, shown.graph, legendDeps);
        outline.update(shown.info.mode === "lineage" ? shown.info : null, state);
      } else {
        legendRoot.replaceChildren();
        // While another mode loads, the outline stays until replaced; after a failure it goes.
        if (shown === "failed") outline.update(null, state);
      }
      renderOverviewStrip(strip, state, typeof shown === "object" ? shown.info : null, actions);
    },
    beforeDraw: (state, previous) => {
      // A domain picked in the legend stays while the same neighbourhood is narrowed or widened.
      if (state.mode !== "neighborhood" || previous?.mode !== "neighborhood" || previous.focus !== state.focus) domainFocus = null;
    },
    emphasisFor: emphasisOf,
    frameTarget: (key) => (frameTarget = key),
  });
  const applyEmphasis = (state: AppState) => renderer.setEmphasis(emphasisOf(state, renderer.getGraph(), views.info()));

  // ---- reacting to state
  const reconcile = (state: AppState, previous: AppState | null, history: HistoryMode) => {
    if (history === "push" || history === "replace") {
      const query = serializeState(state);
      const url = `${window.location.pathname}${query}${keptQuery ? `${query ? "&" : "?"}${keptQuery}` : ""}`;
      if (url !== `${window.location.pathname}${window.location.search}`) {
        if (history === "push") window.history.pushState(null, "", url);
        else window.history.replaceState(null, "", url);
      }
    }
    // A camera come to rest (after each pan) goes into the URL only: the bar, the controls and the panel
    // show nothing of it, and building the controls again made the browser lay out and draw the page
    // once more, a second frame after each pan (docs/performance.md#the-frame-after-a-pan-release-at-10x-links-kept-as-a-picture-2026-12-0607-2249-0011-utc-load-25-33).
    if (previous && history === "replace" && onlyCameraMoved(previous, state)) return;
    topBar.showMode(state.mode);

    const key = graphKey(state);
    if (key !== views.key()) {
      void views.load(state);
    } else {
      const info = views.info();
      if (!previous || previous.selected !== state.selected) {
        renderer.setSelected(state.selected);
        if (info?.mode === "lineage") outline.update(info, state);
      }
      if (!previous || previous.pathIndex !== state.pathIndex || state.mode === "gaps") applyEmphasis(state);
      else if (state.mode === "overview" && (previous.gapDomain !== state.gapDomain || previous.community !== state.community)) {
        applyEmphasis(state);
        renderLegend(legendRoot, state, renderer.getGraph(), legendDeps);
        renderOverviewStrip(strip, state, info, actions);
      }
      if (history === "none" && !sameCamera(renderer.getCamera(), state.camera)) renderer.setCamera(state.camera, true);
      if (!views.loading()) controls.update(state, info, false);
    }
    if (state.selected) panel.show(state.selected);
    else panel.hide();
  };
  store.subscribe((state, previous, history) => reconcile(state, previous, history));
  // ---- graphs for talks (web/src/talks): the share button's "Share and export" dialog, Present, embed extras.
  // Subscribed after reconcile, so its listeners see the URL of the new state.
  installTalks(
    {
      renderer,
      api,
      state: () => store.get(),
      current: () => {
        const view = views.view();
        const state = views.state();
        return view && state ? { view, state } : null;
      },
      stats: () => stats,
      domains: () => domains,
      restoreHighlights: () => {
        renderer.setSelected(store.get().selected);
        applyEmphasis(store.get());
      },
      onChange: (listener) => void store.subscribe(() => listener()),
      keepLabelsFrom: (element) => unnamed.addObstacle(element, false),
    },
    { shareButton: byId("share-button"), shareDialog: byId<HTMLDialogElement>("share-dialog"), stage, searchSlot: byId("search-slot") },
  );
  window.addEventListener("popstate", () => store.update(parseState(window.location.search), "none"));

  installKeyboard({ state: () => store.get(), info: () => views.info(), actions, renderer, topBar, panelRoot, focusSearch: () => search.focus(), fitView });
  stage.addEventListener("mouseleave", () => (tooltip.hidden = true));

  // ---- live updates: the server re-read the library (--watch), or answers again after being away.
  installLiveUpdates(
    {
      stage,
      refresh: (event: LibraryChangedEvent | null) => {
        forgetOverview();
        clearGapsCache();
        library = event ? Promise.resolve(useStats(event.stats)) : api.stats().then(useStats);
        library.catch(() => {});
        gapsPanel.invalidate();
        panel.refresh();
        void library.then(() => views.load(store.get(), true)).then(() => hookApi.libraryChanged(event?.version ?? null));
      },
      recover: () => {
        if (hookApi.hook.status === "error") void views.load(store.get());
        if (panel.failed) panel.refresh();
        if (gapsPanel.failed()) gapsPanel.invalidate();
      },
    },
    !display.embed || display.interactive,
  );

  reconcile(store.get(), null, "none");
}

function libraryName(root: string): string {
  const parts = root.split(/[\\/]/).filter(Boolean);
  const last = parts.at(-1) ?? root;
  return last === "_patterns" && parts.length > 1 ? parts.at(-2)! : last;
}
