// What this machine can do at best for the bench's depth-2 neighbourhood kind (not a test: run it by
// hand, `npx tsx test/bench/floor-server.ts [--seconds 5] [--rounds 3] [--connections 16]`): the
// real server's 500 answers are fetched once, then a bare node:http server in this process answers
// the same URLs with the same bytes and headers (one res.end of a Buffer kept in a Map, no work per
// answer) under the same wrk load. Its p99 and CPU per answer are the floor under which no change
// to the server's own work can bring the real one; wrk's own CPU per answer is printed beside it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServerChild } from "./lib/child.ts";
import { buildQueries } from "./lib/load.ts";
import { finishedChildrenCpu } from "./lib/process-cpu.ts";
import { runWrk } from "./lib/wrk.ts";
import { fetchWholeOverview } from "../server/overview-fetch.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
    corpus: { type: "string", default: path.resolve("../shared/corpus/commons-os-2026-02-20") },
  },
});

/** The headers the real server sends with a neighbourhood answer (security headers, Vary, the type), Date and Connection aside. */
const HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "frame-ancestors 'none'",
  Vary: "Accept-Encoding",
  "Content-Type": "application/json; charset=utf-8",
};

async function fetchAnswers(): Promise<{ paths: string[]; answers: Map<string, Buffer> }> {
  const server = await startServerChild(process.cwd(), ["--library", values.corpus, "--response-cache-mb", "0"]);
  try {
    await server.waitFor(/Overview layout: \d+ nodes in (\d+) ms/);
    const kind = buildQueries(await fetchWholeOverview(server.url)).find((k) => k.name.startsWith("neighborhood"))!;
    const answers = new Map<string, Buffer>();
    for (const p of kind.paths) {
      const res = await fetch(new URL(p, server.url), { headers: { "accept-encoding": "identity" } });
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
      answers.set(p, Buffer.from(await res.arrayBuffer()));
    }
    return { paths: kind.paths, answers };
  } finally {
    await server.stop();
  }
}

const { paths, answers } = await fetchAnswers();
const mean = [...answers.values()].reduce((sum, b) => sum + b.length, 0) / answers.size;
const server = createServer((req, res) => {
  const body = answers.get(req.url ?? "");
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { ...HEADERS, "Content-Length": body.length });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`${answers.size} answers of ${(mean / 1024).toFixed(1)} KB on average; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const connections = Number(values.connections);
const seconds = Number(values.seconds);
await runWrk(origin, paths, connections, Math.min(3, seconds), {});
for (let round = 1; round <= Number(values.rounds); round++) {
  const cpu = process.cpuUsage();
  const wrkBefore = finishedChildrenCpu();
  const r = await runWrk(origin, paths, connections, seconds, {});
  const used = process.cpuUsage(cpu);
  const wrk = (finishedChildrenCpu() - wrkBefore) / r.requests;
  console.log(
    `round ${round}: ${r.requests} answers, ${Math.round(r.requests / r.seconds)}/s, p50 ${r.p50} ms p99 ${r.p99} ms, non-2xx ${r.non2xx}; ` +
      `CPU per answer: server ${((used.user + used.system) / 1000 / r.requests).toFixed(3)} ms, wrk ${wrk.toFixed(3)} ms; load ${loadavg()[0]!.toFixed(1)}`,
  );
}
server.close();
