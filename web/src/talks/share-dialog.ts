// The "Share and export" dialog. Share: the permalink, the embed URL with its display switches
// (legend, labels, search, interaction, theme) as an <iframe> snippet of a chosen size, and the oEmbed
// URL, each with a copy button. Export exactly what is on screen: a PNG (file size, pixel ratio,
// themed or transparent), an SVG, one offline HTML file, or the graph's data for other tools (GEXF,
// GraphML, JSON, CSV), of the view or of the whole library. Data goes in through value/textContent.
import { currentTheme } from "../theme.ts";
import { h, icon, replaceChildren } from "../ui/dom.ts";
import { buildCurrentOfflineHtml } from "./offline-export.ts";
import { EXPORT_FORMATS, type ExportFormat } from "../../../graph/export/formats.ts";
import { checkPngOptions, exportPng, PNG_LIMITS, PNG_PIXEL_RATIOS, type PngDrawn, type PngPixelRatio } from "./png-export.ts";
import { buildShareLinks, clampEmbedSize, type EmbedChoice } from "./share-links.ts";
import { DEFAULT_EMBED_SIZE, EMBED_FLAG_DEFAULTS, EMBED_FLAGS, type EmbedFlag } from "../../../core/embed.ts";
import type { TalksHost } from "./talks-host.ts";
import { copyText, currentSvg, describeCurrentView, downloadBlob, exportFileName, talkIcon, viewEdgeLabels, viewLegend } from "./ui.ts";
import { SLIDE_SIZES } from "./svg-export.ts";

/** What each graph data format is for, in the format menu. */
const GRAPH_FORMAT_LABELS: Record<ExportFormat, string> = {
  gexf: "GEXF: Gephi, Gephi Lite",
  graphml: "GraphML: yEd, Cytoscape, NetworkX",
  json: "JSON: graphology (node-link)",
  "csv-nodes": "CSV: nodes table",
  "csv-links": "CSV: links table",
};

const FLAG_LABELS: Record<EmbedFlag, string> = {
  legend: "Legend",
  labels: "Labels",
  search: "Search box",
  interactive: "Pan, zoom, click",
};

export interface ShareDialog {
  open(): void;
  readonly element: HTMLDialogElement;
}

/** Fills `dialog` (the page's #share-dialog) with the share and export controls; `pngDrawn` is told what each PNG drew (the test hook, install.ts). */
export function createShareDialog(host: TalksHost, dialog: HTMLDialogElement, stage: HTMLElement, pngDrawn?: (what: PngDrawn) => void): ShareDialog {
  const choice: EmbedChoice = { flags: { ...EMBED_FLAG_DEFAULTS }, width: DEFAULT_EMBED_SIZE.width, height: DEFAULT_EMBED_SIZE.height, theme: null };
  const status = h("p", { class: "talks-status", attrs: { role: "status", "aria-live": "polite" } });

  // ---- share
  const readonlyField = (id: string, label: string) =>
    h("input", { class: "talks-field", attrs: { id, type: "text", readonly: true, spellcheck: "false", "aria-label": label } });
  const permalink = readonlyField("share-permalink", "Permalink");
  const embedUrl = readonlyField("share-embed-url", "Embed URL");
  const oembed = readonlyField("share-oembed", "oEmbed URL");
  const snippet = h("textarea", { class: "talks-field talks-field--code", attrs: { id: "share-snippet", readonly: true, rows: 3, spellcheck: "false", "aria-label": "iframe snippet" } });
  const preview = h("a", { class: "text-button", attrs: { id: "share-embed-preview", target: "_blank", rel: "noopener" }, text: "Open the embed ↗" });

  const copyButton = (field: HTMLInputElement | HTMLTextAreaElement, what: string) =>
    h(
      "button",
      {
        class: "button button--small",
        attrs: { type: "button", "data-copy": field.id, title: `Copy the ${what}`, "aria-label": `Copy the ${what}` },
        on: {
          click: async () => {
            const ok = await copyText(field.value, field);
            status.textContent = ok ? `Copied the ${what}.` : `The ${what} is selected: press Ctrl+C (or ⌘C) to copy it.`;
          },
        },
      },
      talkIcon("copy", 15),
    );

  const embedSize = (name: "width" | "height") => {
    const input = h("input", {
      class: "talks-number",
      attrs: { id: `share-${name}`, type: "number", min: 120, max: 4096, step: 10, value: choice[name], "aria-label": `Embed ${name} in pixels` },
    });
    // Live while typing; clamped into range once the field is left.
    input.addEventListener("input", () => {
      choice[name] = clampEmbedSize(input.value, DEFAULT_EMBED_SIZE[name]);
      refreshLinks();
    });
    input.addEventListener("change", () => (input.value = String(choice[name])));
    return input;
  };
  const width = embedSize("width");
  const height = embedSize("height");
  const flagBoxes = EMBED_FLAGS.map((flag) => {
    const box = h("input", { attrs: { type: "checkbox", "data-flag": flag, checked: choice.flags[flag] } });
    box.addEventListener("change", () => {
      choice.flags[flag] = box.checked;
      refreshLinks();
    });
    return h("label", { class: "check" }, box, FLAG_LABELS[flag]);
  });
  const embedTheme = h(
    "select",
    { class: "select", attrs: { id: "share-embed-theme", "aria-label": "Embed theme" } },
    h("option", { attrs: { value: "" }, text: "Viewer's theme" }),
    h("option", { attrs: { value: "light" }, text: "Light" }),
    h("option", { attrs: { value: "dark" }, text: "Dark" }),
  );
  embedTheme.addEventListener("change", () => {
    choice.theme = embedTheme.value === "light" || embedTheme.value === "dark" ? embedTheme.value : null;
    refreshLinks();
  });

  function refreshLinks(): void {
    const { title } = describeCurrentView(host.current(), host.stats());
    // The address bar is the view's URL (the explorer keeps it current); display flags are dropped.
    const links = buildShareLinks(window.location.origin, window.location.search, choice, `${title} · Pattern Atlas`);
    permalink.value = links.permalink;
    embedUrl.value = links.embedUrl;
    snippet.value = links.iframeHtml;
    oembed.value = links.oembedUrl;
    preview.href = links.embedUrl;
  }

  // ---- export
  const pngSize = (name: "width" | "height") =>
    h("input", { class: "talks-number", attrs: { id: `share-png-${name}`, type: "number", min: PNG_LIMITS.minSide, max: PNG_LIMITS.maxSide, step: 1, "aria-label": `Image ${name} in pixels` } });
  const pngWidth = pngSize("width");
  const pngHeight = pngSize("height");
  const ratio = h("select", { class: "select", attrs: { id: "share-png-ratio", "aria-label": "Pixel ratio" } }, ...PNG_PIXEL_RATIOS.map((r) => h("option", { attrs: { value: r }, text: `${r}×` })));
  // Twice the density of a plain screen by default: crisp on projectors and in slide decks.
  ratio.value = "2";
  const transparent = h("input", { attrs: { id: "share-transparent", type: "checkbox" } });
  // Slides are 16:9: the exports default to a full-HD slide; "screen" keeps the stage's own size.
  const slide = h(
    "select",
    { class: "select", attrs: { id: "share-slide", "aria-label": "Size" } },
    ...SLIDE_SIZES.map((s) => h("option", { attrs: { value: `${s.width}x${s.height}` }, text: `${s.width} × ${s.height} (16:9)` })),
    h("option", { attrs: { value: "screen" }, text: "As on screen" }),
  );
  const slideSize = (): { width: number; height: number } | null => {
    const m = /^(\d+)x(\d+)$/.exec(slide.value);
    return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
  };
  const legend = h("input", { attrs: { id: "share-legend", type: "checkbox", checked: true } });
  const linkLabels = h("input", { attrs: { id: "share-link-labels", type: "checkbox" } });
  const pngNote = h("p", { class: "talks-hint", attrs: { id: "share-png-note" } });
  const pngOptions = () => ({
    width: Number(pngWidth.value),
    height: Number(pngHeight.value),
    pixelRatio: Number(ratio.value) as PngPixelRatio,
    transparent: transparent.checked,
    theme: currentTheme(),
  });
  const describePng = () => {
    const o = pngOptions();
    pngNote.textContent = checkPngOptions(o) ?? `Drawn as on a ${Math.round(o.width / o.pixelRatio)} × ${Math.round(o.height / o.pixelRatio)} screen at ${o.pixelRatio}× density.`;
  };
  for (const input of [pngWidth, pngHeight, ratio]) input.addEventListener("input", describePng);
  /** A slide size fills the PNG's width and height; "As on screen" the stage at the chosen density. */
  const applySlide = () => {
    const size = slideSize();
    const r = Number(ratio.value);
    const clamp = (n: number) => String(Math.min(PNG_LIMITS.maxSide, Math.max(PNG_LIMITS.minSide, n)));
    pngWidth.value = clamp(size ? size.width : Math.round(stage.clientWidth) * r);
    pngHeight.value = clamp(size ? size.height : Math.round(stage.clientHeight) * r);
    describePng();
  };
  slide.addEventListener("change", applySlide);

  const run = async (button: HTMLButtonElement, what: string, work: () => Promise<string>) => {
    const buttons = [...dialog.querySelectorAll<HTMLButtonElement>("button[data-export]")];
    buttons.forEach((b) => (b.disabled = true));
    status.textContent = `Preparing the ${what}…`;
    try {
      status.textContent = `Saved ${await work()}.`;
    } catch (error) {
      status.textContent = `Could not export the ${what}: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      button.focus();
    }
  };
  const exportButton = (id: string, kind: string, text: string, what: string, work: () => Promise<string>) => {
    const button = h("button", { class: "button button--small", attrs: { id, type: "button", "data-export": kind } }, talkIcon("download", 15), text);
    button.addEventListener("click", () => void run(button, what, work));
    return button;
  };
  const pngButton = exportButton("share-png", "png", "Download PNG", "PNG", async () => {
    const options = pngOptions();
    const blob = await exportPng(
      host.renderer.sigma,
      { ...options, legend: legend.checked ? viewLegend(host) : null, edgeLabels: linkLabels.checked ? viewEdgeLabels(host) : null },
      host.renderer.regionLabels(),
      pngDrawn,
    );
    const name = `${exportFileName(host.state())}.png`;
    downloadBlob(name, blob);
    return `${name} (${options.width} × ${options.height})`;
  });
  const svgButton = exportButton("share-svg", "svg", "Download SVG", "SVG", async () => {
    const { svg } = currentSvg(host, transparent.checked, { legend: legend.checked, linkLabels: linkLabels.checked, size: slideSize() });
    const name = `${exportFileName(host.state())}.svg`;
    downloadBlob(name, new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
    return name;
  });
  const htmlButton = exportButton("share-html", "html", "Download offline HTML", "offline snapshot", async () => {
    const { html } = await buildCurrentOfflineHtml(host);
    const name = `${exportFileName(host.state())}.html`;
    downloadBlob(name, new Blob([html], { type: "text/html;charset=utf-8" }));
    return name;
  });

  // ---- graph data: the view from the graph on screen (written here), the library from the API.
  const graphFormat = h(
    "select",
    { class: "select", attrs: { id: "share-graph-format", "aria-label": "Graph data format" } },
    ...EXPORT_FORMATS.map((f) => h("option", { attrs: { value: f }, text: GRAPH_FORMAT_LABELS[f] })),
  );
  const libraryLink = h("a", { class: "button button--small", attrs: { id: "share-graph-library", "data-export": "graph-library" } }, talkIcon("download", 15), "Whole library");
  const refreshLibraryLink = () => {
    libraryLink.href = host.api.exportUrl(graphFormat.value as ExportFormat);
    libraryLink.title = `Every pattern and link of the library, with all their attributes (${GRAPH_FORMAT_LABELS[graphFormat.value as ExportFormat]})`;
  };
  graphFormat.addEventListener("change", refreshLibraryLink);
  refreshLibraryLink();
  const graphButton = exportButton("share-graph-view", "graph", "This view", "graph data", async () => {
    const current = host.current();
    if (!current) throw new Error("Nothing is drawn yet: wait for the view to load.");
    const format = graphFormat.value as ExportFormat;
    const { exportView } = await import("./graph-export.ts");
    const { title } = describeCurrentView(current, host.stats());
    const { blob, ending } = exportView(host.renderer.getGraph(), title, current.view.info.mode, format);
    const name = `${exportFileName(host.state())}${ending}`;
    downloadBlob(name, blob);
    return name;
  });

  const section = (title: string, ...children: (Node | null)[]) => h("section", { class: "talks-section" }, h("h3", { class: "talks-heading", text: title }), ...children);
  const inline = (label: string, control: HTMLElement) => h("label", { class: "talks-inline" }, label, control);
  const closeButton = h("button", { class: "icon-button talks-dialog__close", attrs: { type: "button", "aria-label": "Close" } }, icon("close"));
  closeButton.addEventListener("click", () => dialog.close());

  dialog.classList.add("talks-dialog");
  dialog.setAttribute("aria-labelledby", "share-title");
  replaceChildren(
    dialog,
    closeButton,
    h("h2", { attrs: { id: "share-title" }, text: "Share and export" }),
    h(
      "div",
      { class: "talks-columns" },
      h(
        "div",
        { class: "talks-column" },
        section("Link to this view", h("div", { class: "talks-row" }, permalink, copyButton(permalink, "permalink"))),
        section(
          "Embed in a page or a slide",
          h("div", { class: "talks-checks" }, ...flagBoxes),
          h("div", { class: "talks-row talks-row--wrap" }, inline("Width", width), inline("Height", height), inline("Theme", embedTheme)),
          h("label", { class: "field-label", attrs: { for: "share-embed-url" }, text: "Embed URL" }),
          h("div", { class: "talks-row" }, embedUrl, copyButton(embedUrl, "embed URL")),
          h("label", { class: "field-label", attrs: { for: "share-snippet" }, text: "<iframe> snippet" }),
          h("div", { class: "talks-row" }, snippet, copyButton(snippet, "iframe snippet")),
          h("label", { class: "field-label", attrs: { for: "share-oembed" }, text: "oEmbed (for sites that embed from a URL)" }),
          h("div", { class: "talks-row" }, oembed, copyButton(oembed, "oEmbed URL")),
          preview,
        ),
      ),
      h(
        "div",
        { class: "talks-column" },
        section(
          "Image (PNG)",
          h("div", { class: "talks-row talks-row--wrap" }, inline("Size", slide)),
          h("div", { class: "talks-row talks-row--wrap" }, inline("Width", pngWidth), inline("Height", pngHeight), inline("Pixel ratio", ratio)),
          pngNote,
          h("label", { class: "check" }, transparent, "Transparent background (PNG and SVG)"),
          h("div", { class: "talks-row talks-row--wrap" }, h("label", { class: "check" }, legend, "Legend"), h("label", { class: "check" }, linkLabels, "Link labels"), h("span", { class: "talks-hint", text: "(PNG and SVG)" })),
          h("div", { class: "talks-row" }, pngButton),
        ),
        section(
          "Vector (SVG)",
          h("p", { class: "talks-hint", text: "Shapes and text for slide tools at the size above, with the legend and link labels chosen above; the labels stay editable." }),
          h("div", { class: "talks-row" }, svgButton),
        ),
        section(
          "Offline snapshot (HTML)",
          h("p", { class: "talks-hint", text: "One file with the graph, viewer and styles: opens from disk with no network, and pan, zoom, hover and click still work." }),
          h("div", { class: "talks-row" }, htmlButton),
        ),
        section(
          "Graph data",
          h("p", {
            class: "talks-hint",
            text: "For Gephi, yEd, Cytoscape, NetworkX or a spreadsheet. This view: what is on screen, with positions and colours. Whole library: every pattern and link with all attributes; targets that match no pattern as placeholder nodes marked dangling.",
          }),
          h("div", { class: "talks-row" }, h("label", { class: "talks-inline talks-inline--grow" }, "Format", graphFormat)),
          h("div", { class: "talks-row talks-row--wrap" }, graphButton, libraryLink),
        ),
      ),
    ),
    status,
  );

  return {
    element: dialog,
    open() {
      status.textContent = "";
      refreshLinks();
      applySlide();
      dialog.showModal();
      permalink.focus();
      permalink.select();
    },
  };
}
