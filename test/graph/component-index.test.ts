// The embedded store's index of connected parts (component-index.ts) against the per-request search
// the Neo4j store still runs (componentMembers and componentSummary): the same part, size and sample
// for every pattern, on random sparse libraries, for every link-type set.
import { describe, expect, it } from "vitest";
import { randomLibrary } from "../fixtures/literal-library.ts";
import { buildGraph, findPaths, type Slug } from "../../graph/index.ts";
import { adjacencyOf, typeMask } from "../../graph/algorithms/adjacency.ts";
import { componentIndex } from "../../graph/algorithms/component-index.ts";
import { componentMembers, componentSummary } from "../../graph/algorithms/path-components.ts";

const TYPE_SETS = [undefined, ["enables"], ["related", "tools"], ["no-such-type"]];

describe("componentIndex", () => {
  it("gives every pattern the part, size and best-linked sample a breadth-first search from it finds", async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const graph = buildGraph(randomLibrary(seed, 40 + seed * 7, 20 + seed * 6));
      const adj = adjacencyOf(graph);
      for (const types of TYPE_SETS) {
        const mask = typeMask(adj, types);
        const { part, summary } = componentIndex(graph, adj, mask);
        const expand = async (frontier: number[]) => {
          const next: number[] = [];
          for (const u of frontier) for (let e = adj.offsets[u]!; e < adj.offsets[u + 1]!; e++) if (mask[adj.type[e]!]) next.push(adj.neighbor[e]!);
          return next;
        };
        for (let u = 0; u < adj.slugs.length; u++) {
          const members = await componentMembers(u, expand);
          for (const v of members) expect(part[v]).toBe(part[u]);
          const expected = componentSummary([...members].map((v) => ({ slug: adj.slugs[v]!, degree: graph.getNodeAttribute(adj.slugs[v]!, "degree") })));
          expect(summary[part[u]!]).toEqual(expected);
        }
        // One part per distinct label, and no two parts share a member.
        expect(new Set(part).size).toBe(summary.length);
        expect(summary.reduce((sum, s) => sum + s.size, 0)).toBe(adj.slugs.length);
      }
    }
  });

  it("is what a path answer without a path reports, as fresh objects per answer", async () => {
    const graph = buildGraph(randomLibrary(3, 60, 25));
    const adj = adjacencyOf(graph);
    const { part } = componentIndex(graph, adj, typeMask(adj, undefined));
    const [a, b] = [0, adj.slugs.findIndex((_, v) => part[v] !== part[0])];
    const first = await findPaths(graph, adj.slugs[a]!, adj.slugs[b!]!, { k: 1, maxLength: 6, directed: false });
    expect(first.paths).toEqual([]);
    expect(first.components?.same).toBe(false);
    first.components!.from.sample.push("changed" as Slug);
    const again = await findPaths(graph, adj.slugs[a]!, adj.slugs[b!]!, { k: 1, maxLength: 6, directed: false });
    expect(again.components!.from.sample).not.toContain("changed");
  });
});
