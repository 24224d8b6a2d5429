// A neighbourhood laid out for a phone held upright, without a browser: the layout stretched to the
// stage's height (stageStretch, stretchTargets) and the room cleared for the focus's boxed label
// (clearRoomRightOf), so that no dot lies under it.
import { describe, expect, it } from "vitest";
import { stageStretch, stretchTargets } from "../../web/src/layout/layout-client.ts";
import { clearRoomRightOf, fittedPixelsPerUnit } from "../../web/src/layout/label-room.ts";

describe("a layout on a stage taller than wide", () => {
  it("is stretched to the stage's height on a phone held upright, and left round on a desktop", () => {
    expect(stageStretch({ width: 390, height: 744 }, 64)).toBeCloseTo((744 - 128) / (390 - 128), 5);
    expect(stageStretch({ width: 1440, height: 800 }, 64)).toBe(1);
    expect(stageStretch({ width: 500, height: 520 }, 64)).toBe(1);
    // Never more than 2.5 times, however tall the stage.
    expect(stageStretch({ width: 200, height: 2000 }, 10)).toBe(2.5);
  });

  it("multiplies each node's vertical distance from the focus, which stays", () => {
    const targets = { f: { x: 1, y: 2 }, a: { x: 3, y: 4 }, b: { x: -1, y: 0 } };
    stretchTargets(targets, { about: "f", y: 2 });
    expect(targets).toEqual({ f: { x: 1, y: 2 }, a: { x: 3, y: 6 }, b: { x: -1, y: -2 } });
  });
});

describe("room for the focus's label", () => {
  it("moves the dots in the box right of the focus just above or below it, and no others", () => {
    const targets: Record<string, { x: number; y: number }> = {
      focus: { x: 0, y: 0 },
      inAbove: { x: 50, y: 3 },
      inBelow: { x: 80, y: -2 },
      left: { x: -50, y: 0 },
      far: { x: 50, y: 40 },
    };
    const sizes = new Map(Object.keys(targets).map((k) => [k, k === "focus" ? 10 : 4]));
    const moved = clearRoomRightOf(targets, sizes, "focus", { width: 100, height: 30, gap: 4 }, 1);
    expect(moved).toBe(2);
    // Out of the box [14, 114] x [-15, 15], by their radius and 2 px.
    expect(targets.inAbove).toEqual({ x: 50, y: 21 });
    expect(targets.inBelow).toEqual({ x: 80, y: -21 });
    expect(targets.left).toEqual({ x: -50, y: 0 });
    expect(targets.far).toEqual({ x: 50, y: 40 });
  });

  it("converts pixels to layout units by the tighter of the two fits", () => {
    expect(fittedPixelsPerUnit({ width: 100, height: 300 }, { width: 390, height: 744 }, 64)).toBeCloseTo((744 - 128) / 300, 5);
    expect(fittedPixelsPerUnit({ width: 100, height: 100 }, { width: 390, height: 744 }, 64)).toBeCloseTo((390 - 128) / 100, 5);
  });
});
