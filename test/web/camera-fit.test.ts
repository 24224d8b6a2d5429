// The camera that fits a graph into what floating panels leave of the stage, without a browser: the
// strip at a phone's top (the overview's picture stretched to the stage's height) is kept clear like
// the bottom sheet is, and nothing covered is sigma's own fit.
import { describe, expect, it } from "vitest";
import { fitCamera } from "../../web/src/graph/camera-fit.ts";

const PHONE = { width: 390, height: 744 };
const square = { minX: 0, maxX: 100, minY: 0, maxY: 100 };
const tall = { minX: 0, maxX: 100, minY: 0, maxY: 190 };

describe("fitting the camera to what the panels leave uncovered", () => {
  it("is sigma's own fit when nothing is covered", () => {
    expect(fitCamera(PHONE, tall, { right: 0, bottom: 0, left: 0 }, 12)).toEqual({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    expect(fitCamera(PHONE, tall, { right: 0, bottom: 0, left: 0, top: 0 }, 12)).toEqual({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  });

  it("moves a graph that fits below what covers the stage's top, without zooming out", () => {
    const camera = fitCamera(PHONE, square, { right: 0, bottom: 0, left: 0, top: 100 }, 12);
    expect(camera.ratio).toBe(1);
    // Framed y points up: the camera looks higher, so the graph is drawn lower, by half the strip.
    const unit = PHONE.width - 24;
    expect(camera.y).toBeCloseTo(0.5 + 50 / unit, 6);
    expect(camera.x).toBeCloseTo(0.5, 6);
  });

  it("zooms out a graph as tall as the stage just enough to fit below it", () => {
    const camera = fitCamera(PHONE, tall, { right: 0, bottom: 0, left: 0, top: 100 }, 12);
    // sigma draws it (390 - 24) * 1.9 = 695.4 px tall; 744 - 100 - 24 = 620 px are free.
    expect(camera.ratio).toBeCloseTo(((PHONE.width - 24) * 1.9) / (PHONE.height - 100 - 24), 6);
    // The same as a bottom sheet of that height, mirrored.
    const sheet = fitCamera(PHONE, tall, { right: 0, bottom: 100, left: 0 }, 12);
    expect(sheet.ratio).toBeCloseTo(camera.ratio, 9);
    expect(sheet.y - 0.5).toBeCloseTo(0.5 - camera.y, 9);
  });
});
