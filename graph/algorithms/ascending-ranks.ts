// A neighbourhood's link ranks (and its nodes' slug ranks) ascending and distinct, for
// neighborhood-select.ts (typed arrays only: the neighbourhood thread bundles it).
import type { Adjacency } from "./adjacency.ts";

/** Per index: one bit per link rank (and one per slug rank), all 0 between calls of ascendingDistinct. */
const rankBits = new WeakMap<object, Uint32Array>();
const slugRankBits = new WeakMap<object, Uint32Array>();

/**
 * `ranks` ascending, each once. A few are sorted; more (a depth-2 answer has ~1,400 of the real
 * library's ~18,000) are set as bits and read back word by word, lowest bit first: measured ~20x
 * faster than sorting them (a typed array's sort was 40% of the whole search) and ~10x faster than a
 * byte per rank read back one by one.
 */
export function ascendingDistinct(adj: Pick<Adjacency, "outRank" | "danglingRank">, ranks: ArrayLike<number>): Int32Array {
  let bits = rankBits.get(adj);
  if (!bits && ranks.length >= 64) {
    let count = 0;
    for (const r of adj.outRank) count = Math.max(count, r + 1);
    for (const r of adj.danglingRank) count = Math.max(count, r + 1);
    bits = new Uint32Array(Math.ceil(count / 32));
    rankBits.set(adj, bits);
  }
  return distinctInOrder(bits, ranks);
}

/**
 * Slug ranks of an answer's nodes (distinct) in ascending order, as ascendingDistinct: the native
 * sort of a depth-2 answer's 200 was ~10 us, reading back the bits of the real library's ~3,600 ~2 us.
 */
export function ascendingSlugRanks(adj: Pick<Adjacency, "nodeAtSlugRank">, ranks: ArrayLike<number>): Int32Array {
  let bits = slugRankBits.get(adj);
  if (!bits && ranks.length >= 64) {
    bits = new Uint32Array(Math.ceil(adj.nodeAtSlugRank.length / 32));
    slugRankBits.set(adj, bits);
  }
  return distinctInOrder(bits, ranks);
}

/** `ranks` ascending, each once: a few sorted, more set as bits in `bits` (all 0, and left so) and read back. */
function distinctInOrder(bits: Uint32Array | undefined, ranks: ArrayLike<number>): Int32Array {
  if (ranks.length < 64 || !bits) {
    const sorted = Array.from(ranks).sort((a, b) => a - b);
    const out = new Int32Array(sorted.length);
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out[distinct++] = sorted[i]!;
    return out.subarray(0, distinct);
  }
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i]!;
    bits[r >>> 5]! |= 1 << (r & 31);
  }
  const out = new Int32Array(ranks.length);
  let distinct = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    if (word === 0) continue;
    bits[w] = 0;
    while (word !== 0) {
      const lowest = word & -word;
      out[distinct++] = (w << 5) + 31 - Math.clz32(lowest);
      word ^= lowest;
    }
  }
  return out.subarray(0, distinct);
}
