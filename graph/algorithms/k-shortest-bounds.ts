// The hop bounds that prune the k-shortest-paths search (k-shortest.ts): how many hops each pattern
// is at least from the start, by a breadth-first search from the start, or, for one cheapest
// path, from both ends at once. Both follow the search's own hops (usable types, declared direction
// when directed, no hub as an intermediate), so a bound never cuts off a path the search may take.
// Both write only the entries they label (stamped, see Marks): a search's cost follows the part of
// the graph it reads, not the library's size (filling arrays of every pattern per search was a
// tenth of a k=1 query at ten times the 2026-02-20 library).
import type { KShortestOptions, PathGraph } from "./path-graph.ts";

/**
 * Which nodes a search has labelled: those with `mark[v] === stamp`. A new stamp forgets them all
 * at once, without writing an entry per pattern. Reused from one search to the next (k-shortest.ts's scratch).
 */
export interface Stamps {
  mark: Int32Array;
  stamp: number;
}

/** Per-node values, valid where labelled. */
export interface Marks extends Stamps {
  value: Int32Array;
}

export const createStamps = (n: number): Stamps => ({ mark: new Int32Array(n), stamp: 0 });

export const createMarks = (n: number): Marks => ({ ...createStamps(n), value: new Int32Array(n) });

/** Forgets every label (a new stamp; the marks are cleared once in 2^31 uses). */
export function clearMarks(m: Stamps): void {
  if (m.stamp === 0x7fffffff) {
    m.mark.fill(0);
    m.stamp = 0;
  }
  m.stamp += 1;
}

/** Hops from the start: `hops.value[v]` where labelled, else `floor` (a lower bound). */
export interface HopBounds {
  hops: Marks;
  floor: number;
}

/** The bound of node `v`. */
export const boundOf = (b: HopBounds, v: number): number => (b.hops.mark[v] === b.hops.stamp ? b.hops.value[v]! : b.floor);

/** Breadth-first hops from `from` along usable hops, not through hubs, up to maxLength (maxLength + 1 beyond), written into `into`. */
export function hopsFrom(g: PathGraph, from: number, options: KShortestOptions, hub: Uint8Array, into: Marks): HopBounds {
  const far = options.maxLength + 1;
  clearMarks(into);
  const { value, mark, stamp } = into;
  value[from] = 0;
  mark[from] = stamp;
  let frontier = [from];
  for (let d = 1; d <= options.maxLength && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      if (u !== from && hub[u] === 1) continue;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const v = g.neighbor[e]!;
        if (mark[v] === stamp || options.mask[g.type[e]!] === 0 || (options.directed && g.outward[e] === 0)) continue;
        value[v] = d;
        mark[v] = stamp;
        next.push(v);
      }
    }
    frontier = next;
  }
  return { hops: into, floor: far };
}

/**
 * For the one cheapest path: lower bounds of the hops from `from` (min(true hops, a floor)), from a
 * breadth-first search run from both ends at once, always a level of the side with fewer entries
 * to read, until the two meet; undefined when they do not within maxLength (there is no path). The
 * bounds are as good as hopsFrom's for A* wherever a cheapest path can run (the floor is at least
 * half its length), and the search reads the rows of the two balls of half that length around the
 * ends instead of every row within maxLength of `from` (on the real library ~0.17 of a k=1 query's
 * ~0.28 ms). Same hops as the spur search: usable types, declared direction when directed, no hub
 * as an intermediate.
 */
export function hopBoundsBetween(
  g: PathGraph,
  from: number,
  to: number,
  options: KShortestOptions,
  hub: Uint8Array,
  scratch: { fromHops: Marks; toHops: Marks },
): { bounds: HopBounds; hops: number } | undefined {
  const { offsets, neighbor, type, outward } = g;
  const { mask, directed } = options;
  clearMarks(scratch.fromHops);
  clearMarks(scratch.toHops);
  const { value: fromHops, mark: fromMark, stamp: fromStamp } = scratch.fromHops;
  const { value: toHops, mark: toMark, stamp: toStamp } = scratch.toHops;
  fromHops[from] = 0;
  fromMark[from] = fromStamp;
  toHops[to] = 0;
  toMark[to] = toStamp;
  let forward = [from];
  let backward = [to];
  let forwardRows = offsets[from + 1]! - offsets[from]!;
  let backwardRows = offsets[to + 1]! - offsets[to]!;
  /** Levels reached on each side (every node that many hops away or closer is labelled, but for a level left half done). */
  let a = 0;
  let b = 0;
  let met = false;
  let forwardPartial = false;
  while (!met && a + b < options.maxLength && forward.length > 0 && backward.length > 0) {
    const next: number[] = [];
    let rows = 0;
    if (forwardRows <= backwardRows) {
      a += 1;
      for (let i = 0; i < forward.length && !met; i++) {
        const u = forward[i]!;
        for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
          const v = neighbor[e]!;
          if (fromMark[v] === fromStamp || mask[type[e]!] === 0 || (directed && outward[e] === 0)) continue;
          fromHops[v] = a;
          fromMark[v] = fromStamp;
          // A hub is reached but leads nowhere: no path meets at one.
          if (v !== to && hub[v] === 1) continue;
          if (toMark[v] === toStamp) {
            met = true;
            forwardPartial = true;
            break;
          }
          next.push(v);
          rows += offsets[v + 1]! - offsets[v]!;
        }
      }
      forward = next;
      forwardRows = rows;
    } else {
      b += 1;
      for (let i = 0; i < backward.length && !met; i++) {
        const w = backward[i]!;
        // A hop u -> w: declared from u to w when directed (on w's row, an entry that is not outward).
        for (let e = offsets[w]!; e < offsets[w + 1]!; e++) {
          const u = neighbor[e]!;
          if (toMark[u] === toStamp || mask[type[e]!] === 0 || (directed && outward[e] === 1)) continue;
          toHops[u] = b;
          toMark[u] = toStamp;
          if (u !== from && hub[u] === 1) continue;
          if (fromMark[u] === fromStamp) {
            met = true;
            break;
          }
          next.push(u);
          rows += offsets[u + 1]! - offsets[u]!;
        }
      }
      backward = next;
      backwardRows = rows;
    }
  }
  if (!met) return undefined;
  // Unlabelled nodes are at least `floor` hops from `from`: every level before it is complete.
  return { bounds: { hops: scratch.fromHops, floor: forwardPartial ? a : a + 1 }, hops: a + b };
}
