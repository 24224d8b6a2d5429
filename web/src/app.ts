// The explorer's controller: wires the store, URL, renderer, views, search, sidebar and panel.
// State changes flow one way: action -> store -> (URL, graph reload if its key changed, panel,
// highlights). Back/forward replay a URL into the store without pushing a new entry.
import { api, ApiError, isAbort } from "./api.ts";
import type { AtlasGraph } from "./graph/atlas-graph.ts";
import { createDomainScale, linkWording, type DomainScale } from "./graph/palette.ts";
import { GraphRenderer, type Emphasis } from "./graph/renderer.ts";
import { createHook } from "./hook.ts";
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
import { renderLegend } from "./ui/legend.ts";
import { loadOverview } from "./views/overview.ts";
import { loadLineage } from "./views/lineage.ts";
import { loadNeighborhood } from "./views/neighborhood.ts";
import { loadPath } from "./views/path.ts";
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
  const library: Promise<LibraryContext> = api.stats().then((s) => {
    stats = s;
    domains = createDomainScale(s.domains);
    byId("library-name").textContent = libraryName(s.root);
    return { stats: s, domains };
  });
  library.catch(() => {});

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
      clickTimer = window.setTimeout(() => {
        actions.select(slug);
        renderer.setRightInset(panelInset());
        renderer.reveal(slug);
      }, DOUBLE_CLICK_MS);
    },
    doubleClickNode: (slug) => {
      window.clearTimeout(clickTimer);
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
  const panel = createSidePanel(panelRoot, api, () => domains, {
    open: (slug) => actions.openPattern(slug),
    explore: (slug, mode) => actions.explore(slug, mode),
    pathEnd: (end, slug) => actions.setPathEnd(end, slug),
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
        renderer.setRightInset(panelInset());
        // Zoom in further the bigger the library, so the pattern's surroundings stay in view.
        renderer.centreOn(hit.slug, Math.min(0.6, Math.max(0.12, Math.sqrt(200 / Math.max(1, renderer.getGraph().order)))));
      } else if (s.mode === "path") {
        actions.setPathEnd(s.from ? "to" : "from", hit.slug);
      } else actions.openPattern(hit.slug);
    },
  });
  byId("search-slot").appendChild(search.element);
  if (!display.search) byId("search-slot").hidden = true;

  const controls = createControls(byId("controls"), { api, actions, domains: () => domains, stats: () => stats });
  const legendRoot = byId("legend");

  const hookApi = createHook({
    state: () => store.get(),
    graph: () => {
      const g = renderer.getGraph();
      return {
        nodes: g.nodes(),
        edges: g.mapEdges((id, a, source, target) => ({ id, source, target, linkType: a.linkType, program: a.type })),
      };
    },
    nodePosition: (slug) => renderer.nodeViewportPosition(slug),
    camera: () => renderer.getCamera(),
    panelLoaded: () => panel.loaded,
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
    renderLegend(legendRoot, store.get(), renderer.getGraph(), { actions, domains: () => domains, stats: () => stats });
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
  byId("zoom-fit").addEventListener("click", () => {
    renderer.setRightInset(panelInset());
    renderer.fit();
  });

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

  const loadView = async (state: AppState) => {
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
    let view: LoadedView;
    try {
      view = await LOADERS[state.mode](state, {
        api,
        library,
        signal: ctl.signal,
        previous: loadedGraph && loadedState ? { graph: loadedGraph, state: loadedState } : null,
      });
    } catch (error) {
      if (isAbort(error) || ctl.signal.aborted) return;
      loading = false;
      progress.hidden = true;
      const text = error instanceof Error ? error.message : String(error);
      hookApi.setView(key, "error", text);
      status.textContent = text;
      const suggestions = error instanceof ApiError ? error.suggestions : [];
      showMessage(
        error instanceof ApiError && error.status === 404 ? "Pattern not found" : "Could not load this view",
        text,
        suggestions.length
          ? h("div", { class: "stage__actions" }, ...suggestions.slice(0, 5).map((s) => h("button", { class: "button button--small", attrs: { type: "button" }, on: { click: () => actions.openPattern(s) }, text: s })))
          : null,
      );
      renderer.clear();
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
    const camera = view.keepCamera ? renderer.getCamera() : state.camera;
    frameTarget = key;
    renderer.setFocus(view.focus ?? []);
    renderer.setRightInset(panelInset());
    loadedInfo = view.info;
    renderer.setGraph(view.graph, view.style, camera, { selected: state.selected, emphasis: emphasisFor(state) });
    performance.mark("atlas:graph-set", { detail: key });
    loadedView = view;
    loadedGraph = view.graph;
    loadedState = state;
    renderLegend(legendRoot, state, view.graph, { actions, domains: () => domains, stats: () => stats });
    controls.update(state, view.info, false);
    if (view.info.mode === "empty") {
      showMessage(view.info.reason, view.info.hint);
      hookApi.setView(key, "empty");
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
    if (state.camera && !view.keepCamera) renderer.setCamera(state.camera, false);
  };

  /** Path view: the chosen path (or all of them) stands out, the rest fades. */
  const emphasisFor = (state: AppState): Emphasis | null => {
    const info = loadedInfo;
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
      if (!previous || previous.selected !== state.selected) renderer.setSelected(state.selected);
      if (!previous || previous.pathIndex !== state.pathIndex) applyEmphasis(state);
      if (history === "none" && !sameCamera(renderer.getCamera(), state.camera)) renderer.setCamera(state.camera, true);
      if (!loading) controls.update(state, loadedInfo, false);
    }
    if (state.selected) panel.show(state.selected);
    else panel.hide();
  };
  store.subscribe((state, previous, history) => reconcile(state, previous, history));
  // ---- issue 6 (web/src/talks): the share button's "Share and export" dialog, Present, embed extras.
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
        renderer.setRightInset(panelInset());
        renderer.fit();
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

  reconcile(store.get(), null, "none");
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
    case "empty":
      return info.reason;
  }
}
