// The pool of memory for large answers: blocks are reused only once the response that used them is
// closed, and answers written into pooled memory (or lent by the neighbourhood thread) reach clients
// intact under concurrent load (the real library's depth-2 neighbourhoods are ~300 KB, all pooled),
// with the answer cache off and on.
import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBufferPool, createMemoryStore, MAX_FREE_BYTES, MIN_POOLED_BYTES, type GraphStore, type Library, type MemoryStore } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { createHttpServer } from "../../server/http-server.ts";
import { silentLogger } from "../../server/logger.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import type { ClosingResponse } from "../../graph/memory/buffer-pool.ts";

const REAL_LIBRARY_PATH = realLibrary("2026-02-20");

/** A response as releaseAfter sees one (ClosingResponse: 'close' and `closed`), finished by the test. */
function fakeResponse(): ClosingResponse & { finish(): void } {
  const emitter = new EventEmitter() as EventEmitter & { closed: boolean; finish(): void };
  emitter.closed = false;
  emitter.finish = () => {
    emitter.closed = true;
    emitter.emit("close");
  };
  return emitter;
}

describe("the buffer pool", () => {
  it("hands small answers fresh memory and large ones pooled memory of exactly the length asked", () => {
    const pool = createBufferPool();
    const small = pool.acquire(1000);
    expect(small.length).toBe(1000);
    expect(pool.owns(small)).toBe(false);
    const large = pool.acquire(300_000);
    expect(large.length).toBe(300_000);
    expect(pool.owns(large)).toBe(true);
    expect(pool.stats()).toEqual({ pooled: 0, pooledBytes: 0, inUse: 1, allocated: 1, adopted: 0 });
  });

  it("reuses a block only after the response that holds it is closed", () => {
    const pool = createBufferPool();
    const res = fakeResponse();
    const first = pool.acquire(MIN_POOLED_BYTES + 1);
    pool.releaseAfter(res, first);
    const second = pool.acquire(MIN_POOLED_BYTES + 1);
    expect(second.buffer).not.toBe(first.buffer);
    res.finish();
    const third = pool.acquire(MIN_POOLED_BYTES + 10);
    expect(third.buffer).toBe(first.buffer);
    expect(pool.stats()).toMatchObject({ inUse: 2, allocated: 2 });
  });

  it("releases at once for a response already closed, and ignores what it does not own or already got back", () => {
    const pool = createBufferPool();
    const res = fakeResponse();
    res.finish();
    const block = pool.acquire(200_000);
    pool.releaseAfter(res, block);
    pool.releaseAfter(res, block);
    pool.releaseAfter(res, Buffer.alloc(200_000));
    expect(pool.stats()).toEqual({ pooled: 1, pooledBytes: 256 * 1024, inUse: 0, allocated: 1, adopted: 0 });
  });

  it("gives adopted memory back through its own release once the response is closed, once, and never pools it", () => {
    const pool = createBufferPool();
    const res = fakeResponse();
    const lent = Buffer.alloc(300_000);
    let released = 0;
    pool.adopt(lent, () => (released += 1));
    expect(pool.owns(lent)).toBe(true);
    expect(pool.stats().adopted).toBe(1);
    pool.releaseAfter(res, lent);
    expect(released).toBe(0);
    res.finish();
    pool.releaseAfter(res, lent);
    expect(released).toBe(1);
    expect(pool.owns(lent)).toBe(false);
    expect(pool.stats()).toEqual({ pooled: 0, pooledBytes: 0, inUse: 0, allocated: 0, adopted: 0 });
  });

  it("keeps at most MAX_FREE_BYTES of free blocks, whatever the burst of large answers", () => {
    const pool = createBufferPool();
    const res = fakeResponse();
    const blocks = Array.from({ length: 8 }, () => pool.acquire(10 * 2 ** 20));
    for (const block of blocks) pool.releaseAfter(res, block);
    res.finish();
    const { pooled, pooledBytes, inUse } = pool.stats();
    expect(inUse).toBe(0);
    expect(pooledBytes).toBeLessThanOrEqual(MAX_FREE_BYTES);
    expect(pooled).toBe(MAX_FREE_BYTES / (16 * 2 ** 20));
    // A kept block is reused; the dropped ones are made again.
    pool.acquire(10 * 2 ** 20);
    expect(pool.stats()).toMatchObject({ pooled: pooled - 1, allocated: 8 });
  });
});

describe("pooled answers over HTTP on the real library", () => {
  let library: Library;
  let store: GraphStore;
  /** As the server runs it: neighbourhood answers written on the worker thread, in memory it lends. */
  let threaded: MemoryStore;
  beforeAll(async () => {
    library = await loadLibrary(REAL_LIBRARY_PATH);
    store = createMemoryStore(library);
    threaded = createMemoryStore(library, { neighborhoodThreads: 1 });
    await threaded.warm();
  });

  async function serve(responseCacheMb: number, served: GraphStore) {
    const app = createApp({ store: served, webDist: undefined, logger: silentLogger, responseCacheMb });
    const server = createHttpServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { app, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
    await threaded.close();
  });

  for (const [cacheMb, thread] of [[0, false], [32, false], [0, true], [32, true]] as const) {
    it(`sends every answer intact at 16 requests at once (answer cache ${cacheMb ? "on" : "off"}, ${thread ? "the neighbourhood thread" : "the main thread"})`, async () => {
      const answeredBefore = threaded.threadStats()!.answered;
      const { app, server, url } = await serve(cacheMb, thread ? threaded : store);
      closers.push(() => new Promise((resolve) => server.close(() => resolve())));
      const slugs = library.patterns.filter((_, i) => i % 23 === 0).map((p) => p.slug);
      // Each slug twice, so that with the cache on the second answer is a hit.
      const queue = [...slugs, ...slugs];
      const expected = new Map<string, string>();
      for (const slug of slugs) expected.set(slug, JSON.stringify(await store.neighborhood(slug, { depth: 2, direction: "both", limit: 200 })));
      let large = 0;
      const worker = async () => {
        for (let slug = queue.shift(); slug !== undefined; slug = queue.shift()) {
          const body = await (await fetch(`${url}/api/neighborhood/${encodeURIComponent(slug)}?depth=2`, { headers: { "accept-encoding": "identity" } })).text();
          expect(body, slug).toBe(expected.get(slug));
          if (body.length >= MIN_POOLED_BYTES) large += 1;
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      // Most answers went through pooled memory, and every block came back (each on its response's 'close').
      expect(large).toBeGreaterThan(slugs.length);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stats = app.atlas.answers.poolStats();
      expect(stats.inUse).toBe(0);
      expect(stats.adopted).toBe(0);
      expect(stats.allocated).toBeLessThanOrEqual(32);
      const threadStats = threaded.threadStats()!;
      if (thread) {
        // The thread wrote the answers (every miss), and all its memory came back.
        expect(threadStats.answered - answeredBefore).toBeGreaterThanOrEqual(slugs.length);
        expect(stats.allocated).toBe(0);
      }
      expect(threadStats).toMatchObject({ alive: true, lent: 0, inFlight: 0, failed: 0 });
    }, 120_000);
  }
});
