// The library's structure for the overview: communities of its link structure (Louvain modularity, from
// graphology-communities-louvain), because its domains do not form regions in the layout (they are mixed:
// a domain's patterns are spread over the whole picture). Each community is named by its most linked
// members, described by its leading domains and the title words that set it apart
// (overview-community-terms.ts), placed where the layout put its patterns, and counted against every
// other community it links to, so the explorer can draw regions and, for a large library, one node per
// community. Deterministic: Louvain's random walk runs on a seeded generator over a sorted graph.
import type { OverviewGraph } from "../core/model.ts";
import type { OverviewCommunity } from "../core/overview-wire.ts";
import type { Point } from "../graph/layout.ts";
import { reusedCommunities } from "./overview-communities-reuse.ts";
import { louvainOfPairs, type NumberedPairs } from "./overview-louvain.ts";
import { distinctiveTerms, readTitleTerms } from "./overview-community-terms.ts";

/** Louvain's seed: any fixed value gives the same communities on every run and every server. */
const SEED = 0x5eed;
/** Members named in a community's `top`. */
const TOP_MEMBERS = 3;
/** Leading domains sent per community (with their shares: the explorer words them). */
const MAX_DOMAINS = 2;

/** The communities as found in the link structure alone, before the layout places them. */
export interface FoundCommunities {
  /** Each community's members, most important first (the most linked within it); largest community first. */
  members: string[][];
  /** Each linked pattern's community (an index into `members`); unlinked patterns have none. */
  of: Map<string, number>;
  /** Links between two communities, counted once per pair (a < b), the most first. */
  links: { a: number; b: number; count: number }[];
}

/** mulberry32: a small seeded generator, enough for Louvain's visiting order (and a bench's sample). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bySlug = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * The communities of the overview's linked patterns. Several links between two patterns weigh as their
 * number (as in the layout); self-links and unlinked patterns take no part. `kept`: a community per
 * slug found before (the layout cache keeps them): used instead of running Louvain again when it covers
 * every linked pattern (an unchanged library: the same communities), or, with `reuse`, when it covers
 * at least `reuse.minShare` of them (a library with a few changed files: overview-communities-reuse.ts
 * places the rest). Louvain otherwise.
 */
export function findCommunities(overview: OverviewGraph, kept?: ReadonlyMap<string, number>, reuse?: { minShare: number }): FoundCommunities {
  const linkedPairs = numberedPairs(overview);
  const { linked, nodeOf, pairs } = linkedPairs;
  if (linked.length === 0) return { members: [], of: new Map(), links: [] };
  const reused = kept && reusedCommunities(linked, stringPairs(overview, nodeOf), kept, reuse?.minShare ?? 1);
  const found = reused ? Int32Array.from(linked, (slug) => reused.get(slug)!) : louvainCommunities(linked, pairs);
  return grouped(found, linkedPairs, overview);
}

/**
 * The linked patterns in slug order (a pattern's number is its place there) and their pairs, each
 * pair once (a < b) with its number of links, sorted: at ten times the 2026-02-20 library, numbers
 * sorted as numbers instead of 168,770 pairs of slugs compared (~0.3 s of CPU), and no graph.
 */
interface LinkedPairs {
  linked: string[];
  /** Each linked pattern's node (an index into the overview's nodes). */
  nodeOf: Int32Array;
  pairs: NumberedPairs;
}

function numberedPairs(overview: OverviewGraph): LinkedPairs {
  // The last node of a slug is the one a map by slug would keep.
  const nodeIndex = new Map<string, number>();
  overview.nodes.forEach((node, i) => nodeIndex.set(node.slug, i));
  const ends: number[] = [];
  const isLinked = new Uint8Array(overview.nodes.length);
  for (const { source, target } of overview.links) {
    if (source === target) continue;
    const s = nodeIndex.get(source);
    const t = nodeIndex.get(target);
    if (s === undefined || t === undefined) continue;
    ends.push(s, t);
    isLinked[s] = isLinked[t] = 1;
  }
  const nodes: number[] = [];
  isLinked.forEach((flag, i) => {
    if (flag && nodeIndex.get(overview.nodes[i]!.slug) === i) nodes.push(i);
  });
  nodes.sort((a, b) => bySlug(overview.nodes[a]!.slug, overview.nodes[b]!.slug));
  const number = new Int32Array(overview.nodes.length);
  nodes.forEach((node, i) => (number[node] = i));
  const count = nodes.length;
  const keys = new Float64Array(ends.length / 2);
  for (let i = 0; i < keys.length; i++) {
    const a = number[ends[2 * i]!]!;
    const b = number[ends[2 * i + 1]!]!;
    keys[i] = a < b ? a * count + b : b * count + a;
  }
  keys.sort();
  const a: number[] = [];
  const b: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i + 1;
    while (j < keys.length && keys[j] === keys[i]) j++;
    a.push(Math.floor(keys[i]! / count));
    b.push(keys[i]! % count);
    weight.push(j - i);
    i = j;
  }
  return {
    linked: nodes.map((node) => overview.nodes[node]!.slug),
    nodeOf: Int32Array.from(nodes),
    pairs: { a: Int32Array.from(a), b: Int32Array.from(b), weight: Float64Array.from(weight) },
  };
}

/** The pairs as reusedCommunities takes them: each link between two linked patterns, smaller slug first. */
function stringPairs(overview: OverviewGraph, nodeOf: Int32Array): [string, string][] {
  const linked = new Set<string>();
  for (const node of nodeOf) linked.add(overview.nodes[node]!.slug);
  const pairs: [string, string][] = [];
  for (const { source, target } of overview.links) {
    if (source === target || !linked.has(source) || !linked.has(target)) continue;
    pairs.push(source < target ? [source, target] : [target, source]);
  }
  return pairs;
}

/**
 * Louvain on the linked patterns, on a seeded generator over a sorted graph: the patterns in slug
 * order, the pairs in their order, each weighted by its number of links (as a graphology Graph
 * given them in that order was; overview-louvain.ts hands them over without one). A community id
 * per linked pattern.
 */
function louvainCommunities(linked: readonly string[], pairs: NumberedPairs): Int32Array {
  const found = louvainOfPairs(linked, pairs, seeded(SEED));
  return Int32Array.from(linked, (slug) => found[slug]!);
}

/**
 * The communities in the order the overview sends them: the largest first, members by their weight
 * inside their community. Sums over the pairs directly (a pair's weight is its number of links, so
 * no graph is needed): at ten times the 2026-02-20 library a graph built only for this took ~1 s.
 * `found`: a community id per linked pattern.
 */
function grouped(found: Int32Array, { linked, nodeOf, pairs }: LinkedPairs, overview: OverviewGraph): FoundCommunities {
  const members = new Map<number, number[]>();
  found.forEach((id, i) => {
    const list = members.get(id);
    if (list) list.push(i);
    else members.set(id, [i]);
  });
  // A member's weight inside its community: how strongly it holds the community together.
  const inner = new Float64Array(linked.length);
  for (let i = 0; i < pairs.a.length; i++) {
    const s = pairs.a[i]!;
    const t = pairs.b[i]!;
    if (found[s] !== found[t]) continue;
    inner[s]! += pairs.weight[i]!;
    inner[t]! += pairs.weight[i]!;
  }
  const degree = (i: number): number => overview.nodes[nodeOf[i]!]!.degree;
  // Numbers sort as their slugs do.
  const groups = [...members.values()].map((list) => list.sort((a, b) => inner[b]! - inner[a]! || degree(b) - degree(a) || a - b));
  groups.sort((a, b) => b.length - a.length || a[0]! - b[0]!);

  const group = new Int32Array(linked.length);
  groups.forEach((list, index) => {
    for (const i of list) group[i] = index;
  });
  const between = new Map<number, number>();
  for (let i = 0; i < pairs.a.length; i++) {
    const a = group[pairs.a[i]!]!;
    const b = group[pairs.b[i]!]!;
    if (a === b) continue;
    const key = Math.min(a, b) * groups.length + Math.max(a, b);
    between.set(key, (between.get(key) ?? 0) + pairs.weight[i]!);
  }
  const links = [...between]
    .map(([key, count]) => ({ a: Math.floor(key / groups.length), b: key % groups.length, count }))
    .sort((p, q) => q.count - p.count || p.a - q.a || p.b - q.b);
  const of = new Map<string, number>();
  groups.forEach((list, index) => {
    for (const i of list) of.set(linked[i]!, index);
  });
  return { members: groups.map((list) => list.map((i) => linked[i]!)), of, links };
}

/** The communities as the overview sends them: named by their members, described by their domains and title words, placed by `positions`. */
export function describeCommunities(found: FoundCommunities, overview: OverviewGraph, positions: Map<string, Point>): OverviewCommunity[] {
  const known = new Map(overview.nodes.map((n) => [n.slug as string, n] as const));
  // Measured against the linked patterns only: the unlinked ones are in no community.
  const library = readTitleTerms([...found.of.keys()].map((slug) => ({ slug, title: known.get(slug)!.title || slug })));
  return found.members.map((slugs): OverviewCommunity => {
    const points = slugs.map((slug) => positions.get(slug) ?? { x: 0, y: 0 });
    const x = points.reduce((s, p) => s + p.x, 0) / points.length;
    const y = points.reduce((s, p) => s + p.y, 0) / points.length;
    const distances = points.map((p) => Math.hypot(p.x - x, p.y - y)).sort((a, b) => a - b);
    const radius = distances[Math.min(distances.length - 1, Math.floor(distances.length * 0.75))] ?? 0;
    const counts = new Map<string, number>();
    for (const slug of slugs) {
      const domain = known.get(slug)!.domain;
      if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
    }
    const domains = [...counts]
      .sort((a, b) => b[1] - a[1] || bySlug(a[0], b[0]))
      .slice(0, MAX_DOMAINS)
      .map(([domain, n]) => ({ domain, share: Math.round((n / slugs.length) * 100) / 100 }));
    const title = (slug: string) => known.get(slug)!.title || slug;
    return { key: slugs[0]!, name: title(slugs[0]!), top: slugs.slice(0, TOP_MEMBERS).map(title), terms: distinctiveTerms(slugs, library), domains, patterns: slugs.length, x: round(x), y: round(y), radius: round(radius) };
  });
}

