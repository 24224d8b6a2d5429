// Left-to-right placement for path results: the two ends at the far left and right, every path's
// inner nodes spread evenly between them, each alternative in its own lane above or below the first.
// Labels alternate above and below along the middle lane (and go outwards on the others), so a long
// path's titles get two columns of room instead of one. On a stage taller than wide (a phone held
// upright) the same placement is turned a quarter: the start at the top, the end at the bottom, the
// lanes side by side (as wide as the stage allows, their inner patterns staggered), every label below its node.
import type { PathView } from "../types.ts";

export interface PathPosition {
  x: number;
  y: number;
  /** Draw this node's label above it (the default placement is below). */
  labelAbove: boolean;
}

export function layoutPaths(paths: readonly PathView[], xGap = 1, yGap = 0.75, upright = false): Map<string, PathPosition> {
  const positions = new Map<string, PathPosition>();
  if (!paths.length) return positions;
  const longest = Math.max(...paths.map((p) => p.length));
  const width = longest * xGap;
  paths.forEach((path, index) => {
    // Each path gets its own lane: 0, +1, -1, +2, -2 ... around the first (shortest) one. Nodes
    // shared with an earlier path stay where that path put them, so shared stretches merge.
    const lane = index === 0 ? 0 : (index % 2 === 1 ? 1 : -1) * Math.ceil(index / 2);
    path.nodes.forEach((slug, i) => {
      if (positions.has(slug)) return;
      // The two ends keep their (boxed) labels below; y grows upwards, so lane > 0 is the upper side.
      const end = i === 0 || i === path.length;
      const labelAbove = !end && (lane > 0 || (lane === 0 && i % 2 === 1));
      const along = path.length === 0 ? 0 : (i / path.length) * width;
      // Upright, lanes are narrow: a side lane's inner patterns sit a third of a step lower (odd
      // lanes) or higher (even lanes) than their neighbours', so labels side by side get two rows.
      const stagger = upright && !end && lane !== 0 ? (Math.abs(lane) % 2 === 1 ? 0.3 : -0.3) * (width / Math.max(1, path.length)) : 0;
      positions.set(slug, upright ? { x: lane * yGap, y: -along - stagger, labelAbove: false } : { x: along, y: lane * yGap, labelAbove });
    });
  });
  return positions;
}
