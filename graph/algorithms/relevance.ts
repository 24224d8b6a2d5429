// The primitives of relevance, in one small platform-free file: how strong a link is, how much a
// pattern's degree damps what passes through it, how scores are rounded, and a global importance
// (PageRank). The neighbourhood ranking (neighborhood-rank.ts) and the stores' precomputed
// properties use these, so every store computes the same numbers from the same definitions.
import { LINEAGE_LINK_TYPES } from "../../core/model.ts";

/**
 * Link types stating a fact (lineage, and what enables or requires what) count fully; the looser
 * ones (related, complementary, alternatives, tools, and any type the library made up) count half.
 */
export const STRONG_LINK_TYPES = [...LINEAGE_LINK_TYPES, "enables", "requires"] as const;
export const STRONG_TYPE_FACTOR = 1;
export const LOOSE_TYPE_FACTOR = 0.5;
/** The weight of a link that declares none: the library's typical declared weight (median 0.8 on the 2026-02-20 snapshot). */
export const UNDECLARED_WEIGHT = 0.8;
/** Scores are rounded to this many significant digits, in every store, before they are compared or propagated. */
export const SCORE_DIGITS = 6;

const STRONG = new Set<string>(STRONG_LINK_TYPES);

export const typeFactor = (type: string): number => (STRONG.has(type) ? STRONG_TYPE_FACTOR : LOOSE_TYPE_FACTOR);

/** A link's strength, 0 to 1: its type's factor times its declared weight (clamped to 0..1), or UNDECLARED_WEIGHT. */
export function linkStrength(type: string, weight: number | undefined | null): number {
  const w = weight === undefined || weight === null || !Number.isFinite(weight) ? UNDECLARED_WEIGHT : Math.min(1, Math.max(0, weight));
  return typeFactor(type) * w;
}

/** 1 / sqrt(max(1, degree)): what a pattern's degree lets through (a placeholder or an isolated pattern counts as degree 1). */
export const degreeDamping = (degree: number): number => 1 / Math.sqrt(Math.max(1, degree));

const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** 10^-k for k = 0..17, each the double nearest to it. */
const NEGATIVE_POWERS = Array.from({ length: 18 }, (_, k) => Number(`1e-${k}`));
/**
 * Per biased binary exponent b of a double x (2^(b-1023) <= x < 2^(b-1022)): how many of
 * NEGATIVE_POWERS (up to 17) are at least 2^(b-1022), so above x. decimalExponent's search starts
 * there instead of at 10^0: it skipped ~3 comparisons of the ~1,400 scores of an answer each.
 */
const SEARCH_START = Uint8Array.from({ length: 2048 }, (_, b) => {
  let k = 0;
  while (k < 17 && NEGATIVE_POWERS[k]! >= 2 ** (b - 1022)) k++;
  return k;
});
const exponentBits = new Float64Array(1);
const exponentWords = new Uint32Array(exponentBits.buffer);
/** Which of exponentWords holds the sign and the exponent. */
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
/** How far from a power of ten x must be for a comparison to give Math.log10's floor: far more than log10's error. */
const SAFE_MARGIN = 1e-9;

/**
 * Math.floor(Math.log10(x)) for 1e-17 < x <= 1, by comparison with powers of ten (Math.log10 was
 * half of roundScore's time, which the neighbourhood ranking calls ~1,400 times an answer). Within
 * SAFE_MARGIN of a power of ten, where a comparison and log10's rounding could disagree, it is
 * Math.log10's own answer, so the result is always the same.
 */
function decimalExponent(x: number): number {
  if (x > 1) return Math.floor(Math.log10(x));
  // The powers of ten at or above the next power of two are all above x: the search starts after them.
  exponentBits[0] = x;
  let k = SEARCH_START[exponentWords[HIGH_WORD]! >>> 20]!;
  while (k < 17 && x < NEGATIVE_POWERS[k]!) k++;
  // x is in [10^-k, 10^-(k-1)) (or below 10^-17); near either end, log10 decides.
  const low = NEGATIVE_POWERS[k]!;
  if (x < low * (1 + SAFE_MARGIN) || (k > 0 && x > NEGATIVE_POWERS[k - 1]! * (1 - SAFE_MARGIN)) || k === 17) return Math.floor(Math.log10(x));
  return -k;
}

/**
 * `x` (0 to 1) rounded to SCORE_DIGITS significant digits, as the nearest double to the rounded
 * decimal (0 stays 0; below 1e-17 nothing is kept). Arithmetic rather than toPrecision (10x slower):
 * the same operations in every store give the same double.
 */
export function roundScore(x: number): number {
  if (!(x > 1e-17)) return 0;
  // The decimal exponent of x, then the power of ten that brings SCORE_DIGITS digits before the point.
  let e = decimalExponent(x);
  if (e > 0) e = 0;
  let k = SCORE_DIGITS - 1 - e;
  if (x * POWERS[k]! >= POWERS[SCORE_DIGITS]!) k -= 1;
  else if (x * POWERS[k]! < POWERS[SCORE_DIGITS - 1]!) k += 1;
  const p = POWERS[Math.min(22, k)]!;
  return Math.round(x * p) / p;
}

/** PageRank's damping factor and stopping rule: iterate until the L1 change is below the tolerance, at most MAX_ITERATIONS times. */
export const PAGERANK = { damping: 0.85, tolerance: 1e-10, maxIterations: 100 } as const;

/**
 * PageRank over the resolved links taken as undirected (a link says the two patterns belong
 * together whichever file declared it), each weighted by its strength, with a uniform teleport and
 * dangling mass spread uniformly. `neighbors`/`strengths` are rows per node (CSR by `offsets`);
 * the result sums to 1, rounded like scores. Deterministic: the same rows in the same order give
 * the same floats.
 */
export function pageRank(offsets: Int32Array, neighbors: Int32Array, strengths: Float64Array): Float64Array {
  const n = offsets.length - 1;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const total = new Float64Array(n);
  for (let u = 0; u < n; u++) for (let e = offsets[u]!; e < offsets[u + 1]!; e++) total[u]! += strengths[e]!;
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const { damping, tolerance, maxIterations } = PAGERANK;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let lost = 0;
    for (let u = 0; u < n; u++) if (total[u] === 0) lost += rank[u]!;
    const base = (1 - damping) / n + (damping * lost) / n;
    next.fill(base);
    for (let u = 0; u < n; u++) {
      if (total[u] === 0) continue;
      const share = (damping * rank[u]!) / total[u]!;
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) next[neighbors[e]!]! += share * strengths[e]!;
    }
    let change = 0;
    for (let u = 0; u < n; u++) change += Math.abs(next[u]! - rank[u]!);
    [rank, next] = [next, rank];
    if (change < tolerance) break;
  }
  for (let u = 0; u < n; u++) out[u] = roundScore(rank[u]!);
  return out;
}

/**
 * The percentile of each value among `values`: the share (0 to 100, rounded to 0.1) of values
 * strictly below it. Equal values get equal percentiles.
 */
export function percentiles(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // First position of values[i] in the sorted copy = how many are strictly below.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < values[i]!) lo = mid + 1;
      else hi = mid;
    }
    out[i] = Math.round((1000 * lo) / n) / 10;
  }
  return out;
}

/** The value below which `p` percent of the (ascending) `sorted` values fall: nearest rank, the smallest value for p = 0. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at]!;
}
