// `pattern-atlas serve` as a real child process: it prints what it loaded and the URL, answers there,
// exits cleanly on SIGTERM, and refuses bad configuration with one line on stderr and exit status 1
// (2 for a mistake in the command line itself).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeSnapshot } from "../../ingest/index.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT, SMALL_LIBRARY } from "../server/helpers.ts";
import { freePort } from "../bench/lib/child.ts";

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function startMain(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", "serve", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATTERN_ATLAS_LIBRARY: "", PORT: "", NEO4J_URI: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const match = stdout.match(pattern);
        if (match) return resolve(match);
        if (child.exitCode !== null) return reject(new Error(`exited ${child.exitCode}: ${stdout}\n${stderr}`));
        if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${pattern}: ${stdout}\n${stderr}`));
        setTimeout(check, 50);
      };
      check();
    });
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

describe("pattern-atlas serve", () => {
  it("prints what it loaded and its URL, answers there, and exits cleanly on SIGTERM", async () => {
    const port = await freePort();
    const main = startMain(["--library", EXAMPLE_LIBRARY, "--port", String(port)]);
    const [, url] = await main.waitFor(/running at (http:\/\/\S+)/);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    const { stdout } = main.output();
    expect(stdout).toMatch(/Loaded library examples\/library/);
    expect(stdout).toMatch(/\d+ files, \d+ patterns, \d+ links/);
    expect(stdout).toContain("Store: memory");

    const stats = (await (await fetch(`${url}api/stats`)).json()) as { patterns: number };
    expect(stats.patterns).toBeGreaterThan(20);
    const health = await fetch(`${url}healthz`);
    expect(health.status).toBe(200);

    main.child.kill("SIGTERM");
    expect(await main.exited).toBe(0);
  });

  it("takes the port from PORT and the library from PATTERN_ATLAS_LIBRARY", async () => {
    const port = await freePort();
    const main = startMain([], { PORT: String(port), PATTERN_ATLAS_LIBRARY: EXAMPLE_LIBRARY });
    const [, url] = await main.waitFor(/running at (http:\/\/\S+)/);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    main.child.kill("SIGINT");
    expect(await main.exited).toBe(0);
  });

  it("serves a snapshot written by ingest with --snapshot", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pattern-atlas-snap-")), "small.json");
    await writeSnapshot(file, SMALL_LIBRARY);
    const main = startMain(["--snapshot", file, "--port", "0"]);
    const [, url] = await main.waitFor(/running at (http:\/\/\S+)/);
    expect(main.output().stdout).toMatch(/Loaded snapshot .*small\.json/);
    const res = await fetch(`${url}api/paths?from=spaced-practice&to=feedback-loop`);
    expect(((await res.json()) as { paths: unknown[] }).paths).toHaveLength(1);
    main.child.kill("SIGTERM");
    expect(await main.exited).toBe(0);
  });

  it("refuses a file that is not a snapshot in one line", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pattern-atlas-snap-")), "bad.json");
    writeFileSync(file, "{\"format\": \"something-else\"}");
    const main = startMain(["--snapshot", file]);
    expect(await main.exited).toBe(1);
    expect(main.output().stderr).toMatch(/^pattern-atlas: The file .* is not a Pattern Atlas snapshot.*\n$/);
  });

  it.each([
    [["--library", "no/such/folder"], /^pattern-atlas: --library: no folder at .*no\/such\/folder\.\n$/],
    [["--port", "99999"], /^pattern-atlas: --port must be a port number from 0 to 65535, got '99999'\.\n$/],
  ])("refuses %j with one line on stderr and exit status 1", async (args, message) => {
    const main = startMain(args);
    expect(await main.exited).toBe(1);
    expect(main.output().stderr).toMatch(message);
  });

  it.each([
    [["--prot", "4000"], "pattern-atlas: Unknown option '--prot'. Did you mean '--port'? See 'pattern-atlas serve --help'.\n"],
    [["--port"], "pattern-atlas: Option '--port <value>' argument missing. See 'pattern-atlas serve --help'.\n"],
  ])("refuses the command-line mistake %j with one line on stderr and exit status 2", async (args, message) => {
    const main = startMain(args);
    expect(await main.exited).toBe(2);
    expect(main.output().stderr).toBe(message);
  });

  it("says so in one line when the port is taken", async () => {
    const port = await freePort();
    const first = startMain(["--library", EXAMPLE_LIBRARY, "--port", String(port)]);
    await first.waitFor(/running at/);
    const second = startMain(["--library", EXAMPLE_LIBRARY, "--port", String(port)]);
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toBe(`pattern-atlas: Port ${port} on 127.0.0.1 is in use; choose another with --port or PORT.\n`);
    first.child.kill("SIGTERM");
    await first.exited;
  });
});
