// The dangling-target matcher's candidate search is bounded: near ids come from a Pass-Join index that
// finds exactly what comparing with every id finds, with far fewer edit distances, and a text
// reference is compared only with the patterns of blocks no larger than MAX_BLOCK, the smallest
// blocks first, until MAX_TEXT_CANDIDATES are gathered.
import { distance } from "fastest-levenshtein";
import { describe, expect, it } from "vitest";
import { buildGapGraph } from "../../graph/gaps/gap-graph.ts";
import { createIdIndex, createTargetMatcher, MAX_BLOCK, MAX_ID_EDITS, MAX_TEXT_CANDIDATES, type MatcherWork } from "../../graph/gaps/targets.ts";
import { DEFAULT_GAP_OPTIONS } from "../../graph/gaps/types.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { seededRandom } from "../fixtures/literal-library.ts";
import { library } from "./helpers.ts";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

const noWork = (): MatcherWork => ({ idDistances: 0, textCandidates: 0, skippedBlocks: 0 });

describe("the near-id index", () => {
  const next = seededRandom(20261206);
  const char = () => ALPHABET[Math.floor(next() * ALPHABET.length)]!;
  const body = (n: number) => Array.from({ length: n }, char).join("");
  // TypeIDs as libraries have them: a timestamp part that ids made together share, then random ones.
  const ids = Array.from({ length: 3000 }, (_, i) => `pat_01kg${i % 7}${body(21)}`);
  /** An id with `edits` random substitutions, insertions or deletions. */
  const typo = (id: string, edits: number): string => {
    let s = id;
    for (let e = 0; e < edits; e++) {
      const at = 4 + Math.floor(next() * (s.length - 4));
      const op = Math.floor(next() * 3);
      s = op === 0 ? s.slice(0, at) + char() + s.slice(at + 1) : op === 1 ? s.slice(0, at) + char() + s.slice(at) : s.slice(0, at) + s.slice(at + 1);
    }
    return s;
  };
  const queries = Array.from({ length: 400 }, (_, i) => (i % 4 === 3 ? `pat_01kg${body(21)}` : typo(ids[(i * 37) % ids.length]!, 1 + (i % 3))));

  it("finds exactly the ids within two edits that comparing with every id finds, with their distances", () => {
    const near = createIdIndex(ids);
    for (const q of queries) {
      const everyId = ids.filter((id) => Math.abs(id.length - q.length) <= MAX_ID_EDITS && distance(q, id) <= MAX_ID_EDITS);
      const found = near(q);
      expect(found.map((f) => f.id).sort()).toEqual(everyId.sort());
      for (const f of found) expect(f.edits).toBe(distance(q, f.id));
    }
    // The planted typos are found: every query made with at most two edits has its id among the answers.
    queries.forEach((q, i) => {
      if (i % 4 !== 3 && i % 3 !== 2) expect(near(q).map((f) => f.id)).toContain(ids[(i * 37) % ids.length]);
    });
  });

  it("computes a small share of the edit distances that comparing every query with every id would", () => {
    const work = noWork();
    const near = createIdIndex(ids, work);
    for (const q of queries) near(q);
    expect(work.idDistances).toBeGreaterThan(0);
    expect(work.idDistances).toBeLessThan((queries.length * ids.length) / 20);
  });
});

describe("the text candidates of a dangling reference", () => {
  it("skips a block more than MAX_BLOCK patterns share, and still finds the pattern through its other blocks", () => {
    // Every slug ends in "-kit": the word "kit" and the slug's and the title's last three characters
    // are blocks of MAX_BLOCK + 201 patterns.
    const n = MAX_BLOCK + 200;
    const patterns = Array.from({ length: n }, (_, i) => ({ slug: `item${String(i).padStart(5, "0")}-kit` }));
    patterns.push({ slug: "zebra-crossing-kit" });
    const g = buildGapGraph(library({ patterns }));
    const work = noWork();
    const match = createTargetMatcher(g, { ...DEFAULT_GAP_OPTIONS }, work);
    const [best] = match("zebra-crosing-kit", "slug");
    expect(best?.slug).toBe("zebra-crossing-kit");
    expect(work.skippedBlocks).toBe(3);
    // Only the blocks "zebra", "crosing" and the slug's and the title's first characters were searched.
    expect(work.textCandidates).toBeLessThan(10);
  });

  it("searches the smallest blocks first and no further block once MAX_TEXT_CANDIDATES are gathered", () => {
    // Three words each in 600 patterns (under MAX_BLOCK; any two over MAX_TEXT_CANDIDATES), one in 3.
    const n = 600;
    const patterns = ["garden", "river", "stone"].flatMap((word) => Array.from({ length: n }, (_, i) => ({ slug: `${word}-n${String(i).padStart(4, "0")}` })));
    patterns.push({ slug: "quiet-garden-river-stone" }, { slug: "quiet-harbour" }, { slug: "quiet-meadow" });
    const g = buildGapGraph(library({ patterns }));
    const work = noWork();
    const match = createTargetMatcher(g, { ...DEFAULT_GAP_OPTIONS }, work);
    const [best] = match("quiet-stone-river-garden", "slug");
    expect(best?.slug).toBe("quiet-garden-river-stone");
    // "quiet" (3) first, then two of the 600-pattern words; the third is past the budget.
    expect(work.textCandidates).toBeGreaterThanOrEqual(MAX_TEXT_CANDIDATES);
    expect(work.textCandidates).toBeLessThan(MAX_TEXT_CANDIDATES + n);
    expect(work.skippedBlocks).toBe(1);
  });

  it("skips no block of the 2026-02-20 library, so its candidates are those of the unbounded search", async () => {
    const lib = await loadLibrary(realLibrary("2026-02-20"));
    const work = noWork();
    const match = createTargetMatcher(buildGapGraph(lib), { ...DEFAULT_GAP_OPTIONS }, work);
    for (const d of lib.dangling) match(d.target, d.form);
    expect(work.skippedBlocks).toBe(0);
    expect(work.textCandidates).toBeGreaterThan(0);
    // Fewer comparisons than references times patterns by far.
    expect(work.textCandidates).toBeLessThan((lib.dangling.length * lib.patterns.length) / 20);
  }, 120_000);
});
