// The neighbourhood's group nodes as plain data: where they go, what they say, and that exports of
// the view on screen leave them out (they stand for patterns, they are none).
import { describe, expect, it } from "vitest";
import { MultiDirectedGraph } from "graphology";
import type { AtlasGraph, EdgeAttrs, NodeAttrs } from "../../web/src/graph/atlas-graph.ts";
import { viewExportGraph } from "../../web/src/talks/graph-export.ts";
import { addGroupNodes, groupLabel, groupNodeKey } from "../../web/src/views/neighborhood-groups.ts";
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
    addGroupNodes(graph, [group("g1", "hub", 634), group("g2", "a", 12, "enables")], "hub", new Map([["g2", 12]]), 1);
    const g1 = graph.getNodeAttributes(groupNodeKey("g1"));
    expect(Math.hypot(g1.x, g1.y)).toBeCloseTo(11.8, 5);
    expect(g1.label).toBe("+634 more · complementary");
    expect(g1.groupOpen).toBe(false);
    const g2 = graph.getNodeAttributes(groupNodeKey("g2"));
    expect(g2.x).toBeGreaterThan(10);
    expect(g2.label).toBe("− 12 of 12 shown · enables");
    expect(graph.hasEdge(`${groupNodeKey("g2")}|edge`)).toBe(true);
    expect(groupLabel({ count: 3, type: "specializes_to" }, null)).toBe("+3 more · specializes to");
  });

  it("leaves group nodes and their links out of the view's export", () => {
    const graph = ring();
    addGroupNodes(graph, [group("g1", "hub", 634)], "hub", new Map(), 1);
    const exported = viewExportGraph(graph, "Hub", "neighborhood");
    expect(exported.nodes.map((n) => n.key).sort()).toEqual(["a", "b", "hub"]);
    expect(exported.links.map((l) => l.key)).toEqual(["hub|related|a"]);
  });
});
