// Layered top-down placement for lineage DAGs: one band per lineage level (ancestors above the
// root, descendants below), node order inside a band from barycentre sweeps to limit crossings.
// Pure: positions in graph units with y pointing up (sigma's convention), so level -1 sits above 0.

export interface LayeredNode {
  key: string;
  level: number;
  /** Used for a stable initial order (titles read better than slugs). */
  label: string;
}

export interface LayeredEdge {
  parent: string;
  child: string;
}

export interface LayeredOptions {
  /** A band with more nodes wraps into several rows; a function lets wide bands get wider rows. */
  maxPerRow: number | ((bandSize: number) => number);
  xGap: number;
  yGap: number;
  /** Vertical gap between wrapped rows of one band, as a fraction of yGap. */
  wrapGap: number;
}

/**
 * Levels for drawing: the server gives each pattern its nearest distance from the root, so a
 * pattern reached by a short and a long chain would sit above its own parent. Here descendants are
 * pushed below their lowest parent and ancestors lifted above their highest child (longest-path
 * layering), so every parent is drawn above its children. Bounded by the node count, so a lineage
 * cycle cannot make it loop; the root stays at 0 and each side keeps its sign.
 */
export function displayLevels(nodes: readonly LayeredNode[], edges: readonly LayeredEdge[]): Map<string, number> {
  const level = new Map(nodes.map((n) => [n.key, n.level]));
  const bound = nodes.length;
  for (let round = 0; round < bound; round++) {
    let changed = false;
    for (const e of edges) {
      const lp = level.get(e.parent);
      const lc = level.get(e.child);
      if (lp === undefined || lc === undefined) continue;
      if (lp >= 0 && lc > 0 && lc <= lp && lp < bound) {
        level.set(e.child, lp + 1);
        changed = true;
      } else if (lc <= 0 && lp < 0 && lp >= lc && lc > -bound) {
        level.set(e.parent, lc - 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return level;
}

export const DEFAULT_LAYERED_OPTIONS: LayeredOptions = { maxPerRow: 7, xGap: 1, yGap: 0.9, wrapGap: 0.55 };

export function layoutLayers(
  nodes: readonly LayeredNode[],
  edges: readonly LayeredEdge[],
  options: LayeredOptions = DEFAULT_LAYERED_OPTIONS,
): Map<string, { x: number; y: number; labelAbove?: boolean }> {
  const levels = [...new Set(nodes.map((n) => n.level))].sort((a, b) => a - b);
  const bands = new Map<number, string[]>();
  for (const level of levels) {
    bands.set(
      level,
      nodes
        .filter((n) => n.level === level)
        .sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key))
        .map((n) => n.key),
    );
  }
  const levelOf = new Map(nodes.map((n) => [n.key, n.level]));
  const adjacent = new Map<string, { up: string[]; down: string[] }>();
  for (const n of nodes) adjacent.set(n.key, { up: [], down: [] });
  for (const e of edges) {
    const lp = levelOf.get(e.parent);
    const lc = levelOf.get(e.child);
    if (lp === undefined || lc === undefined) continue;
    // Orient by level, not by declaration: an edge only pulls on the band next to it.
    const [upper, lower] = lp <= lc ? [e.parent, e.child] : [e.child, e.parent];
    adjacent.get(upper)!.down.push(lower);
    adjacent.get(lower)!.up.push(upper);
  }

  const indexIn = (band: string[]) => new Map(band.map((key, i) => [key, i / Math.max(1, band.length - 1)]));
  const reorder = (band: string[], neighbourBand: string[], pick: (key: string) => string[]) => {
    const index = indexIn(neighbourBand);
    const own = indexIn(band);
    const score = new Map<string, number>();
    for (const key of band) {
      const positions = pick(key)
        .map((k) => index.get(k))
        .filter((v): v is number => v !== undefined);
      score.set(key, positions.length ? positions.reduce((a, b) => a + b, 0) / positions.length : own.get(key)!);
    }
    band.sort((a, b) => score.get(a)! - score.get(b)! || a.localeCompare(b));
  };
  for (let sweep = 0; sweep < 6; sweep++) {
    for (let i = 1; i < levels.length; i++) {
      reorder(bands.get(levels[i]!)!, bands.get(levels[i - 1]!)!, (k) => adjacent.get(k)!.up);
    }
    for (let i = levels.length - 2; i >= 0; i--) {
      reorder(bands.get(levels[i]!)!, bands.get(levels[i + 1]!)!, (k) => adjacent.get(k)!.down);
    }
  }

  const positions = new Map<string, { x: number; y: number; labelAbove?: boolean }>();
  let y = 0;
  let rootY = 0;
  for (const level of levels) {
    const band = bands.get(level)!;
    const rows = rowsOf(band.length, options);
    const perRow = Math.ceil(band.length / rows);
    if (level === 0) rootY = y;
    for (let r = 0; r < rows; r++) {
      const row = band.slice(r * perRow, (r + 1) * perRow);
      // Wrapped rows are staggered by half a gap so labels of consecutive rows do not line up.
      const stagger = rows > 1 && r % 2 === 1 ? options.xGap / 2 : 0;
      // A long single row alternates its labels above and below, so each gets two columns of room;
      // wrapped rows are staggered instead (labels above would run into the row on top).
      const alternate = rows === 1 && row.length >= ALTERNATE_FROM && level !== 0;
      row.forEach((key, i) => {
        const at: { x: number; y: number; labelAbove?: boolean } = { x: (i - (row.length - 1) / 2) * options.xGap + stagger, y };
        if (alternate && i % 2 === 1) at.labelAbove = true;
        positions.set(key, at);
      });
      if (r < rows - 1) y -= options.yGap * options.wrapGap;
    }
    y -= options.yGap;
  }
  // The root's band sits at y = 0: ancestors above (positive y), descendants below.
  for (const p of positions.values()) p.y -= rootY;
  return positions;
}

/** Rows shorter than this keep every label below: there is room enough. */
const ALTERNATE_FROM = 5;

const rowsOf = (count: number, options: LayeredOptions): number => {
  const perRow = typeof options.maxPerRow === "function" ? options.maxPerRow(count) : options.maxPerRow;
  return Math.max(1, Math.ceil(count / Math.max(1, perRow)));
};
