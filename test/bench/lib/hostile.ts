// Hostile load: the heaviest requests the API allows, sent by several connections at once, while a
// separate process asks /healthz every few milliseconds and times each answer. Used by the bench's
// `hostile-load` section and by test/security/hostile-load.test.ts. The prober runs in its own
// process so that the load generator's work (parsing megabytes of answers) is not counted as the
// server's latency.
import { spawn } from "node:child_process";
import { runLoad, type LoadResult, type LoadTool, type QueryKind } from "./load.ts";
import { fetchWholeOverview } from "../../server/overview-fetch.ts";

export interface HealthProbe {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers that were not 200. */
  unhealthy: number;
}

/** A plain Node script (no loader): sequential GET /healthz for `seconds`, then one JSON line of percentiles. */
const PROBE_SCRIPT = `
const http = require("node:http");
const [origin, seconds, pauseMs] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times = [];
let unhealthy = 0;
const end = Date.now() + Number(seconds) * 1000;
function once() {
  if (Date.now() >= end) return done();
  const started = process.hrtime.bigint();
  http.get(origin + "/healthz", { agent }, (res) => {
    res.resume();
    res.on("end", () => {
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (res.statusCode !== 200) unhealthy++;
      setTimeout(once, Number(pauseMs));
    });
  }).on("error", () => { unhealthy++; setTimeout(once, Number(pauseMs)); });
}
function done() {
  times.sort((a, b) => a - b);
  const at = (q) => times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))] : 0;
  process.stdout.write(JSON.stringify({ count: times.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: times.at(-1) ?? 0, unhealthy }) + "\\n");
  agent.destroy();
}
once();
`;

/** Times /healthz from a separate process for `seconds`, one request every ~`pauseMs` after the last answer. */
export function probeHealth(origin: string, seconds: number, pauseMs = 10): Promise<HealthProbe> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", PROBE_SCRIPT, origin, String(seconds), String(pauseMs)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "") as HealthProbe);
      } catch {
        reject(new Error(`the /healthz prober exited (${code}) without a result: ${out}`));
      }
    });
  });
}

export interface HeavyRequestOptions {
  /** Include k=10, maxLength=8 paths between hubs (the paths search is being bounded separately). */
  paths: boolean;
}

/**
 * The heaviest requests the API allows on the served library, by kind: the largest neighbourhood
 * (depth 4, 10,000 nodes, from the best-linked patterns), every gap export unfiltered and per
 * domain, whole pages of gaps, the deepest lineage, searches that reach the typo tier, and (when
 * asked) the most alternatives on the longest paths between hubs.
 */
export async function heavyRequests(origin: string, options: HeavyRequestOptions): Promise<QueryKind[]> {
  const overview = await fetchWholeOverview(origin);
  const hubs = [...overview.nodes].sort((a, b) => b.degree - a.degree || (a.slug < b.slug ? -1 : 1)).slice(0, 8);
  const domains = [...new Set(overview.nodes.map((n) => n.domain).filter((d): d is string => d !== undefined))].sort().slice(0, 6);
  const typo = encodeURIComponent("zqxj wvkp ".repeat(20).slice(0, 200));
  const kinds: QueryKind[] = [
    { name: "neighbourhood depth 4, 10,000 nodes", paths: hubs.map((h) => `/api/neighborhood/${encodeURIComponent(h.slug)}?depth=4&limit=10000`) },
    {
      name: "gap exports",
      paths: [
        ...["json", "csv", "md"].map((f) => `/api/gaps/export.${f}`),
        ...domains.flatMap((d) => ["json", "csv", "md"].map((f) => `/api/gaps/export.${f}?domain=${encodeURIComponent(d)}`)),
      ],
    },
    { name: "gaps pages of 500", paths: [0, 500, 1000, 2000, 4000, 8000].map((o) => `/api/gaps?limit=500&offset=${o}`) },
    { name: "lineage depth 10", paths: hubs.map((h) => `/api/lineage/${encodeURIComponent(h.slug)}?depth=10`) },
    { name: "search, typo tier, 200 chars", paths: [`/api/search?q=${typo}&limit=100`, "/api/search?q=zqxjv&limit=100", "/api/search?q=e&limit=100"] },
  ];
  if (options.paths) {
    const pairs = hubs.flatMap((a, i) => hubs.slice(i + 1).map((b) => [a.slug, b.slug] as const));
    kinds.push({ name: "paths k=10, maxLength 8", paths: pairs.map(([a, b]) => `/api/paths?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}&k=10&maxLength=8`) });
  }
  return kinds;
}

export interface HostileRun {
  load: LoadResult;
  health: HealthProbe;
}

/** One kind of heavy request at `connections` for `seconds`, with /healthz timed meanwhile. */
export async function hostileLoad(origin: string, kind: QueryKind, connections: number, seconds: number, tool: LoadTool, headers: Readonly<Record<string, string>>): Promise<HostileRun> {
  const [load, health] = await Promise.all([runLoad(`${origin}/`, kind, connections, seconds, headers, tool), probeHealth(origin, seconds)]);
  return { load, health };
}
