// The gap analysis's faster parts give what the slower ones gave (docs/performance.md, "The gap
// analysis linear in the library"): Adamic-Adar pairs summed per pattern against every pair summed
// neighbour by neighbour, cosines merged on term ranks against cosines merged on terms, and the
// letters' bound on edit distances against the edit distances themselves.
import { distance } from "fastest-levenshtein";
import { describe, expect, it } from "vitest";
import { adamicAdarPairs, buildGapGraph, type GapGraph } from "../../graph/gaps/gap-graph.ts";
import { countLetters, LETTERS, letterDistance } from "../../graph/gaps/targets.ts";
import { buildTermVectors, cosine, dot } from "../../graph/gaps/text.ts";
import { library } from "./helpers.ts";

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random library of `n` patterns and about `n * degree` links, a few patterns linked to many. */
function randomGraph(n: number, degree: number, seed: number): GapGraph {
  const next = random(seed);
  const slugs = Array.from({ length: n }, (_, i) => `p-${String(i).padStart(3, "0")}`);
  const links: string[] = [];
  for (let i = 0; i < n * degree; i++) {
    const hubby = next() < 0.2;
    const a = slugs[Math.floor(next() * n)]!;
    const b = slugs[hubby ? Math.floor(next() * 4) : Math.floor(next() * n)]!;
    links.push(`${a} ${next() < 0.5 ? "related" : "enables"} ${b}`);
  }
  return buildGapGraph(library({ patterns: slugs.map((slug) => ({ slug })), links }));
}

/** Every unlinked pair with `minShared` neighbours in common, summed over the neighbours in order (the former way). */
function pairsOneByOne(g: GapGraph, minShared: number, maxHub: number): Map<string, { score: number; normalised: number }> {
  const slugs = g.patterns.map((p) => p.slug as string);
  const weight = (s: string): number => {
    const d = g.neighbours.get(s)!.size;
    return d < 2 || d > maxHub ? 0 : 1 / Math.log(d);
  };
  const own = new Map(slugs.map((s) => [s, [...g.neighbours.get(s)!].sort().reduce((sum, w) => sum + weight(w), 0)]));
  const out = new Map<string, { score: number; normalised: number }>();
  for (let i = 0; i < slugs.length; i++) {
    for (let j = i + 1; j < slugs.length; j++) {
      const [a, b] = [slugs[i]!, slugs[j]!];
      if (g.neighbours.get(a)!.has(b)) continue;
      let score = 0;
      let count = 0;
      for (const w of slugs) {
        if (!g.neighbours.get(a)!.has(w) || !g.neighbours.get(b)!.has(w) || weight(w) === 0) continue;
        score += weight(w);
        count++;
      }
      if (count >= minShared) out.set(`${a}|${b}`, { score, normalised: score / Math.sqrt(own.get(a)! * own.get(b)!) });
    }
  }
  return out;
}

describe("Adamic-Adar pairs summed per pattern", () => {
  for (const [n, degree, seed, minShared, maxHub] of [
    [60, 3, 1, 2, 150],
    [120, 5, 2, 2, 12],
    [90, 8, 3, 3, 20],
  ] as const) {
    it(`finds every pair, with the same sums, on ${n} patterns (${degree} links each, hubs above ${maxHub} left out)`, () => {
      const g = randomGraph(n, degree, seed);
      const expected = pairsOneByOne(g, minShared, maxHub);
      const found = adamicAdarPairs(g, minShared, maxHub);
      const got = new Map<string, { score: number; normalised: number }>();
      for (let i = 0; i < found.size; i++) {
        const [a, b] = [g.patterns[found.a[i]!]!.slug, g.patterns[found.b[i]!]!.slug];
        expect(found.find(found.a[i]!, found.b[i]!)).toBe(i);
        got.set(`${a}|${b}`, { score: found.score[i]!, normalised: found.normalised[i]! });
      }
      expect(expected.size).toBeGreaterThan(10);
      expect(got).toEqual(expected);
      expect(found.find(0, 0)).toBe(-1);
    });
  }
});

describe("cosines merged on term ranks", () => {
  it("are the cosines merged on the terms, to the last bit", () => {
    const next = random(7);
    const words = ["commons", "garden", "ledger", "budget", "circle", "trust", "ritual", "harvest", "council", "market", "seed", "loom"];
    const text = () => Array.from({ length: 3 + Math.floor(next() * 8) }, () => words[Math.floor(next() * words.length)]!).join(" ");
    const vectors = buildTermVectors(Array.from({ length: 80 }, () => ({ title: text(), text: text() })));
    let nonZero = 0;
    for (let i = 0; i < vectors.length; i++) {
      for (let j = 0; j < vectors.length; j++) {
        const merged = dot(vectors[i]!, vectors[j]!);
        expect(merged).toBe(cosine(vectors[i]!, vectors[j]!).score);
        if (merged > 0) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThan(1000);
  });
});

describe("the letters' bound on an edit distance", () => {
  it("never exceeds the edit distance, and often equals it", () => {
    const next = random(11);
    const alphabet = "abcdeé-19 Z";
    const word = () => Array.from({ length: Math.floor(next() * 20) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join("");
    let tight = 0;
    for (let k = 0; k < 3000; k++) {
      const [x, y] = [word(), word()];
      const cx = new Uint8Array(LETTERS);
      const cy = new Uint8Array(LETTERS);
      countLetters(x, cx, 0);
      countLetters(y, cy, 0);
      const bound = letterDistance(cx, cy, 0);
      expect(bound).toBeLessThanOrEqual(distance(x, y));
      if (bound === distance(x, y)) tight++;
    }
    expect(tight).toBeGreaterThan(100);
    const [a, b] = [new Uint8Array(LETTERS), new Uint8Array(LETTERS)];
    countLetters("abc", a, 0);
    countLetters("xyz", b, 0);
    expect(letterDistance(a, b, 0)).toBe(3);
  });
});
