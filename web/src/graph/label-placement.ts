// The one label placement of the explorer and its exports: a frame's labels are offered with a
// priority, then placed most important first, each kept in the first of its places (e.g. right of
// the node, then left, above, below) whose box meets no kept box and lies wholly inside the stage
// (a label cut by the edge reads as a different word). Every view uses it
// (overview, neighbourhood, lineage, paths, gaps, a presentation), and so do the PNG and SVG exports.
// The kept boxes live in an R-tree (rbush), so a frame costs about candidates x log(kept). Measured
// 2026-12-06 (Node 20, load ~20 on 2 cores, 200 frames of random boxes on 1440x900): 300 candidates
// 0.27 ms a frame (a pairwise scan 0.25 ms), 3,000 4.3 ms (4.2 ms): no faster than a scan at these
// sizes, kept for its incremental inserts (reserved boxes, link labels placed around node labels).
import RBush from "rbush";

/** A label's box in viewport pixels (the graph container's coordinates), halo included. */
export interface LabelBox {
  /** The node (or link) whose label it is. */
  key: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** A reserved box that the label of this key may cover (a node's own dot), and no other. */
  owner?: string;
}

/** How much a label offered for a frame matters. */
export interface LabelRank {
  key: string;
  /** The text, for the boxes the tests read (`drawn()`). */
  label: string;
  /** Compared in order, higher first: e.g. [highlighted, z-index, relevance score, size]. Equal ones keep their offer order. */
  priority: readonly number[];
  /** Kept whatever else (the focus, the selection): its raised box is drawn anyway, so its room is taken. */
  always?: boolean;
}

/** Where a label may go, and how to draw it once kept. */
export interface LabelPlaces {
  box: Omit<LabelBox, "key">;
  /** Other places for the label, tried in this order when `box` does not fit (left of the node, above, below). */
  alternatives?: readonly Omit<LabelBox, "key">[];
  /** Draws the label at the place kept: `box` is that place's object, `place` its index (0: `box`, i: `alternatives[i - 1]`). */
  draw?(box: Omit<LabelBox, "key">, place: number): void;
  /** The lines `draw` writes at `place`, for the tests that read what a label says (`drawn()`). */
  lines?(place: number): readonly string[];
  /**
   * Where no place fits: a few characters inside the node's own dot (a group's count), kept if `box`
   * lies on the stage and meets no kept label or reserved room (dots aside), and drawn by `draw`;
   * kept with BADGE_PLACE as its place.
   */
  badge?: { text: string; box: Omit<LabelBox, "key">; draw(): void };
}

/** A label offered for a frame: where, how much it matters, and how to draw it once kept. */
export interface LabelCandidate extends LabelRank, LabelPlaces {}

/**
 * A label whose places are worked out (its text measured, its boxes made) only if the placement reaches
 * it: a frame with a label budget (areaPerLabel) stops once the budget is spent, so of the ~2,600 labels
 * offered at ten times the library with its largest community open, about a hundred are ever measured.
 * The same labels are kept as if every one had been worked out first.
 */
export interface DeferredLabel extends LabelRank {
  places(): LabelPlaces;
}

/** The place of a kept badge (LabelCandidate.badge): inside the node's dot, none of its label's places. */
export const BADGE_PLACE = -1;

/** A kept label: its box and text, and which of its places was kept (0: the first, i: `alternatives[i - 1]`, BADGE_PLACE: its badge). */
export interface PlacedLabel extends LabelBox {
  label: string;
  place: number;
  /** The lines drawn (LabelCandidate.lines), when the drawer said them. */
  lines?: readonly string[];
}

export interface LabelPlacementOptions {
  /** Pixels kept clear between two labels. */
  gap?: number;
  /** At most one label per this many square pixels of the stage (the overview), so the screen stays readable; none by default. */
  areaPerLabel?: number;
}

/** Labels on one stage without overlaps: `begin` a frame, `reserve` room that is taken, `offer` labels, then `place`. */
export class LabelPlacer {
  /**
   * What no label may meet (kept labels, reserved room), apart from the boxes some label may cover
   * (`owner`: a node's dot), which are kept in a tree of their own: a label is tested against the first
   * with rbush's `collides` (no array made, the first hit ends it), and the second is usually small or
   * empty. At ten times the library with its largest community open a frame tests ~2,000 labels' places.
   */
  private tree = new RBush<LabelBox>();
  private owned = new RBush<LabelBox>();
  private ownedCount = 0;
  private queue: { candidate: LabelCandidate | DeferredLabel; order: number }[] = [];
  private kept: PlacedLabel[] = [];
  private bounds: { width: number; height: number } | null = null;

  constructor(readonly options: LabelPlacementOptions = {}) {}

  private only: ReadonlySet<string> | null = null;

  /**
   * A new frame on a stage of `bounds` (null: unbounded): nothing is kept or offered yet. `only`: the
   * labels this frame may keep (a frame while the camera moves keeps those of the last frame at rest,
   * so it measures and sorts a few dozen labels instead of every one on screen).
   */
  begin(bounds: { width: number; height: number } | null, only: ReadonlySet<string> | null = null): void {
    this.tree.clear();
    this.owned.clear();
    this.ownedCount = 0;
    this.queue = [];
    this.kept = [];
    this.bounds = bounds;
    this.only = only;
  }

  /** Whether a label of `key` may be kept this frame: a drawer asks before measuring it. */
  accepts(key: string): boolean {
    return this.only === null || this.only.has(key);
  }

  /** Room no label may take (a hovered node's raised label, a node's dot: `owner` its own label may cover): not a label itself. */
  reserve(box: LabelBox): void {
    if (box.owner === undefined) return void this.tree.insert(box);
    this.owned.insert(box);
    this.ownedCount++;
  }

  offer(candidate: LabelCandidate | DeferredLabel): void {
    if (!candidate.always && !this.accepts(candidate.key)) return;
    this.queue.push({ candidate, order: this.queue.length });
  }

  /** Keeps the offered labels that fit, most important first, draws each kept one, and returns them. */
  place(): readonly PlacedLabel[] {
    const gap = this.options.gap ?? 2;
    const { width, height } = this.bounds ?? { width: Infinity, height: Infinity };
    let budget = this.options.areaPerLabel && this.bounds ? Math.max(8, Math.floor((width * height) / this.options.areaPerLabel)) : Infinity;
    const ordered = this.queue.sort((a, b) => Number(b.candidate.always === true) - Number(a.candidate.always === true) || comparePriority(a.candidate.priority, b.candidate.priority) || a.order - b.order);
    this.queue = [];
    const placedNow: PlacedLabel[] = [];
    // Only the offered label's own dot may lie under it (a box reserved with its key as `owner`).
    let key = "";
    const query = { minX: 0, minY: 0, maxX: 0, maxY: 0 };
    const fits = (box: Omit<LabelBox, "key">) => {
      if (!(box.minX >= 0 && box.minY >= 0 && box.maxX <= width && box.maxY <= height)) return false;
      query.minX = box.minX - gap;
      query.minY = box.minY - gap;
      query.maxX = box.maxX + gap;
      query.maxY = box.maxY + gap;
      return !this.tree.collides(query) && (this.ownedCount === 0 || this.owned.search(query).every((hit) => hit.owner === key));
    };
    // A badge lies inside its own dot, drawn over the dots: another dot under it is no reason to leave it out, a label or reserved room is.
    const fitsBadge = (box: Omit<LabelBox, "key">) => box.minX >= 0 && box.minY >= 0 && box.maxX <= width && box.maxY <= height && !this.tree.collides(box);
    for (const { candidate } of ordered) {
      if (!candidate.always && budget <= 0) break;
      const places: LabelPlaces = "places" in candidate ? candidate.places() : candidate;
      key = candidate.key;
      let box = places.box;
      let place = 0;
      if (!candidate.always) {
        if (!fits(box)) {
          place = 1 + (places.alternatives?.findIndex(fits) ?? -1);
          if (place === 0) {
            const badge = places.badge;
            if (badge && fitsBadge(badge.box)) {
              const kept = { key: candidate.key, label: candidate.label, place: BADGE_PLACE, ...badge.box };
              this.tree.insert(kept);
              this.kept.push(kept);
              placedNow.push(kept);
              badge.draw();
            }
            continue;
          }
          box = places.alternatives![place - 1]!;
        }
        budget--;
      }
      const placed: PlacedLabel = { key: candidate.key, label: candidate.label, place, ...box, ...(places.lines ? { lines: places.lines(place) } : {}) };
      this.tree.insert(placed);
      this.kept.push(placed);
      placedNow.push(placed);
      places.draw?.(box, place);
    }
    return placedNow;
  }

  /** The labels kept in this frame so far, in viewport pixels. */
  drawn(): readonly PlacedLabel[] {
    return this.kept;
  }
}

function comparePriority(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
