// Label collision for one rendered frame: every label box drawn so far goes into an R-tree (rbush),
// and a label whose box would overlap one of them is not drawn. sigma offers its labels in order of
// importance (the overview adds its nodes most linked first), so the most important ones win.
import RBush from "rbush";

export interface LabelBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** The node whose label it is. */
  key: string;
}

/** Space kept clear around each label, in pixels, so neighbouring labels do not touch. */
const GAP = 2;
/** Screen area per label: at most one label per this many square pixels, so the screen stays readable. */
export const AREA_PER_LABEL = 16_000;

export class LabelCollisions {
  private tree = new RBush<LabelBox>();
  private boxes: LabelBox[] = [];
  private budget = Number.POSITIVE_INFINITY;
  private bounds: { width: number; height: number } | null = null;

  /** A new frame: nothing is drawn yet, at most `budget` labels will be, each wholly inside `bounds`. */
  reset(budget = Number.POSITIVE_INFINITY, bounds: { width: number; height: number } | null = null): void {
    this.tree.clear();
    this.boxes = [];
    this.budget = budget;
    this.bounds = bounds;
  }

  /** Reserves `box` (a hovered node's raised label) before the frame's labels are placed. */
  reserve(box: LabelBox): void {
    this.tree.insert(box);
    this.boxes.push(box);
  }

  /** Takes the box if it overlaps nothing placed in this frame; false means: do not draw it. */
  place(box: LabelBox): boolean {
    if (this.budget <= 0) return false;
    // A label cut by the edge of the stage reads as a different word: leave it for a pan or zoom.
    if (this.bounds && (box.minX < 0 || box.minY < 0 || box.maxX > this.bounds.width || box.maxY > this.bounds.height)) return false;
    const padded = { minX: box.minX - GAP, minY: box.minY - GAP, maxX: box.maxX + GAP, maxY: box.maxY + GAP };
    if (this.tree.collides(padded)) return false;
    this.tree.insert(box);
    this.boxes.push(box);
    this.budget--;
    return true;
  }

  /** The boxes of the labels drawn in the last frame, in viewport pixels. */
  drawn(): readonly LabelBox[] {
    return this.boxes;
  }
}
