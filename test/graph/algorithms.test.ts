// Edge cases of the graph algorithms, and randomised checks of paths, neighbourhood and edit
// distance against slow brute-force references.
import { describe, expect, it } from "vitest";
import { library, link, pattern, randomLibrary, seededRandom } from "../fixtures/literal-library.ts";
import {
  boundedEditDistance,
  buildGraph,
  buildSearchIndex,
  canonicalLibrary,
  compareSearchHits,
  computeStats,
  findNeighborhood,
  findPaths,
  normalizeSearchText,
  scoreMatch,
  searchPatterns,
  suggestSlugs,
  traceLineage,
  typoBudget,
  InvalidInputError,
  type SearchHit,
  type Slug,
} from "../../graph/index.ts";
import { linkKey } from "../../core/answers.ts";


/** A small deterministic pseudo-random generator (mulberry32), so failures reproduce. */


/** Plain optimal-string-alignment distance, no cut-off. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe("edit distance", () => {
  it.each([
    ["work", "work", 0],
    ["wrok", "work", 1],
    ["wok", "work", 1],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
    ["ca", "abc", 3],
  ])("measures %s -> %s as %i", (a, b, d) => {
    expect(boundedEditDistance(a, b, 5)).toBe(d);
  });

  it("reports any distance beyond the bound as bound + 1", () => {
    expect(boundedEditDistance("kitten", "sitting", 1)).toBe(2);
    expect(boundedEditDistance("a", "abcdef", 2)).toBe(3);
  });

  it("agrees with a plain implementation on random strings, within and beyond the bound", () => {
    const rnd = seededRandom(7);
    const word = () => Array.from({ length: 1 + Math.floor(rnd() * 9) }, () => "abcd"[Math.floor(rnd() * 4)]).join("");
    for (let i = 0; i < 3000; i++) {
      const a = word();
      const b = word();
      const max = Math.floor(rnd() * 4);
      expect(boundedEditDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(referenceDistance(a, b), max + 1));
    }
  });
});

describe("search scoring", () => {
  it("normalises case, accents and punctuation", () => {
    expect(normalizeSearchText("  Café -- Déjà_Vu!  ")).toBe("cafe deja vu");
    expect(normalizeSearchText("İstanbul ÉTÉ")).toBe("istanbul ete");
  });

  it("tolerates no typo below 4 characters, one up to 7, two from 8", () => {
    expect([3, 4, 7, 8, 20].map((n) => typoBudget("x".repeat(n)))).toEqual([0, 1, 1, 2, 2]);
    expect(scoreMatch("wrk", "work", "title")).toBeNull();
  });

  it("scores each tier strictly above the next", () => {
    const scores = [
      scoreMatch("deep work", "Deep Work", "alias"),
      scoreMatch("deep", "Deep Work Flow Framework Extended", "alias"),
      scoreMatch("work", "Deep Work Flow Framework Extended", "alias"),
      scoreMatch("ork", "Deep Work Flow Framework Extended", "alias"),
      scoreMatch("dep", "dep", "alias"),
    ].map((s) => s ?? -1);
    expect(scores).toEqual([110, 81, 61, 40, 110]);
    const typo = scoreMatch("deeep", "Deep Work", "title")!;
    expect(typo).toBe(22);
    expect(scoreMatch("x", "", "title")).toBeNull();
    expect(scoreMatch("", "x", "title")).toBeNull();
  });

  it("prefers the title over the slug and the slug over an alias at an equal match, and reports which matched", () => {
    const index = buildSearchIndex([pattern("flow", "Flow", ["flow"])]);
    expect(searchPatterns(index, "flow", 5)).toEqual([{ slug: "flow", title: "Flow", matched: "title", matchedText: "Flow", score: 112 }]);
    const aliasOnly = buildSearchIndex([pattern("p1", "Something", ["Flow"])]);
    expect(searchPatterns(aliasOnly, "flow", 5)[0]).toMatchObject({ matched: "alias", matchedText: "Flow", score: 110 });
  });

  it("answers the same from a graph as from an index of the same patterns", () => {
    const lib = randomLibrary(3, 40, 0);
    const graph = buildGraph(lib);
    const index = buildSearchIndex(lib.patterns);
    for (const q of ["n", "na", "nb1", "n11", "nz", "x"]) expect(searchPatterns(graph, q, 7)).toEqual(searchPatterns(index, q, 7));
    expect(suggestSlugs(graph, "na0", 3)).toEqual(["na0"]);
  });

  it("ranks exactly as scoreMatch applied to every slug, title and alias would, on random texts and queries", () => {
    const rnd = seededRandom(11);
    const words = ["deep", "work", "flow", "state", "team", "framework", "resource", "analysis", "commons", "café", "wok", "works", "de", "a"];
    const pick = () => words[Math.floor(rnd() * words.length)];
    const phrase = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, pick).join(rnd() < 0.5 ? " " : " - ");
    const patterns = Array.from({ length: 80 }, (_, i) =>
      pattern(`${pick()}-${pick()}-${i}`, phrase(), rnd() < 0.4 ? [phrase()] : rnd() < 0.2 ? [phrase(), phrase()] : []),
    );
    const index = buildSearchIndex(patterns);
    const mutate = (w: string) => {
      const i = Math.floor(rnd() * w.length);
      const r = rnd();
      if (r < 0.25 && w.length > 1) return w.slice(0, i) + w.slice(i + 1);
      if (r < 0.5) return w.slice(0, i) + "x" + w.slice(i);
      if (r < 0.75 && i + 1 < w.length) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
      return w.slice(0, i) + "q" + w.slice(i + 1);
    };
    for (let n = 0; n < 300; n++) {
      const query = rnd() < 0.5 ? mutate(phrase()) : phrase().slice(0, 1 + Math.floor(rnd() * 12));
      const limit = 1 + Math.floor(rnd() * 20);
      const reference: SearchHit[] = [];
      for (const p of patterns) {
        let best: SearchHit | undefined;
        const keys: [SearchHit["matched"], string][] = [["title", p.title], ["slug", p.slug], ...p.aliases.map((a): [SearchHit["matched"], string] => ["alias", a])];
        for (const [matched, text] of keys) {
          const score = scoreMatch(query, text, matched);
          if (score !== null && (!best || score > best.score)) best = { slug: p.slug, title: p.title, matched, matchedText: text, score };
        }
        if (best) reference.push(best);
      }
      reference.sort(compareSearchHits);
      expect(searchPatterns(index, query, limit), JSON.stringify({ query, limit })).toEqual(reference.slice(0, limit));
    }
  });

  it("keeps the same top hits whatever the limit", () => {
    const lib = randomLibrary(4, 60, 0);
    const all = searchPatterns(buildSearchIndex(lib.patterns), "n", 100);
    expect(all).toHaveLength(60);
    expect(searchPatterns(buildSearchIndex(lib.patterns), "n", 13)).toEqual(all.slice(0, 13));
  });
});

describe("build graph", () => {
  it("counts a self-link once in the degree and skips a repeated link", () => {
    const graph = buildGraph(library([pattern("a"), pattern("b")], [link("a", "related", "a"), link("a", "enables", "b"), link("a", "enables", "b")]));
    expect(graph.getNodeAttribute("a", "degree")).toBe(2);
    expect(graph.getNodeAttribute("b", "degree")).toBe(1);
    expect(graph.size).toBe(2);
  });

  it("refuses a dangling reference from an unknown pattern", () => {
    const lib = library([pattern("a")]);
    lib.dangling.push({ source: "zz" as Slug, type: "enables", target: "q", form: "slug", declaredIn: "zz.md" });
    expect(() => buildGraph(lib)).toThrow(InvalidInputError);
  });
});

describe("paths", () => {
  it("ignores a self-link and never repeats a node", async () => {
    const graph = buildGraph(library([pattern("a"), pattern("b")], [link("a", "related", "a"), link("a", "enables", "b")]));
    expect((await findPaths(graph, "a", "b", { directed: false, k: 10, maxLength: 8 })).paths.map((p) => p.nodes)).toEqual([["a", "b"]]);
  });

  it("lists, per hop, the links usable in that direction only when directed", async () => {
    const graph = buildGraph(library([pattern("a"), pattern("b")], [link("a", "enables", "b"), link("b", "requires", "a"), link("b", "related", "a")]));
    expect((await findPaths(graph, "a", "b", { directed: true, k: 1, maxLength: 2 })).paths[0].links.map(linkKey)).toEqual(["a|enables|b"]);
    expect((await findPaths(graph, "a", "b", { directed: false, k: 1, maxLength: 2 })).paths[0].links.map(linkKey)).toEqual([
      "a|enables|b",
      "b|related|a",
      "b|requires|a",
    ]);
  });
});

describe("neighbourhood", () => {
  it("agrees with a plain breadth-first search on random graphs", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const lib = randomLibrary(seed, 30, 45);
      const graph = buildGraph(lib);
      for (const direction of ["out", "in", "both"] as const) {
        const center = lib.patterns[seed].slug;
        const depth = 1 + (seed % 4);
        const dist = new Map<string, number>([[center, 0]]);
        let frontier = [center as string];
        for (let d = 1; d <= depth; d++) {
          const next: string[] = [];
          for (const u of frontier) {
            for (const l of lib.links) {
              const v = direction !== "in" && l.source === u ? l.target : direction !== "out" && l.target === u ? l.source : undefined;
              if (v !== undefined && !dist.has(v)) {
                dist.set(v, d);
                next.push(v);
              }
            }
          }
          frontier = next;
        }
        const result = findNeighborhood(graph, center, { depth, direction, limit: 1000 });
        expect(result.distance).toEqual(Object.fromEntries(dist));
        const inside = new Set(dist.keys());
        expect(result.links.map(linkKey)).toEqual(
          lib.links
            .filter((l) => inside.has(l.source) && inside.has(l.target))
            .map((l) => `${l.source}|${l.type}|${l.target}`)
            .sort(),
        );
      }
    }
  });

  it("shares one placeholder between two declarations of the same missing target", () => {
    const lib = library([pattern("a"), pattern("b")], [link("a", "enables", "b")]);
    lib.dangling.push(
      { source: "a" as Slug, type: "enables", target: "gone", form: "slug", declaredIn: "a.md" },
      { source: "b" as Slug, type: "related", target: "gone", form: "slug", declaredIn: "b.md" },
      { source: "b" as Slug, type: "related", target: "gone", form: "title", declaredIn: "b.md", line: 4 },
    );
    const result = findNeighborhood(buildGraph(lib), "a", { depth: 2, direction: "both", limit: 10 });
    expect(result.nodes.map((n) => n.slug)).toEqual(["a", "b", "dangling:gone"]);
    expect(result.distance["dangling:gone"]).toBe(1);
    expect(result.links.map(linkKey)).toEqual(["a|enables|b", "a|enables|dangling:gone", "b|related|dangling:gone"]);
  });
});

describe("lineage", () => {
  it("ignores a pattern declared its own parent", () => {
    const graph = buildGraph(library([pattern("a")], [link("a", "generalizes_from", "a")]));
    expect(traceLineage(graph, "a", 3)).toMatchObject({ nodes: [{ slug: "a", level: 0 }], edges: [], truncated: false });
  });
});

describe("stats and canonical order", () => {
  it("counts a file with two fatal problems once among problem files", () => {
    const lib = library([pattern("a")]);
    lib.problems.push(
      { file: "x.md", line: 1, kind: "invalid-yaml", message: "m", fatal: true },
      { file: "x.md", line: 4, kind: "invalid-yaml", message: "m", fatal: true },
      { file: "a.md", kind: "missing-title", message: "m", fatal: false },
    );
    expect(computeStats(lib)).toMatchObject({ problems: 3, problemFiles: 1, problemsByKind: { "invalid-yaml": 2, "missing-title": 1 } });
  });

  it("sorts problems by file, line, column, kind and message, a missing line first", () => {
    const p = (file: string, line?: number, column?: number, kind = "invalid-yaml" as const) => ({ file, line, column, kind, message: "m", fatal: false });
    const lib = library([]);
    lib.problems.push(p("b.md", 3), p("a.md", 10), p("a.md", 2, 9), p("a.md", 2, 1), p("a.md"));
    expect(canonicalLibrary(lib).problems.map((x) => [x.file, x.line, x.column])).toEqual([
      ["a.md", undefined, undefined],
      ["a.md", 2, 1],
      ["a.md", 2, 9],
      ["a.md", 10, undefined],
      ["b.md", 3, undefined],
    ]);
  });
});
