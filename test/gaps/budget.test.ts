// The gap analysis is refused, not attempted, when the heap cannot hold it: a 503 with a message
// naming the sizes, and the server answers afterwards.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, ResourceLimitError, type MemoryStore } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp, type AtlasApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { toHttpError } from "../../server/http-errors.ts";
import { checkGapsBudget, GAPS_BYTES_PER_PATTERN, GAPS_COPY_BYTES_PER_PATTERN } from "../../server/gaps-service.ts";

const MB = 1048576;

describe("checkGapsBudget", () => {
  it("lets the real library through with npm start's heap", () => {
    expect(() => checkGapsBudget(3_571, { used_heap_size: 300 * MB, heap_size_limit: 984 * MB })).not.toThrow();
  });

  it("lets ten times the real library through to the gaps thread, which analyses in its own heap", () => {
    // 631 MB: the main heap after loading the 10x library into the embedded store (npm start, 2026-12-06).
    const heap = { used_heap_size: 631 * MB, heap_size_limit: 984 * MB };
    expect(() => checkGapsBudget(35_710, heap, "thread")).not.toThrow();
    expect(() => checkGapsBudget(35_710, heap, "main")).toThrow(ResourceLimitError);
    // The copy handed over still has to fit.
    expect(() => checkGapsBudget(35_710, { used_heap_size: 900 * MB, heap_size_limit: 984 * MB }, "thread")).toThrow(
      `needs about ${Math.round((35_710 * GAPS_COPY_BYTES_PER_PATTERN) / MB)} MB`,
    );
  });

  it("refuses to analyse ten times the real library on the main thread when the embedded store already fills most of the heap, naming the sizes", () => {
    let error: unknown;
    try {
      checkGapsBudget(35_710, { used_heap_size: 585 * MB, heap_size_limit: 984 * MB });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ResourceLimitError);
    const message = (error as Error).message;
    expect(message).toContain("35710 patterns");
    expect(message).toContain(`${Math.round((35_710 * GAPS_BYTES_PER_PATTERN) / MB)} MB`);
    expect(message).toContain("399 MB free of 984 MB");
    expect(message).toMatch(/npm run gaps/);
    const http = toHttpError(error);
    expect(http.status).toBe(503);
    expect(http.body.error.code).toBe("resource_limit");
    expect(http.headers["Retry-After"]).toBeUndefined();
  });
});

describe("a gap analysis past the gaps thread's heap", () => {
  let store: MemoryStore;
  let app: AtlasApp;
  beforeAll(async () => {
    store = createMemoryStore(await loadLibrary(realLibrary("2026-02-20")));
    // 16 MB: the real library's analysis needs ~50 MB, so the thread runs out of heap.
    app = createApp({ store, logger: silentLogger, gaps: { threadHeapMb: 16 } });
  });
  afterAll(() => store.close());

  it("is refused with a 503 naming the heap and what to do, and the server goes on answering", async () => {
    const refused = await request(app).get("/api/gaps?limit=1");
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("resource_limit");
    expect(refused.body.error.message).toMatch(/gap analysis of 3571 patterns needs more than the 16 MB of heap/);
    expect(refused.body.error.message).toMatch(/npm run gaps/);
    expect(refused.body.error.details).toMatchObject({ limit: "gaps-thread-heap", heapMb: 16, patterns: 3571 });

    const stats = await request(app).get("/api/stats");
    expect(stats.status).toBe(200);
    expect(stats.body.patterns).toBe(3571);
    expect((await request(app).get("/healthz")).status).toBe(200);
    // Refused at once for the same library, not tried again (nor on the main thread).
    const started = performance.now();
    const again = await request(app).get("/api/gaps/export.csv");
    expect(again.status).toBe(503);
    expect(again.body.error.details).toMatchObject({ limit: "gaps-thread-heap" });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
