// The Export dialog: exactly what is on screen as a PNG (chosen size and pixel ratio, themed or
// transparent background), as an SVG (vector shapes, labels as text) or as one offline HTML file.
import { currentTheme } from "../theme.ts";
import { h, icon } from "../ui/dom.ts";
import { buildCurrentOfflineHtml } from "./offline-export.ts";
import { offlineFileName } from "./offline-html.ts";
import { checkPngOptions, exportPng, PNG_LIMITS, PNG_PIXEL_RATIOS, type PngPixelRatio } from "./png-export.ts";
import { canvasMeasure, sceneFromSigma } from "./sigma-scene.ts";
import { sceneToSvg } from "./svg-export.ts";
import type { TalksHost } from "./talks-host.ts";
import { describeCurrentView, downloadBlob, talkIcon } from "./ui.ts";

export interface ExportDialog {
  open(): void;
  readonly element: HTMLDialogElement;
}

/** The SVG of the view on screen (same size, camera, colours and labels as the canvas). */
export function currentSvg(host: TalksHost, transparent: boolean): { svg: string; title: string } {
  const current = host.current();
  const { title } = describeCurrentView(current, host.stats());
  const scene = sceneFromSigma(host.renderer.sigma, {
    theme: currentTheme(),
    transparent,
    title: `${title} · Pattern Atlas`,
    placement: current?.view.style.labelPlacement ?? "right",
  });
  return { svg: sceneToSvg(scene, { measureText: canvasMeasure() }), title };
}

export function createExportDialog(host: TalksHost, stage: HTMLElement): ExportDialog {
  const status = h("p", { class: "talks-status", attrs: { role: "status", "aria-live": "polite" } });
  const numberInput = (id: string, label: string) =>
    h("input", { class: "talks-number", attrs: { id, type: "number", min: PNG_LIMITS.minSide, max: PNG_LIMITS.maxSide, step: 1, "aria-label": label } });
  const width = numberInput("talks-png-width", "Image width in pixels");
  const height = numberInput("talks-png-height", "Image height in pixels");
  const ratio = h(
    "select",
    { class: "select", attrs: { id: "talks-png-ratio", "aria-label": "Pixel ratio" } },
    ...PNG_PIXEL_RATIOS.map((r) => h("option", { attrs: { value: r }, text: `${r}×` })),
  );
  // Twice the screen's pixels by default: sharp on projectors and in slide decks.
  ratio.value = "2";
  const transparent = h("input", { attrs: { id: "talks-transparent", type: "checkbox" } });
  const result = h("p", { class: "talks-hint", attrs: { id: "talks-png-result" } });

  const pngOptions = () => ({
    width: Number(width.value),
    height: Number(height.value),
    pixelRatio: Number(ratio.value) as PngPixelRatio,
    transparent: transparent.checked,
    theme: currentTheme(),
  });
  const describeSize = () => {
    const o = pngOptions();
    const problem = checkPngOptions(o);
    result.textContent = problem ?? `The file will be ${o.width * o.pixelRatio} × ${o.height * o.pixelRatio} pixels.`;
  };
  for (const input of [width, height, ratio]) input.addEventListener("input", describeSize);

  /** Runs one export with the buttons disabled and the outcome in the status line. */
  const run = async (button: HTMLButtonElement, what: string, work: () => Promise<void>) => {
    const buttons = [...dialog.querySelectorAll<HTMLButtonElement>("button[data-export]")];
    buttons.forEach((b) => (b.disabled = true));
    status.textContent = `Preparing the ${what}…`;
    try {
      await work();
      status.textContent = `Saved the ${what}.`;
    } catch (error) {
      status.textContent = `Could not export the ${what}: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      button.focus();
    }
  };

  const exportButton = (kind: string, text: string, onClick: (button: HTMLButtonElement) => void) => {
    const button = h("button", { class: "button", attrs: { type: "button", "data-export": kind } }, talkIcon("download", 16), text);
    button.addEventListener("click", () => onClick(button));
    return button;
  };

  const pngButton = exportButton("png", "Download PNG", (button) =>
    run(button, "PNG", async () => {
      const options = pngOptions();
      const problem = checkPngOptions(options);
      if (problem) throw new Error(problem);
      const blob = await exportPng(host.renderer.sigma, options);
      const { title } = describeCurrentView(host.current(), host.stats());
      downloadBlob(offlineFileName(title, "png"), blob);
    }),
  );
  const svgButton = exportButton("svg", "Download SVG", (button) =>
    run(button, "SVG", async () => {
      const { svg, title } = currentSvg(host, transparent.checked);
      downloadBlob(offlineFileName(title, "svg"), new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
    }),
  );
  const htmlButton = exportButton("html", "Download offline HTML", (button) =>
    run(button, "offline snapshot", async () => {
      const { html, title } = await buildCurrentOfflineHtml(host);
      downloadBlob(offlineFileName(title, "html"), new Blob([html], { type: "text/html;charset=utf-8" }));
    }),
  );

  const closeButton = h("button", { class: "icon-button talks-dialog__close", attrs: { type: "button", "aria-label": "Close" } }, icon("close"));
  const dialog = h(
    "dialog",
    { class: "dialog talks-dialog", attrs: { id: "talks-export-dialog", "aria-labelledby": "talks-export-title" } },
    closeButton,
    h("h2", { attrs: { id: "talks-export-title" }, text: "Export this view" }),
    h("p", { class: "talks-hint", text: "Exactly what is on screen: the same framing, colours, highlights and labels." }),
    h(
      "section",
      { class: "talks-section" },
      h("h3", { class: "field-label", text: "Image (PNG)" }),
      h(
        "div",
        { class: "talks-row talks-row--wrap" },
        h("label", { class: "talks-inline" }, "Width", width),
        h("label", { class: "talks-inline" }, "Height", height),
        h("label", { class: "talks-inline" }, "Pixel ratio", ratio),
      ),
      result,
      h("div", { class: "talks-row talks-row--wrap" }, h("label", { class: "check" }, transparent, "Transparent background (PNG and SVG)"), pngButton),
    ),
    h(
      "section",
      { class: "talks-section" },
      h("h3", { class: "field-label", text: "Vector (SVG)" }),
      h("div", { class: "talks-row talks-row--wrap" }, h("p", { class: "talks-hint", text: "Shapes and text for slide tools; labels stay editable." }), svgButton),
    ),
    h(
      "section",
      { class: "talks-section" },
      h("h3", { class: "field-label", text: "Offline snapshot (HTML)" }),
      h(
        "div",
        { class: "talks-row talks-row--wrap" },
        h("p", { class: "talks-hint", text: "One file with the graph, the viewer and its styles: opens from disk without a network; pan, zoom, hover and click still work." }),
        htmlButton,
      ),
    ),
    status,
  );
  closeButton.addEventListener("click", () => dialog.close());
  document.body.appendChild(dialog);

  return {
    element: dialog,
    open() {
      status.textContent = "";
      // Default to the stage's own size, so the image frames the graph as the screen does.
      width.value = String(Math.max(PNG_LIMITS.minSide, Math.min(PNG_LIMITS.maxSide, Math.round(stage.clientWidth))));
      height.value = String(Math.max(PNG_LIMITS.minSide, Math.min(PNG_LIMITS.maxSide, Math.round(stage.clientHeight))));
      describeSize();
      dialog.showModal();
      width.focus();
    },
  };
}
