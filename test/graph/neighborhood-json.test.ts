// encodeNeighborhood (the memory store's neighborhoodJson) writes byte for byte what JSON.stringify
// writes of findNeighborhood's answer, for every option: JSON escapes, non-Latin-1 text, placeholders,
// integer-like slugs (which JSON.stringify orders first), cuts by the limit, and on the real library.
import { describe, expect, it } from "vitest";
import {
  createMemoryStore,
  DIRECTIONS,
  buildGraph,
  canonicalLibrary,
  type Library,
  type NeighborhoodOptions,
} from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { adjacencyOf } from "../../graph/algorithms/adjacency.ts";
import { encodeNeighborhood } from "../../graph/memory/encode-neighborhood.ts";
import { encodeSelection } from "../../graph/memory/neighborhood-json.ts";
import type { NeighborhoodSelection } from "../../graph/algorithms/neighborhood-select.ts";
import { roundScore } from "../../graph/algorithms/relevance.ts";
import { AWKWARD } from "../fixtures/awkward-library.ts";
import { seededRandom } from "../fixtures/literal-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const SNAPSHOT = realLibrary("2026-02-20");

function* optionSets(): Generator<NeighborhoodOptions> {
  for (const depth of [1, 2, 3, 4]) {
    for (const direction of DIRECTIONS) {
      for (const limit of [1, 2, 3, 200]) {
        yield { depth, direction, limit };
        yield { depth, direction, limit, types: ["enables", "requires"] };
        yield { depth, direction, limit, types: [] };
      }
    }
  }
}

async function expectSameBytes(library: Library, slugs: readonly string[], options: Iterable<NeighborhoodOptions>): Promise<number> {
  const store = createMemoryStore(library);
  let compared = 0;
  for (const option of options) {
    for (const slug of slugs) {
      const expected = JSON.stringify(await store.neighborhood(slug, option));
      // Twice: the second answer comes from the encodings kept by the first.
      for (let round = 0; round < 2; round++) expect((await store.neighborhoodJson(slug, option)).toString()).toBe(expected);
      compared += 1;
    }
  }
  return compared;
}

describe("encodeNeighborhood", () => {
  it("writes exactly what JSON.stringify writes, for every depth, direction, type filter and limit", async () => {
    const compared = await expectSameBytes(AWKWARD, AWKWARD.patterns.map((p) => p.slug), optionSets());
    expect(compared).toBe(5 * 4 * 3 * 4 * 3);
    // The fixture does reach what it is for: an integer-like slug first, a placeholder, a cut.
    const store = createMemoryStore(AWKWARD);
    const json = (await store.neighborhoodJson("a-quote", { depth: 2, direction: "both", limit: 200 })).toString();
    expect(json).toContain('"distance":{"0":1,"7":2,"123":1,"a-quote":0,"dangling:Ghost \\"pattern\\"":1}');
    expect(JSON.parse((await store.neighborhoodJson("a-quote", { depth: 2, direction: "both", limit: 2 })).toString()).truncated).toMatchObject({ reason: "node-limit", limit: 2 });
  });

  it("answers the same after warm() built the encodings up front, and warm() after a load reads the new library", async () => {
    const store = createMemoryStore(AWKWARD);
    await store.warm();
    const option: NeighborhoodOptions = { depth: 2, direction: "both", limit: 200 };
    expect((await store.neighborhoodJson("a-quote", option)).toString()).toBe(JSON.stringify(await store.neighborhood("a-quote", option)));
    await store.load({ ...AWKWARD, patterns: AWKWARD.patterns.map((p) => ({ ...p, title: `${p.title} (renamed)` })) });
    await store.warm();
    const after = (await store.neighborhoodJson("a-quote", option)).toString();
    expect(after).toContain("(renamed)");
    expect(after).toBe(JSON.stringify(await store.neighborhood("a-quote", option)));
  });

  it("writes every score as JSON.stringify does, in fixed and exponential notation, from its digits", () => {
    const adj = adjacencyOf(buildGraph(canonicalLibrary(AWKWARD)));
    const nodes = Int32Array.from(adj.nodeAtSlugRank);
    const random = seededRandom(5);
    const fixed = [0, 1, 0.5, 0.1, 0.123457, 0.000001, 0.00000123457, 1e-7, 1.5e-7, 1e-10, 9.99999e-17, 0.0100001];
    let written = 0;
    for (let round = 0; round < 300; round++) {
      const score = new Float64Array(adj.nodeAtSlugRank.length);
      nodes.forEach((v, i) => (score[v] = round === 0 ? fixed[i % fixed.length]! : roundScore(random() ** (1 + random() * 40))));
      const selection: NeighborhoodSelection = {
        nodes,
        distance: new Int8Array(score.length).fill(1),
        score,
        linkRanks: new Int32Array(0),
        groupNodes: [],
        total: nodes.length,
        groups: [],
        truncated: false,
      };
      const json = encodeSelection(adj, "a-quote", selection).toString();
      const scores = [...json.matchAll(/"score":([^}]*)\}/g)].map((m) => m[1]);
      expect(scores).toEqual(Array.from(nodes, (v) => JSON.stringify(score[v])));
      written += scores.length;
    }
    expect(written).toBe(300 * nodes.length);
  });

  it("answers an unknown slug as neighborhood does: not found, with suggestions", async () => {
    const graph = buildGraph(canonicalLibrary(AWKWARD));
    expect(() => encodeNeighborhood(graph, "a-quot", { depth: 1, direction: "both", limit: 10 })).toThrow(/a-quot/);
    const store = createMemoryStore(AWKWARD);
    await expect(store.neighborhoodJson("a-quot", { depth: 1, direction: "both", limit: 10 })).rejects.toMatchObject({
      suggestions: expect.arrayContaining(["a-quote"]),
    });
    await expect(store.neighborhoodJson("a-quote", { depth: 9, direction: "both", limit: 10 })).rejects.toThrow(/depth/);
  });

  it("writes exactly what JSON.stringify writes on the real library, hubs and cuts included", async () => {
    const library = await loadLibrary(SNAPSHOT);
    const slugs: string[] = library.patterns.filter((_, i) => i % 41 === 0).map((p) => p.slug);
    slugs.push("acceptance-and-commitment");
    const options: NeighborhoodOptions[] = [
      { depth: 1, direction: "both", limit: 200 },
      { depth: 2, direction: "both", limit: 200 },
      { depth: 2, direction: "out", limit: 500, types: ["enables", "requires", "generalizes_from"] },
      { depth: 3, direction: "in", limit: 50 },
    ];
    expect(await expectSameBytes(library, slugs, options)).toBe(slugs.length * options.length);
  }, 120_000);
});
