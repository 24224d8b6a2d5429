// The gap analysis on the real library with its real git history (the repository's fast-export
// fixture, cloned): stale ids resolve through the history to today's pattern, the index is cached and
// brought up to date commit by commit, fixes are honest (a replacement only when clear, ties as a
// choice, a stub for a pattern several files want), and a stale reference joins the one-sided
// declaration it leaves. Baselines keep their ids with and without the history.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBaseline, compareWithBaseline } from "../../graph/gaps/index.ts";
import { analyseGaps, CLOSE_SECOND, REPLACE_CONFIDENCE, type GapFinding, type GapReport } from "../../graph/gaps/index.ts";
import type { HistoryIndex } from "../../graph/gaps/index.ts";
import type { Library } from "../../core/model.ts";
import { runGapsCli } from "../../cli/gaps.ts";
import { buildReciprocalPatch, reciprocalAdditions } from "../../ingest/fix-reciprocal.ts";
import { loadLibrary, parsePattern } from "../../ingest/index.ts";
import { loadLibraryHistory } from "../../ingest/library-history.ts";
import { cloneRealHistory } from "../fixtures/real-library.ts";
import request from "supertest";
import { createMemoryStore } from "../../graph/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import type { GapsResponse } from "../../server/routes/gaps.ts";

const STALE_5S = "pat_01kg50240sfm8re6ep0n2aaac0";
const FIVE_S_ID = `dangling:5s-methodology-workplace-organization|generalizes_from|${STALE_5S}`;

let repo: { dir: string; cleanup(): void };
let folder: string;
let library: Library;
let history: HistoryIndex;
let withHistory: GapReport;
let without: GapReport;
const timings: Record<string, number> = {};

const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", ...args], { cwd: repo.dir, stdio: ["ignore", "pipe", "pipe"] }).toString();

beforeAll(async () => {
  repo = cloneRealHistory();
  folder = path.join(repo.dir, "_patterns");
  library = await loadLibrary(folder);
  const built = await loadLibraryHistory(folder);
  expect(built).toBeDefined();
  expect(built!.how).toBe("built");
  timings.build = built!.ms;
  history = built!.index;
  let t = performance.now();
  withHistory = analyseGaps(library, { history });
  timings.withHistory = performance.now() - t;
  t = performance.now();
  without = analyseGaps(library);
  timings.without = performance.now() - t;
}, 240_000);
afterAll(() => {
  console.info(`history: index built in ${timings.build} ms; analysis ${Math.round(timings.withHistory!)} ms with it, ${Math.round(timings.without!)} ms without`);
  repo?.cleanup();
});

const dangling = (r: GapReport) => r.findings.filter((f) => f.kind === "dangling");
const isConfident = (f: GapFinding) => (f.candidates?.[0]?.score ?? 0) >= REPLACE_CONFIDENCE;

describe("the history index", () => {
  it("records every identity of the library's files from git, cached in the repository's git folder", async () => {
    expect(history.prefix).toBe("_patterns/");
    expect(history.head).toBe(git("rev-parse", "HEAD").trim());
    expect(history.commits.length).toBeGreaterThan(40);
    // The 5S id lived only in the first commit's registry, naming the file 20-5s-methodology.md.
    expect(history.records).toContainEqual(
      expect.objectContaining({ c: 0, id: STALE_5S, slug: "20-5s-methodology", title: "5S Methodology", registry: "_data/registry.json" }),
    );
    expect(history.renames).toContainEqual(expect.objectContaining({ from: "_implementation/20-5s-methodology.md", to: "_patterns/20-5s-methodology.md" }));
    expect(history.renames).toContainEqual(expect.objectContaining({ from: "_patterns/20-5s-methodology.md", to: "_patterns/5s-methodology.md" }));
    const cacheFile = path.join(repo.dir, ".git/pattern-atlas/history-v1.json");
    expect(existsSync(cacheFile)).toBe(true);
    const again = await loadLibraryHistory(folder);
    expect(again).toMatchObject({ how: "cached", commitsRead: 0, cacheFile });
    expect(again!.index).toEqual(history);
  });

  it("reads only the commits newer than the cached head, and follows a rename made in them", async () => {
    const before = JSON.parse(readFileSync(path.join(repo.dir, ".git/pattern-atlas/history-v1.json"), "utf8")) as HistoryIndex;
    git("mv", "_patterns/5s-methodology.md", "_patterns/five-s-methodology.md");
    git("commit", "--quiet", "-m", "Rename 5S Methodology");
    try {
      const updated = await loadLibraryHistory(folder);
      expect(updated).toMatchObject({ how: "updated", commitsRead: 1 });
      expect(updated!.index.commits).toHaveLength(before.commits.length + 1);
      expect(updated!.index.records.slice(0, before.records.length)).toEqual(before.records);
      expect(updated!.index.renames.at(-1)).toMatchObject({ from: "_patterns/5s-methodology.md", to: "_patterns/five-s-methodology.md" });
      // The stale id now resolves through both renames to the file's newest name.
      const moved = await loadLibrary(folder);
      const f = analyseGaps(moved, { history: updated!.index }).findings.find((x) => x.id === FIVE_S_ID)!;
      expect(f.candidates![0]).toMatchObject({ slug: "5s-methodology", via: "history" });
      expect(f.candidates![0]!.reason).toContain("that file is now _patterns/five-s-methodology.md");
    } finally {
      git("reset", "--quiet", "--hard", "HEAD~1");
    }
  });

  it("is not read for a folder that git does not hold, and not with --no-history", async () => {
    expect(await loadLibraryHistory(path.join(repo.dir, ".git"))).toBeUndefined();
    const out: string[] = [];
    const io = { stdout: (t: string | Buffer) => void out.push(String(t)), stderr: () => undefined, cwd: repo.dir };
    expect(await runGapsCli(["_patterns", "--json", "--kind", "dangling", "--pattern", "5s-methodology-workplace-organization", "--no-history"], io)).toBe(0);
    const plain = JSON.parse(out.join("")) as GapReport;
    expect(plain.options.history).toBeUndefined();
    expect(plain.findings.find((x) => x.id === FIVE_S_ID)!.candidates).toBeUndefined();
    out.length = 0;
    expect(await runGapsCli(["_patterns", "--json", "--kind", "dangling", "--pattern", "5s-methodology-workplace-organization"], io)).toBe(0);
    const read = JSON.parse(out.join("")) as GapReport;
    expect(read.options.history).toEqual({ head: history.head, commits: history.commits.length });
    expect(read.findings.find((x) => x.id === FIVE_S_ID)!.candidates![0]).toMatchObject({ slug: "5s-methodology", via: "history" });
  }, 60_000);
});

describe("stale references resolved through the history", () => {
  it("resolves the 5S Methodology's stale id to 5s-methodology with high confidence and the commit that shows it", () => {
    const f = withHistory.findings.find((x) => x.id === FIVE_S_ID)!;
    expect(f.candidates![0]).toMatchObject({ slug: "5s-methodology", via: "history" });
    expect(f.candidates![0]!.score).toBeGreaterThanOrEqual(0.95);
    expect(f.candidates![0]!.reason).toMatch(
      new RegExp(`^in commit [0-9a-f]{7} \\(2026-01-29\\) ${STALE_5S} was '5S Methodology' at _implementation/20-5s-methodology\\.md .*; that file is now _patterns/5s-methodology\\.md$`),
    );
    const id5s = library.patterns.find((p) => p.slug === "5s-methodology")!.id!;
    expect(f.fix).toMatchObject({ action: "replace", edits: [{ op: "replace-target", from: STALE_5S, to: id5s, slug: "5s-methodology", line: 31 }] });
    // Without the history nothing names it.
    expect(without.findings.find((x) => x.id === FIVE_S_ID)!.candidates).toBeUndefined();
  });

  it("gives 282 of the 283 id-form dangling references a confident candidate (none without the history)", () => {
    const ids = (r: GapReport) => dangling(r).filter((f) => f.links[0]!.form === "id");
    expect(ids(withHistory)).toHaveLength(283);
    expect(ids(without).filter(isConfident)).toHaveLength(0);
    expect(ids(withHistory).filter(isConfident)).toHaveLength(282);
    expect(ids(withHistory).filter((f) => f.candidates?.[0]?.via === "history")).toHaveLength(282);
    // Of all 1,014 dangling references, those with any candidate: 258 without the history, 540 with it.
    expect(dangling(without)).toHaveLength(1014);
    expect(dangling(without).filter((f) => f.candidates?.length)).toHaveLength(258);
    expect(dangling(withHistory).filter((f) => f.candidates?.length)).toHaveLength(540);
  });

  it("calls a stale id that names the declaring pattern itself a self-reference to remove", () => {
    const self = dangling(withHistory).filter((f) => f.fix.action === "remove");
    expect(self.length).toBeGreaterThan(0);
    for (const f of self) expect(f.candidates![0]).toMatchObject({ slug: f.patterns[0], via: "history" });
    expect(dangling(without).filter((f) => f.fix.action === "remove")).toEqual([]);
    expect(self.map((f) => f.id)).toContain("dangling:a3-thinking-toyota|related|pat_01kg5023x6ecsvs4r50r92ggad");
  });
});

describe("honest fixes", () => {
  it("offers two candidates within CLOSE_SECOND as a choice, never picking one (deliberate-practice)", () => {
    const f = dangling(withHistory).find((x) => x.id === "dangling:accelerated-skill-acquisition|generalizes_from|deliberate-practice")!;
    expect(f.candidates!.slice(0, 2).map((c) => [c.slug, c.score])).toEqual([
      ["deliberate-practice-design", 0.883],
      ["deliberate-practice-protocol", 0.883],
    ]);
    expect(f.fix.action).toBe("choose");
    expect(f.fix.edits).toBeUndefined();
    expect(f.fix.choices!.slice(0, 2).map((c) => c.target)).toEqual(["deliberate-practice-design", "deliberate-practice-protocol"]);
    for (const x of dangling(withHistory)) {
      if (x.fix.action !== "replace") continue;
      const [a, b] = x.candidates!.filter((c) => c.slug !== x.patterns[0]);
      if (b && !x.joined) expect(a!.score - b.score).toBeGreaterThan(CLOSE_SECOND);
    }
  });

  it("never makes removal the default edit of a dangling reference, except a reference to the pattern itself", () => {
    for (const f of dangling(withHistory)) {
      const removes = (f.fix.edits ?? []).some((e) => e.op === "remove-link");
      expect(removes, f.id).toBe(f.fix.action === "remove");
      if (f.fix.choices) expect(f.fix.choices.at(-1)!.edits[0]!.op, f.id).toBe("remove-link");
    }
  });

  it("offers a stub to create a pattern several files reference, in their folder and generation, declaring each back", () => {
    const creates = dangling(withHistory).filter((f) => f.fix.action === "create");
    expect(creates.length).toBeGreaterThan(10);
    for (const f of creates.slice(0, 25)) {
      const edit = f.fix.edits![0]!;
      if (edit.op !== "create-pattern") throw new Error(`${f.id}: ${edit.op}`);
      const parsed = parsePattern(edit.text, edit.file);
      expect(parsed.kind, f.id).toBe("pattern");
      if (parsed.kind !== "pattern") continue;
      expect(parsed.pattern).toMatchObject({ slug: edit.slug, title: edit.title, generation: edit.generation });
      expect(edit.referencedBy.length).toBeGreaterThanOrEqual(2);
      expect(edit.text).toContain(`Stub created for the references of: `);
      // Each referencing pattern with an inverse or symmetric type is declared back.
      const back = new Set(parsed.targets.map((t) => t.target));
      expect(back.size).toBeGreaterThan(0);
    }
  });

  it("treats two variants of Poka-Yoke as likely duplicates and so not as a suggested link", () => {
    const pair = (f: GapFinding) => f.patterns.includes("poka-yoke-error-proofing" as never) && f.patterns.includes("poka-yoke-mistake-proofing" as never);
    expect(withHistory.findings.filter(pair).map((f) => f.kind)).toEqual(["likely-duplicate"]);
  });

  it("names the edges a lineage loop's fix would cut, as a choice rather than a default", () => {
    const [loop] = withHistory.findings.filter((f) => f.kind === "lineage-cycle");
    expect(loop!.patterns).toHaveLength(28);
    expect(loop!.fix.edits).toBeUndefined();
    expect(loop!.cut!.length).toBe(loop!.fix.choices![0]!.edits.length);
    expect(loop!.cut!.length).toBeGreaterThan(0);
  });
});

describe("GET /api/gaps on a library in git", () => {
  it("answers the history's candidate, the fix's action and choices, and the joined finding", async () => {
    const app = createApp({ store: createMemoryStore(library), logger: silentLogger, gapsHistory: async () => history });
    const res = await request(app).get("/api/gaps?kind=dangling&pattern=5s-methodology-workplace-organization&limit=500");
    expect(res.status).toBe(200);
    const body = res.body as GapsResponse;
    const f = body.findings.find((x) => x.id === FIVE_S_ID)!;
    expect(f.candidates![0]).toMatchObject({ slug: "5s-methodology", via: "history" });
    expect(f.fix.action).toBe("replace");
    expect(f.fix.choices!.map((c) => c.edits[0]!.op)).toEqual(["replace-target", "remove-link"]);
    expect(f.joined!.map((j) => j.id)).toEqual(["one-sided-lineage:5s-methodology|specializes_to|5s-methodology-workplace-organization"]);
    expect(body.patterns["5s-methodology"]).toMatchObject({ title: "5S Methodology" });
    const plain = createApp({ store: createMemoryStore(library), logger: silentLogger });
    const without = (await request(plain).get("/api/gaps?kind=dangling&pattern=5s-methodology-workplace-organization&limit=500")).body as GapsResponse;
    expect(without.findings.find((x) => x.id === FIVE_S_ID)!.candidates).toBeUndefined();
  }, 120_000);
});

describe("joined findings", () => {
  it("joins the stale 5S reference with 5S Methodology's one-sided specializes_to into one finding and one fix", () => {
    const oneSided = "one-sided-lineage:5s-methodology|specializes_to|5s-methodology-workplace-organization";
    expect(without.findings.map((f) => f.id)).toContain(oneSided);
    expect(withHistory.findings.map((f) => f.id)).not.toContain(oneSided);
    const f = withHistory.findings.find((x) => x.id === FIVE_S_ID)!;
    expect(f.joined!.map((j) => j.id)).toEqual([oneSided]);
    expect(f.patterns).toEqual(["5s-methodology-workplace-organization", "5s-methodology"]);
    expect(f.fix.description).toContain("also settles");
    // The reciprocal patch no longer adds a second generalizes_from beside the stale one.
    const added = (r: GapReport) => reciprocalAdditions(r.findings).get("5s-methodology-workplace-organization.md") ?? [];
    expect(added(without).some((a) => a.type === "generalizes_from")).toBe(true);
    expect(added(withHistory).some((a) => a.type === "generalizes_from" && a.findingId === oneSided)).toBe(false);
    expect(withHistory.counts["one-sided-lineage"] + withHistory.findings.filter((x) => x.joined?.some((j) => j.kind === "one-sided-lineage")).length).toBe(
      without.counts["one-sided-lineage"],
    );
  });

  it("has the reciprocal patch replace a joined finding's stale target, so both files agree after git apply", async () => {
    const patch = await buildReciprocalPatch(folder, withHistory.findings.filter((f) => f.patterns.includes("5s-methodology" as never)));
    const file = patch.files.find((f) => f.file === "5s-methodology-workplace-organization.md")!;
    const id5s = library.patterns.find((p) => p.slug === "5s-methodology")!.id!;
    expect(file.replaced).toEqual([{ type: "generalizes_from", line: 31, from: STALE_5S, to: id5s, findingId: FIVE_S_ID }]);
    expect(file.added.some((a) => a.type === "generalizes_from")).toBe(false);
    // The block list's item line, rewritten in place: `- <stale id>` becomes `- <5S Methodology's id>`.
    expect(patch.diff.toString()).toContain(`\n-- ${STALE_5S}\n+- ${id5s}\n`);
    const diffFile = path.join(repo.dir, "..", "5s.diff");
    writeFileSync(diffFile, patch.diff);
    try {
      git("apply", "--directory=_patterns", diffFile);
      const after = analyseGaps(await loadLibrary(folder), { history });
      const ids = after.findings.map((f) => f.id);
      expect(ids).not.toContain(FIVE_S_ID);
      expect(ids).not.toContain("one-sided-lineage:5s-methodology|specializes_to|5s-methodology-workplace-organization");
      expect(ids).not.toContain("one-sided-lineage:5s-methodology-workplace-organization|generalizes_from|5s-methodology");
    } finally {
      git("checkout", "--quiet", "--", ".");
    }
  }, 120_000);

  it("keeps a baseline's ids: one written without the history holds with it, and the reverse", () => {
    const kinds = ["dangling", "one-sided-lineage", "one-sided-enables"] as const;
    const of = (r: GapReport) => r.findings.filter((f) => [f.kind, ...(f.joined ?? []).map((j) => j.kind)].some((k) => (kinds as readonly string[]).includes(k)));
    const old = buildBaseline(of(without));
    const now = compareWithBaseline(old, of(withHistory), [], [...kinds]);
    expect(now.added).toEqual([]);
    expect(now.fixed).toEqual([]);
    const back = compareWithBaseline(buildBaseline(of(withHistory)), of(without), [], [...kinds]);
    expect(back.added).toEqual([]);
    expect(back.fixed).toEqual([]);
  });

  it("passes --fail-on with a baseline written --no-history once the history joins findings", async () => {
    const out: string[] = [];
    const io = { stdout: (t: string | Buffer) => void out.push(String(t)), stderr: (t: string) => void out.push(t), cwd: repo.dir };
    const baseline = path.join(repo.dir, "..", "baseline.json");
    expect(await runGapsCli(["_patterns", "--fail-on", "dangling,one-sided", "--write-baseline", baseline, "--no-history"], io)).toBe(0);
    out.length = 0;
    expect(await runGapsCli(["_patterns", "--fail-on", "dangling,one-sided", "--baseline", baseline], io)).toBe(0);
    expect(out.join("")).toContain("gaps: OK, no new dangling, one-sided-lineage, one-sided-enables findings");
    expect(out.join("")).not.toContain("Fixed since the baseline");
    // Failing on one-sided findings alone still counts the joined ones (listed under their dangling finding).
    out.length = 0;
    expect(await runGapsCli(["_patterns", "--fail-on", "one-sided-lineage", "--pattern", "5s-methodology"], io)).toBe(1);
    expect(out.join("")).toContain("5S Methodology - Workplace Organization is a variant of a pattern by an id no pattern carries now (a stale id)");
    expect(out.join("")).toContain("5S Methodology’s file declares the link back (5S Methodology is a generalization of 5S Methodology - Workplace Organization");
  }, 180_000);
});
