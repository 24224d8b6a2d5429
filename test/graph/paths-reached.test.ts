// What a path search over fetched links has reached (paths-reached.ts): tables indexed by rank,
// pooled between searches, so a search must never see what an earlier one reached.
import { describe, expect, it } from "vitest";
import { FROM_SIDE, Reached, TO_SIDE } from "../../graph/algorithms/paths-reached.ts";

describe("What a path search reached", () => {
  it("keeps each side's nodes and their neighbour counts, each node once in the order first reached", () => {
    const reached = new Reached();
    reached.add(7, FROM_SIDE, 3);
    reached.add(5000, TO_SIDE, 12);
    reached.add(7, TO_SIDE, 3);
    expect(reached.has(7, FROM_SIDE) && reached.has(7, TO_SIDE)).toBe(true);
    expect(reached.has(5000, FROM_SIDE)).toBe(false);
    expect(reached.has(5000, TO_SIDE)).toBe(true);
    expect(reached.has(123_456, FROM_SIDE)).toBe(false);
    expect([reached.neighbours(7), reached.neighbours(5000), reached.neighbours(8), reached.neighbours(999_999)]).toEqual([3, 12, 0, 0]);
    expect(reached.ranks).toEqual([7, 5000]);
    reached.release();
  });

  it("gives the next searches clean tables, however many ran before and at once", () => {
    const first = new Reached();
    const second = new Reached();
    for (let r = 0; r < 300_000; r += 997) first.add(r, FROM_SIDE, r % 50);
    second.add(42, TO_SIDE, 1);
    first.release();
    second.release();
    for (let i = 0; i < 6; i++) {
      const next = new Reached();
      for (let r = 0; r < 300_000; r += 997) expect(next.has(r, FROM_SIDE) || next.neighbours(r) !== 0).toBe(false);
      expect(next.has(42, TO_SIDE)).toBe(false);
      expect(next.ranks).toEqual([]);
      next.add(997 * (i + 1), FROM_SIDE, 9);
      next.release();
    }
  });
});
