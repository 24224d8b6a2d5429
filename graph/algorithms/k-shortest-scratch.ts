// The buffers a k-shortest-paths search (k-shortest.ts) reuses from one search to the next, one set
// per search running at once, kept per graph: what a search would otherwise allocate and fill.
import { createMarks, createStamps, type Marks, type Stamps } from "./k-shortest-bounds.ts";
import type { PathGraph } from "./path-graph.ts";
import { specificityUnits } from "./specificity.ts";

/** The A* queue's arrays: a binary heap of (cost + estimate, node). */
export interface Heap {
  cost: Float64Array;
  node: Int32Array;
}

/**
 * What a search of `g` reuses instead of allocating: the per-pattern specificity units (the same
 * for every search of a graph) and the A* buffers (one set per search running at once).
 * Allocating and filling them per search was half of a k=1 query's time on the real library. The
 * per-pattern buffers are stamped (k-shortest-bounds.ts's Marks), so a search writes only the
 * entries it reaches; the queue starts small and grows. Sized by the edges, as it was, a set was
 * ~4.7 MB at ten times the 2026-02-20 library: the 16 sets a burst of path requests made were 75 MB
 * of fresh memory at once, enough for V8 to start a full collection of the server's heap (~1.2 s of
 * marking steps and a 0.2 s pause on its thread there) while 16 clients waited for paths. Now ~1 MB.
 */
export interface Scratch {
  units: Float64Array;
  noHub: Uint8Array;
  dist: Float64Array;
  distMark: Stamps;
  heap: Heap;
  fromHops: Marks;
  toHops: Marks;
  /** 1 for a node of the current root path, `bannedNodes` (banRoot sets them and clears the last ones). */
  banned: Uint8Array;
  bannedNodes: number[];
}

/** Bans the first `length` nodes of `path` (the spur's root path), unbanning the ones banned before. */
export function banRoot(scratch: Scratch, path: readonly number[], length: number): void {
  for (const v of scratch.bannedNodes) scratch.banned[v] = 0;
  scratch.bannedNodes = path.slice(0, length);
  for (const v of scratch.bannedNodes) scratch.banned[v] = 1;
}

/** The queue's first size; it doubles when full. */
const INITIAL_HEAP = 1024;

const sharedByGraph = new WeakMap<PathGraph, { units: Float64Array; noHub: Uint8Array }>();
const freeScratch = new WeakMap<PathGraph, Scratch[]>();
/**
 * Free buffer sets kept per graph: enough for the searches that interleave under load. A set is
 * ~0.1 MB on the real library; with 8 kept, 16 clients at once made ~1,000 fresh sets in 15 s of
 * k=1 path requests (half a gigabyte of zeroed memory for the collector), with 16 kept, 16 in all.
 */
const MAX_FREE_SCRATCH = 16;

export function takeScratch(g: PathGraph): Scratch {
  const reused = freeScratch.get(g)?.pop();
  if (reused) return reused;
  const n = g.neighbours.length;
  let shared = sharedByGraph.get(g);
  if (!shared) {
    const units = new Float64Array(n);
    for (let v = 0; v < n; v++) units[v] = specificityUnits(g.neighbours[v]!);
    shared = { units, noHub: new Uint8Array(n) };
    sharedByGraph.set(g, shared);
  }
  return {
    ...shared,
    dist: new Float64Array(n),
    distMark: createStamps(n),
    heap: { cost: new Float64Array(INITIAL_HEAP), node: new Int32Array(INITIAL_HEAP) },
    fromHops: createMarks(n),
    toHops: createMarks(n),
    banned: new Uint8Array(n),
    bannedNodes: [],
  };
}

export function releaseScratch(g: PathGraph, scratch: Scratch): void {
  let free = freeScratch.get(g);
  if (!free) freeScratch.set(g, (free = []));
  if (free.length < MAX_FREE_SCRATCH) free.push(scratch);
}
