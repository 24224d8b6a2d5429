// The offline snapshot: one self-contained HTML file holding the current view's graph (positions,
// colours, emphasis, camera), the viewer bundle (sigma + graphology + the explorer's renderer) and
// its styles. A Content-Security-Policy with no network source makes "no network" a property of
// the file, not a promise. Pure string building: the app assembles it, Node tests check it.
import type { EdgeAttrs, NodeAttrs } from "../graph/atlas-graph.ts";
import type { ViewStyle } from "../graph/view-style.ts";
import type { Theme } from "../theme.ts";
import type { SerializedGraph } from "graphology-types";
import { OFFLINE_CSS } from "./offline/viewer-styles.ts";

export const OFFLINE_FORMAT = "pattern-atlas-offline" as const;
export const OFFLINE_VERSION = 1 as const;
/** The element holding the snapshot JSON; the viewer reads it by this id. */
export const OFFLINE_DATA_ID = "atlas-offline-data";
/** Where the built viewer bundle is served (web/vite.offline.config.ts writes it into web/dist). */
export const OFFLINE_VIEWER_PATH = "/talks/offline-viewer.js";

/** What the details card can say about a pattern beyond the graph's own attributes. */
export interface OfflinePatternDetail {
  summary?: string;
  status?: string;
  pageUrl?: string;
}

/** One step of the walk: the pattern it introduces, its caption in words, what is lit so far. */
export interface OfflineStep {
  slug: string;
  caption: string;
  nodesSoFar: string[];
  edgesSoFar: string[];
}

export interface OfflineSnapshot {
  format: typeof OFFLINE_FORMAT;
  version: typeof OFFLINE_VERSION;
  title: string;
  /** e.g. "Neighbourhood, depth 2 · 31 patterns, 54 links". */
  subtitle?: string;
  /** ISO timestamp of the export. */
  createdAt: string;
  /** The explorer URL the snapshot was taken from (shown, never fetched). */
  sourceUrl?: string;
  /** The explorer's view mode (overview, neighborhood, lineage, path): lineage edges read "parent of". */
  mode: string;
  theme: Theme;
  style: ViewStyle;
  camera: { x: number; y: number; ratio: number } | null;
  graph: SerializedGraph<NodeAttrs, EdgeAttrs>;
  focus: string[];
  selected: string | null;
  emphasis: { nodes: string[]; edges: string[] } | null;
  details: Record<string, OfflinePatternDetail>;
  /** Link types drawn, with their colour and wording, for the legend. */
  linkTypes: { type: string; label: string; color: string }[];
  /** A path's or a lineage's steps as presentation mode walks them (absent or empty: nothing to step through). */
  steps?: OfflineStep[];
  domains: { domain: string; color: string }[];
}

/**
 * JSON that can sit inside a <script> element: `<`, `>` and `&` become \u escapes (so no
 * `</script>` or `<!--` can close or confuse the element), as do U+2028/U+2029.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * JavaScript source that can sit inside a <script> element. In string literals, regular expressions
 * and comments alike, `<\/script` means the same as `</script` to JavaScript but not to the HTML parser.
 */
export function scriptForHtml(source: string): string {
  return source.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Nothing may be fetched, framed or submitted; only the inline script and styles run. */
export const OFFLINE_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'";

/** The whole offline file. `viewerSource` is the built viewer bundle (an IIFE). */
export function buildOfflineHtml(snapshot: OfflineSnapshot, viewerSource: string): string {
  const theme = snapshot.theme === "dark" ? "dark" : "light";
  return [
    "<!doctype html>",
    `<html lang="en" data-theme="${theme}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">`,
    '<meta name="generator" content="Pattern Atlas offline snapshot">',
    `<title>${escapeHtml(snapshot.title)} · Pattern Atlas</title>`,
    `<style>${OFFLINE_CSS.replace(/<\/(style)/gi, "<\\/$1")}</style>`,
    "</head>",
    "<body>",
    '<main id="atlas-offline" class="offline" aria-busy="true">',
    `<p class="offline__loading">${escapeHtml(snapshot.title)}: drawing the graph…</p>`,
    "</main>",
    "<noscript><p class=\"offline__noscript\">This snapshot draws its graph with JavaScript; please allow scripts for this file.</p></noscript>",
    `<script type="application/json" id="${OFFLINE_DATA_ID}">${jsonForScript(snapshot)}</script>`,
    `<script>${scriptForHtml(viewerSource)}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** Reads and checks the snapshot embedded in a page (the viewer's first step). */
export function parseOfflineSnapshot(text: string): OfflineSnapshot {
  const value = JSON.parse(text) as Partial<OfflineSnapshot> | null;
  if (!value || value.format !== OFFLINE_FORMAT) throw new Error("This file holds no Pattern Atlas snapshot.");
  if (value.version !== OFFLINE_VERSION) throw new Error(`Snapshot version ${String(value.version)} is not supported by this viewer (expected ${OFFLINE_VERSION}).`);
  if (!value.graph || !Array.isArray(value.graph.nodes) || !Array.isArray(value.graph.edges)) throw new Error("The snapshot's graph is missing.");
  return value as OfflineSnapshot;
}

/** A file name for the download: "pattern-atlas-<title words>.html". */
export function offlineFileName(title: string, extension = "html"): string {
  const words = title
    .toLowerCase()
    .normalize("NFKD")
    // Accents come apart from their letters under NFKD; drop the marks, keep the letters.
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `pattern-atlas${words ? `-${words}` : ""}.${extension}`;
}
