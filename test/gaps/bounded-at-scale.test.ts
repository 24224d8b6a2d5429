// The gap analysis stays bounded on a library of many near copies (a hundred times the real one has
// ~17.7 million pairs of likely duplicates): the duplicates held while scoring are pruned to the best
// ones without changing which are reported, a block of near titles too large to compare pair by pair
// is compared in key order within a window, and a word shared by too many patterns of a domain (or,
// for a nearest-neighbour query, of the library) is left out of the vocabulary comparison.
import { describe, expect, it } from "vitest";
import { detectDuplicates, MAX_NEAR_BLOCK, NEAR_WINDOW } from "../../graph/gaps/duplicates.ts";
import { buildGapGraph } from "../../graph/gaps/gap-graph.ts";
import { DotAccumulator, Postings, type TermVector } from "../../graph/gaps/text.ts";
import { buildVocabulary, MAX_NEAREST_TERM_PATTERNS } from "../../graph/gaps/vocabulary.ts";
import { library } from "./helpers.ts";

/** `copies` near copies of each of a few titles: every pair of copies of one title is a likely duplicate. */
function nearCopies(copies: number) {
  const titles = ["Participatory Budgeting", "Community Land Trust", "Restorative Justice Circle", "Time Banking Network"];
  const patterns = titles.flatMap((title) =>
    Array.from({ length: copies }, (_, i) => ({ slug: `${title.toLowerCase().replace(/ /g, "-")}-x${i + 10}`, title: `${title} (${i + 10})` })),
  );
  return buildGapGraph(library({ patterns }));
}

describe("likely duplicates on a library of many near copies", () => {
  const g = nearCopies(30);

  it("reports the same best duplicates when the pairs held are pruned as when all are held", () => {
    const all = detectDuplicates(g, { keep: 25, pruneAt: Infinity });
    const pruned = detectDuplicates(g, { keep: 25, pruneAt: 60 });
    expect(all.findings).toHaveLength(25);
    expect(pruned.findings).toEqual(all.findings);
  });

  it("counts every distinct pair while none was dropped; once some were, only the pairs measured", () => {
    const all = detectDuplicates(g, { keep: 25, pruneAt: Infinity });
    // 4 titles x (30 choose 2) pairs of copies.
    expect(all.considered).toBe(4 * ((30 * 29) / 2));
    // Past the first prune the kept ones are "Participatory Budgeting (nn)" copies one edit apart (24
    // letters, 0.958): the 20 letters of "Community Land Trust (nn)" cannot reach that with one edit,
    // so those pairs are not measured (nor counted).
    const pruned = detectDuplicates(g, { keep: 25, pruneAt: 60 });
    expect(pruned.considered).toBeGreaterThanOrEqual(60);
    expect(pruned.considered).toBeLessThan(all.considered);
  });
});

describe("the vocabulary's dot products", () => {
  const vector = (terms: string[]): TermVector => ({ terms, weights: terms.map(() => 1) }) as TermVector;
  const documents = [vector(["common", "rare"]), vector(["common", "rare"]), vector(["common"]), vector(["common"])];
  const postings = new Postings();
  documents.forEach((v, index) => v.terms.forEach((term, t) => postings.add(term, index, v.weights[t]!)));
  const shared = (maxDocuments?: number): Record<number, number> => {
    const acc = new DotAccumulator(documents.length);
    acc.accumulate(documents[0]!, postings, 0, maxDocuments);
    const out: Record<number, number> = {};
    acc.drain((index, _score, words) => (out[index] = words));
    return out;
  };

  it("counts every shared word without a bound", () => {
    expect(shared()).toEqual({ 1: 2, 2: 1, 3: 1 });
  });

  it("leaves out a word more documents share than the bound", () => {
    expect(shared(3)).toEqual({ 1: 1 });
  });
});

describe("near titles in a block larger than MAX_NEAR_BLOCK", () => {
  // One title in MAX_NEAR_BLOCK + 100 copies, "Participatory Budgeting (10)" and on: every key starts
  // with the same four characters, so they are one block.
  const copies = MAX_NEAR_BLOCK + 100;
  const g = nearCopies(copies);

  it("still finds the near copies, comparing each key with the next NEAR_WINDOW keys in key order only", () => {
    const found = detectDuplicates(g, { keep: 50, pruneAt: Infinity });
    expect(found.findings).toHaveLength(50);
    expect(found.findings.every((f) => f.kind === "likely-duplicate" && f.score! >= 0.9)).toBe(true);
    // 4 titles: the pairs of a block compared pair by pair would be 4 x (copies choose 2).
    expect(found.considered).toBeGreaterThan(copies);
    expect(found.considered).toBeLessThan(4 * 2 * copies * NEAR_WINDOW);
    expect(found.considered).toBeLessThan((4 * copies * (copies - 1)) / 2);
  });
});

describe("the nearest patterns by vocabulary", () => {
  it("gives the best k in score order, then slug, as sorting every candidate does", () => {
    const patterns = Array.from({ length: 40 }, (_, i) => ({
      slug: `p${String(i).padStart(2, "0")}`,
      title: `Commons ${i % 3 === 0 ? "garden harvest" : i % 3 === 1 ? "garden river" : "harvest river"} ${i % 5 === 0 ? "festival" : "market"}`,
    }));
    const g = buildGapGraph(library({ patterns }));
    const vocab = buildVocabulary(g);
    const all = vocab.nearest("p00", 40, new Set());
    const best = vocab.nearest("p00", 4, new Set());
    expect(best).toEqual(all.slice(0, 4));
    expect(all.length).toBeGreaterThan(4);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.score > b.score || (a.score === b.score && a.slug < b.slug)).toBe(true);
    }
  });

  it("leaves out a word more than MAX_NEAREST_TERM_PATTERNS patterns share", () => {
    // "common" in every pattern (one more than the bound), "rare" in two.
    const patterns = Array.from({ length: MAX_NEAREST_TERM_PATTERNS + 1 }, (_, i) => ({
      slug: `p${String(i).padStart(5, "0")}`,
      title: i < 2 ? "common rare" : i % 2 === 0 ? "common plain" : "common other",
    }));
    const vocab = buildVocabulary(buildGapGraph(library({ patterns })));
    expect(vocab.nearest("p00000", 5, new Set()).map((c) => c.slug)).toEqual(["p00001"]);
  });
});
