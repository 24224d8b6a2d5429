// `pattern-atlas gaps` with a library's .pattern-atlas/decisions.yml: decided findings are hidden
// (listed as decided with --show-decided), never fail --fail-on, stale decisions and malformed
// entries are reported with their lines, and the analysis goes on.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runGapsCli } from "../../cli/gaps.ts";
import { MINI_LIBRARY, tempDir, writeFiles } from "../gaps/helpers.ts";

let dir: string;
let cleanup: () => Promise<void>;

const DECISIONS = `decisions:
  "orphan:lonely-pattern":
    decision: intended
    by: ana
    why: A stub kept on purpose.
    date: 2026-12-05
  "dangling:nothing|enables|nowhere":
    decision: ignored
    by: ana
    why: Fixed long ago.
    date: 2026-11-01
  "island:kanban,kanban-for-teams":
    decision: sure
`;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("cli-decisions"));
  await writeFiles(path.join(dir, "lib"), MINI_LIBRARY);
  await mkdir(path.join(dir, "lib/.pattern-atlas"));
  await writeFile(path.join(dir, "lib/.pattern-atlas/decisions.yml"), DECISIONS);
});
afterEach(() => cleanup());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runGapsCli(args, { stdout: (t) => (out += t.toString()), stderr: (t) => (err += t), cwd: dir });
  return { code, out, err };
}

describe("decisions in the CLI", () => {
  it("does not fail --fail-on on a decided finding, and says it did not count", async () => {
    const { code, out } = await run("lib", "--fail-on", "orphan");
    expect(code).toBe(0);
    expect(out).toContain("gaps: OK, no orphan findings in lib.");
    expect(out).toContain("1 decided finding(s) of these kinds did not count (.pattern-atlas/decisions.yml).");
    // Without its decisions (--decisions names a file that is not there: a problem, not a crash) it fails.
    const without = await run("lib", "--fail-on", "orphan", "--decisions", "lib/none.yml");
    expect(without.code).toBe(1);
    expect(without.err).toContain("gaps: lib/none.yml: cannot read it: ENOENT\n");
  });

  it("hides decided findings from the summary, and lists them as decided with --show-decided", async () => {
    const hidden = await run("lib", "--kind", "orphan");
    expect(hidden.out).not.toContain("Lonely Pattern (lonely-pattern.md)");
    expect(hidden.out).toContain("Decisions (.pattern-atlas/decisions.yml): 1 decided (1 intended, 0 ignored)");
    const shown = await run("lib", "--kind", "orphan", "--show-decided");
    expect(shown.out).toContain("[decided: intended by ana on 2026-12-05: A stub kept on purpose.] Lonely Pattern (lonely-pattern.md)");
  });

  it("reports stale decisions and malformed entries with file and line, and goes on", async () => {
    const { code, out, err } = await run("lib");
    expect(code).toBe(0);
    expect(out).toContain("Stale decisions (1)");
    expect(out).toContain(".pattern-atlas/decisions.yml:7: dangling:nothing|enables|nowhere");
    expect(err).toContain("gaps: .pattern-atlas/decisions.yml:12: 'island:kanban,kanban-for-teams': missing by, why, date (entry skipped)");
  });

  it("gives the decisions and their counts in --json", async () => {
    const { out } = await run("lib", "--json", "--show-decided");
    const report = JSON.parse(out) as { decisions: { decided: number; stale: { id: string }[]; entries: Record<string, { decision: string }> } };
    expect(report.decisions.decided).toBe(1);
    expect(report.decisions.entries["orphan:lonely-pattern"]).toMatchObject({ decision: "intended" });
    expect(report.decisions.stale.map((s) => s.id)).toEqual(["dangling:nothing|enables|nowhere"]);
  });
});
