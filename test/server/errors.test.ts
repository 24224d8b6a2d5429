// The error contract over HTTP: one body shape for every error, 404/405 for unknown routes, 503 while
// the store is down (and recovery after), a generic logged 500 for bugs, never a stack trace.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createMemoryStore, QueryTimeoutError, StoreUnavailableError, type GraphStore } from "../../graph/index.ts";
import { isFrameable } from "../../server/security-headers.ts";
import { expectErrorShape, makeApp, SMALL_LIBRARY } from "./helpers.ts";

/** A memory store that can be switched to failing, the way a store over a lost database fails. */
function switchableStore(): { store: GraphStore; fail(error: Error | undefined): void } {
  const inner = createMemoryStore(SMALL_LIBRARY);
  let failure: Error | undefined;
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (failure) throw failure;
    return fn(...args);
  };
  const store: GraphStore = {
    kind: "neo4j",
    load: guard(inner.load),
    version: guard(inner.version),
    stats: guard(inner.stats),
    getPattern: guard(inner.getPattern),
    search: guard(inner.search),
    neighborhood: guard(inner.neighborhood),
    lineage: guard(inner.lineage),
    paths: guard(inner.paths),
    problems: guard(inner.problems),
    overview: guard(inner.overview),
    exportLibrary: guard(inner.exportLibrary),
    ping: guard(inner.ping),
    close: inner.close,
  };
  return { store, fail: (error) => (failure = error) };
}

describe("unknown routes and methods", () => {
  const { app } = makeApp();

  it("answers an unknown /api path with a 404 error body", async () => {
    const res = await request(app).get("/api/nope").expect(404).expect("Content-Type", /json/);
    expect(expectErrorShape(res.body).code).toBe("not_found");
  });

  it("answers /api/patterns without a slug with a 404 error body", async () => {
    expectErrorShape((await request(app).get("/api/patterns").expect(404)).body);
  });

  it("answers a write method on a read-only endpoint with a 405 and an Allow header", async () => {
    const res = await request(app).post("/api/stats").send({}).expect(405);
    expect(res.headers["allow"]).toBe("GET, HEAD");
    expect(expectErrorShape(res.body).details.parameter).toBe("method");
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await request(app).head("/api/stats").expect(200);
    expect(res.text ?? "").toBe("");
  });
});

describe("when the store is unavailable", () => {
  it("answers 503 with a Retry-After header, and recovers by itself when the store is back", async () => {
    const { store, fail } = switchableStore();
    const { app } = makeApp(undefined, { store });
    fail(new StoreUnavailableError("Neo4j at bolt://127.0.0.1:7687 is unreachable.", { uri: "bolt://127.0.0.1:7687" }));
    for (const url of ["/api/stats", "/api/search?q=a", "/api/patterns/coaching", "/api/paths?from=a&to=b", "/api/overview"]) {
      const res = await request(app).get(url).expect(503);
      expect(expectErrorShape(res.body).code).toBe("store_unavailable");
      expect(res.headers["retry-after"]).toBe("5");
    }
    const health = await request(app).get("/healthz").expect(503);
    expect(expectErrorShape(health.body).details.store).toBe("neo4j");

    fail(undefined);
    await request(app).get("/api/stats").expect(200);
    await request(app).get("/healthz").expect(200, { status: "ok", store: "neo4j" });
  });
});

describe("when the store's query runs out of time", () => {
  it("answers 504 with the store's advice, without Retry-After (the same request would take as long)", async () => {
    const { store, fail } = switchableStore();
    const { app } = makeApp(undefined, { store });
    fail(new QueryTimeoutError(10_000, "Ask for fewer alternatives (k), a shorter maxLength, or fewer link types."));
    const res = await request(app).get("/api/paths?from=a&to=b&k=3").expect(504);
    const error = expectErrorShape(res.body);
    expect(error.code).toBe("query_timeout");
    expect(error.message).toBe("The graph database did not answer within 10 s. Ask for fewer alternatives (k), a shorter maxLength, or fewer link types.");
    expect(error.details).toEqual({ timeoutMs: 10_000 });
    expect(res.headers["retry-after"]).toBeUndefined();
  });
});

describe("an unexpected error", () => {
  it("is a generic 500 that leaks neither its message nor its stack, and is logged", async () => {
    const { store, fail } = switchableStore();
    const { app, logger } = makeApp(undefined, { store });
    fail(new TypeError("secret internal detail: cannot read property x of undefined"));
    const res = await request(app).get("/api/stats").expect(500);
    const error = expectErrorShape(res.body);
    expect(error.code).toBe("internal");
    expect(JSON.stringify(res.body)).not.toContain("secret");
    expect(logger.lines.some((l) => l.level === "error" && l.error instanceof TypeError)).toBe(true);
  });

  it("on /healthz is a 503 whose body keeps the detail in the log", async () => {
    const { store, fail } = switchableStore();
    const { app, logger } = makeApp(undefined, { store });
    fail(new Error("secret socket detail"));
    const res = await request(app).get("/healthz").expect(503);
    expect(JSON.stringify(res.body)).not.toContain("secret");
    expect(logger.lines.some((l) => l.level === "error")).toBe(true);
  });
});

describe("security headers", () => {
  const { app } = makeApp();

  it("forbid framing and sniffing on the API and the pages", async () => {
    for (const url of ["/api/stats", "/", "/api/nope"]) {
      const res = await request(app).get(url);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["x-powered-by"]).toBeUndefined();
    }
  });

  it("treat only /embed and below as the embed route", () => {
    expect(["/embed", "/embed/", "/embed/path", "/embed.html"].every(isFrameable)).toBe(true);
    expect(["/", "/embedded", "/api/embed", "/x/embed"].some(isFrameable)).toBe(false);
  });

  it("let any site frame the embed route", async () => {
    const res = await request(app).get("/embed?mode=overview");
    expect(res.headers["x-frame-options"]).toBeUndefined();
    expect(res.headers["content-security-policy"]).toBe("frame-ancestors *");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("the explorer's files", () => {
  it("when not built, / says to run npm run build", async () => {
    const { app } = makeApp(undefined, { webDist: path.join(tmpdir(), "pattern-atlas-no-such-dist") });
    const res = await request(app).get("/").expect(200).expect("Content-Type", /text\/plain/);
    expect(res.text).toContain("npm run build");
  });

  it("when built, serves index.html at /, assets as files, and index.html for app paths", async () => {
    const dist = mkdtempSync(path.join(tmpdir(), "pattern-atlas-dist-"));
    mkdirSync(path.join(dist, "assets"));
    writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>Atlas</title>");
    writeFileSync(path.join(dist, "assets", "app-abc123.js"), "console.log(1)");
    const { app } = makeApp(undefined, { webDist: dist });
    expect((await request(app).get("/").expect(200).expect("Content-Type", /html/)).text).toContain("<title>Atlas");
    const asset = await request(app).get("/assets/app-abc123.js").expect(200).expect("Content-Type", /javascript/);
    expect(asset.headers["cache-control"]).toContain("immutable");
    expect((await request(app).get("/pattern/coaching?depth=2").expect(200)).text).toContain("<title>Atlas");
    await request(app).get("/assets/missing.js").expect(404);
    // The API keeps its own 404s: the SPA fallback never answers /api.
    expectErrorShape((await request(app).get("/api/unknown").expect(404)).body);
  });

  it("refuses a path that climbs out of the build folder", async () => {
    const dist = mkdtempSync(path.join(tmpdir(), "pattern-atlas-dist-"));
    writeFileSync(path.join(dist, "index.html"), "<!doctype html>");
    const { app } = makeApp(undefined, { webDist: dist });
    const res = await request(app).get("/..%2f..%2fetc%2fpasswd");
    expect(res.text ?? "").not.toContain("root:");
  });
});
