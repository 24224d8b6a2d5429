// A neighbourhood answer's scores written as JSON.stringify writes them, from their decimal digits
// (neighborhood-json.ts): imports nothing, so that the neighbourhood thread bundles it too.

/** The digit 0 in ASCII. */
const DIGIT_0 = 0x30;
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A score as JSON.stringify writes it, from its decimal digits instead of V8's shortest-digits
 * conversion of a double (measured ~7% of a depth-2 answer's time for its ~200 scores). A score
 * below 1 that is the double nearest to a decimal of at most 6 significant digits m / 10^k (as
 * relevance.ts roundScore leaves every score; checked, String() writes any other) is written as
 * ECMAScript's Number::toString does: that decimal's digits, without trailing zeros ("0.0123",
 * "1.5e-7"), since no shorter decimal lies as near it. Sets `digits` and `point` (the exponent n of
 * 0.digits x 10^n) and gives the length, or -1 for String().
 */
export function scoreDigits(score: number, at: number, digits: Int32Array, point: Int32Array): number {
  if (!(score > 0 && score < 1)) return -1;
  let k = 6;
  while (score * POWERS[k]! < 1e5 && k < 22) k++;
  let m = Math.round(score * POWERS[k]!);
  if (m >= 1e6 || m / POWERS[k]! !== score) return -1;
  while (m % 10 === 0) {
    m /= 10;
    k--;
  }
  const length = m < 10 ? 1 : m < 100 ? 2 : m < 1000 ? 3 : m < 10000 ? 4 : m < 100000 ? 5 : 6;
  const n = length - k;
  digits[at] = m;
  point[at] = n;
  // "0." and -n zeros before the digits; or d[.ddd]e-x
  return n > -6 ? 2 - n + length : length + (length > 1 ? 1 : 0) + 2 + (1 - n < 10 ? 1 : 2);
}

/** Writes the score scoreDigits described at `offset`; gives the offset after it. */
export function writeScore(out: Buffer, offset: number, m: number, n: number, length: number): number {
  const digitsLength = m < 10 ? 1 : m < 100 ? 2 : m < 1000 ? 3 : m < 10000 ? 4 : m < 100000 ? 5 : 6;
  if (n > -6) {
    out[offset++] = DIGIT_0;
    out[offset++] = 0x2e;
    for (let z = 0; z < -n; z++) out[offset++] = DIGIT_0;
    for (let j = offset + digitsLength - 1; j >= offset; j--) {
      out[j] = DIGIT_0 + (m % 10);
      m = (m - (m % 10)) / 10;
    }
    return offset + digitsLength;
  }
  const end = offset + length;
  const exponent = 1 - n;
  let at = end - 1;
  out[at--] = DIGIT_0 + (exponent % 10);
  if (exponent >= 10) out[at--] = DIGIT_0 + ((exponent - (exponent % 10)) / 10);
  out[at--] = 0x2d;
  out[at--] = 0x65;
  for (let j = digitsLength - 1; j >= 1; j--) {
    out[at--] = DIGIT_0 + (m % 10);
    m = (m - (m % 10)) / 10;
  }
  if (digitsLength > 1) out[at--] = 0x2e;
  out[at] = DIGIT_0 + m;
  return end;
}
