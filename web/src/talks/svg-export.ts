// SVG export for slide tools: a TalkScene (what the canvas shows, in viewport pixels) written as
// plain vector shapes, labels as <text>, arrow heads as polygons. Pure string building, so it runs
// in the browser and in Node tests alike; every piece of data is XML-escaped.
import { LabelPlacer, type LabelBox } from "../graph/label-placement.ts";
import { hoverBoxTop, labelBaseline } from "../graph/labels.ts";
import { twoLineBaselines } from "../graph/label-lines.ts";
import { readsDark } from "../graph/dot-badge.ts";
import { REGION_DETAIL_SIZE, REGION_TITLE_SIZE, regionLines } from "../graph/region-labels.ts";
import { legendLayout, type Legend } from "./legend-box.ts";
import { sceneFromGraph, type GraphSceneOptions, type SceneEdge, type SceneGraph, type SceneNode, type TalkScene } from "./scene.ts";

export interface SvgOptions {
  /** Text width in pixels for a font (the browser passes canvas measureText); a per-character estimate otherwise. */
  measureText?: (text: string, font: string) => number;
  /** What the colours mean, drawn in the top left corner. */
  legend?: SvgLegend | null;
  /** Words per edge key ("enables"), written at the middle of each drawn link whose ends are labelled, where they overlap no other text. */
  edgeLabels?: ReadonlyMap<string, string> | null;
  /** The output's size (e.g. a 16:9 slide): the scene is scaled to fit it, centred, the margins in the background colour. */
  frame?: { width: number; height: number } | null;
}

/** The legend's rows (one description for the SVG and the PNG exports: legend-box.ts). */
export type SvgLegend = Legend;

/** Slide sizes offered for exports, 16:9; the first is the default. */
export const SLIDE_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

// XML 1.0 forbids most C0 control characters even when escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text for an XML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const num = (n: number): string => {
  const rounded = Math.round(n * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
};

/**
 * `rgba(r,g,b,a)` becomes an opaque colour plus an opacity attribute: several slide tools ignore
 * alpha inside colour strings but honour `fill-opacity` / `stroke-opacity`.
 */
export function splitColor(color: string): { color: string; opacity: number } {
  const m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(color.trim());
  if (!m) return { color, opacity: 1 };
  const hex = [m[1], m[2], m[3]].map((c) => Math.max(0, Math.min(255, Math.round(Number(c)))).toString(16).padStart(2, "0")).join("");
  return { color: `#${hex}`, opacity: m[4] === undefined ? 1 : Math.max(0, Math.min(1, Number(m[4]))) };
}

function paint(kind: "fill" | "stroke", color: string): string {
  const { color: c, opacity } = splitColor(color);
  return `${kind}="${escapeXml(c)}"${opacity < 1 ? ` ${kind}-opacity="${num(opacity)}"` : ""}`;
}

const estimateWidth = (text: string, font: string): number => {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 13);
  return text.length * size * 0.56;
};

function edgeShape(edge: SceneEdge): string {
  const attrs = `data-edge="${escapeXml(edge.key)}" ${paint("stroke", edge.color)} stroke-width="${num(edge.width)}"`;
  const d = edge.control
    ? `M${num(edge.from.x)} ${num(edge.from.y)} Q${num(edge.control.x)} ${num(edge.control.y)} ${num(edge.to.x)} ${num(edge.to.y)}`
    : `M${num(edge.from.x)} ${num(edge.from.y)} L${num(edge.to.x)} ${num(edge.to.y)}`;
  let out = `<path ${attrs} d="${d}"/>`;
  if (edge.arrow) {
    const { tip, left, right } = edge.arrow;
    out += `<polygon data-edge-head="${escapeXml(edge.key)}" ${paint("fill", edge.color)} points="${num(tip.x)},${num(tip.y)} ${num(left.x)},${num(left.y)} ${num(right.x)},${num(right.y)}"/>`;
  }
  return out;
}

/** Where each label line goes, mirroring drawLabel in graph/labels.ts and sideBoxes in graph/label-lines.ts (the font's ascent and descent taken as 0.8 and 0.25 of its size). */
function labelPositions(node: SceneNode, scene: TalkScene): { x: number; y: number; anchor: "start" | "middle" | "end" }[] {
  const size = scene.labels.size;
  if (scene.labels.placement === "below") {
    const at = { y: node.y, size: node.radius, labelAbove: node.labelAbove };
    const count = node.label.length;
    // Hanging or beside the node where the screen had no room centred (graph/labels.ts layeredPlace).
    switch (node.layeredAt) {
      case "besideRight":
      case "besideLeft": {
        const right = node.layeredAt === "besideRight";
        const x = right ? node.x + node.radius + 6 : node.x - node.radius - 6;
        return node.label.map((_, i) => ({ x, y: node.y + size * 0.3 + (i - (count - 1) / 2) * (size + 2), anchor: right ? ("start" as const) : ("end" as const) }));
      }
      case "hangRight":
        return node.label.map((_, i) => ({ x: node.x, y: labelBaseline(at, size, i, count), anchor: "start" as const }));
      case "hangLeft":
        return node.label.map((_, i) => ({ x: node.x, y: labelBaseline(at, size, i, count), anchor: "end" as const }));
      default:
        return node.label.map((_, i) => ({ x: node.x, y: labelBaseline(at, size, i, count), anchor: "middle" as const }));
    }
  }
  if (node.label.length === 2) {
    // A title in two lines (graph/labels.ts, places 8-11), the font's ascent and descent as below.
    const side = node.labelSide ?? "right";
    const { baselines, align } = twoLineBaselines({ x: node.x, y: node.y, size: node.radius }, side, size, size * 0.8, size * 0.25);
    const x = side === "right" ? node.x + node.radius + 4 : side === "left" ? node.x - node.radius - 4 : node.x;
    const anchor = align === "left" ? ("start" as const) : align === "right" ? ("end" as const) : ("middle" as const);
    return baselines.map((y) => ({ x, y, anchor }));
  }
  const at =
    node.labelSide === "left"
      ? { x: node.x - node.radius - 4, y: node.y + size / 3, anchor: "end" as const }
      : node.labelSide === "above"
        ? { x: node.x, y: node.y - node.radius - 4 - size * 0.25, anchor: "middle" as const }
        : node.labelSide === "below"
          ? { x: node.x, y: node.y + node.radius + 4 + size * 0.8, anchor: "middle" as const }
          : { x: node.x + node.radius + 4, y: node.y + size / 3, anchor: "start" as const };
  return node.label.map(() => at);
}

function plainLabel(node: SceneNode, scene: TalkScene): string {
  const positions = labelPositions(node, scene);
  const texts = node.label.map((line, i) => {
    const { x, y, anchor } = positions[i]!;
    const at = `x="${num(x)}" y="${num(y)}"${anchor === "start" ? "" : ` text-anchor="${anchor}"`}`;
    // Halo first, then the text: explicit copies instead of paint-order, which slide tools ignore.
    return (
      `<text class="halo" aria-hidden="true" ${at} ${paint("stroke", scene.colors.labelHalo)} stroke-width="4" stroke-linejoin="round" fill="none">${escapeXml(line)}</text>` +
      `<text class="label" ${at} ${paint("fill", scene.colors.label)}>${escapeXml(line)}</text>`
    );
  });
  return `<g data-label="${escapeXml(node.key)}">${texts.join("")}</g>`;
}

/**
 * A highlighted node's boxed label: where the screen drew it (SceneNode.raised: its side may be any
 * of the four, see graph/dots.ts), else on the placement's usual side, mirroring drawHover in
 * graph/labels.ts. The box in viewport pixels, its lines, and whether they are centred in it.
 */
function highlightBox(node: SceneNode, scene: TalkScene, measure: (text: string, font: string) => number): { box: { minX: number; minY: number; maxX: number; maxY: number }; lines: string[]; centred: boolean } {
  const size = scene.labels.size + 1;
  if (node.raised) return { box: node.raised.box, lines: node.raised.lines, centred: node.raised.side === "above" || node.raised.side === "below" };
  const font = `600 ${size}px ${scene.labels.font}`;
  const width = Math.max(0, ...node.label.map((line) => measure(line, font))) + 16;
  const height = node.label.length * (size + 3) + 9;
  if (scene.labels.placement !== "below") return { box: { minX: node.x + node.radius + 4, maxX: node.x + node.radius + 4 + width, minY: node.y - height / 2, maxY: node.y + height / 2 }, lines: node.label, centred: false };
  const top = hoverBoxTop({ y: node.y, size: node.radius, labelAbove: node.labelAbove }, height);
  return { box: { minX: node.x - width / 2, maxX: node.x + width / 2, minY: top, maxY: top + height }, lines: node.label, centred: true };
}

/** The selection ring and the boxed label of highlighted nodes, mirroring drawHover in graph/labels.ts. */
function highlight(node: SceneNode, scene: TalkScene, measure: (text: string, font: string) => number): string {
  const { labels, colors } = scene;
  const size = labels.size + 1;
  const ring = `<circle cx="${num(node.x)}" cy="${num(node.y)}" r="${num(node.radius + 3)}" fill="none" ${paint("stroke", colors.accent)} stroke-width="2.5"/>`;
  if (!node.label.length) return `<g data-highlight="${escapeXml(node.key)}">${ring}</g>`;
  const { box, lines, centred } = highlightBox(node, scene, measure);
  const lineHeight = size + 3;
  const rect = `<rect x="${num(box.minX)}" y="${num(box.minY)}" width="${num(box.maxX - box.minX)}" height="${num(box.maxY - box.minY)}" rx="6" ${paint("fill", colors.hoverBox)} ${paint("stroke", colors.hoverBorder)} stroke-width="1"/>`;
  const texts = lines
    .map((line, i) => {
      const x = centred ? (box.minX + box.maxX) / 2 : box.minX + 8;
      const y = box.minY + 4 + lineHeight * (i + 1) - 4;
      return `<text class="label" x="${num(x)}" y="${num(y)}"${centred ? ' text-anchor="middle"' : ""} font-size="${num(size)}" font-weight="600" ${paint("fill", colors.label)}>${escapeXml(line)}</text>`;
    })
    .join("");
  return `<g data-highlight="${escapeXml(node.key)}">${rect}${ring}${texts}</g>`;
}

/** A group's count inside its dot, as graph/dot-badge.ts draws it on screen: the largest font that fits, black or white. */
function badgeText(node: SceneNode, text: string, family: string, measure: (text: string, font: string) => number): string {
  let size = Math.min(11, Math.floor(node.radius * 1.3));
  while (size > 7 && Math.hypot(measure(text, `700 ${size}px ${family}`) / 2, (size * 0.75) / 2) > node.radius - 0.5) size--;
  return `<text class="badge" data-badge="${escapeXml(node.key)}" x="${num(node.x)}" y="${num(node.y + size * 0.35)}" text-anchor="middle" font-size="${size}" font-weight="700" fill="${readsDark(node.color) ? "#111827" : "#ffffff"}">${escapeXml(text)}</text>`;
}

/** The part of the scene an output of `frame`'s proportions shows: all of it, centred, widened or heightened to fit. */
function viewBoxFor(scene: TalkScene, frame: { width: number; height: number } | null | undefined): { x: number; y: number; width: number; height: number } {
  if (!frame) return { x: 0, y: 0, width: scene.width, height: scene.height };
  const scale = Math.max(scene.width / frame.width, scene.height / frame.height);
  const width = frame.width * scale;
  const height = frame.height * scale;
  return { x: (scene.width - width) / 2, y: (scene.height - height) / 2, width, height };
}

type Box = Omit<LabelBox, "key" | "owner">;

/**
 * The view box that keeps what the scene shows (its dots and labels, inside its clip) clear of the
 * legend painted over the output's top left corner (`legend`: its box in output pixels): that moved
 * right of the legend or below it, whichever shows it larger, and shown smaller only when it must;
 * `box` itself when nothing lies under the legend. As an embed fits its graph beside its legend.
 */
function viewBoxClearOf(
  scene: TalkScene,
  box: { x: number; y: number; width: number; height: number },
  out: { width: number; height: number },
  legend: Box,
  measure: (text: string, font: string) => number,
): { x: number; y: number; width: number; height: number } {
  const items: Box[] = [];
  nodeLabelBoxes(scene, measure, {
    reserve: (b) => {
      // Only what the clip (the screen's rectangle) lets through.
      const clipped = { minX: Math.max(0, b.minX), minY: Math.max(0, b.minY), maxX: Math.min(scene.width, b.maxX), maxY: Math.min(scene.height, b.maxY) };
      if (clipped.minX < clipped.maxX && clipped.minY < clipped.maxY) items.push(clipped);
    },
  });
  const gap = 8;
  const unit = box.width / out.width;
  const under = { minX: box.x + (legend.minX - gap) * unit, minY: box.y + (legend.minY - gap) * unit, maxX: box.x + (legend.maxX + gap) * unit, maxY: box.y + (legend.maxY + gap) * unit };
  if (!items.some((b) => b.minX < under.maxX && under.minX < b.maxX && b.minY < under.maxY && under.minY < b.maxY)) return box;
  const all = items.reduce((a, b) => ({ minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) }));
  const middle = { x: (all.minX + all.maxX) / 2, y: (all.minY + all.maxY) / 2 };
  // The free part of the output (output pixels) for each choice, and the view box that fits `all` into it.
  const fits = [
    { minX: legend.maxX + gap, minY: gap, maxX: out.width - gap, maxY: out.height - gap },
    { minX: gap, minY: legend.maxY + gap, maxX: out.width - gap, maxY: out.height - gap },
  ]
    .filter((free) => free.maxX - free.minX > 40 && free.maxY - free.minY > 40)
    .map((free) => {
      const u = Math.max(unit, (all.maxX - all.minX) / (free.maxX - free.minX), (all.maxY - all.minY) / (free.maxY - free.minY));
      return { x: middle.x - ((free.minX + free.maxX) / 2) * u, y: middle.y - ((free.minY + free.maxY) / 2) * u, width: out.width * u, height: out.height * u };
    })
    .sort((a, b) => a.width - b.width);
  return fits[0] ?? box;
}

/** The region names (an overview's communities) as on screen: a bold title over a line of detail, centred in their box. */
function regionTexts(scene: TalkScene): string[] {
  return (scene.regions ?? []).map((region) => {
    const lines = regionLines(region.box);
    const text = (line: string, y: number, size: number, weight: number, extra = "") =>
      `<text class="halo" aria-hidden="true" x="${num(lines.x)}" y="${num(y)}" text-anchor="middle" font-size="${size}" font-weight="${weight}"${extra} ${paint("stroke", scene.colors.labelHalo)} stroke-width="5" stroke-linejoin="round" fill="none">${escapeXml(line)}</text>` +
      `<text class="region-label" x="${num(lines.x)}" y="${num(y)}" text-anchor="middle" font-size="${size}" font-weight="${weight}"${extra} ${paint("fill", scene.colors.label)}>${escapeXml(line)}</text>`;
    return `<g data-region="${escapeXml(region.key)}">${text(region.title, lines.title, REGION_TITLE_SIZE, 700)}${text(region.detail, lines.detail, REGION_DETAIL_SIZE, 500, ' opacity="0.8"')}</g>`;
  });
}

/** The boxes of the scene's dots and labels, so link labels (and the legend) can keep clear of them. */
function nodeLabelBoxes(scene: TalkScene, measure: (text: string, font: string) => number, into: { reserve(box: LabelBox): void }): void {
  for (const region of scene.regions ?? []) into.reserve({ key: `region:${region.key}`, ...region.box });
  const font = `${scene.labels.weight} ${scene.labels.size}px ${scene.labels.font}`;
  const size = scene.labels.size;
  for (const node of scene.nodes) {
    into.reserve({ key: node.key, minX: node.x - node.radius, maxX: node.x + node.radius, minY: node.y - node.radius, maxY: node.y + node.radius });
    if (!node.label.length) continue;
    if (node.highlighted) {
      into.reserve({ key: node.key, ...highlightBox(node, scene, measure).box });
      continue;
    }
    labelPositions(node, scene).forEach(({ x, y, anchor }, i) => {
      const w = measure(node.label[i]!, font) + 4;
      const left = anchor === "middle" ? x - w / 2 : anchor === "end" ? x - w + 2 : x - 2;
      into.reserve({ key: node.key, minX: left, maxX: left + w, minY: y - size * 0.8 - 2, maxY: y + size * 0.25 + 2 });
    });
  }
}

/** Link words at the middle of each drawn link whose two ends are labelled, skipping any that would overlap text. */
function edgeLabelTexts(scene: TalkScene, words: ReadonlyMap<string, string>, measure: (text: string, font: string) => number): string[] {
  const labelled = new Set(scene.nodes.filter((n) => n.label.length > 0).map((n) => n.key));
  // Node labels and discs are taken room; the link labels are placed around them, in the scene's order.
  const taken = new LabelPlacer();
  taken.begin(null);
  nodeLabelBoxes(scene, measure, taken);
  const size = Math.max(9, scene.labels.size - 2);
  const font = `500 ${size}px ${scene.labels.font}`;
  const out: string[] = [];
  for (const edge of scene.edges) {
    const text = words.get(edge.key);
    if (!text || !labelled.has(edge.source) || !labelled.has(edge.target)) continue;
    const mid = edge.control
      ? { x: 0.25 * edge.from.x + 0.5 * edge.control.x + 0.25 * edge.to.x, y: 0.25 * edge.from.y + 0.5 * edge.control.y + 0.25 * edge.to.y }
      : { x: (edge.from.x + edge.to.x) / 2, y: (edge.from.y + edge.to.y) / 2 };
    const w = measure(text, font) + 4;
    const at = `x="${num(mid.x)}" y="${num(mid.y + size * 0.3)}" text-anchor="middle" font-size="${num(size)}"`;
    taken.offer({
      key: edge.key,
      label: text,
      box: { minX: mid.x - w / 2, maxX: mid.x + w / 2, minY: mid.y - size * 0.8, maxY: mid.y + size * 0.35 },
      priority: [],
      draw: () =>
        out.push(
          `<g data-edge-label="${escapeXml(edge.key)}">` +
            `<text class="halo" aria-hidden="true" ${at} ${paint("stroke", scene.colors.labelHalo)} stroke-width="4" stroke-linejoin="round" fill="none">${escapeXml(text)}</text>` +
            `<text class="edge-label" ${at} ${paint("fill", edge.color)}>${escapeXml(text)}</text></g>`,
        ),
    });
  }
  taken.place();
  return out;
}

/** The legend box in the top left corner of the view box, sized for the output (`unit`: view-box units per output pixel). */
function legendBox(legend: SvgLegend, scene: TalkScene, box: { x: number; y: number }, unit: number, measure: (text: string, font: string) => number): string {
  const layout = legendLayout(legend, scene.labels.font, box, unit, measure);
  const rows = layout.rows.map((r) => {
    const { mark } = r;
    const shape =
      r.kind === "node"
        ? `<circle cx="${num(mark.cx)}" cy="${num(mark.cy)}" r="${num(mark.r)}" ${paint("fill", r.color)}/>`
        : `<line x1="${num(mark.x1)}" y1="${num(mark.cy)}" x2="${num(mark.x2)}" y2="${num(mark.cy)}" ${paint("stroke", r.color)} stroke-width="${num(mark.stroke)}" stroke-linecap="round"/>`;
    return `<g data-legend-row="${escapeXml(r.label)}">${shape}<text x="${num(r.text.x)}" y="${num(r.text.y)}" font-size="${num(layout.fontSize)}" ${paint("fill", scene.colors.label)}>${escapeXml(r.label)}</text></g>`;
  });
  const b = layout.box;
  return (
    `<g class="legend"><rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="${num(b.radius)}" ${paint("fill", scene.colors.hoverBox)} ${paint("stroke", scene.colors.hoverBorder)} stroke-width="${num(b.border)}"/>` +
    rows.join("") +
    "</g>"
  );
}

/** The scene as a standalone SVG document (UTF-8, with an XML declaration). */
export function sceneToSvg(scene: TalkScene, options: SvgOptions = {}): string {
  const measure = options.measureText ?? estimateWidth;
  const { width, height, labels, colors } = scene;
  const output = options.frame ?? { width, height };
  const legend = options.legend?.rows.length ? legendLayout(options.legend, labels.font, { x: 0, y: 0 }, 1, measure).box : null;
  const fitted = viewBoxFor(scene, options.frame);
  const box = legend ? viewBoxClearOf(scene, fitted, output, { minX: legend.x, minY: legend.y, maxX: legend.x + legend.width, maxY: legend.y + legend.height }, measure) : fitted;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(output.width)}" height="${num(output.height)}" viewBox="${num(box.x)} ${num(box.y)} ${num(box.width)} ${num(box.height)}"` +
      ` font-family="${escapeXml(labels.font)}" font-size="${num(labels.size)}" font-weight="${escapeXml(labels.weight)}">`,
  );
  if (scene.title) out.push(`<title>${escapeXml(scene.title)}</title>`);
  out.push(`<defs><clipPath id="atlas-viewport"><rect x="0" y="0" width="${num(width)}" height="${num(height)}"/></clipPath></defs>`);
  if (colors.background) out.push(`<rect class="background" x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" ${paint("fill", colors.background)}/>`);
  out.push('<g clip-path="url(#atlas-viewport)">');
  out.push('<g class="edges" fill="none" stroke-linecap="round">');
  for (const edge of scene.edges) out.push(edgeShape(edge));
  out.push("</g>");
  out.push('<g class="nodes">');
  for (const node of scene.nodes) {
    const title = node.fullLabel ? `<title>${escapeXml(node.fullLabel)}</title>` : "";
    out.push(`<circle data-node="${escapeXml(node.key)}" cx="${num(node.x)}" cy="${num(node.y)}" r="${num(node.radius)}" ${paint("fill", node.color)}>${title}</circle>`);
    if (node.badge) out.push(badgeText(node, node.badge, labels.font, measure));
  }
  out.push("</g>");
  out.push('<g class="labels">');
  for (const node of scene.nodes) if (node.label.length && !node.highlighted) out.push(plainLabel(node, scene));
  out.push("</g>");
  if (scene.regions?.length) {
    out.push('<g class="regions">');
    out.push(...regionTexts(scene));
    out.push("</g>");
  }
  if (options.edgeLabels?.size) {
    out.push('<g class="edge-labels">');
    out.push(...edgeLabelTexts(scene, options.edgeLabels, measure));
    out.push("</g>");
  }
  out.push('<g class="highlights">');
  for (const node of scene.nodes) if (node.highlighted) out.push(highlight(node, scene, measure));
  out.push("</g>");
  out.push("</g>");
  if (options.legend?.rows.length) out.push(legendBox(options.legend, scene, box, box.width / output.width, measure));
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

/** Graph + camera + size + theme -> SVG, for callers without a sigma instance (Node, tests). */
export function graphToSvg(graph: SceneGraph, options: GraphSceneOptions & SvgOptions): string {
  return sceneToSvg(sceneFromGraph(graph, options), options);
}
