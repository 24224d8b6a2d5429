// The lineage tree's plan: bands of the most relevant patterns that fit, pages for the rest, folding,
// and how to bring any member of the family onto the tree. Pure functions, small literal families.
import { describe, expect, it } from "vitest";
import type { Lineage } from "../../core/model.ts";
import { countDescendants, levelName, paginate, planLineage, rankBand, reveal, type PlanOptions } from "../../web/src/layout/lineage-plan.ts";
import { packedSpan, spaceBand } from "../../web/src/layout/lineage-elk.ts";
import { DEFAULT_STATE, graphKey } from "../../web/src/state/app-state.ts";
import { parseState, serializeState } from "../../web/src/state/url-state.ts";

type Slug = Lineage["root"];
const s = (x: string) => x as Slug;

/** root with children c0..c9 (degree = index), c9 has children g0..g2, g0 has h0. */
function family(): Lineage {
  const nodes: Lineage["nodes"] = [{ slug: s("root"), title: "Root", degree: 20, level: 0 }];
  const edges: Lineage["edges"] = [];
  for (let i = 0; i < 10; i++) {
    nodes.push({ slug: s(`c${i}`), title: `Child ${i}`, degree: i, level: 1 });
    edges.push({ parent: s("root"), child: s(`c${i}`), declaredAs: ["generalizes_from"] });
  }
  for (let i = 0; i < 3; i++) {
    nodes.push({ slug: s(`g${i}`), title: `Grandchild ${i}`, degree: 1, level: 2 });
    edges.push({ parent: s("c9"), child: s(`g${i}`), declaredAs: ["generalizes_from", "specializes_to"] });
  }
  nodes.push({ slug: s("h0"), title: "Great", degree: 1, level: 3 }, { slug: s("p"), title: "Parent", degree: 5, level: -1 });
  edges.push({ parent: s("g0"), child: s("h0"), declaredAs: ["specializes_to"] }, { parent: s("p"), child: s("root"), declaredAs: ["generalizes_from"] });
  return { root: s("root"), depth: 4, nodes, edges, truncated: false };
}

const levelsOf = (l: Lineage) => new Map(l.nodes.map((n) => [n.slug as string, n.level]));
/** Up to four patterns per band. */
const options = (l: Lineage, patch: Partial<PlanOptions> = {}): PlanOptions => ({
  levels: levelsOf(l),
  collapsed: new Set(),
  pages: new Map(),
  fits: (slugs) => slugs.length <= 4,
  ...patch,
});

describe("the lineage plan", () => {
  it("ranks a band by the family below, then by links, never by title", () => {
    const l = family();
    const below = countDescendants(l, levelsOf(l));
    expect(below.get("c9")).toBe(4);
    expect(below.get("root")).toBe(14);
    expect(rankBand(["c1", "c9", "c5", "c3"], l, below)).toEqual(["c9", "c5", "c3", "c1"]);
  });

  it("keeps one band per level and shows the most relevant page of a wide one", () => {
    const l = family();
    const plan = planLineage(l, options(l));
    expect(plan.bands.map((b) => b.level)).toEqual([-1, 0, 1, 2, 3]);
    const children = plan.bands.find((b) => b.level === 1)!;
    expect(children.shown).toEqual(["c9", "c8", "c7", "c6"]);
    expect(children).toMatchObject({ page: 0, pages: 3, before: 0, after: 6 });
    expect(plan.shown.has("h0")).toBe(true);
  });

  it("turns a band to another page, and leaves out what hangs only from patterns not shown", () => {
    const l = family();
    const plan = planLineage(l, options(l, { pages: new Map([[1, 1]]) }));
    const children = plan.bands.find((b) => b.level === 1)!;
    expect(children.shown).toEqual(["c5", "c4", "c3", "c2"]);
    expect(children).toMatchObject({ before: 4, after: 2 });
    // c9 is on page 0, so its grandchildren have no shown parent.
    expect(plan.bands.map((b) => b.level)).toEqual([-1, 0, 1]);
  });

  it("hides everything below a folded pattern", () => {
    const l = family();
    const plan = planLineage(l, options(l, { collapsed: new Set(["c9"]) }));
    expect(plan.shown.has("c9")).toBe(true);
    expect(["g0", "g1", "g2", "h0"].some((x) => plan.shown.has(x))).toBe(false);
    expect(plan.hiddenChildren.get("c9")).toBe(3);
  });

  it("brings a pattern onto the tree: unfolds its ancestors and turns their bands", () => {
    const l = family();
    const opts = options(l, { collapsed: new Set(["c9", "c2"]), pages: new Map([[1, 2]]) });
    expect(planLineage(l, opts).shown.has("h0")).toBe(false);
    const found = reveal(l, opts, "h0")!;
    expect(found.collapsed).toEqual(["c2"]);
    expect(found.pages.get(1)).toBe(0);
    expect(planLineage(l, { ...opts, collapsed: new Set(found.collapsed), pages: found.pages }).shown.has("h0")).toBe(true);
    expect(reveal(l, opts, "p")).toBeNull();
  });

  it("pages a band so every page fits, at least one pattern each", () => {
    expect(paginate(["a", "b", "c", "d", "e"], (slugs) => slugs.length <= 2)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(paginate(["a", "b"], () => false)).toEqual([["a"], ["b"]]);
  });

  it("names levels", () => {
    expect([1, 2, 3, 4, -1, -2, -4, 6].map(levelName)).toEqual([
      "children",
      "grandchildren",
      "great-grandchildren",
      "great-great-grandchildren",
      "parents",
      "grandparents",
      "great-great-grandparents",
      "descendants 6 levels down",
    ]);
  });
});

describe("spacing a band by its labels", () => {
  it("pushes overlapping label boxes apart, keeps the order, and stays inside the budget", () => {
    const widths: Record<string, number> = { a: 100, b: 60, c: 100 };
    const xs = spaceBand(["a", "b", "c"], [0, 10, 20], (id) => widths[id]!, 10, 1000);
    expect(xs[1]! - xs[0]!).toBeGreaterThanOrEqual(90);
    expect(xs[2]! - xs[1]!).toBeGreaterThanOrEqual(90);
    const packed = spaceBand(["a", "b", "c"], [-900, 0, 900], (id) => widths[id]!, 10, 300);
    expect(packed[2]! - packed[0]!).toBeCloseTo(packedSpan([100, 60, 100], 10));
    expect(Math.min(...packed)).toBeGreaterThanOrEqual(-150);
  });
});

describe("the lineage's URL", () => {
  it("round-trips folded patterns and band pages, and drops malformed pages", () => {
    const state = { ...DEFAULT_STATE, mode: "lineage" as const, focus: "root", lineageCollapsed: ["a", "b"], lineagePages: [[-1, 1], [2, 3]] as [number, number][] };
    const query = serializeState(state);
    expect(query).toBe("?view=lineage&focus=root&collapse=a,b&bands=-1:1,2:3");
    expect(parseState(query)).toEqual(state);
    expect(graphKey(parseState(query))).not.toBe(graphKey({ ...state, lineagePages: [] }));
    expect(parseState("?view=lineage&focus=r&bands=1:x,0:2,1:2,1:3,-3:0").lineagePages).toEqual([[1, 2]]);
  });
});
