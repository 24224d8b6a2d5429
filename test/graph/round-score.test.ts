// roundScore finds a score's decimal exponent by comparison with powers of ten instead of
// Math.log10: these check that it rounds every score exactly as the Math.log10 version did.
import { describe, expect, it } from "vitest";
import { roundScore, SCORE_DIGITS } from "../../graph/algorithms/relevance.ts";
import { seededRandom } from "../fixtures/literal-library.ts";

const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** roundScore as it was written with Math.log10 (the definition the stores agreed on). */
function roundScoreByLog10(x: number): number {
  if (!(x > 1e-17)) return 0;
  let e = Math.floor(Math.log10(x));
  if (e > 0) e = 0;
  let k = SCORE_DIGITS - 1 - e;
  if (x * POWERS[k]! >= POWERS[SCORE_DIGITS]!) k -= 1;
  else if (x * POWERS[k]! < POWERS[SCORE_DIGITS - 1]!) k += 1;
  const p = POWERS[Math.min(22, k)]!;
  return Math.round(x * p) / p;
}

const differing = (values: number[]): number[] => values.filter((x) => !Object.is(roundScore(x), roundScoreByLog10(x)));

describe("roundScore", () => {
  it("rounds 200,000 seeded scores from 1 down to 1e-20 as the Math.log10 definition does", () => {
    const random = seededRandom(11);
    const values = Array.from({ length: 200_000 }, () => random() ** (1 + random() * 20));
    expect(differing(values)).toEqual([]);
  });

  it("rounds the doubles next to every power of ten and to the comparison's margins as the Math.log10 definition does", () => {
    const values: number[] = [0, -1, Number.NaN, 1, 1.5, 1e-17, 1e-18, 0.9999995, 0.99999949999];
    for (let k = 0; k <= 18; k++) {
      const power = Number(`1e-${k}`);
      for (const direction of [1, -1]) {
        let x = power;
        for (let step = 0; step < 50; step++, x *= 1 + direction * Number.EPSILON) values.push(x);
        for (const margin of [1e-10, 1e-9, 2e-9, 1e-8]) values.push(power * (1 + direction * margin));
      }
    }
    expect(values.length).toBeGreaterThan(2000);
    expect(differing(values)).toEqual([]);
  });

  it("keeps SCORE_DIGITS significant digits", () => {
    expect(roundScore(0.0123456789)).toBe(0.0123457);
    expect(roundScore(0.999999951)).toBe(1);
    expect(roundScore(3.14159265e-9)).toBe(3.14159e-9);
  });
});
