// Wires issue 6 into the explorer with one call from app.ts: Share, Export and Present buttons in
// the top bar (and `p` to present), their dialogs, and the embed page's extras (a link back to the
// full explorer, no zoom buttons when interaction is off). Also a read-only `window.__atlasTalks`.
import { parseDisplayOptions, serializeState } from "../state/url-state.ts";
import { h, icon, isTypingTarget } from "../ui/dom.ts";
import { createExportDialog, currentSvg } from "./export-dialog.ts";
import { buildCurrentOfflineHtml } from "./offline-export.ts";
import { exportPng, type PngOptions } from "./png-export.ts";
import { createPresentation, type PresentationStatus } from "./presentation-mode.ts";
import { createShareDialog } from "./share-dialog.ts";
import { buildShareLinks, EMBED_FLAG_DEFAULTS } from "./share-links.ts";
import type { TalksHost } from "./talks-host.ts";
import { talkIcon } from "./ui.ts";
import "./talks.css";

export interface TalksHook {
  presentation(): PresentationStatus | null;
  present(): Promise<void>;
  /** The PNG of the view as a data URL (tests check its size without going through a download). */
  png(options: PngOptions): Promise<string>;
  svg(transparent?: boolean): string;
  offlineHtml(): Promise<string>;
}

declare global {
  interface Window {
    __atlasTalks?: TalksHook;
  }
}

export interface TalksSlots {
  /** Where the top-bar buttons go (before its existing children). */
  actions: HTMLElement;
  /** The graph's stage: presentation captions and embed extras are placed over it. */
  stage: HTMLElement;
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("Could not read the image."));
    reader.readAsDataURL(blob);
  });
}

/** Installs the talks features; returns the presentation so the app could drive it too. */
export function installTalks(host: TalksHost, slots: TalksSlots): void {
  const display = parseDisplayOptions(window.location.search, window.location.pathname);
  const presentation = createPresentation(host, slots.stage);
  window.__atlasTalks = {
    presentation: () => presentation.status(),
    present: () => presentation.start(),
    png: async (options) => blobToDataUrl(await exportPng(host.renderer.sigma, options)),
    svg: (transparent = false) => currentSvg(host, transparent).svg,
    offlineHtml: async () => (await buildCurrentOfflineHtml(host)).html,
  };

  if (display.embed) {
    installEmbedExtras(host, slots.stage, display.interactive);
    return;
  }

  let share: ReturnType<typeof createShareDialog> | null = null;
  let exporter: ReturnType<typeof createExportDialog> | null = null;
  const button = (id: string, label: string, text: string, glyph: SVGSVGElement, onClick: () => void) =>
    h("button", { class: "button button--small talks-button", attrs: { id, type: "button", title: label, "aria-label": label }, on: { click: onClick } }, glyph, h("span", { class: "talks-button__text", text }));
  const group = h(
    "div",
    { class: "talks-actions", attrs: { role: "group", "aria-label": "Share, export and present" } },
    button("talks-share", "Share: permalink, embed, oEmbed", "Share", icon("share", 16), () => (share ??= createShareDialog(host)).open()),
    button("talks-export", "Export: PNG, SVG, offline HTML", "Export", talkIcon("download", 16), () => (exporter ??= createExportDialog(host, slots.stage)).open()),
    button("talks-present", "Present: full screen, step through the path or lineage (p)", "Present", talkIcon("present", 16), () => void presentation.start()),
  );
  slots.actions.prepend(group);

  document.addEventListener("keydown", (event) => {
    if (event.key !== "p" || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    if (presentation.active || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    void presentation.start();
  });
  // Say so in the keyboard help, when the page has one.
  const shortcuts = document.querySelector("#help-dialog .shortcuts");
  if (shortcuts) shortcuts.append(h("dt", {}, h("kbd", { text: "p" })), h("dd", { text: "Present: full screen, ← → or Page Up/Down step through a path or lineage" }));
}

/** In an embed: a link to the same view in the full explorer, kept current as the view changes. */
function installEmbedExtras(host: TalksHost, stage: HTMLElement, interactive: boolean): void {
  document.body.classList.toggle("talks-static", !interactive);
  const link = h("a", { class: "talks-open-full", attrs: { target: "_blank", rel: "noopener", title: "Open this view in Pattern Atlas" } }, "Pattern Atlas ", talkIcon("link", 13));
  const update = () => {
    const links = buildShareLinks(window.location.origin, serializeState(host.state()), { flags: { ...EMBED_FLAG_DEFAULTS }, width: 800, height: 600, theme: null });
    link.href = links.permalink;
  };
  update();
  host.onChange(update);
  stage.append(link);
}
