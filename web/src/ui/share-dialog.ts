// "Share and export": the permalink of the current view, its embed URL and <iframe> snippet (the
// /embed route shows the graph alone and may be framed by any site), and a PNG of the graph at a
// chosen size with the theme's background or a transparent one.
import { downloadAsPNG } from "@sigma/export-image";
import type Sigma from "sigma";
import { themeColors } from "../theme.ts";
import { h, replaceChildren } from "./dom.ts";

export interface ShareDialog {
  open(): void;
}

export function createShareDialog(dialog: HTMLDialogElement, sigmaOf: () => Sigma, fileStem: () => string): ShareDialog {
  const permalink = field("share-permalink", "Link to this view");
  const embedUrl = field("share-embed-url", "Embed URL");
  const snippet = h("textarea", { class: "share__code", attrs: { id: "share-snippet", rows: 4, readonly: true, spellcheck: "false" } });
  const width = numberInput("share-width", 800);
  const height = numberInput("share-height", 500);
  const pngWidth = numberInput("share-png-width", 1920);
  const pngHeight = numberInput("share-png-height", 1080);
  const transparent = h("input", { attrs: { type: "checkbox", id: "share-transparent" } });
  const status = h("p", { class: "hint", attrs: { role: "status", "aria-live": "polite" } });

  const embedHref = () => {
    const url = new URL(window.location.href);
    url.pathname = "/embed";
    return url.href;
  };
  const refresh = () => {
    permalink.input.value = window.location.href;
    embedUrl.input.value = embedHref();
    // The URL is put into an attribute of markup the user copies elsewhere: escape what could end it.
    const src = embedHref().replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    snippet.value = `<iframe src="${src}" width="${Number(width.value) || 800}" height="${Number(height.value) || 500}" style="border:0" title="Pattern Atlas graph" loading="lazy"></iframe>`;
  };
  width.addEventListener("input", refresh);
  height.addEventListener("input", refresh);

  const exportPng = async () => {
    status.textContent = "Rendering…";
    const w = clamp(Number(pngWidth.value), 100, 8000);
    const hgt = clamp(Number(pngHeight.value), 100, 8000);
    const sigma = sigmaOf();
    try {
      await downloadAsPNG(sigma, {
        width: w,
        height: hgt,
        fileName: fileStem(),
        backgroundColor: transparent.checked ? "transparent" : themeColors().background,
        cameraState: sigma.getCamera().getState(),
      });
      status.textContent = `Saved ${fileStem()}.png (${w}×${hgt}).`;
    } catch (error) {
      status.textContent = `Could not export: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  replaceChildren(
    dialog,
    h("h2", { attrs: { id: "share-title" }, text: "Share and export" }),
    h("section", { class: "share__section" }, permalink.label, permalink.row),
    h(
      "section",
      { class: "share__section" },
      embedUrl.label,
      embedUrl.row,
      h("div", { class: "field-row" }, labelled("Width", width), labelled("Height", height)),
      h("label", { class: "field-label", attrs: { for: "share-snippet" }, text: "Embed snippet" }),
      snippet,
      copyButton(snippet, "Copy snippet"),
    ),
    h(
      "section",
      { class: "share__section" },
      h("h3", { class: "share__heading", text: "PNG image" }),
      h("div", { class: "field-row" }, labelled("Width (px)", pngWidth), labelled("Height (px)", pngHeight)),
      h("label", { class: "check" }, transparent, h("span", { text: "Transparent background" })),
      h("div", { class: "share__actions" }, h("button", { class: "button", attrs: { type: "button", id: "share-png" }, on: { click: () => void exportPng() }, text: "Download PNG" })),
      status,
    ),
    h("form", { attrs: { method: "dialog" }, class: "share__close" }, h("button", { class: "button", attrs: { type: "submit" }, text: "Close" })),
  );
  dialog.setAttribute("aria-labelledby", "share-title");

  return {
    open() {
      status.textContent = "";
      refresh();
      dialog.showModal();
    },
  };
}

function field(id: string, label: string) {
  const input = h("input", { class: "share__input", attrs: { id, type: "text", readonly: true, spellcheck: "false" } });
  return {
    input,
    label: h("label", { class: "field-label", attrs: { for: id }, text: label }),
    row: h("div", { class: "share__row" }, input, copyButton(input, "Copy")),
  };
}

function copyButton(source: HTMLInputElement | HTMLTextAreaElement, label: string): HTMLButtonElement {
  const button = h("button", { class: "button button--small", attrs: { type: "button" }, text: label });
  button.addEventListener("click", async () => {
    source.select();
    try {
      await navigator.clipboard.writeText(source.value);
      button.textContent = "Copied";
    } catch {
      // No clipboard permission (e.g. plain http): the text is selected for Ctrl+C instead.
      button.textContent = "Press Ctrl+C";
    }
    window.setTimeout(() => (button.textContent = label), 1500);
  });
  return button;
}

function numberInput(id: string, value: number): HTMLInputElement {
  return h("input", { class: "share__number", attrs: { id, type: "number", min: 100, max: 8000, step: 10, value } });
}

function labelled(text: string, input: HTMLInputElement): HTMLElement {
  return h("label", { class: "field" }, h("span", { class: "field-label", text }), input);
}

const clamp = (n: number, min: number, max: number) => (Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : min);
