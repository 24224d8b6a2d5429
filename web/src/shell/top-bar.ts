// The top bar's buttons: one per view, the theme switch, the keyboard help, the sidebar toggle (narrow
// screens) and the zoom buttons over the stage. It owns their elements; the controller says which
// view is current.
import type { GraphRenderer } from "../graph/renderer.ts";
import type { Actions } from "../state/actions.ts";
import { VIEW_MODES } from "../../../core/explorer-url.ts";
import { VIEW_LABELS, type AppState } from "../state/app-state.ts";
import { applyTheme, currentTheme, onThemeChange } from "../theme.ts";
import { byId, h, icon, replaceChildren } from "../ui/dom.ts";

export interface TopBarDeps {
  actions: Actions;
  renderer: GraphRenderer;
  /** The fit button's work (and the "0" key's). */
  fitView(): void;
  /** After the theme switched: whatever else repaints. */
  themeChanged(): void;
}

export interface TopBar {
  /** Marks `mode`'s button as the current view. */
  showMode(mode: AppState["mode"]): void;
  readonly helpDialog: HTMLDialogElement;
  /** Closes the narrow screens' sidebar drawer; false when it was not open. */
  closeSidebar(): boolean;
}

export function createTopBar({ actions, renderer, fitView, themeChanged }: TopBarDeps): TopBar {
  const modeButtons = VIEW_MODES.map((mode, i) =>
    h(
      "button",
      { class: "mode", attrs: { type: "button", "data-mode": mode, title: `${VIEW_LABELS[mode]} (${i + 1})` }, on: { click: () => actions.setMode(mode) } },
      VIEW_LABELS[mode],
    ),
  );
  replaceChildren(byId("modes"), ...modeButtons);

  const themeButton = byId("theme-toggle");
  const paintThemeButton = () => replaceChildren(themeButton, icon(currentTheme() === "dark" ? "sun" : "moon"));
  paintThemeButton();
  themeButton.addEventListener("click", () => applyTheme(currentTheme() === "dark" ? "light" : "dark", true));
  onThemeChange(() => {
    paintThemeButton();
    themeChanged();
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
  byId("zoom-fit").addEventListener("click", fitView);

  return {
    showMode(mode) {
      modeButtons.forEach((b) => {
        const on = b.dataset.mode === mode;
        b.classList.toggle("mode--active", on);
        if (on) b.setAttribute("aria-current", "page");
        else b.removeAttribute("aria-current");
      });
      document.body.dataset.mode = mode;
    },
    helpDialog,
    closeSidebar() {
      if (!document.body.classList.contains("sidebar-open")) return false;
      document.body.classList.remove("sidebar-open");
      sidebarToggle.setAttribute("aria-expanded", "false");
      sidebarToggle.focus();
      return true;
    },
  };
}
