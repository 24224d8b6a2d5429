// The lineage view's layering: every parent drawn above its children, even when the server's
// nearest-distance levels would put a child above its parent.
import { describe, expect, it } from "vitest";
import { displayLevels, layoutLayers } from "../../web/src/layout/layered.ts";

const node = (key: string, level: number) => ({ key, level, label: key });

describe("displayLevels", () => {
  it("pushes a descendant reached by a short and a long chain below its lowest parent", () => {
    // root -> a -> b -> c and root -> c: the server puts c at level 1, beside a.
    const nodes = [node("root", 0), node("a", 1), node("b", 2), node("c", 1)];
    const edges = [
      { parent: "root", child: "a" },
      { parent: "a", child: "b" },
      { parent: "b", child: "c" },
      { parent: "root", child: "c" },
    ];
    const levels = displayLevels(nodes, edges);
    expect(Object.fromEntries(levels)).toEqual({ root: 0, a: 1, b: 2, c: 3 });
    const at = layoutLayers(nodes.map((n) => ({ ...n, level: levels.get(n.key)! })), edges);
    for (const e of edges) expect(at.get(e.parent)!.y).toBeGreaterThan(at.get(e.child)!.y);
  });

  it("lifts an ancestor above its highest child on the ancestor side", () => {
    // x is root's grandparent through p and also root's direct parent.
    const nodes = [node("root", 0), node("p", -1), node("x", -1)];
    const edges = [
      { parent: "x", child: "p" },
      { parent: "p", child: "root" },
      { parent: "x", child: "root" },
    ];
    expect(Object.fromEntries(displayLevels(nodes, edges))).toEqual({ root: 0, p: -1, x: -2 });
  });

  it("stays bounded on a lineage cycle and keeps the root at level 0", () => {
    const nodes = [node("root", 0), node("a", 1), node("b", 2)];
    const edges = [
      { parent: "root", child: "a" },
      { parent: "a", child: "b" },
      { parent: "b", child: "a" },
    ];
    const levels = displayLevels(nodes, edges);
    expect(levels.get("root")).toBe(0);
    for (const v of levels.values()) expect(Math.abs(v)).toBeLessThanOrEqual(nodes.length);
  });
});
