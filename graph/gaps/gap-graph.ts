// Graph structure for the gap analysis, built once from a Library: who links to whom (as declared and
// as an undirected neighbour relation), the lineage as parent -> child, components and cycles.
import type { Library, Link, Pattern, Slug } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import { NO_DOMAIN } from "../../core/gaps.ts";

/** The sorted distinct domains of some patterns, NO_DOMAIN standing for a pattern without one. */
export function domainsOf(patterns: readonly (Pattern | undefined)[]): string[] {
  const set = new Set<string>();
  for (const p of patterns) if (p) set.add(p.domain || NO_DOMAIN);
  return [...set].sort(compareStrings);
}

/** `${source}|${type}|${target}`: a link's linkKey (core/answers.ts) from its three parts. */
export const linkKey = (source: string, type: string, target: string): string => `${source}|${type}|${target}`;

/** An unordered pair key (smaller slug first). */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export interface LineageEdge {
  parent: Slug;
  child: Slug;
  /** The declared links stating this edge (on the child as generalizes_from, on the parent as specializes_to). */
  declared: Link[];
}

export interface GapGraph {
  library: Library;
  patterns: Pattern[];
  bySlug: Map<string, Pattern>;
  /** How many patterns carry each id: an id carried twice cannot be written as a target. */
  idCount: Map<string, number>;
  /** Every resolved link by its key. */
  linkByKey: Map<string, Link>;
  /** Distinct neighbours in either direction, self-links excluded. */
  neighbours: Map<string, Set<string>>;
  /** Resolved links between two distinct patterns, by unordered pair. */
  linksByPair: Map<string, Link[]>;
  /** Lineage edges parent -> child, keyed by `${parent}|${child}`. */
  lineage: Map<string, LineageEdge>;
  /** Children per parent in the lineage. */
  children: Map<string, string[]>;
}

export function buildGapGraph(library: Library): GapGraph {
  const patterns = [...library.patterns].sort((a, b) => compareStrings(a.slug, b.slug));
  const bySlug = new Map<string, Pattern>();
  const idCount = new Map<string, number>();
  const neighbours = new Map<string, Set<string>>();
  for (const p of patterns) {
    bySlug.set(p.slug, p);
    neighbours.set(p.slug, new Set());
    if (p.id) idCount.set(p.id, (idCount.get(p.id) ?? 0) + 1);
  }
  const linkByKey = new Map<string, Link>();
  const linksByPair = new Map<string, Link[]>();
  const lineage = new Map<string, LineageEdge>();
  const links = [...library.links].sort(compareLinks);
  for (const l of links) {
    linkByKey.set(linkKey(l.source, l.type, l.target), l);
    if (l.source === l.target) continue;
    if (!bySlug.has(l.source) || !bySlug.has(l.target)) continue;
    neighbours.get(l.source)!.add(l.target);
    neighbours.get(l.target)!.add(l.source);
    const pk = pairKey(l.source, l.target);
    const list = linksByPair.get(pk);
    if (list) list.push(l);
    else linksByPair.set(pk, [l]);
    const edge = lineageEdgeOf(l);
    if (edge) {
      const k = `${edge.parent}|${edge.child}`;
      const existing = lineage.get(k);
      if (existing) existing.declared.push(l);
      else lineage.set(k, { ...edge, declared: [l] });
    }
  }
  const children = new Map<string, string[]>();
  for (const e of lineage.values()) {
    const list = children.get(e.parent);
    if (list) list.push(e.child);
    else children.set(e.parent, [e.child]);
  }
  for (const list of children.values()) list.sort(compareStrings);
  return { library, patterns, bySlug, idCount, linkByKey, neighbours, linksByPair, lineage, children };
}

/** Parent and child of a lineage link, or undefined for other types. */
export function lineageEdgeOf(l: Pick<Link, "source" | "type" | "target">): { parent: Slug; child: Slug } | undefined {
  if (l.type === "generalizes_from") return { parent: l.target, child: l.source };
  if (l.type === "specializes_to") return { parent: l.source, child: l.target };
  return undefined;
}

type LinkLike = { source: string; type: string; target: string };

/** Links in a stable order: source, type, target. */
export function compareLinks(a: LinkLike, b: LinkLike): number {
  return compareStrings(a.source, b.source) || compareStrings(a.type, b.type) || compareStrings(a.target, b.target);
}

/** Connected components over the undirected neighbour relation, each sorted, in order of their smallest slug. */
export function connectedComponents(g: GapGraph): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const p of g.patterns) {
    if (seen.has(p.slug)) continue;
    const comp: string[] = [];
    const stack: string[] = [p.slug];
    seen.add(p.slug);
    while (stack.length) {
      const s = stack.pop()!;
      comp.push(s);
      for (const n of g.neighbours.get(s) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    comp.sort(compareStrings);
    out.push(comp);
  }
  return out;
}

/** True for a parent -> child edge a traversal should ignore. */
export type EdgeFilter = (parent: string, child: string) => boolean;

/**
 * Strongly connected components of the lineage (parent -> child) with more than one pattern: every
 * such component contains a loop. Iterative Tarjan, so deep lineages cannot overflow the stack.
 */
export function lineageLoops(g: GapGraph, skip: EdgeFilter = () => false): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const p of g.patterns) {
    if (index.has(p.slug)) continue;
    const work: { node: string; next: number }[] = [{ node: p.slug, next: 0 }];
    index.set(p.slug, counter);
    low.set(p.slug, counter++);
    stack.push(p.slug);
    onStack.add(p.slug);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const kids = g.children.get(frame.node) ?? [];
      if (frame.next < kids.length) {
        const k = kids[frame.next++]!;
        if (skip(frame.node, k)) continue;
        if (!index.has(k)) {
          index.set(k, counter);
          low.set(k, counter++);
          stack.push(k);
          onStack.add(k);
          work.push({ node: k, next: 0 });
        } else if (onStack.has(k)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(k)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const comp: string[] = [];
        let s: string;
        do {
          s = stack.pop()!;
          onStack.delete(s);
          comp.push(s);
        } while (s !== frame.node);
        if (comp.length > 1) out.push(comp.sort(compareStrings));
      }
    }
  }
  return out.sort((a, b) => compareStrings(a[0]!, b[0]!));
}

/** A shortest loop through `start` inside `members` following parent -> child edges (BFS), start repeated at the end. */
export function shortestLoopThrough(
  g: GapGraph,
  start: string,
  members: ReadonlySet<string>,
  skip: EdgeFilter = () => false,
): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const s = queue.shift()!;
    for (const k of g.children.get(s) ?? []) {
      if (!members.has(k) || skip(s, k)) continue;
      if (k === start) {
        const path = [s];
        let cur = s;
        while (cur !== start) {
          cur = prev.get(cur)!;
          path.push(cur);
        }
        return [...path.reverse(), start];
      }
      if (!seen.has(k)) {
        seen.add(k);
        prev.set(k, s);
        queue.push(k);
      }
    }
  }
  return [start];
}

export interface AdamicAdarPair {
  a: string;
  b: string;
  score: number;
  /** The score over the geometric mean of each one's own (what it would score with itself). */
  normalised: number;
}

/**
 * The neighbours two patterns share that count in their Adamic-Adar score (hubs excluded), sorted:
 * asked only for the pairs a report shows (at ten times the library ~230,000 pairs qualify).
 */
export function sharedNeighbours(g: GapGraph, a: string, b: string, maxHubDegree: number): string[] {
  const nb = g.neighbours.get(b)!;
  return [...g.neighbours.get(a)!].filter((w) => {
    const d = g.neighbours.get(w)!.size;
    return nb.has(w) && d >= 2 && d <= maxHubDegree;
  }).sort(compareStrings);
}

/**
 * The pairs `adamicAdarPairs` finds, in flat arrays: pattern indexes into `g.patterns` (a before b),
 * ordered by a then b, so that pattern a's pairs are `start[a]` to `start[a + 1]`.
 */
export interface AdamicAdarPairs {
  size: number;
  a: Int32Array;
  b: Int32Array;
  score: Float64Array;
  normalised: Float64Array;
  start: Int32Array;
  /** The pair's position, or -1 (a before b). */
  find(a: number, b: number): number;
}

/**
 * Adamic–Adar index of every unlinked pair with at least `minShared` common neighbours:
 * sum over common neighbours w of 1 / ln(degree(w)). Neighbours with a degree above `maxHubDegree`
 * are skipped: a hub linked to half the library says little about any two of its neighbours.
 * `normalised` divides by the geometric mean of both ends' own sums (1 when their neighbourhoods
 * coincide), so two hubs do not outrank two small patterns that share everything they have.
 * Pattern by pattern (a), its neighbours' later neighbours (b) are summed in one reused dense array,
 * in the order of w as before: no map of pairs (at a hundred times the library ~2 million pairs,
 * keyed by numbers past 2^31, were most of this step and of its memory).
 */
export function adamicAdarPairs(g: GapGraph, minShared: number, maxHubDegree: number): AdamicAdarPairs {
  const slugs: string[] = g.patterns.map((p) => p.slug);
  const position = new Map(slugs.map((s, i) => [s, i]));
  const n = slugs.length;
  const weight = (d: number) => (d < 2 || d > maxHubDegree ? 0 : 1 / Math.log(d));
  const adjacency: Int32Array[] = slugs.map((s) => {
    const list = new Int32Array(g.neighbours.get(s)!.size);
    let k = 0;
    for (const x of g.neighbours.get(s)!) list[k++] = position.get(x)!;
    return list.sort();
  });
  const inc = new Float64Array(n);
  for (let w = 0; w < n; w++) inc[w] = weight(adjacency[w]!.length);
  const own = new Float64Array(n);
  for (let u = 0; u < n; u++) for (const w of adjacency[u]!) own[u] += inc[w]!;
  const sums = new Float64Array(n);
  const counts = new Int32Array(n);
  const touched = new Int32Array(n);
  const linked = new Uint8Array(n);
  let pa = new Int32Array(1024);
  let pb = new Int32Array(1024);
  let ps = new Float64Array(1024);
  let pn = new Float64Array(1024);
  let used = 0;
  const start = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) {
    start[u] = used;
    const nu = adjacency[u]!;
    let size = 0;
    for (let i = 0; i < nu.length; i++) {
      const w = nu[i]!;
      const add = inc[w]!;
      if (add === 0) continue;
      const nw = adjacency[w]!;
      // nw is sorted: only its neighbours after u, from the end down.
      for (let k = nw.length - 1; k >= 0; k--) {
        const v = nw[k]!;
        if (v <= u) break;
        if (counts[v] === 0) touched[size++] = v;
        sums[v] += add;
        counts[v]++;
      }
    }
    if (size === 0) continue;
    for (let i = 0; i < nu.length; i++) linked[nu[i]!] = 1;
    const found = touched.subarray(0, size).sort();
    for (let k = 0; k < size; k++) {
      const v = found[k]!;
      if (counts[v]! >= minShared && !linked[v]) {
        if (used === pa.length) {
          pa = grow(pa);
          pb = grow(pb);
          ps = grow(ps);
          pn = grow(pn);
        }
        const score = sums[v]!;
        pa[used] = u;
        pb[used] = v;
        ps[used] = score;
        pn[used] = score / Math.sqrt(own[u]! * own[v]!);
        used++;
      }
      sums[v] = 0;
      counts[v] = 0;
    }
    for (let i = 0; i < nu.length; i++) linked[nu[i]!] = 0;
  }
  start[n] = used;
  const b = pb.subarray(0, used);
  return {
    size: used,
    a: pa.subarray(0, used),
    b,
    score: ps.subarray(0, used),
    normalised: pn.subarray(0, used),
    start,
    find(x, y) {
      let lo = start[x]!;
      let hi = start[x + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = b[mid]!;
        if (v === y) return mid;
        if (v < y) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
  };
}

function grow<T extends Float64Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as { new (n: number): T })(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Items by a key, only the keys two or more items share (an empty key groups nothing). */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (!k) continue;
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  for (const [k, v] of out) if (v.length < 2) out.delete(k);
  return out;
}

