// The per-frame label collision test (web/src/graph/label-collision.ts), without a browser: first come
// first placed, nothing overlapping, nothing past the stage's edge, at most the frame's budget.
import { describe, expect, it } from "vitest";
import { LabelCollisions } from "../../web/src/graph/label-collision.ts";

const box = (key: string, minX: number, minY: number, width = 40, height = 12) => ({ key, minX, minY, maxX: minX + width, maxY: minY + height });

describe("label collisions", () => {
  it("places the first of two overlapping labels and refuses the second", () => {
    const c = new LabelCollisions();
    c.reset();
    expect(c.place(box("hub", 10, 10))).toBe(true);
    expect(c.place(box("leaf", 30, 15))).toBe(false);
    expect(c.place(box("far", 200, 10))).toBe(true);
    expect(c.drawn().map((b) => b.key)).toEqual(["hub", "far"]);
  });

  it("keeps a small gap between labels, so touching ones count as overlapping", () => {
    const c = new LabelCollisions();
    c.reset();
    expect(c.place(box("a", 0, 0))).toBe(true);
    expect(c.place(box("b", 41, 0))).toBe(false);
    expect(c.place(box("c", 45, 0))).toBe(true);
  });

  it("refuses labels cut by the stage's edge and stops at the frame's budget", () => {
    const c = new LabelCollisions();
    c.reset(2, { width: 100, height: 100 });
    expect(c.place(box("cut", 80, 10))).toBe(false);
    expect(c.place(box("one", 0, 0))).toBe(true);
    expect(c.place(box("two", 0, 40))).toBe(true);
    expect(c.place(box("three", 0, 80))).toBe(false);
  });

  it("keeps reserved boxes (a hovered node's raised label) clear, and forgets everything on reset", () => {
    const c = new LabelCollisions();
    c.reset();
    c.reserve(box("hovered", 0, 0, 100, 20));
    expect(c.place(box("under", 50, 5))).toBe(false);
    c.reset();
    expect(c.drawn()).toEqual([]);
    expect(c.place(box("under", 50, 5))).toBe(true);
  });
});
