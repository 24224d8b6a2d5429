// What an embed of a view is made of: the display switches of the `/embed` page, its size when
// nobody chose one, and the <iframe> that shows it. The explorer's Share dialog writes them and the
// server's oEmbed answer (server/routes/talks.ts) writes the same iframe, so both hand out one thing.

/** Display switches of the embed page (`/embed?legend=0`), read by the explorer's URL state. */
export const EMBED_FLAGS = ["legend", "labels", "search", "interactive"] as const;
export type EmbedFlag = (typeof EMBED_FLAGS)[number];

/** What /embed shows when a flag is absent from its URL. */
export const EMBED_FLAG_DEFAULTS: Readonly<Record<EmbedFlag, boolean>> = {
  legend: true,
  labels: true,
  search: false,
  interactive: true,
};

/** The parameter that puts the explorer's own page in embed mode (`/?embed=1`), as the `/embed` path does. */
export const EMBED_PARAM = "embed";

/** An embed's size when nobody chose one (the Share dialog's default, oEmbed's without bounds). */
export const DEFAULT_EMBED_SIZE = { width: 800, height: 600 } as const;

/** A query string (URLSearchParams' text) with its commas unescaped: `types=a,b` and `cam=x,y,r` stay readable, as the explorer writes them. */
export const readableQuery = (query: string): string => query.replace(/%2C/g, ",");

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeHtmlAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The <iframe> snippet that embeds `src`; `title` says what it shows, for screen readers. */
export function embedIframeHtml(src: string, width: number, height: number, title: string): string {
  return (
    `<iframe src="${escapeHtmlAttribute(src)}" width="${width}" height="${height}" title="${escapeHtmlAttribute(title)}"` +
    ` style="border:0" loading="lazy" allow="fullscreen"></iframe>`
  );
}
