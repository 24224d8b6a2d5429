// Small shared pieces of the talks UI: a few extra icons, file downloads, clipboard copies, the
// words that name the current view in titles and file names.
import type { AppState } from "../state/app-state.ts";
import { currentTheme } from "../theme.ts";
import type { LibraryStats } from "../types.ts";
import { h } from "../ui/dom.ts";
import { canvasMeasure, sceneFromSigma } from "./sigma-scene.ts";
import type { RegionLabel } from "../graph/region-labels.ts";
import { sceneToSvg, type SvgLegend } from "./svg-export.ts";
import { linkTypeColor, linkWording, NO_DOMAIN, sortLinkTypes } from "../graph/palette.ts";
import { findingHeadline } from "../gaps/gaps-data.ts";
import type { CurrentView, TalksHost } from "./talks-host.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

const TALK_ICONS = {
  download: ["M12 3v12", "M7 10l5 5 5-5", "M4 19h16"],
  present: ["M3 4h18v12H3z", "M12 16v4", "M8 20h8", "M10 8l4 2-4 2z"],
  copy: ["M9 9h11v11H9z", "M5 15H4V4h11v1"],
  link: ["M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1", "M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"],
} as const satisfies Record<string, readonly string[]>;
export type TalkIconName = keyof typeof TALK_ICONS;

/** An inline icon drawn from fixed path data (never from data), like ui/dom.ts's `icon`. */
export function talkIcon(name: TalkIconName, size = 18): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  for (const [k, v] of Object.entries({ viewBox: "0 0 24 24", width: size, height: size, "aria-hidden": "true", fill: "none", stroke: "currentColor", "stroke-width": 2, "stroke-linecap": "round", "stroke-linejoin": "round" })) {
    svg.setAttribute(k, String(v));
  }
  for (const d of TALK_ICONS[name]) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
  }
  return svg;
}

/** Saves a blob through a temporary object URL and a download link. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { attrs: { href: url, download: fileName }, class: "sr-only" });
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Copies text; falls back to selecting a field and execCommand where the Clipboard API is refused. */
export async function copyText(text: string, field?: HTMLInputElement | HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

function libraryName(root: string | undefined): string {
  if (!root) return "the library";
  const parts = root.split(/[\\/]/).filter(Boolean);
  const last = parts.at(-1) ?? root;
  return last === "_patterns" && parts.length > 1 ? parts.at(-2)! : last;
}

/** A title and a one-line description of what is on screen, for exports, snapshots and iframes. */
export function describeCurrentView(current: CurrentView | null, stats: LibraryStats | null): { title: string; subtitle: string } {
  const info = current?.view.info;
  const graph = current?.view.graph;
  const counts = graph ? `${graph.order} ${graph.order === 1 ? "pattern" : "patterns"}, ${graph.size} ${graph.size === 1 ? "link" : "links"}` : "";
  switch (info?.mode) {
    case "overview":
      return { title: `Overview of ${libraryName(stats?.root)}`, subtitle: counts };
    case "neighborhood":
      return { title: `Neighbourhood of ${info.title}`, subtitle: `Depth ${current!.state.depth} · ${counts}` };
    case "lineage":
      return { title: `Lineage of ${info.title}`, subtitle: counts };
    case "path": {
      const title = (slug: string) => info.titles.get(slug) ?? slug;
      const n = info.result.paths.length;
      return {
        title: `Paths from ${title(info.result.from)} to ${title(info.result.to)}`,
        subtitle: n ? `${n} ${n === 1 ? "path" : "paths"} · ${counts}` : "No path within the bound",
      };
    }
    case "gaps": {
      if (!info.finding) return { title: `Gaps in ${libraryName(stats?.root)}`, subtitle: counts };
      const title = (slug: string) => (graph?.hasNode(slug) ? graph.getNodeAttribute(slug, "title") : slug);
      return { title: findingHeadline(info.finding, title), subtitle: counts };
    }
    case "empty":
      return { title: info.reason, subtitle: "" };
    default:
      return { title: "Pattern Atlas", subtitle: "" };
  }
}

/** A file name stem for exports: "pattern-atlas-<mode>-<subject>", e.g. pattern-atlas-lineage-microservices. */
export function exportFileName(state: Pick<AppState, "mode" | "focus" | "from" | "to">): string {
  const subject = state.mode === "path" ? [state.from, state.to].filter(Boolean).join("-to-") : state.mode === "overview" ? "" : (state.focus ?? "");
  // Slugs are kebab-case, but a URL can carry anything: keep file names portable.
  const safe = subject.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "").slice(0, 100);
  return ["pattern-atlas", state.mode, safe].filter(Boolean).join("-");
}

export interface SvgChoice {
  /** What the colours mean (the domains and link types drawn), in the top left corner. */
  legend?: boolean;
  /** Each link's type in words at its middle, where both ends are labelled. */
  linkLabels?: boolean;
  /** The output size (a 16:9 slide); null: the stage's own size. */
  size?: { width: number; height: number } | null;
}

/** Legend rows for what the view draws: its biggest domains, then its link types (the SVG and PNG exports' legend). */
export function viewLegend(host: TalksHost): SvgLegend {
  const graph = host.renderer.getGraph();
  const domains = host.domains();
  const counts = new Map<string, number>();
  graph.forEachNode((_n, a) => {
    if (!a.dangling) counts.set(a.domain ?? NO_DOMAIN, (counts.get(a.domain ?? NO_DOMAIN) ?? 0) + 1);
  });
  const named = new Set(domains.named.map((d) => d.domain));
  const top = [...counts.entries()].filter(([d]) => named.has(d)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 8);
  const rest = [...counts.keys()].filter((d) => !top.some(([t]) => t === d)).length;
  const rows: SvgLegend["rows"] = top.map(([d]) => ({ kind: "node", label: d, color: domains.color(d) }));
  if (rest) rows.push({ kind: "node", label: `${rest} other domain${rest === 1 ? "" : "s"}`, color: domains.color(undefined) });
  // The overview tints its links by domain: link types mean something only in the other views.
  if (host.state().mode !== "overview") {
    for (const type of sortLinkTypes(graph.mapEdges((_e, a) => a.linkType))) rows.push({ kind: "link", label: linkWording(type, "out"), color: linkTypeColor(type) });
  }
  return { rows };
}

/** Each drawn link's words ("enables"), by edge key: the SVG and PNG exports' link labels. */
export function viewEdgeLabels(host: TalksHost): Map<string, string> {
  return new Map(host.renderer.getGraph().mapEdges((key, a) => [key, linkWording(a.linkType, "out")] as const));
}

/** The SVG of the view on screen (same camera, colours and labels as the canvas), at the chosen size. */
export function currentSvg(host: TalksHost, transparent: boolean, choice: SvgChoice = {}): { svg: string; title: string } {
  const current = host.current();
  const { title } = describeCurrentView(current, host.stats());
  const scene = sceneFromSigma(host.renderer.sigma, {
    theme: currentTheme(),
    transparent,
    title: `${title} · Pattern Atlas`,
    placement: current?.view.style.labelPlacement ?? "right",
    drawnLabels: () => new Map(host.renderer.labelBoxes().map((b) => [b.key, b.place] as const)),
  });
  // The region names (an overview's communities) where the screen drew them.
  const named = new Map<string, RegionLabel>((current?.view.regionLabels ?? []).map((r) => [`region:${r.key}`, r]));
  scene.regions = host.renderer.labelBoxes().flatMap((b) => {
    const region = named.get(b.key);
    return region ? [{ key: region.key, title: region.title, detail: region.detail, box: { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY } }] : [];
  });
  const edgeLabels = choice.linkLabels ? viewEdgeLabels(host) : null;
  return { svg: sceneToSvg(scene, { measureText: canvasMeasure(), legend: choice.legend ? viewLegend(host) : null, edgeLabels, frame: choice.size ?? null }), title };
}
