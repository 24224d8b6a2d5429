// The project's example library: its planted gaps (test/fixtures/example-library.expected.json) are
// found exactly, nothing is reported that was not planted where a planted kind is concerned, and the
// reciprocal patch closes the two one-sided declarations on a temp git copy.
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseGaps, type GapReport } from "../../graph/gaps/index.ts";
import { buildReciprocalPatch } from "../../ingest/fix-reciprocal.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { git, gitInit, ids, ofKind, tempDir } from "./helpers.ts";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const LIBRARY = path.join(REPO, "examples/library");

interface Expected {
  isolated: number;
  facts: {
    orphan: string;
    selfLink: { file: string; line: number; slug: string; type: string };
    oneSidedLineage: { declared: { source: string; type: string; target: string; line: number }; missing: { source: string; type: string; target: string } };
    enablesWithoutRequires: { declared: { source: string; type: string; target: string; line: number }; missing: { source: string; type: string; target: string } };
    danglingRefs: { source: string; type: string; target: string; declaredIn: string; line: number }[];
  };
}

let expected: Expected;
let report: GapReport;

beforeAll(async () => {
  expected = JSON.parse(await readFile(path.join(REPO, "test/fixtures/example-library.expected.json"), "utf8")) as Expected;
  report = analyseGaps(await loadLibrary(LIBRARY));
});

describe("the example library's planted gaps", () => {
  it("finds exactly the planted dangling references, where they are declared", () => {
    const found = ofKind(report.findings, "dangling");
    expect(ids(found).sort()).toEqual(expected.facts.danglingRefs.map((d) => `dangling:${d.source}|${d.type}|${d.target}`).sort());
    for (const d of expected.facts.danglingRefs) {
      const f = found.find((x) => x.id === `dangling:${d.source}|${d.type}|${d.target}`)!;
      expect(f.links[0]).toMatchObject({ declaredIn: d.declaredIn, line: d.line, dangling: true });
    }
  });

  it("finds exactly the planted one-sided lineage and enables declarations, with the reciprocal to add", () => {
    const lineage = expected.facts.oneSidedLineage;
    const [l] = ofKind(report.findings, "one-sided-lineage");
    expect(ids(ofKind(report.findings, "one-sided-lineage"))).toEqual([
      `one-sided-lineage:${lineage.declared.source}|${lineage.declared.type}|${lineage.declared.target}`,
    ]);
    expect(l!.links[0]!.line).toBe(lineage.declared.line);
    expect(l!.fix.edits?.[0]).toMatchObject({ op: "add-link", source: lineage.missing.source, type: lineage.missing.type, target: lineage.missing.target });

    const enables = expected.facts.enablesWithoutRequires;
    const [e] = ofKind(report.findings, "one-sided-enables");
    expect(ids(ofKind(report.findings, "one-sided-enables"))).toEqual([
      `one-sided-enables:${enables.declared.source}|${enables.declared.type}|${enables.declared.target}`,
    ]);
    expect(e!.fix.edits?.[0]).toMatchObject({ op: "add-link", source: enables.missing.source, type: enables.missing.type, target: enables.missing.target });
  });

  it("finds exactly the planted self-link and the planted orphan", () => {
    const self = expected.facts.selfLink;
    expect(ofKind(report.findings, "self-link").map((f) => [f.patterns[0], f.links[0]?.type, f.links[0]?.declaredIn, f.links[0]?.line])).toEqual([
      [self.slug, self.type, self.file, self.line],
    ]);
    expect(ids(ofKind(report.findings, "orphan"))).toEqual([`orphan:${expected.facts.orphan}`]);
    expect(report.counts.orphan).toBe(expected.isolated);
  });

  it("finds no lineage contradiction, loop or duplicate, none being planted", () => {
    expect(report.counts).toMatchObject({ "contradictory-lineage": 0, "lineage-cycle": 0, "likely-duplicate": 0 });
  });
});

describe("the reciprocal patch on a copy of the example library", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("example"));
    await cp(LIBRARY, dir, { recursive: true });
    gitInit(dir);
  });
  afterAll(() => cleanup());

  it("adds one line to each of the two files, and a re-ingest finds no one-sided declaration and the same other findings", async () => {
    const patch = await buildReciprocalPatch(dir, report.findings);
    const diffFile = `${dir}.diff`;
    await writeFile(diffFile, patch.diff);
    git(dir, "apply", diffFile);
    const files = [expected.facts.oneSidedLineage.missing.source, expected.facts.enablesWithoutRequires.missing.source];
    const numstat = git(dir, "diff", "--numstat").trim().split("\n");
    expect(numstat).toHaveLength(2);
    for (const row of numstat) expect(row).toMatch(/^1\t[01]\t/);
    expect(patch.files.map((f) => path.basename(f.file, ".md")).sort()).toEqual(files.sort());
    const after = analyseGaps(await loadLibrary(dir));
    expect(after.counts).toEqual({ ...report.counts, "one-sided-lineage": 0, "one-sided-enables": 0 });
    const others = (r: GapReport) => ids(r.findings.filter((f) => !f.kind.startsWith("one-sided")));
    expect(others(after)).toEqual(others(report));
  });
});
