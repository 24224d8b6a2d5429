// What the Neo4j load stores for the read path (graph/neo4j/neo4j-read-properties.ts), checked
// without a database: each pattern's connected part is the embedded store's (component-index.ts)
// on the real snapshot, and a card holds the view and the declarations in canonical order.
import { beforeAll, describe, expect, it } from "vitest";
import { buildGraph, canonicalLibrary, type Library } from "../../graph/index.ts";
import { adjacencyOf, typeMask } from "../../graph/algorithms/adjacency.ts";
import { componentIndex } from "../../graph/algorithms/component-index.ts";
import { patternNumbers } from "../../graph/algorithms/importance.ts";
import { slugRanks } from "../../graph/neo4j/neo4j-model.ts";
import { cardProperties, partFromSummary, partProperties, type Card } from "../../graph/neo4j/neo4j-read-properties.ts";
import { cardLinkView, cardView } from "../../graph/neo4j/neo4j-read-queries.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { library, link, pattern } from "../fixtures/literal-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";

describe("the connected parts stored per pattern", () => {
  let real: Library;
  beforeAll(async () => {
    real = canonicalLibrary(await loadLibrary(realLibrary("2026-02-20")));
  });

  it("names every pattern's part by its best-linked member, with the embedded store's size and sample", () => {
    const graph = buildGraph(real);
    const numbers = patternNumbers(graph);
    const rank = slugRanks(real);
    const slugAt = new Map([...rank].map(([slug, r]) => [r, slug]));
    const parts = partProperties(real, rank, (slug) => numbers.get(slug)!.degree);
    const adj = adjacencyOf(graph);
    const index = componentIndex(graph, adj, typeMask(adj, undefined));
    let summaries = 0;
    for (const p of real.patterns) {
      const expected = index.summary[index.part[adj.numberOf.get(p.slug)!]!]!;
      const stored = parts.get(p.slug)!;
      expect(slugAt.get(stored.part)).toBe(expected.sample[0]);
      const representative = parts.get(slugAt.get(stored.part)!)!;
      expect(partFromSummary(representative.partSummary!)).toEqual(expected);
      if (stored.partSummary !== undefined) summaries++;
    }
    // One summary per part, on its representative only.
    expect(summaries).toBe(index.summary.length);
    expect(summaries).toBeGreaterThan(1000);
  });
});

describe("the card stored per pattern", () => {
  const lib: Library = {
    ...library(
      [{ ...pattern("b", "Bee"), domain: "d", status: "draft" }, pattern("a", "Ay"), pattern("c", "Sea")],
      [{ ...link("b", "enables", "c", 0.5), description: "because" }, link("b", "related", "a"), link("a", "enables", "b")],
    ),
    dangling: [
      { source: "b" as never, type: "requires", target: "Zed", form: "title", declaredIn: "b.md", line: 9, weight: 0.25 },
      { source: "b" as never, type: "requires", target: "Zed", form: "title", declaredIn: "b.md", line: 4, description: "first" },
    ],
  } as Library;

  it("holds the node view and every declaration of the pattern, in canonical order, placeholders with their target as written", () => {
    const canonical = canonicalLibrary(lib);
    const rank = slugRanks(canonical);
    const cards = cardProperties(canonical, rank, (slug) => ({ a: 1, b: 3, c: 1 })[slug]!);
    const card = JSON.parse(cards.get("b")!) as Card;
    expect(cardView(card)).toEqual({ slug: "b", title: "Bee", domain: "d", status: "draft", degree: 3 });
    expect(card[5]).toEqual([
      [rank.get("c"), "enables", 0.5, "because"],
      [rank.get("a"), "related", null, null],
      [rank.get("dangling:Zed"), "requires", null, "first", "Zed"],
      [rank.get("dangling:Zed"), "requires", 0.25, null, "Zed"],
    ]);
    expect(cardView(JSON.parse(cards.get("c")!) as Card)).toEqual({ slug: "c", title: "Sea", degree: 1 });
    expect((JSON.parse(cards.get("c")!) as Card)[5]).toEqual([]);
    expect(cardLinkView("b", card[5][0]!, "c")).toEqual({ source: "b", target: "c", type: "enables", weight: 0.5, description: "because", directed: true });
    expect(cardLinkView("b", card[5][2]!, "ignored")).toEqual({
      source: "b",
      target: "dangling:Zed",
      type: "requires",
      description: "first",
      directed: true,
      dangling: true,
    });
  });
});
