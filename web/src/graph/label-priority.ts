// Labels without overlaps, for views whose every node is a label candidate (the neighbourhood):
// sigma's own label grid keeps one label per cell but lets neighbouring cells' labels collide. Here
// the labels of a frame are collected instead of drawn, then placed most important first (the
// focus and selection, then by relevance score), each kept only if its box meets no kept box.
// The boxes are kept in an R-tree (rbush), so a frame's cost grows with the candidates, not with
// candidates x kept labels. Measured 2026-12-06 (Node 20, load ~20 on 2 cores, 200 frames of random
// boxes on 1440x900): 300 candidates 0.27 ms a frame (a pairwise scan 0.25 ms), 3,000 4.3 ms (4.2 ms):
// even at these sizes, where the screen fills before the kept list grows long.
import RBush from "rbush";

/** A drawn label's box in viewport pixels (the graph container's coordinates). */
export interface LabelBox {
  node: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A label sigma asked to draw: where, and how much it matters (higher first). */
export interface LabelCandidate {
  node: string;
  /** The box the label would cover, text and halo included. */
  box: Omit<LabelBox, "node">;
  /** Compared in order, higher first: e.g. [focus or selected, z-index, relevance score, size]. */
  priority: number[];
  /** Drawn whatever else (the focus, the selection): sigma draws their raised box anyway, so its room is taken. */
  always?: boolean;
  draw(): void;
}

/** Keeps labels apart on screen; `begin` at the start of a frame, `place` once sigma has asked for all of them. */
export class LabelCollision {
  private queue: LabelCandidate[] = [];
  /** Pixels kept clear between two labels. */
  constructor(private readonly gap = 2) {}

  begin(): void {
    this.queue = [];
  }

  defer(candidate: LabelCandidate): void {
    this.queue.push(candidate);
  }

  /** Draws the queued labels that fit, most important first; the rest are left out. */
  place(viewport: { width: number; height: number }): void {
    const tree = new RBush<LabelBox>();
    const ordered = this.queue.sort((a, b) => comparePriority(a.priority, b.priority) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
    for (const candidate of ordered) {
      const { box } = candidate;
      // A label cut by the canvas edge is not worth the room it takes from one that fits.
      if (!candidate.always && (box.minX < 0 || box.minY < 0 || box.maxX > viewport.width || box.maxY > viewport.height)) continue;
      const padded = { minX: box.minX - this.gap, minY: box.minY - this.gap, maxX: box.maxX + this.gap, maxY: box.maxY + this.gap };
      if (!candidate.always && tree.collides(padded)) continue;
      const entry = { node: candidate.node, ...box };
      tree.insert(entry);
      candidate.draw();
    }
    this.queue = [];
  }

}

function comparePriority(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
