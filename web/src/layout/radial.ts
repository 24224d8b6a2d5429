// Initial positions for a neighbourhood before ForceAtlas2 refines them in the worker: rings by hop
// distance from the focus, each node near its parent's angle. Deterministic, so the refined layout
// (and a camera saved in the URL) come out the same on every load.

export interface RadialInput {
  focus: string;
  nodes: readonly string[];
  /** Undirected adjacency. */
  neighbours: (key: string) => readonly string[];
  /** Positions to keep (nodes already on screen when a view evolves in place). */
  previous?: ReadonlyMap<string, { x: number; y: number }>;
  ringGap?: number;
}

/** A stable pseudo-random number in [0, 1) from a string (FNV-1a). */
export function hashUnit(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x100000000;
}

export function radialPositions(input: RadialInput): Map<string, { x: number; y: number }> {
  const gap = input.ringGap ?? 10;
  const inGraph = new Set(input.nodes);
  const distance = new Map<string, number>();
  const parent = new Map<string, string>();
  if (inGraph.has(input.focus)) {
    distance.set(input.focus, 0);
    const queue = [input.focus];
    for (let head = 0; head < queue.length; head++) {
      const key = queue[head]!;
      for (const next of [...input.neighbours(key)].sort()) {
        if (!inGraph.has(next) || distance.has(next)) continue;
        distance.set(next, distance.get(key)! + 1);
        parent.set(next, key);
        queue.push(next);
      }
    }
  }
  const maxDistance = Math.max(0, ...distance.values());
  for (const key of input.nodes) if (!distance.has(key)) distance.set(key, maxDistance + 1);

  const positions = new Map<string, { x: number; y: number }>();
  const angle = new Map<string, number>();
  const rings = new Map<number, string[]>();
  for (const key of input.nodes) {
    const d = distance.get(key)!;
    if (!rings.has(d)) rings.set(d, []);
    rings.get(d)!.push(key);
  }
  for (const d of [...rings.keys()].sort((a, b) => a - b)) {
    const ring = rings.get(d)!;
    const parentAngle = (key: string) => angle.get(parent.get(key) ?? "") ?? hashUnit(key) * Math.PI * 2;
    ring.sort((a, b) => parentAngle(a) - parentAngle(b) || a.localeCompare(b));
    ring.forEach((key, i) => {
      const a = d === 0 ? 0 : (i / ring.length) * Math.PI * 2 + d * 0.35;
      angle.set(key, a);
      positions.set(key, { x: Math.cos(a) * d * gap, y: Math.sin(a) * d * gap });
    });
  }

  if (input.previous && input.previous.size) {
    // Keep what is already on screen; put newcomers next to a neighbour that was already there.
    for (const key of input.nodes) {
      const old = input.previous.get(key);
      if (old) {
        positions.set(key, { ...old });
        continue;
      }
      const anchor = input.neighbours(key).find((n) => input.previous!.has(n));
      if (anchor) {
        const p = input.previous.get(anchor)!;
        const a = hashUnit(key) * Math.PI * 2;
        const r = gap * (0.35 + hashUnit(`${key}#r`) * 0.4);
        positions.set(key, { x: p.x + Math.cos(a) * r, y: p.y + Math.sin(a) * r });
      }
    }
  }
  return positions;
}
