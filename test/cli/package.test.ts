// The package as a library's maintainer gets it: `npm pack`, installed with `npm install -g` into an
// empty prefix (runtime dependencies only), then the installed `pattern-atlas` is run: --version,
// ingest, gaps --fail-on (the linter's exit codes), serve (the explorer and the example library
// found inside the package), and the commands of the shipped pre-commit hook and CI workflow.
// Costs ~15-25 s, most of it `npm install` from the local npm cache.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { load as loadYaml } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFiles } from "../gaps/helpers.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { expectedGraph, readGexf } from "../graph/export-helpers.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT } from "../server/helpers.ts";
import { ensureWebBuild } from "../web/harness.ts";
import { packAndInstall } from "./install-package.ts";

const execFileAsync = promisify(execFile);

/** A library without a single gap of the kinds the linter fails on: two patterns naming each other. */
const CLEAN_LIBRARY = {
  "a.md": "---\nslug: first-pattern\ntitle: First Pattern\nrelated: [second-pattern]\n---\nText.\n",
  "b.md": "---\nslug: second-pattern\ntitle: Second Pattern\nrelated: [first-pattern]\n---\nText.\n",
};

/** Packages no runtime import may need: they are devDependencies and must not be installed. */
const BUILD_TOOLS = ["esbuild", "tsx", "vite", "vitest", "typescript"];

let work: string;
let tarball: string;
let prefix: string;
let bin: string;
let installed: string;
let clean: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result, not an error. */
async function run(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, {
      cwd: options.cwd ?? work,
      env: { ...process.env, PATTERN_ATLAS_LIBRARY: "", NEO4J_URI: "", ...options.env },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** Runs the installed program with the prefix's bin folder first on PATH, as a shell would find it. */
const atlas = (args: readonly string[], cwd?: string) => run(bin, args, { cwd });

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "pattern-atlas-pack-"));
  clean = path.join(work, "clean-library");
  await writeFiles(clean, CLEAN_LIBRARY);
  // What `npm run build` (the prepack script) does, without its second explorer bundle (the talks
  // viewer, which these checks do not use): the explorer, under the web tests' lock, then dist/.
  await ensureWebBuild();
  ({ tarball, prefix, bin, root: installed } = await packAndInstall(REPO_ROOT, work));
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the packed and installed program", () => {
  it("holds the built program, the explorer and the example library, and no sources", async () => {
    const { stdout } = await execFileAsync("tar", ["-tzf", tarball]);
    const files = stdout.split("\n").filter(Boolean);
    for (const file of ["package/dist/cli.js", "package/dist/neighborhood-worker.js", "package/dist/read-worker.js", "package/dist/gaps-worker.js", "package/dist/export-worker.js", "package/dist/overview-worker.js", "package/dist/parse-worker.js", "package/web/dist/index.html", "package/examples/library/README.txt", "package/examples/ci/pattern-atlas.yml"]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => f.endsWith(".ts"))).toEqual([]);
  });

  it("installs without a build tool among its dependencies", () => {
    const modules = readdirSync(path.join(installed, "node_modules"));
    expect(modules).toContain("express");
    for (const tool of BUILD_TOOLS) expect(modules, tool).not.toContain(tool);
  });

  it("prints the package's version and the commands", async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(await atlas(["--version"])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    const help = await atlas(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pattern-atlas <command>/);
    for (const command of ["serve", "ingest", "export", "gaps"]) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect((await atlas(["help", "gaps"])).stdout).toMatch(/^Usage: pattern-atlas gaps /);
  });

  it("refuses an unknown command and an unknown flag with one line and exit status 2", async () => {
    expect(await atlas(["ingets"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "pattern-atlas: Unknown command 'ingets'. Did you mean 'ingest'? See 'pattern-atlas --help'.\n",
    });
    expect(await atlas(["gaps", clean, "--fail-onn", "dangling"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "gaps: Unknown option '--fail-onn'. Did you mean '--fail-on'? See 'pattern-atlas gaps --help'.\n",
    });
  });

  it("ingests a library folder as JSON", async () => {
    const result = await atlas(["ingest", EXAMPLE_LIBRARY, "--json"]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { files: number; patterns: number; dangling: number };
    expect(summary).toMatchObject({ files: 49, patterns: 48, dangling: 2 });
  });

  it("ingests on two threads with the installed parse thread, as on one", async () => {
    const on = await run(bin, ["ingest", EXAMPLE_LIBRARY, "--json"], { env: { PATTERN_ATLAS_PARSE_THREAD: "on" } });
    const off = await run(bin, ["ingest", EXAMPLE_LIBRARY, "--json"], { env: { PATTERN_ATLAS_PARSE_THREAD: "off" } });
    expect(on.code).toBe(0);
    // The built worker file was found: no fallback to one thread was reported.
    expect(on.stderr).toBe("");
    expect(on.stdout).toBe(off.stdout);
  });

  it("exports a library folder as GEXF on stdout and as two CSV tables into a folder", async () => {
    const gexf = await atlas(["export", EXAMPLE_LIBRARY, "--format", "gexf"]);
    expect(gexf.code).toBe(0);
    expect(readGexf(gexf.stdout).nodes.size).toBe(expectedGraph(await loadLibrary(EXAMPLE_LIBRARY)).nodes.size);
    const out = path.join(work, "csv-export");
    const csv = await atlas(["export", EXAMPLE_LIBRARY, "--format", "csv", "--out", out]);
    expect(csv.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["pattern-atlas-library-links.csv", "pattern-atlas-library-nodes.csv"]);
  });

  it("fails a library with dangling references and passes a clean one (gaps --fail-on dangling)", async () => {
    const failing = await atlas(["gaps", EXAMPLE_LIBRARY, "--fail-on", "dangling"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^gaps: FAILED: 2 dangling in /);
    const passing = await atlas(["gaps", clean, "--fail-on", "dangling"]);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain("gaps: OK, no dangling findings");
  });

  it("serves the packaged example library and explorer on a free port, answers, and stops on SIGTERM", async () => {
    // From an empty folder: nothing may be found relative to the current folder.
    const child = spawn(bin, ["serve", "--port", "0"], {
      cwd: clean,
      env: { ...process.env, PATTERN_ATLAS_LIBRARY: "", NEO4J_URI: "", PORT: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const started = Date.now();
      while (!/running at (http:\/\/\S+)/.test(output)) {
        if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}:\n${output}`);
        if (Date.now() - started > 30_000) throw new Error(`serve printed no URL within 30 s:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const url = /running at (http:\/\/\S+)/.exec(output)![1]!;
      expect(output).toContain(`Loaded library ${path.join(installed, "examples/library")}`);
      expect(await (await fetch(`${url}healthz`)).json()).toEqual({ status: "ok", store: "memory" });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<!doctype html>/i);
      const neighborhood = await fetch(`${url}api/neighborhood/feature-flags?depth=2`);
      expect(neighborhood.status).toBe(200);
      expect(((await neighborhood.json()) as { center: string }).center).toBe("feature-flags");
      // The built worker file was found: no fallback to the main thread was reported.
      expect(output).not.toMatch(/neighbourhood thread/);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

describe("the pre-commit hook", () => {
  interface Hook {
    id: string;
    name: string;
    entry: string;
    language: string;
    pass_filenames: boolean;
    files: string;
    args: string[];
  }

  it("runs `pattern-atlas gaps` once per commit on Markdown changes, and its command exits as documented", async () => {
    const hooks = loadYaml(await readFile(path.join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    expect(hook).toMatchObject({ id: "pattern-atlas-gaps", entry: "pattern-atlas gaps", language: "node", pass_filenames: false });
    expect(new RegExp(hook.files).test("governance/circle.md")).toBe(true);
    expect(new RegExp(hook.files).test("package.json")).toBe(false);
    // pre-commit runs `entry args...` in the repository's root, with the hook's bin folder on PATH.
    const [program, ...entryArgs] = hook.entry.split(" ");
    const command = [...entryArgs, ...hook.args];
    const env = { PATH: `${path.join(prefix, "bin")}${path.delimiter}${process.env.PATH}` };
    const failing = await run(program!, command, { cwd: EXAMPLE_LIBRARY, env });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^gaps: FAILED: 2 dangling in \./);
    expect(await run(program!, command, { cwd: clean, env })).toMatchObject({ code: 0 });
  });
});

describe("the CI workflow for a library", () => {
  interface Step {
    name?: string;
    uses?: string;
    run?: string;
  }
  interface Workflow {
    on: Record<string, unknown>;
    env: Record<string, string>;
    jobs: Record<string, { "runs-on": string; steps: Step[] }>;
  }

  it("checks out, sets up Node and runs gaps --fail-on with flags the program accepts", async () => {
    const workflow = loadYaml(await readFile(path.join(REPO_ROOT, "examples/ci/pattern-atlas.yml"), "utf8")) as Workflow;
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    const steps = workflow.jobs.gaps!.steps;
    expect(steps.map((s) => s.uses?.split("@")[0])).toEqual(expect.arrayContaining(["actions/checkout", "actions/setup-node"]));
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(workflow.env.PATTERN_ATLAS).toBe(`pattern-atlas@${pkg.version}`);

    const commands = steps.filter((s) => s.run?.includes(" gaps ")).map((s) => s.run!.trim());
    const emptyBaseline = path.join(work, "clean-baseline.json");
    expect((await atlas(["gaps", clean, "--fail-on", "dangling,problems", "--write-baseline", emptyBaseline])).code).toBe(0);
    let baselineChecks = 0;
    expect(commands.length).toBeGreaterThanOrEqual(1);
    expect(commands.some((c) => /--fail-on \S*dangling/.test(c))).toBe(true);
    for (const command of commands) {
      // `npx --yes "$PATTERN_ATLAS" gaps "$LIBRARY" <flags> [> file]`: the flags, run by the installed program.
      const match = /^npx --yes "\$PATTERN_ATLAS" gaps "\$LIBRARY" ([^>]*?)(?: > \S+)?$/.exec(command);
      expect(match, command).not.toBeNull();
      const raw = match![1]!.split(/\s+/).filter(Boolean);
      // "$BASELINE": first a baseline of a clean library (every finding of the example is new), then the example's own.
      const withBaseline = (file: string) => raw.map((f) => (f === '"$BASELINE"' ? file : f));
      const flags = withBaseline(emptyBaseline);
      const onExample = await atlas(["gaps", EXAMPLE_LIBRARY, ...flags]);
      const onClean = await atlas(["gaps", clean, ...flags]);
      expect(onExample.stderr, command).not.toMatch(/Unknown|See 'pattern-atlas gaps --help'/);
      expect(onClean.code, `${command} on a clean library`).toBe(0);
      expect(onExample.code, `${command} on the example library`).toBe(flags.includes("--fail-on") ? 1 : 0);
      if (raw.includes('"$BASELINE"')) {
        baselineChecks++;
        const failOn = raw[raw.indexOf("--fail-on") + 1]!;
        const own = path.join(work, "example-baseline.json");
        expect((await atlas(["gaps", EXAMPLE_LIBRARY, "--fail-on", failOn, "--write-baseline", own])).code).toBe(0);
        expect((await atlas(["gaps", EXAMPLE_LIBRARY, ...withBaseline(own)])).code, `${command} against the example's baseline`).toBe(0);
      }
    }
    expect(baselineChecks, "a step checks against the baseline").toBe(1);
    expect(workflow.env.BASELINE).toBeTruthy();
  });
});
