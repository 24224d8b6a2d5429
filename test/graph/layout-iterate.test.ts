// graph/layout-iterate.ts is graphology-layout-forceatlas2's iteration with its Barnes-Hut regions in
// a buffer kept between iterations: every node value must be the package's to the bit, iteration
// after iteration, with and without Barnes-Hut, with coincident nodes (the quadtree's subdivision
// attempts run out), fixed nodes, both gravity modes and repeated iterations over one buffer.
import FORCE_ATLAS_2_DEFAULTS from "graphology-layout-forceatlas2/defaults.js";
import iterateForceAtlas2 from "graphology-layout-forceatlas2/iterate.js";
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import { describe, expect, it } from "vitest";
import { forceAtlas2Iterator } from "../../graph/layout-iterate.ts";
import { seeded } from "../../server/overview-communities.ts";

/** Matrices of `count` nodes and `edges` weighted edges; a tenth of the nodes share a few positions. */
function matrices(seed: number, count: number, edges: number, fixed = 0): { nodes: Float32Array; edges: Float32Array } {
  const random = seeded(seed);
  const nodes = new Float32Array(count * 10);
  for (let i = 0; i < count; i++) {
    const j = i * 10;
    const shared = i % 10 === 0;
    nodes[j] = shared ? (i % 3) * 5 : (random() - 0.5) * 400;
    nodes[j + 1] = shared ? (i % 3) * -5 : (random() - 0.5) * 400;
    nodes[j + 6] = 1;
    nodes[j + 7] = 1;
    nodes[j + 8] = 1;
    if (i < fixed) nodes[j + 9] = 1;
  }
  const edgeMatrix = new Float32Array(edges * 3);
  for (let e = 0; e < edges; e++) {
    const s = Math.floor(random() * count);
    const t = (s + 1 + Math.floor(random() * (count - 1))) % count;
    const w = 1 + Math.floor(random() * 3);
    edgeMatrix[e * 3] = s * 10;
    edgeMatrix[e * 3 + 1] = t * 10;
    edgeMatrix[e * 3 + 2] = w;
    nodes[s * 10 + 6]! += w;
    nodes[t * 10 + 6]! += w;
  }
  return { nodes, edges: edgeMatrix };
}

/** How many values differ (Object.is: -0 and 0 differ, NaN equals NaN). */
const differing = (a: Float32Array, b: Float32Array): number => a.reduce((n, v, i) => n + (Object.is(v, b[i]) ? 0 : 1), 0);

const settingsFor = (count: number, overrides: ForceAtlas2Settings): Required<ForceAtlas2Settings> => ({
  ...FORCE_ATLAS_2_DEFAULTS,
  slowDown: 1 + Math.log(count),
  strongGravityMode: true,
  gravity: 0.3,
  scalingRatio: 10,
  edgeWeightInfluence: 0.5,
  ...overrides,
});

describe("the overview layout's ForceAtlas2 iteration", () => {
  it.each([
    ["Barnes-Hut, theta 1", 3000, 9000, { barnesHutOptimize: true, barnesHutTheta: 1 }, 0],
    ["Barnes-Hut, theta 0.5, weak gravity", 1500, 2000, { barnesHutOptimize: true, strongGravityMode: false, gravity: 1 }, 0],
    ["without Barnes-Hut, some nodes fixed", 400, 1200, { barnesHutOptimize: false }, 40],
    ["Barnes-Hut, edge weights as they are", 800, 100, { barnesHutOptimize: true, barnesHutTheta: 1, edgeWeightInfluence: 1 }, 0],
  ] as const)("gives the package's node values to the bit (%s)", (_name, count, edgeCount, overrides, fixed) => {
    const { nodes, edges } = matrices(count + edgeCount, count, edgeCount, fixed);
    const settings = settingsFor(count, overrides);
    const theirs = nodes.slice();
    const ours = nodes.slice();
    const iterator = forceAtlas2Iterator(settings);
    for (let i = 0; i < 25; i++) {
      iterateForceAtlas2(settings, theirs, edges);
      iterator.iterate(ours, edges);
      expect(differing(ours, theirs)).toBe(0);
    }
    // The layout moved (a test of two idle layouts would prove nothing).
    expect(differing(ours, nodes)).toBeGreaterThan(count);
  });

  it("refuses settings it does not implement, naming the package's iterate", () => {
    expect(() => forceAtlas2Iterator(settingsFor(10, { linLogMode: true }))).toThrow(/graphology-layout-forceatlas2's iterate/);
  });
});
