// The overview layout of a very large library: iterations within a budget of node-iterations, and a
// start laid out by community, each community's patterns around its place.
import { describe, expect, it } from "vitest";
import { communitySeed, isLargeLayout, LARGE_LAYOUT_NODES, largeLayoutIterations } from "../../graph/layout-large.ts";
import { computeOverviewLayout } from "../../graph/layout.ts";
import { overviewThreadLimits } from "../../server/overview-thread.ts";
import type { OverviewGraph } from "../../core/model.ts";

describe("a large layout's iterations", () => {
  it.each([
    [LARGE_LAYOUT_NODES, 60, 60],
    [361_000, 60, 16],
    [5_000_000, 60, 12],
    [361_000, 10, 10],
  ])("for %i linked patterns, %i wanted: %i", (linked, wanted, expected) => {
    expect(largeLayoutIterations(linked, wanted)).toBe(expected);
  });

  it("starts at LARGE_LAYOUT_NODES linked patterns, so ten and thirty times the real library are laid out as before", () => {
    expect(isLargeLayout(35_710)).toBe(false);
    expect(isLargeLayout(LARGE_LAYOUT_NODES - 1)).toBe(false);
    expect(isLargeLayout(LARGE_LAYOUT_NODES)).toBe(true);
  });
});

describe("the community seed", () => {
  // Three communities of 40 patterns, each a chain, with one link between the first two.
  const nodes: OverviewGraph["nodes"] = [];
  const links: OverviewGraph["links"] = [];
  const groups = new Map<string, number>();
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < 40; i++) {
      const slug = `c${c}-p${String(i).padStart(2, "0")}`;
      nodes.push({ slug, title: slug, degree: 2 } as OverviewGraph["nodes"][number]);
      groups.set(slug, c);
      if (i > 0) links.push({ source: `c${c}-p${String(i - 1).padStart(2, "0")}`, target: slug, type: "related", directed: false } as OverviewGraph["links"][number]);
    }
  }
  links.push({ source: "c0-p00", target: "c1-p00", type: "related", directed: false } as OverviewGraph["links"][number]);
  const seed = communitySeed(nodes, links, groups);
  const centre = (c: number) => {
    const points = nodes.filter((n) => groups.get(n.slug) === c).map((n) => seed.get(n.slug)!);
    return { x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length };
  };

  it("places every pattern of a community, the same way every time", () => {
    expect(seed.size).toBe(nodes.length);
    expect([...communitySeed(nodes, links, groups)]).toEqual([...seed]);
  });

  it("keeps each community's patterns nearer its own centre than any other community's", () => {
    const centres = [0, 1, 2].map(centre);
    for (const node of nodes) {
      const p = seed.get(node.slug)!;
      const own = groups.get(node.slug)!;
      const distances = centres.map((c) => Math.hypot(p.x - c.x, p.y - c.y));
      expect(distances.indexOf(Math.min(...distances))).toBe(own);
    }
  });
});

describe("a large overview layout", () => {
  it("lays out every pattern from the community seed, within the iterations asked for", () => {
    // The large path from 2,000 linked patterns rather than LARGE_LAYOUT_NODES: the same code, in a second.
    const n = 3000;
    const nodes = Array.from({ length: n }, (_, i) => ({ slug: `p${i}`, title: `p${i}`, degree: 2 }) as OverviewGraph["nodes"][number]);
    const links = Array.from(
      { length: n - 1 },
      (_, i) => ({ source: `p${i}`, target: `p${i + 1}`, type: "related", directed: false }) as OverviewGraph["links"][number],
    );
    // Communities of 100 consecutive patterns of the chain.
    const groups = new Map(nodes.map((node, i) => [node.slug as string, Math.floor(i / 100)]));
    const layout = computeOverviewLayout({ nodes, links }, { iterations: 2, largeFrom: 2000 }, undefined, groups);
    expect(layout.iterations).toBe(2);
    expect(layout.positions.size).toBe(n);
    for (const p of layout.positions.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    // Two iterations barely move the seed: a community's patterns are still nearer each other than the chain's far end.
    const at = (i: number) => layout.positions.get(`p${i}`)!;
    expect(Math.hypot(at(0).x - at(99).x, at(0).y - at(99).y)).toBeLessThan(Math.hypot(at(0).x - at(n / 2).x, at(0).y - at(n / 2).y));
    // Below `largeFrom` the same graph starts from the seeded circle instead: another picture.
    const small = computeOverviewLayout({ nodes, links }, { iterations: 2 }, undefined, groups);
    expect(small.positions.get("p0")).not.toEqual(at(0));
  });
});

describe("the overview thread's heap", () => {
  it("is 320 MB up to ten times the real library, and grows with the overview beyond", () => {
    expect(overviewThreadLimits(35_710).maxOldGenerationSizeMb).toBe(320);
    expect(overviewThreadLimits(361_000).maxOldGenerationSizeMb).toBe(2166);
  });
});
