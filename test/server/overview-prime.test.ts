// The server's start-up lays the overview out while the memory store prepares (server/main.ts): the
// overview made from the library alone (libraryOverview) is the store's own, and the overview cache
// uses that early layout only when the store's overview hashes the same, so the answer is the same
// either way.
import { describe, expect, it } from "vitest";
import { canonicalLibraryInPlace, createMemoryStore, libraryOverview, type Library, type OverviewGraph } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createOverviewCache } from "../../server/overview-cache.ts";
import type { Logger } from "../../server/logger.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { withoutTime } from "./overview-fetch.ts";

const lines: string[] = [];
const logger: Logger = { info: (line) => lines.push(line), warn: (line) => lines.push(`warn: ${line}`), error: (line) => lines.push(`error: ${line}`) };


describe("the overview made from the library alone", () => {
  it("is the memory store's overview on the real 2026-02-20 library (3,573 files)", async () => {
    const early = libraryOverview(canonicalLibraryInPlace(await loadLibrary(realLibrary("2026-02-20"))));
    const store = createMemoryStore(await loadLibrary(realLibrary("2026-02-20")));
    expect(early).toEqual(await store.overview());
    expect(early.nodes.length).toBeGreaterThan(3500);
  });

  it("counts a self-link once and leaves dangling references out, as the store does", async () => {
    const library: Library = {
      root: "",
      files: 3,
      patterns: ["c", "a", "b"].map((slug) => ({ slug, title: slug.toUpperCase(), file: `${slug}.md`, aliases: [] }) as unknown as Library["patterns"][number]),
      links: [
        { source: "a", target: "b", type: "related", file: "a.md", line: 2 },
        { source: "a", target: "a", type: "related", file: "a.md", line: 3 },
        { source: "c", target: "b", type: "enables", file: "c.md", line: 2 },
      ] as unknown as Library["links"],
      dangling: [{ source: "b", target: "nowhere", type: "related", file: "b.md", line: 2 }] as unknown as Library["dangling"],
      problems: [],
    };
    const store = createMemoryStore(structuredClone(library));
    const early = libraryOverview(canonicalLibraryInPlace(structuredClone(library)));
    expect(early).toEqual(await store.overview());
    expect(early.nodes.map((n) => [n.slug, n.degree])).toEqual([
      ["a", 2],
      ["b", 2],
      ["c", 1],
    ]);
  });
});

describe("an overview cache primed while the store loads", () => {
  it("answers with the early layout when it is the store's overview, the same parts as without it", async () => {
    const library = await loadLibrary("examples/library");
    const store = createMemoryStore();
    const primed = createOverviewCache(store, logger);
    lines.length = 0;
    const ordered = canonicalLibraryInPlace(library);
    primed.prime(libraryOverview(ordered));
    await store.adoptLibrary(ordered);
    const answer = await primed.get();
    expect(lines.filter((l) => l.startsWith("Overview layout:"))).toEqual([expect.stringContaining("started while the store loaded")]);
    const plain = await createOverviewCache(store, logger).get();
    expect(answer.hash).toBe(plain.hash);
    expect(withoutTime(answer.parts.first.json)).toEqual(withoutTime(plain.parts.first.json));
  });

  it("lays the store's overview out when the early one differs, and answers it", async () => {
    const store = createMemoryStore(await loadLibrary("examples/library"));
    const overview = await store.overview();
    const other: OverviewGraph = { nodes: overview.nodes, links: overview.links.slice(1) };
    const primed = createOverviewCache(store, logger);
    lines.length = 0;
    primed.prime(other);
    const answer = await primed.get();
    expect(lines.filter((l) => l.startsWith("Overview layout:"))).toEqual([expect.not.stringContaining("started while the store loaded")]);
    const plain = await createOverviewCache(store, logger).get();
    expect(answer.hash).toBe(plain.hash);
    expect(withoutTime(answer.parts.first.json)).toEqual(withoutTime(plain.parts.first.json));
  });
});
