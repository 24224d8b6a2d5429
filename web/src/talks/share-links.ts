// The links the Share dialog offers for the current view: the permalink, the embed URL with its
// display flags, an <iframe> snippet of a chosen size, and the oEmbed endpoint URL. Pure functions
// of the origin and the view's query string, so the dialog and the tests build them the same way.
import type { Theme } from "../theme.ts";
import { DEFAULT_EMBED_SIZE, EMBED_FLAG_DEFAULTS, EMBED_FLAGS, EMBED_PARAM, embedIframeHtml, readableQuery, type EmbedFlag } from "../../../core/embed.ts";

export const EMBED_SIZE_LIMITS = { min: 120, max: 4096 } as const;

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

/** Clamps a typed size into the allowed range; non-numbers fall back to `fallback`. */
export function clampEmbedSize(raw: number | string, fallback: number): number {
  const value = typeof raw === "number" ? raw : Number(String(raw).trim());
  if (!Number.isFinite(value)) return fallback;
  return Math.min(EMBED_SIZE_LIMITS.max, Math.max(EMBED_SIZE_LIMITS.min, Math.round(value)));
}

/** The view's own parameters without the display ones (those belong to the embed URL alone). */
function viewParams(search: string): URLSearchParams {
  const params = new URLSearchParams(search);
  for (const flag of [...EMBED_FLAGS, EMBED_PARAM, "theme"]) params.delete(flag);
  return params;
}

const withQuery = (base: string, params: URLSearchParams): string => {
  const query = readableQuery(params.toString());
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
  const iframeHtml = embedIframeHtml(embedUrl, width, height, title);
  const oembed = new URLSearchParams({ url: embedUrl, maxwidth: String(width), maxheight: String(height), format: "json" });
  return { permalink, embedUrl, iframeHtml, oembedUrl: `${base}/api/oembed?${oembed.toString()}` };
}
