// Graphs for talks, server side: `/embed` serves the explorer's page in embed mode (any
// site may frame it: see security-headers.ts) with an oEmbed discovery link, and `GET /api/oembed`
// answers an oEmbed "rich" response whose html is an <iframe> of the embed URL.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Router } from "express";
import { NotFoundError, type GraphStore } from "../../graph/index.ts";
import { errorBody, sendError } from "../http-errors.ts";
import type { OpenApiPathItem } from "../openapi.ts";
import { invalid, parseIntParam, readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";
import { URL_PARAMS, type ViewMode } from "../../core/explorer-url.ts";
import { DEFAULT_EMBED_SIZE, EMBED_FLAGS, EMBED_PARAM, embedIframeHtml, escapeHtmlAttribute, readableQuery } from "../../core/embed.ts";

export const OEMBED_SIZE = { min: 50, max: 10_000 } as const;
export const OEMBED_FORMATS = ["json"] as const;
/** The embed page's display parameters: a permalink's are left out of its embed URL. */
const EMBED_DISPLAY_PARAMS = [...EMBED_FLAGS, EMBED_PARAM] as const;

interface TalksOptions {
  store: GraphStore;
  /** The explorer's build folder; without index.html there, /embed falls through to the "not built" page. */
  webDist?: string;
  /**
   * The server's public address (`--public-url`, no trailing slash): the origin of the absolute URLs
   * this answers. Without it they are relative. The Host header is never used to build a URL: any
   * client sets it, and a cache between the two would hand the forged one to everyone.
   */
  publicUrl?: string;
}

/** Adds the oEmbed discovery link to the explorer's index.html, so consumers can find the endpoint; `origin` "" makes both URLs relative. */
export function injectOembedDiscovery(indexHtml: string, pageUrl: string, origin: string): string {
  const href = `${origin}/api/oembed?${new URLSearchParams({ url: pageUrl, format: "json" }).toString()}`;
  const link = `<link rel="alternate" type="application/json+oembed" href="${escapeHtmlAttribute(href)}" title="Pattern Atlas graph" />`;
  return indexHtml.includes("</head>") ? indexHtml.replace("</head>", `    ${link}\n  </head>`) : `${link}\n${indexHtml}`;
}

function registerEmbed(router: Router, options: TalksOptions): void {
  router.get("/embed", async (req, res, next) => {
    if (options.webDist === undefined) {
      next();
      return;
    }
    let html: string;
    try {
      html = await readFile(path.join(options.webDist, "index.html"), "utf8");
    } catch {
      // Not built yet: the static handler says how to build it.
      next();
      return;
    }
    const origin = options.publicUrl ?? "";
    res.set("Cache-Control", "no-cache");
    res.type("html").send(injectOembedDiscovery(html, `${origin}${req.originalUrl}`, origin));
  });
}

export interface EmbedTarget {
  /** The URL the iframe loads: `<origin>/embed?<view and display parameters>`. */
  embedUrl: string;
  /** The origin embedUrl starts with ("" when it is relative). */
  origin: string;
  params: URLSearchParams;
}

/**
 * The embed URL for a permalink (`/?...`) or an embed URL (`/embed?...`) of this server; null for a
 * URL this provider has no embed for (another host, another path), which oEmbed answers with 404.
 * A relative URL (`/embed?...`) is this server's. An absolute one must name `host`; its embed URL
 * starts with `publicUrl` when there is one (whose path, if any, the URL must start with), else
 * with the URL's own origin: the caller's input, never the request's Host header.
 */
export function embedTargetFor(rawUrl: string, host: string, publicUrl?: string): EmbedTarget | null {
  const relative = rawUrl.startsWith("/") && !rawUrl.startsWith("//");
  let url: URL;
  try {
    url = new URL(rawUrl, "http://relative.invalid");
  } catch {
    return null;
  }
  if (!relative && ((url.protocol !== "http:" && url.protocol !== "https:") || url.host !== host)) return null;
  let pathname = url.pathname;
  const prefix = publicUrl ? new URL(publicUrl).pathname.replace(/\/+$/, "") : "";
  if (!relative && prefix) {
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return null;
    pathname = pathname.slice(prefix.length);
  }
  pathname = pathname.replace(/\/+$/, "");
  if (pathname !== "" && pathname !== "/embed") return null;
  const params = new URLSearchParams(url.search);
  if (pathname === "") for (const name of EMBED_DISPLAY_PARAMS) params.delete(name);
  const query = readableQuery(params.toString());
  const origin = publicUrl ?? (relative ? "" : `${url.protocol}//${url.host}`);
  return { embedUrl: `${origin}/embed${query ? `?${query}` : ""}`, origin, params };
}

/** Fits the default size inside the consumer's bounds, keeping the aspect ratio. */
export function fitSize(maxWidth: number | undefined, maxHeight: number | undefined): { width: number; height: number } {
  const { width, height } = DEFAULT_EMBED_SIZE;
  const scale = Math.min(1, maxWidth !== undefined ? maxWidth / width : 1, maxHeight !== undefined ? maxHeight / height : 1);
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

async function titleOf(store: GraphStore, slug: string): Promise<string> {
  try {
    return (await store.getPattern(slug)).pattern.title || slug;
  } catch (error) {
    if (error instanceof NotFoundError) return slug;
    throw error;
  }
}

/** What the embedded view shows, in words, from the same parameters the explorer reads. */
export async function describeView(store: GraphStore, params: URLSearchParams): Promise<string> {
  // Any text may come; typed as a view so that each name compared with is one the explorer has.
  const view = (params.get(URL_PARAMS.mode) ?? "overview") as ViewMode;
  const focus = params.get(URL_PARAMS.focus);
  if (view === "neighborhood" && focus) return `Neighbourhood of ${await titleOf(store, focus)}`;
  if (view === "lineage" && focus) return `Lineage of ${await titleOf(store, focus)}`;
  const from = params.get(URL_PARAMS.from);
  const to = params.get(URL_PARAMS.to);
  if (view === "path" && from && to) return `Paths from ${await titleOf(store, from)} to ${await titleOf(store, to)}`;
  if (view === "gaps") {
    const kind = params.get(URL_PARAMS.gapKind);
    const pattern = params.get(URL_PARAMS.gapPattern);
    const what = kind ? `Gaps (${kind.replace(/,/g, ", ")})` : "Gaps in the relationships";
    return pattern ? `${what} around ${await titleOf(store, pattern)}` : what;
  }
  return "Overview of the pattern library";
}

/** The oEmbed 1.0 "rich" response (https://oembed.com/#section2.3.4). */
export interface OembedResponse {
  version: "1.0";
  type: "rich";
  provider_name: string;
  provider_url: string;
  title: string;
  html: string;
  width: number;
  height: number;
}

function registerOembed(router: Router, options: TalksOptions): void {
  router.get("/api/oembed", async (req, res) => {
    const query = readQuery(req.query, ["url", "maxwidth", "maxheight", "format"]);
    const format = query.format ?? "json";
    if (!(OEMBED_FORMATS as readonly string[]).includes(format)) {
      // oEmbed asks for 501 when the provider cannot answer in the requested format.
      sendError(res, 501, errorBody("unsupported_format", `Only format=json is supported, not '${format.slice(0, 20)}'.`, { parameter: "format", value: format.slice(0, 60), allowed: "json" }));
      return;
    }
    const raw = query.url;
    if (raw === undefined || raw.trim() === "") throw invalid("url", raw ?? null, "the explorer URL of a view on this server (the parameter is required)");
    if (raw.length > 4000) throw invalid("url", raw, "a URL of at most 4000 characters");
    const bound = { ...OEMBED_SIZE, default: 0 };
    const maxWidth = query.maxwidth === undefined ? undefined : parseIntParam(query, "maxwidth", bound);
    const maxHeight = query.maxheight === undefined ? undefined : parseIntParam(query, "maxheight", bound);
    // Which host an absolute URL must name: the public one when configured. Without it the Host
    // header only decides whether to answer, never what the answer's URLs say.
    const host = options.publicUrl ? new URL(options.publicUrl).host : (req.get("host") ?? "");
    const target = embedTargetFor(raw, host, options.publicUrl);
    if (!target) {
      sendError(
        res,
        404,
        errorBody("not_found", `No embed for '${raw.slice(0, 200)}': give the URL of an explorer view on ${options.publicUrl ?? "this server"} (its / or /embed page).`, { url: raw.slice(0, 200) }),
      );
      return;
    }
    const title = `${await describeView(options.store, target.params)} · Pattern Atlas`;
    const { width, height } = fitSize(maxWidth, maxHeight);
    const html = embedIframeHtml(target.embedUrl, width, height, title);
    const body: OembedResponse = {
      version: "1.0",
      type: "rich",
      provider_name: "Pattern Atlas",
      provider_url: `${target.origin}/`,
      title,
      html,
      width,
      height,
    };
    res.set("Cache-Control", "no-cache");
    res.json(body);
  });
}

const errors = {
  "400": { description: "An invalid parameter (the body names it and what is allowed)." },
  "404": { description: "The URL is not an explorer view on this server." },
  "501": { description: "A format other than json was asked for." },
  "503": { description: "The store is unavailable." },
};

const TALKS_PATHS: Record<string, OpenApiPathItem> = {
  "/embed": {
    get: {
      summary: "The explorer in embed mode: just the graph, frameable by any site (CSP frame-ancestors *).",
      description:
        "Takes the explorer's own view parameters (view, focus, depth, types, from, to, cam, ...) plus display flags legend, labels, search and interactive (1 or 0) and theme (light or dark). Unknown values fall back to defaults, as in the explorer.",
      responses: { "200": { description: "text/html: the explorer page, with an oEmbed discovery link." } },
    },
  },
  "/api/oembed": {
    get: {
      summary: "oEmbed 1.0 provider: a rich response whose html is an <iframe> of the view's /embed URL.",
      parameters: [
        { name: "url", in: "query", required: true, description: "An explorer URL on this server: a permalink (/?...) or an embed URL (/embed?...).", schema: { type: "string" } },
        { name: "maxwidth", in: "query", required: false, description: `Largest iframe width the consumer accepts (the default ${DEFAULT_EMBED_SIZE.width}x${DEFAULT_EMBED_SIZE.height} is scaled down to fit).`, schema: { type: "integer", minimum: OEMBED_SIZE.min, maximum: OEMBED_SIZE.max } },
        { name: "maxheight", in: "query", required: false, schema: { type: "integer", minimum: OEMBED_SIZE.min, maximum: OEMBED_SIZE.max } },
        { name: "format", in: "query", required: false, schema: { type: "string", enum: ["json"], default: "json" } },
      ],
      responses: {
        "200": { description: "OembedResponse: version, type rich, provider_name, provider_url, title, html, width, height." },
        ...errors,
      },
    },
  },
};

/** The embed page (`/embed`) and the oEmbed endpoint (`/api/oembed`). */
export const talksRoute: RouteModule = {
  register(router, { store, webDist, publicUrl }) {
    const options: TalksOptions = { store, webDist, publicUrl };
    registerEmbed(router, options);
    registerOembed(router, options);
  },
  openapi: { paths: TALKS_PATHS },
};
