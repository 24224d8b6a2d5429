// The order of a neighbourhood's candidates (score descending, then distance, then slug rank), for
// neighborhood-rank.ts: one packed number per candidate, and only the kept ones sorted. Typed arrays
// only: the neighbourhood thread bundles it.
import { FRESH_ARRAYS, type ArraySource } from "./reused-arrays.ts";

/** keptOf's ArraySource slots (after neighborhood-rank.ts's). */
const SLOTS = { order: 7, sortKey: 8, atRank: 9, keys: 10 } as const;

/** Slug ranks below this pack into a sort key with the score and the distance (see keptOf). */
const PACKED_RANKS = 2 ** 20;
const PACKED_DISTANCES = 8;
const SCORE_KEYS = 2 ** 29;

const scoreBits = new Float64Array(1);
const scoreWords = new Uint32Array(scoreBits.buffer);
/** Which of scoreWords holds the sign, the exponent and the top of the mantissa. */
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * An integer below 2^29 that orders rounded scores (0 to 1, relevance.ts roundScore) as they
 * compare, equal for equal scores: the double's exponent (scores are 0 or above 1e-17, over 2^-57)
 * and the top 23 bits of its mantissa. A positive double's bits order as it does; two distinct
 * scores of 6 significant digits differ by 1e-6 of their value at least, more than the 2^-23 that
 * the bits left out can hold, so they keep distinct keys. (Read from the bits: measured ~10x
 * faster than the decimal exponent and digits by Math.log10.)
 */
function scoreKey(score: number): number {
  if (!(score > 0)) return 0;
  scoreBits[0] = score;
  const high = scoreWords[HIGH_WORD]!;
  const low = scoreWords[1 - HIGH_WORD]!;
  return ((high >>> 20) - 960) * 2 ** 23 + (high & 0xfffff) * 8 + (low >>> 29);
}

/**
 * The `k` first candidates by (score descending, distance, slug rank), in that order, and every
 * candidate's sort key. Each candidate is packed into one number (score key, distance and slug rank:
 * 29 + 3 + 20 bits, exact in a double, distinct per candidate); the k smallest are selected
 * (quickselect) and only they are sorted natively. A library of a million slugs or more sorts all
 * with a comparator, and a candidate's key is its place in that order.
 */
export function keptOf(
  score: Float64Array,
  distance: Int8Array,
  slugRank: Int32Array,
  k: number,
  arrays: ArraySource = FRESH_ARRAYS,
): { order: Int32Array; sortKey: Float64Array } {
  const count = score.length;
  const sortKey = arrays.float64(SLOTS.sortKey, count);
  let maxRank = 0;
  for (let c = 0; c < count; c++) if (slugRank[c]! > maxRank) maxRank = slugRank[c]!;
  if (maxRank >= PACKED_RANKS) {
    const all = new Int32Array(count);
    for (let c = 0; c < count; c++) all[c] = c;
    all.sort((a, b) => score[b]! - score[a]! || distance[a]! - distance[b]! || slugRank[a]! - slugRank[b]!);
    for (let i = 0; i < count; i++) sortKey[all[i]!] = i;
    return { order: all.slice(0, k), sortKey };
  }
  // Read only at the candidates' own ranks, so whatever an earlier call left elsewhere is never read.
  const atRank = arrays.int32(SLOTS.atRank, maxRank + 1);
  for (let c = 0; c < count; c++) {
    sortKey[c] = ((SCORE_KEYS - scoreKey(score[c]!)) * PACKED_DISTANCES + distance[c]!) * PACKED_RANKS + slugRank[c]!;
    atRank[slugRank[c]!] = c;
  }
  const keys = arrays.float64(SLOTS.keys, count);
  keys.set(sortKey);
  if (k < count) selectSmallest(keys, k);
  const first = keys.subarray(0, k).sort();
  const order = arrays.int32(SLOTS.order, k);
  // The slug rank is the key's low 20 bits (a division by a power of two is exact; % on doubles is slow).
  for (let i = 0; i < k; i++) order[i] = atRank[first[i]! - Math.floor(first[i]! / PACKED_RANKS) * PACKED_RANKS]!;
  return { order, sortKey };
}

/** Rearranges `keys` (distinct) so that its first `k` (0 < k < length) are its k smallest, in no order (Hoare's quickselect). */
function selectSmallest(keys: Float64Array, k: number): void {
  let lo = 0;
  let hi = keys.length - 1;
  while (hi > lo) {
    // The median of three as the pivot: sorted input stays linear.
    const mid = (lo + hi) >>> 1;
    const a = keys[lo]!;
    const b = keys[mid]!;
    const c = keys[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) {
        const t = keys[i]!;
        keys[i++] = keys[j]!;
        keys[j--] = t;
      }
    }
    // keys[lo..j] <= pivot <= keys[i..hi]; between them, the pivot itself.
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}
