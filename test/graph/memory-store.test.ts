// Runs the GraphStore contract against the in-memory store, plus what only this store promises:
// construction with a library, refusal of an inconsistent library (keeping the old one), fresh results.
import { describe, expect, it } from "vitest";
import { createMemoryStore, createStore, InvalidInputError, type Library, type Slug } from "../../graph/index.ts";
import { describeGraphStore, describeQueryBudgets, lib } from "./store.contract.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { linkKey } from "../../core/answers.ts";

describeGraphStore("memory", async () => createMemoryStore());
describeQueryBudgets("memory", async () => createMemoryStore(undefined, { searchBudget: { work: 0 }, lineageBudget: { work: 0 } }));

const pattern = (slug: string) => ({ slug: slug as Slug, title: slug.toUpperCase(), aliases: [], file: `${slug}.md`, generation: 1 as const });

describe("memory store", () => {
  it("starts empty, or with the library it was created with", async () => {
    expect((await createMemoryStore().stats()).patterns).toBe(0);
    const store = createMemoryStore(lib({ patterns: [pattern("x"), pattern("y")] }));
    expect(store.kind).toBe("memory");
    expect((await store.stats()).patterns).toBe(2);
  });

  it("is what createStore gives when no Neo4j is configured", async () => {
    const store = await createStore({});
    expect(store.kind).toBe("memory");
    expect((await store.stats()).patterns).toBe(0);
  });

  it("refuses a library whose link names a missing pattern and keeps the previous one", async () => {
    const store = createMemoryStore(lib({ patterns: [pattern("x")] }));
    const bad: Library = lib({
      patterns: [pattern("y")],
      links: [{ source: "y" as Slug, type: "enables", target: "nope" as Slug, declaredIn: "y.md" }],
    });
    await expect(store.load(bad)).rejects.toBeInstanceOf(InvalidInputError);
    expect((await store.getPattern("x")).pattern.slug).toBe("x");
  });

  it("refuses two patterns with one slug", async () => {
    await expect(createMemoryStore().load(lib({ patterns: [pattern("x"), pattern("x")] }))).rejects.toMatchObject({
      parameter: "library.patterns",
    });
  });

  it("counts a link declared twice once", async () => {
    const twice = { source: "x" as Slug, type: "enables", target: "y" as Slug, declaredIn: "x.md" };
    const store = createMemoryStore(lib({ patterns: [pattern("x"), pattern("y")], links: [twice, { ...twice, line: 9 }] }));
    expect((await store.stats()).links).toBe(1);
    expect((await store.exportLibrary()).links).toEqual([twice]);
    expect((await store.getPattern("x")).degree).toBe(1);
  });

  it("is not changed by edits to what it returned or to the library it was given", async () => {
    const input = lib({ patterns: [pattern("x"), pattern("y")] });
    const store = createMemoryStore(input);
    input.patterns[0].title = "changed";
    (await store.exportLibrary()).patterns.pop();
    (await store.getPattern("x")).pattern.title = "changed too";
    (await store.overview()).nodes[0].title = "and this";
    expect((await store.getPattern("x")).pattern.title).toBe("X");
    expect((await store.overview()).nodes.map((n) => n.title)).toEqual(["X", "Y"]);
  });
});

describe("memory store, a library taken over (the server's start-up)", () => {
  it("answers the real library as a loaded copy does: the same export, statistics, overview, searches and neighbourhoods", async () => {
    const loaded = createMemoryStore(await loadLibrary(realLibrary("2026-02-20")));
    const adopted = createMemoryStore();
    await adopted.adoptLibrary(await loadLibrary(realLibrary("2026-02-20")));
    expect(await adopted.exportLibrary()).toEqual(await loaded.exportLibrary());
    expect(await adopted.stats()).toEqual(await loaded.stats());
    const overview = await adopted.overview();
    expect(overview).toEqual(await loaded.overview());
    // The overview is every pattern's and every link's view, in canonical order.
    const library = await loaded.exportLibrary();
    expect(overview.nodes.map((n) => n.slug)).toEqual(library.patterns.map((p) => p.slug));
    expect(overview.links.map(linkKey)).toEqual(library.links.map((l) => `${l.source}|${l.type}|${l.target}`));
    for (const q of ["commons", "feedbak", "acceptance"]) expect(await adopted.search(q, 20)).toEqual(await loaded.search(q, 20));
    const options = { depth: 2, limit: 200, direction: "both" } as const;
    expect((await adopted.neighborhoodJson("acceptance-and-commitment", options)).toString()).toBe((await loaded.neighborhoodJson("acceptance-and-commitment", options)).toString());
    await expect(adopted.getPattern("acceptance-and-comitment")).rejects.toThrow(/acceptance-and-commitment/);
  });
});
