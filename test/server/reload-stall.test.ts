// A --watch reload of the real library never holds the server: the real server (a child process,
// `serve --watch` on a copy of the 2026-02-20 snapshot) re-reads an edited file, rebuilds its store
// and lays the overview out again while /healthz, polled every 10 ms from this process, keeps
// answering; and the edit is served afterwards. Two bounds: the wall time of each answer, and the CPU
// time the server's main thread ran while it was awaited (from Linux's /proc schedstat), which a busy
// machine does not inflate. Before the reload's work was sliced and the layout moved to a thread,
// the main thread ran one block of ~0.25 s (the store) and one of ~0.5 s (the layout) per reload:
// /healthz waited that long at best, 1.8-3 s on a busy machine.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, stopChild } from "../bench/lib/child.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { REPO_ROOT } from "./helpers.ts";

/**
 * The longest /healthz answer allowed during a reload, wall time: generous, since a loaded 2-core
 * machine adds its waits for a core (measured 0.24-0.36 s at load average 20-22, 1.03 s at 24 with
 * other test files beside it; before: 1.76-2.62 s). The CPU bound below is the one the old reload
 * fails at any load.
 */
const RELOAD_HEALTHZ_BOUND_MS = 2_000;
/**
 * The most CPU time the server's main thread may run while one /healthz answer is awaited: its
 * slices are ~8 ms, measured at most 23-39 ms at load average 20-24 (a garbage collection, a step
 * that does not split), once 167 ms in a full-suite run (a major collection of the replaced
 * library's heap, which the main thread runs whatever the slicing); the old blocks of 250 and
 * 500 ms cannot fit (measured 492 ms).
 */
const RELOAD_MAIN_THREAD_CPU_BOUND_MS = 220;
/** The file edited, and the title it gets. */
const EDITED = "governance-design.md";
const SLUG = "governance-design";

let library = "";
let server: ChildProcess | undefined;
let output = "";
let url = "";

async function waitForOutput(pattern: RegExp, from: number, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!pattern.test(output.slice(from))) {
    if (server?.exitCode !== null) throw new Error(`The server exited (${server?.exitCode}):\n${output}`);
    if (Date.now() - started > timeoutMs) throw new Error(`No ${pattern} within ${timeoutMs} ms:\n${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  library = mkdtempSync(path.join(tmpdir(), "pattern-atlas-reload-"));
  cpSync(realLibrary("2026-02-20"), library, { recursive: true });
  const port = await freePort();
  server = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", "serve", "--library", library, "--port", String(port), "--watch"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATTERN_ATLAS_LIBRARY: "", PORT: "", NEO4J_URI: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await waitForOutput(/Watching /, 0);
  // The start-up layout is done: what is measured below is the reload's work only.
  await waitForOutput(/Overview layout/, 0);
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (server) await stopChild(server);
  if (library) rmSync(library, { recursive: true, force: true });
});

describe("a --watch reload of the real library", () => {
  it("keeps /healthz answering within its bound while the edited file is re-read, loaded and laid out, and then serves the edit", async () => {
    const pid = server!.pid!;
    // The server's main thread (its thread id is the process id): CPU time it has run, in ms.
    const schedstat = `/proc/${pid}/task/${pid}/schedstat`;
    expect(existsSync(schedstat)).toBe(true);
    const mainThreadCpuMs = (): number => Number(readFileSync(schedstat, "utf8").split(" ")[0]) / 1e6;
    const latencies: number[] = [];
    const cpuWhileWaiting: number[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const started = performance.now();
        const cpuBefore = mainThreadCpuMs();
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        cpuWhileWaiting.push(mainThreadCpuMs() - cpuBefore);
        expect(res.status).toBe(200);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const from = output.length;
    const file = path.join(library, EDITED);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: (.*)$/m, "title: Governance Design (edited)"));
    await waitForOutput(/Reloaded: /, from);
    // An edited title changes the overview: it is laid out again.
    await waitForOutput(/Overview layout/, from);
    await new Promise((r) => setTimeout(r, 300));
    polling = false;
    await poll;

    const detail = (await (await fetch(`${url}/api/patterns/${SLUG}`)).json()) as { pattern: { title: string } };
    expect(detail.pattern.title).toBe("Governance Design (edited)");
    const worst = Math.max(...latencies);
    const worstCpu = Math.max(...cpuWhileWaiting);
    console.log(`/healthz during the reload: ${latencies.length} answers, longest ${worst.toFixed(1)} ms, main thread CPU while one was awaited at most ${worstCpu.toFixed(1)} ms`);
    expect(latencies.length).toBeGreaterThan(20);
    expect(worst).toBeLessThan(RELOAD_HEALTHZ_BOUND_MS);
    expect(worstCpu).toBeLessThan(RELOAD_MAIN_THREAD_CPU_BOUND_MS);
  });
});
