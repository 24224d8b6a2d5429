// A label's text as drawn: shortened beside its node (the force-laid views), and wrapped below it
// (the layered views, paths and lineage) into lines that keep every word whole, and where those
// lines go, and a label's four boxes beside, above and below its node. Split from labels.ts (the
// drawers), which the exports read these from too.

/**
 * A label beside its node (the force-laid views) is offered whole first, then cut after this many
 * characters where the whole title finds no room (graph/labels.ts drawLabel).
 */
const MAX_LABEL = 42;
const WRAP_AT = 16;

export const truncateLabel = (label: string, max = MAX_LABEL): string =>
  label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;

/** A layered view's label wraps to this many lines at most before its lines grow wider. */
const WRAP_LINES = 4;

/** `words` in lines, line i at most `width(i)` characters (a longer word alone on its line). */
function greedyLines(words: readonly string[], width: (line: number) => number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > width(lines.length)) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const wrapped = new Map<string, string[]>();

/**
 * A layered view's label in lines, every word whole (a title is never cut short): broken at spaces,
 * the first line at most WRAP_AT characters and the next ones two more (as the lineage's bands are
 * spaced for, so a whole title takes no more width than a cut one did), and a title that would
 * take more than WRAP_LINES such lines in that many wider ones, so it grows sideways rather than down. Cached: the paths and lineage views wrap every label on every frame.
 */
export function wrapLabel(label: string): string[] {
  // A label that breaks itself (a lineage band's "+28 more" over "great-grandchildren") keeps its lines.
  if (label.includes("\n")) return label.split("\n", 2).map((line) => truncateLabel(line, WRAP_AT + 8));
  if (label.length <= WRAP_AT) return [label];
  let lines = wrapped.get(label);
  if (!lines) {
    const words = label.split(/\s+/).filter(Boolean);
    lines = greedyLines(words, (i) => (i === 0 ? WRAP_AT : WRAP_AT + 2));
    for (let width = WRAP_AT + 3; lines.length > WRAP_LINES; width++) lines = greedyLines(words, () => width);
    if (wrapped.size > 5_000) wrapped.clear();
    wrapped.set(label, lines);
  }
  return lines;
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

/** A box in viewport pixels. */
type SideBox = { minX: number; minY: number; maxX: number; maxY: number };

/**
 * The boxes of a label `width` pixels wide in each of LABEL_SIDES, halo included: right of the node
 * (its baseline a third of the font size below the centre, as sigma draws), left of it, centred
 * above and below it, 4px clear of the disc.
 */
export function sideBoxes(node: { x: number; y: number; size: number }, width: number, size: number, ascent: number, descent: number): [SideBox, ...SideBox[]] {
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
 * A title in two lines, broken at the space nearest its middle (the longer line as short as it can
 * be), or null for one word or a title of WRAP_AT characters or fewer: a force-laid view's label that
 * finds no room on one line is offered in these two (graph/labels.ts), half as wide, on a phone's
 * crowded stage where the most relevant patterns sit among the dots near the focus.
 */
export function splitInTwo(label: string): [string, string] | null {
  if (label.length <= WRAP_AT || label.includes("\n")) return null;
  const words = label.split(/\s+/).filter(Boolean);
  if (words.length < 2) return null;
  let best: [string, string] | null = null;
  for (let i = 1; i < words.length; i++) {
    const pair: [string, string] = [words.slice(0, i).join(" "), words.slice(i).join(" ")];
    if (!best || Math.max(pair[0].length, pair[1].length) < Math.max(best[0].length, best[1].length)) best = pair;
  }
  return best;
}

/** Baselines of the two lines of a label in two lines (splitInTwo) at `side` of its node, and how its lines align. */
export function twoLineBaselines(
  node: { x: number; y: number; size: number },
  side: "right" | "left" | "above" | "below",
  size: number,
  ascent: number,
  descent: number,
): { baselines: [number, number]; align: "left" | "right" | "center" } {
  const step = size + 2;
  if (side === "above") {
    const last = node.y - node.size - 4 - descent;
    return { baselines: [last - step, last], align: "center" };
  }
  if (side === "below") {
    const first = node.y + node.size + 4 + ascent;
    return { baselines: [first, first + step], align: "center" };
  }
  // Beside the node: the two lines' middle at the height of a one-line label's.
  const middle = node.y + size / 3;
  return { baselines: [middle - step / 2, middle + step / 2], align: side === "right" ? "left" : "right" };
}

/**
 * The boxes of a label in two lines, `width` pixels wide (its wider line), in each of LABEL_SIDES,
 * halo included, as sideBoxes gives a one-line label's.
 */
export function twoLineBoxes(node: { x: number; y: number; size: number }, width: number, size: number, ascent: number, descent: number): [SideBox, SideBox, SideBox, SideBox] {
  const rows = (side: "right" | "left" | "above" | "below") => {
    const { baselines } = twoLineBaselines(node, side, size, ascent, descent);
    return { minY: baselines[0] - ascent - 2, maxY: baselines[1] + descent + 2 };
  };
  const centred = { minX: node.x - width / 2 - 2, maxX: node.x + width / 2 + 2 };
  return [
    { minX: node.x + node.size + 2, maxX: node.x + node.size + 6 + width, ...rows("right") },
    { minX: node.x - node.size - 6 - width, maxX: node.x - node.size - 2, ...rows("left") },
    { ...centred, ...rows("above") },
    { ...centred, ...rows("below") },
  ];
}
