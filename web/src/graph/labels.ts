// Canvas label and hover drawing for sigma, themed: labels get a halo in the background colour so
// they stay readable over edges, and the hover/selection box follows the light or dark theme.
// Two placements: right of the node (force layouts) or centred below it, wrapped (layered views).
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import { themeColors } from "../theme.ts";
import type { LabelBox as CollisionBox, LabelCollisions } from "./label-collision.ts";
import type { LabelCollision } from "./label-priority.ts";

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & {
  /** With the "below" placement: this node's label goes above it instead (NodeAttrs.labelAbove). */
  labelAbove?: boolean;
  /** sigma passes the node's key with its display data. */
  key?: string;
  /** Relevance in a neighbourhood (NodeAttrs.score): decides which labels win the room. */
  score?: number;
};
/** Only the label settings are read, so the drawers fit sigma instances of any attribute types. */
type LabelSettings = Pick<Settings, "labelSize" | "labelFont" | "labelWeight">;

export const LABEL_PLACEMENTS = ["right", "below"] as const;
export type LabelPlacement = (typeof LABEL_PLACEMENTS)[number];

let placement: LabelPlacement = "right";

/** Set by the renderer per view: sigma's drawers get no per-view arguments. */
export function setLabelPlacement(next: LabelPlacement): void {
  placement = next;
}

/** A label as drawn: its text box in canvas pixels (for tests that check labels do not overlap). */
export interface LabelBox {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

let drawn: LabelBox[] = [];

/** The boxes of the labels drawn since the last frame started (the renderer clears them per frame). */
export const drawnLabels = (): readonly LabelBox[] => drawn;
export function clearDrawnLabels(): void {
  drawn = [];
}

let collisions: LabelCollisions | null = null;

/** With collisions (the overview), a label that would overlap one already drawn in the frame is skipped. */
export function setLabelCollisions(next: LabelCollisions | null): void {
  collisions = next;
}

/** The collision pass sigma's label drawer uses now (null: labels may overlap), e.g. to give an export its own. */
export function currentLabelCollisions(): LabelCollisions | null {
  return collisions;
}

let measurer: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

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

/** The box a label drawn right of its node covers, halo included (viewport pixels). */
export function rightLabelBox(data: { key?: string; x: number; y: number; size: number; label: string }, settings: LabelSettings): CollisionBox {
  const size = settings.labelSize;
  const left = data.x + data.size + 4;
  const baseline = data.y + size / 3;
  const width = textWidth(truncateLabel(data.label), font(settings, settings.labelWeight, size));
  return { key: data.key ?? "", minX: left - 2, maxX: left + width + 2, minY: baseline - size * 0.8 - 2, maxY: baseline + size * 0.25 + 2 };
}

/** The raised box of a hovered or selected node's label, placed right of the node (see drawHover). */
export function rightHoverBox(data: { key?: string; x: number; y: number; size: number; label: string }, settings: LabelSettings): CollisionBox {
  const size = settings.labelSize + 1;
  const width = textWidth(truncateLabel(data.label), font(settings, "600", size)) + 16;
  const height = size + 3 + 9;
  const left = data.x + data.size + 4;
  return { key: data.key ?? "", minX: left, maxX: left + width, minY: data.y - height / 2, maxY: data.y + height / 2 };
}

let collision: LabelCollision | null = null;

/** With a collision keeper, right-placed labels are queued and placed without overlaps (label-priority.ts). */
export function setLabelCollision(next: LabelCollision | null): void {
  collision = next;
}

const MAX_LABEL = 42;
const WRAP_AT = 16;

export const truncateLabel = (label: string, max = MAX_LABEL): string =>
  label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;

/** Up to two lines of about WRAP_AT characters, broken at spaces where possible. */
export function wrapLabel(label: string): string[] {
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

export function drawLabel(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = font(settings, settings.labelWeight, size);
  if (placement === "below") {
    context.textAlign = "center";
    const lines = wrapLabel(data.label);
    lines.forEach((line, i) => haloText(context, line, data.x, labelBaseline(data, size, i, lines.length)));
    context.textAlign = "left";
    const width = Math.max(...lines.map((line) => context.measureText(line).width));
    const top = labelBaseline(data, size, 0, lines.length) - size * 0.85;
    drawn.push({ label: data.label, x: data.x - width / 2, y: top, width, height: labelBaseline(data, size, lines.length - 1, lines.length) + size * 0.25 - top });
    return;
  }
  const x = data.x + data.size + 4;
  if (!collision) {
    const text = truncateLabel(data.label);
    const label = data.label;
    // A highlighted node's label is the raised box drawHover draws (reserved first in the frame).
    if (collisions && data.highlighted) return;
    if (collisions && !collisions.place(rightLabelBox({ key: (data as { key?: string }).key, x: data.x, y: data.y, size: data.size, label }, settings))) return;
    haloText(context, text, x, data.y + size / 3);
    drawn.push({ label: data.label, x, y: data.y - size * 0.6, width: context.measureText(text).width, height: size * 1.2 });
    return;
  }
  // Only the focus and selection are shortened to fit the screen; another label that does not fit is left out.
  const text = data.highlighted ? fitLabel(context, truncateLabel(data.label), x) : truncateLabel(data.label);
  const baseline = data.y + size / 3;
  const metrics = context.measureText(text);
  // The halo (lineWidth 4) reaches 2px beyond the glyphs.
  let box = {
    minX: x - 2,
    minY: baseline - (metrics.fontBoundingBoxAscent || size * 0.8) - 2,
    maxX: x + metrics.width + 2,
    maxY: baseline + (metrics.fontBoundingBoxDescent || size * 0.25) + 2,
  };
  // A highlighted node (focus, selection) also gets drawHover's raised box: keep that clear too.
  if (data.highlighted) {
    const hover = hoverBox(context, data, settings);
    box = { minX: Math.min(box.minX, hover.x), minY: Math.min(box.minY, hover.y), maxX: Math.max(box.maxX, hover.x + hover.width), maxY: Math.max(box.maxY, hover.y + hover.height) };
  }
  const font_ = context.font;
  collision.defer({
    node: data.key ?? data.label,
    box,
    priority: [data.highlighted ? 1 : 0, data.zIndex ?? 0, data.score ?? 0, data.size],
    always: data.highlighted === true,
    draw: () => {
      context.font = font_;
      haloText(context, text, x, baseline);
      // The box kept clear, halo and raised box included.
      drawn.push({ label: data.label!, x: box.minX, y: box.minY, width: box.maxX - box.minX, height: box.maxY - box.minY });
    },
  });
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

/** The raised box drawHover draws for a right-placed label (one line). */
function hoverBox(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): { x: number; y: number; width: number; height: number } {
  const size = settings.labelSize + 1;
  const previous = context.font;
  context.font = font(settings, "600", size);
  const width = context.measureText(fitLabel(context, truncateLabel(data.label ?? ""), data.x + data.size + 12)).width + 16;
  context.font = previous;
  const height = size + 3 + 9;
  return { x: data.x + data.size + 4, y: data.y - height / 2, width, height };
}

/** Hovered and selected nodes: an accent ring and the label in a raised box. */
export function drawHover(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  const colors = themeColors();
  const size = settings.labelSize + 1;
  context.font = font(settings, "600", size);
  const right = collision ? fitLabel(context, truncateLabel(data.label ?? ""), data.x + data.size + 12) : truncateLabel(data.label ?? "");
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
