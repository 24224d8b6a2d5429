// A server on a Neo4j already holding a library, through typo searches (the search's lower tiers, whose
// index the first one builds): its RSS (VmRSS) and peak (VmHWM) from /proc at ready, sampled every
// 100 ms through each search, and after; the server's CPU (every thread) per search; each answer's
// md5, so that two checkouts' answers can be compared. Not a test: run by hand, e.g. for an A/B
// against a checkout of main,
//   npx tsx test/bench/neo4j-typo-rss.ts --uri bolt://127.0.0.1:7701 [--repo /path/to/checkout] [--port <n>]
//     [--queries "qzxwv,goverance desing,qzxwv"] [--jvm-pid <pid>] (Neo4j's CPU per search too)
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServerChild } from "./lib/child.ts";
import { neo4jConnectionOptions } from "./lib/neo4j-options.ts";

const { values } = parseArgs({
  options: {
    ...neo4jConnectionOptions,
    repo: { type: "string", default: path.resolve(import.meta.dirname, "../..") },
    port: { type: "string" },
    queries: { type: "string", default: "qzxwv,goverance desing,qzxwv" },
    "settle-ms": { type: "string", default: "3000" },
    "jvm-pid": { type: "string" },
  },
});

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");
const log = (line: string): void => console.log(`${new Date().toISOString().slice(11, 19)} ${line} [load ${load()}]`);
const cpuMsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const threadsOf = (pid: number): number => Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);

const env = { NEO4J_URI: values.uri, NEO4J_USER: values.user, NEO4J_PASSWORD: values.password, NEO4J_NAMESPACE: values.namespace, NEO4J_QUERY_TIMEOUT_MS: "120000" };
const server = await startServerChild(values.repo, ["--response-cache-mb", "0"], env, { built: true, ...(values.port === undefined ? {} : { port: Number(values.port) }) });
try {
  await server.waitFor(/Overview layout: \d+ nodes in \d+ ms/, 600_000);
  await new Promise((r) => setTimeout(r, Number(values["settle-ms"])));
  const mb = (n: number): string => `${Math.round(n)} MB`;
  const ready = server.memory();
  log(`${values.repo}: ready, RSS ${mb(ready.rssMb)} (peak ${mb(ready.peakRssMb)}), threads ${threadsOf(server.pid)}, CPU ${cpuMsOf(server.pid)} ms`);
  for (const query of values.queries.split(",")) {
    let top = 0;
    const sampler = setInterval(() => (top = Math.max(top, server.memory().rssMb)), 100);
    const cpu = cpuMsOf(server.pid);
    const jvm = values["jvm-pid"] === undefined ? undefined : Number(values["jvm-pid"]);
    const jvmCpu = jvm === undefined ? 0 : cpuMsOf(jvm);
    const start = performance.now();
    const response = await fetch(new URL(`/api/search?q=${encodeURIComponent(query)}&limit=10`, server.url));
    const body = await response.text();
    const ms = performance.now() - start;
    clearInterval(sampler);
    const after = server.memory();
    const md5 = createHash("md5").update(body).digest("hex").slice(0, 12);
    log(`"${query}": ${response.status} in ${Math.round(ms)} ms, server CPU ${cpuMsOf(server.pid) - cpu} ms${jvm === undefined ? "" : `, JVM CPU ${cpuMsOf(jvm) - jvmCpu} ms`}; RSS after ${mb(after.rssMb)}, highest sampled ${mb(top)}, peak so far ${mb(after.peakRssMb)}; body md5 ${md5} (${body.length} chars)`);
  }
  await new Promise((r) => setTimeout(r, Number(values["settle-ms"])));
  const end = server.memory();
  log(`after ${values["settle-ms"]} ms: RSS ${mb(end.rssMb)}, peak ${mb(end.peakRssMb)}, threads ${threadsOf(server.pid)}`);
} finally {
  await server.stop();
}
