// The SVG export without a browser: a small graph under a camera becomes a well-formed SVG whose
// circles, arrow heads and <text> labels sit where sigma would draw them, with data escaped.
import { MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import type { GraphSceneOptions, SceneEdgeAttributes, SceneNodeAttributes } from "../../web/src/talks/scene.ts";
import { sceneFromGraph } from "../../web/src/talks/scene.ts";
import { createProjection, graphExtent } from "../../web/src/talks/scene-projection.ts";
import { escapeXml, graphToSvg, splitColor } from "../../web/src/talks/svg-export.ts";
import { BADGE_PLACE } from "../../web/src/graph/label-placement.ts";
import { allElements, parseXml, textOf, type XmlElement } from "./xml.ts";

type NodeAttrs = SceneNodeAttributes & { label: string };

function smallGraph() {
  const graph = new MultiDirectedGraph<NodeAttrs, SceneEdgeAttributes>();
  graph.addNode("centre", { x: 5, y: 5, size: 12, color: "#4269d0", label: "Circuit Breaker", forceLabel: true });
  graph.addNode("north", { x: 5, y: 10, size: 8, color: "#efb118", label: "Retry with Backoff" });
  graph.addNode("east", { x: 10, y: 5, size: 8, color: "#ff725c", label: "Bulkhead" });
  graph.addNode("corner", { x: 0, y: 0, size: 3, color: "#6cc5b0", label: "Tiny Corner" });
  graph.addNode("evil", { x: 0, y: 10, size: 8, color: "#3ca951", label: 'A & <b>"B"</b> </text><script>alert(1)</script>' });
  graph.addDirectedEdgeWithKey("centre|enables|north", "centre", "north", { size: 2, color: "#16a34a", type: "arrow" });
  graph.addDirectedEdgeWithKey("centre|related|east", "centre", "east", { size: 2, color: "rgba(100,116,139,0.5)", type: "straight" });
  graph.addDirectedEdgeWithKey("east|requires|centre", "east", "centre", { size: 2, color: "#ea580c", type: "curvedArrow", curvature: 0.3 });
  graph.addDirectedEdgeWithKey("centre|tools|corner", "centre", "corner", { size: 2, color: "#ca8a04", type: "straight", hidden: true });
  return graph;
}

const OPTIONS: GraphSceneOptions = {
  width: 400,
  height: 400,
  padding: 20,
  camera: { x: 0.5, y: 0.5, ratio: 1 },
  title: "Neighbourhood of Circuit Breaker",
  colors: { background: "#f6f7f9", label: "#1b1e24", labelHalo: "rgba(246,247,249,0.92)", accent: "#4f46e5", hoverBox: "#ffffff", hoverBorder: "rgba(15,23,42,0.16)" },
  labels: { visible: true, font: '"Inter", system-ui, sans-serif', size: 13, weight: "500", placement: "right", threshold: 6 },
};

const byAttr = (root: XmlElement, name: string, attr: string) =>
  new Map(allElements(root).filter((e) => e.name === name && e.attributes[attr] !== undefined).map((e) => [e.attributes[attr]!, e]));

const labelTexts = (root: XmlElement) =>
  allElements(root)
    .filter((e) => e.name === "text" && e.attributes.class === "label")
    .map(textOf);

describe("the SVG export", () => {
  it("writes a well-formed SVG document with the viewport size, a title and the theme background", () => {
    const svg = parseXml(graphToSvg(smallGraph(), OPTIONS));
    expect(svg.name).toBe("svg");
    expect(svg.attributes).toMatchObject({ xmlns: "http://www.w3.org/2000/svg", width: "400", height: "400", viewBox: "0 0 400 400" });
    expect(textOf(allElements(svg).find((e) => e.name === "title")!)).toBe("Neighbourhood of Circuit Breaker");
    const background = allElements(svg).find((e) => e.attributes.class === "background");
    expect(background?.attributes.fill).toBe("#f6f7f9");
  });

  it("draws one circle per visible node, in its colour, where sigma's camera puts it", () => {
    const circles = byAttr(parseXml(graphToSvg(smallGraph(), OPTIONS)), "circle", "data-node");
    expect([...circles.keys()].sort()).toEqual(["centre", "corner", "east", "evil", "north"]);
    // A square graph in a square stage: the extent fills the stage minus the padding, y pointing up.
    expect(circles.get("centre")!.attributes).toMatchObject({ cx: "200", cy: "200", r: "12", fill: "#4269d0" });
    expect(circles.get("east")!.attributes).toMatchObject({ cx: "380", cy: "200" });
    expect(circles.get("north")!.attributes).toMatchObject({ cx: "200", cy: "20" });
    expect(circles.get("corner")!.attributes).toMatchObject({ cx: "20", cy: "380" });
  });

  it("keeps the labels as text, escaped, for the nodes whose labels are drawn", () => {
    const source = graphToSvg(smallGraph(), OPTIONS);
    expect(source).not.toContain("<script>");
    const texts = labelTexts(parseXml(source));
    expect(texts).toContain("Circuit Breaker");
    expect(texts).toContain("Retry with Backoff");
    expect(texts).toContain("Bulkhead");
    // Labels longer than 42 characters are cut as on the canvas; the rest is the same text.
    expect(texts.some((t) => t.startsWith('A & <b>"B"</b> </text><script>'))).toBe(true);
    // Below the rendered-size threshold and not forced: no label, as on screen.
    expect(texts).not.toContain("Tiny Corner");
  });

  it("draws a head on directed links, touching the target's circle, and none on symmetric ones", () => {
    const svg = parseXml(graphToSvg(smallGraph(), OPTIONS));
    const heads = byAttr(svg, "polygon", "data-edge-head");
    expect([...heads.keys()].sort()).toEqual(["centre|enables|north", "east|requires|centre"]);
    const [tipX, tipY] = heads.get("centre|enables|north")!.attributes.points!.split(" ")[0]!.split(",").map(Number);
    // north is at (200, 20) with radius 8: the tip is on its rim, below it.
    expect(tipX).toBeCloseTo(200, 1);
    expect(tipY).toBeCloseTo(28, 1);
    const paths = byAttr(svg, "path", "data-edge");
    expect(paths.get("east|requires|centre")!.attributes.d).toMatch(/^M[\d.]+ [\d.]+ Q/);
    expect(paths.get("centre|related|east")!.attributes.d).toMatch(/^M200 200 L380 200$/);
  });

  it("draws sigma's line program as hairlines and thin links at sigma's minimum thickness", () => {
    const graph = smallGraph();
    graph.mergeEdgeAttributes("centre|related|east", { type: "line", size: 5 });
    graph.mergeEdgeAttributes("centre|enables|north", { size: 0.5 });
    const paths = byAttr(parseXml(graphToSvg(graph, OPTIONS)), "path", "data-edge");
    expect(paths.get("centre|related|east")!.attributes["stroke-width"]).toBe("1");
    expect(paths.get("centre|enables|north")!.attributes["stroke-width"]).toBe("1.7");
  });

  it("writes rgba colours as an opaque colour plus an opacity, which slide tools understand", () => {
    const paths = byAttr(parseXml(graphToSvg(smallGraph(), OPTIONS)), "path", "data-edge");
    expect(paths.get("centre|related|east")!.attributes).toMatchObject({ stroke: "#64748b", "stroke-opacity": "0.5" });
    expect(splitColor("#abcdef")).toEqual({ color: "#abcdef", opacity: 1 });
  });

  it("leaves out hidden links and whatever the camera has moved off screen", () => {
    const zoomed = graphToSvg(smallGraph(), { ...OPTIONS, camera: { x: 0.5, y: 0.5, ratio: 0.25 } });
    const svg = parseXml(zoomed);
    const circles = byAttr(svg, "circle", "data-node");
    expect([...circles.keys()]).toEqual(["centre"]);
    expect(byAttr(svg, "path", "data-edge").has("centre|tools|corner")).toBe(false);
    // Zooming in by 4 doubles node sizes (sigma scales sizes by the square root of the zoom).
    expect(Number(circles.get("centre")!.attributes.r)).toBeCloseTo(24, 5);
    const everything = parseXml(graphToSvg(smallGraph(), { ...OPTIONS, camera: { x: 0.5, y: 0.5, ratio: 0.25 }, includeOffscreen: true }));
    expect(byAttr(everything, "circle", "data-node").size).toBe(5);
  });

  it("follows the camera: centring on a node puts it in the middle of the image", () => {
    const graph = smallGraph();
    const extent = graphExtent([...graph.nodes()].map((n) => graph.getNodeAttributes(n)));
    // "east" at graph x=10 normalises to framed x=1, y=0.5.
    const projection = createProjection(extent, { x: 1, y: 0.5, ratio: 1 }, { width: 400, height: 400, padding: 20 });
    expect(projection.toViewport({ x: 10, y: 5 })).toEqual({ x: 200, y: 200 });
    const circles = byAttr(parseXml(graphToSvg(graph, { ...OPTIONS, camera: { x: 1, y: 0.5, ratio: 1 } })), "circle", "data-node");
    expect(circles.get("east")!.attributes).toMatchObject({ cx: "200", cy: "200" });
  });

  it("draws the selection ring and boxed label of a highlighted node", () => {
    const graph = smallGraph();
    graph.setNodeAttribute("east", "highlighted", true);
    const svg = parseXml(graphToSvg(graph, OPTIONS));
    const highlight = byAttr(svg, "g", "data-highlight").get("east");
    expect(highlight).toBeDefined();
    const ring = highlight!.children.find((c): c is XmlElement => typeof c !== "string" && c.name === "circle");
    expect(ring?.attributes).toMatchObject({ r: "11", stroke: "#4f46e5", fill: "none" });
    expect(textOf(highlight!)).toBe("Bulkhead");
    // The boxed label replaces the plain one: each label is written once.
    expect(labelTexts(svg).filter((t) => t === "Bulkhead")).toHaveLength(1);
  });

  it("centres wrapped labels below the nodes in the layered views", () => {
    const svg = parseXml(graphToSvg(smallGraph(), { ...OPTIONS, labels: { ...OPTIONS.labels, placement: "below" } }));
    const group = byAttr(svg, "g", "data-label").get("north")!;
    const lines = group.children.filter((c): c is XmlElement => typeof c !== "string" && c.attributes.class === "label");
    expect(lines.map(textOf)).toEqual(["Retry with", "Backoff"]);
    expect(lines.every((l) => l.attributes["text-anchor"] === "middle" && l.attributes.x === "200")).toBe(true);
  });

  it("draws a label on the side the placement kept it on: left of, above or below its node", () => {
    // Places as the label placement numbers them (graph/labels.ts labelPlace): right, left, above, below.
    const drawnLabels = new Map([["centre", 0], ["east", 1], ["north", 3], ["evil", 2]]);
    const svg = parseXml(graphToSvg(smallGraph(), { ...OPTIONS, drawnLabels }));
    const groups = byAttr(svg, "g", "data-label");
    const at = (key: string) => groups.get(key)!.children.find((c): c is XmlElement => typeof c !== "string" && c.attributes.class === "label")!.attributes;
    // centre (200, 200) r 12: right of it; east (380, 200) r 8: ending 4px left of its disc.
    expect(at("centre")).toMatchObject({ x: "216" });
    expect(at("centre")["text-anchor"]).toBeUndefined();
    expect(at("east")).toMatchObject({ x: "368", "text-anchor": "end" });
    // north (200, 20) r 8: centred below; evil (20, 20) r 8: centred above.
    expect(at("north")).toMatchObject({ x: "200", "text-anchor": "middle" });
    expect(Number(at("north").y)).toBeGreaterThan(28);
    expect(at("evil")).toMatchObject({ x: "20", "text-anchor": "middle" });
    expect(Number(at("evil").y)).toBeLessThan(12);
    // Only the labels the placement kept are drawn.
    expect(groups.has("corner")).toBe(false);
  });

  it("writes a layered label hanging from or beside its node where the screen kept it there", () => {
    // Places as graph/labels.ts layeredPlace numbers them: 8 hangs right below, 11 hangs left on the
    // other side (above), 12 is beside the node on its right, 13 on its left.
    const drawnLabels = new Map([["north", 8], ["centre", 11], ["east", 13], ["evil", 12]]);
    const svg = parseXml(graphToSvg(smallGraph(), { ...OPTIONS, labels: { ...OPTIONS.labels, placement: "below" }, drawnLabels }));
    const groups = byAttr(svg, "g", "data-label");
    const lines = (key: string) => groups.get(key)!.children.filter((c): c is XmlElement => typeof c !== "string" && c.attributes.class === "label").map((l) => l.attributes);
    // north (200, 20) r 8: its lines start under its centre, below it.
    expect(lines("north").every((l) => l.x === "200" && l["text-anchor"] === undefined && Number(l.y) > 28)).toBe(true);
    // centre (200, 200) r 12: its lines end at its centre, above it.
    expect(lines("centre").every((l) => l.x === "200" && l["text-anchor"] === "end" && Number(l.y) < 188)).toBe(true);
    // east (380, 200) r 8: ending 6px left of its disc, on its height; evil (20, 20) r 8: starting 6px right of it.
    expect(lines("east")).toEqual([expect.objectContaining({ x: "366", "text-anchor": "end" })]);
    expect(Math.abs(Number(lines("east")[0]!.y) - 204)).toBeLessThan(1);
    expect(lines("evil").every((l) => l.x === "34" && l["text-anchor"] === undefined)).toBe(true);
    const ys = lines("evil").map((l) => Number(l.y));
    expect(Math.min(...ys)).toBeLessThan(20);
    expect(Math.max(...ys)).toBeGreaterThan(20);
  });

  it("writes a group's count inside its dot where the screen kept the badge, and no label beside it", () => {
    const graph = smallGraph();
    graph.mergeNodeAttributes("east", { badge: "+12", color: "#efb118" });
    graph.mergeNodeAttributes("north", { badge: "+3", color: "#1f2937" });
    const drawnLabels = new Map([["centre", 0], ["east", BADGE_PLACE], ["north", BADGE_PLACE]]);
    const svg = parseXml(graphToSvg(graph, { ...OPTIONS, drawnLabels }));
    expect(byAttr(svg, "g", "data-label").has("east")).toBe(false);
    const badges = byAttr(svg, "text", "data-badge");
    // east (380, 200) r 8: centred on its dot, dark on a light dot; north's light on a dark one.
    expect(badges.get("east")!.attributes).toMatchObject({ x: "380", "text-anchor": "middle", fill: "#111827" });
    expect(Math.abs(Number(badges.get("east")!.attributes.y) - 200)).toBeLessThan(5);
    expect(textOf(badges.get("east")!)).toBe("+12");
    expect(badges.get("north")!.attributes.fill).toBe("#ffffff");
    expect(labelTexts(svg)).not.toContain("Bulkhead");
  });

  it("omits the background for a transparent export and every label when labels are off", () => {
    const svg = parseXml(
      graphToSvg(smallGraph(), { ...OPTIONS, colors: { ...OPTIONS.colors, background: null }, labels: { ...OPTIONS.labels, visible: false } }),
    );
    expect(allElements(svg).some((e) => e.attributes.class === "background")).toBe(false);
    expect(labelTexts(svg)).toEqual([]);
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });

  it("matches a scene built from the same graph: every drawn node has its label lines", () => {
    const scene = sceneFromGraph(smallGraph(), OPTIONS);
    const centre = scene.nodes.find((n) => n.key === "centre")!;
    expect(centre.label).toEqual(["Circuit Breaker"]);
    expect(scene.edges.find((e) => e.key === "centre|enables|north")!.arrow).not.toBeNull();
  });
});
