// Typed arrays a hot search takes again on every call instead of allocating them afresh: the
// memory store's neighbourhood ranking asked for ~10 per answer (score, flags, sort keys, a 16 KB
// table by slug rank), each a fresh backing store the garbage collector tracks. A caller that keeps
// no memory between calls (the Neo4j store) passes none and gets fresh ones (FRESH_ARRAYS).
// Typed arrays only: the neighbourhood thread bundles it.

/**
 * Arrays by slot: `slot` names one use, and the array it gives stays the caller's until the next
 * request for the same slot. Contents are whatever the last use left (fresh ones: zeros).
 */
export interface ArraySource {
  float64(slot: number, length: number): Float64Array;
  int32(slot: number, length: number): Int32Array;
  uint8(slot: number, length: number): Uint8Array;
}

/** Fresh zeroed memory on every request. */
export const FRESH_ARRAYS: ArraySource = {
  float64: (_slot, length) => new Float64Array(length),
  int32: (_slot, length) => new Int32Array(length),
  uint8: (_slot, length) => new Uint8Array(length),
};

/** An ArraySource that keeps one array per slot, grown (doubled) when a longer one is asked for. */
export function reusedArrays(): ArraySource {
  const float64: Float64Array[] = [];
  const int32: Int32Array[] = [];
  const uint8: Uint8Array[] = [];
  const grown = (length: number): number => Math.max(64, 2 ** Math.ceil(Math.log2(length)));
  return {
    float64(slot, length) {
      let array = float64[slot];
      if (!array || array.length < length) float64[slot] = array = new Float64Array(grown(length));
      return array.subarray(0, length);
    },
    int32(slot, length) {
      let array = int32[slot];
      if (!array || array.length < length) int32[slot] = array = new Int32Array(grown(length));
      return array.subarray(0, length);
    },
    uint8(slot, length) {
      let array = uint8[slot];
      if (!array || array.length < length) uint8[slot] = array = new Uint8Array(grown(length));
      return array.subarray(0, length);
    },
  };
}
