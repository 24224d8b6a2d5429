// The links the Share dialog offers for the current view: the permalink, the embed URL with its
// display flags, an <iframe> snippet of a chosen size, and the oEmbed endpoint URL. Pure functions
// of the origin and the view's query string, so the dialog and the tests build them the same way.
import type { Theme } from "../theme.ts";

/** Display switches of the embed route, read by parseDisplayOptions in state/url-state.ts. */
export const EMBED_FLAGS = ["legend", "labels", "search", "interactive"] as const;
export type EmbedFlag = (typeof EMBED_FLAGS)[number];

/** What /embed shows when a flag is absent from its URL. */
export const EMBED_FLAG_DEFAULTS: Readonly<Record<EmbedFlag, boolean>> = {
  legend: true,
  labels: true,
  search: false,
  interactive: true,
};

export const EMBED_SIZE_LIMITS = { min: 120, max: 4096 } as const;
export const DEFAULT_EMBED_SIZE = { width: 800, height: 600 } as const;

export interface EmbedChoice {
  flags: Record<EmbedFlag, boolean>;
  width: number;
  height: number;
  /** Pin the embed's theme (a slide deck has one background); null follows the viewer's system. */
  theme: Theme | null;
}

export interface ShareLinks {
  permalink: string;
  embedUrl: string;
  iframeHtml: string;
  oembedUrl: string;
}

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Clamps a typed size into the allowed range; non-numbers fall back to `fallback`. */
export function clampEmbedSize(raw: number | string, fallback: number): number {
  const value = typeof raw === "number" ? raw : Number(String(raw).trim());
  if (!Number.isFinite(value)) return fallback;
  return Math.min(EMBED_SIZE_LIMITS.max, Math.max(EMBED_SIZE_LIMITS.min, Math.round(value)));
}

/** The view's own parameters without the display ones (those belong to the embed URL alone). */
function viewParams(search: string): URLSearchParams {
  const params = new URLSearchParams(search);
  for (const flag of [...EMBED_FLAGS, "embed", "theme"]) params.delete(flag);
  return params;
}

const withQuery = (base: string, params: URLSearchParams): string => {
  // Commas in `types=a,b` and `cam=x,y,r` stay readable, as the explorer writes them.
  const query = params.toString().replace(/%2C/g, ",");
  return query ? `${base}?${query}` : base;
};

/**
 * @param origin e.g. `https://atlas.example.org` (no trailing slash)
 * @param search the explorer's query string for the view (`?view=path&from=a&to=b`, or empty)
 * @param title what the iframe is about, for screen readers
 */
export function buildShareLinks(origin: string, search: string, choice: EmbedChoice, title = "Pattern Atlas graph"): ShareLinks {
  const base = origin.replace(/\/+$/, "");
  const permalink = withQuery(`${base}/`, viewParams(search));
  const embedParams = viewParams(search);
  for (const flag of EMBED_FLAGS) {
    if (choice.flags[flag] !== EMBED_FLAG_DEFAULTS[flag]) embedParams.set(flag, choice.flags[flag] ? "1" : "0");
  }
  if (choice.theme) embedParams.set("theme", choice.theme);
  const embedUrl = withQuery(`${base}/embed`, embedParams);
  const width = clampEmbedSize(choice.width, DEFAULT_EMBED_SIZE.width);
  const height = clampEmbedSize(choice.height, DEFAULT_EMBED_SIZE.height);
  const iframeHtml =
    `<iframe src="${escapeAttribute(embedUrl)}" width="${width}" height="${height}" title="${escapeAttribute(title)}"` +
    ` style="border:0" loading="lazy" allow="fullscreen"></iframe>`;
  const oembed = new URLSearchParams({ url: embedUrl, maxwidth: String(width), maxheight: String(height), format: "json" });
  return { permalink, embedUrl, iframeHtml, oembedUrl: `${base}/api/oembed?${oembed.toString()}` };
}
