// Region labels: a name drawn over a part of the picture (the overview's communities) rather than beside
// one node. Offered each frame to the one label placement (label-placement.ts) before the patterns'
// labels are placed, and ahead of them, so a pattern's label gives way to a region's and none overlap.
import { themeColors } from "../theme.ts";
import type { LabelPlacer } from "./label-placement.ts";

/** A region to name: where it is in graph coordinates, how wide, and its two lines of text. */
export interface RegionLabel {
  /** The region's key (for the overview, its community's key pattern). */
  key: string;
  /** The name, then a line of detail (size, domains). */
  title: string;
  detail: string;
  x: number;
  y: number;
  /** In graph units: a region wider than the stage is one the reader is inside, and is not named. */
  radius: number;
  /** Larger regions win the room first. */
  weight: number;
}

export const REGION_TITLE_SIZE = 15;
export const REGION_DETAIL_SIZE = 11;
const TITLE_SIZE = REGION_TITLE_SIZE;
const DETAIL_SIZE = REGION_DETAIL_SIZE;

/** Where a region's two lines go in its kept box (viewport pixels): centred, the title's baseline then the detail's. */
export function regionLines(box: { minX: number; maxX: number; minY: number }): { x: number; title: number; detail: number } {
  const top = box.minY + 2;
  return { x: (box.minX + box.maxX) / 2, title: top + TITLE_SIZE, detail: top + TITLE_SIZE + DETAIL_SIZE + 4 };
}
/** Above node labels (whose priority's second place is a z-index of at most 4). */
const PRIORITY = 6;

/** What is read of sigma: its label canvas, its size, and where a graph point is on screen. */
interface Stage {
  getCanvases(): Record<string, HTMLCanvasElement>;
  getDimensions(): { width: number; height: number };
  graphToViewport(point: { x: number; y: number }): { x: number; y: number };
}

/** Vertical shifts (pixels) tried for a region's name: none, then a box height up and down, twice, as far as the region reaches. */
function regionShifts(radius: number, height: number): number[] {
  const shifts = [0];
  for (let step = 1; step <= 2 && step * height <= radius; step++) shifts.push(-step * height, step * height);
  return shifts;
}

/** Offers the region labels of the frame; `show(key)` says which may be drawn now (none while a pattern is hovered). */
export function offerRegionLabels(sigma: Stage, placer: LabelPlacer, regions: readonly RegionLabel[], font: string, show: (key: string) => boolean): void {
  const canvas = sigma.getCanvases().labels;
  const context = canvas?.getContext("2d");
  if (!context) return;
  const { width, height } = sigma.getDimensions();
  const colors = themeColors();
  const titleFont = `700 ${TITLE_SIZE}px ${font}`;
  const detailFont = `500 ${DETAIL_SIZE}px ${font}`;
  for (const region of regions) {
    if (!show(region.key)) continue;
    const centre = sigma.graphToViewport({ x: region.x, y: region.y });
    const edge = sigma.graphToViewport({ x: region.x + region.radius, y: region.y });
    const radius = Math.hypot(edge.x - centre.x, edge.y - centre.y);
    if (radius > Math.max(width, height) * 0.6) continue;
    context.font = titleFont;
    const titleWidth = context.measureText(region.title).width;
    context.font = detailFont;
    const detailWidth = context.measureText(region.detail).width;
    const boxWidth = Math.max(titleWidth, detailWidth) + 8;
    const boxHeight = TITLE_SIZE + DETAIL_SIZE + 10;
    // Centred on the region, else shifted up or down within it: the largest regions overlap on the
    // picture, and their names would otherwise take the same place.
    const boxes = regionShifts(radius, boxHeight).map((dy) => {
      const top = centre.y + dy - (TITLE_SIZE + DETAIL_SIZE + 6) / 2;
      return { minX: centre.x - boxWidth / 2, maxX: centre.x + boxWidth / 2, minY: top - 2, maxY: top + boxHeight - 2 };
    });
    placer.offer({
      key: `region:${region.key}`,
      label: region.title,
      box: boxes[0]!,
      alternatives: boxes.slice(1),
      priority: [0, PRIORITY, region.weight],
      draw: (box) => {
        const lines = regionLines(box);
        context.save();
        context.textAlign = "center";
        context.lineJoin = "round";
        context.lineWidth = 5;
        context.strokeStyle = colors.labelHalo;
        context.fillStyle = colors.label;
        context.font = titleFont;
        context.strokeText(region.title, lines.x, lines.title);
        context.fillText(region.title, lines.x, lines.title);
        context.font = detailFont;
        context.globalAlpha = 0.8;
        context.strokeText(region.detail, lines.x, lines.detail);
        context.fillText(region.detail, lines.x, lines.detail);
        context.restore();
      },
    });
  }
}
