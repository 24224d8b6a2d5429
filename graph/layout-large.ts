// The overview layout of a very large library (over LARGE_LAYOUT_NODES linked patterns): ForceAtlas2's
// cost per iteration grows faster than the patterns (30 s of CPU for 60 iterations at thirty times the
// 2026-02-20 library, ~2.3 s an iteration expected at a hundred times), so the iterations are bounded
// by a budget of node-iterations, and the start they refine is laid out first at the level of the
// communities (a few thousand nodes: a second), each community's members around its place. Below the
// size nothing changes: the layouts of the real library and of ten times it stay as they were.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { OverviewGraph } from "../core/model.ts";

interface Point {
  x: number;
  y: number;
}

/** From this many linked patterns on, the layout is bounded (below it, every layout is as before). */
export const LARGE_LAYOUT_NODES = 100_000;
/** Node-iterations a large layout may spend: 60 iterations of 100,000 patterns (so the bound starts where the size does). */
const NODE_ITERATIONS = 60 * 100_000;
/** A large layout's iterations never go below this: fewer leave the seeded start visibly untouched. */
const MIN_ITERATIONS = 12;
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
  const ids = [...members.keys()].sort((a, b) => a - b);
  const total = nodes.length || 1;
  const radius = Math.sqrt(total) * 10;
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  // On a circle, largest first (group numbers are the communities' order: largest first).
  ids.forEach((id, i) => {
    const angle = (i / ids.length) * 2 * Math.PI;
    graph.addNode(String(id), { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius, size: Math.sqrt(members.get(id)!.length) });
  });
  for (const link of links) {
    const a = groups.get(link.source);
    const b = groups.get(link.target);
    if (a === undefined || b === undefined || a === b) continue;
    graph.updateEdge(String(Math.min(a, b)), String(Math.max(a, b)), (attrs: { weight?: number }) => ({ weight: (attrs.weight ?? 0) + 1 }));
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
  for (const id of ids) {
    const centre = centres[String(id)] ?? { x: 0, y: 0 };
    const slugs = members.get(id)!.sort();
    slugs.forEach((slug, i) => {
      const r = Math.sqrt(i + 0.5) * 3;
      const theta = i * golden;
      positions.set(slug, { x: centre.x * scale + Math.cos(theta) * r, y: centre.y * scale + Math.sin(theta) * r });
    });
  }
  return positions;
}
