// The overview layout of a very large library: iterations within a budget of node-iterations, and a
// start laid out by community, each community's patterns around its place.
import { describe, expect, it } from "vitest";
import { communitySeed, isLargeLayout, LARGE_LAYOUT_ITERATIONS, LARGE_LAYOUT_NODES, largeLayoutIterations } from "../../graph/layout-large.ts";
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

  it("starts at LARGE_LAYOUT_NODES linked patterns: the real library is laid out as before, ten times it from the community seed", () => {
    // Linked patterns of the 2026-02-20 library (3,571 patterns) and of ten times it (35,710).
    expect(isLargeLayout(2_368)).toBe(false);
    expect(isLargeLayout(23_678)).toBe(true);
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

describe("the community seed's islands (communities linked to no other)", () => {
  // Four linked communities of 30 patterns in a ring of communities, and 60 islands of two patterns.
  const nodes: OverviewGraph["nodes"] = [];
  const links: OverviewGraph["links"] = [];
  const groups = new Map<string, number>();
  const add = (slug: string, group: number): void => {
    nodes.push({ slug, title: slug, degree: 2 } as OverviewGraph["nodes"][number]);
    groups.set(slug, group);
  };
  const link = (source: string, target: string): void => void links.push({ source, target, type: "related", directed: false } as OverviewGraph["links"][number]);
  for (let c = 0; c < 4; c++) {
    for (let i = 0; i < 30; i++) {
      add(`c${c}-${i}`, c);
      if (i > 0) link(`c${c}-${i - 1}`, `c${c}-${i}`);
    }
    link(`c${c}-0`, `c${(c + 1) % 4}-29`);
  }
  for (let k = 0; k < 60; k++) {
    add(`island${k}-a`, 4 + k);
    add(`island${k}-b`, 4 + k);
    link(`island${k}-a`, `island${k}-b`);
  }
  const seed = communitySeed(nodes, links, groups);
  const mean = (slugs: string[]) => ({ x: slugs.reduce((s, slug) => s + seed.get(slug)!.x, 0) / slugs.length, y: slugs.reduce((s, slug) => s + seed.get(slug)!.y, 0) / slugs.length });

  it("gathers them in one place beside the linked communities, not on a ring around them", () => {
    const islands = nodes.filter((n) => groups.get(n.slug)! >= 4).map((n) => n.slug);
    const centre = mean(islands);
    const spread = Math.max(...islands.map((slug) => Math.hypot(seed.get(slug)!.x - centre.x, seed.get(slug)!.y - centre.y)));
    const nearestCommunity = Math.min(...[0, 1, 2, 3].map((c) => mean(nodes.filter((n) => groups.get(n.slug) === c).map((n) => n.slug))).map((p) => Math.hypot(p.x - centre.x, p.y - centre.y)));
    expect(seed.size).toBe(nodes.length);
    expect(spread).toBeLessThan(nearestCommunity);
  });

  it("keeps each island's two patterns next to each other", () => {
    for (let k = 0; k < 60; k++) {
      const a = seed.get(`island${k}-a`)!;
      const b = seed.get(`island${k}-b`)!;
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(10);
    }
  });
});

describe("a large overview layout", () => {
  it("runs LARGE_LAYOUT_ITERATIONS from the community seed when no number is asked for", () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({ slug: `p${i}`, title: `p${i}`, degree: 2 }) as OverviewGraph["nodes"][number]);
    const links = nodes.slice(1).map((n, i) => ({ source: `p${i}`, target: n.slug, type: "related", directed: false }) as OverviewGraph["links"][number]);
    const groups = new Map(nodes.map((node, i) => [node.slug as string, Math.floor(i / 30)]));
    expect(computeOverviewLayout({ nodes, links }, { largeFrom: 100 }, undefined, groups).iterations).toBe(LARGE_LAYOUT_ITERATIONS);
    expect(computeOverviewLayout({ nodes, links }, {}, undefined, groups).iterations).toBe(60);
  });

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
