// The Neo4j store's read cost per answer, under the benchmark's neighbourhood and path mix (not a
// test: run it by hand against a Neo4j holding a library, e.g. one `ingest --neo4j` filled):
//   npx tsx test/bench/neo4j-read-cpu.ts --uri bolt://127.0.0.1:7687 --pid <Neo4j's JVM pid>
//     [--namespace default] [--kinds neighborhood,paths] [--answers 300] [--connections 1,16] [--warmup 100] [--hash] [--warm-reads]
// The store is called in process (no HTTP server), with the URLs the bench builds (lib/load.ts:
// depth-2 neighbourhoods of limit 200, k=1 paths between linked patterns). On this shared 2-core
// machine latency says mostly how long a query waited for a core; the JVM's CPU time (every
// thread, from /proc) per answer changes much less with the load, and is the figure to compare.
// `--hash` prints a digest of the answers (and of the first and last group pages of each cut neighbourhood): the same before and after a change that must not change them.
// `--warm-reads` runs the store's start-up warm-up (neo4j-warm.ts) first and says what it took; with
// `--warmup 0` the first answers then show what it buys.
// `--cache-mb N` bounds the adjacency and the cards kept between answers to N MB each (0: every answer read cold).
// `--profile N` runs the first N answers of each kind once more with every query PROFILEd, and prints
// per query shape its db hits, page cache hits and faults, rows and the characters of strings shipped.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import neo4j, { type ProfiledPlan, type QueryResult } from "neo4j-driver";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { buildQueries } from "./lib/load.ts";
import { threadCpu } from "./lib/process-cpu.ts";
import { neo4jConnectionOptions } from "./lib/neo4j-options.ts";

const { values } = parseArgs({
  options: {
    ...neo4jConnectionOptions,
    pid: { type: "string" },
    kinds: { type: "string", default: "neighborhood,paths" },
    answers: { type: "string", default: "300" },
    connections: { type: "string", default: "1,16" },
    warmup: { type: "string", default: "100" },
    hash: { type: "boolean", default: false },
    "warm-reads": { type: "boolean", default: false },
    profile: { type: "string", default: "0" },
    "cache-mb": { type: "string" },
  },
});

const jvmCpu = (): number => (values.pid ? [...threadCpu(Number(values.pid)).values()].reduce((a, b) => a + b, 0) : NaN);
/** Bytes the JVM read through read(2)/pread(2) so far (/proc/<pid>/io rchar): its page cache faults read the store files so. */
const jvmReadBytes = (): number => (values.pid ? Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${values.pid}/io`, "utf8"))![1]) : NaN);
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");

/** What PROFILE said of one query shape, summed over its runs. */
interface ShapeCost {
  runs: number;
  dbHits: number;
  pageCacheHits: number;
  pageCacheMisses: number;
  rows: number;
  chars: number;
}

/** Characters of every string in a record's values (what the Bolt answer carries, roughly). */
const charsOf = (value: unknown): number =>
  typeof value === "string" ? value.length : Array.isArray(value) ? value.reduce((sum: number, v) => sum + charsOf(v), 0) : 0;

/** The query shape a store query belongs to, named by what it reads. */
function shapeOf(query: string): string {
  if (query.includes("c IS NOT NULL AS found")) return "neighbourhood centre";
  if (query.includes("AS ends")) return "path ends";
  if (query.includes("AS adj")) return "adjacency of ranks";
  if (query.includes("AS cards")) return "cards of ranks";
  if (query.includes("stampAfter")) return "other, stamp after";
  return query.replace(/\s+/g, " ").slice(0, 60);
}

/** Runs `calls` once each with every query PROFILEd, and prints what each query shape cost Neo4j. */
async function profiled(calls: (() => Promise<unknown>)[], name: string): Promise<void> {
  const costs = new Map<string, ShapeCost>();
  const proto = neo4j.Session.prototype as unknown as { run: (query: string, ...rest: unknown[]) => Promise<QueryResult> };
  const run = proto.run;
  proto.run = async function (this: unknown, query: string, ...rest: unknown[]) {
    const result = await run.call(this, `PROFILE ${query}`, ...rest);
    const cost = costs.get(shapeOf(query)) ?? { runs: 0, dbHits: 0, pageCacheHits: 0, pageCacheMisses: 0, rows: 0, chars: 0 };
    const sum = (plan: ProfiledPlan): void => {
      cost.dbHits += plan.dbHits;
      cost.pageCacheHits += plan.pageCacheHits;
      cost.pageCacheMisses += plan.pageCacheMisses;
      for (const child of plan.children) sum(child);
    };
    if (result.summary.profile) sum(result.summary.profile);
    cost.runs++;
    cost.rows += result.records.length;
    for (const record of result.records) cost.chars += charsOf(Object.values(record.toObject()));
    costs.set(shapeOf(query), cost);
    return result;
  };
  try {
    for (const call of calls) await call();
  } finally {
    proto.run = run;
  }
  const per = (n: number): string => (n / calls.length).toFixed(1);
  for (const [shape, c] of costs) {
    console.log(
      `${name} PROFILE ${shape}: ${per(c.runs)} queries/answer, db hits ${per(c.dbHits)}, page cache hits ${per(c.pageCacheHits)}, faults ${per(c.pageCacheMisses)}, rows ${per(c.rows)}, string chars ${per(c.chars)} per answer (${calls.length} answers)`,
    );
  }
}

async function main(): Promise<void> {
  const cacheBytes = values["cache-mb"] === undefined ? undefined : Number(values["cache-mb"]) * 2 ** 20;
  const store = await createNeo4jStore({
    uri: values.uri,
    user: values.user,
    password: values.password,
    namespace: values.namespace,
    ...(cacheBytes === undefined ? {} : { readCacheBytes: { adjacency: cacheBytes, cards: cacheBytes } }),
  });
  const driver = neo4j.driver(values.uri, neo4j.auth.basic(values.user, values.password));
  try {
    const session = driver.session();
    const result = await session.run(
      `MATCH (l:${LABELS.library} {namespace: $ns}) MATCH (p:${LABELS.pattern} {lib: l.current}) RETURN p.slug AS slug, p.title AS title, p.degree AS degree`,
      { ns: values.namespace },
    );
    await session.close();
    const nodes = result.records.map((r) => ({ slug: String(r.get("slug")), title: String(r.get("title")), degree: Number(r.get("degree")) }));
    nodes.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    const kinds = buildQueries({ nodes }).filter((k) => values.kinds.split(",").some((w) => k.name.startsWith(w)));
    console.log(`${nodes.length} patterns; load ${load()}`);
    if (values["warm-reads"]) {
      const jvmBefore = jvmCpu();
      const ownBefore = process.cpuUsage();
      const ms = await store.warmReads();
      const own = process.cpuUsage(ownBefore);
      console.log(`warm-up: ${ms} ms, JVM CPU ${Math.round(jvmCpu() - jvmBefore)} ms, this process ${Math.round((own.user + own.system) / 1000)} ms; load ${load()}`);
    }
    for (const kind of kinds) {
      const calls = kind.paths.map((url) => {
        const u = new URL(url, "http://x");
        if (kind.name.startsWith("neighborhood")) {
          const slug = decodeURIComponent(u.pathname.split("/").pop()!);
          return () => store.neighborhood(slug, { depth: 2, direction: "both", limit: 200 });
        }
        const from = u.searchParams.get("from")!;
        const to = u.searchParams.get("to")!;
        return () => store.paths(from, to, { k: 1, maxLength: 6, directed: false });
      });
      const warm = Number(values.warmup);
      const warmStart = performance.now();
      for (let i = 0; i < warm; i++) await calls[i % calls.length]!();
      console.log(`${kind.name}: warm-up ${warm} answers in ${Math.round(performance.now() - warmStart)} ms`);
      if (values.hash) {
        const digest = createHash("sha256");
        let pages = 0;
        for (const call of calls) {
          const answer = await call();
          digest.update(JSON.stringify(answer)).update("\n");
          // A cut neighbourhood's first and last groups opened too (their keys name a via's slug).
          const groups = "center" in answer ? answer.groups : [];
          for (const group of groups.length > 1 ? [groups[0]!, groups.at(-1)!] : groups) {
            const slug = (answer as { center: string }).center;
            digest.update(JSON.stringify(await store.neighborhood(slug, { depth: 2, direction: "both", limit: 7, group: group.key, offset: 3 }))).update("\n");
            pages++;
          }
        }
        if (pages > 0) console.log(`${kind.name}: ${pages} group pages in the digest`);
        console.log(`${kind.name}: digest of ${calls.length} answers ${digest.digest("hex").slice(0, 16)}`);
      }
      if (Number(values.profile) > 0) await profiled(calls.slice(0, Number(values.profile)), kind.name);
      for (const connections of values.connections.split(",").map(Number)) {
        const total = Number(values.answers);
        const latencies: number[] = [];
        const failures = new Map<string, number>();
        let next = 0;
        const jvmBefore = jvmCpu();
        const readBefore = jvmReadBytes();
        const ownBefore = process.cpuUsage();
        const cacheBefore = store.readCacheStats();
        const start = performance.now();
        await Promise.all(
          Array.from({ length: connections }, async (_, c) => {
            for (let i = next++; i < total; i = next++) {
              const t = performance.now();
              try {
                await calls[(i * 7 + c) % calls.length]!();
              } catch (error) {
                const code = (error as { code?: string }).code ?? (error as Error).name;
                failures.set(code, (failures.get(code) ?? 0) + 1);
              }
              latencies.push(performance.now() - t);
            }
          }),
        );
        const wall = performance.now() - start;
        const own = process.cpuUsage(ownBefore);
        const jvm = jvmCpu() - jvmBefore;
        const jvmRead = jvmReadBytes() - readBefore;
        const cacheAfter = store.readCacheStats();
        const kept = (what: "adjacency" | "cards"): string => {
          const [before, after] = [cacheBefore[what], cacheAfter[what]];
          const hits = after.hits - before.hits;
          const asked = hits + after.misses - before.misses;
          return `${asked === 0 ? "none asked" : `${((100 * hits) / asked).toFixed(0)}% of ${asked} found`}, ${after.kept} kept, ${(after.bytes / 2 ** 20).toFixed(0)} MB`;
        };
        const first = latencies.slice(0, Math.min(20, latencies.length));
        latencies.sort((a, b) => a - b);
        console.log(
          `${kind.name} c${connections}: ${total} answers, first 20 ${Math.round(first.reduce((x, y) => x + y, 0))} ms (slowest ${Math.round(Math.max(...first))} ms), ${(total / (wall / 1000)).toFixed(1)}/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; ` +
            `JVM CPU ${(jvm / total).toFixed(2)} ms/answer (read ${(jvmRead / total / 1024).toFixed(0)} KB/answer), this process ${((own.user + own.system) / 1000 / total).toFixed(2)} ms/answer; ` +
            `adjacency lists: ${kept("adjacency")}; cards: ${kept("cards")}; ` +
            `${failures.size === 0 ? "no failures" : `failed: ${[...failures].map(([code, n]) => `${n} ${code}`).join(", ")}`}; load ${load()}`,
        );
      }
    }
  } finally {
    await driver.close();
    await store.close();
  }
}

await main();
