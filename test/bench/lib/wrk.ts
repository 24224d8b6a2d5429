// The load generator written in C (wrk, `apt-get install wrk`), used when it is installed: at a few
// thousand answers of tens of kilobytes a second, autocannon (JavaScript) needs a whole core of a
// 2-core machine for itself, and its queueing then shows up as the server's latency.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Each thread walks the URL list from its own starting point; percentiles come back as one JSON line. */
const SCRIPT = `
local urls = {}
local threads = {}
local counter = 0
local headers = {}

setup = function(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

init = function(args)
  for line in io.lines(args[1]) do urls[#urls + 1] = line end
  for i = 2, #args, 2 do headers[args[i]] = args[i + 1] end
  counter = (index * 7919) % #urls
end

request = function()
  counter = counter % #urls + 1
  return wrk.format("GET", urls[counter], headers)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('WRK-RESULT {"requests":%d,"seconds":%.3f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,"errors":%d,"non2xx":%d,"bytes":%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status, summary.bytes))
end
`;

export interface WrkResult {
  requests: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  /** Bytes read, headers included. */
  bytes: number;
}

let available: boolean | undefined;

/** Whether `wrk` is on the PATH. */
export function hasWrk(): boolean {
  available ??= spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
  return available;
}

/** Runs wrk against `origin` with `connections` connections for `seconds`, requesting `paths` in turn. */
export async function runWrk(
  origin: string,
  paths: readonly string[],
  connections: number,
  seconds: number,
  headers: Readonly<Record<string, string>>,
): Promise<WrkResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-wrk-"));
  try {
    const script = path.join(dir, "urls.lua");
    const list = path.join(dir, "urls.txt");
    writeFileSync(script, SCRIPT);
    writeFileSync(list, `${paths.join("\n")}\n`);
    // Two threads at most: the machine has two cores, which the server (its main thread and its
    // neighbourhood thread) shares with wrk.
    const threads = Math.min(2, connections);
    const args = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--timeout", "30s", "-s", script, origin, "--", list];
    for (const [name, value] of Object.entries(headers)) args.push(name, value);
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${out}`))));
    });
    const line = output.split("\n").find((l) => l.startsWith("WRK-RESULT "));
    if (!line) throw new Error(`wrk printed no result: ${output}`);
    return JSON.parse(line.slice("WRK-RESULT ".length)) as WrkResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
