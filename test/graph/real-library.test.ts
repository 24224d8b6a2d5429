// The memory store on the real 2026-02-20 Commons OS snapshot (3,573 files): facts read by hand
// from the files themselves, and invariants that must hold on real data.
import { beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { linkKey } from "../../core/answers.ts";

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
    expect(result.paths[0].links.map((l) => [linkKey(l), l.weight])).toEqual([
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

  it("caps a large neighbourhood by relevance, keeping it connected to the centre", async () => {
    const { nodes, distance, truncated, links, total, groups } = await store.neighborhood("deliberate-practice-protocol", { depth: 2, direction: "both", limit: 50 });
    expect(truncated).toMatchObject({ reason: "node-limit", limit: 50, kept: 50, total });
    expect(nodes).toHaveLength(50);
    expect(nodes.map((n) => n.slug)).toEqual([...nodes.map((n) => n.slug)].sort());
    const kept = new Set(nodes.map((n) => n.slug));
    for (const l of links) expect(kept.has(l.source) && kept.has(l.target)).toBe(true);
    expect(Math.max(...Object.values(distance))).toBeLessThanOrEqual(2);
    // Every kept node but the centre has a kept link to a node one hop closer.
    for (const n of nodes) {
      if (distance[n.slug] === 0) continue;
      const closer = links.some((l) => (l.source === n.slug && distance[l.target] === distance[n.slug]! - 1) || (l.target === n.slug && distance[l.source] === distance[n.slug]! - 1));
      expect(closer, n.slug).toBe(true);
    }
    expect(groups.reduce((sum, g) => sum + g.count, 0) + nodes.length).toBe(total);
  });

  describe("neighbourhoods of the six biggest hubs", () => {
    const initial = (slug: string): string => slug.replace(/^dangling:/, "").charAt(0);
    const shares = (slugs: readonly string[]): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const s of slugs) counts.set(initial(s), (counts.get(initial(s)) ?? 0) + 1);
      return new Map([...counts].map(([letter, n]) => [letter, (100 * n) / slugs.length]));
    };

    it.each([1, 2])("keeps, at depth %i, patterns of every initial letter in proportion and of at least the average declared weight", async (depth) => {
      const hubs = (await store.stats()).hubs.slice(0, 6).map((h) => h.slug);
      expect(hubs).toContain("acceptance-and-commitment");
      for (const hub of hubs) {
        const all = await store.neighborhood(hub, { depth, direction: "both", limit: 10_000 });
        const cut = await store.neighborhood(hub, { depth, direction: "both", limit: 200 });
        expect(all.truncated).toBe(false);
        expect(cut.total).toBe(all.nodes.length);
        const candidates = all.nodes.map((n) => n.slug).filter((s) => s !== hub);
        const kept = cut.nodes.map((n) => n.slug).filter((s) => s !== hub);
        expect(kept).toHaveLength(199);
        const candidateShares = shares(candidates);
        const keptShares = shares(kept);
        for (const [letter, share] of candidateShares) {
          expect(Math.abs((keptShares.get(letter) ?? 0) - share), `${hub} depth ${depth}: share of '${letter}'`).toBeLessThanOrEqual(10);
        }
        // A candidate's declared weight: the mean of the declared weights of the links reaching it from one hop closer.
        const reaching = new Map<string, number[]>();
        for (const l of all.links) {
          const [a, b] = [all.distance[l.source]!, all.distance[l.target]!];
          if (l.weight === undefined || Math.abs(a - b) !== 1) continue;
          const far = a > b ? l.source : l.target;
          reaching.set(far, [...(reaching.get(far) ?? []), l.weight]);
        }
        const meanWeight = (slugs: readonly string[]): number => {
          const means = slugs.flatMap((s) => (reaching.has(s) ? [reaching.get(s)!.reduce((x, y) => x + y, 0) / reaching.get(s)!.length] : []));
          return means.reduce((x, y) => x + y, 0) / means.length;
        };
        expect(meanWeight(kept), `${hub} depth ${depth}: mean declared weight`).toBeGreaterThanOrEqual(meanWeight(candidates));
        // Nothing dropped silently: the groups account for every candidate left out, each once.
        expect(cut.groups.reduce((sum, g) => sum + g.count, 0) + cut.nodes.length).toBe(cut.total);
        expect(new Set(cut.groups.map((g) => g.key)).size).toBe(cut.groups.length);
        for (const n of cut.nodes) expect(n.score).toBeGreaterThan(0);
      }
    }, 120_000);

    it("reaches further at depth 2 than at depth 1", async () => {
      for (const hub of (await store.stats()).hubs.slice(0, 6).map((h) => h.slug)) {
        const one = await store.neighborhood(hub, { depth: 1, direction: "both", limit: 200 });
        const two = await store.neighborhood(hub, { depth: 2, direction: "both", limit: 200 });
        expect(two.total).toBeGreaterThan(one.total);
        expect(two.nodes.map((n) => n.slug), hub).not.toEqual(one.nodes.map((n) => n.slug));
        expect(Object.values(two.distance)).toContain(2);
      }
    });

    it("pages through every group exactly: the pages of all groups are the left-out candidates, each once", async () => {
      const hub = "acceptance-and-commitment";
      const options = { depth: 1, direction: "both", limit: 200 } as const;
      const all = await store.neighborhood(hub, { ...options, limit: 10_000 });
      const scoreOf = new Map(all.nodes.map((n) => [n.slug as string, n.score]));
      const cut = await store.neighborhood(hub, options);
      const leftOut = new Set(all.nodes.map((n) => n.slug));
      for (const n of cut.nodes) leftOut.delete(n.slug);
      const paged: string[] = [];
      for (const group of cut.groups) {
        const members: string[] = [];
        for (let offset = 0; offset < group.count + 40; offset += 40) {
          const page = await store.neighborhood(hub, { ...options, limit: 40, group: group.key, offset });
          expect(page.total).toBe(group.count);
          expect(page.nodes.length).toBe(Math.max(0, Math.min(40, group.count - offset)));
          expect(page.truncated === false).toBe(offset + 40 >= group.count);
          // Most relevant first: no score on this page is above one of the pages before.
          if (members.length > 0 && page.nodes.length > 0) {
            expect(Math.max(...page.nodes.map((n) => n.score))).toBeLessThanOrEqual(Math.min(...members.map((s) => scoreOf.get(s)!)));
          }
          members.push(...page.nodes.map((n) => n.slug));
        }
        expect(members).toHaveLength(group.count);
        for (const s of group.sample) expect(members.slice(0, 40)).toContain(s);
        paged.push(...members);
      }
      expect(paged.length).toBe(leftOut.size);
      expect(new Set(paged)).toEqual(leftOut);
    }, 120_000);
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
