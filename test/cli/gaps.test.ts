// `pattern-atlas gaps`: the summary, --json, the --fail-on linter's exit codes and report, and the
// reciprocal fix written as a patch (library untouched) or, only when asked, in place.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runGapsCli } from "../../cli/gaps.ts";
import { MINI_LIBRARY, tempDir, writeFiles } from "../gaps/helpers.ts";

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("cli"));
  await writeFiles(path.join(dir, "lib"), MINI_LIBRARY);
});
afterEach(() => cleanup());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runGapsCli(args, {
    stdout: (t) => (out += t.toString()),
    stderr: (t) => (err += t),
    cwd: dir,
  });
  return { code, out, err };
}

async function snapshotOfLibrary(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(MINI_LIBRARY)) out[name] = await readFile(path.join(dir, "lib", name), "utf8");
  return out;
}

describe("the summary and the formats", () => {
  it("prints the counts per kind and the findings with their fixes", async () => {
    const { code, out } = await run("lib");
    expect(code).toBe(0);
    expect(out).toMatch(/one-sided-lineage\s+1 {2}\(1 fixable with --fix-reciprocal\)/);
    expect(out).toContain("Most likely meant: 'circle-governance'");
  });

  it("prints the filtered report as JSON", async () => {
    const { code, out } = await run("lib", "--json", "--kind", "orphan,island");
    expect(code).toBe(0);
    const report = JSON.parse(out) as { findings: { kind: string }[]; counts: Record<string, number> };
    expect(report.findings.map((f) => f.kind)).toEqual(["orphan", "island"]);
    expect(report.counts.dangling).toBe(1);
  });

  it("rejects an unknown flag in one line, exit code 2", async () => {
    const { code, out, err } = await run("lib", "--fail-onn", "dangling");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe("gaps: Unknown option '--fail-onn'. Did you mean '--fail-on'? See 'pattern-atlas gaps --help'.\n");
  });

  it("rejects an unknown kind with the list of kinds, exit code 2", async () => {
    const { code, err } = await run("lib", "--kind", "orphans");
    expect(code).toBe(2);
    expect(err).toContain("Unknown kind 'orphans'. Use dangling, one-sided-lineage");
  });
});

describe("--fail-on, for a library's CI", () => {
  it("exits 1 with a readable report when findings of those kinds exist", async () => {
    const { code, err } = await run("lib", "--fail-on", "dangling,one-sided");
    expect(code).toBe(1);
    expect(err).toMatch(/^gaps: FAILED: 1 dangling, 1 one-sided-lineage, 1 one-sided-enables in lib\./);
    expect(err).toContain("Dangling references (1):");
    expect(err).toContain("--fix-reciprocal --patch out.diff");
  });

  it("exits 0 when there is none", async () => {
    const { code, err } = await run("lib", "--fail-on", "self-link,lineage");
    expect(code).toBe(0);
    expect(err).toContain("OK, no self-link, contradictory-lineage, lineage-cycle findings");
  });

  it("fails on files that are not patterns when asked for 'problems'", async () => {
    const { code, err } = await run("lib", "--fail-on", "problems");
    expect(code).toBe(1);
    expect(err).toContain("broken.md");
  });

  it("exits 1 from the real command line as well", async () => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    const result = await promisify(execFile)(tsx, [path.resolve("cli/main.ts"), "gaps", path.join(dir, "lib"), "--fail-on", "dangling"]).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    expect(result).toBe(1);
  });
});

describe("--fix-reciprocal", () => {
  it("needs --patch or --apply", async () => {
    const { code, err } = await run("lib", "--fix-reciprocal");
    expect(code).toBe(2);
    expect(err).toContain("--fix-reciprocal needs --patch FILE");
  });

  it("writes the patch to a file and leaves the library untouched", async () => {
    const before = await snapshotOfLibrary();
    const { code, out } = await run("lib", "--fix-reciprocal", "--patch", "out.diff");
    expect(code).toBe(0);
    expect(out).toContain("Patch: 2 reciprocal declaration(s) in 2 file(s) -> out.diff");
    expect(out).toContain("git apply");
    const diff = await readFile(path.join(dir, "out.diff"), "utf8");
    expect(diff).toContain("+++ b/governance/dynamic-governance.md");
    expect(await snapshotOfLibrary()).toEqual(before);
  });

  it("writes the diff alone to stdout with --patch -", async () => {
    const { code, out, err } = await run("lib", "--fix-reciprocal", "--patch", "-");
    expect(code).toBe(0);
    expect(out.startsWith("diff --git a/consent-decision.md b/consent-decision.md\n")).toBe(true);
    expect(err).toContain("Gaps in lib");
  });

  it("writes into the library only with --apply, after which the one-sided findings are gone", async () => {
    const { code, out } = await run("lib", "--fix-reciprocal", "--apply");
    expect(code).toBe(0);
    expect(out).toContain("Wrote 2 reciprocal declaration(s) into 2 file(s)");
    expect(await readFile(path.join(dir, "lib/consent-decision.md"), "utf8")).toContain("  requires: [circle-governance]\n");
    expect((await run("lib", "--fail-on", "one-sided")).code).toBe(0);
  });
});
