// The search index builder given its sizes beforehand (SearchIndexSizes, as a server on Neo4j reads
// them from the stored search keys): the same parts, and so the same hits, as a builder that grows its
// lists, whether the sizes are exact, too small or too large, with keys of one-byte characters only
// and with a key whose characters need two bytes (the haystack widened midway).
import { beforeAll, describe, expect, it } from "vitest";
import { SearchIndex, SearchIndexBuilder, searchPatterns, type IndexParts, type SearchablePattern, type SearchIndexSizes } from "../../graph/algorithms/search.ts";
import { searchProperties } from "../../graph/neo4j/neo4j-model.ts";
import type { Pattern } from "../../core/model.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";

/** The sizes as readSearchIndex (neo4j-search.ts) asks Neo4j for them, from the stored search keys. */
function sizesOf(patterns: readonly SearchablePattern[]): SearchIndexSizes {
  const sizes = { keys: 0, chars: 0, words: 0 };
  for (const p of patterns) {
    for (const key of searchProperties(p as Pattern).searchKeys) {
      sizes.keys += 1;
      sizes.chars += key.length + 1;
      if (key.includes(" ")) sizes.words += key.split(" ").length;
    }
  }
  return sizes;
}

function partsOf(patterns: readonly SearchablePattern[], sizes?: SearchIndexSizes): IndexParts {
  const builder = new SearchIndexBuilder(sizes);
  // In pages, as a server on Neo4j feeds it.
  for (let at = 0; at < patterns.length; at += 100) builder.add(patterns.slice(at, at + 100));
  return builder.parts();
}

/** The parts as plain arrays, so that a typed array's type and capacity do not count, only its values. */
const plain = (parts: IndexParts): Record<string, unknown> =>
  Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v]));

describe("the search index builder given its sizes", () => {
  let narrow: SearchablePattern[];
  let wide: SearchablePattern[];

  beforeAll(async () => {
    const library = await loadLibrary(realLibrary("2026-01-29"));
    narrow = library.patterns.map(({ slug, title, aliases, domain }) => ({ slug, title, aliases, ...(domain === undefined ? {} : { domain }) }));
    // Greek letters stay two-byte characters once normalised: the haystack widens at this pattern.
    wide = [...narrow.slice(0, 300), { slug: "omega-flow" as Pattern["slug"], title: "Ωμέγα Flow Ωmega", aliases: ["Λάμδα"] }, ...narrow.slice(300)];
  }, 60_000);

  it("makes the same parts as the growing builder, with exact, too small and too large sizes", () => {
    for (const patterns of [narrow, wide]) {
      const grown = plain(partsOf(patterns));
      const exact = sizesOf(patterns);
      expect(exact.keys).toBeGreaterThan(patterns.length);
      expect(exact.words).toBeGreaterThan(0);
      const half = { keys: exact.keys >> 1, chars: exact.chars >> 1, words: exact.words >> 1 };
      const twice = { keys: exact.keys * 2, chars: exact.chars * 2, words: exact.words * 2 };
      for (const sizes of [exact, half, twice]) expect(plain(partsOf(patterns, sizes))).toEqual(grown);
    }
    expect(partsOf(wide, sizesOf(wide)).haystack).toContain("ωμεγα");
  });

  it("gives the same hits from an index of exact sizes", () => {
    const grown = new SearchIndex(partsOf(wide));
    const sized = new SearchIndex(partsOf(wide, sizesOf(wide)));
    const queries = [...wide.slice(0, 60).map((p) => p.title.slice(0, -1)), "ωμεγα flw", "lamda", "qzxwv", "goverance desing"];
    for (const query of queries) expect(searchPatterns(sized, query, 10)).toEqual(searchPatterns(grown, query, 10));
    expect(searchPatterns(sized, "Ωμέγα", 3)[0]?.slug).toBe("omega-flow");
    expect(searchPatterns(sized, "ωμεγς", 3)[0]?.slug).toBe("omega-flow");
  });
});
