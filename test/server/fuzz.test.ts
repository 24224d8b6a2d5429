// No user input ever produces a 500: a few hundred random query strings and path segments per
// endpoint, each answered below 500, and every error with the uniform body. Seeded, so replayable.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLibrary } from "../../ingest/index.ts";
import type { AtlasApp } from "../../server/app.ts";
import { EXAMPLE_LIBRARY, expectErrorShape, makeApp, seededRandom } from "./helpers.ts";

let app: AtlasApp;

beforeAll(async () => {
  app = makeApp(await loadLibrary(EXAMPLE_LIBRARY)).app;
});
const REQUESTS_PER_ENDPOINT = 300;

const NAMES = ["pattern", "domain", "q", "limit", "depth", "types", "direction", "from", "to", "k", "maxLength", "directed", "kind", "file", "fatal", "offset",
  "__proto__", "constructor", "types[]", "a[b]", "", "%", "%zz", "dépth", "x"];
const VALUES = ["", "0", "1", "2", "4", "-1", "999999999999", "1e3", "0x10", "NaN", "Infinity", " 2", "2 ", "true", "false", "both",
  "out", "in", "enables", "enables,requires", ",", "enables,,related", "conflicts_with", "generalizes_from,specializes_to",
  "microservices", "conways-law", "modular-design", "pair-programming", "no-such", "%E0%A4%A", "%", "%%", "%00", "%0A", "%FF", "%C0%AF", "💥",
  "<script>alert(1)</script>", "' OR 1=1 --", "MATCH (n) DETACH DELETE n", "../../etc/passwd", "a".repeat(300), "invalid-yaml",
  "self-link,invalid-yaml", "null", "undefined", "[]", "{}"];
const SEGMENTS = ["microservices", "modular-design", "pair-programming", "big-bang-rewrite", "no-such-pattern", "%E0%A4%A", "%2F", "..", "%2e%2e", "a%00b", "💥", "a".repeat(250),
  "' OR '1'='1", "dangling:pat_x", "Conway%27s%20Law", "%25", "%C3%A9"];

interface Endpoint {
  path(segment: string): string;
  /** Valid parameters prefixed half of the time, so the fuzz also reaches the store with odd extras. */
  base?: string;
  /** False for /healthz, which ignores its query. */
  refusesBadInput: boolean;
}

// Run on the example library, so the store answers real queries between the refusals.
const ENDPOINTS: Endpoint[] = [
  { path: () => "/api/stats", refusesBadInput: true },
  { path: () => "/api/search", base: "q=practice", refusesBadInput: true },
  { path: (seg) => `/api/patterns/${seg}`, refusesBadInput: true },
  { path: (seg) => `/api/neighborhood/${seg}`, base: "depth=2", refusesBadInput: true },
  { path: (seg) => `/api/lineage/${seg}`, base: "depth=3", refusesBadInput: true },
  { path: () => "/api/paths", base: "from=microservices&to=conways-law", refusesBadInput: true },
  { path: () => "/api/problems", base: "limit=5", refusesBadInput: true },
  { path: () => "/api/overview", refusesBadInput: true },
  { path: () => "/api/gaps", base: "limit=5", refusesBadInput: true },
  { path: () => "/healthz", refusesBadInput: false },
];

function randomQuery(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const count = Math.floor(random() * 5);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const raw = random() < 0.15;
    const name = pick(NAMES);
    const value = pick(VALUES);
    // Mostly encoded as a browser would; sometimes raw, to reach the malformed-escape paths.
    parts.push(raw ? `${name}=${value}` : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  if (random() < 0.1) parts.push(pick(["&", "=", "==", "a", "&&"]));
  return parts.join("&");
}

describe("random input", () => {
  it.each(ENDPOINTS.map((endpoint, i) => [endpoint.path(":slug"), i] as const))("on %s never answers 500", async (_label, index) => {
    const random = seededRandom(1000 + index);
    const endpoint = ENDPOINTS[index]!;
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
      const segment = SEGMENTS[Math.floor(random() * SEGMENTS.length)]!;
      const query = [endpoint.base && random() < 0.5 ? endpoint.base : "", randomQuery(random)].filter(Boolean).join("&");
      const url = `${endpoint.path(segment)}?${query}`;
      const res = await request(app).get(url);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) throw new Error(`${url} answered ${res.status}: ${res.text}`);
      expect(res.headers["content-type"], url).toMatch(/json/);
      if (res.status >= 400) expectErrorShape(res.body);
    }
    // The fuzz must reach both answers and refusals, or it is not exercising the parsing.
    expect([...statuses.keys()].some((s) => s === 200 || s === 404), JSON.stringify([...statuses])).toBe(true);
    if (endpoint.refusesBadInput) expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  });
});
