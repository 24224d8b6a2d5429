// The neighbourhood's group nodes as plain data: where they go, what they say, and that exports of
// the view on screen leave them out (they stand for patterns, they are none).
import { describe, expect, it } from "vitest";
import { MultiDirectedGraph } from "graphology";
import type { AtlasGraph, EdgeAttrs, NodeAttrs } from "../../web/src/graph/atlas-graph.ts";
import { viewExportGraph } from "../../web/src/talks/graph-export.ts";
import { addGroupNodes, groupLabel, groupNodeKey, groupPagerKey, pagerLabel } from "../../web/src/views/neighborhood-groups.ts";
import { openGroupEntry, parseOpenGroup } from "../../web/src/state/open-groups.ts";
import type { NeighborhoodGroup, Slug } from "../../core/model.ts";

const group = (key: string, via: string, count: number, type = "complementary"): NeighborhoodGroup => ({ key, count, via: via as Slug, type, domain: null, sample: [] });

function ring() {
  // The explorer's graph type, made without atlas-graph.ts (its edge programs need WebGL).
  const graph: AtlasGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  const node = (key: string, x: number, y: number) => graph.addNode(key, { label: key, title: key, x, y, size: 5, color: "#000", degree: 1 });
  node("hub", 0, 0);
  node("a", 10, 0);
  node("b", -10, 0);
  graph.addDirectedEdgeWithKey("hub|related|a", "hub", "a", { id: "hub|related|a", linkType: "related", type: "straight", color: "#000", size: 1, directed: false });
  return graph;
}

describe("group nodes", () => {
  it("puts the hub's groups just outside its ring and a neighbour's groups beyond that neighbour", () => {
    const graph = ring();
    addGroupNodes(graph, [group("g1", "hub", 634), group("g2", "a", 12, "enables")], "hub", new Map([["g2", { offset: 0, shown: 12, count: 12, pageSize: 60 }]]), 1);
    const g1 = graph.getNodeAttributes(groupNodeKey("g1"));
    expect(Math.hypot(g1.x, g1.y)).toBeCloseTo(11.8, 5);
    expect(g1.label).toBe("+634 more · complementary");
    expect(g1.groupOpen).toBe(false);
    const g2 = graph.getNodeAttributes(groupNodeKey("g2"));
    expect(g2.x).toBeGreaterThan(10);
    // A group hanging from another pattern than the focus is labelled by its count; its title says the rest.
    expect(g2.label).toBe("− 12 of 12");
    expect(g2.title).toBe("− 12 of 12 shown · enables");
    expect(g1.shortLabel).toBe("+634 more");
    expect(graph.hasEdge(`${groupNodeKey("g2")}|edge`)).toBe(true);
    expect(groupLabel({ count: 3, type: "specializes_to" }, null)).toBe("+3 more · specializes to");
    // A group that fits one page has no pager.
    expect(graph.hasNode(groupPagerKey("g2"))).toBe(false);
  });

  it("gives an open group with more than a page a pager beyond it that goes to the next page, then back to the first", () => {
    const graph = ring();
    const page = (offset: number, shown: number) => ({ offset, shown, count: 130, pageSize: 60 });
    addGroupNodes(graph, [group("g1", "a", 130)], "hub", new Map([["g1", page(60, 60)]]), 1);
    const node = graph.getNodeAttributes(groupNodeKey("g1"));
    expect(node.label).toBe("− 61–120 of 130");
    expect(node.title).toBe("− 61–120 of 130 shown · complementary");
    const pager = graph.getNodeAttributes(groupPagerKey("g1"));
    expect(pager).toMatchObject({ label: "next: 121–130 of 130 ›", group: "g1", groupPage: 2 });
    // Beyond its group node, away from the focus.
    expect(pager.x).toBeGreaterThan(node.x);
    expect(graph.inNeighbors(groupPagerKey("g1"))).toEqual([groupNodeKey("g1")]);
    expect(pagerLabel(page(120, 10))).toBe("‹ back to 1–60 of 130");
    expect(pagerLabel(page(0, 60))).toBe("next: 61–120 of 130 ›");
    expect(groupLabel({ count: 130, type: "complementary" }, page(0, 60))).toBe("− 60 of 130 shown · complementary");
  });

  it("names an open group's page in the state as its key and '@page' after the first", () => {
    const key = "300|acceptance-and-commitment|complementary";
    expect(openGroupEntry(key, 0)).toBe(key);
    expect(openGroupEntry(key, 3)).toBe(`${key}@3`);
    expect(parseOpenGroup(`${key}@3`)).toEqual({ key, page: 3 });
    expect(parseOpenGroup(key)).toEqual({ key, page: 0 });
    // Anything else after "@" is not a page: the entry is read as a key (which the loader then ignores).
    for (const bad of [`${key}@0`, `${key}@-1`, `${key}@x`, `${key}@1.5`, `${key}@99999`]) expect(parseOpenGroup(bad)).toEqual({ key: bad, page: 0 });
  });

  it("leaves group nodes and their links out of the view's export", () => {
    const graph = ring();
    addGroupNodes(graph, [group("g1", "hub", 634)], "hub", new Map(), 1);
    const exported = viewExportGraph(graph, "Hub", "neighborhood");
    expect(exported.nodes.map((n) => n.key).sort()).toEqual(["a", "b", "hub"]);
    expect(exported.links.map((l) => l.key)).toEqual(["hub|related|a"]);
  });
});
