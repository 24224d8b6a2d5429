// The overview layout of a large library (from LARGE_LAYOUT_NODES linked patterns): the start the
// iterations refine is laid out first at the level of the communities (a few hundred or thousand
// nodes: well under a second), each community's members around its place, so fewer iterations reach
// the picture 60 reach from the seeded circle (LARGE_LAYOUT_ITERATIONS; at ten times the 2026-02-20
// library ~2 s of CPU less on a cold start). ForceAtlas2's cost per iteration grows faster than the
// patterns (30 s of CPU for 60 iterations at thirty times the library, ~2.3 s an iteration expected at
// a hundred times), so from BUDGET_NODES on the iterations are bounded by a budget of node-iterations
// too. Below LARGE_LAYOUT_NODES nothing changes: the real library's layout stays as it was.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { OverviewGraph } from "../core/model.ts";

interface Point {
  x: number;
  y: number;
}

/** From this many linked patterns on, the layout starts from the community seed (below it, every layout is as before). */
export const LARGE_LAYOUT_NODES = 10_000;
/** A large layout's iterations from the community seed when none are asked for (the seeded circle's: 60). */
export const LARGE_LAYOUT_ITERATIONS = 40;
/** From this many linked patterns on, a budget of node-iterations bounds the iterations. */
const BUDGET_NODES = 100_000;
/** Node-iterations a layout of BUDGET_NODES or more may spend: 60 iterations of BUDGET_NODES (so the bound starts where the size does). */
const NODE_ITERATIONS = 60 * BUDGET_NODES;
/** A large layout's iterations never go below this: fewer leave the seeded start visibly untouched. */
const MIN_ITERATIONS = 12;
/** Between two islands' centres on the islands' sunflower: about a 5-pattern island's width (3 per pattern's sunflower step). */
const ISLAND_SPACING = 10;
/** Iterations of the communities' own layout (a few thousand nodes: cheap). */
const COMMUNITY_ITERATIONS = 100;

/** Whether a layout of `linked` linked patterns is a large one. */
export const isLargeLayout = (linked: number, from = LARGE_LAYOUT_NODES): boolean => linked >= from;

/** The iterations of a large layout of `linked` patterns: within the budget, at least MIN_ITERATIONS, at most `wanted`. */
export function largeLayoutIterations(linked: number, wanted: number): number {
  return Math.min(wanted, Math.max(MIN_ITERATIONS, Math.floor(NODE_ITERATIONS / Math.max(1, linked))));
}

/**
 * A start for a large layout: the communities (`groups`, a number per slug) laid out as one node each,
 * linked as often as their patterns are, then each community's patterns on a sunflower spiral around
 * its place, in slug order. Deterministic: a fixed start and a fixed number of iterations. Patterns of
 * no group are left out (the caller places them).
 */
export function communitySeed(nodes: OverviewGraph["nodes"], links: OverviewGraph["links"], groups: ReadonlyMap<string, number>): Map<string, Point> {
  const members = new Map<number, string[]>();
  for (const node of nodes) {
    const group = groups.get(node.slug);
    if (group === undefined) continue;
    const list = members.get(group);
    if (list) list.push(node.slug);
    else members.set(group, [node.slug]);
  }
  const between = new Map<string, number>();
  const linkedOut = new Set<number>();
  for (const link of links) {
    const a = groups.get(link.source);
    const b = groups.get(link.target);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    between.set(key, (between.get(key) ?? 0) + 1);
    linkedOut.add(a).add(b);
  }
  const all = [...members.keys()].sort((a, b) => a - b);
  // Islands: communities linked to no other (a component of their own: 592 of the 626 communities
  // of ten times the 2026-02-20 library, of 2-5 patterns). Each alone in the communities' layout,
  // they were pushed out by the linked ones onto a ring around the picture; together as one node
  // they end in one place at its edge, out of the way, as the seeded circle's start left them.
  const islands = linkedOut.size > 0 ? all.filter((id) => !linkedOut.has(id)) : [];
  const ids = islands.length > 0 ? all.filter((id) => linkedOut.has(id)) : all;
  const ISLANDS = "islands";
  const total = nodes.length || 1;
  const radius = Math.sqrt(total) * 10;
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  // On a circle, largest first (group numbers are the communities' order: largest first), the islands last.
  const keys = [...ids.map(String), ...(islands.length > 0 ? [ISLANDS] : [])];
  const islandPatterns = islands.reduce((sum, id) => sum + members.get(id)!.length, 0);
  keys.forEach((key, i) => {
    const angle = (i / keys.length) * 2 * Math.PI;
    const size = Math.sqrt(key === ISLANDS ? islandPatterns : members.get(Number(key))!.length);
    graph.addNode(key, { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius, size });
  });
  for (const [key, weight] of [...between].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const [a, b] = key.split(" ");
    graph.addEdge(a!, b!, { weight });
  }
  const centres: Record<string, Point> =
    graph.order > 1
      ? forceAtlas2(graph, {
          iterations: COMMUNITY_ITERATIONS,
          getEdgeWeight: "weight",
          settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order >= 1000, strongGravityMode: true, gravity: 0.3, scalingRatio: 10, edgeWeightInfluence: 0.5 },
        })
      : Object.fromEntries(graph.mapNodes((key, attrs): [string, Point] => [key, { x: attrs.x as number, y: attrs.y as number }]));
  // Scaled so that the communities spread over the disc a seeded start would cover.
  let spread = 0;
  for (const p of Object.values(centres)) spread = Math.max(spread, Math.hypot(p.x, p.y));
  const scale = spread > 0 ? radius / spread : 1;
  const golden = Math.PI * (3 - Math.sqrt(5));
  const positions = new Map<string, Point>();
  const sunflower = (slugs: string[], cx: number, cy: number): void =>
    slugs.sort().forEach((slug, i) => {
      const r = Math.sqrt(i + 0.5) * 3;
      const theta = i * golden;
      positions.set(slug, { x: cx + Math.cos(theta) * r, y: cy + Math.sin(theta) * r });
    });
  for (const id of ids) {
    const centre = centres[String(id)] ?? { x: 0, y: 0 };
    sunflower(members.get(id)!, centre.x * scale, centre.y * scale);
  }
  // Each island on a sunflower of its own around a point of a wider sunflower at the islands' place.
  const place = centres[ISLANDS] ?? { x: 0, y: 0 };
  islands.forEach((id, i) => {
    const r = Math.sqrt(i + 0.5) * ISLAND_SPACING;
    const theta = i * golden;
    sunflower(members.get(id)!, place.x * scale + Math.cos(theta) * r, place.y * scale + Math.sin(theta) * r);
  });
  return positions;
}
