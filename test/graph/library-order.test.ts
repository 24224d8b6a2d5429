// The canonical order put in place (canonicalLibraryInPlace, the server's start-up) against the copy
// every store exports (canonicalLibrary): the same library, list for list, on the real library as read
// and shuffled with repeated links, and nothing copied.
import { describe, expect, it } from "vitest";
import { canonicalLibrary, canonicalLibraryInPlace } from "../../graph/algorithms/library-order.ts";
import type { Library } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { seededRandom } from "../fixtures/literal-library.ts";

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

describe("the canonical order put in place", () => {
  it("gives the real library as read exactly as the copy does, without copying a pattern or a link", async () => {
    const library = await loadLibrary(realLibrary("2026-02-20"));
    const expected = canonicalLibrary(library);
    const patterns = new Set(library.patterns);
    const links = new Set(library.links);
    const ordered = canonicalLibraryInPlace(library);
    expect(ordered).toBe(library);
    expect(ordered).toEqual(expected);
    expect(ordered.patterns.every((p) => patterns.has(p))).toBe(true);
    expect(ordered.links.every((l) => links.has(l))).toBe(true);
  });

  it("sorts a shuffled library with repeated links as the copy does, keeping each link's first declaration", async () => {
    const library = await loadLibrary(realLibrary("2026-02-20"));
    const next = seededRandom(7);
    // Every 10th link declared again, from another line, so that which one is kept shows.
    const repeated = library.links.filter((_, i) => i % 10 === 0).map((l) => ({ ...l, line: (l.line ?? 0) + 1000 }));
    const shuffled: Library = {
      ...library,
      patterns: shuffle([...library.patterns], next),
      links: shuffle([...library.links, ...repeated], next),
      dangling: shuffle([...library.dangling], next),
      problems: shuffle([...library.problems], next),
    };
    const expected = canonicalLibrary(shuffled);
    expect(expected.links.length).toBe(library.links.length);
    expect(canonicalLibraryInPlace(shuffled)).toEqual(expected);
  });
});
