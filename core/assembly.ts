// The rules that shape an answer from what a store fetched, written once for both stores (the memory
// store reads a graphology graph, the Neo4j store Cypher rows; both hand the same facts to these):
// a pattern's link ends grouped by type, counts in their stable key order, lineage levels.
import type { LineageNode, LinkEnd, NodeView, Slug } from "./model.ts";
import { compareStrings } from "./order.ts";

/** What a link end takes from the declaration it stands for. */
export interface DeclaredEnd {
  type: string;
  declaredIn: string;
  weight?: number;
  description?: string;
}

/** One end of a link as the side panel shows it; optional fields are left out rather than undefined. */
export function linkEnd(slug: string, title: string, dangling: boolean, from: DeclaredEnd): LinkEnd {
  const end: LinkEnd = { slug: slug as Slug, title, type: from.type, declaredIn: from.declaredIn, dangling };
  if (from.weight !== undefined) end.weight = from.weight;
  if (from.description !== undefined) end.description = from.description;
  return end;
}

/** A pattern's link ends by type, types in name order, each list by far end then declaring file. Sorts `ends` in place. */
export function groupLinkEnds(ends: LinkEnd[]): Record<string, LinkEnd[]> {
  const groups: Record<string, LinkEnd[]> = {};
  ends.sort((a, b) => compareStrings(a.type, b.type) || compareStrings(a.slug, b.slug) || compareStrings(a.declaredIn, b.declaredIn));
  for (const end of ends) (groups[end.type] ??= []).push(end);
  return groups;
}

/**
 * Counts per key in a stable key order: `preferred` keys first in their order, then the others
 * sorted. Only keys that occur are present (no null keys, no zero entries).
 */
export function orderedCounts(counts: Iterable<readonly [string | null, number]>, preferred: readonly string[] = []): Record<string, number> {
  const rank = (k: string): number => {
    const i = preferred.indexOf(k);
    return i === -1 ? preferred.length : i;
  };
  const present = [...counts].filter((c): c is readonly [string, number] => c[0] !== null && c[1] > 0);
  present.sort(([a], [b]) => rank(a) - rank(b) || compareStrings(a, b));
  const out: Record<string, number> = {};
  for (const [key, n] of present) out[key] = n;
  return out;
}

/**
 * The levels of a lineage from its two breadth-first walks, each one level further than `depth`
 * (level 1.. of every pattern reached, the root left out): the root at 0, ancestors at -1..-depth,
 * descendants at 1..depth. A pattern that is both (a lineage cycle) appears once, at the level
 * nearest the root; on a tie, as the ancestor. `truncated`: a pattern one level beyond `depth`
 * either way that is not in the lineage (so a cycle that closes within `depth` does not count).
 */
export function lineageLevels(
  root: string,
  up: ReadonlyMap<string, number>,
  down: ReadonlyMap<string, number>,
  depth: number,
): { levels: Map<string, number>; truncated: boolean } {
  const levels = new Map<string, number>([[root, 0]]);
  for (const [slug, d] of up) if (d <= depth) levels.set(slug, -d);
  for (const [slug, d] of down) {
    if (d > depth) continue;
    const asAncestor = levels.get(slug);
    if (asAncestor === undefined || -asAncestor > d) levels.set(slug, d);
  }
  const truncated = [...up, ...down].some(([slug, d]) => d > depth && !levels.has(slug));
  return { levels, truncated };
}

/** A lineage's nodes: each pattern's view with its level, sorted by level then slug. */
export function lineageNodes(levels: ReadonlyMap<string, number>, view: (slug: string) => NodeView): LineageNode[] {
  return [...levels].map(([slug, level]) => ({ ...view(slug), level })).sort((a, b) => a.level - b.level || compareStrings(a.slug, b.slug));
}
