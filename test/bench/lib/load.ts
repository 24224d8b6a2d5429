// Load tests against a running server: realistic request URLs built from a library's slugs and titles,
// and one load run per query kind (wrk when installed, else autocannon), reduced to p50 / p99 / throughput.
import autocannon from "autocannon";
import { seededRandom as seeded } from "../../fixtures/literal-library.ts";
import { round } from "./stats.ts";
import { hasWrk, runWrk } from "./wrk.ts";

export const LOAD_TOOLS = ["wrk", "autocannon"] as const;
export type LoadTool = (typeof LOAD_TOOLS)[number];

/** wrk when it is installed: it measures the server, where autocannon on 2 cores measures itself too (see wrk.ts). */
export const defaultLoadTool = (): LoadTool => (hasWrk() ? "wrk" : "autocannon");

export interface OverviewSample {
  nodes: { slug: string; title: string; degree: number }[];
}

export interface QueryKind {
  name: string;
  paths: string[];
}

export interface LoadResult {
  query: string;
  urls: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
}


/** Distinct URLs per query kind: hundreds, so that a cache of answers is tested on a realistic spread. */
export const URLS_PER_KIND = 500;

/**
 * Search, depth-2 neighbourhood and path queries, `count` distinct URLs each, drawn from the
 * library: search text is what a user types (a title's first word prefix, or a whole word),
 * neighbourhoods and paths start at linked patterns (as a user clicking in the graph does).
 */
export function buildQueries(sample: OverviewSample, count = URLS_PER_KIND, seed = 42): QueryKind[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const linked = sample.nodes.filter((n) => n.degree > 0);
  /** Draws until `count` distinct URLs (or gives up after many repeats, on a tiny library). */
  const distinct = (draw: () => string): string[] => {
    const urls = new Set<string>();
    for (let attempts = 0; urls.size < count && attempts < count * 20; attempts++) urls.add(draw());
    return [...urls];
  };
  const search = distinct(() => {
    const words = pick(sample.nodes).title.split(/\s+/).filter((w) => w.length >= 3);
    const word = words.length ? pick(words) : "pattern";
    const text = random() < 0.5 ? word.slice(0, 3 + Math.floor(random() * 4)) : word;
    return `/api/search?q=${encodeURIComponent(text.toLowerCase())}&limit=10`;
  });
  const neighborhood = distinct(() => `/api/neighborhood/${encodeURIComponent(pick(linked).slug)}?depth=2`);
  const paths = distinct(() => {
    const from = pick(linked).slug;
    let to = pick(linked).slug;
    if (to === from) to = pick(linked).slug;
    return `/api/paths?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  });
  return [
    { name: "search", paths: search },
    { name: "neighborhood depth 2", paths: neighborhood },
    { name: "paths (k=1)", paths: paths },
  ];
}

/** What a browser sends that matters here: it takes gzip (fetch() unzips it). */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = { "accept-encoding": "gzip, deflate, br" };

/** Runs one query kind at `connections` concurrent connections for `durationSeconds`, each request with `headers`. */
export async function runLoad(
  url: string,
  kind: QueryKind,
  connections: number,
  durationSeconds: number,
  headers: Readonly<Record<string, string>> = {},
  tool: LoadTool = "autocannon",
): Promise<LoadResult> {
  const base = new URL(url);
  if (tool === "wrk") {
    const r = await runWrk(base.origin, kind.paths, connections, durationSeconds, headers);
    return {
      query: kind.name,
      urls: kind.paths.length,
      requests: r.requests,
      p50Ms: r.p50,
      p90Ms: r.p90,
      p99Ms: r.p99,
      maxMs: r.max,
      requestsPerSecond: round(r.requests / r.seconds, 0),
      non2xx: r.non2xx,
      errors: r.errors,
    };
  }
  const requests = kind.paths.map((path) => ({ method: "GET", path, headers: { ...headers } }));
  let clientIndex = 0;
  const result = await autocannon({
    url: base.origin,
    connections,
    duration: durationSeconds,
    timeout: 30,
    requests,
    // Each connection walks the URLs in its own order, so they do not hit the same URL in lockstep.
    setupClient: (client) => {
      const random = seeded(1000 + clientIndex++);
      const shuffled = [...requests];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      client.setRequests(shuffled);
    },
  });
  return {
    query: kind.name,
    urls: kind.paths.length,
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requestsPerSecond: round(result.requests.average, 0),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** What one pass over a kind's URLs found: the answers that were not 200, and the bytes of all answers. */
export interface UrlPass {
  failures: string[];
  urls: number;
  bytes: number;
}

/**
 * Sends URLs of each kind once (the first `limit` of each, all by default) and reports those that
 * did not answer 200 (a benchmark of 404s measures nothing), and the answers' total size: the
 * working set a cache of answers would need. A pass over all URLs is also the warm-up of the cache.
 */
export async function passOverUrls(url: string, kinds: QueryKind[], limit = Infinity): Promise<UrlPass[]> {
  const base = new URL(url);
  const passes: UrlPass[] = [];
  for (const kind of kinds) {
    const pass: UrlPass = { failures: [], urls: 0, bytes: 0 };
    for (const path of kind.paths.slice(0, limit)) {
      // fetch() asks for gzip and unzips: `bytes` is the size of the JSON itself.
      const res = await fetch(new URL(path, base));
      if (res.status !== 200) pass.failures.push(`${path} -> ${res.status}`);
      pass.bytes += (await res.arrayBuffer()).byteLength;
      pass.urls += 1;
    }
    passes.push(pass);
  }
  return passes;
}
