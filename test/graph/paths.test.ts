// The path search: Yen's k best simple paths against a brute-force reference on random graphs
// (order: length, specificity, link weight, slugs), the fetched-subgraph search (the Neo4j store's)
// against the whole-graph one, the budget and abort signal, and the wording of paths.
import { describe, expect, it } from "vitest";
import { library, link, pattern, randomLibrary, seededRandom } from "../fixtures/literal-library.ts";
import {
  buildGraph,
  createBudget,
  describePath,
  findPaths,
  QueryAbortedError,
  QueryTimeoutError,
  type Library,
  type Link,
  type LinkView,
  type PathOptions,
  type Slug,
} from "../../graph/index.ts";
import { adjacencyOf, typeMask } from "../../graph/algorithms/adjacency.ts";
import { rankFetchedPaths, type FetchFrontier } from "../../graph/algorithms/paths-fetched.ts";
import { neighbourCounts } from "../../graph/algorithms/specificity.ts";




/**
 * Every simple path up to maxLength by plain recursion, sorted by the documented order: length;
 * the sum over intermediate patterns of round(1e6 * ln(distinct neighbours)); the sum over hops of
 * round(1000 * (1 - the highest declared weight among the hop's usable links, 0.5 if none)); slugs.
 */
function bruteForcePaths(lib: Library, from: string, to: string, options: PathOptions): string[][] {
  const { directed, maxLength, types, maxDegree } = options;
  const neighbours = new Map<string, Set<string>>(lib.patterns.map((p) => [p.slug, new Set()]));
  for (const l of lib.links) {
    if (l.source === l.target) continue;
    neighbours.get(l.source)!.add(l.target);
    neighbours.get(l.target)!.add(l.source);
  }
  const hopWeights = new Map<string, (number | undefined)[]>();
  const add = (a: string, b: string, w: number | undefined) => (hopWeights.get(`${a}>${b}`) ?? hopWeights.set(`${a}>${b}`, []).get(`${a}>${b}`)!).push(w);
  for (const l of lib.links) {
    if (types && !types.includes(l.type)) continue;
    add(l.source, l.target, l.weight);
    if (!directed) add(l.target, l.source, l.weight);
  }
  const next = (a: string): string[] => lib.patterns.map((p) => p.slug as string).filter((b) => hopWeights.has(`${a}>${b}`));
  const found: string[][] = [];
  const walk = (path: string[]) => {
    const last = path[path.length - 1]!;
    if (last === to) return void found.push([...path]);
    if (path.length - 1 === maxLength) return;
    if (path.length > 1 && maxDegree !== undefined && neighbours.get(last)!.size > maxDegree) return;
    for (const n of next(last)) if (!path.includes(n)) walk([...path, n]);
  };
  walk([from]);
  const key = (p: string[]): [number, number, number] => {
    let specificity = 0;
    for (const n of p.slice(1, -1)) specificity += Math.round(1e6 * Math.log(neighbours.get(n)!.size));
    let weight = 0;
    for (let i = 0; i + 1 < p.length; i++) {
      const declared = hopWeights.get(`${p[i]}>${p[i + 1]}`)!.filter((w): w is number => w !== undefined);
      weight += Math.round(1000 * (1 - (declared.length ? Math.max(...declared) : 0.5)));
    }
    return [p.length, specificity, weight];
  };
  const cmp = (a: string[], b: string[]) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return found.sort(cmp);
}

/** The links of the memory adjacency as a frontier fetch, as the Neo4j store reads them. */
function adjacencyFetch(lib: Library, options: PathOptions) {
  const adj = adjacencyOf(buildGraph(lib));
  const counts = neighbourCounts(adj);
  const mask = typeMask(adj, options.types);
  const typeName = new Map([...adj.typeNumber].map(([name, n]) => [n, name]));
  const fetch: FetchFrontier = async (side, frontier) =>
    frontier.flatMap((x) => {
      const rows = [];
      for (let e = adj.offsets[x]!; e < adj.offsets[x + 1]!; e++) {
        if (mask[adj.type[e]!] === 0 || (options.directed && adj.outward[e] === (side === "from" ? 0 : 1))) continue;
        const y = adj.neighbor[e]!;
        rows.push({ x, y, yNeighbors: counts[y]!, type: typeName.get(adj.type[e]!)!, out: adj.outward[e] === 1, weight: adj.link[e]!.weight ?? null });
      }
      return rows;
    });
  // The same links handed over one by one (FetchFrontier's `take`), as the Neo4j store does.
  const taking: FetchFrontier = async (side, frontier, take, typeNumber) => {
    for (const row of (await fetch(side, frontier, take, typeNumber)) ?? []) take(row.x, row.y, row.yNeighbors, typeNumber(row.type), row.out, row.weight);
  };
  const end = (slug: string) => ({ rank: adj.numberOf.get(slug)!, neighbors: counts[adj.numberOf.get(slug)!]! });
  return { fetch, taking, end, slugs: adj.slugs };
}

describe("k best paths", () => {
  it("match a brute-force enumeration on random graphs, directed or not, with types, weights and maxDegree, and so do the fetched-subgraph search's", async () => {
    let compared = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const lib = randomLibrary(seed, 11, 24, { weights: true });
      const graph = buildGraph(lib);
      const rnd = seededRandom(seed * 31);
      for (let q = 0; q < 8; q++) {
        const from = lib.patterns[Math.floor(rnd() * 11)]!.slug;
        const to = lib.patterns[Math.floor(rnd() * 11)]!.slug;
        if (from === to) continue;
        const options: PathOptions = { directed: rnd() < 0.5, maxLength: 1 + Math.floor(rnd() * 6), k: 1 + Math.floor(rnd() * 10) };
        if (rnd() < 0.3) options.types = ["enables", "tools"];
        if (rnd() < 0.3) options.maxDegree = 2 + Math.floor(rnd() * 4);
        const expected = bruteForcePaths(lib, from, to, options).slice(0, options.k);
        const context = JSON.stringify({ seed, from, to, ...options });
        const actual = (await findPaths(graph, from, to, options)).paths.map((p) => p.nodes);
        expect(actual, context).toEqual(expected);
        const { fetch, taking, end, slugs } = adjacencyFetch(lib, options);
        const fetched = await rankFetchedPaths(fetch, end(from), end(to), options);
        expect(fetched.map((p) => p.ranks.map((n) => slugs[n])), context).toEqual(expected);
        expect(await rankFetchedPaths(taking, end(from), end(to), options), context).toEqual(fetched);
        compared += expected.length;
      }
    }
    // The reference found enough paths for the comparison to mean something.
    expect(compared).toBeGreaterThan(300);
  });

  it("gives the same fetched-subgraph paths with ranks past the numeric link key (2^21) and with thousands of links (the key table grown)", async () => {
    const far = 2 ** 21 + 5;
    let compared = 0;
    for (let seed = 1; seed <= 6; seed++) {
      // Dense: ~120 patterns with ~3,000 links, more than the link table's first sizes.
      const lib = randomLibrary(seed, 120, 3000, { weights: true });
      const rnd = seededRandom(seed * 17);
      for (let q = 0; q < 5; q++) {
        const from = lib.patterns[Math.floor(rnd() * 120)]!.slug;
        const to = lib.patterns[Math.floor(rnd() * 120)]!.slug;
        if (from === to) continue;
        const options: PathOptions = { directed: rnd() < 0.5, maxLength: 3, k: 5 };
        const expected = bruteForcePaths(lib, from, to, options).slice(0, options.k);
        const { fetch, end, slugs } = adjacencyFetch(lib, options);
        const context = JSON.stringify({ seed, from, to, ...options });
        expect((await rankFetchedPaths(fetch, end(from), end(to), options)).map((p) => p.ranks.map((n) => slugs[n])), context).toEqual(expected);
        // Every rank moved past 2^21: the links are kept under string keys instead.
        const moved: FetchFrontier = async (side, frontier, take, typeNumber) => {
          for (const row of (await fetch(side, frontier.map((x) => x - far), take, typeNumber)) ?? []) take(row.x + far, row.y + far, row.yNeighbors, typeNumber(row.type), row.out, row.weight);
        };
        const farEnd = (slug: string) => ({ ...end(slug), rank: end(slug).rank + far });
        const farPaths = await rankFetchedPaths(moved, farEnd(from), farEnd(to), options);
        expect(farPaths.map((p) => p.ranks.map((n) => slugs[n - far])), context).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("finds the one best path (k=1, bounded by a search from both ends) as a brute-force enumeration does, on sparse and dense graphs", async () => {
    let compared = 0;
    let none = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const nodes = 8 + (seed % 7);
      const lib = randomLibrary(1000 + seed, nodes, seed % 2 === 0 ? nodes + 4 : nodes * 3, { weights: true });
      const graph = buildGraph(lib);
      const rnd = seededRandom(seed * 17);
      for (let q = 0; q < 12; q++) {
        const from = lib.patterns[Math.floor(rnd() * nodes)]!.slug;
        const to = lib.patterns[Math.floor(rnd() * nodes)]!.slug;
        if (from === to) continue;
        const options: PathOptions = { directed: rnd() < 0.4, maxLength: 1 + Math.floor(rnd() * 6), k: 1 };
        if (rnd() < 0.3) options.types = ["enables", "tools", "related"];
        if (rnd() < 0.4) options.maxDegree = 2 + Math.floor(rnd() * 4);
        const expected = bruteForcePaths(lib, from, to, options).slice(0, 1);
        const context = JSON.stringify({ seed, from, to, ...options });
        expect((await findPaths(graph, from, to, options)).paths.map((p) => p.nodes), context).toEqual(expected);
        const { fetch, end, slugs } = adjacencyFetch(lib, options);
        const fetched = await rankFetchedPaths(fetch, end(from), end(to), options);
        expect(fetched.map((p) => p.ranks.map((n) => slugs[n])), context).toEqual(expected);
        if (expected.length === 0) none += 1;
        else compared += 1;
      }
    }
    // Both kinds of answer were met often enough to mean something.
    expect(compared).toBeGreaterThan(250);
    expect(none).toBeGreaterThan(40);
  });

  it("prefers the specific common neighbour to the hub, then the stronger link, and scores by length + 0.001 * sum ln(neighbours)", async () => {
    // a - hub - z and a - niche - z; the hub has 6 more neighbours. Then b - x - y and b - w - y tie on specificity; w's links are stronger.
    const extra = ["h1", "h2", "h3", "h4", "h5", "h6"];
    const lib = library(
      ["a", "hub", "niche", "z", "b", "w", "x", "y", ...extra].map((s) => pattern(s)),
      [
        link("a", "related", "hub"),
        link("hub", "related", "z"),
        link("a", "related", "niche"),
        link("niche", "related", "z"),
        ...extra.map((h) => link("hub", "related", h)),
        link("b", "enables", "x", 0.2),
        link("x", "enables", "y", 0.2),
        link("b", "enables", "w", 0.9),
        link("w", "enables", "y"),
      ],
    );
    const graph = buildGraph(lib);
    const result = await findPaths(graph, "a", "z", { directed: false, k: 2, maxLength: 3 });
    expect(result.paths.map((p) => p.nodes)).toEqual([
      ["a", "niche", "z"],
      ["a", "hub", "z"],
    ]);
    expect(result.paths.map((p) => p.score)).toEqual([2 + Math.round(1e3 * Math.log(2)) / 1e6, 2 + Math.round(1e3 * Math.log(8)) / 1e6]);
    // Equal specificity: w's hops weigh 0.9 and 0.5 (undeclared), x's 0.2 and 0.2.
    expect((await findPaths(graph, "b", "y", { directed: true, k: 2, maxLength: 3 })).paths.map((p) => p.nodes)).toEqual([
      ["b", "w", "y"],
      ["b", "x", "y"],
    ]);
    // maxDegree skips the hub.
    expect((await findPaths(graph, "a", "z", { directed: false, k: 5, maxLength: 3, maxDegree: 3 })).paths.map((p) => p.nodes)).toEqual([["a", "niche", "z"]]);
  });
});

describe("the path budget", () => {
  /** A ladder: every path from s to t must pick one of two nodes on each of `rungs` levels, so there are 2^rungs. */
  function ladder(rungs: number): Library {
    const patterns = [pattern("s"), pattern("t")];
    const links: Link[] = [];
    let previous = ["s"];
    for (let i = 0; i < rungs; i++) {
      const level = [`l${i}a`, `l${i}b`];
      patterns.push(...level.map((s) => pattern(s)));
      for (const p of previous) for (const q of level) links.push(link(p, "enables", q));
      previous = level;
    }
    for (const p of previous) links.push(link(p, "enables", "t"));
    return library(patterns, links);
  }

  it("answers query_timeout with what to ask for instead when the work budget runs out", async () => {
    const graph = buildGraph(ladder(7));
    const budget = createBudget({ timeMs: 60_000, work: 10, hint: "Ask for less." });
    const search = findPaths(graph, "s", "t", { directed: true, k: 10, maxLength: 8 }, budget);
    await expect(search).rejects.toBeInstanceOf(QueryTimeoutError);
    await expect(search).rejects.toMatchObject({ code: "query_timeout", message: expect.stringContaining("Ask for less.") });
  });

  it("answers query_timeout when the time budget runs out", async () => {
    const graph = buildGraph(ladder(7));
    const budget = createBudget({ timeMs: 0, hint: "Ask for less." });
    await new Promise((r) => setTimeout(r, 2));
    await expect(findPaths(graph, "s", "t", { directed: true, k: 10, maxLength: 8 }, budget)).rejects.toBeInstanceOf(QueryTimeoutError);
  });

  it("leaves nothing behind when stopped: the next search of the same graph answers as a first one does", async () => {
    const graph = buildGraph(ladder(7));
    const options: PathOptions = { directed: true, k: 10, maxLength: 8 };
    const reference = (await findPaths(buildGraph(ladder(7)), "s", "t", options)).paths.map((p) => p.nodes);
    let stopped = 0;
    // Stopped after more and more work: somewhere inside the search for the later paths, with a root path banned.
    for (let work = 1; work <= 400; work += 7) {
      const budget = createBudget({ timeMs: 60_000, work, hint: "" });
      const outcome = await findPaths(graph, "s", "t", options, budget).then(
        () => "answered",
        (error: unknown) => (error instanceof QueryTimeoutError ? "stopped" : error),
      );
      if (outcome === "stopped") stopped++;
      else expect(outcome).toBe("answered");
      expect((await findPaths(graph, "s", "t", options)).paths.map((p) => p.nodes)).toEqual(reference);
    }
    expect(stopped).toBeGreaterThan(10);
  });

  it("stops once its caller's signal fired", async () => {
    const graph = buildGraph(ladder(7));
    const abandoned = new AbortController();
    abandoned.abort();
    const budget = createBudget({ timeMs: 60_000, hint: "", signal: abandoned.signal });
    await expect(findPaths(graph, "s", "t", { directed: true, k: 10, maxLength: 8 }, budget)).rejects.toBeInstanceOf(QueryAbortedError);
  });

  it("finds the 10 best of 128 equally short paths within the default budget", async () => {
    const result = await findPaths(buildGraph(ladder(7)), "s", "t", { directed: true, k: 10, maxLength: 8 });
    expect(result.paths).toHaveLength(10);
    expect(result.paths[0]!.nodes).toEqual(["s", "l0a", "l1a", "l2a", "l3a", "l4a", "l5a", "l6a", "t"]);
  });
});

describe("paths in words", () => {
  const view = (source: string, type: string, target: string, extra: Partial<LinkView> = {}): LinkView => ({
    source: source as Slug,
    target: target as Slug,
    type,
    directed: !["related", "alternatives", "complementary"].includes(type),
    ...extra,
  });
  const titles: Record<string, string> = { r: "Running as Practice", a: "Acceptance and Commitment", k: "Knowledge Work Ergonomics" };
  const title = (s: string) => titles[s] ?? s.toUpperCase();

  it("reads each type as the data means it, in either direction", () => {
    const cases: [LinkView, string, string][] = [
      [view("r", "generalizes_from", "a"), "r", "Running as Practice is a variant of Acceptance and Commitment."],
      [view("r", "generalizes_from", "a"), "a", "Acceptance and Commitment is a generalization of Running as Practice."],
      [view("a", "specializes_to", "r"), "a", "Acceptance and Commitment is a generalization of Running as Practice."],
      [view("a", "specializes_to", "r"), "r", "Running as Practice is a variant of Acceptance and Commitment."],
      [view("r", "enables", "a"), "a", "Acceptance and Commitment is enabled by Running as Practice."],
      [view("r", "requires", "a"), "r", "Running as Practice requires Acceptance and Commitment."],
      [view("r", "tools", "a"), "r", "Running as Practice uses the tool Acceptance and Commitment."],
      [view("r", "tools", "a"), "a", "Acceptance and Commitment is a tool for Running as Practice."],
      [view("a", "related", "r"), "r", "Running as Practice is related to Acceptance and Commitment."],
      [view("a", "alternatives", "r"), "r", "Running as Practice is an alternative to Acceptance and Commitment."],
      [view("a", "complementary", "r"), "r", "Running as Practice complements Acceptance and Commitment."],
      [view("r", "conflicts_with", "a"), "r", "Running as Practice has a “conflicts with” link to Acceptance and Commitment."],
      [view("r", "conflicts_with", "a"), "a", "Acceptance and Commitment has a “conflicts with” link from Running as Practice."],
    ];
    for (const [l, from, sentence] of cases) {
      const to = from === l.source ? l.target : l.source;
      expect(describePath([from as Slug, to], [l], title).explanation).toBe(sentence);
    }
  });

  it("chains the steps with 'which', reads the most telling link of a hop, and says declared weights and descriptions", () => {
    const links = [view("a", "related", "r"), view("r", "generalizes_from", "a", { weight: 0.85 }), view("a", "complementary", "k", { description: "both about sustainable effort" })];
    const { steps, explanation } = describePath(["r", "a", "k"] as Slug[], links, title);
    expect(explanation).toBe(
      "Running as Practice is a variant of Acceptance and Commitment (weight 0.85), which complements Knowledge Work Ergonomics (“both about sustainable effort”).",
    );
    expect(steps).toEqual([
      { from: "r", to: "a", type: "generalizes_from", text: "Running as Practice is a variant of Acceptance and Commitment", weight: 0.85 },
      { from: "a", to: "k", type: "complementary", text: "Acceptance and Commitment complements Knowledge Work Ergonomics", description: "both about sustainable effort" },
    ]);
  });
});
