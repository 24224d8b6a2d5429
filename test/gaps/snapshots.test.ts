// Both real snapshots, copied into a temp git repository: the analysis finds real gaps, and the
// reciprocal patch applies with `git apply`, only adds declarations (or rewrites an empty list's
// line, or replaces a joined finding's stale target on its line), and after a re-ingest the findings
// it fixes are gone while every other finding stays.
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseGaps, type GapFinding, type GapReport } from "../../graph/gaps/index.ts";
import { buildReciprocalPatch, type ReciprocalPatch } from "../../ingest/fix-reciprocal.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { git, gitInit, tempDir } from "./helpers.ts";
import { realSnapshotFolder, type RealSnapshot } from "../fixtures/real-library.ts";

/** A finding without line numbers (inserted lines shift later declarations) and, for islands, without their links. */
function comparable(f: GapFinding): string {
  const { links, ...rest } = f;
  const json = JSON.stringify(f.kind === "island" ? rest : { ...rest, links });
  return json.replace(/"line":\d+,?/g, "").replace(/\.md:\d+/g, ".md:N").replace(/\.md, line \d+/g, ".md, line N");
}

const isListKey = /^\s*(generalizes_from|specializes_to|enables|requires)\s*:/;

const SNAPSHOTS: { name: string; snapshot: RealSnapshot; library: string }[] = [
  { name: "2026-01-29 (generation 1, nested folders)", snapshot: "2026-01-29", library: "" },
  { name: "2026-02-20 (generations 1 and 2 mixed)", snapshot: "2026-02-20", library: "_patterns" },
];

describe.each(SNAPSHOTS)("the $name snapshot", ({ snapshot, library }) => {
  let repo: string;
  let root: string;
  let cleanup: () => Promise<void>;
  let before: GapReport;
  let patch: ReciprocalPatch;

  beforeAll(async () => {
    ({ dir: repo, cleanup } = await tempDir(snapshot));
    await cp(realSnapshotFolder(snapshot), repo, { recursive: true });
    gitInit(repo);
    root = path.join(repo, library);
    const lib = await loadLibrary(root);
    // How fast this is (target: 3 s) is measured by `npm run bench` (section gaps), not asserted here.
    before = analyseGaps(lib);
    patch = await buildReciprocalPatch(root, before.findings);
  }, 180_000);
  afterAll(() => cleanup());

  it("finds gaps of the kinds a real library has", () => {
    for (const kind of ["dangling", "one-sided-lineage", "orphan", "island", "likely-duplicate", "suggested-link"] as const) {
      expect(before.counts[kind], kind).toBeGreaterThan(0);
    }
    expect(before.counts["suggested-link"]).toBeLessThanOrEqual(200);
  });

  it("writes every automatic fix into the patch, skipping none", () => {
    const automatic = before.findings.filter((f) => f.fix.automatic).length;
    expect(automatic).toBeGreaterThan(0);
    expect(patch.skipped).toEqual([]);
    expect(patch.files.reduce((n, f) => n + f.added.length, 0)).toBe(automatic);
  });

  it("applies with git apply and touches only the patched files, only adding declarations or rewriting a list's own line", async () => {
    const diffFile = `${repo}.diff`;
    await writeFile(diffFile, patch.diff);
    const args = library ? ["apply", `--directory=${library}`, diffFile] : ["apply", diffFile];
    git(repo, ...args);
    const changed = git(repo, "diff", "--name-only").trim().split("\n").sort();
    expect(changed).toEqual(patch.files.map((f) => path.posix.join(library, f.file)).sort());
    const removed = git(repo, "diff", "-U0")
      .split("\n")
      .filter((l) => l.startsWith("-") && !l.startsWith("---"));
    // A removed line is a list's own line rewritten with an addition, or a stale target replaced on its line.
    const replacedFrom = patch.files.flatMap((f) => f.replaced.map((r) => r.from));
    for (const line of removed) {
      expect(isListKey.test(line.slice(1)) || replacedFrom.some((from) => line.includes(from)), line).toBe(true);
    }
    for (const row of git(repo, "diff", "--numstat").trim().split("\n")) {
      const [added, deleted] = row.split("\t").map(Number) as [number, number];
      expect(added).toBeGreaterThanOrEqual(deleted);
    }
  });

  it("after a re-ingest, the fixed one-sided findings are gone and every other finding is unchanged", async () => {
    const after = analyseGaps(await loadLibrary(root));
    const remainingOneSided = (r: GapReport) =>
      r.findings.filter((f) => f.kind.startsWith("one-sided")).map((f) => f.id);
    const blocked = before.findings.filter((f) => f.kind.startsWith("one-sided") && !f.fix.automatic).map((f) => f.id);
    expect(remainingOneSided(after)).toEqual(blocked);
    // Link concentration is a statistic of every incoming link, so the added reciprocals move it: its
    // hubs are compared apart (the ones found before are still found).
    // The stale references whose replacement the patch wrote (joined findings) are gone too.
    // Other references to the same stale targets now see that a file chose a replacement, which may
    // change their candidates: they are left out of the comparison.
    const replaced = new Set(patch.files.flatMap((f) => f.replaced.map((r) => r.findingId)));
    const staleTargets = new Set(patch.files.flatMap((f) => f.replaced.map((r) => r.from)));
    const touched = (f: GapFinding) => replaced.has(f.id) || (f.kind === "dangling" && f.links.some((l) => staleTargets.has(l.target)));
    const others = (r: GapReport) =>
      r.findings.filter((f) => !f.kind.startsWith("one-sided") && f.kind !== "link-concentration" && !touched(f)).map(comparable);
    expect(others(after)).toEqual(others(before));
    for (const id of replaced) expect(after.findings.some((f) => f.id === id), id).toBe(false);
    const hubs = (r: GapReport) => r.findings.filter((f) => f.kind === "link-concentration").map((f) => f.patterns[0]);
    expect(hubs(after)).toEqual(expect.arrayContaining(hubs(before)));
    expect(after.library.links).toBe(before.library.links + patch.files.reduce((n, f) => n + f.added.length + f.replaced.length, 0));
  }, 60_000);
});
