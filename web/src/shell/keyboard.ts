// The explorer's keys (the help dialog lists them): Escape closes what is open, the rest act on the
// current view unless the reader is typing. Listed in docs/explorer.md.
import type { GraphRenderer } from "../graph/renderer.ts";
import type { Actions } from "../state/actions.ts";
import { VIEW_MODES } from "../../../core/explorer-url.ts";
import { DEPTH_RANGE, type AppState } from "../state/app-state.ts";
import { applyTheme, currentTheme } from "../theme.ts";
import { byId, isTypingTarget } from "../ui/dom.ts";
import type { ViewInfo } from "../views/view.ts";
import type { TopBar } from "./top-bar.ts";

export interface KeyboardDeps {
  state(): AppState;
  /** The facts of the view on screen (null while none is). */
  info(): ViewInfo | null;
  actions: Actions;
  renderer: GraphRenderer;
  topBar: TopBar;
  panelRoot: HTMLElement;
  focusSearch(): void;
  fitView(): void;
}

export function installKeyboard(deps: KeyboardDeps): void {
  const { actions, renderer, topBar } = deps;
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (topBar.helpDialog.open) return; // the dialog closes itself
      if (topBar.closeSidebar()) return;
      if (deps.state().selected) {
        const inPanel = deps.panelRoot.contains(document.activeElement);
        actions.select(null);
        if (inPanel) byId("graph").focus();
      } else if (deps.state().mode === "gaps" && deps.state().finding && !isTypingTarget(event.target)) {
        actions.openFinding(null);
      }
      return;
    }
    if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    const state = deps.state();
    const info = deps.info();
    switch (event.key) {
      case "/":
        event.preventDefault();
        deps.focusSearch();
        break;
      case "?":
        topBar.helpDialog.showModal();
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
        deps.fitView();
        break;
      case "c":
        // Lineage: fold or unfold the selected pattern's descendants.
        if (state.mode === "lineage" && state.selected && info?.mode === "lineage" && state.selected !== info.lineage.root) actions.toggleCollapsed(state.selected);
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
}
