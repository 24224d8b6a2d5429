// The hop bounds that prune the k-shortest-paths search (k-shortest.ts): how many hops each pattern
// is at least from the start, by a breadth-first search from the start, or, for one cheapest
// path, from both ends at once. Both follow the search's own hops (usable types, declared direction
// when directed, no hub as an intermediate), so a bound never cuts off a path the search may take.
import type { KShortestOptions, PathGraph } from "./path-graph.ts";

/** Breadth-first hops from `from` along usable hops, not through hubs, up to maxLength (maxLength + 1 beyond). */
export function hopsFrom(g: PathGraph, from: number, options: KShortestOptions, hub: Uint8Array): Int32Array {
  const far = options.maxLength + 1;
  const hops = new Int32Array(g.neighbours.length).fill(far);
  hops[from] = 0;
  let frontier = [from];
  for (let d = 1; d <= options.maxLength && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      if (u !== from && hub[u] === 1) continue;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const v = g.neighbor[e]!;
        if (hops[v] !== far || options.mask[g.type[e]!] === 0 || (options.directed && g.outward[e] === 0)) continue;
        hops[v] = d;
        next.push(v);
      }
    }
    frontier = next;
  }
  return hops;
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
  scratch: { fromHops: Int32Array; toHops: Int32Array },
): { bounds: Int32Array; hops: number } | undefined {
  const { offsets, neighbor, type, outward } = g;
  const { mask, directed } = options;
  const n = g.neighbours.length;
  const fromHops = scratch.fromHops.fill(-1);
  const toHops = scratch.toHops.fill(-1);
  fromHops[from] = 0;
  toHops[to] = 0;
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
          if (fromHops[v] !== -1 || mask[type[e]!] === 0 || (directed && outward[e] === 0)) continue;
          fromHops[v] = a;
          // A hub is reached but leads nowhere: no path meets at one.
          if (v !== to && hub[v] === 1) continue;
          if (toHops[v] !== -1) {
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
          if (toHops[u] !== -1 || mask[type[e]!] === 0 || (directed && outward[e] === 1)) continue;
          toHops[u] = b;
          if (u !== from && hub[u] === 1) continue;
          if (fromHops[u] !== -1) {
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
  const floor = forwardPartial ? a : a + 1;
  for (let v = 0; v < n; v++) if (fromHops[v] === -1) fromHops[v] = floor;
  return { bounds: fromHops, hops: a + b };
}
