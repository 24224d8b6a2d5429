// Child processes for the benchmark: one-shot TypeScript scripts that print a JSON line, and the real
// server (`pattern-atlas serve`, from the sources) started on a free port, whose RSS is read from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { buildWorkersIfStale } from "../../setup/build-workers.ts";

/** Node with the tsx loader, so the child's pid is the process that does the work (no wrapper). */
const NODE_TSX = [process.execPath, "--import", "tsx"] as const;

/**
 * Stops a child process: SIGTERM, then SIGKILL if it has not exited within `graceMs`. Resolves once
 * it has exited (at once when it already had).
 */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
  if ((await Promise.race([exited.then(() => "exited"), timer])) !== "exited") {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Runs `script` in a fresh process and parses the last line of its stdout as JSON. */
export function runJsonScript<T>(repoRoot: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${stderr.trim()}`));
      const last = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON: ${stdout}`));
      }
    });
  });
}

/**
 * A port free now: any the system gives, or with `PATTERN_ATLAS_PORTS=<first>-<last>` (a shared
 * machine whose ports are shared out between its users) the first free one in that range, tried from
 * a random place in it so that two benches of one user seldom race for the same.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.PATTERN_ATLAS_PORTS ?? "");
  if (!range) return listenOn(0);
  const first = Number(range[1]);
  const size = Number(range[2]) - first + 1;
  const from = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = first + ((from + i) % size);
    if (await listenOn(port).then(() => true, () => false)) return port;
  }
  throw new Error(`no free port in PATTERN_ATLAS_PORTS=${process.env.PATTERN_ATLAS_PORTS}`);
}

function listenOn(wanted: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(wanted, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface ServerChild {
  url: string;
  pid: number;
  /** Everything the server printed so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resident and peak resident memory of the server process, from /proc/<pid>/status. */
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

/**
 * The V8 flags `npm start` gives the server (read from package.json's start script), so the benchmark
 * measures the server's memory as users run it.
 */
export function startScriptNodeFlags(repoRoot: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  return (pkg.scripts?.start ?? "").match(/--max-(?:old|semi)-space-size=\d+/g) ?? [];
}

export interface ServerChildOptions {
  /**
   * Run the built program (`dist/cli.js`, as `npm start` does) instead of the sources under tsx.
   * tsx's own start-up (compiling every module as it loads) cost ~1 s of CPU (2.0 against 0.9 s to
   * the URL line on the example library, load 15), a tenth of the 10x start-up target.
   */
  built?: boolean;
  /** Node flags put before the program (those NODE_OPTIONS does not take, e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Called with the process id as soon as it is spawned (before the server listens), e.g. to sample its threads. */
  onSpawn?: (pid: number) => void;
  /** The port to serve on (default: a free one), for a machine whose ports are shared out. */
  port?: number;
}

/**
 * Starts `pattern-atlas serve` (cli/main.ts under tsx, or dist/cli.js with `built`) with `args` (a
 * free --port is added) and waits for its URL line. The caller passes the store through `env`
 * (NEO4J_URI...) or args (--library, --snapshot).
 */
export async function startServerChild(repoRoot: string, args: string[], env: NodeJS.ProcessEnv = {}, options: ServerChildOptions = {}): Promise<ServerChild> {
  // The server from the sources starts its threads on the built worker files (and the built program
  // is all built files): brought up to date first.
  buildWorkersIfStale(repoRoot);
  const port = options.port ?? (await freePort());
  const nodeFlags = startScriptNodeFlags(repoRoot);
  const program = options.built ? ["dist/cli.js"] : [...NODE_TSX.slice(1), "cli/main.ts"];
  const child: ChildProcess = spawn(NODE_TSX[0], [...nodeFlags, ...(options.nodeArgs ?? []), ...program, "serve", ...args, "--port", String(port)], {
    cwd: repoRoot,
    env: { ...process.env, PATTERN_ATLAS_LIBRARY: "", NEO4J_URI: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));

  const waitFor = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const match = output.match(pattern);
        if (match) return resolve(match);
        if (child.exitCode !== null) return reject(new Error(`server exited (${child.exitCode}): ${output}`));
        if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${pattern}: ${output}`));
        setTimeout(check, 50);
      };
      check();
    });

  try {
    const [, url] = await waitFor(/running at (http:\/\/\S+)/);
    return {
      url: url!,
      pid: child.pid!,
      output: () => output,
      waitFor,
      memory: () => readMemory(child.pid!),
      stop: () => stopChild(child),
    };
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
}

function readMemory(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? Number.NaN);
  return { rssMb: kb("VmRSS") / 1024, peakRssMb: kb("VmHWM") / 1024 };
}
