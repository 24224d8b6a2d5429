// The cache of serialised answers: a repeated query is answered without the store, a change of the
// library (by any means) is seen by the very next request, errors are never kept, the budget holds,
// and large answers go gzipped to clients that take gzip. Also the overview's cheap version check.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { asSlug, createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { COMPRESS_MIN_BYTES } from "../../server/response-cache.ts";
import { makeApp, SMALL_LIBRARY } from "./helpers.ts";

type Counted = GraphStore & { calls: Record<string, number> };

/**
 * A memory store that counts the calls of each method, and whose next version() answers can be
 * overridden (undefined: the real version), to show the library changing in the middle of a request.
 */
function countingStore(library: Library = SMALL_LIBRARY): Counted & { nextVersions(...versions: (string | undefined)[]): void } {
  const inner = createMemoryStore(library);
  const calls: Record<string, number> = {};
  const overrides: (string | undefined)[] = [];
  const counted = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    calls[name] = (calls[name] ?? 0) + 1;
    return fn(...args);
  };
  return {
    kind: "memory",
    calls,
    nextVersions: (...versions) => overrides.push(...versions),
    load: counted("load", inner.load),
    version: counted("version", async () => overrides.shift() ?? (await inner.version())),
    stats: counted("stats", inner.stats),
    getPattern: counted("getPattern", inner.getPattern),
    search: counted("search", inner.search),
    neighborhood: counted("neighborhood", inner.neighborhood),
    lineage: counted("lineage", inner.lineage),
    paths: counted("paths", inner.paths),
    problems: counted("problems", inner.problems),
    overview: counted("overview", inner.overview),
    exportLibrary: counted("exportLibrary", inner.exportLibrary),
    ping: counted("ping", inner.ping),
    close: inner.close,
  };
}

/** A star of 120 patterns around a hub: its neighbourhood is far above the compression threshold. */
const STAR: Library = {
  root: "star",
  files: 121,
  patterns: [
    { slug: asSlug("hub"), title: "Hub — the centre", aliases: [], file: "hub.md", generation: 2 },
    ...Array.from({ length: 120 }, (_, i) => ({ slug: asSlug(`leaf-${i}`), title: `Leaf ${i}`, aliases: [], domain: "leaves", file: `leaf-${i}.md`, generation: 1 as const })),
  ],
  links: Array.from({ length: 120 }, (_, i) => ({ source: asSlug("hub"), type: "enables", target: asSlug(`leaf-${i}`), weight: 0.5, declaredIn: "hub.md" })),
  dangling: [],
  problems: [],
};

const WITHOUT_ORPHAN: Library = { ...SMALL_LIBRARY, patterns: SMALL_LIBRARY.patterns.filter((p) => p.slug !== "lonely-orphan") };

describe("the cache of answers", () => {
  it("answers a repeated query without asking the store again, with the same body", async () => {
    const store = countingStore();
    const { app } = makeApp(undefined, { store });
    const first = await request(app).get("/api/neighborhood/focused-practice?depth=2").expect(200);
    const second = await request(app).get("/api/neighborhood/focused-practice?depth=2").expect(200).expect("Content-Type", /application\/json/);
    expect(store.calls.neighborhood).toBe(1);
    expect(second.body).toEqual(first.body);
    expect(second.body.center).toBe("focused-practice");
  });

  it("shares one entry between URLs that differ only in the order or repetition of link types", async () => {
    const store = countingStore();
    const { app } = makeApp(undefined, { store });
    const a = await request(app).get("/api/paths?from=coaching&to=spaced-practice&types=related,specializes_to,generalizes_from").expect(200);
    const b = await request(app).get("/api/paths?from=coaching&to=spaced-practice&types=generalizes_from,related,specializes_to,related").expect(200);
    expect(store.calls.paths).toBe(1);
    expect(b.body).toEqual(a.body);
    expect(a.body.paths).toHaveLength(1);
  });

  it("answers from the new library at once after a reload, however it was loaded", async () => {
    const store = countingStore();
    const { app } = makeApp(undefined, { store });
    expect((await request(app).get("/api/stats").expect(200)).body.patterns).toBe(7);
    await store.load(WITHOUT_ORPHAN);
    expect((await request(app).get("/api/stats").expect(200)).body.patterns).toBe(6);
    expect(store.calls.stats).toBe(2);
  });

  it("never keeps an error: a slug unknown before a reload is found after it", async () => {
    const store = countingStore(WITHOUT_ORPHAN);
    const { app } = makeApp(undefined, { store });
    await request(app).get("/api/patterns/lonely-orphan").expect(404);
    await request(app).get("/api/patterns/lonely-orphan").expect(404);
    expect(store.calls.getPattern).toBe(2);
    await store.load(SMALL_LIBRARY);
    expect((await request(app).get("/api/patterns/lonely-orphan").expect(200)).body.pattern.title).toBe("Lonely Orphan");
  });

  it("does not keep an answer computed while the library changed under it", async () => {
    const store = countingStore();
    const { app } = makeApp(undefined, { store });
    // The first request reads the version before (the real one) and after its query (another):
    // its answer may belong to either library, so it must not be kept under the first.
    store.nextVersions(undefined, "changed-meanwhile");
    await request(app).get("/api/lineage/focused-practice").expect(200);
    await request(app).get("/api/lineage/focused-practice").expect(200);
    await request(app).get("/api/lineage/focused-practice").expect(200);
    expect(store.calls.lineage).toBe(2);
  });

  it("asks the store every time when turned off", async () => {
    const store = countingStore();
    const { app } = makeApp(undefined, { store, responseCacheMb: 0 });
    for (let i = 0; i < 3; i++) await request(app).get("/api/search?q=practice").expect(200);
    expect(store.calls.search).toBe(3);
    // Nothing is kept, so no version is asked for (on Neo4j each is a round trip).
    expect(store.calls.version ?? 0).toBe(0);
    expect(app.atlas.answers.stats()).toMatchObject({ enabled: false, entries: 0 });
  });

  it("stays within its byte budget by dropping the least recently used answers", async () => {
    const store = countingStore(STAR);
    // 16 KB: room for a few dozen of the leaves' small answers, not for all 120.
    const { app } = makeApp(undefined, { store, responseCacheMb: 16 / 1024 });
    const slugs = STAR.patterns.map((p) => p.slug).filter((s) => s !== "hub");
    for (const slug of slugs) await request(app).get(`/api/patterns/${slug}`).expect(200);
    const { bytes, maxBytes, entries } = app.atlas.answers.stats();
    expect(bytes).toBeLessThanOrEqual(maxBytes);
    expect(entries).toBeGreaterThan(5);
    expect(entries).toBeLessThan(slugs.length);
    // The most recent answer is still there, the first one was dropped.
    const before = store.calls.getPattern!;
    await request(app).get(`/api/patterns/${slugs.at(-1)}`).expect(200);
    expect(store.calls.getPattern).toBe(before);
    await request(app).get(`/api/patterns/${slugs[0]}`).expect(200);
    expect(store.calls.getPattern).toBe(before + 1);
  });
});

describe("compression of large answers", () => {
  it("sends a large answer gzipped to a client that takes gzip, and the same JSON plain to one that does not", async () => {
    for (const responseCacheMb of [0, 32]) {
      const { app } = makeApp(STAR, { responseCacheMb });
      for (let round = 0; round < 2; round++) {
        // supertest unzips what it receives; the header says what went over the wire.
        const zipped = await request(app).get("/api/neighborhood/hub").set("Accept-Encoding", "gzip").expect(200);
        expect(zipped.headers["vary"]).toContain("Accept-Encoding");
        expect(zipped.headers["content-encoding"]).toBe("gzip");
        expect(Number(zipped.headers["content-length"])).toBeLessThan(COMPRESS_MIN_BYTES);
        const plain = await request(app).get("/api/neighborhood/hub").set("Accept-Encoding", "identity").expect(200);
        expect(plain.headers["content-encoding"]).toBeUndefined();
        expect(plain.text.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
        expect(zipped.body).toEqual(plain.body);
        expect(plain.body.nodes).toHaveLength(121);
      }
    }
  });

  it("sends a small answer plain whatever the client takes", async () => {
    const { app } = makeApp();
    const res = await request(app).get("/api/stats").set("Accept-Encoding", "gzip").expect(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
  });

  it("keeps a large answer gzipped and unzips it for a client that does not take gzip", async () => {
    const { app } = makeApp(STAR);
    await request(app).get("/api/neighborhood/hub").set("Accept-Encoding", "gzip").expect(200);
    const { bytes } = app.atlas.answers.stats();
    const plain = await request(app).get("/api/neighborhood/hub").set("Accept-Encoding", "identity").expect(200);
    expect(bytes).toBeLessThan(plain.text.length / 2);
    expect(plain.body.links).toHaveLength(120);
  });
});

describe("the overview's version check", () => {
  it("reads the store's overview only when the library version changed", async () => {
    const store = countingStore();
    const { app } = makeApp(undefined, { store });
    for (let i = 0; i < 3; i++) await request(app).get("/api/overview").expect(200);
    expect(store.calls.overview).toBe(1);
    await store.load(WITHOUT_ORPHAN);
    const after = await request(app).get("/api/overview").expect(200);
    expect(store.calls.overview).toBe(2);
    expect(after.body.nodes.slug).toHaveLength(6);
  });
});
