// The Share dialog: the permalink of the view, its embed URL as an <iframe> snippet of a chosen
// size with display switches (legend, labels, search, pan and zoom, theme), and the oEmbed URL,
// each with a copy button. Everything is set through value/textContent, never as markup.
import { serializeState } from "../state/url-state.ts";
import { h, icon, replaceChildren } from "../ui/dom.ts";
import { buildShareLinks, clampEmbedSize, DEFAULT_EMBED_SIZE, EMBED_FLAG_DEFAULTS, EMBED_FLAGS, type EmbedChoice, type EmbedFlag } from "./share-links.ts";
import type { TalksHost } from "./talks-host.ts";
import { copyText, describeCurrentView, talkIcon } from "./ui.ts";

const FLAG_LABELS: Record<EmbedFlag, string> = {
  legend: "Legend",
  labels: "Labels",
  search: "Search box",
  interactive: "Pan, zoom and click",
};

export interface ShareDialog {
  open(): void;
  readonly element: HTMLDialogElement;
}

export function createShareDialog(host: TalksHost): ShareDialog {
  const choice: EmbedChoice = { flags: { ...EMBED_FLAG_DEFAULTS }, width: DEFAULT_EMBED_SIZE.width, height: DEFAULT_EMBED_SIZE.height, theme: null };
  const status = h("p", { class: "talks-status", attrs: { role: "status", "aria-live": "polite" } });

  const readonlyField = (id: string, label: string) => h("input", { class: "talks-field", attrs: { id, type: "text", readonly: true, spellcheck: "false", "aria-label": label } });
  const permalink = readonlyField("talks-permalink", "Permalink");
  const oembed = readonlyField("talks-oembed", "oEmbed URL");
  const snippet = h("textarea", { class: "talks-field talks-field--code", attrs: { id: "talks-iframe", readonly: true, rows: 3, spellcheck: "false", "aria-label": "iframe snippet" } });
  const preview = h("a", { class: "text-button", attrs: { id: "talks-embed-preview", target: "_blank", rel: "noopener" }, text: "Open the embed on its own ↗" });

  const copyButton = (field: HTMLInputElement | HTMLTextAreaElement, what: string) =>
    h(
      "button",
      {
        class: "button button--small",
        attrs: { type: "button", "data-copy": field.id, title: `Copy the ${what}` },
        on: {
          click: async () => {
            const ok = await copyText(field.value, field);
            status.textContent = ok ? `Copied the ${what}.` : `Could not copy; select the ${what} and copy it by hand.`;
          },
        },
      },
      talkIcon("copy", 15),
      "Copy",
    );

  const sizeInput = (name: "width" | "height") =>
    h("input", {
      class: "talks-number",
      attrs: { id: `talks-embed-${name}`, type: "number", min: 120, max: 4096, step: 10, value: choice[name], "aria-label": `Embed ${name} in pixels` },
      on: {
        change: (event) => {
          const input = event.target as HTMLInputElement;
          choice[name] = clampEmbedSize(input.value, DEFAULT_EMBED_SIZE[name]);
          input.value = String(choice[name]);
          refresh();
        },
      },
    });
  const width = sizeInput("width");
  const height = sizeInput("height");

  const flagBoxes = EMBED_FLAGS.map((flag) =>
    h(
      "label",
      { class: "check" },
      h("input", {
        attrs: { type: "checkbox", "data-flag": flag, checked: choice.flags[flag] },
        on: {
          change: (event) => {
            choice.flags[flag] = (event.target as HTMLInputElement).checked;
            refresh();
          },
        },
      }),
      FLAG_LABELS[flag],
    ),
  );
  const theme = h(
    "select",
    {
      class: "select",
      attrs: { id: "talks-embed-theme", "aria-label": "Embed theme" },
      on: {
        change: (event) => {
          const value = (event.target as HTMLSelectElement).value;
          choice.theme = value === "light" || value === "dark" ? value : null;
          refresh();
        },
      },
    },
    h("option", { attrs: { value: "" }, text: "Viewer's theme" }),
    h("option", { attrs: { value: "light" }, text: "Light" }),
    h("option", { attrs: { value: "dark" }, text: "Dark" }),
  );

  function refresh(): void {
    const { title } = describeCurrentView(host.current(), host.stats());
    const links = buildShareLinks(window.location.origin, serializeState(host.state()), choice, `${title} · Pattern Atlas`);
    permalink.value = links.permalink;
    snippet.value = links.iframeHtml;
    oembed.value = links.oembedUrl;
    preview.href = links.embedUrl;
  }

  const closeButton = h("button", { class: "icon-button talks-dialog__close", attrs: { type: "button", "aria-label": "Close" } }, icon("close"));
  const dialog = h(
    "dialog",
    { class: "dialog talks-dialog", attrs: { id: "talks-share-dialog", "aria-labelledby": "talks-share-title" } },
    closeButton,
    h("h2", { attrs: { id: "talks-share-title" }, text: "Share this view" }),
    h(
      "section",
      { class: "talks-section" },
      h("label", { class: "field-label", attrs: { for: "talks-permalink" }, text: "Permalink" }),
      h("div", { class: "talks-row" }, permalink, copyButton(permalink, "permalink")),
    ),
    h(
      "section",
      { class: "talks-section" },
      h("h3", { class: "field-label", text: "Embed in a page or a slide" }),
      h("div", { class: "talks-checks" }, ...flagBoxes),
      h(
        "div",
        { class: "talks-row talks-row--wrap" },
        h("label", { class: "talks-inline" }, "Width", width),
        h("label", { class: "talks-inline" }, "Height", height),
        h("label", { class: "talks-inline" }, "Theme", theme),
      ),
      h("div", { class: "talks-row" }, snippet, copyButton(snippet, "iframe snippet")),
      preview,
    ),
    h(
      "section",
      { class: "talks-section" },
      h("label", { class: "field-label", attrs: { for: "talks-oembed" }, text: "oEmbed" }),
      h("div", { class: "talks-row" }, oembed, copyButton(oembed, "oEmbed URL")),
      h("p", { class: "talks-hint", text: "For sites that speak oEmbed (CMSs, note tools): paste this URL, or the embed URL, whose page links to this endpoint." }),
    ),
    status,
  );
  closeButton.addEventListener("click", () => dialog.close());
  document.body.appendChild(dialog);

  return {
    element: dialog,
    open() {
      replaceChildren(status);
      refresh();
      dialog.showModal();
      permalink.focus();
      permalink.select();
    },
  };
}
