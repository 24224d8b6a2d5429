// Attacks on the real server (`pattern-atlas serve` as a child process) holding the real 3,573-file
// library: the heaviest requests the API allows, sent at once, must each be answered within their
// budget while /healthz stays quick; and the smaller holes (paths leaked, URLs built from Host,
// methods, parameters) stay shut. Neo4j's attacks are in neo4j-frozen.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_HEADERS, defaultLoadTool } from "../bench/lib/load.ts";
import { heavyRequests, hostileLoad } from "../bench/lib/hostile.ts";
import { startServerChild, type ServerChild } from "../bench/lib/child.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { REPO_ROOT } from "../server/helpers.ts";
import { timedGet } from "./timed-get.ts";

/** The 2026-02-20 library from the repository's fixture (every file cut to its frontmatter): what the gap analysis reads. */
const SNAPSHOT = realLibrary("2026-02-20");
/**
 * /healthz under the heaviest load. The target, p99 under 50 ms, is the benchmark's (the
 * hostile-load section); this test runs beside other work on 2 shared cores (load averages of 20-30
 * were seen, where a runnable process waits for a dozen others), so it allows far more, and still
 * fails when the main thread is held by the requests' work, as it was when the exports were made on
 * it: /healthz waited 0.5-1 s each time, on a quieter machine.
 */
const HEALTH_P50_MS = 100;
const HEALTH_P99_MS = 1_000;

let server: ServerChild;
let origin: string;

beforeAll(async () => {
  server = await startServerChild(REPO_ROOT, ["--library", SNAPSHOT]);
  origin = server.url.replace(/\/$/, "");
  // The gap analysis of this library is made once, on the gaps thread; the attacks start after it.
  expect((await timedGet(`${origin}/api/gaps?limit=1`, {}, 60_000)).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe("the heaviest requests at once", () => {
  it("are all answered while /healthz stays quick", async () => {
    const kinds = await heavyRequests(origin, { paths: false });
    const mixed = { name: "all heavy requests", paths: kinds.flatMap((k) => k.paths) };
    // Each URL once first: the answers a server that has been up a while holds (as the benchmark measures).
    for (const path of mixed.paths) expect((await timedGet(`${origin}${path}`, { headers: BROWSER_HEADERS })).status, path).toBe(200);
    const run = await hostileLoad(origin, mixed, 8, 8, defaultLoadTool(), BROWSER_HEADERS);
    expect(run.load.errors).toBe(0);
    expect(run.load.non2xx).toBe(0);
    expect(run.load.requests).toBeGreaterThan(mixed.paths.length);
    expect(run.health.unhealthy).toBe(0);
    expect(run.health.count).toBeGreaterThan(20);
    expect(run.health.p50Ms, JSON.stringify(run)).toBeLessThan(HEALTH_P50_MS);
    expect(run.health.p99Ms, JSON.stringify(run)).toBeLessThan(HEALTH_P99_MS);
  }, 60_000);

  it("sends the exports gzipped to clients that take it, and the same text to those that do not", async () => {
    const raw = await fetch(`${origin}/api/gaps/export.csv`, { headers: { "accept-encoding": "identity" } });
    const zipped = await fetch(`${origin}/api/gaps/export.csv`, { headers: { "accept-encoding": "gzip" } });
    expect(raw.headers.get("content-encoding")).toBeNull();
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toMatch(/Accept-Encoding/i);
    const [a, b] = [await raw.text(), await zipped.text()];
    expect(a.length).toBeGreaterThan(1_000_000);
    expect(b).toBe(a);
  });

  it("drops an export whose client left, and keeps answering", async () => {
    const gone = new AbortController();
    const pending = fetch(`${origin}/api/gaps/export.json?kind=dangling,orphan`, { signal: gone.signal }).catch((e: unknown) => e);
    gone.abort();
    expect(await pending).toBeInstanceOf(Error);
    expect((await timedGet(`${origin}/healthz`)).status).toBe(200);
    expect((await timedGet(`${origin}/api/gaps/export.json?kind=dangling,orphan`)).status).toBe(200);
  });
});

describe("the smaller holes", () => {
  it("never shows the server's absolute library path", async () => {
    const stats = JSON.parse((await timedGet(`${origin}/api/stats`)).body) as { root: string };
    expect(stats.root).toBe("_patterns");
    const gaps = JSON.parse((await timedGet(`${origin}/api/gaps?limit=1`)).body) as { library: { root: string } };
    expect(gaps.library.root).toBe("_patterns");
    const report = (await timedGet(`${origin}/api/gaps/export.md`)).body;
    expect(report.split("\n")[0]).toBe("# Gap report: \\_patterns");
    for (const body of [JSON.stringify(stats), JSON.stringify(gaps), report]) expect(body).not.toContain(REPO_ROOT.split("/").slice(0, 3).join("/"));
  });

  it("never builds a URL from the Host header", async () => {
    const headers = { host: "evil.example" };
    const oembed = await timedGet(`${origin}/api/oembed?url=${encodeURIComponent("/?view=overview")}`, { headers });
    expect(oembed.status).toBe(200);
    expect(oembed.body).not.toContain("evil.example");
    const embed = await timedGet(`${origin}/embed?view=overview`, { headers });
    expect(embed.body).not.toContain("evil.example");
  });

  it.each([
    ["POST", "/api/gaps", "GET, HEAD"],
    ["PATCH", "/api/gaps/export.csv", "GET, HEAD"],
    ["DELETE", "/api/oembed", "GET, HEAD"],
    ["POST", "/api/events", "GET, HEAD"],
    ["PUT", "/api/stats", "GET, HEAD"],
    ["POST", "/api/openapi.json", "GET, HEAD"],
    ["POST", "/embed", "GET, HEAD"],
    ["DELETE", "/healthz", "GET, HEAD"],
    ["GET", "/api/gaps/patch", "POST"],
    ["PUT", "/api/gaps/apply", "POST"],
  ])("answers %s %s with 405 and Allow", async (method, path, allow) => {
    const res = await fetch(`${origin}${path}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe(allow);
    expect(((await res.json()) as { error: { details: { parameter: string } } }).error.details.parameter).toBe("method");
  });

  it.each([
    ["/api/openapi.json?x=1", "x"],
    ["/api/gaps?kind=", "kind"],
    ["/api/gaps/export.md?domain=", "domain"],
    ["/api/problems?kind=", "kind"],
    ["/api/problems?file=", "file"],
    ["/api/neighborhood/bulkhead?direction=", "direction"],
    ["/api/oembed?url=/&maxwidth=", "maxwidth"],
  ])("refuses %s with a 400 naming %s", async (path, parameter) => {
    const res = await timedGet(`${origin}${path}`);
    expect(res.status).toBe(400);
    expect((JSON.parse(res.body) as { error: { details: { parameter: string } } }).error.details.parameter).toBe(parameter);
  });

  it("lets /healthz ignore its query, and search take an empty q", async () => {
    expect((await timedGet(`${origin}/healthz?x=1&probe=`)).status).toBe(200);
    expect(JSON.parse((await timedGet(`${origin}/api/search?q=`)).body)).toMatchObject({ hits: [] });
  });

  it("answers oEmbed's unsupported format with 501 and a code of its own", async () => {
    const res = await timedGet(`${origin}/api/oembed?url=/&format=xml`);
    expect(res.status).toBe(501);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "unsupported_format" } });
  });
});
