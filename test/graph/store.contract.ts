// The GraphStore contract: one suite, run unchanged against every store (memory, Neo4j), with small
// literal libraries and exact expected answers, so that both stores provably answer alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  InvalidInputError,
  LINEAGE_HINT,
  NotFoundError,
  QueryAbortedError,
  SEARCH_HINT,
  type DanglingRef,
  type GraphStore,
  type Library,
  type Link,
  type LinkView,
  type NodeView,
  type PathView,
  type Pattern,
  type Problem,
  type Slug,
  type Subgraph,
} from "../../graph/index.ts";

// ---------------------------------------------------------------------------------------------
// Building literal libraries.

type PatternSpec = Partial<Omit<Pattern, "slug" | "title">>;

function pattern(slug: string, title: string, extra: PatternSpec = {}): Pattern {
  return { slug: slug as Slug, title, aliases: [], file: `${slug}.md`, generation: 1, ...extra };
}

function link(source: string, type: string, target: string, extra: Partial<Link> = {}): Link {
  return { source: source as Slug, type, target: target as Slug, declaredIn: `${source}.md`, ...extra };
}

function dangling(source: string, type: string, target: string, form: DanglingRef["form"], extra: Partial<DanglingRef> = {}): DanglingRef {
  return { source: source as Slug, type, target, form, declaredIn: `${source}.md`, ...extra };
}

/** A library from its parts; `files` counts the patterns plus the files named by fatal problems. */
export function lib(parts: { root?: string; patterns: Pattern[]; links?: Link[]; dangling?: DanglingRef[]; problems?: Problem[] }): Library {
  const problems = parts.problems ?? [];
  const fatalFiles = new Set(problems.filter((p) => p.fatal).map((p) => p.file));
  return {
    root: parts.root ?? "/libraries/test",
    files: parts.patterns.length + fatalFiles.size,
    patterns: parts.patterns,
    links: parts.links ?? [],
    dangling: parts.dangling ?? [],
    problems,
  };
}

/** The same library with every list reversed: answers must not depend on the input order. */
function reversed(library: Library): Library {
  return {
    ...library,
    patterns: [...library.patterns].reverse(),
    links: [...library.links].reverse(),
    dangling: [...library.dangling].reverse(),
    problems: [...library.problems].reverse(),
  };
}

/** A neighbourhood without its relevance (scores, total, groups; the cut as a boolean): what the structural cases compare. */
function plain(answer: Subgraph): { center: string; nodes: NodeView[]; links: LinkView[]; distance: Record<string, number>; truncated: boolean } {
  return {
    center: answer.center,
    nodes: answer.nodes.map(({ score: _score, ...view }) => view),
    links: answer.links,
    distance: answer.distance,
    truncated: answer.truncated !== false,
  };
}

// ---------------------------------------------------------------------------------------------
// "network": seven patterns, nine links, three dangling references, four problems. Every list is
// written in the canonical order exportLibrary() must return (patterns by slug, links by id,
// dangling by source/type/target, problems by file then line).
//
//   a -enables-> b -enables-> d        a -related- c (symmetric, declared a -> c)
//   b -requires-> a                    b -related- c (declared b -> c)
//   c -enables-> d                     a -tools-> e -enables-> f -enables-> d        z: isolated
//   dangling: a -alternatives-> "Missing Title", b -enables-> "ghost", f -tools-> "pat_0000..."

const GHOST_ID = "pat_00000000000000000000000000";

const NETWORK = lib({
  root: "/libraries/network",
  patterns: [
    pattern("a", "Alpha", { domain: "focus", aliases: ["First"] }),
    pattern("b", "Bravo", { domain: "focus", generation: 2 }),
    pattern("c", "Charlie", { domain: "planning", generation: 2 }),
    pattern("d", "Delta", { domain: "planning", status: "draft" }),
    pattern("e", "Echo", { generation: 2 }),
    pattern("f", "Foxtrot", { domain: "focus" }),
    pattern("z", "Zulu", { domain: "planning" }),
  ],
  links: [
    link("a", "enables", "b", { weight: 0.9, line: 5 }),
    link("a", "related", "c", { description: "often together" }),
    link("a", "tools", "e"),
    link("b", "enables", "d"),
    link("b", "related", "c"),
    link("b", "requires", "a", { line: 6 }),
    link("c", "enables", "d"),
    link("e", "enables", "f"),
    link("f", "enables", "d"),
  ],
  dangling: [
    dangling("a", "alternatives", "Missing Title", "title"),
    dangling("b", "enables", "ghost", "slug", { line: 9, weight: 0.5 }),
    dangling("f", "tools", GHOST_ID, "id"),
  ],
  problems: [
    { file: "a.md", kind: "frontmatter-not-at-top", message: "a heading precedes the frontmatter", recovered: "skipped 1 line", fatal: false },
    { file: "b.md", line: 2, kind: "duplicate-id", message: "id also used by c.md", fatal: false },
    { file: "b.md", line: 12, kind: "malformed-target", message: "a target is a number", fatal: false },
    { file: "broken.md", line: 3, column: 7, kind: "invalid-yaml", message: "bad indentation", fatal: true },
  ],
});

const N: Record<string, NodeView> = {
  a: { slug: "a" as Slug, title: "Alpha", domain: "focus", degree: 4 },
  b: { slug: "b" as Slug, title: "Bravo", domain: "focus", degree: 4 },
  c: { slug: "c" as Slug, title: "Charlie", domain: "planning", degree: 3 },
  d: { slug: "d" as Slug, title: "Delta", domain: "planning", status: "draft", degree: 3 },
  e: { slug: "e" as Slug, title: "Echo", degree: 2 },
  f: { slug: "f" as Slug, title: "Foxtrot", domain: "focus", degree: 2 },
  z: { slug: "z" as Slug, title: "Zulu", domain: "planning", degree: 0 },
  missingTitle: { slug: "dangling:Missing Title" as Slug, title: "Missing Title", degree: 0, dangling: true },
  ghost: { slug: "dangling:ghost" as Slug, title: "ghost", degree: 0, dangling: true },
  ghostId: { slug: `dangling:${GHOST_ID}` as Slug, title: GHOST_ID, degree: 0, dangling: true },
};

function lv(source: string, type: string, target: string, extra: Partial<LinkView> = {}): LinkView {
  const symmetric = ["related", "alternatives", "complementary"].includes(type);
  return { source: source as Slug, target: target as Slug, type, directed: !symmetric, ...extra };
}

const L = {
  aEnablesB: lv("a", "enables", "b", { weight: 0.9 }),
  aRelatedC: lv("a", "related", "c", { description: "often together" }),
  aToolsE: lv("a", "tools", "e"),
  bEnablesD: lv("b", "enables", "d"),
  bRelatedC: lv("b", "related", "c"),
  bRequiresA: lv("b", "requires", "a"),
  cEnablesD: lv("c", "enables", "d"),
  eEnablesF: lv("e", "enables", "f"),
  fEnablesD: lv("f", "enables", "d"),
  aMissingTitle: lv("a", "alternatives", "dangling:Missing Title", { dangling: true }),
  bGhost: lv("b", "enables", "dangling:ghost", { dangling: true, weight: 0.5 }),
  fGhostId: lv("f", "tools", `dangling:${GHOST_ID}`, { dangling: true }),
};

// ---------------------------------------------------------------------------------------------
// "family": lineage. Arrows are parent -> child facts and how they were declared.
//   practice -> deliberate-practice (gf on the child)    deliberate-practice -> deep-work (gf)
//   focus -> deep-work (st on the parent)                deep-work -> deep-work-flow (st)
//   deep-work-flow -> deep-work-sprint (declared both ways)   deep-work -enables-> unrelated
//   a three-cycle cycle-a <- cycle-b <- cycle-c <- cycle-a, and a two-cycle loop-x <-> loop-y.

const FAMILY = lib({
  root: "/libraries/family",
  patterns: [
    pattern("cycle-a", "Cycle A"),
    pattern("cycle-b", "Cycle B"),
    pattern("cycle-c", "Cycle C"),
    pattern("deep-work", "Deep Work"),
    pattern("deep-work-flow", "Deep Work Flow", { generation: 2 }),
    pattern("deep-work-sprint", "Deep Work Sprint", { generation: 2 }),
    pattern("deliberate-practice", "Deliberate Practice"),
    pattern("focus", "Focus"),
    pattern("loop-x", "Loop X"),
    pattern("loop-y", "Loop Y"),
    pattern("practice", "Practice"),
    pattern("unrelated", "Unrelated"),
  ],
  links: [
    link("cycle-a", "generalizes_from", "cycle-b"),
    link("cycle-b", "generalizes_from", "cycle-c"),
    link("cycle-c", "generalizes_from", "cycle-a"),
    // By id, so "deep-work-flow|..." sorts before "deep-work|..." ('-' < '|').
    link("deep-work-flow", "specializes_to", "deep-work-sprint"),
    link("deep-work-sprint", "generalizes_from", "deep-work-flow"),
    link("deep-work", "enables", "unrelated"),
    link("deep-work", "generalizes_from", "deliberate-practice"),
    link("deep-work", "specializes_to", "deep-work-flow"),
    link("deliberate-practice", "generalizes_from", "practice"),
    link("focus", "specializes_to", "deep-work"),
    link("loop-x", "generalizes_from", "loop-y"),
    link("loop-y", "generalizes_from", "loop-x"),
  ],
});

const fam = (slug: string, title: string, degree: number, level: number) => ({ slug, title, degree, level });

// ---------------------------------------------------------------------------------------------
// "shelf": search ranking.

const SHELF = lib({
  root: "/libraries/shelf",
  patterns: [
    pattern("deep-work", "Deep Work", { aliases: ["Focused Work"], domain: "focus" }),
    pattern("deep-work-flow", "Deep Work Flow"),
    pattern("deliberate-practice", "Deliberate Practice"),
    pattern("flow-chart", "Flow Chart"),
    pattern("flow-state", "Flow State", { aliases: ["In the Zone"] }),
    pattern("pomodoro", "Pomodoro Technique", { aliases: ["Tomato Timer"] }),
    pattern("teamwork", "Teamwork"),
    pattern("vrio-framework", "VRIO Framework"),
    pattern("vrio-resource-analysis", "VRIO Framework - Resource Analysis"),
    pattern("wok-cooking", "Wok Cooking"),
    pattern("workshop-design", "Workshop Design"),
  ],
});

const hit = (slug: string, title: string, matched: "slug" | "title" | "alias", matchedText: string, score: number, domain?: string) => ({
  slug,
  title,
  ...(domain === undefined ? {} : { domain }),
  matched,
  matchedText,
  score,
});

// ---------------------------------------------------------------------------------------------

export function describeGraphStore(name: string, make: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await make();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe("load, export and stats", () => {
      it("exports the loaded library in canonical order whatever order it was given in", async () => {
        await store.load(reversed(NETWORK));
        expect(await store.exportLibrary()).toEqual(NETWORK);
      });

      it("replaces the whole library on load", async () => {
        await store.load(NETWORK);
        await store.load(FAMILY);
        expect((await store.stats()).patterns).toBe(12);
        await expect(store.getPattern("a")).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.exportLibrary()).toEqual(FAMILY);
        expect(await store.problems()).toEqual([]);
      });

      it("counts patterns, links, dangling references, problems, isolated patterns, domains and generations", async () => {
        await store.load(reversed(NETWORK));
        expect(await store.stats()).toEqual({
          root: "/libraries/network",
          files: 8,
          patterns: 7,
          problemFiles: 1,
          links: 9,
          linksByType: { enables: 5, requires: 1, related: 2, tools: 1 },
          dangling: 3,
          danglingByType: { enables: 1, alternatives: 1, tools: 1 },
          problems: 4,
          problemsByKind: { "frontmatter-not-at-top": 1, "duplicate-id": 1, "malformed-target": 1, "invalid-yaml": 1 },
          isolated: 1,
          domains: { focus: 3, planning: 3 },
          generations: { "1": 4, "2": 3 },
          // Degrees 0, 2, 2, 3, 3, 4, 4 (nearest rank).
          degreePercentiles: { p50: 3, p75: 4, p90: 4, p99: 4, max: 4 },
          hubs: [
            { slug: "a", title: "Alpha", degree: 4, inDegree: 1, outDegree: 3 },
            { slug: "b", title: "Bravo", degree: 4, inDegree: 1, outDegree: 3 },
            { slug: "c", title: "Charlie", degree: 3, inDegree: 2, outDegree: 1 },
            { slug: "d", title: "Delta", degree: 3, inDegree: 3, outDegree: 0 },
            { slug: "e", title: "Echo", degree: 2, inDegree: 1, outDegree: 1 },
            { slug: "f", title: "Foxtrot", degree: 2, inDegree: 1, outDegree: 1 },
            { slug: "z", title: "Zulu", degree: 0, inDegree: 0, outDegree: 0 },
          ],
        });
      });

      it("reports an empty library with zero counts and empty records", async () => {
        await store.load(lib({ root: "/libraries/empty", patterns: [] }));
        expect(await store.stats()).toEqual({
          root: "/libraries/empty",
          files: 0,
          patterns: 0,
          problemFiles: 0,
          links: 0,
          linksByType: {},
          dangling: 0,
          danglingByType: {},
          problems: 0,
          problemsByKind: {},
          isolated: 0,
          domains: {},
          generations: { "1": 0, "2": 0 },
          degreePercentiles: { p50: 0, p75: 0, p90: 0, p99: 0, max: 0 },
          hubs: [],
        });
        expect(await store.overview()).toEqual({ nodes: [], links: [] });
        expect(await store.search("anything", 10)).toEqual([]);
      });

      it("answers ping once loaded", async () => {
        await store.load(NETWORK);
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it("names the library it holds by a version that stays until another library is loaded", async () => {
        await store.load(NETWORK);
        const network = await store.version();
        expect(typeof network).toBe("string");
        expect(await store.version()).toBe(network);
        await store.getPattern("a");
        expect(await store.version()).toBe(network);
        await store.load(FAMILY);
        const family = await store.version();
        expect(family).not.toBe(network);
        expect(await Promise.all([store.version(), store.version(), store.version()])).toEqual([family, family, family]);
      });
    });

    describe("problems and overview", () => {
      beforeAll(async () => {
        await store.load(reversed(NETWORK));
      });

      it("lists problems by file, then line, a whole-file problem first", async () => {
        expect(await store.problems()).toEqual(NETWORK.problems);
      });

      it("gives every pattern and every resolved link, sorted, without dangling placeholders", async () => {
        expect(await store.overview()).toEqual({
          nodes: [N.a, N.b, N.c, N.d, N.e, N.f, N.z],
          links: [L.aEnablesB, L.aRelatedC, L.aToolsE, L.bEnablesD, L.bRelatedC, L.bRequiresA, L.cEnablesD, L.eEnablesF, L.fEnablesD],
        });
      });
    });

    describe("getPattern", () => {
      beforeAll(async () => {
        await store.load(reversed(NETWORK));
      });

      it("groups a pattern's links by type and direction, dangling targets among the outgoing ones", async () => {
        const detail = await store.getPattern("b");
        expect(detail).toEqual({
          pattern: NETWORK.patterns[1],
          degree: 4,
          inDegree: 1,
          outDegree: 3,
          // PageRank (0.85) over the strength-weighted links: b's links are the strongest, above the 6 others.
          importance: 0.215717,
          importancePercentile: 85.7,
          outgoing: {
            enables: [
              { slug: "d", title: "Delta", type: "enables", declaredIn: "b.md", dangling: false },
              { slug: "dangling:ghost", title: "ghost", type: "enables", weight: 0.5, declaredIn: "b.md", dangling: true },
            ],
            related: [{ slug: "c", title: "Charlie", type: "related", declaredIn: "b.md", dangling: false }],
            requires: [{ slug: "a", title: "Alpha", type: "requires", declaredIn: "b.md", dangling: false }],
          },
          incoming: {
            enables: [{ slug: "a", title: "Alpha", type: "enables", weight: 0.9, declaredIn: "a.md", dangling: false }],
          },
          dangling: [NETWORK.dangling[1]],
          problems: [NETWORK.problems[1], NETWORK.problems[2]],
        });
      });

      it("gives an isolated pattern empty groups", async () => {
        expect(await store.getPattern("z")).toEqual({
          pattern: NETWORK.patterns[6],
          degree: 0,
          inDegree: 0,
          outDegree: 0,
          // Alone, it keeps only its share of the teleport and of its own mass: 0.15 / (7 - 0.85).
          importance: 0.0243902,
          importancePercentile: 0,
          outgoing: {},
          incoming: {},
          dangling: [],
          problems: [],
        });
      });

      it("lists a symmetric link on the side that declared it as outgoing and on the other as incoming", async () => {
        const c = await store.getPattern("c");
        expect(c.incoming).toEqual({
          related: [
            { slug: "a", title: "Alpha", type: "related", description: "often together", declaredIn: "a.md", dangling: false },
            { slug: "b", title: "Bravo", type: "related", declaredIn: "b.md", dangling: false },
          ],
        });
        expect(c.outgoing).toEqual({ enables: [{ slug: "d", title: "Delta", type: "enables", declaredIn: "c.md", dangling: false }] });
      });
    });

    describe("not found and did-you-mean", () => {
      beforeAll(async () => {
        await store.load(reversed(SHELF));
      });

      it("throws NotFoundError with the closest slugs for a typo, best first", async () => {
        const error = await store.getPattern("deep-wrok").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ slug: "deep-wrok", suggestions: ["deep-work", "deep-work-flow"], code: "not_found" });
        expect((error as Error).message).toBe("No pattern 'deep-wrok'. Did you mean 'deep-work', 'deep-work-flow'?");
      });

      it("suggests the best search hits, best first", async () => {
        await expect(store.getPattern("flow")).rejects.toMatchObject({ suggestions: ["flow-chart", "flow-state", "deep-work-flow"] });
      });

      it("suggests nothing when nothing is close", async () => {
        await expect(store.getPattern("qqqq")).rejects.toMatchObject({ slug: "qqqq", suggestions: [] });
      });

      it("throws NotFoundError with suggestions from neighborhood, lineage and paths", async () => {
        const options = { depth: 1, direction: "both" as const, limit: 10 };
        await expect(store.neighborhood("teamwrok", options)).rejects.toMatchObject({ slug: "teamwrok", suggestions: ["teamwork"] });
        await expect(store.lineage("teamwrok", 2)).rejects.toMatchObject({ slug: "teamwrok", suggestions: ["teamwork"] });
        const pathOptions = { directed: false, k: 1, maxLength: 4 };
        await expect(store.paths("teamwrok", "teamwork", pathOptions)).rejects.toMatchObject({ slug: "teamwrok" });
        await expect(store.paths("teamwork", "nowhere-at-all", pathOptions)).rejects.toMatchObject({ slug: "nowhere-at-all" });
      });
    });

    describe("search", () => {
      beforeAll(async () => {
        await store.load(reversed(SHELF));
      });

      it("stops a search whose caller gave up (its signal fired) with QueryAbortedError", async () => {
        const gaveUp = AbortSignal.abort();
        await expect(store.search("deep wrok", 10, gaveUp)).rejects.toBeInstanceOf(QueryAbortedError);
        await expect(store.search("deep work", 10, gaveUp)).rejects.toBeInstanceOf(QueryAbortedError);
        // Without a signal that fired, the same search answers.
        expect((await store.search("deep wrok", 10, new AbortController().signal))[0]?.slug).toBe("deep-work");
      });

      it("ranks an exact title first, then a title it prefixes", async () => {
        const expected = [
          hit("deep-work", "Deep Work", "title", "Deep Work", 112, "focus"),
          hit("deep-work-flow", "Deep Work Flow", "title", "Deep Work Flow", 88),
        ];
        expect(await store.search("deep work", 10)).toEqual(expected);
        expect(await store.search("DEEP WORK", 10)).toEqual(expected);
        expect(await store.search("deep-work", 10)).toEqual(expected);
      });

      it("orders prefix > word prefix > substring > typo, one hit per pattern", async () => {
        expect(await store.search("work", 10)).toEqual([
          hit("workshop-design", "Workshop Design", "title", "Workshop Design", 84),
          hit("deep-work", "Deep Work", "title", "Deep Work", 66, "focus"),
          hit("deep-work-flow", "Deep Work Flow", "title", "Deep Work Flow", 64),
          hit("teamwork", "Teamwork", "title", "Teamwork", 47),
          hit("vrio-framework", "VRIO Framework", "title", "VRIO Framework", 44),
          hit("vrio-resource-analysis", "VRIO Framework - Resource Analysis", "title", "VRIO Framework - Resource Analysis", 43),
          hit("wok-cooking", "Wok Cooking", "title", "Wok Cooking", 22),
        ]);
      });

      it("keeps only the best `limit` hits", async () => {
        expect((await store.search("work", 2)).map((h) => h.slug)).toEqual(["workshop-design", "deep-work"]);
      });

      it("breaks a tie in score by title", async () => {
        expect(await store.search("flow", 10)).toEqual([
          hit("flow-chart", "Flow Chart", "title", "Flow Chart", 86),
          hit("flow-state", "Flow State", "title", "Flow State", 86),
          hit("deep-work-flow", "Deep Work Flow", "title", "Deep Work Flow", 64),
        ]);
      });

      it("matches aliases and says so", async () => {
        expect(await store.search("tomato", 5)).toEqual([hit("pomodoro", "Pomodoro Technique", "alias", "Tomato Timer", 85)]);
      });

      it("tolerates one typo in a short word, a transposition included", async () => {
        expect(await store.search("pomodro", 5)).toEqual([hit("pomodoro", "Pomodoro Technique", "slug", "pomodoro", 25)]);
        expect(await store.search("wrok", 10)).toEqual([
          hit("deep-work", "Deep Work", "title", "Deep Work", 22, "focus"),
          hit("deep-work-flow", "Deep Work Flow", "title", "Deep Work Flow", 22),
          hit("wok-cooking", "Wok Cooking", "title", "Wok Cooking", 22),
        ]);
      });

      it("tolerates two typos in a longer query", async () => {
        expect(await store.search("delibrate practise", 5)).toEqual([
          hit("deliberate-practice", "Deliberate Practice", "title", "Deliberate Practice", 21),
        ]);
      });

      it("matches the words of a query in any order, below any substring match", async () => {
        expect(await store.search("work deep", 10)).toEqual([
          hit("deep-work", "Deep Work", "title", "Deep Work", 32, "focus"),
          hit("deep-work-flow", "Deep Work Flow", "title", "Deep Work Flow", 32),
        ]);
        expect(await store.search("vrio analysis", 10)).toEqual([
          hit("vrio-resource-analysis", "VRIO Framework - Resource Analysis", "title", "VRIO Framework - Resource Analysis", 32),
        ]);
      });

      it("tolerates a typo in one word of a query whose last word is still being typed", async () => {
        expect(await store.search("delibrate prac", 5)).toEqual([
          hit("deliberate-practice", "Deliberate Practice", "title", "Deliberate Practice", 22),
        ]);
      });

      it("gives no hits for an empty, blank or punctuation-only query, or one that matches nothing", async () => {
        for (const q of ["", "   ", "--", "zzzz"]) expect(await store.search(q, 10)).toEqual([]);
      });

      it("refuses a limit outside 1..100", async () => {
        for (const limit of [0, 101, 2.5]) {
          await expect(store.search("work", limit)).rejects.toMatchObject({ parameter: "limit" });
          await expect(store.search("work", limit)).rejects.toBeInstanceOf(InvalidInputError);
        }
      });
    });

    describe("neighborhood", () => {
      beforeAll(async () => {
        await store.load(reversed(NETWORK));
      });

      it("gives depth 1 in both directions with the centre's dangling targets as placeholders", async () => {
        expect(plain(await store.neighborhood("a", { depth: 1, direction: "both", limit: 50 }))).toEqual({
          center: "a",
          nodes: [N.a, N.b, N.c, N.missingTitle, N.e],
          links: [L.aMissingTitle, L.aEnablesB, L.aRelatedC, L.aToolsE, L.bRelatedC, L.bRequiresA],
          distance: { a: 0, b: 1, c: 1, "dangling:Missing Title": 1, e: 1 },
          truncated: false,
        });
      });

      it("shows dangling targets only of patterns nearer than the depth", async () => {
        expect(plain(await store.neighborhood("a", { depth: 2, direction: "both", limit: 50 }))).toEqual({
          center: "a",
          nodes: [N.a, N.b, N.c, N.d, N.missingTitle, N.ghost, N.e, N.f],
          links: [
            L.aMissingTitle,
            L.aEnablesB,
            L.aRelatedC,
            L.aToolsE,
            L.bEnablesD,
            L.bGhost,
            L.bRelatedC,
            L.bRequiresA,
            L.cEnablesD,
            L.eEnablesF,
            L.fEnablesD,
          ],
          distance: { a: 0, b: 1, c: 1, "dangling:Missing Title": 1, e: 1, d: 2, "dangling:ghost": 2, f: 2 },
          truncated: false,
        });
        const three = plain(await store.neighborhood("a", { depth: 3, direction: "both", limit: 50 }));
        expect(three.nodes.map((n) => n.slug)).toContain(`dangling:${GHOST_ID}`);
        expect(three.distance[`dangling:${GHOST_ID}`]).toBe(3);
        expect(three.links).toContainEqual(L.fGhostId);
      });

      it("follows only declared-out links with direction out (and then still includes dangling targets)", async () => {
        expect(plain(await store.neighborhood("d", { depth: 2, direction: "out", limit: 50 }))).toEqual({
          center: "d",
          nodes: [N.d],
          links: [],
          distance: { d: 0 },
          truncated: false,
        });
        const b = plain(await store.neighborhood("b", { depth: 1, direction: "out", limit: 50 }));
        expect(b.nodes).toEqual([N.a, N.b, N.c, N.d, N.ghost]);
        expect(b.links).toEqual([L.aEnablesB, L.aRelatedC, L.bEnablesD, L.bGhost, L.bRelatedC, L.bRequiresA, L.cEnablesD]);
      });

      it("follows only incoming links with direction in, never reaching dangling targets", async () => {
        expect(plain(await store.neighborhood("d", { depth: 2, direction: "in", limit: 50 }))).toEqual({
          center: "d",
          nodes: [N.a, N.b, N.c, N.d, N.e, N.f],
          links: [L.aEnablesB, L.aRelatedC, L.aToolsE, L.bEnablesD, L.bRelatedC, L.bRequiresA, L.cEnablesD, L.eEnablesF, L.fEnablesD],
          distance: { d: 0, b: 1, c: 1, f: 1, a: 2, e: 2 },
          truncated: false,
        });
      });

      it("includes every link of a passing type between included patterns, whatever the direction", async () => {
        const d = plain(await store.neighborhood("d", { depth: 1, direction: "both", limit: 50 }));
        expect(d.nodes).toEqual([N.b, N.c, N.d, N.f]);
        expect(d.links).toEqual([L.bEnablesD, L.bRelatedC, L.cEnablesD, L.fEnablesD]);
      });

      it("follows and shows only the chosen link types", async () => {
        expect(plain(await store.neighborhood("a", { depth: 2, direction: "both", limit: 50, types: ["enables"] }))).toEqual({
          center: "a",
          nodes: [N.a, N.b, N.d, N.ghost],
          links: [L.aEnablesB, L.bEnablesD, L.bGhost],
          distance: { a: 0, b: 1, d: 2, "dangling:ghost": 2 },
          truncated: false,
        });
        for (const types of [[], ["conflicts_with"]]) {
          expect(plain(await store.neighborhood("a", { depth: 2, direction: "both", limit: 50, types }))).toEqual({
            center: "a",
            nodes: [N.a],
            links: [],
            distance: { a: 0 },
            truncated: false,
          });
        }
      });

      it("scores every node by the links reaching it: strength, each end's degree, capped by the best reaching node", async () => {
        // a: degree 4. b: a enables b (0.9) beats b requires a (0.8 undeclared): 1 * 0.9 / sqrt(4 * 4).
        // c: related (0.5 * 0.8) / sqrt(4 * 3); e: tools (0.5 * 0.8) / sqrt(4 * 2); the placeholder counts as degree 1.
        // d: through b (enables 0.8) and c (enables 0.8), in slug order: (0.225 * 0.8 / 2 + 0.11547 * 0.8 / sqrt 3) / sqrt 3.
        // ghost: b enables it with weight 0.5: 0.225 * 0.5 / 2. f: e enables f: 0.141421 * 0.8 / sqrt(2 * 2).
        const answer = await store.neighborhood("a", { depth: 2, direction: "both", limit: 50 });
        expect(Object.fromEntries(answer.nodes.map((n) => [n.slug, n.score]))).toEqual({
          a: 1,
          b: 0.225,
          c: 0.11547,
          d: 0.0827535,
          "dangling:Missing Title": 0.2,
          "dangling:ghost": 0.05625,
          e: 0.141421,
          f: 0.0565684,
        });
        expect(answer.total).toBe(8);
        expect(answer.groups).toEqual([]);
        expect(answer.truncated).toBe(false);
      });

      it("keeps the most relevant nodes, placeholders counted, and summarises every left-out one in groups", async () => {
        // By score: a 1, b .225, Missing Title .2, e .141421 kept; c .11547, d .0827535, f .0565684, ghost .05625 left out.
        expect(await store.neighborhood("a", { depth: 2, direction: "both", limit: 4 })).toEqual({
          center: "a",
          nodes: [
            { ...N.a, score: 1 },
            { ...N.b, score: 0.225 },
            { ...N.missingTitle, score: 0.2 },
            { ...N.e, score: 0.141421 },
          ],
          links: [L.aMissingTitle, L.aEnablesB, L.aToolsE, L.bRequiresA],
          distance: { a: 0, b: 1, "dangling:Missing Title": 1, e: 1 },
          total: 8,
          // d hangs from b, through which more of its score flows than through c; groups come in the order of their best member.
          groups: [
            { key: "4|a|related", count: 1, via: "a", type: "related", domain: "planning", sample: ["c"] },
            { key: "4|b|enables", count: 2, via: "b", type: "enables", domain: "planning", sample: ["d", "dangling:ghost"] },
            { key: "4|e|enables", count: 1, via: "e", type: "enables", domain: "focus", sample: ["f"] },
          ],
          truncated: {
            reason: "node-limit",
            limit: 4,
            total: 8,
            kept: 4,
            leftOut: 4,
            groups: 3,
            message:
              "Kept the 4 most relevant of 8 patterns; 4 left out, in 3 groups by the kept pattern they hang from and the link type. Raise the limit, filter by link type, or open a group.",
          },
        });
        const seven = await store.neighborhood("a", { depth: 2, direction: "both", limit: 7 });
        expect(seven.nodes.map((n) => n.slug)).toEqual(["a", "b", "c", "d", "dangling:Missing Title", "e", "f"]);
        expect(seven.groups).toEqual([{ key: "7|b|enables", count: 1, via: "b", type: "enables", domain: null, sample: ["dangling:ghost"] }]);
        const eight = await store.neighborhood("a", { depth: 2, direction: "both", limit: 8 });
        expect(eight.nodes).toHaveLength(8);
        expect(eight.truncated).toBe(false);
        const one = await store.neighborhood("a", { depth: 2, direction: "both", limit: 1 });
        expect(one.nodes).toEqual([{ ...N.a, score: 1 }]);
        expect(one.groups.map((g) => [g.key, g.count])).toEqual([
          ["1|a|enables", 3],
          ["1|a|alternatives", 1],
          ["1|a|tools", 2],
          ["1|a|related", 1],
        ]);
        expect(one.truncated).toMatchObject({ reason: "node-limit", total: 8, kept: 1, leftOut: 7 });
      });

      it("pages through a group with the links joining its members to the kept nodes", async () => {
        const first = await store.neighborhood("a", { depth: 2, direction: "both", limit: 1, group: "4|b|enables" });
        expect(first).toEqual({
          center: "a",
          nodes: [{ ...N.d, score: 0.0827535 }],
          // b enables d joins the page to a kept node; c enables d and f enables d end at nodes not shown.
          links: [L.bEnablesD],
          distance: { d: 2 },
          total: 2,
          groups: [],
          truncated: { reason: "group-page", limit: 1, offset: 0, total: 2, kept: 1, message: "Members 1 to 1 of 2; ask for offset=1 for the next." },
          group: { key: "4|b|enables", count: 2, offset: 0 },
        });
        expect(plain(await store.neighborhood("a", { depth: 2, direction: "both", limit: 1, group: "4|b|enables", offset: 1 }))).toEqual({
          center: "a",
          nodes: [N.ghost],
          links: [L.bGhost],
          distance: { "dangling:ghost": 2 },
          truncated: false,
        });
        const whole = await store.neighborhood("a", { depth: 2, direction: "both", limit: 10, group: "4|b|enables" });
        expect(whole.nodes.map((n) => n.slug)).toEqual(["d", "dangling:ghost"]);
        expect(whole.truncated).toBe(false);
        expect((await store.neighborhood("a", { depth: 2, direction: "both", limit: 10, group: "4|b|enables", offset: 5 })).nodes).toEqual([]);
      });

      it("refuses a group the cut does not have (404) and a malformed group key or offset (400)", async () => {
        const base = { depth: 2, direction: "both" as const, limit: 10 };
        await expect(store.neighborhood("a", { ...base, group: "4|b|related" })).rejects.toMatchObject({ code: "not_found" });
        await expect(store.neighborhood("a", { ...base, group: "nonsense" })).rejects.toMatchObject({ code: "invalid_input", parameter: "group" });
        await expect(store.neighborhood("a", { ...base, group: "99999|b|enables" })).rejects.toMatchObject({ code: "invalid_input", parameter: "group" });
        await expect(store.neighborhood("a", { ...base, offset: 2 })).rejects.toMatchObject({ code: "invalid_input", parameter: "offset" });
        await expect(store.neighborhood("a", { ...base, group: "4|b|enables", offset: -1 })).rejects.toMatchObject({ code: "invalid_input", parameter: "offset" });
      });

      it("gives an isolated pattern alone", async () => {
        expect(plain(await store.neighborhood("z", { depth: 4, direction: "both", limit: 50 }))).toEqual({
          center: "z",
          nodes: [N.z],
          links: [],
          distance: { z: 0 },
          truncated: false,
        });
      });

      it("refuses a bad depth, limit, direction or link type, naming the parameter", async () => {
        const base = { depth: 1, direction: "both" as const, limit: 10 };
        const cases: [Record<string, unknown>, string][] = [
          [{ depth: 0 }, "depth"],
          [{ depth: 5 }, "depth"],
          [{ limit: 0 }, "limit"],
          [{ direction: "sideways" }, "direction"],
          [{ types: ["enables", "DROP ALL"] }, "types"],
        ];
        for (const [change, parameter] of cases) {
          const options = { ...base, ...change } as Parameters<GraphStore["neighborhood"]>[1];
          await expect(store.neighborhood("a", options)).rejects.toMatchObject({ parameter, code: "invalid_input" });
        }
      });

      it("checks the options before it looks the slug up", async () => {
        await expect(store.neighborhood("no-such-slug", { depth: 9, direction: "both", limit: 10 })).rejects.toBeInstanceOf(InvalidInputError);
        await expect(store.lineage("no-such-slug", 0)).rejects.toBeInstanceOf(InvalidInputError);
        await expect(store.paths("no-such-slug", "a", { directed: false, k: 0, maxLength: 3 })).rejects.toBeInstanceOf(InvalidInputError);
      });
    });

    describe("lineage", () => {
      beforeAll(async () => {
        await store.load(reversed(FAMILY));
      });

      it("stops a lineage whose caller gave up (its signal fired) with QueryAbortedError", async () => {
        await expect(store.lineage("deep-work", 2, AbortSignal.abort())).rejects.toBeInstanceOf(QueryAbortedError);
        expect((await store.lineage("deep-work", 2, new AbortController().signal)).root).toBe("deep-work");
      });

      it("gives ancestors with several parents and descendants, level by level, with how each fact was declared", async () => {
        expect(await store.lineage("deep-work", 2)).toEqual({
          root: "deep-work",
          depth: 2,
          nodes: [
            fam("practice", "Practice", 1, -2),
            fam("deliberate-practice", "Deliberate Practice", 2, -1),
            fam("focus", "Focus", 1, -1),
            fam("deep-work", "Deep Work", 4, 0),
            fam("deep-work-flow", "Deep Work Flow", 3, 1),
            fam("deep-work-sprint", "Deep Work Sprint", 2, 2),
          ],
          edges: [
            { parent: "deep-work", child: "deep-work-flow", declaredAs: ["specializes_to"] },
            { parent: "deep-work-flow", child: "deep-work-sprint", declaredAs: ["generalizes_from", "specializes_to"] },
            { parent: "deliberate-practice", child: "deep-work", declaredAs: ["generalizes_from"] },
            { parent: "focus", child: "deep-work", declaredAs: ["specializes_to"] },
            { parent: "practice", child: "deliberate-practice", declaredAs: ["generalizes_from"] },
          ],
          truncated: false,
        });
      });

      it("stops at the depth and says the lineage goes on", async () => {
        const one = await store.lineage("deep-work", 1);
        expect(one.nodes.map((n) => [n.slug, n.level])).toEqual([
          ["deliberate-practice", -1],
          ["focus", -1],
          ["deep-work", 0],
          ["deep-work-flow", 1],
        ]);
        expect(one.edges.map((e) => `${e.parent}>${e.child}`)).toEqual(["deep-work>deep-work-flow", "deliberate-practice>deep-work", "focus>deep-work"]);
        expect(one.truncated).toBe(true);
        expect((await store.lineage("deep-work-sprint", 2)).truncated).toBe(true);
        expect((await store.lineage("deep-work-sprint", 4)).truncated).toBe(false);
      });

      it("survives a cycle, placing each pattern once at the level nearest the root", async () => {
        const expected = {
          root: "cycle-a",
          nodes: [fam("cycle-b", "Cycle B", 2, -1), fam("cycle-a", "Cycle A", 2, 0), fam("cycle-c", "Cycle C", 2, 1)],
          edges: [
            { parent: "cycle-a", child: "cycle-c", declaredAs: ["generalizes_from"] },
            { parent: "cycle-b", child: "cycle-a", declaredAs: ["generalizes_from"] },
            { parent: "cycle-c", child: "cycle-b", declaredAs: ["generalizes_from"] },
          ],
          truncated: false,
        };
        expect(await store.lineage("cycle-a", 3)).toEqual({ ...expected, depth: 3 });
        expect(await store.lineage("cycle-a", 1)).toEqual({ ...expected, depth: 1 });
      });

      it("places a pattern that is both parent and child as the parent", async () => {
        expect(await store.lineage("loop-x", 2)).toEqual({
          root: "loop-x",
          depth: 2,
          nodes: [fam("loop-y", "Loop Y", 2, -1), fam("loop-x", "Loop X", 2, 0)],
          edges: [
            { parent: "loop-x", child: "loop-y", declaredAs: ["generalizes_from"] },
            { parent: "loop-y", child: "loop-x", declaredAs: ["generalizes_from"] },
          ],
          truncated: false,
        });
      });

      it("ignores links of other types", async () => {
        expect(await store.lineage("unrelated", 3)).toEqual({
          root: "unrelated",
          depth: 3,
          nodes: [fam("unrelated", "Unrelated", 1, 0)],
          edges: [],
          truncated: false,
        });
      });

      it("refuses a depth outside 1..10", async () => {
        for (const depth of [0, 11]) await expect(store.lineage("deep-work", depth)).rejects.toMatchObject({ parameter: "depth" });
      });
    });

    describe("paths", () => {
      beforeAll(async () => {
        await store.load(reversed(NETWORK));
      });
      const undirected = { directed: false, k: 1, maxLength: 8 };
      /** The connected part of a..f: six patterns, the best-linked first (degree, then slug). */
      const MAIN_PART = { size: 6, sample: ["a", "b", "c", "d", "e"] };

      /** A path's nodes, links and length, the parts every test of the order compares. */
      const shape = ({ nodes, links, length }: PathView) => ({ nodes, links, length });

      it("finds the best shortest path, each hop with every usable link sorted by type, scored and put in words", async () => {
        expect(await store.paths("a", "d", undirected)).toEqual({
          from: "a",
          to: "d",
          paths: [
            {
              nodes: ["a", "b", "d"],
              links: [L.aEnablesB, L.bRequiresA, L.bEnablesD],
              length: 2,
              // 2 + 0.001 * ln(3): Bravo has three neighbours.
              score: 2.001099,
              explanation: "Alpha enables Bravo (weight 0.9), which enables Delta.",
              steps: [
                { from: "a", to: "b", type: "enables", text: "Alpha enables Bravo", weight: 0.9 },
                { from: "b", to: "d", type: "enables", text: "Bravo enables Delta" },
              ],
            },
          ],
          nodes: [N.a, N.b, N.d],
        });
      });

      it("lists the k alternatives by length, then specificity, then link weight", async () => {
        const result = await store.paths("a", "d", { ...undirected, k: 10 });
        expect(result.paths.map(shape)).toEqual([
          // Bravo and Charlie have three neighbours each; the hop to Bravo declares weight 0.9.
          { nodes: ["a", "b", "d"], links: [L.aEnablesB, L.bRequiresA, L.bEnablesD], length: 2 },
          { nodes: ["a", "c", "d"], links: [L.aRelatedC, L.cEnablesD], length: 2 },
          // Echo and Foxtrot have two neighbours each: more specific than Bravo and Charlie.
          { nodes: ["a", "e", "f", "d"], links: [L.aToolsE, L.eEnablesF, L.fEnablesD], length: 3 },
          { nodes: ["a", "b", "c", "d"], links: [L.aEnablesB, L.bRequiresA, L.bRelatedC, L.cEnablesD], length: 3 },
          { nodes: ["a", "c", "b", "d"], links: [L.aRelatedC, L.bRelatedC, L.bEnablesD], length: 3 },
        ]);
        expect(result.paths.map((p) => p.score)).toEqual([2.001099, 2.001099, 3.001386, 3.002197, 3.002197]);
        expect(result.paths[1]!.explanation).toBe("Alpha is related to Charlie (“often together”), which enables Delta.");
        expect(result.paths[2]!.explanation).toBe("Alpha uses the tool Echo, which enables Foxtrot, which enables Delta.");
        expect(result.nodes).toEqual([N.a, N.b, N.c, N.d, N.e, N.f]);
        const three = await store.paths("a", "d", { ...undirected, k: 3 });
        expect(three.paths.map((p) => p.nodes.join(">"))).toEqual(["a>b>d", "a>c>d", "a>e>f>d"]);
        expect(three.nodes).toEqual([N.a, N.b, N.c, N.d, N.e, N.f]);
      });

      it("passes through no pattern with more neighbours than maxDegree", async () => {
        expect((await store.paths("a", "d", { ...undirected, k: 10, maxDegree: 2 })).paths.map((p) => p.nodes.join(">"))).toEqual(["a>e>f>d"]);
        // The two ends are never skipped.
        expect((await store.paths("a", "b", { ...undirected, k: 1, maxDegree: 1 })).paths.map((p) => p.nodes.join(">"))).toEqual(["a>b"]);
      });

      it("follows declared direction only when directed", async () => {
        const result = await store.paths("a", "d", { directed: true, k: 10, maxLength: 8 });
        expect(result.paths.map(shape)).toEqual([
          { nodes: ["a", "b", "d"], links: [L.aEnablesB, L.bEnablesD], length: 2 },
          { nodes: ["a", "c", "d"], links: [L.aRelatedC, L.cEnablesD], length: 2 },
          { nodes: ["a", "e", "f", "d"], links: [L.aToolsE, L.eEnablesF, L.fEnablesD], length: 3 },
          { nodes: ["a", "b", "c", "d"], links: [L.aEnablesB, L.bRelatedC, L.cEnablesD], length: 3 },
        ]);
        // Against direction there is none, though one connected part holds both (so direction is the reason).
        expect(await store.paths("d", "a", { directed: true, k: 3, maxLength: 8 })).toEqual({ from: "d", to: "a", paths: [], nodes: [], components: { same: true, from: MAIN_PART, to: MAIN_PART } });
        const back = await store.paths("d", "a", undirected);
        expect(back.paths.map(shape)).toEqual([{ nodes: ["d", "b", "a"], links: [L.bEnablesD, L.aEnablesB, L.bRequiresA], length: 2 }]);
        // Read from Delta's side: against the declared direction.
        expect(back.paths[0]!.explanation).toBe("Delta is enabled by Bravo, which is enabled by Alpha (weight 0.9).");
      });

      it("uses only the chosen link types", async () => {
        expect((await store.paths("a", "d", { ...undirected, k: 10, types: ["enables"] })).paths.map(shape)).toEqual([
          { nodes: ["a", "b", "d"], links: [L.aEnablesB, L.bEnablesD], length: 2 },
        ]);
        expect((await store.paths("a", "d", { ...undirected, k: 10, types: ["enables", "tools"] })).paths.map((p) => p.nodes)).toEqual([
          ["a", "b", "d"],
          ["a", "e", "f", "d"],
        ]);
        expect((await store.paths("a", "d", { ...undirected, k: 10, types: [] })).paths).toEqual([]);
      });

      it("returns no path when none is within maxLength, and stops at maxLength", async () => {
        expect(await store.paths("a", "d", { ...undirected, maxLength: 1 })).toEqual({ from: "a", to: "d", paths: [], nodes: [], components: { same: true, from: MAIN_PART, to: MAIN_PART } });
        expect((await store.paths("a", "d", { ...undirected, k: 10, maxLength: 2 })).paths.map((p) => p.length)).toEqual([2, 2]);
        expect((await store.paths("a", "z", { ...undirected, k: 5 })).paths).toEqual([]);
      });

      it("explains a pair no path joins by the connected part each end is in, its size and best-linked members", async () => {
        expect(await store.paths("a", "z", { ...undirected, k: 5 })).toEqual({
          from: "a",
          to: "z",
          paths: [],
          nodes: [],
          components: { same: false, from: MAIN_PART, to: { size: 1, sample: ["z"] } },
        });
        // Only along the chosen types: Echo and Foxtrot hang on by tools and enables alone.
        expect((await store.paths("a", "f", { ...undirected, types: ["related", "requires"] })).components).toEqual({
          same: false,
          from: { size: 3, sample: ["a", "b", "c"] },
          to: { size: 1, sample: ["f"] },
        });
        expect((await store.paths("a", "d", { ...undirected, types: [] })).components).toEqual({
          same: false,
          from: { size: 1, sample: ["a"] },
          to: { size: 1, sample: ["d"] },
        });
        // A path found carries no components.
        expect(await store.paths("a", "d", undirected)).not.toHaveProperty("components");
      });

      it("gives a single zero-length path from a pattern to itself", async () => {
        expect(await store.paths("c", "c", { ...undirected, k: 5 })).toEqual({
          from: "c",
          to: "c",
          paths: [{ nodes: ["c"], links: [], length: 0, score: 0, explanation: "Charlie is both ends: no link is needed.", steps: [] }],
          nodes: [N.c],
        });
      });

      it("refuses k outside 1..10 and maxLength outside 1..8", async () => {
        const cases: [Record<string, unknown>, string][] = [
          [{ k: 0 }, "k"],
          [{ k: 11 }, "k"],
          [{ maxLength: 0 }, "maxLength"],
          [{ maxLength: 9 }, "maxLength"],
          [{ maxDegree: 0 }, "maxDegree"],
          [{ maxDegree: 2.5 }, "maxDegree"],
          [{ types: ["no spaces allowed"] }, "types"],
        ];
        for (const [change, parameter] of cases) {
          const options = { ...undirected, ...change } as Parameters<GraphStore["paths"]>[2];
          await expect(store.paths("a", "d", options)).rejects.toMatchObject({ parameter });
        }
      });
    });
  });
}

/**
 * Search and lineage past their budget, on a store whose budgets are spent at once (the memory
 * store's work budget 0, Neo4j's query timeout 0): a QueryTimeoutError (504 `query_timeout`) that
 * says what to ask for instead, the same on both stores.
 */
export function describeQueryBudgets(name: string, makeSpent: () => Promise<GraphStore>): void {
  describe(`GraphStore budgets: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await makeSpent();
      await store.load(SHELF);
    });
    afterAll(async () => {
      await store?.close();
    });

    it("answers a search past its budget with query_timeout and what to ask for instead", async () => {
      await expect(store.search("deep wrok", 10)).rejects.toMatchObject({ code: "query_timeout", message: expect.stringContaining(SEARCH_HINT) });
    });

    it("answers a lineage past its budget with query_timeout and what to ask for instead", async () => {
      await store.load(FAMILY);
      await expect(store.lineage("deep-work", 2)).rejects.toMatchObject({ code: "query_timeout", message: expect.stringContaining(LINEAGE_HINT) });
    });
  });
}
