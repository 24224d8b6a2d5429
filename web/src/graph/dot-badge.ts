// A few characters inside a node's own dot ("+2", "−", "›"), for a neighbourhood's group node whose
// label finds no room on any side: deep in a hub's depth-2 neighbourhood on a phone, dozens of small
// "+N more" groups would otherwise be unnamed until hovered, and a phone has no hover.
import type { LabelBox } from "./label-placement.ts";

/** The smallest and largest font sizes of a badge. */
const BADGE_FONT = { min: 7, max: 11 } as const;

/**
 * A badge inside the node's dot (viewport pixels): its text in the largest font from BADGE_FONT whose
 * box lies inside the disc, in black or white, whichever reads better on the dot's colour; null when
 * even the smallest does not fit. `font(weight, px)` is the label font, `measure` a text's width in it.
 */
export function dotBadge(
  context: CanvasRenderingContext2D,
  node: { x: number; y: number; size: number; color: string },
  text: string,
  font: (weight: string, px: number) => string,
  measure: (text: string, spec: string) => number,
): { text: string; box: Omit<LabelBox, "key">; draw(): void } | null {
  for (let size = Math.min(BADGE_FONT.max, Math.floor(node.size * 1.3)); size >= BADGE_FONT.min; size--) {
    const spec = font("700", size);
    const width = measure(text, spec);
    // The text's box (about 0.75 of the font size tall for digits and signs) inside the disc.
    if (Math.hypot(width / 2, (size * 0.75) / 2) > node.size - 0.5) continue;
    return {
      text,
      box: { minX: node.x - width / 2, maxX: node.x + width / 2, minY: node.y - size * 0.4, maxY: node.y + size * 0.4 },
      draw: () => {
        context.font = spec;
        context.textAlign = "center";
        context.textBaseline = "middle";
        context.fillStyle = readsDark(node.color) ? "#111827" : "#ffffff";
        context.fillText(text, node.x, node.y + size * 0.05);
        context.textAlign = "left";
        context.textBaseline = "alphabetic";
      },
    };
  }
  return null;
}

/** Whether dark text reads better than white on `color` (#rgb, #rrggbb, rgb() or rgba()): WCAG relative luminance above 0.18. */
export function readsDark(color: string): boolean {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  const channels = hex
    ? hex.length === 3
      ? [...hex].map((c) => parseInt(c + c, 16))
      : [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16))
    : (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  const [r = 0, g = 0, b = 0] = channels.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18;
}
