// `pattern-atlas gaps`: the summary, --json, the --fail-on linter's exit codes and report, and the
// reciprocal fix written as a patch (library untouched) or, only when asked, in place.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
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
    expect(out).toContain("Most likely meant: Circle Governance (");
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
    const { code, out, err } = await run("lib", "--fail-on", "dangling,one-sided");
    expect(code).toBe(1);
    expect(out).toMatch(/^gaps: FAILED: 1 dangling, 1 one-sided-lineage, 1 one-sided-enables in lib\./);
    expect(out).toContain("Dangling references (1):");
    expect(out).toContain("--fix-reciprocal --patch out.diff");
    expect(err).toBe("");
  });

  it("exits 0 when there is none", async () => {
    const { code, out, err } = await run("lib", "--fail-on", "self-link,lineage");
    expect(code).toBe(0);
    expect(out).toContain("OK, no self-link, contradictory-lineage, lineage-cycle findings");
    expect(err).toBe("");
  });

  it("fails on files that are not patterns when asked for 'problems'", async () => {
    const { code, out } = await run("lib", "--fail-on", "problems");
    expect(code).toBe(1);
    expect(out).toContain("broken.md");
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

describe("--baseline, for a library that has gaps today", () => {
  const FAIL_ON = ["--fail-on", "dangling,one-sided,problems"];
  const edit = async (file: string, from: string, to: string) => {
    const full = path.join(dir, "lib", file);
    const text = await readFile(full, "utf8");
    expect(text).toContain(from);
    await writeFile(full, text.replace(from, to));
  };

  it("records today's findings in a sorted, reviewable file by ids without line numbers", async () => {
    const { code, out } = await run("lib", ...FAIL_ON, "--write-baseline", "baseline.json");
    expect(code).toBe(0);
    expect(out).toBe("gaps: baseline of 4 finding(s) written to baseline.json.\n");
    const text = await readFile(path.join(dir, "baseline.json"), "utf8");
    const baseline = JSON.parse(text) as { format: string; findings: { id: string; kind: string; summary: string }[] };
    expect(baseline.format).toBe("pattern-atlas-gaps-baseline");
    const ids = baseline.findings.map((e) => e.id);
    expect(ids).toEqual([...ids].sort());
    expect(baseline.findings.map((e) => e.kind).sort()).toEqual(["dangling", "one-sided-enables", "one-sided-lineage", "problems"]);
    expect(ids).toContain("dangling consent-decision.md: consent-decision enables circle-governence");
    expect(ids).toContain("problems broken.md");
    // One finding per line, so a review reads the diff finding by finding.
    expect(text.split("\n").filter((l) => l.includes('"id"'))).toHaveLength(4);
    for (const e of baseline.findings) expect(e.summary.length).toBeGreaterThan(10);
  });

  it("passes against its own baseline, and still passes after an unrelated line moves the findings", async () => {
    await run("lib", ...FAIL_ON, "--write-baseline", "baseline.json");
    const same = await run("lib", ...FAIL_ON, "--baseline", "baseline.json");
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/^gaps: OK, no new dangling, one-sided-lineage, one-sided-enables, problems findings in lib\.\n/);
    expect(same.out).toContain("4 known finding(s) in the baseline baseline.json did not fail.");
    expect(same.err).toBe("");
    await edit("consent-decision.md", "ontology:\n", "aliases: [consent]\nontology:\n");
    expect((await run("lib", ...FAIL_ON, "--baseline", "baseline.json")).code).toBe(0);
  });

  it("fails on a new dangling reference and names only that one", async () => {
    await run("lib", ...FAIL_ON, "--write-baseline", "baseline.json");
    await edit("lonely-pattern.md", "  enables: []", "  enables: [no-such-pattern]");
    const { code, out } = await run("lib", ...FAIL_ON, "--baseline", "baseline.json");
    expect(code).toBe(1);
    expect(out).toMatch(/^gaps: FAILED: 1 new dangling in lib\./);
    expect(out).toContain("no-such-pattern");
    expect(out).not.toContain("circle-governence");
    expect(out).not.toContain("broken.md");
    // Without the baseline, the old findings fail as well.
    expect((await run("lib", ...FAIL_ON)).out).toMatch(/^gaps: FAILED: 2 dangling, /);
  });

  it("reports a baseline finding that is fixed, so the baseline can be shrunk", async () => {
    // Only dangling: the corrected link is one-sided (a new finding of another kind).
    await run("lib", "--fail-on", "dangling", "--write-baseline", "baseline.json");
    await edit("consent-decision.md", "slug: circle-governence", "slug: circle-governance");
    const { code, out } = await run("lib", "--fail-on", "dangling", "--baseline", "baseline.json");
    expect(code).toBe(0);
    expect(out).toContain("Fixed since the baseline (1); delete these entries from baseline.json");
    expect(out).toContain("  - dangling consent-decision.md: consent-decision enables circle-governence\n");
  });

  it("refuses a missing or foreign baseline file and --baseline without --fail-on, exit code 2", async () => {
    expect(await run("lib", ...FAIL_ON, "--baseline", "nope.json")).toMatchObject({ code: 2, out: "" });
    await writeFile(path.join(dir, "other.json"), "{}");
    const foreign = await run("lib", ...FAIL_ON, "--baseline", "other.json");
    expect(foreign).toMatchObject({ code: 2, out: "" });
    expect(foreign.err).toContain("not a gaps baseline");
    expect((await run("lib", "--baseline", "other.json")).err).toContain("--baseline goes with --fail-on.");
  });
});

describe("--group-by", () => {
  it("lists groups instead of findings in the summary and the --fail-on report", async () => {
    const { code, out } = await run("lib", "--fail-on", "dangling,one-sided", "--group-by", "file");
    expect(code).toBe(1);
    expect(out).toContain("Dangling references (1):\n  1 group(s) by file, the largest first:\n  - consent-decision.md (1), e.g. Consent Decision Making enables “circle-governence”, a name, id or title no pattern has (never created), in consent-decision.md, line 13.");
    const summary = await run("lib", "--kind", "dangling", "--group-by", "target");
    expect(summary.out).toContain("  - circle-governence (1), e.g. ");
  });

  it("writes a Markdown checklist grouped by file and JSON with the groups", async () => {
    const md = await run("lib", "--markdown", "--group-by", "file");
    expect(md.out).toMatch(/^## consent-decision\.md \(\d+\)\n\n- \[ \] /m);
    const json = JSON.parse((await run("lib", "--json", "--kind", "dangling", "--group-by", "target")).out) as { groups: { key: string; count: number }[] };
    expect(json.groups.map((g) => [g.key, g.count])).toEqual([["circle-governence", 1]]);
  });

  it("refuses an unknown grouping and --csv with a grouping, exit code 2", async () => {
    expect((await run("lib", "--group-by", "colour")).err).toBe("gaps: Unknown --group-by 'colour'. Use target, file, pattern, kind.\n");
    expect(await run("lib", "--csv", "--group-by", "file")).toMatchObject({ code: 2, out: "" });
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
