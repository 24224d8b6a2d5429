// The neighbourhood thread (graph/memory/neighborhood-thread.ts), as the server runs the memory store: its
// answers are byte for byte the calling thread's, mistakes are answered as without it, a new library
// is answered from at once (by the caller until the thread has it), a request for a library the
// thread already replaced is turned back, and a thread that dies leaves answers to the caller.
import { readdirSync, readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemoryStore,
  DIRECTIONS,
  InvalidInputError,
  NotFoundError,
  buildGraph,
  canonicalLibrary,
  planNeighborhood,
  type Library,
  type MemoryStore,
  type NeighborhoodOptions,
} from "../../graph/index.ts";
import { neighborhoodKernel, startNeighborhoodThread, type NeighborhoodThread } from "../../graph/memory/neighborhood-thread.ts";
import { MAX_ANSWERS_PER_MESSAGE, MAX_WAITED_FOR_DEPTH } from "../../graph/memory/neighborhood-thread-protocol.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { AWKWARD } from "../fixtures/awkward-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const EXAMPLE = new URL("../../examples/library", import.meta.url).pathname;
const SNAPSHOT = realLibrary("2026-02-20");

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A threaded store whose threads hold its current library. */
async function threadedStore(library: Library, threads = 1): Promise<MemoryStore> {
  const store = createMemoryStore(library, { neighborhoodThreads: threads });
  await store.warm();
  await until(() => store.threadStats()!.libraryVersion === 0, "the thread to load the library");
  return store;
}

function* optionSets(): Generator<NeighborhoodOptions> {
  for (const depth of [1, 2, 3, 4]) {
    for (const direction of DIRECTIONS) {
      for (const limit of [1, 3, 200]) {
        yield { depth, direction, limit };
        yield { depth, direction, limit, types: ["enables", "requires"] };
        yield { depth, direction, limit, types: [] };
      }
    }
  }
}

describe("the memory store with the neighbourhood thread", () => {
  const stores: MemoryStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it("answers every neighbourhood from the thread, byte for byte what JSON.stringify writes", async () => {
    const store = await threadedStore(AWKWARD);
    stores.push(store);
    let asked = 0;
    for (const options of optionSets()) {
      for (const { slug } of AWKWARD.patterns) {
        const expected = JSON.stringify(await store.neighborhood(slug, options));
        expect((await store.neighborhoodJson(slug, options)).toString(), `${slug} ${JSON.stringify(options)}`).toBe(expected);
        asked += 1;
      }
    }
    expect(store.threadStats()).toMatchObject({ alive: true, answered: asked, stale: 0, failed: 0, inFlight: 0, lent: 0 });
  });

  it("answers from two threads at once, each answer byte for byte what JSON.stringify writes", async () => {
    const store = await threadedStore(AWKWARD, 2);
    stores.push(store);
    const options: NeighborhoodOptions = { depth: 2, direction: "both", limit: 3 };
    const slugs = AWKWARD.patterns.map((p) => p.slug);
    // All asked at once: the requests are spread over both threads, and each answer comes back to its caller.
    const answers = await Promise.all(slugs.map((slug) => store.neighborhoodJson(slug, options)));
    for (const [i, slug] of slugs.entries()) expect(answers[i]!.toString(), slug).toBe(JSON.stringify(await store.neighborhood(slug, options)));
    expect(store.threadStats()).toMatchObject({ alive: true, libraryVersion: 0, answered: slugs.length, stale: 0, failed: 0, inFlight: 0, lent: 0 });
  });

  it("answers mistakes as the store does without it, without asking the thread", async () => {
    const store = await threadedStore(AWKWARD);
    stores.push(store);
    const plain = createMemoryStore(AWKWARD);
    const options: NeighborhoodOptions = { depth: 2, direction: "both", limit: 200 };
    const unknown = await store.neighborhoodJson("a-qoute", options).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown).toEqual(await plain.neighborhoodJson("a-qoute", options).catch((e: unknown) => e));
    await expect(store.neighborhoodJson("a-quote", { ...options, depth: 5 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store.neighborhoodJson("a-quote", { ...options, limit: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    expect(store.threadStats()!.answered).toBe(0);
  });

  it("answers from a newly loaded library at once, and from the thread once it holds it", async () => {
    const example = await loadLibrary(EXAMPLE);
    const store = await threadedStore(AWKWARD);
    stores.push(store);
    const options: NeighborhoodOptions = { depth: 2, direction: "both", limit: 200 };
    await store.load(example);
    const slug = example.patterns[0]!.slug;
    const expected = JSON.stringify(await store.neighborhood(slug, options));
    // Before warm() hands it over, the first answer after the load hands the library to the thread itself.
    expect((await store.neighborhoodJson(slug, options)).toString()).toBe(expected);
    await until(() => store.threadStats()!.libraryVersion === 1, "the thread to load the new library");
    const answered = store.threadStats()!.answered;
    for (const { slug: s } of example.patterns) {
      expect((await store.neighborhoodJson(s, options)).toString()).toBe(JSON.stringify(await store.neighborhood(s, options)));
    }
    expect(store.threadStats()!.answered - answered).toBe(example.patterns.length);
  });

  it("answers from the calling thread once the thread is closed", async () => {
    const store = await threadedStore(AWKWARD);
    const options: NeighborhoodOptions = { depth: 3, direction: "out", limit: 200 };
    await store.close();
    expect(store.threadStats()!.alive).toBe(false);
    expect((await store.neighborhoodJson("a-quote", options)).toString()).toBe(JSON.stringify(await store.neighborhood("a-quote", options)));
  });
});

describe("the neighbourhood thread itself", () => {
  const threads: NeighborhoodThread[] = [];
  afterAll(async () => {
    for (const thread of threads) await thread.close();
  });
  const graphA = buildGraph(canonicalLibrary(AWKWARD));
  const options = { depth: 2, direction: "both", limit: 200 } as const;
  const request = (libraryVersion: number) => ({ libraryVersion, ...planNeighborhood(graphA, "a-quote", options), center: "a-quote", ...options });

  it("turns back a request for a library it has already replaced, and lends each answer's memory until it is released", async () => {
    const thread = startNeighborhoodThread();
    threads.push(thread);
    thread.load(1, neighborhoodKernel(graphA));
    await until(() => thread.stats().libraryVersion === 1, "library version 1");
    const answer = await thread.encode(request(1));
    expect(answer).toBeDefined();
    expect(thread.stats().lent).toBe(1);
    answer!.release();
    answer!.release();
    expect(thread.stats().lent).toBe(0);

    // Library version 2 is posted before the request for 1, which the thread then no longer holds.
    thread.load(2, neighborhoodKernel(graphA));
    expect(await thread.encode(request(1))).toBeUndefined();
    expect(thread.stats()).toMatchObject({ stale: 1, answered: 1 });
    // A request for a library the thread has not confirmed is not sent at all.
    expect(await thread.encode(request(3))).toBeUndefined();
    expect(thread.stats().stale).toBe(1);
  });

  it("runs at the nice value it is given, below the calling thread, which keeps its own (Linux)", async () => {
    /** Nice value per thread id of this process (proc(5) stat field 19). */
    const niceByThread = (): Map<string, number> =>
      new Map(
        readdirSync("/proc/self/task").map((tid) => {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
          return [tid, Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])];
        }),
      );
    const own = getPriority();
    const before = niceByThread();
    const thread = startNeighborhoodThread(undefined, own + 3);
    threads.push(thread);
    thread.load(1, neighborhoodKernel(graphA));
    await until(() => thread.stats().libraryVersion === 1, "library version 1");
    const started = [...niceByThread()].filter(([tid]) => !before.has(tid)).map(([, nice]) => nice);
    if (process.platform === "linux") expect(started).toContain(own + 3);
    else expect(started).not.toContain(own + 3);
    expect(getPriority()).toBe(own);
    // It answers as any other.
    expect(await thread.encode(request(1))).toBeDefined();
  });

  it("reports a thread that died, and answers nothing more", async () => {
    const failures: string[] = [];
    const thread = startNeighborhoodThread((message) => failures.push(message));
    threads.push(thread);
    thread.load(1, neighborhoodKernel(graphA));
    await until(() => thread.stats().libraryVersion === 1, "library version 1");
    // A library without its adjacency makes the thread's message handler throw: an uncaught error ends it.
    thread.load(2, { index: {} as never, names: neighborhoodKernel(graphA).names, encoded: neighborhoodKernel(graphA).encoded });
    await until(() => !thread.stats().alive, "the thread to die");
    expect(failures[0]).toMatch(/^the neighbourhood thread (failed|exited)/);
    expect(await thread.encode(request(1))).toBeUndefined();
  });
});

describe("the neighbourhood thread on the real library", () => {
  let store: MemoryStore;
  let plain: MemoryStore;
  beforeAll(async () => {
    const library = await loadLibrary(SNAPSHOT);
    store = await threadedStore(library);
    plain = createMemoryStore(library);
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it("writes the same bytes as the calling thread for hubs and quiet patterns, at every depth and large limits", async () => {
    const { nodes } = await plain.overview();
    const byDegree = [...nodes].sort((a, b) => b.degree - a.degree || a.slug.localeCompare(b.slug));
    const centres = [...byDegree.slice(0, 4), ...byDegree.slice(-2), byDegree[Math.floor(byDegree.length / 2)]!].map((n) => n.slug);
    let asked = 0;
    for (const slug of centres) {
      for (const depth of [1, 2, 3, 4]) {
        for (const limit of [200, 5000]) {
          const options: NeighborhoodOptions = { depth, direction: "both", limit };
          const expected = await plain.neighborhoodJson(slug, options);
          expect((await store.neighborhoodJson(slug, options)).equals(expected), `${slug} depth ${depth} limit ${limit}`).toBe(true);
          asked += 1;
        }
      }
    }
    expect(store.threadStats()).toMatchObject({ answered: asked, failed: 0, lent: 0 });
  }, 60_000);

  it("sends the answers of requests that waited together, at most MAX_ANSWERS_PER_MESSAGE and half of those in flight a message, none held for a deeper request, each its own bytes", async () => {
    const { nodes } = await plain.overview();
    // Depth-2 neighbourhoods of linked patterns, ~0.3 ms each on the thread: all 48 are asked before
    // it has answered the first few, so the rest wait for it.
    const slugs = nodes.filter((n) => n.degree >= 5).slice(0, 48).map((n) => n.slug);
    const options: NeighborhoodOptions = { depth: 2, direction: "both", limit: 200 };
    const before = store.threadStats()!;
    const answers = await Promise.all(slugs.map((slug) => store.neighborhoodJson(slug, options)));
    for (const [i, slug] of slugs.entries()) expect(answers[i]!.equals(await plain.neighborhoodJson(slug, options)), slug).toBe(true);
    const after = store.threadStats()!;
    const [answered, deliveries] = [after.answered - before.answered, after.deliveries - before.deliveries];
    expect(answered).toBe(slugs.length);
    expect(deliveries).toBeLessThan(answered);
    expect(deliveries).toBeGreaterThanOrEqual(Math.ceil(answered / MAX_ANSWERS_PER_MESSAGE));
    expect(after).toMatchObject({ failed: 0, inFlight: 0, lent: 0 });

    // Two at a time: half of what is in flight is one answer, which goes as soon as it is made.
    const pairs = store.threadStats()!;
    for (let i = 0; i < 16; i += 2) {
      const two = slugs.slice(i, i + 2);
      const pair = await Promise.all(two.map((slug) => store.neighborhoodJson(slug, options)));
      for (const [j, slug] of two.entries()) expect(pair[j]!.equals(await plain.neighborhoodJson(slug, options)), slug).toBe(true);
    }
    const paired = store.threadStats()!;
    expect(paired.answered - pairs.answered).toBe(16);
    expect(paired.deliveries - pairs.deliveries).toBe(16);

    // Deeper requests (a few ms each) are not waited for: each answer goes as soon as it is made.
    const deep: NeighborhoodOptions = { ...options, depth: MAX_WAITED_FOR_DEPTH + 1 };
    const deepAnswers = await Promise.all(slugs.slice(0, 8).map((slug) => store.neighborhoodJson(slug, deep)));
    for (const [i, slug] of slugs.slice(0, 8).entries()) expect(deepAnswers[i]!.equals(await plain.neighborhoodJson(slug, deep)), slug).toBe(true);
    const last = store.threadStats()!;
    expect(last.answered - paired.answered).toBe(8);
    expect(last.deliveries - paired.deliveries).toBe(8);
  }, 60_000);
});
