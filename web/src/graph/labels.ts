// Canvas label and hover drawing for sigma, themed: labels get a halo in the background colour so
// they stay readable over edges, and the hover/selection box follows the light or dark theme.
// Two placements: right of the node (force layouts) or centred below it, wrapped (layered views).
// Longer than 400 lines because a label's places, its raised box and its drawing share one set of measures.
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import { themeColors } from "../theme.ts";
import { BADGE_PLACE, type LabelBox, type LabelPlacer, type LabelPlaces } from "./label-placement.ts";
import { dotBadge } from "./dot-badge.ts";
import { hoverBoxTop, labelBaseline, sideBoxes, splitInTwo, truncateLabel, twoLineBaselines, twoLineBoxes, wrapLabel } from "./label-lines.ts";

export { hoverBoxTop, labelBaseline, sideBoxes, splitInTwo, truncateLabel, wrapLabel };

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & {
  /** With the "below" placement: this node's label goes above it instead (NodeAttrs.labelAbove). */
  labelAbove?: boolean;
  /** sigma passes the node's key with its display data. */
  key?: string;
  /** Relevance in a neighbourhood (NodeAttrs.score): decides which labels win the room. */
  score?: number;
  /** Set on a neighbourhood's group and pager nodes (NodeAttrs.group): their labels say what is not drawn, so they win over patterns'. */
  group?: string;
  /** Set on an overview's community nodes (NodeAttrs.aggregate): like a group's, their names win over patterns'. */
  aggregate?: string;
  /** NodeAttrs.shortLabel: tried in every side after the whole label found no room. */
  shortLabel?: string;
  /** NodeAttrs.badge: drawn inside the dot when the label finds no room. */
  badge?: string;
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
 * A kept label's place (PlacedLabel.place) in words: its side, whether it is the node's short label
 * (a node with NodeAttrs.shortLabel offers the whole label on every side, then the short one: places
 * 4-7), and whether it is the whole title in two lines (places 8-11, offered last where the view asks
 * for them: setLabelTwoLines).
 */
export function labelPlace(place: number): { side: LabelSide; short: boolean; twoLines: boolean } {
  const n = LABEL_SIDES.length;
  return { side: LABEL_SIDES[place % n]!, short: place >= n && place < 2 * n, twoLines: place >= 2 * n && place < 3 * n };
}

/**
 * Where a layered view's label (the "below" placement) lies at a kept place: on the node's usual
 * side or `flipped` to the other (above instead of below), and `at`: centred on the node, moved
 * inside the stage's edge, hanging to the node's right or left (its lines starting or ending under
 * the node's centre, for a band whose neighbour's label or dot takes the room centred), or beside the node, its
 * lines centred on the dot's height (where both rows are taken: a presentation's lit pattern between
 * a raised label and the next band's dots). Places 0-3 and 4-7 (the short label) are centred or
 * inside; 8-11 hang; 12 and 13 are beside.
 */
export function layeredPlace(place: number): { flipped: boolean; short: boolean; at: "centred" | "inside" | "hangRight" | "hangLeft" | "besideRight" | "besideLeft" } {
  if (place >= 12) return { flipped: false, short: false, at: place === 12 ? "besideRight" : "besideLeft" };
  if (place >= 8) return { flipped: place >= 10, short: false, at: place % 2 === 0 ? "hangRight" : "hangLeft" };
  const within = place % LABEL_SIDES.length;
  return { flipped: within % 2 === 1, short: place >= LABEL_SIDES.length, at: within >= 2 ? "inside" : "centred" };
}

let placement: LabelPlacement = "right";
/** Whether a "right" label that finds no room on one line is also offered in two (ViewStyle.labelsInTwoLines). */
let twoLines = false;

/** Set by the renderer per view (ViewStyle.labelsInTwoLines). */
export function setLabelTwoLines(next: boolean): void {
  twoLines = next;
}

/** Whether the view offers labels in two lines, for an export that draws the view anew. */
export const currentLabelTwoLines = (): boolean => twoLines;

/** Set by the renderer per view: sigma's drawers get no per-view arguments. */
export function setLabelPlacement(next: LabelPlacement): void {
  placement = next;
}

/** The view's label placement, for an export that draws the view anew. */
export function currentLabelPlacement(): LabelPlacement {
  return placement;
}

/** A label as drawn: its box in canvas pixels, halo and raised box included (for tests that check labels do not overlap). */
export interface DrawnLabel {
  /** The node's key, or `region:<key>` for a region's name (region-labels.ts). */
  key: string;
  /** The node's whole label (its short one may be what is drawn: see `short`). */
  label: string;
  /** Drawn as the node's short label (NodeAttrs.shortLabel). */
  short: boolean;
  /** Drawn as the node's badge inside its dot (NodeAttrs.badge): its label found no room. */
  badge: boolean;
  /** The lines of text drawn (a layered view's label wrapped; a badge's have none). */
  lines: readonly string[];
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
  (placer?.drawn() ?? []).map((b) => ({ key: b.key, label: b.label, short: labelPlace(b.place).short, badge: b.place === BADGE_PLACE, lines: b.lines ?? [], x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY }));

let measurer: CanvasRenderingContext2D | null = null;
/** Measured widths by font, then text: looked up with the label's own string, no key made per lookup. */
const widths = new Map<string, Map<string, number>>();
let widthsCount = 0;

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
  let byText = widths.get(fontSpec);
  let width = byText?.get(text);
  if (width === undefined) {
    measurer ??= document.createElement("canvas").getContext("2d");
    if (!measurer) return text.length * 7;
    measurer.font = fontSpec;
    width = measurer.measureText(text).width;
    if (widthsCount > 20_000) {
      widths.clear();
      widthsCount = 0;
      byText = undefined;
    }
    if (!byText) widths.set(fontSpec, (byText = new Map()));
    byText.set(text, width);
    widthsCount++;
  }
  return width;
}

type Box = Omit<LabelBox, "key">;

/**
 * The side each raised label (the boxed label of a highlighted node: focus, selection, hover) takes
 * in this frame, chosen by the renderer so that it covers no other node's dot (see
 * GraphRenderer.chooseRaisedSides); a node absent from it takes its placement's usual side.
 */
let raisedSides: ReadonlyMap<string, LabelSide> = new Map();
/** The raised labels written in lines (wrapLabel's), where no side held the title whole on one line. */
let raisedWrapped: ReadonlySet<string> = new Set();

export function setRaisedSides(next: ReadonlyMap<string, LabelSide>, wrapped: ReadonlySet<string> = new Set()): void {
  raisedSides = next;
  raisedWrapped = wrapped;
}

export const currentRaisedSides = (): ReadonlyMap<string, LabelSide> => raisedSides;
export const currentRaisedWrapped = (): ReadonlySet<string> => raisedWrapped;
const wrappedRaise = (data: { key?: string }): boolean => data.key !== undefined && raisedWrapped.has(data.key);

/**
 * The sides a raised label may take, its usual one first: right, left, above, below (force layouts);
 * below or above, then beside the node (layered views, where a band's neighbours are a label apart).
 */
export function raisedSideOrder(data: { labelAbove?: boolean }): readonly LabelSide[] {
  if (placement === "below") return data.labelAbove ? ["above", "below", "right", "left"] : ["below", "above", "right", "left"];
  return LABEL_SIDES;
}

function raisedSide(data: { key?: string; labelAbove?: boolean }): LabelSide {
  return (data.key !== undefined ? raisedSides.get(data.key) : undefined) ?? raisedSideOrder(data)[0]!;
}

/**
 * The raised box drawHover draws for a hovered or selected node's label on `side` (its chosen one by
 * default), in viewport pixels, with the lines it holds: the whole title, never cut at 42 characters
 * as a plain label may be (hovering a node reads its title). Beside the node, the text is shortened
 * to end inside the stage (see fitLabel), unless it is `wrap`ped: then the whole title is written in
 * wrapLabel's lines (where no side holds it on one line: a phone's small stage). `side` says which
 * side it took (the SVG export draws it there).
 */
export function raisedLabel(
  data: { key?: string; x: number; y: number; size: number; label: string; labelAbove?: boolean },
  settings: LabelSettings,
  stageWidth = Infinity,
  side: LabelSide = raisedSide(data),
  wrap = wrappedRaise(data),
): { box: Box; lines: string[]; side: LabelSide } {
  const size = settings.labelSize + 1;
  const spec = font(settings, "600", size);
  const room = side === "right" ? stageWidth - (data.x + data.size + 12) - 4 : side === "left" ? data.x - data.size - 4 - 16 - 4 : stageWidth - 16 - 4;
  const lines =
    placement === "below" ? wrapLabel(data.label) : wrap ? wrapLabel(data.label).map((line) => fitText(line, spec, room)) : [fitText(data.label, spec, room)];
  const width = Math.max(0, ...lines.map((line) => textWidth(line, spec))) + 16;
  const height = lines.length * (size + 3) + 9;
  const box: Box =
    side === "right"
      ? { minX: data.x + data.size + 4, maxX: data.x + data.size + 4 + width, minY: data.y - height / 2, maxY: data.y + height / 2 }
      : side === "left"
        ? { minX: data.x - data.size - 4 - width, maxX: data.x - data.size - 4, minY: data.y - height / 2, maxY: data.y + height / 2 }
        : { minX: centredLeft(data.x, width, stageWidth), maxX: centredLeft(data.x, width, stageWidth) + width, minY: hoverBoxTop({ ...data, labelAbove: side === "above" }, height), maxY: hoverBoxTop({ ...data, labelAbove: side === "above" }, height) + height };
  return { box, lines, side };
}

/**
 * The left edge of a raised box `width` wide centred above or below a node at `x`, moved inside the
 * stage where centring would cross its edge (a node near a phone's edge keeps its whole title).
 */
function centredLeft(x: number, width: number, stageWidth: number): number {
  const left = x - width / 2;
  if (!Number.isFinite(stageWidth) || width + 8 > stageWidth) return left;
  return Math.min(Math.max(left, 4), stageWidth - 4 - width);
}

/** The raised box drawHover draws for a hovered or selected node's label, on its chosen side (viewport pixels). */
export function raisedLabelBox(data: { key?: string; x: number; y: number; size: number; label: string; labelAbove?: boolean }, settings: LabelSettings, stageWidth = Infinity): Box {
  return raisedLabel(data, settings, stageWidth).box;
}

/** `text` shortened with an ellipsis to at most `limit` pixels wide in `spec` (cached widths). */
function fitText(text: string, spec: string, limit: number): string {
  if (!(limit > 0) || textWidth(text, spec) <= limit) return text;
  let end = text.length;
  while (end > 1 && textWidth(`${text.slice(0, end).trimEnd()}…`, spec) > limit) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

const union = (a: Box, b: Box): Box => ({ minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) });

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
 * sigma's label drawer: the label is offered to the placement (see label-placement.ts) and drawn only
 * if it is kept; right of the node (force layouts) or centred below or above it, wrapped (layered views).
 */
export function drawLabel(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  if (!data.label) return;
  // While the camera moves, only the labels of the last frame at rest are placed: the rest are not measured.
  if (placer && !data.highlighted && !placer.accepts(data.key ?? data.label)) return;
  const label = data.label;
  if (!placer) return labelPlaces(context, data, label, settings).paint(0);
  const places = (): LabelPlaces => {
    const { box, alternatives, paint, linesAt } = labelPlaces(context, data, label, settings);
    return {
      // A highlighted node (focus, selection) also gets drawHover's raised box: keep that clear too.
      box: data.highlighted ? union(box, raisedLabelBox({ ...data, label }, settings, context.canvas instanceof HTMLCanvasElement ? context.canvas.clientWidth : Infinity)) : box,
      alternatives,
      draw: (_box, place) => paint(place),
      lines: linesAt,
      ...(data.badge && !data.highlighted ? { badge: dotBadge(context, data, data.badge, (weight, px) => font(settings, weight, px), textWidth) ?? undefined } : {}),
    };
  };
  // A highlighted label's places follow its raised side as it is now (the renderer may choose another
  // for the next frame before this one's labels are placed), so they are worked out at once.
  const now = data.highlighted ? places() : null;
  placer.offer({
    key: data.key ?? label,
    label,
    priority: [data.highlighted ? 1 : 0, data.zIndex ?? 0, data.group === undefined && data.aggregate === undefined ? 0 : 1, data.score ?? 0, data.size],
    always: data.highlighted === true,
    // Another is measured only if the placement reaches it (a DeferredLabel): most of a large overview's never are.
    places: now ? () => now : places,
  });
}

/**
 * A label's places (an index of LABEL_SIDES each; the "below" placement's are its usual side, the
 * other, then both moved inside the stage), how to paint it at one, and the lines it writes there.
 */
function labelPlaces(
  context: CanvasRenderingContext2D,
  data: LabelData,
  label: string,
  settings: LabelSettings,
): { box: Box; alternatives: Box[]; paint(place: number): void; linesAt(place: number): readonly string[] } {
  const size = settings.labelSize;
  // The context's font is set only to draw: setting it parses the font, which cost more than the rest
  // of this function when every pattern of a 2,000-pattern community was offered on every frame.
  const spec = font(settings, settings.labelWeight, size);
  let box: Box;
  let alternatives: Box[] = [];
  /** Draws the label in its `place`-th box (an index of LABEL_SIDES; the "below" placement's are its usual side, the other, then both moved inside the stage). */
  let paint: (place: number) => void;
  /** The lines `paint` writes at a place (the raised box's, for a highlighted label beside its node). */
  let linesAt: (place: number) => readonly string[];
  if (placement === "below") {
    const long = wrapLabel(label);
    // A node with a short label (a lineage band's "+17 more") offers it in the same four places after the whole one (places 4-7).
    const short = data.shortLabel && !data.highlighted ? [data.shortLabel] : null;
    // A highlighted node's label goes to the side its raised box took (see setRaisedSides); beside
    // the node, only the raised box (drawHover) holds the text.
    const side = data.highlighted ? raisedSide(data) : null;
    const beside = side === "right" || side === "left";
    const at = side ? { ...data, labelAbove: side === "above" } : data;
    // Another label's place is its usual side, then (place 1) the other one: above instead of below.
    const flipped = { ...data, labelAbove: !data.labelAbove };
    // A label the stage's edge would cut is also offered moved inside it, on either side (places 2, 3).
    const stageWidth = context.canvas instanceof HTMLCanvasElement ? context.canvas.clientWidth : Infinity;
    const widthOf = (lines: readonly string[]) => Math.max(...lines.map((line) => textWidth(line, spec)));
    const inside = (width: number) => Math.min(Math.max(data.x, width / 2 + 2), stageWidth - width / 2 - 2);
    /** The x of the lines' centre at a layeredPlace (`at`), for lines `width` wide. */
    const centreX = (at: ReturnType<typeof layeredPlace>["at"], width: number): number =>
      at === "inside" ? inside(width)
      : at === "hangRight" ? data.x + width / 2
      : at === "hangLeft" ? data.x - width / 2
      : at === "besideRight" ? data.x + data.size + 6 + width / 2
      : at === "besideLeft" ? data.x - data.size - 6 - width / 2
      : data.x;
    // The halo (lineWidth 4) reaches 2px beyond the glyphs.
    const boxAt = (lines: readonly string[], place: number): Box => {
      const where = layeredPlace(place);
      const width = widthOf(lines);
      const x = centreX(where.at, width);
      const node = where.flipped ? flipped : at;
      const beside = where.at === "besideRight" || where.at === "besideLeft";
      const first = beside ? besideBaseline(0, lines.length) : labelBaseline(node, size, 0, lines.length);
      const last = beside ? besideBaseline(lines.length - 1, lines.length) : labelBaseline(node, size, lines.length - 1, lines.length);
      return { minX: x - width / 2 - 2, maxX: x + width / 2 + 2, minY: first - size * 0.85 - 2, maxY: last + size * 0.25 + 2 };
    };
    /** Baseline of line `i` of `count` beside the node: the lines' middle at the dot's centre. */
    const besideBaseline = (i: number, count: number) => data.y + size * 0.3 + (i - (count - 1) / 2) * (size + 2);
    box = beside ? raisedLabelBox({ ...data, label }, settings) : boxAt(long, 0);
    // Its other places: the other side, both moved inside the stage's edge (1-3); the short label's
    // four, or the whole one's again where there is none (4-7: never kept then, as 0-3 were not);
    // hanging right and left on either side (8-11); beside the node (12, 13).
    if (!side) alternatives = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((place) => boxAt(layeredPlace(place).short && short ? short : long, place));
    const linesOf = (place: number) => (layeredPlace(place).short && short ? short : long);
    linesAt = (place) => (beside ? raisedLabel({ ...data, label }, settings).lines : linesOf(place));
    // A highlighted node's title is written in its raised box alone (drawHover, on the layer above):
    // painted here too, its lines stood out under the box, which is anchored a few pixels further
    // from the dot (an offline lineage's boxed Emotional Agility over its own plain "Agility").
    paint = (place) => {
      if (beside || data.highlighted) return;
      const lines = linesOf(place);
      const where = layeredPlace(place);
      const node = where.flipped ? flipped : at;
      const width = widthOf(lines);
      const x = centreX(where.at, width);
      const besideNode = where.at === "besideRight" || where.at === "besideLeft";
      // Lines hanging or beside the node start at its side (left-aligned right of it, right-aligned left of it), as the SVG writes them.
      const align = where.at === "hangRight" || where.at === "besideRight" ? "left" : where.at === "hangLeft" || where.at === "besideLeft" ? "right" : "center";
      const textX = align === "left" ? x - width / 2 : align === "right" ? x + width / 2 : x;
      context.font = spec;
      context.textAlign = align;
      lines.forEach((line, i) => haloText(context, line, textX, besideNode ? besideBaseline(i, lines.length) : labelBaseline(node, size, i, lines.length)));
      context.textAlign = "left";
    };
  } else {
    const x = data.x + data.size + 4;
    // Only the focus and selection are shortened to fit the screen; another label that does not fit is left out.
    if (data.highlighted) context.font = spec;
    const text = data.highlighted ? fitLabel(context, label, x) : label;
    const { ascent, descent } = fontMetrics(spec, size);
    // A title is offered whole on every side first; then its short label (a group's "+634 more"),
    // or, for a title over 42 characters, that title cut with "…" (places 4-7).
    const short = data.shortLabel ?? (truncateLabel(label) !== label ? truncateLabel(label) : undefined);
    const texts = data.highlighted || !short ? [text] : [text, short];
    // Each text on each side, in labelPlace's order.
    const boxes = texts.flatMap((t) => sideBoxes(data, textWidth(t, spec), size, ascent, descent));
    // Last (places 8-11), where the view asks for it: the whole title in two lines, half as wide, so a
    // relevant pattern among the dots near a phone's focus is named rather than one at the stage's edge.
    const pair = twoLines && !data.highlighted ? splitInTwo(label) : null;
    if (pair) {
      // Places 4-7 without a short label: the whole one again (never kept, as 0-3 were not).
      if (texts.length === 1) boxes.push(...boxes.slice(0, LABEL_SIDES.length));
      boxes.push(...twoLineBoxes(data, Math.max(textWidth(pair[0], spec), textWidth(pair[1], spec)), size, ascent, descent));
    }
    // A highlighted node's label goes to the side its raised box took (see setRaisedSides); written
    // in lines, only the raised box (drawHover) holds the text.
    const first = data.highlighted ? LABEL_SIDES.indexOf(raisedSide(data)) : 0;
    const raised = data.highlighted ? raisedLabel({ ...data, label }, settings, context.canvas instanceof HTMLCanvasElement ? context.canvas.clientWidth : Infinity) : null;
    const inLines = raised && wrappedRaise(data) ? raised : null;
    box = inLines?.box ?? boxes[first]!;
    alternatives = data.highlighted ? [] : boxes.slice(1);
    linesAt = (place) => raised?.lines ?? (pair && labelPlace(place).twoLines ? pair : [texts[labelPlace(place).short ? 1 : 0] ?? text]);
    // The text starts 2px inside its place's box (the halo), its baseline `ascent` below the box's top + 2.
    paint = (place) => {
      // As in the layered placement: the raised box (drawHover) holds a highlighted node's title.
      if (inLines || data.highlighted) return;
      const at = data.highlighted ? box : (boxes[place] ?? box);
      context.font = spec;
      const where = labelPlace(place);
      if (pair && where.twoLines) {
        const { baselines, align } = twoLineBaselines(data, where.side, size, ascent, descent);
        context.textAlign = align;
        const x = align === "left" ? at.minX + 2 : align === "right" ? at.maxX - 2 : data.x;
        pair.forEach((line, i) => haloText(context, line, x, baselines[i]!));
        context.textAlign = "left";
        return;
      }
      haloText(context, texts[where.short ? 1 : 0] ?? text, at.minX + 2, at.minY + 2 + ascent);
    };
  }
  return { box, alternatives, paint, linesAt };
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

/** Hovered and selected nodes: an accent ring and the label in a raised box, on the side chosen for it (setRaisedSides). */
export function drawHover(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  const colors = themeColors();
  const size = settings.labelSize + 1;
  context.font = font(settings, "600", size);
  const stageWidth = placer && context.canvas instanceof HTMLCanvasElement ? context.canvas.clientWidth : Infinity;
  const raised = data.label ? raisedLabel({ ...data, label: data.label }, settings, stageWidth) : null;
  const lines = raised?.lines ?? [];
  const widths = lines.map((line) => context.measureText(line).width);
  const padX = 8;
  const lineHeight = size + 3;
  const centred = raisedSide(data) === "above" || raisedSide(data) === "below";
  context.save();
  if (raised && lines.length) {
    const { minX, minY, maxX, maxY } = raised.box;
    context.shadowColor = "rgba(0,0,0,0.22)";
    context.shadowBlur = 12;
    context.shadowOffsetY = 2;
    context.fillStyle = colors.hoverBox;
    roundRect(context, minX, minY, maxX - minX, maxY - minY, 6);
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
  if (raised) {
    const { minX, minY, maxX } = raised.box;
    lines.forEach((line, i) => {
      const x = centred ? (minX + maxX) / 2 - widths[i]! / 2 : minX + padX;
      context.fillText(line, x, minY + 4 + lineHeight * (i + 1) - 4);
    });
  }
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
