// The stored adjacency's numeric layout (model version 8): what a list holds once stored and read
// again, and a list stored by version 7 (the load's entries, with slugs) read to the same list.
import { describe, expect, it } from "vitest";
import {
  ADJ_DANGLING,
  ADJ_IN,
  ADJ_OUT,
  adjacencyProperties,
  ENTRY_WIDTH,
  entryDegree,
  entryDirection,
  entryDomain,
  entryNeighbors,
  entryRank,
  entryType,
  entryWeight,
  neighbourList,
  parseAdjacency,
  type AdjacencyEntry,
  type NeighbourList,
} from "../../graph/neo4j/neo4j-adjacency.ts";
import type { Library } from "../../core/model.ts";

/** The load's entries: weights declared (0 among them) and not, a domain-less neighbour, two types, a placeholder. */
const ENTRIES: AdjacencyEntry[] = [
  [7, ADJ_OUT, "uses", 0.88, 12, "b-slug", "craft", 9],
  [3, ADJ_IN, "related", null, 1, "a-slug", null, 1],
  [9, ADJ_DANGLING, "uses", 0.5, "Missing Thing"],
  [7, ADJ_IN, "related", 0, 12, "b-slug", "craft", 9],
  [11, ADJ_OUT, "uses", 1, 400, "c-slug", "health", 351],
];

/** A list's pattern entries written back in the load's shape, slug left out. */
const readBack = (list: NeighbourList): unknown[] => {
  const out: unknown[] = [];
  for (let i = 0; i < list.entries.length; i += ENTRY_WIDTH) {
    out.push([entryRank(list, i), entryDirection(list, i), entryType(list, i), entryWeight(list, i), entryDegree(list, i), entryDomain(list, i), entryNeighbors(list, i)]);
  }
  return out;
};
const withoutSlug = (e: AdjacencyEntry): unknown[] => [e[0], e[1], e[2], e[3], e[4], e[6], e[7]];

describe("the stored adjacency as numbers", () => {
  it("gives back every pattern entry in its order, a weight of 0 apart from no weight, and the placeholders' entries as they were", () => {
    const stored = JSON.stringify(Object.values(neighbourList(ENTRIES)));
    const list = parseAdjacency(stored);
    expect(readBack(list)).toEqual(ENTRIES.filter((e) => e[1] !== ADJ_DANGLING).map(withoutSlug));
    expect(list.dangling).toEqual([[9, ADJ_DANGLING, "uses", 0.5, "Missing Thing"]]);
    expect(list.types).toEqual(["uses", "related"]);
    expect(list.domains).toEqual(["craft", "health"]);
  });

  it("stores names once per list and no neighbour's slug", () => {
    const library = {
      patterns: ["hub", "x-one", "x-two"].map((slug) => ({ slug, domain: "craft" })),
      links: [
        { source: "hub", type: "uses", target: "x-one" },
        { source: "hub", type: "uses", target: "x-two", weight: 0.3 },
      ],
      dangling: [],
    } as unknown as Pick<Library, "patterns" | "links" | "dangling">;
    const rank = new Map([["hub", 0], ["x-one", 1], ["x-two", 2]]);
    const stored = adjacencyProperties(library, rank, () => 1, () => 1).get("hub")!;
    expect(stored).not.toContain("x-one");
    expect(stored.match(/craft/g)).toHaveLength(1);
    expect(stored.match(/uses/g)).toHaveLength(1);
    expect(readBack(parseAdjacency(stored))).toEqual([
      [1, ADJ_OUT, "uses", null, 1, "craft", 1],
      [2, ADJ_OUT, "uses", 0.3, 1, "craft", 1],
    ]);
  });

  it("reads a list stored by model version 7 (the load's entries) to the same list, and an empty one", () => {
    expect(parseAdjacency(JSON.stringify(ENTRIES))).toEqual(parseAdjacency(JSON.stringify(Object.values(neighbourList(ENTRIES)))));
    expect(parseAdjacency("[]")).toEqual(neighbourList([]));
    expect(parseAdjacency(JSON.stringify(Object.values(neighbourList([]))))).toEqual(neighbourList([]));
  });

  it("reads the entries made live from relationships (a copy without the property), Neo4j's integers as numbers", () => {
    const live = ENTRIES.map((e) => e.map((v) => (typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v)));
    expect(parseAdjacency(null, live)).toEqual(neighbourList(ENTRIES));
  });
});
