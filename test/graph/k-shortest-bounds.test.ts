// The stamped per-pattern values the path search reuses (k-shortest-bounds.ts): a new stamp forgets
// every value without writing them, including when the stamp wraps around.
import { describe, expect, it } from "vitest";
import { boundOf, clearMarks, createMarks } from "../../graph/algorithms/k-shortest-bounds.ts";

describe("stamped hop bounds", () => {
  it("count a value only under the stamp it was written with, and fall back to the floor", () => {
    const hops = createMarks(4);
    clearMarks(hops);
    hops.value[2] = 1;
    hops.mark[2] = hops.stamp;
    expect([0, 1, 2, 3].map((v) => boundOf({ hops, floor: 5 }, v))).toEqual([5, 5, 1, 5]);
    clearMarks(hops);
    expect(boundOf({ hops, floor: 3 }, 2)).toBe(3);
  });

  it("forget every value when the stamp wraps around", () => {
    const hops = createMarks(3);
    hops.stamp = 0x7fffffff;
    hops.value[1] = 4;
    hops.mark[1] = hops.stamp;
    clearMarks(hops);
    expect(hops.stamp).toBe(1);
    expect([...hops.mark]).toEqual([0, 0, 0]);
    expect(boundOf({ hops, floor: 2 }, 1)).toBe(2);
  });
});
