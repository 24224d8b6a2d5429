// Room for the focus's label in a laid-out neighbourhood: ForceAtlas2 packs a hub's hundreds of
// neighbours all around it, so its boxed label right of it would cover their dots (no label may
// cover another node's dot: graph/dots.ts). Nodes in that box move up or down out of it. Pure.

export interface Placed {
  x: number;
  y: number;
  /** The dot's radius in screen pixels (sigma's node size). */
  size: number;
}

/**
 * Moves every node whose dot meets the box right of `focus` (`width` x `height` screen pixels,
 * starting `gap` pixels right of its dot) just above or below the box, whichever is nearer;
 * `pixelsPerUnit` converts screen pixels to layout units at the camera the layout will be seen at.
 * Returns how many nodes moved.
 */
export function clearRoomRightOf(
  positions: Record<string, { x: number; y: number }>,
  sizes: ReadonlyMap<string, number>,
  focus: string,
  room: { width: number; height: number; gap: number },
  pixelsPerUnit: number,
): number {
  const centre = positions[focus];
  if (!centre || !(pixelsPerUnit > 0)) return 0;
  const unit = (px: number) => px / pixelsPerUnit;
  const left = centre.x + unit((sizes.get(focus) ?? 0) + room.gap);
  const right = left + unit(room.width);
  const half = unit(room.height / 2);
  let moved = 0;
  for (const [key, p] of Object.entries(positions)) {
    if (key === focus) continue;
    const r = unit((sizes.get(key) ?? 0) + 2);
    if (p.x + r <= left || p.x - r >= right || p.y + r <= centre.y - half || p.y - r >= centre.y + half) continue;
    p.y = p.y >= centre.y ? centre.y + half + r : centre.y - half - r;
    moved++;
  }
  return moved;
}

/**
 * Screen pixels per layout unit once `extent` is fitted into a stage `free` pixels wide and high
 * less `padding` on each side (sigma fits the longer side; this is the tighter of the two fits).
 */
export function fittedPixelsPerUnit(extent: { width: number; height: number }, free: { width: number; height: number }, padding: number): number {
  const w = Math.max(40, free.width - 2 * padding);
  const h = Math.max(40, free.height - 2 * padding);
  return Math.min(w / Math.max(extent.width, 1e-9), h / Math.max(extent.height, 1e-9));
}
