// Wires the graphs-for-talks features into the explorer with one call from app.ts: the top bar's
// share button opens the "Share and export" dialog, a Present button (and `p`) starts presentation
// mode, and the embed page gets its extras (a link back to the full explorer, a floating search box
// when asked for, no zoom buttons when interaction is off). Also a read-only `window.__atlasTalks`
// for tests.
import { parseDisplayOptions } from "../state/url-state.ts";
import { h, icon, isTypingTarget } from "../ui/dom.ts";
import { buildCurrentOfflineHtml } from "./offline-export.ts";
import { exportPng, type PngDrawn, type PngOptions } from "./png-export.ts";
import { createPresentation, type PresentationStatus } from "./presentation-mode.ts";
import { createShareDialog } from "./share-dialog.ts";
import { buildShareLinks } from "./share-links.ts";
import { DEFAULT_EMBED_SIZE, EMBED_FLAG_DEFAULTS } from "../../../core/embed.ts";
import type { TalksHost } from "./talks-host.ts";
import { currentSvg, talkIcon, type SvgChoice } from "./ui.ts";
import "./talks.css";

export interface TalksHook {
  presentation(): PresentationStatus | null;
  present(): Promise<void>;
  /** The PNG of the view as a data URL (for checks that need no download). */
  png(options: PngOptions): Promise<string>;
  /** What the last PNG (through `png` or the share dialog) drew: its dots and its legend's box, in the image's CSS pixels. */
  lastPng(): PngDrawn | null;
  svg(transparent?: boolean, choice?: SvgChoice): string;
  offlineHtml(): Promise<string>;
}

declare global {
  interface Window {
    __atlasTalks?: TalksHook;
  }
}

export interface TalksSlots {
  /** The top bar's share button and the (empty) dialog it opens. */
  shareButton: HTMLElement;
  shareDialog: HTMLDialogElement;
  /** The graph's stage: presentation captions and embed extras are placed over it. */
  stage: HTMLElement;
  /** The search box's slot, floated over the graph in an embed that asks for search. */
  searchSlot: HTMLElement;
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("Could not read the image."));
    reader.readAsDataURL(blob);
  });
}

export function installTalks(host: TalksHost, slots: TalksSlots): void {
  const display = parseDisplayOptions(window.location.search, window.location.pathname);
  const presentation = createPresentation(host, slots.stage);
  let lastPng: PngDrawn | null = null;
  const pngDrawn = (what: PngDrawn) => void (lastPng = what);
  window.__atlasTalks = {
    presentation: () => presentation.status(),
    present: () => presentation.start(),
    png: async (options) => blobToDataUrl(await exportPng(host.renderer.sigma, options, host.renderer.regionLabels(), pngDrawn)),
    lastPng: () => lastPng,
    svg: (transparent = false, choice = {}) => currentSvg(host, transparent, choice).svg,
    offlineHtml: async () => (await buildCurrentOfflineHtml(host)).html,
  };

  if (display.embed) {
    installEmbedExtras(host, slots, display);
    return;
  }

  let share: ReturnType<typeof createShareDialog> | null = null;
  if (!slots.shareButton.firstChild) slots.shareButton.append(icon("share"));
  slots.shareButton.addEventListener("click", () => (share ??= createShareDialog(host, slots.shareDialog, slots.stage, pngDrawn)).open());

  const presentButton = h(
    "button",
    {
      class: "button button--small talks-present",
      attrs: { id: "present-button", type: "button", title: "Present: full screen; step through a path or lineage with ← → (p)" },
      on: { click: () => void presentation.start() },
    },
    talkIcon("present", 16),
    h("span", { class: "talks-present__text", text: "Present" }),
  );
  slots.shareButton.before(presentButton);
  // A phone's top bar has no room for it (the search field takes it): there it heads the controls
  // drawer instead, which it closes before the presentation covers the screen.
  const drawer = document.getElementById("sidebar");
  if (drawer) {
    const startFromDrawer = () => {
      if (document.body.classList.contains("sidebar-open")) document.getElementById("sidebar-toggle")?.click();
      void presentation.start();
    };
    drawer.prepend(
      h(
        "button",
        { class: "button talks-present-drawer", attrs: { id: "present-drawer-button", type: "button", title: "Present: full screen; step through a path or lineage" }, on: { click: startFromDrawer } },
        talkIcon("present", 16),
        h("span", { text: "Present" }),
      ),
    );
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "p" || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    if (presentation.active || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    void presentation.start();
  });
  // Say so in the keyboard help, when the page has one.
  const shortcuts = document.querySelector("#help-dialog .shortcuts");
  shortcuts?.append(h("dt", {}, h("kbd", { text: "p" })), h("dd", { text: "Present: full screen; ← → or Page Up/Down step through a path or lineage" }));
}

/** In an embed: a link to the same view in the full explorer, kept current as the view changes. */
function installEmbedExtras(host: TalksHost, slots: TalksSlots, display: { search: boolean; interactive: boolean }): void {
  document.body.classList.toggle("talks-static", !display.interactive);
  if (display.search) {
    // The top bar is hidden in an embed; the search box floats over the graph instead.
    slots.searchSlot.hidden = false;
    slots.searchSlot.classList.add("talks-embed-search");
    slots.stage.append(slots.searchSlot);
  }
  const link = h("a", { class: "talks-open-full", attrs: { target: "_blank", rel: "noopener", title: "Open this view in Pattern Atlas" } }, "Pattern Atlas ", talkIcon("link", 13));
  const update = () => {
    link.href = buildShareLinks(window.location.origin, window.location.search, { flags: { ...EMBED_FLAG_DEFAULTS }, ...DEFAULT_EMBED_SIZE, theme: null }).permalink;
  };
  update();
  host.onChange(update);
  slots.stage.append(link);
  host.keepLabelsFrom(link);
}
