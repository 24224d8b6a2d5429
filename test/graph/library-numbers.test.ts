import { describe, expect, it } from "vitest";
import { canonicalLibrary } from "../../graph/algorithms/library-order.ts";
import { libraryNumbers } from "../../graph/algorithms/library-numbers.ts";
import { patternNumbers } from "../../graph/algorithms/importance.ts";
import { buildGraph } from "../../graph/build-graph.ts";
import { InvalidInputError } from "../../core/errors.ts";
import type { Library } from "../../core/model.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { library, link, pattern, randomLibrary } from "../fixtures/literal-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";

/** What the Neo4j load computed before: the numbers and neighbour counts of the library's graphology graph. */
function fromGraph(canonical: Library) {
  const graph = buildGraph(canonical);
  const neighbors = new Map<string, number>();
  graph.forEachNode((slug) => neighbors.set(slug, new Set(graph.neighbors(slug)).size - (graph.hasEdge(slug, slug) ? 1 : 0)));
  return { numbers: patternNumbers(graph), neighbors };
}

describe("libraryNumbers", () => {
  it("gives the graph's numbers, floats included, on the 2026-02-20 snapshot", async () => {
    const canonical = canonicalLibrary(await loadLibrary(realLibrary("2026-02-20")));
    const lean = libraryNumbers(canonical);
    expect(lean.numbers.size).toBe(canonical.patterns.length);
    expect(lean).toEqual(fromGraph(canonical));
  });

  it.each([
    ["a self-link, links both ways, two types between one pair, an isolated pattern", library(
      ["a", "b", "c", "d"].map((s) => pattern(s)),
      [link("a", "related", "a", 0.4), link("a", "enables", "b"), link("b", "enables", "a", 0.9), link("a", "related", "b", 0.2), link("c", "tools", "a")],
    )],
    ["a random library with weights (ties in many rows)", randomLibrary(7, 300, 2000, { weights: true })],
  ])("gives the graph's numbers for %s", (_what, input) => {
    const canonical = canonicalLibrary(input);
    expect(libraryNumbers(canonical)).toEqual(fromGraph(canonical));
  });

  it("counts a self-link once in the degree and never as a neighbour", () => {
    const { numbers, neighbors } = libraryNumbers(canonicalLibrary(library([pattern("a"), pattern("b")], [link("a", "related", "a"), link("a", "enables", "b")])));
    expect(numbers.get("a")).toMatchObject({ degree: 2, inDegree: 1, outDegree: 2 });
    expect(neighbors.get("a")).toBe(1);
  });

  it.each([
    ["two patterns with one slug", library([pattern("a"), pattern("a")]), "library.patterns"],
    ["a link to no pattern", library([pattern("a")], [link("a", "enables", "z")]), "library.links"],
    ["a dangling reference from no pattern", { ...library([pattern("a")]), dangling: [{ source: "z", type: "enables", target: "x", form: "slug", declaredIn: "z.md" }] } as Library, "library.dangling"],
  ])("refuses %s as buildGraph does", (_what, input, parameter) => {
    const canonical = canonicalLibrary(input);
    expect(() => buildGraph(canonical)).toThrow(InvalidInputError);
    const error = (() => {
      try {
        libraryNumbers(canonical);
      } catch (e) {
        return e as InvalidInputError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error!.message).toContain(parameter);
    expect(error!.message).toBe((() => {
      try {
        buildGraph(canonical);
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })());
  });
});
