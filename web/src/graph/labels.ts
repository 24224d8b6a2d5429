// Canvas label and hover drawing for sigma, themed: labels get a halo in the background colour so
// they stay readable over edges, and the hover/selection box follows the light or dark theme.
// Two placements: right of the node (force layouts) or centred below it, wrapped (layered views).
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import { themeColors } from "../theme.ts";
import type { LabelBox, LabelPlacer } from "./label-placement.ts";

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & {
  /** With the "below" placement: this node's label goes above it instead (NodeAttrs.labelAbove). */
  labelAbove?: boolean;
  /** sigma passes the node's key with its display data. */
  key?: string;
  /** Relevance in a neighbourhood (NodeAttrs.score): decides which labels win the room. */
  score?: number;
  /** Set on a neighbourhood's group and pager nodes (NodeAttrs.group): their labels say what is not drawn, so they win over patterns'. */
  group?: string;
  /** NodeAttrs.shortLabel: tried in every side after the whole label found no room. */
  shortLabel?: string;
};
/** Only the label settings are read, so the drawers fit sigma instances of any attribute types. */
type LabelSettings = Pick<Settings, "labelSize" | "labelFont" | "labelWeight">;

export const LABEL_PLACEMENTS = ["right", "below"] as const;
export type LabelPlacement = (typeof LABEL_PLACEMENTS)[number];

/**
 * Where a label of the "right" placement may go, in the order they are tried: right of the node,
 * then left of it, centred above it, centred below it (a label at the stage's right edge or among
 * others still finds room). A kept label's `place` indexes this list.
 */
export const LABEL_SIDES = ["right", "left", "above", "below"] as const;
export type LabelSide = (typeof LABEL_SIDES)[number];

/**
 * A kept label's place (PlacedLabel.place) in words: its side, and whether it is the node's short
 * label (a node with NodeAttrs.shortLabel offers the whole label on every side, then the short one).
 */
export function labelPlace(place: number): { side: LabelSide; short: boolean } {
  return { side: LABEL_SIDES[place % LABEL_SIDES.length]!, short: place >= LABEL_SIDES.length };
}

let placement: LabelPlacement = "right";

/** Set by the renderer per view: sigma's drawers get no per-view arguments. */
export function setLabelPlacement(next: LabelPlacement): void {
  placement = next;
}

/** A label as drawn: its box in canvas pixels, halo and raised box included (for tests that check labels do not overlap). */
export interface DrawnLabel {
  /** The node's key, or `region:<key>` for a region's name (region-labels.ts). */
  key: string;
  /** The node's whole label (its short one may be what is drawn: see `short`). */
  label: string;
  /** Drawn as the node's short label (NodeAttrs.shortLabel). */
  short: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

let placer: LabelPlacer | null = null;

/** The placement sigma's label drawer offers labels to (the renderer's, or an export's own); null draws every label offered. */
export function setLabelPlacer(next: LabelPlacer | null): void {
  placer = next;
}

export function currentLabelPlacer(): LabelPlacer | null {
  return placer;
}

/** The labels kept in the current frame so far. */
export const drawnLabels = (): readonly DrawnLabel[] =>
  (placer?.drawn() ?? []).map((b) => ({ key: b.key, label: b.label, short: labelPlace(b.place).short, x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY }));

let measurer: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

const metrics = new Map<string, { ascent: number; descent: number }>();

/** The font's ascent and descent in pixels (halo excluded), measured once per font. */
function fontMetrics(fontSpec: string, size: number): { ascent: number; descent: number } {
  let m = metrics.get(fontSpec);
  if (!m) {
    measurer ??= document.createElement("canvas").getContext("2d");
    if (measurer) measurer.font = fontSpec;
    const measured = measurer?.measureText("Hg");
    m = { ascent: measured?.fontBoundingBoxAscent || size * 0.8, descent: measured?.fontBoundingBoxDescent || size * 0.25 };
    metrics.set(fontSpec, m);
  }
  return m;
}

/** Text width in pixels for `font`, cached: the overview measures up to every label on every frame. */
function textWidth(text: string, fontSpec: string): number {
  const key = `${fontSpec}|${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    measurer ??= document.createElement("canvas").getContext("2d");
    if (!measurer) return text.length * 7;
    measurer.font = fontSpec;
    width = measurer.measureText(text).width;
    if (widths.size > 20_000) widths.clear();
    widths.set(key, width);
  }
  return width;
}

type Box = Omit<LabelBox, "key">;

/** The raised box drawHover draws for a hovered or selected node's label, in either placement (viewport pixels). */
export function raisedLabelBox(data: { x: number; y: number; size: number; label: string; labelAbove?: boolean }, settings: LabelSettings, stageWidth = Infinity): Box {
  const size = settings.labelSize + 1;
  const spec = font(settings, "600", size);
  // Right of the node, drawHover shortens the text to end inside the stage (see fitLabel).
  const lines = placement === "below" ? wrapLabel(data.label) : [fitText(truncateLabel(data.label), spec, stageWidth - (data.x + data.size + 12) - 4)];
  const width = Math.max(0, ...lines.map((line) => textWidth(line, spec))) + 16;
  const height = lines.length * (size + 3) + 9;
  if (placement === "below") {
    const top = hoverBoxTop(data, height);
    return { minX: data.x - width / 2, maxX: data.x + width / 2, minY: top, maxY: top + height };
  }
  const left = data.x + data.size + 4;
  return { minX: left, maxX: left + width, minY: data.y - height / 2, maxY: data.y + height / 2 };
}

/** `text` shortened with an ellipsis to at most `limit` pixels wide in `spec` (cached widths). */
function fitText(text: string, spec: string, limit: number): string {
  if (!(limit > 0) || textWidth(text, spec) <= limit) return text;
  let end = text.length;
  while (end > 1 && textWidth(`${text.slice(0, end).trimEnd()}…`, spec) > limit) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

const union = (a: Box, b: Box): Box => ({ minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) });

const MAX_LABEL = 42;
const WRAP_AT = 16;

export const truncateLabel = (label: string, max = MAX_LABEL): string =>
  label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;

/** Up to two lines of about WRAP_AT characters, broken at spaces where possible. */
export function wrapLabel(label: string): string[] {
  // A label that breaks itself (a lineage band's "+28 more" over "great-grandchildren") keeps its lines.
  if (label.includes("\n")) return label.split("\n", 2).map((line) => truncateLabel(line, WRAP_AT + 8));
  if (label.length <= WRAP_AT) return [label];
  const words = label.split(/\s+/);
  let first = "";
  while (words.length && (first + " " + words[0]).trim().length <= WRAP_AT) first = `${first} ${words.shift()}`.trim();
  if (!first) return [truncateLabel(label, WRAP_AT), ""].filter(Boolean);
  const rest = words.join(" ");
  return rest ? [first, truncateLabel(rest, WRAP_AT + 2)] : [first];
}

function font(settings: LabelSettings, weight: string, size: number): string {
  return `${weight} ${size}px ${settings.labelFont}`;
}

function haloText(context: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  const colors = themeColors();
  context.lineJoin = "round";
  context.lineWidth = 4;
  context.strokeStyle = colors.labelHalo;
  context.strokeText(text, x, y);
  context.fillStyle = colors.label;
  context.fillText(text, x, y);
}

/**
 * Baseline of line `i` of `count` of a centred label: below the node, or above it for a node marked
 * `labelAbove` (path and lineage rows alternate, so neighbouring labels get twice the room).
 */
export function labelBaseline(node: { y: number; size: number; labelAbove?: boolean }, size: number, i: number, count: number): number {
  if (node.labelAbove) return node.y - node.size - 6 - (count - 1 - i) * (size + 2);
  return node.y + node.size + 4 + size * (i + 0.85) + i * 2;
}

/** Top of the boxed (hovered or selected) label: below the node, or above it for `labelAbove`. */
export function hoverBoxTop(node: { y: number; size: number; labelAbove?: boolean }, boxHeight: number): number {
  return node.labelAbove ? node.y - node.size - 5 - boxHeight : node.y + node.size + 5;
}

/**
 * sigma's label drawer: the label is offered to the placement (see label-placement.ts) and drawn only
 * if it is kept; right of the node (force layouts) or centred below or above it, wrapped (layered views).
 */
export function drawLabel(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  if (!data.label) return;
  const label = data.label;
  const size = settings.labelSize;
  context.font = font(settings, settings.labelWeight, size);
  const spec = context.font;
  let box: Box;
  let alternatives: Box[] = [];
  /** Draws the label in its `place`-th box (an index of LABEL_SIDES; the "below" placement has one). */
  let paint: (place: number) => void;
  if (placement === "below") {
    const lines = wrapLabel(label);
    const width = Math.max(...lines.map((line) => textWidth(line, spec)));
    const top = labelBaseline(data, size, 0, lines.length) - size * 0.85;
    // The halo (lineWidth 4) reaches 2px beyond the glyphs.
    box = { minX: data.x - width / 2 - 2, maxX: data.x + width / 2 + 2, minY: top - 2, maxY: labelBaseline(data, size, lines.length - 1, lines.length) + size * 0.25 + 2 };
    paint = () => {
      context.font = spec;
      context.textAlign = "center";
      lines.forEach((line, i) => haloText(context, line, data.x, labelBaseline(data, size, i, lines.length)));
      context.textAlign = "left";
    };
  } else {
    const x = data.x + data.size + 4;
    // Only the focus and selection are shortened to fit the screen; another label that does not fit is left out.
    const text = data.highlighted ? fitLabel(context, truncateLabel(label), x) : truncateLabel(label);
    const { ascent, descent } = fontMetrics(spec, size);
    const texts = data.highlighted || !data.shortLabel ? [text] : [text, data.shortLabel];
    // Each text on each side, in labelPlace's order.
    const boxes = texts.flatMap((t) => sideBoxes(data, textWidth(t, spec), size, ascent, descent));
    box = boxes[0]!;
    alternatives = data.highlighted ? [] : boxes.slice(1);
    // The text starts 2px inside its place's box (the halo), its baseline `ascent` below the box's top + 2.
    paint = (place) => {
      const at = boxes[place] ?? box;
      context.font = spec;
      haloText(context, labelPlace(place).short ? texts[1]! : text, at.minX + 2, at.minY + 2 + ascent);
    };
  }
  if (!placer) return paint(0);
  // A highlighted node (focus, selection) also gets drawHover's raised box: keep that clear too.
  if (data.highlighted) box = union(box, raisedLabelBox({ ...data, label }, settings, context.canvas instanceof HTMLCanvasElement ? context.canvas.clientWidth : Infinity));
  placer.offer({
    key: data.key ?? label,
    label,
    box,
    alternatives,
    priority: [data.highlighted ? 1 : 0, data.zIndex ?? 0, data.group === undefined ? 0 : 1, data.score ?? 0, data.size],
    always: data.highlighted === true,
    draw: (_box, place) => paint(place),
  });
}

/**
 * The boxes of a label `width` pixels wide in each of LABEL_SIDES, halo included: right of the node
 * (its baseline a third of the font size below the centre, as sigma draws), left of it, centred
 * above and below it, 4px clear of the disc.
 */
export function sideBoxes(node: { x: number; y: number; size: number }, width: number, size: number, ascent: number, descent: number): [Box, ...Box[]] {
  const baseline = node.y + size / 3;
  const row = { minY: baseline - ascent - 2, maxY: baseline + descent + 2 };
  const centred = { minX: node.x - width / 2 - 2, maxX: node.x + width / 2 + 2 };
  const aboveBaseline = node.y - node.size - 4 - descent;
  const belowBaseline = node.y + node.size + 4 + ascent;
  return [
    { minX: node.x + node.size + 2, maxX: node.x + node.size + 6 + width, ...row },
    { minX: node.x - node.size - 6 - width, maxX: node.x - node.size - 2, ...row },
    { ...centred, minY: aboveBaseline - ascent - 2, maxY: aboveBaseline + descent + 2 },
    { ...centred, minY: belowBaseline - ascent - 2, maxY: belowBaseline + descent + 2 },
  ];
}

/**
 * `text` shortened (with an ellipsis) so that, drawn from `x` in the context's current font, it ends
 * inside the canvas: with labels kept apart, a title cut by the screen's edge is cut in words instead.
 */
function fitLabel(context: CanvasRenderingContext2D, text: string, x: number): string {
  const limit = context.canvas instanceof HTMLCanvasElement ? context.canvas.clientWidth - x - 4 : Infinity;
  if (!(limit > 0) || context.measureText(text).width <= limit) return text;
  let end = text.length;
  while (end > 1 && context.measureText(`${text.slice(0, end).trimEnd()}…`).width > limit) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Hovered and selected nodes: an accent ring and the label in a raised box. */
export function drawHover(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  const colors = themeColors();
  const size = settings.labelSize + 1;
  context.font = font(settings, "600", size);
  const right = placer ? fitLabel(context, truncateLabel(data.label ?? ""), data.x + data.size + 12) : truncateLabel(data.label ?? "");
  const lines = data.label ? (placement === "below" ? wrapLabel(data.label) : [right]) : [];
  const widths = lines.map((line) => context.measureText(line).width);
  const textWidth = Math.max(0, ...widths);
  const padX = 8;
  const lineHeight = size + 3;
  const boxHeight = lines.length * lineHeight + 9;
  const boxWidth = textWidth + padX * 2;
  const box =
    placement === "below"
      ? { x: data.x - boxWidth / 2, y: hoverBoxTop(data, boxHeight) }
      : { x: data.x + data.size + 4, y: data.y - boxHeight / 2 };
  context.save();
  if (lines.length) {
    context.shadowColor = "rgba(0,0,0,0.22)";
    context.shadowBlur = 12;
    context.shadowOffsetY = 2;
    context.fillStyle = colors.hoverBox;
    roundRect(context, box.x, box.y, boxWidth, boxHeight, 6);
    context.fill();
    context.shadowColor = "transparent";
    context.lineWidth = 1;
    context.strokeStyle = colors.hoverBorder;
    context.stroke();
  }
  context.beginPath();
  context.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
  context.lineWidth = 2.5;
  context.strokeStyle = colors.accent;
  context.stroke();
  context.fillStyle = colors.label;
  lines.forEach((line, i) => {
    const x = placement === "below" ? data.x - widths[i]! / 2 : box.x + padX;
    context.fillText(line, x, box.y + 4 + lineHeight * (i + 1) - 4);
  });
  context.restore();
}

function roundRect(context: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  context.beginPath();
  context.moveTo(x + r, y);
  context.arcTo(x + w, y, x + w, y + h, r);
  context.arcTo(x + w, y + h, x, y + h, r);
  context.arcTo(x, y + h, x, y, r);
  context.arcTo(x, y, x + w, y, r);
  context.closePath();
}
