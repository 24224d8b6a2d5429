// The gap analysis stays bounded on a library of many near copies (a hundred times the real one has
// ~17.7 million pairs of likely duplicates): the duplicates held while scoring are pruned to the best
// ones without changing which are reported, and a word shared by too many patterns of a domain is
// left out of the vocabulary comparison.
import { describe, expect, it } from "vitest";
import { detectDuplicates } from "../../graph/gaps/duplicates.ts";
import { buildGapGraph } from "../../graph/gaps/gap-graph.ts";
import { DotAccumulator, Postings, type TermVector } from "../../graph/gaps/text.ts";
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

  it("counts every distinct pair while none was dropped, and at least as many once some were", () => {
    const all = detectDuplicates(g, { keep: 25, pruneAt: Infinity });
    // 4 titles x (30 choose 2) pairs of copies.
    expect(all.considered).toBe(4 * ((30 * 29) / 2));
    expect(detectDuplicates(g, { keep: 25, pruneAt: 60 }).considered).toBeGreaterThanOrEqual(all.considered);
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
