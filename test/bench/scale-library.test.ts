// The scale generator on the repository's example library: N copies with the real one's shape,
// renamed consistently, joined by a seeded share of links across copies, and no new problem kinds.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLibrary } from "../../ingest/load-library.ts";
import type { Library } from "../../core/model.ts";
import { renameTypeId, scaleLibrary, type ScaleReport } from "./lib/scale-library.ts";

const EXAMPLE = path.resolve(import.meta.dirname, "../../examples/library");
const copyOf = (slug: string): string => /-x(\d+)$/.exec(slug)?.[1] ?? "1";
const kinds = (library: Library): string[] => [...new Set(library.problems.map((p) => p.kind))].sort();

describe("scaleLibrary on the example library, factor 3", () => {
  let out: string;
  let report: ScaleReport;
  let source: Library;
  let scaled: Library;

  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), "atlas-scale-"));
    // A larger share than the default so the 100 links of the example surely yield cross links.
    report = await scaleLibrary(EXAMPLE, out, { factor: 3, crossShare: 0.1, seed: 7 });
    source = await loadLibrary(EXAMPLE);
    scaled = await loadLibrary(out);
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("writes three times the files, patterns, links, dangling references and problems", () => {
    expect(report.filesWritten).toBe(3 * source.files);
    expect(scaled.files).toBe(3 * source.files);
    expect(scaled.patterns.length).toBe(3 * source.patterns.length);
    expect(scaled.links.length).toBe(3 * source.links.length);
    expect(scaled.dangling.length).toBe(3 * source.dangling.length);
    expect(scaled.problems.length).toBe(3 * source.problems.length);
    expect(report.unrewritten).toBe(0);
  });

  it("gives every copy its own slugs, titles and TypeIDs", () => {
    const slugs = new Set(scaled.patterns.map((p) => p.slug));
    const titles = new Set(scaled.patterns.map((p) => p.title));
    expect(slugs.size).toBe(scaled.patterns.length);
    expect(titles.size).toBe(scaled.patterns.length);
    const cqrs = source.patterns.find((p) => p.slug === "cqrs")!;
    const copy3 = scaled.patterns.find((p) => p.slug === "cqrs-x3")!;
    expect(copy3.title).toBe(`${cqrs.title} (3)`);
    expect(copy3.id).toBe(renameTypeId(cqrs.id!, 3));
    expect(copy3.id).not.toBe(cqrs.id);
    expect(copy3.file).toBe("copy-03/architecture/cqrs-x3.md");
  });

  it("adds no problem kind the source does not have", () => {
    expect(kinds(scaled)).toEqual(kinds(source));
  });

  it("links copies to each other with resolved links, and keeps the rest within their copy", () => {
    const cross = scaled.links.filter((l) => copyOf(l.source) !== copyOf(l.target));
    expect(report.crossTargets).toBeGreaterThan(0);
    expect(cross.length).toBeGreaterThan(0);
    expect(cross.length).toBeLessThanOrEqual(report.crossTargets);
    const slugs = new Set(scaled.patterns.map((p) => p.slug as string));
    for (const link of cross) expect(slugs.has(link.target)).toBe(true);
    // Every link of the source is present in every copy, pointing at the same pattern of some copy.
    const base = (slug: string): string => slug.replace(/-x\d+$/, "");
    const expected = source.links.map((l) => `${l.source}|${l.type}|${l.target}`).sort();
    for (const copy of ["1", "2", "3"]) {
      const got = scaled.links.filter((l) => copyOf(l.source) === copy).map((l) => `${base(l.source)}|${l.type}|${base(l.target)}`);
      expect(got.sort()).toEqual(expected);
    }
  });

  it("is deterministic: the same options write the same files", async () => {
    const again = await mkdtemp(path.join(os.tmpdir(), "atlas-scale-"));
    try {
      const second = await scaleLibrary(EXAMPLE, again, { factor: 3, crossShare: 0.1, seed: 7 });
      expect(second.crossTargets).toBe(report.crossTargets);
      for (const file of ["copy-02/architecture/cqrs-x2.md", "copy-03/delivery/canary-release-x3.md"]) {
        expect(await readFile(path.join(again, file), "utf8")).toBe(await readFile(path.join(out, file), "utf8"));
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });
});
