// The connected parts of the embedded store's library, labelled once per library and set of
// followed link types, so that a path answer without a path names both ends' parts by a lookup.
// Found per request instead (a breadth-first pass over an end's whole part, ~2,300 patterns on
// the real library, then a sort of its members), they were ~55% of the CPU of the bench's k=1 path
// answers (2026-12-06, docs/performance.md). An index of the library, not a cache of answers: the
// same arrays answer every pair, and a new library has a new adjacency, hence a new index.
import type { PatternGraph } from "../build-graph.ts";
import type { PathComponent, Slug } from "../../core/model.ts";
import type { Adjacency } from "./adjacency.ts";
import { COMPONENT_SAMPLE } from "./path-components.ts";

/** Every pattern's part under one mask, and each part's summary. */
export interface ComponentIndex {
  /** Per node number, its part's number. */
  part: Int32Array;
  /** Per part: its size and its best-linked members (degree, then slug), as componentSummary gives them. */
  summary: PathComponent[];
}

/**
 * Link-type sets whose index is kept per library: the explorer asks for a handful, and a client
 * cycling through many more only makes the oldest be labelled again (5-11 ms of CPU on the real
 * library at load average 19, once per library and type set).
 */
const MAX_MASKS = 32;

const indexes = new WeakMap<Adjacency, Map<string, ComponentIndex>>();

/**
 * The parts of `graph`'s library over the link types whose number is 1 in `mask`, links followed
 * in either direction (what componentMembers and componentSummary give, for every pattern at once).
 */
export function componentIndex(graph: PatternGraph, adj: Adjacency, mask: Uint8Array): ComponentIndex {
  let byMask = indexes.get(adj);
  if (!byMask) {
    byMask = new Map();
    indexes.set(adj, byMask);
  }
  const key = mask.join("");
  let index = byMask.get(key);
  if (index) return index;
  index = labelParts(graph, adj, mask);
  // Insertion order: the first key is the oldest.
  if (byMask.size >= MAX_MASKS) byMask.delete(byMask.keys().next().value!);
  byMask.set(key, index);
  return index;
}

function labelParts(graph: PatternGraph, adj: Adjacency, mask: Uint8Array): ComponentIndex {
  const { offsets, neighbor, type, slugs } = adj;
  const n = offsets.length - 1;
  const part = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const degree = Int32Array.from(slugs, (slug) => graph.getNodeAttribute(slug, "degree"));
  const summary: PathComponent[] = [];
  for (let s = 0; s < n; s++) {
    if (part[s] !== -1) continue;
    const id = summary.length;
    part[s] = id;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = queue[head++]!;
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
        const v = neighbor[e]!;
        if (mask[type[e]!] === 0 || part[v] !== -1) continue;
        part[v] = id;
        queue[tail++] = v;
      }
    }
    // The best-linked first: degree descending, then slug, which is node number order.
    const best: number[] = [];
    for (let i = 0; i < tail; i++) {
      const v = queue[i]!;
      let at = best.length;
      while (at > 0 && (degree[best[at - 1]!]! < degree[v]! || (degree[best[at - 1]!] === degree[v] && best[at - 1]! > v))) at--;
      if (at < COMPONENT_SAMPLE) {
        best.splice(at, 0, v);
        if (best.length > COMPONENT_SAMPLE) best.pop();
      }
    }
    summary.push({ size: tail, sample: best.map((v) => slugs[v] as Slug) });
  }
  return { part, summary };
}
