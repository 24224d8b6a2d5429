// The answer-shaping rules both stores call (core/assembly.ts), on small literal inputs: the contract
// suite checks that both stores agree; these check what the rules themselves promise.
import { describe, expect, it } from "vitest";
import { groupLinkEnds, lineageLevels, lineageNodes, linkEnd, orderedCounts } from "../../core/assembly.ts";

describe("orderedCounts", () => {
  it.each([
    { counts: [["b", 2], ["a", 1]], preferred: [], expected: ["a", "b"] },
    { counts: [["b", 2], ["a", 1], ["z", 3]], preferred: ["z", "b"], expected: ["z", "b", "a"] },
    { counts: [["B", 1], ["a", 1]], preferred: [], expected: ["B", "a"] },
  ] as const)("orders $expected: preferred keys first in their order, then the others by code unit", ({ counts, preferred, expected }) => {
    expect(Object.keys(orderedCounts(counts, preferred))).toEqual(expected);
  });

  it("leaves out null keys and zero counts", () => {
    expect(orderedCounts([[null, 4], ["a", 0], ["b", 2]])).toEqual({ b: 2 });
  });
});

describe("groupLinkEnds and linkEnd", () => {
  it("groups ends by type in name order, each by far end then declaring file, leaving absent fields out", () => {
    const ends = [
      linkEnd("b", "B", false, { type: "related", declaredIn: "b.md" }),
      linkEnd("a", "A", false, { type: "related", declaredIn: "z.md", weight: 0.5 }),
      linkEnd("a", "A", false, { type: "related", declaredIn: "a.md" }),
      linkEnd("dangling:x", "x", true, { type: "enables", declaredIn: "p.md", description: "d" }),
    ];
    const groups = groupLinkEnds(ends);
    expect(Object.keys(groups)).toEqual(["enables", "related"]);
    expect(groups.related!.map((e) => `${e.slug} ${e.declaredIn}`)).toEqual(["a a.md", "a z.md", "b b.md"]);
    expect(groups.related![1]).toEqual({ slug: "a", title: "A", type: "related", declaredIn: "z.md", dangling: false, weight: 0.5 });
    expect("weight" in groups.related![0]!).toBe(false);
    expect(groups.enables![0]).toMatchObject({ dangling: true, description: "d" });
  });
});

describe("lineageLevels", () => {
  const walk = (entries: [string, number][]): Map<string, number> => new Map(entries);

  it("puts ancestors below zero and descendants above, a pattern both ways at the level nearest the root (the ancestor on a tie)", () => {
    const { levels } = lineageLevels("r", walk([["p", 1], ["g", 2], ["c", 2]]), walk([["c", 1], ["p", 2], ["k", 1]]), 2);
    expect(Object.fromEntries(levels)).toEqual({ r: 0, p: -1, g: -2, c: 1, k: 1 });
    const tie = lineageLevels("r", walk([["x", 1]]), walk([["x", 1]]), 1);
    expect(tie.levels.get("x")).toBe(-1);
  });

  it("is truncated only when a pattern one level beyond the depth is not in the lineage", () => {
    expect(lineageLevels("r", walk([["p", 1], ["g", 2]]), walk([]), 1).truncated).toBe(true);
    // A cycle that closes within the depth: g is beyond it upwards but already a descendant.
    expect(lineageLevels("r", walk([["p", 1], ["g", 2]]), walk([["g", 1]]), 1).truncated).toBe(false);
  });

  it("sorts the nodes by level, then slug", () => {
    const { levels } = lineageLevels("r", walk([["b", 1], ["a", 1]]), walk([["c", 1]]), 1);
    const nodes = lineageNodes(levels, (slug) => ({ slug: slug as never, title: slug, degree: 0 }));
    expect(nodes.map((n) => `${n.level}:${n.slug}`)).toEqual(["-1:a", "-1:b", "0:r", "1:c"]);
  });
});
