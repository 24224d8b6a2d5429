// The overview layout: ForceAtlas2 positions for every pattern of a library. Deterministic (a seeded
// placement by group, then a fixed number of iterations), so the overview looks the same every time.
import forceAtlas2, { type ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import FORCE_ATLAS_2_DEFAULTS from "graphology-layout-forceatlas2/defaults.js";
import type { OverviewGraph } from "../core/model.ts";
import type { OverviewRegion } from "../core/overview-wire.ts";
import { forceAtlas2Iterator } from "./layout-iterate.ts";
import { communitySeed, isLargeLayout, LARGE_LAYOUT_ITERATIONS, largeLayoutIterations } from "./layout-large.ts";

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** ForceAtlas2 iterations; fixed so the result is repeatable. */
  iterations?: number;
  /** Barnes-Hut approximation; by default on above BARNES_HUT_MIN_NODES nodes, where it pays off. */
  barnesHut?: boolean;
  /** Iterations of a warm start (positions from an earlier layout of most of the same patterns). */
  warmIterations?: number;
  /** From how many linked patterns the layout is a large one (layout-large.ts; default LARGE_LAYOUT_NODES). */
  largeFrom?: number;
}

export interface OverviewLayout {
  /** Position per node slug. */
  positions: Map<string, Point>;
  iterations: number;
  barnesHut: boolean;
  /** Each domain's region among the linked patterns, largest first. */
  regions: OverviewRegion[];
  /** Wall time of the computation, in milliseconds. */
  ms: number;
}

export const DEFAULT_LAYOUT_ITERATIONS = 60;
/**
 * Enough for the changed patterns to find their place among the unchanged ones, which barely move:
 * MIN_WARM_ITERATIONS when nearly every pattern was placed before, one more per percent of new ones,
 * at most DEFAULT_WARM_ITERATIONS. At ten times the 2026-02-20 library an iteration costs ~0.15-0.2 s
 * of CPU, so a few changed files cost 5 iterations instead of 15.
 */
export const DEFAULT_WARM_ITERATIONS = 15;
export const MIN_WARM_ITERATIONS = 5;
const BARNES_HUT_MIN_NODES = 1000;
/** Coordinates are rounded to this many decimals: enough for drawing, and a smaller JSON answer. */
const DECIMALS = 1;

/**
 * Computes the overview layout. Pure apart from timing: the same graph always gives the same positions.
 * Multiple links between two patterns pull as one edge weighted by their number; self-links are ignored.
 * With `warm` (an earlier layout's positions by slug), patterns found there start where they were, a new
 * one at the mean of its placed neighbours, and only `warmIterations` run: a few changed files cost a
 * fraction of a full layout, and the picture stays where the reader left it. `seedGroups` (a group per
 * slug, e.g. the overview's communities) decides the seeded start instead of the domains: patterns of a
 * group start together, and end more together.
 */
export function computeOverviewLayout(overview: OverviewGraph, options: LayoutOptions = {}, warm?: Map<string, Point>, seedGroups?: ReadonlyMap<string, number>): OverviewLayout {
  const started = performance.now();
  const numberOf = new Map(overview.nodes.map((n, i) => [n.slug, i]));
  const count = overview.nodes.length;
  const linked = new Set<string>();
  // The links between each two patterns counted first, each pair added once as one weighted edge, in
  // the order of its first link: graphology's updateEdge once per link was ~0.8 s of CPU at ten times
  // the 2026-02-20 library (168,770 links), most of a warm start's work besides the iterations. A
  // pair's key is a number made of its two patterns' numbers, smaller first.
  const pairs = new Map<number, { source: string; target: string; weight: number }>();
  for (const link of overview.links) {
    const { source, target } = link;
    const a = numberOf.get(source);
    const b = numberOf.get(target);
    if (a === undefined || b === undefined || a === b) continue;
    linked.add(source);
    linked.add(target);
    const key = a < b ? a * count + b : b * count + a;
    const pair = pairs.get(key);
    if (pair) pair.weight++;
    else pairs.set(key, { source, target, weight: 1 });
  }
  // Patterns without links feel no attraction, only repulsion: left in the simulation they cost a third
  // of the time on real libraries and drift to the edge anyway. They get a ring of their own instead.
  const connected = overview.nodes.filter((n) => linked.has(n.slug));
  const isolated = overview.nodes.filter((n) => !linked.has(n.slug));
  // A very large library (layout-large.ts): a start laid out by community, and iterations within a budget.
  const large = isLargeLayout(connected.length, options.largeFrom);
  const initial = warm
    ? warmPlacement(connected, overview.links, warm)
    : large && seedGroups
      ? largeSeed(connected, overview.links, seedGroups)
      : initialPlacement({ nodes: connected, links: [] }, seedGroups);
  const newShare = warm && connected.length > 0 ? connected.filter((n) => !warm.has(n.slug)).length / connected.length : 0;
  const coldIterations = options.iterations ?? (large && seedGroups ? LARGE_LAYOUT_ITERATIONS : DEFAULT_LAYOUT_ITERATIONS);
  let iterations = warm ? (options.warmIterations ?? Math.min(DEFAULT_WARM_ITERATIONS, MIN_WARM_ITERATIONS + Math.ceil(newShare * 100))) : coldIterations;
  if (large) iterations = largeLayoutIterations(connected.length, iterations);
  const { nodes, edges, at } = forceAtlas2Matrices(connected, initial, pairs.values());
  const order = connected.length;
  const barnesHut = options.barnesHut ?? order >= BARNES_HUT_MIN_NODES;
  const settings: Required<ForceAtlas2Settings> = {
    ...FORCE_ATLAS_2_DEFAULTS,
    ...forceAtlas2.inferSettings(order),
    barnesHutOptimize: barnesHut,
    // A coarser Barnes-Hut approximation: several times faster, and invisible at overview scale.
    barnesHutTheta: 1,
    strongGravityMode: true,
    gravity: 0.3,
    scalingRatio: 10,
    edgeWeightInfluence: 0.5,
  };
  if (order > 0) {
    const iterator = forceAtlas2Iterator(settings);
    for (let i = 0; i < iterations; i++) iterator.iterate(nodes, edges);
  }
  const positions = new Map<string, Point>();
  const factor = 10 ** DECIMALS;
  const round = (p: Point): Point => ({ x: Math.round(p.x * factor) / factor, y: Math.round(p.y * factor) / factor });
  for (const node of connected) {
    const j = at.get(node.slug)!;
    positions.set(node.slug, round({ x: nodes[j]!, y: nodes[j + 1]! }));
  }
  const regions = domainRegions(connected, positions);
  for (const [slug, p] of placeIsolated(isolated, positions)) positions.set(slug, round(p));
  return { positions, iterations, barnesHut, regions, ms: performance.now() - started };
}

/** Numbers per node and per edge in ForceAtlas2's matrices (graphology-layout-forceatlas2's iterate.js). */
const PER_NODE = 10;
const PER_EDGE = 3;

/**
 * ForceAtlas2's node and edge matrices, filled as the package's entry point fills them from a graph
 * (its helpers.js graphToByteArrays: each node's position, a mass of one plus its weighted degree, a
 * size of one; each edge's two node offsets and weight), in the order a graph would hold them, so
 * that the iterations give the same positions: nodes in `nodes` order, edges in `pairs` order.
 * Building that graphology graph cost ~0.4 s of CPU at ten times the 2026-02-20 library, only for
 * the matrices to be read out of it again. `at` is each slug's offset in `nodes`.
 */
function forceAtlas2Matrices(
  nodes: OverviewGraph["nodes"],
  initial: ReadonlyMap<string, Point>,
  pairs: Iterable<{ source: string; target: string; weight: number }>,
): { nodes: Float32Array; edges: Float32Array; at: Map<string, number> } {
  const at = new Map<string, number>();
  const nodeMatrix = new Float32Array(nodes.length * PER_NODE);
  nodes.forEach((node, i) => {
    const j = i * PER_NODE;
    const p = initial.get(node.slug) ?? { x: 0, y: 0 };
    at.set(node.slug, j);
    nodeMatrix[j] = p.x;
    nodeMatrix[j + 1] = p.y;
    nodeMatrix[j + 6] = 1; // mass, plus the weighted degree below
    nodeMatrix[j + 7] = 1; // convergence
    nodeMatrix[j + 8] = 1; // size
  });
  const list = [...pairs];
  const edgeMatrix = new Float32Array(list.length * PER_EDGE);
  list.forEach(({ source, target, weight }, i) => {
    const s = at.get(source)!;
    const t = at.get(target)!;
    nodeMatrix[s + 6]! += weight;
    nodeMatrix[t + 6]! += weight;
    edgeMatrix[i * PER_EDGE] = s;
    edgeMatrix[i * PER_EDGE + 1] = t;
    edgeMatrix[i * PER_EDGE + 2] = weight;
  });
  return { nodes: nodeMatrix, edges: edgeMatrix, at };
}

/** The community seed of a large layout, with patterns of no community on the seeded start. */
function largeSeed(nodes: OverviewGraph["nodes"], links: OverviewGraph["links"], groups: ReadonlyMap<string, number>): Map<string, Point> {
  const seed = communitySeed(nodes, links, groups);
  const rest = nodes.filter((n) => !seed.has(n.slug));
  if (rest.length > 0) for (const [slug, p] of initialPlacement({ nodes: rest, links: [] })) seed.set(slug, p);
  return seed;
}

/**
 * Each domain's region: the mean position of its patterns and the distance within which three quarters
 * of them lie (a few strays should not make a region cover the map). Patterns without a domain form none.
 */
export function domainRegions(nodes: OverviewGraph["nodes"], positions: Map<string, Point>): OverviewRegion[] {
  const byDomain = new Map<string, Point[]>();
  for (const node of nodes) {
    const p = positions.get(node.slug);
    if (!node.domain || !p) continue;
    const list = byDomain.get(node.domain);
    if (list) list.push(p);
    else byDomain.set(node.domain, [p]);
  }
  const regions: OverviewRegion[] = [];
  for (const [domain, points] of byDomain) {
    const x = points.reduce((s, p) => s + p.x, 0) / points.length;
    const y = points.reduce((s, p) => s + p.y, 0) / points.length;
    const distances = points.map((p) => Math.hypot(p.x - x, p.y - y)).sort((a, b) => a - b);
    const radius = distances[Math.min(distances.length - 1, Math.floor(distances.length * 0.75))] ?? 0;
    regions.push({ domain, x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, radius: Math.round(radius * 10) / 10, patterns: points.length });
  }
  return regions.sort((a, b) => b.patterns - a.patterns || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}

/**
 * A warm start: each pattern at its earlier position; a new one at the mean of its neighbours that have
 * one (a small seeded offset so two new siblings do not coincide), or, with none, on the seeded start.
 */
function warmPlacement(nodes: OverviewGraph["nodes"], links: OverviewGraph["links"], warm: Map<string, Point>): Map<string, Point> {
  const out = new Map<string, Point>();
  for (const node of nodes) {
    const p = warm.get(node.slug);
    if (p) out.set(node.slug, p);
  }
  const sums = new Map<string, { x: number; y: number; n: number }>();
  const add = (slug: string, p: Point | undefined): void => {
    if (!p || out.has(slug)) return;
    const sum = sums.get(slug) ?? { x: 0, y: 0, n: 0 };
    sum.x += p.x;
    sum.y += p.y;
    sum.n++;
    sums.set(slug, sum);
  };
  for (const link of links) {
    add(link.source, out.get(link.target));
    add(link.target, out.get(link.source));
  }
  const seeded = initialPlacement({ nodes: nodes.filter((n) => !out.has(n.slug)), links: [] });
  const golden = Math.PI * (3 - Math.sqrt(5));
  let i = 0;
  for (const node of nodes) {
    if (out.has(node.slug)) continue;
    const sum = sums.get(node.slug);
    i++;
    if (sum) out.set(node.slug, { x: sum.x / sum.n + Math.cos(i * golden) * 2, y: sum.y / sum.n + Math.sin(i * golden) * 2 });
    else out.set(node.slug, seeded.get(node.slug) ?? { x: 0, y: 0 });
  }
  return out;
}

/**
 * Puts unlinked patterns on a band around the laid-out graph, grouped by domain in the same order as
 * the initial placement, so they stay visible without crowding the connected part.
 */
function placeIsolated(isolated: OverviewGraph["nodes"], laidOut: Map<string, Point>): Map<string, Point> {
  const out = new Map<string, Point>();
  if (isolated.length === 0) return out;
  let cx = 0;
  let cy = 0;
  for (const p of laidOut.values()) {
    cx += p.x;
    cy += p.y;
  }
  const n = laidOut.size || 1;
  cx /= n;
  cy /= n;
  // The 98th percentile distance, not the maximum: one far-flung component should not blow up the ring.
  const distances = [...laidOut.values()].map((p) => Math.hypot(p.x - cx, p.y - cy)).sort((a, b) => a - b);
  let radius = distances[Math.floor(distances.length * 0.98)] ?? 0;
  if (radius === 0) radius = Math.sqrt(isolated.length) * 10;
  const ordered = groupByDomain(isolated).flatMap((g) => g.slugs);
  // Enough rings that neighbours on a ring sit about `spacing` apart.
  const spacing = Math.max(radius / 60, 1);
  let index = 0;
  for (let ring = 0; index < ordered.length; ring++) {
    const r = radius * 1.08 + ring * spacing;
    const capacity = Math.max(1, Math.floor((2 * Math.PI * r) / spacing));
    const count = Math.min(capacity, ordered.length - index);
    for (let i = 0; i < count; i++, index++) {
      const angle = (i / count) * 2 * Math.PI;
      out.set(ordered[index]!, { x: cx + Math.cos(angle) * r, y: cy + Math.sin(angle) * r });
    }
  }
  return out;
}

/** Nodes by `groups` (a number per slug, padded so the names sort as the numbers), else by domain. */
function groupByDomain(nodes: OverviewGraph["nodes"], groups?: ReadonlyMap<string, number>): { domain: string; slugs: string[] }[] {
  const byDomain = new Map<string, string[]>();
  for (const node of nodes) {
    const group = groups?.get(node.slug);
    const domain = group !== undefined ? `\u0000${String(group).padStart(9, "0")}` : (node.domain ?? "");
    const list = byDomain.get(domain);
    if (list) list.push(node.slug);
    else byDomain.set(domain, [node.slug]);
  }
  return [...byDomain.entries()]
    .map(([domain, slugs]) => ({ domain, slugs: [...slugs].sort() }))
    .sort((a, b) => b.slugs.length - a.slugs.length || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}

/**
 * The seeded start: each group (`groups`, else each domain) gets an arc of a circle proportional to its
 * size (largest first, then by name), and its patterns sit on a sunflower spiral around that arc's
 * centre, in slug order. Grouping first means the force layout starts close to the picture it converges to.
 */
export function initialPlacement(overview: OverviewGraph, groups?: ReadonlyMap<string, number>): Map<string, Point> {
  const domains = groupByDomain(overview.nodes, groups);
  const total = overview.nodes.length || 1;
  const radius = Math.sqrt(total) * 10;
  const golden = Math.PI * (3 - Math.sqrt(5));
  const positions = new Map<string, Point>();
  let consumed = 0;
  for (const { slugs } of domains) {
    const angle = ((consumed + slugs.length / 2) / total) * 2 * Math.PI;
    consumed += slugs.length;
    const cx = Math.cos(angle) * radius;
    const cy = Math.sin(angle) * radius;
    slugs.forEach((slug, i) => {
      const r = Math.sqrt(i + 0.5) * 3;
      const theta = i * golden;
      positions.set(slug, { x: cx + Math.cos(theta) * r, y: cy + Math.sin(theta) * r });
    });
  }
  return positions;
}
