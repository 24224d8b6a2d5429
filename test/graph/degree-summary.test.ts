// The degree summary from a count per degree and the hub candidates (what the Neo4j store reads)
// against the summary from every pattern (what the memory store computes): the same percentiles and hubs.
import { describe, expect, it } from "vitest";
import { degreeSummary, degreeSummaryOf, degreesFromCounts, hubDegreeFloor } from "../../graph/algorithms/stats.ts";
import { HUB_COUNT, type Hub, type Slug } from "../../core/model.ts";

/** A pseudo-random library of `n` patterns whose degrees come from `degreeOf` (many ties). */
function patterns(n: number, degreeOf: (i: number) => number): Hub[] {
  return Array.from({ length: n }, (_, i) => {
    const degree = degreeOf(i);
    return { slug: `p-${(i * 7919) % 100_003}` as Slug, title: `P ${i}`, degree, inDegree: degree >> 1, outDegree: degree - (degree >> 1) };
  });
}

/** What the Neo4j store sends: a count per degree, and the patterns of at least the hub floor. */
function fromCounts(all: Hub[]) {
  const counts = new Map<number, number>();
  for (const p of all) counts.set(p.degree, (counts.get(p.degree) ?? 0) + 1);
  const degrees = degreesFromCounts([...counts]);
  const floor = hubDegreeFloor(degrees);
  return { summary: degreeSummaryOf(degrees, all.filter((p) => p.degree >= floor)), candidates: all.filter((p) => p.degree >= floor).length };
}

describe("the degree summary from a count per degree", () => {
  it.each([
    ["no pattern", 0, () => 0, 0],
    ["fewer patterns than hubs", HUB_COUNT - 3, (i: number) => i % 2, HUB_COUNT - 3],
    ["every degree the same", 500, () => 4, 500],
    ["ties across the tenth hub", 2_000, (i: number) => (i % 97 === 0 ? 40 : i % 13), 21],
    ["a long tail", 5_000, (i: number) => Math.floor(1000 / (1 + (i % 331))), 16],
  ])("gives the same percentiles and hubs as every pattern's degrees: %s", (_name, n, degreeOf, read) => {
    const all = patterns(n, degreeOf);
    const { summary, candidates } = fromCounts(all);
    expect(summary).toEqual(degreeSummary(all));
    // Only the patterns that may be hubs are read (all of them only when ties leave no choice).
    expect(candidates).toBe(read);
  });

  it("sends no hub candidate for an empty library", () => {
    expect(hubDegreeFloor(new Float64Array())).toBe(Infinity);
    expect(degreeSummaryOf(degreesFromCounts([]), [])).toEqual(degreeSummary([]));
  });
});
