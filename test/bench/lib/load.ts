// Load tests against a running server: realistic request URLs built from a library's slugs and titles,
// and one autocannon run per query kind, reduced to p50 / p99 / throughput.
import autocannon from "autocannon";
import { round } from "./stats.ts";

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

/** A seeded generator (mulberry32): the same URLs on every run, so runs compare. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Search, depth-2 neighbourhood and path queries, `count` URLs each, drawn from the library: search
 * text is what a user types (a title's first word prefix, or a whole word), neighbourhoods and paths
 * start at linked patterns (as a user clicking in the graph does).
 */
export function buildQueries(sample: OverviewSample, count = 200, seed = 42): QueryKind[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const linked = sample.nodes.filter((n) => n.degree > 0);
  const search: string[] = [];
  const neighborhood: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = pick(sample.nodes).title.split(/\s+/).filter((w) => w.length >= 3);
    const word = words.length ? pick(words) : "pattern";
    const text = random() < 0.5 ? word.slice(0, 3 + Math.floor(random() * 4)) : word;
    search.push(`/api/search?q=${encodeURIComponent(text.toLowerCase())}&limit=10`);
    neighborhood.push(`/api/neighborhood/${encodeURIComponent(pick(linked).slug)}?depth=2`);
    const from = pick(linked).slug;
    let to = pick(linked).slug;
    if (to === from) to = pick(linked).slug;
    paths.push(`/api/paths?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  }
  return [
    { name: "search", paths: search },
    { name: "neighborhood depth 2", paths: neighborhood },
    { name: "paths (k=1)", paths: paths },
  ];
}

/** Runs one query kind at `connections` concurrent connections for `durationSeconds`. */
export async function runLoad(url: string, kind: QueryKind, connections: number, durationSeconds: number): Promise<LoadResult> {
  const base = new URL(url);
  const requests = kind.paths.map((path) => ({ method: "GET", path }));
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

/** Sends each URL once and reports those that did not answer 200 (a benchmark of 404s measures nothing). */
export async function checkUrls(url: string, kinds: QueryKind[]): Promise<string[]> {
  const base = new URL(url);
  const failures: string[] = [];
  for (const kind of kinds) {
    for (const path of kind.paths.slice(0, 20)) {
      const res = await fetch(new URL(path, base));
      if (res.status !== 200) failures.push(`${path} -> ${res.status}`);
      await res.arrayBuffer();
    }
  }
  return failures;
}
