// The neighbourhood serialiser writes byte for byte what JSON.stringify would, from fragments kept per
// library version: on literal neighbourhoods with every kind of node and link, on the real library,
// and across versions (a fragment of one library never leaks into the answer of another).
import { describe, expect, it } from "vitest";
import { createMemoryStore, type Library, type Subgraph } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createSubgraphSerializer } from "../../server/subgraph-json.ts";
import { AWKWARD } from "../fixtures/awkward-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { SMALL_LIBRARY } from "./helpers.ts";

const REAL_LIBRARY = realLibrary("2026-02-20");

async function neighbourhoods(library: Library, slugs: readonly string[], limit = 200): Promise<Subgraph[]> {
  const store = createMemoryStore(library);
  const out: Subgraph[] = [];
  for (const slug of slugs) {
    for (const depth of [1, 2, 3]) out.push(await store.neighborhood(slug, { depth, direction: "both", limit }));
  }
  return out;
}

describe("the neighbourhood serialiser", () => {
  it("writes exactly what JSON.stringify writes, escapes, placeholders, integer-like slugs and cuts included", async () => {
    const serializer = createSubgraphSerializer();
    const subgraphs = [
      ...(await neighbourhoods(AWKWARD, AWKWARD.patterns.map((p) => p.slug))),
      ...(await neighbourhoods(AWKWARD, ["a-quote"], 2)),
      ...(await neighbourhoods(SMALL_LIBRARY, SMALL_LIBRARY.patterns.map((p) => p.slug))),
    ];
    expect(subgraphs.some((g) => g.truncated)).toBe(true);
    expect(subgraphs.some((g) => g.nodes.some((n) => n.dangling))).toBe(true);
    // Twice: the second time from kept fragments.
    for (let round = 0; round < 2; round++) {
      for (const g of subgraphs) expect(serializer.serialize("v1", g).toString()).toBe(JSON.stringify(g));
    }
  });

  it("does not mix the fragments of two library versions", async () => {
    const serializer = createSubgraphSerializer();
    const [before] = await neighbourhoods(SMALL_LIBRARY, ["focused-practice"]);
    const renamed: Library = { ...SMALL_LIBRARY, patterns: SMALL_LIBRARY.patterns.map((p) => ({ ...p, title: `${p.title} (new)` })) };
    const [after] = await neighbourhoods(renamed, ["focused-practice"]);
    expect(serializer.serialize("v1", before!).toString()).toBe(JSON.stringify(before));
    expect(serializer.serialize("v2", after!).toString()).toBe(JSON.stringify(after));
    expect(serializer.serialize("v2", after!).toString()).toContain("(new)");
  });

  it("falls back to JSON.stringify for anything that is not a plain Subgraph", () => {
    const serializer = createSubgraphSerializer();
    const odd = { center: "x", nodes: [], links: [], distance: {}, truncated: false, extra: 1 } as unknown as Subgraph;
    expect(serializer.serialize("v1", odd).toString()).toBe(JSON.stringify(odd));
  });

  it("still answers exactly once its fragment budget is spent", async () => {
    const serializer = createSubgraphSerializer(300);
    for (const g of await neighbourhoods(SMALL_LIBRARY, SMALL_LIBRARY.patterns.map((p) => p.slug))) {
      expect(serializer.serialize("v1", g).toString()).toBe(JSON.stringify(g));
    }
  });

  it("writes exactly what JSON.stringify writes for depth-2 neighbourhoods of the real library", async () => {
    const library = await loadLibrary(REAL_LIBRARY);
    const serializer = createSubgraphSerializer();
    const slugs = library.patterns.filter((_, i) => i % 97 === 0).map((p) => p.slug);
    const store = createMemoryStore(library);
    for (const slug of slugs) {
      const g = await store.neighborhood(slug, { depth: 2, direction: "both", limit: 200 });
      expect(serializer.serialize("real", g).equals(Buffer.from(JSON.stringify(g)))).toBe(true);
    }
  }, 60_000);
});
