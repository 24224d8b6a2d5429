// The explorer's controller: wires the store, URL, renderer, views, search, sidebar and panel.
// State changes flow one way: action -> store -> (URL, graph reload if its key changed, panel,
// highlights). Back/forward replay a URL into the store without pushing a new entry.
import { api, ApiError, isAbort } from "./api.ts";
import { clearGapsCache } from "./gaps/gaps-data.ts";
import { createGapsPanel } from "./gaps/gaps-panel.ts";
import type { AtlasGraph } from "./graph/atlas-graph.ts";
import { createDomainScale, linkWording, NO_DOMAIN, OTHER_DOMAINS, type DomainScale } from "./graph/palette.ts";
import { GraphRenderer, type Emphasis } from "./graph/renderer.ts";
import { drawnLabels } from "./graph/labels.ts";
import { createHook } from "./hook.ts";
import { subscribeLibraryEvents, type LibraryChanged } from "./live.ts";
import { installTalks } from "./talks/install.ts";
import { createSidePanel } from "./panel/side-panel.ts";
import { createSearchBox } from "./search/search-box.ts";
import { createActions } from "./state/actions.ts";
import { graphKey, VIEW_LABELS, VIEW_MODES, DEPTH_RANGE, type AppState, type CameraView } from "./state/app-state.ts";
import { createStore, type HistoryMode } from "./state/store.ts";
import { displayQuery, parseDisplayOptions, parseState, serializeState } from "./state/url-state.ts";
import { applyTheme, currentTheme, initialTheme, onThemeChange } from "./theme.ts";
import type { LibraryStats } from "./types.ts";
import { createControls } from "./ui/controls.ts";
import { byId, h, icon, isTypingTarget, replaceChildren } from "./ui/dom.ts";
import { describeFailure, isUnreachable } from "./ui/failure.ts";
import { renderLegend, type DomainFocus, type LegendDeps } from "./ui/legend.ts";
import { renderOverviewStrip } from "./ui/overview-strip.ts";
import { forgetOverview, loadOverview } from "./views/overview.ts";
import { loadGaps } from "./views/gaps.ts";
import { loadLineage } from "./views/lineage.ts";
import { createLineageOutline } from "./views/lineage-outline.ts";
import { loadNeighborhood } from "./views/neighborhood.ts";
import { loadPath } from "./views/path.ts";
import { separationText } from "./views/path-steps.ts";
import type { LibraryContext, LoadedView, ViewInfo, ViewLoader } from "./views/view.ts";

/** How a lineage fact was declared, for the lineage view's link tooltip. */
const LINEAGE_DECLARED: Record<string, string> = {
  lineage: "(declared on both files)",
  generalizes_from: "(declared on the child only, as generalizes_from)",
  specializes_to: "(declared on the parent only, as specializes_to)",
};

/** sigma's default double-click window. */
const DOUBLE_CLICK_MS = 300;

const LOADERS: Record<AppState["mode"], ViewLoader> = {
  overview: loadOverview,
  neighborhood: loadNeighborhood,
  lineage: loadLineage,
  path: loadPath,
  gaps: loadGaps,
};

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
  const message = byId("view-message");
  const progress = byId("progress");
  const status = byId("status");
  let cameraTimer: number | undefined;
  let frameTarget: string | null = null;
  performance.mark("atlas:start");
  // A click selects only once it is clear it was not the first half of a double-click: opening
  // the panel at once could slide it under the pointer before the second click lands.
  let clickTimer: number | undefined;
  const renderer = new GraphRenderer(byId("graph"), {
    clickNode: (slug) => {
      window.clearTimeout(clickTimer);
      if (loadedView?.clickNode?.(slug)) return;
      clickTimer = window.setTimeout(() => {
        actions.select(slug);
        applyInsets();
        renderer.reveal(slug);
      }, DOUBLE_CLICK_MS);
    },
    doubleClickNode: (slug) => {
      window.clearTimeout(clickTimer);
      const g = renderer.getGraph();
      if (g.getNodeAttribute(slug, "lineageGroup") || g.getNodeAttribute(slug, "group") !== undefined) return;
      const mode = store.get().mode;
      if (mode === "neighborhood") actions.toggleExpanded(slug);
      else if (mode === "overview") actions.explore(slug, "neighborhood");
      else if (mode === "lineage") actions.explore(slug, "lineage");
      else actions.select(slug);
    },
    clickStage: () => actions.select(null),
    cameraChanged: (camera) => {
      window.clearTimeout(cameraTimer);
      cameraTimer = window.setTimeout(() => {
        if (!sameCamera(store.get().camera, camera)) actions.setCamera(camera);
      }, 300);
    },
    hoverEdge: (edge, x, y) => {
      if (!edge) {
        tooltip.hidden = true;
        return;
      }
      const graph = renderer.getGraph();
      const title = (slug: string) => (graph.hasNode(slug) ? graph.getNodeAttribute(slug, "title") : slug);
      const lineageEdge = edge.attrs.declaredBoth !== undefined;
      replaceChildren(
        tooltip,
        h("strong", { text: title(edge.source) }),
        // Lineage edges always run parent -> child, whichever file declared the fact.
        ` ${lineageEdge ? "is the parent of" : linkWording(edge.attrs.linkType, "out")} `,
        h("strong", { text: title(edge.target) }),
        lineageEdge ? h("span", { class: "tooltip__meta", text: ` ${LINEAGE_DECLARED[edge.attrs.linkType] ?? ""}` }) : null,
        edge.attrs.proposed ? h("span", { class: "tooltip__meta", text: " (proposed by the fix: not in the files yet)" }) : null,
        edge.attrs.weight !== undefined ? h("span", { class: "tooltip__meta", text: ` weight ${edge.attrs.weight}` }) : null,
      );
      tooltip.hidden = false;
      tooltip.style.transform = `translate(${Math.round(x + 14)}px, ${Math.round(y + 14)}px)`;
    },
    rendered: (count) => {
      if (frameTarget !== null && frameTarget === hookApi.hook.viewKey) hookApi.frameDrawn(count);
    },
  });
  performance.mark("atlas:renderer-ready");
  renderer.setLabelsVisible(display.labels);
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
  const legendInset = () => {
    if (!display.embed || !display.legend) return 0;
    const sidebar = byId("sidebar");
    return sidebar.offsetWidth ? sidebar.offsetWidth + 10 : 0;
  };
  const applyInsets = () => renderer.setInsets(panelInset(), sheetInset(), legendInset() + outline.inset());
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
    onChoose: (hit) => {
      const s = store.get();
      if (s.mode === "overview") {
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
  const strip = h("div", { class: "overview-strip", attrs: { "data-testid": "overview-strip" } });
  strip.hidden = true;
  stage.append(strip);
  // Neighbourhood: a domain lit or kept alone from the legend; on screen only, so it goes with the graph.
  let domainFocus: DomainFocus | null = null;
  const legendDeps: LegendDeps = {
    actions,
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
      // Patterns and their links only: a neighbourhood's group nodes are listed by groupNodes().
      const pattern = (key: string) => g.getNodeAttribute(key, "group") === undefined;
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
      return g.filterNodes((_n, a) => a.group !== undefined).map((node) => ({ node, key: g.getNodeAttribute(node, "group")!, open: g.getNodeAttribute(node, "groupOpen") === true, label: g.getNodeAttribute(node, "label") }));
    },
    nodePosition: (slug) => renderer.nodeViewportPosition(slug),
    nodeLevel: (slug) => {
      const g = renderer.getGraph();
      return g.hasNode(slug) ? (g.getNodeAttribute(slug, "distance") ?? null) : null;
    },
    camera: () => renderer.getCamera(),
    emphasis: () => {
      const e = renderer.getEmphasis();
      return e ? { nodes: [...e.nodes].sort(), edges: [...e.edges].sort() } : null;
    },
    panelLoaded: () => panel.loaded,
    labelBoxes: () => drawnLabels(),
  });

  // ---- top bar
  const modes = byId("modes");
  const modeButtons = VIEW_MODES.map((mode, i) =>
    h(
      "button",
      { class: "mode", attrs: { type: "button", "data-mode": mode, title: `${VIEW_LABELS[mode]} (${i + 1})` }, on: { click: () => actions.setMode(mode) } },
      VIEW_LABELS[mode],
    ),
  );
  replaceChildren(modes, ...modeButtons);
  const themeButton = byId("theme-toggle");
  const paintThemeButton = () => replaceChildren(themeButton, icon(currentTheme() === "dark" ? "sun" : "moon"));
  paintThemeButton();
  themeButton.addEventListener("click", () => applyTheme(currentTheme() === "dark" ? "light" : "dark", true));
  onThemeChange(() => {
    paintThemeButton();
    loadedView?.onThemeChange?.();
    renderer.refreshTheme();
    renderLegend(legendRoot, store.get(), renderer.getGraph(), legendDeps);
  });
  const helpDialog = byId<HTMLDialogElement>("help-dialog");
  const helpButton = byId("help-button");
  helpButton.appendChild(icon("keyboard"));
  helpButton.addEventListener("click", () => helpDialog.showModal());
  const sidebarToggle = byId("sidebar-toggle");
  sidebarToggle.appendChild(icon("sliders"));
  sidebarToggle.addEventListener("click", () => {
    const open = !document.body.classList.contains("sidebar-open");
    document.body.classList.toggle("sidebar-open", open);
    sidebarToggle.setAttribute("aria-expanded", String(open));
  });
  byId("zoom-in").appendChild(icon("plus"));
  byId("zoom-out").appendChild(icon("minus"));
  byId("zoom-fit").appendChild(icon("fit"));
  byId("zoom-in").addEventListener("click", () => renderer.zoom(1 / 1.5));
  byId("zoom-out").addEventListener("click", () => renderer.zoom(1.5));
  const fitView = () => {
    applyInsets();
    renderer.fit();
    window.clearTimeout(cameraTimer);
    if (store.get().camera) actions.setCamera(null);
  };
  byId("zoom-fit").addEventListener("click", fitView);

  // ---- view loading
  let loadedKey: string | null = null;
  let loadedState: AppState | null = null;
  let loadedGraph: AtlasGraph | null = null;
  let loadedInfo: ViewInfo | null = null;
  let loadedView: LoadedView | null = null;
  let loading = false;
  let controller: AbortController | null = null;

  /** A card in the middle of the stage, or (`top`) a notice above a graph that is still worth seeing. */
  const showMessage = (title: string | null, hint?: string, extra?: HTMLElement | null, top = false) => {
    message.classList.toggle("stage__message--top", top);
    if (!title) {
      message.hidden = true;
      return;
    }
    replaceChildren(message, h("div", { class: "stage__card" }, h("p", { class: "stage__title", text: title }), hint ? h("p", { class: "stage__hint", text: hint }) : null, extra ?? null));
    message.hidden = false;
  };

  /** `refresh`: the same view again after a library change, the camera left where it is. */
  const loadView = async (state: AppState, refresh = false) => {
    const key = graphKey(state);
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    loadedKey = key;
    loading = true;
    frameTarget = null;
    hookApi.setView(key, "loading");
    progress.hidden = false;
    status.textContent = `Loading ${VIEW_LABELS[state.mode].toLowerCase()}…`;
    controls.update(state, null, true);
    // Nothing of another view stays beside the one loading: its legend, its strip, an old error card.
    if (loadedState?.mode !== state.mode) {
      replaceChildren(legendRoot);
      renderOverviewStrip(strip, state, null, actions);
    }
    if (!loadedView) showMessage(null);
    if (libraryFailed) library = fetchLibrary();
    let view: LoadedView;
    try {
      view = await LOADERS[state.mode](state, {
        api,
        library,
        signal: ctl.signal,
        previous: loadedGraph && loadedState ? { graph: loadedGraph, state: loadedState } : null,
        actions,
        viewport: () => ({ width: stage.clientWidth, height: stage.clientHeight, left: legendInset(), right: panelInset(), bottom: sheetInset() }),
      });
    } catch (error) {
      if (isAbort(error) || ctl.signal.aborted) return;
      loading = false;
      progress.hidden = true;
      const text = describeFailure(error);
      hookApi.setView(key, "error", text);
      status.textContent = text;
      const suggestions = error instanceof ApiError ? error.suggestions : [];
      const notFound = error instanceof ApiError && error.status === 404;
      showMessage(
        notFound ? "Pattern not found" : isUnreachable(error) ? "The server is not answering" : "Could not load this view",
        text,
        h(
          "div",
          { class: "stage__actions" },
          ...suggestions.slice(0, 5).map((s) => h("button", { class: "button button--small", attrs: { type: "button" }, on: { click: () => actions.openPattern(s) }, text: s })),
          notFound ? null : h("button", { class: "button button--small", attrs: { type: "button", "data-testid": "retry" }, on: { click: () => retryView() }, text: "Try again" }),
        ),
      );
      replaceChildren(legendRoot);
      renderOverviewStrip(strip, state, null, actions);
      renderer.clear();
      outline.update(null, state);
      loadedView = null;
      loadedGraph = null;
      loadedState = null;
      loadedInfo = null;
      controls.update(state, null, false);
      return;
    }
    if (ctl.signal.aborted) return;
    // Marks for the first-frame benchmark's diagnostics (DevTools shows them too).
    performance.mark("atlas:view-data", { detail: key });
    const camera = view.keepCamera || refresh ? renderer.getCamera() : state.camera;
    frameTarget = key;
    renderer.setFocus(view.focus ?? []);
    // A domain picked in the legend stays while the same neighbourhood is narrowed or widened.
    if (state.mode !== "neighborhood" || loadedState?.mode !== "neighborhood" || loadedState.focus !== state.focus) domainFocus = null;
    // The legend first: an embed's floating legend is part of what the fit keeps clear.
    renderLegend(legendRoot, state, view.graph, legendDeps);
    outline.update(view.info.mode === "lineage" ? view.info : null, state);
    applyInsets();
    loadedInfo = view.info;
    renderOverviewStrip(strip, state, view.info, actions);
    renderer.setGraph(view.graph, view.style, camera, { selected: state.selected, emphasis: emphasisFor(state, view.graph), keepFrame: view.keepFrame === true });
    performance.mark("atlas:graph-set", { detail: key });
    loadedView = view;
    loadedGraph = view.graph;
    loadedState = state;
    controls.update(state, view.info, false);
    if (view.info.mode === "empty") {
      showMessage(view.info.reason, view.info.hint);
      hookApi.setView(key, "empty");
    } else if (view.info.mode === "path" && view.info.result.paths.length === 0) {
      // The panel explains what to relax; the stage must not look like it is still loading.
      const info = view.info;
      const why = separationText(info.result, (slug) => info.titles.get(slug) ?? slug);
      showMessage(
        "No path found",
        why && !info.result.components?.same
          ? `${why} The Paths panel has more.`
          : `Nothing connects the two patterns within ${state.maxLength} link${state.maxLength === 1 ? "" : "s"}${state.types !== null ? " along the chosen link types" : ""}${state.directed ? ", following direction" : ""}. The Paths panel says what to relax.`,
      );
    } else if (view.info.mode === "neighborhood" && view.info.subgraph.links.length === 0) {
      showMessage(
        "No links here",
        state.types !== null || state.direction !== "both"
          ? "This pattern has no links of the chosen types and direction. Turn more link types on in the legend."
          : "This pattern has no links to other patterns: it is an orphan.",
        null,
        true,
      );
    } else showMessage(null);
    status.textContent = describe(view.info);
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
    progress.hidden = true;
    if (view.info.mode !== "empty") hookApi.setView(key, "ready");
    // The layout moved nodes: a camera from the URL still applies, since sigma normalises positions.
    if (state.camera && !view.keepCamera && !refresh) renderer.setCamera(state.camera, false);
    // A worker layout changes the graph's shape after the first fit: fit again, unless the URL gave a
    // camera or the user has moved it since (either puts a camera in the state).
    else if (view.settle && !view.keepCamera && !refresh && !store.get().camera && graphKey(store.get()) === key) renderer.fit();
    // Grown in place with the details panel open (a double-click selects what it expands): keep that
    // pattern out from under the panel or sheet.
    const shown = store.get().selected;
    if (view.keepCamera && shown && renderer.getGraph().hasNode(shown)) {
      applyInsets();
      renderer.reveal(shown);
    }
  };

  /** Path view: the chosen path (or all of them) stands out, the rest fades. Gaps: the finding, or the page's patterns. */
  const emphasisFor = (state: AppState, graph: AtlasGraph = renderer.getGraph()): Emphasis | null => {
    const info = loadedInfo;
    if (state.mode === "overview" && info?.mode === "overview" && state.gapDomain) return overviewDomainEmphasis(graph, state.gapDomain, domains);
    if (state.mode === "gaps" && info?.mode === "gaps") {
      if (info.finding) return info.emphasis;
      const page = gapsPanel.page();
      if (!page || !page.findings.length) return null;
      const nodes = new Set(page.findings.flatMap((f) => f.patterns as string[]));
      return { nodes, edges: new Set(), labels: nodes.size <= 12, minSize: 5 };
    }
    if (state.mode === "neighborhood" && domainFocus) return neighbourhoodDomainEmphasis(graph, domainFocus, state.focus);
    if (state.mode !== "path" || info?.mode !== "path" || !info.result.paths.length) return null;
    const paths = state.pathIndex !== null && info.result.paths[state.pathIndex] ? [info.result.paths[state.pathIndex]!] : info.result.paths;
    return {
      nodes: new Set(paths.flatMap((p) => p.nodes)),
      edges: new Set(paths.flatMap((p) => p.links.map((l) => l.id))),
    };
  };
  const applyEmphasis = (state: AppState) => renderer.setEmphasis(emphasisFor(state));

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
    modeButtons.forEach((b) => {
      const on = b.dataset.mode === state.mode;
      b.classList.toggle("mode--active", on);
      if (on) b.setAttribute("aria-current", "page");
      else b.removeAttribute("aria-current");
    });
    document.body.dataset.mode = state.mode;

    const key = graphKey(state);
    if (key !== loadedKey) {
      void loadView(state);
    } else {
      if (!previous || previous.selected !== state.selected) {
        renderer.setSelected(state.selected);
        if (loadedInfo?.mode === "lineage") outline.update(loadedInfo, state);
      }
      if (!previous || previous.pathIndex !== state.pathIndex || state.mode === "gaps") applyEmphasis(state);
      else if (state.mode === "overview" && previous.gapDomain !== state.gapDomain) {
        applyEmphasis(state);
        renderLegend(legendRoot, state, renderer.getGraph(), legendDeps);
        renderOverviewStrip(strip, state, loadedInfo, actions);
      }
      if (history === "none" && !sameCamera(renderer.getCamera(), state.camera)) renderer.setCamera(state.camera, true);
      if (!loading) controls.update(state, loadedInfo, false);
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
      current: () => (loadedView && loadedState ? { view: loadedView, state: loadedState } : null),
      stats: () => stats,
      domains: () => domains,
      restoreHighlights: () => {
        renderer.setSelected(store.get().selected);
        applyEmphasis(store.get());
      },
      onChange: (listener) => void store.subscribe(() => listener()),
    },
    { shareButton: byId("share-button"), shareDialog: byId<HTMLDialogElement>("share-dialog"), stage, searchSlot: byId("search-slot") },
  );
  window.addEventListener("popstate", () => store.update(parseState(window.location.search), "none"));

  // ---- keyboard
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (helpDialog.open) return; // the dialog closes itself
      if (document.body.classList.contains("sidebar-open")) {
        document.body.classList.remove("sidebar-open");
        sidebarToggle.setAttribute("aria-expanded", "false");
        sidebarToggle.focus();
        return;
      }
      if (store.get().selected) {
        const inPanel = panelRoot.contains(document.activeElement);
        actions.select(null);
        if (inPanel) byId("graph").focus();
      } else if (store.get().mode === "gaps" && store.get().finding && !isTypingTarget(event.target)) {
        actions.openFinding(null);
      }
      return;
    }
    if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    const state = store.get();
    switch (event.key) {
      case "/":
        event.preventDefault();
        search.focus();
        break;
      case "?":
        helpDialog.showModal();
        break;
      case "1":
      case "2":
      case "3":
      case "4":
      case "5":
        actions.setMode(VIEW_MODES[Number(event.key) - 1]!);
        break;
      case "+":
      case "=":
        renderer.zoom(1 / 1.5);
        break;
      case "-":
        renderer.zoom(1.5);
        break;
      case "0":
        fitView();
        break;
      case "c":
        // Lineage: fold or unfold the selected pattern's descendants.
        if (state.mode === "lineage" && state.selected && loadedInfo?.mode === "lineage" && state.selected !== loadedInfo.lineage.root) actions.toggleCollapsed(state.selected);
        break;
      case "t":
        applyTheme(currentTheme() === "dark" ? "light" : "dark", true);
        break;
      case "[":
      case "]": {
        const delta = event.key === "]" ? 1 : -1;
        if (state.mode === "neighborhood") actions.setDepth(Math.min(DEPTH_RANGE.max, Math.max(DEPTH_RANGE.min, state.depth + delta)));
        if (state.mode === "lineage") actions.setLineageDepth(Math.min(8, Math.max(1, state.lineageDepth + delta)));
        break;
      }
    }
  });
  byId("graph").tabIndex = -1;
  stage.addEventListener("mouseleave", () => (tooltip.hidden = true));

  // ---- live updates: the server re-read the library (--watch); refresh what is on screen in place.
  const toast = h("div", { class: "live-toast", attrs: { role: "status", "aria-live": "polite", "data-testid": "live-toast" } });
  toast.hidden = true;
  stage.append(toast);
  let toastTimer: number | undefined;
  const say = (text: string, warn = false) => {
    toast.textContent = text;
    toast.classList.toggle("live-toast--warn", warn);
    toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => (toast.hidden = true), warn ? 8000 : 4000);
  };
  const filesText = (files: readonly string[]) => (files.length ? `: ${files.slice(0, 3).join(", ")}${files.length > 3 ? ` and ${files.length - 3} more` : ""}` : "");
  const refreshLibrary = (event: LibraryChanged | null) => {
    forgetOverview();
    clearGapsCache();
    library = event ? Promise.resolve(useStats(event.stats)) : api.stats().then(useStats);
    library.catch(() => {});
    gapsPanel.invalidate();
    panel.refresh();
    void library.then(() => loadView(store.get(), true)).then(() => hookApi.libraryChanged(event?.version ?? null));
    say(`Library updated${event ? filesText(event.files) : ""}.`);
  };
  /** The same view again, fetched anew: the stage's "Try again", and what a reconnect does after a failure. */
  const retryView = () => {
    if (libraryFailed) library = fetchLibrary();
    void loadView(store.get());
  };
  /** After the server answers again: whatever failed while it was away is fetched again. */
  const recover = () => {
    if (hookApi.hook.status === "error") retryView();
    if (panel.failed) panel.refresh();
    if (gapsPanel.failed()) gapsPanel.invalidate();
  };
  if (!display.embed || display.interactive) {
    subscribeLibraryEvents({
      reconnected: recover,
      changed: refreshLibrary,
      failed: (event) => say(`Could not re-read the library${filesText(event.files)}: ${event.message}. Still showing the previous version.`, true),
    });
  }

  reconcile(store.get(), null, "none");
}

/** Overview: the patterns of one domain (or of the domains without a colour of their own) and the links among them. */
function overviewDomainEmphasis(graph: AtlasGraph, domain: string, scale: DomainScale): Emphasis {
  const named = new Set(scale.named.map((d) => d.domain));
  const matches = (d: string | undefined) => (domain === OTHER_DOMAINS ? !d || !named.has(d) : (d ?? NO_DOMAIN) === domain);
  const nodes = new Set(graph.filterNodes((_n, a) => matches(a.domain)));
  const edges = new Set(graph.filterEdges((_e, _a, source, target) => nodes.has(source) && nodes.has(target)));
  return { nodes, edges, minSize: 2.5 };
}

/** A domain lit in a neighbourhood: its patterns, the focus and the groups, and the links among them. */
function neighbourhoodDomainEmphasis(graph: AtlasGraph, focus: DomainFocus, centre: string | null): Emphasis {
  const nodes = new Set(graph.filterNodes((node, a) => node === centre || a.group !== undefined || (a.domain ?? NO_DOMAIN) === focus.domain));
  const edges = new Set(graph.filterEdges((_e, _a, source, target) => nodes.has(source) && nodes.has(target)));
  return { nodes, edges, hideOthers: focus.only };
}

function sameCamera(a: CameraView | null, b: CameraView | null): boolean {
  if (!a || !b) return a === b;
  return Math.abs(a.x - b.x) < 1e-4 && Math.abs(a.y - b.y) < 1e-4 && Math.abs(a.ratio - b.ratio) / b.ratio < 1e-3;
}

function libraryName(root: string): string {
  const parts = root.split(/[\\/]/).filter(Boolean);
  const last = parts.at(-1) ?? root;
  return last === "_patterns" && parts.length > 1 ? parts.at(-2)! : last;
}

function describe(info: ViewInfo): string {
  switch (info.mode) {
    case "overview":
      return `Overview: ${info.nodes} patterns, ${info.links} links.`;
    case "neighborhood":
      return `Neighbourhood of ${info.title}: ${info.subgraph.nodes.length} patterns, ${info.subgraph.links.length} links.`;
    case "lineage":
      return `Lineage of ${info.title}: ${info.lineage.nodes.length} patterns.`;
    case "path":
      return info.result.paths.length ? `${info.result.paths.length} paths found.` : "No path found.";
    case "gaps":
      return info.finding ? `Gap: ${info.finding.evidence}` : `Gaps: the library, ${info.nodes} patterns.`;
    case "empty":
      return info.reason;
  }
}
