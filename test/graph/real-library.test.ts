// The memory store on the real 2026-02-20 Commons OS snapshot (3,573 files): facts read by hand
// from the files themselves, and invariants that must hold on real data.
import { beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const SNAPSHOT = realLibrary("2026-02-20");
const LINEAGE_TYPES = ["generalizes_from", "specializes_to"];

describe("the memory store on the real 2026-02-20 snapshot", () => {
  let library: Library;
  let store: GraphStore;
  beforeAll(async () => {
    library = await loadLibrary(SNAPSHOT);
    store = createMemoryStore(library);
  });

  it("accounts for every file and every link in its statistics", async () => {
    const stats = await store.stats();
    expect(stats.files).toBe(3573);
    expect(stats.patterns + stats.problemFiles).toBe(stats.files);
    expect(stats.links).toBe(library.links.length);
    expect(Object.values(stats.linksByType).reduce((a, b) => a + b, 0)).toBe(stats.links);
    expect(stats.generations["1"] + stats.generations["2"]).toBe(stats.patterns);
    // The corpus README's independent reading: ~16,880 resolved links, ~1,200 isolated patterns.
    expect(stats.links).toBeGreaterThan(16_500);
    expect(stats.isolated).toBeGreaterThan(1_100);
    expect(stats.isolated).toBeLessThan(1_300);
  });

  it("knows VRIO Framework as the parent of its Resource Analysis, declared from both files", async () => {
    // vrio-framework-resource-analysis.md: generalizes_from [pat_01kg50240dfc193dybss52b1af] (vrio-framework's id);
    // vrio-framework.md: specializes_to [pat_01kg502410ekgvrq2ttrynby99] (the resource analysis' id).
    const lineage = await store.lineage("vrio-framework-resource-analysis", 2);
    expect(lineage.nodes.map((n) => [n.slug, n.level])).toEqual([
      ["vrio-framework", -1],
      ["vrio-framework-resource-analysis", 0],
    ]);
    expect(lineage.edges).toEqual([
      { parent: "vrio-framework", child: "vrio-framework-resource-analysis", declaredAs: ["generalizes_from", "specializes_to"] },
    ]);
    expect(lineage.truncated).toBe(false);
  });

  it("finds the lineage path from Deliberate Practice Protocol to AI-Augmented Learning", async () => {
    // deliberate-practice-protocol.md: specializes_to accelerated-skill-acquisition (0.92);
    // ai-augmented-learning.md: generalizes_from accelerated-skill-acquisition (0.9).
    const result = await store.paths("deliberate-practice-protocol", "ai-augmented-learning", {
      directed: false,
      k: 1,
      maxLength: 4,
      types: LINEAGE_TYPES,
    });
    expect(result.paths).toHaveLength(1);
    expect(result.paths[0].nodes).toEqual(["deliberate-practice-protocol", "accelerated-skill-acquisition", "ai-augmented-learning"]);
    expect(result.paths[0].links.map((l) => [l.id, l.weight])).toEqual([
      ["deliberate-practice-protocol|specializes_to|accelerated-skill-acquisition", 0.92],
      ["ai-augmented-learning|generalizes_from|accelerated-skill-acquisition", 0.9],
    ]);
    const lineage = await store.lineage("deliberate-practice-protocol", 2);
    expect(lineage.nodes.find((n) => n.slug === "ai-augmented-learning")?.level).toBe(2);
  });

  it("finds patterns despite typos and by alias", async () => {
    expect((await store.search("delibrate practise", 5)).map((h) => h.slug)).toContain("deliberate-practice-protocol");
    const vrio = await store.search("vrio model", 3);
    expect(vrio[0]).toMatchObject({ slug: "vrio-framework-resource-analysis", matched: "alias", matchedText: "VRIO Model" });
  });

  it("caps a large neighbourhood by distance then slug", async () => {
    const { nodes, distance, truncated, links } = await store.neighborhood("deliberate-practice-protocol", { depth: 2, direction: "both", limit: 50 });
    expect(truncated).toBe(true);
    expect(nodes).toHaveLength(50);
    expect(nodes.map((n) => n.slug)).toEqual([...nodes.map((n) => n.slug)].sort());
    const kept = new Set(nodes.map((n) => n.slug));
    for (const l of links) expect(kept.has(l.source) && kept.has(l.target)).toBe(true);
    expect(Math.max(...Object.values(distance))).toBeLessThanOrEqual(2);
  });

  it("gives every k-alternative path as a simple path within maxLength, in order", async () => {
    const result = await store.paths("deliberate-practice-protocol", "vacation-design", { directed: false, k: 10, maxLength: 5 });
    expect(result.paths).toHaveLength(10);
    // Shortest first, then the most specific (the lowest score).
    for (let i = 1; i < result.paths.length; i++) {
      const [a, b] = [result.paths[i - 1], result.paths[i]];
      expect(a.length < b.length || (a.length === b.length && a.score <= b.score)).toBe(true);
    }
    for (const p of result.paths) {
      expect(new Set(p.nodes).size).toBe(p.nodes.length);
      expect(p.length).toBeLessThanOrEqual(5);
      expect(p.links.length).toBeGreaterThanOrEqual(p.length);
    }
  });

  it("draws the overview from every pattern and every resolved link", async () => {
    const overview = await store.overview();
    const stats = await store.stats();
    expect(overview.nodes).toHaveLength(stats.patterns);
    expect(overview.links).toHaveLength(stats.links);
  });
});
