// The offline import's findings, written as CSV on the analysis thread (graph/neo4j/neo4j-import-findings.ts),
// are the very files the calling thread writes from its own analysis, and the thread waits for the
// copy's id before it writes.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalLibrary } from "../../graph/algorithms/library-order.ts";
import { analyseGaps } from "../../graph/gaps/index.ts";
import { writeFindingsCsv, type FindingsCsvTarget } from "../../graph/neo4j/neo4j-import-findings.ts";
import { findingsCsvOffThread } from "../../graph/neo4j/neo4j-import-findings-thread.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const dirs: string[] = [];
const newDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-import-findings-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const filesOf = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), "utf8")]));

describe("the offline import's findings written on the analysis thread", () => {
  it("writes, once told where, the files the calling thread writes for the real library", async () => {
    const canonical = canonicalLibrary(await loadLibrary(realLibrary("2026-02-20")));
    const onThread = newDir();
    const here = newDir();
    let tell!: (target: FindingsCsvTarget) => void;
    const target = new Promise<FindingsCsvTarget>((resolve) => (tell = resolve));
    const fallbacks: string[] = [];
    const run = findingsCsvOffThread(canonical, target, undefined, (message) => fallbacks.push(message));
    // Nothing is written before the copy's id is known.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readdirSync(onThread)).toEqual([]);
    tell({ dir: onThread, lib: "default/copy", set: "default/copy#gaps2" });
    const written = await run;
    expect(fallbacks).toEqual([]);
    expect(written.heapMb).toBeGreaterThan(0);

    const report = analyseGaps(canonical);
    const expected = writeFindingsCsv({ library: canonical, report }, written.analysisMs, { dir: here, lib: "default/copy", set: "default/copy#gaps2" });
    expect(written.findings).toBe(report.findings.length);
    expect(written.findings).toBeGreaterThan(1000);
    expect(written.summary).toBe(expected.summary);
    expect(written.inputs.map((i) => [i.header.replace(onThread, ""), i.body.replace(onThread, ""), i.multiline])).toEqual(
      expected.inputs.map((i) => [i.header.replace(here, ""), i.body.replace(here, ""), i.multiline]),
    );
    const files = filesOf(onThread);
    expect(Object.keys(files).length).toBeGreaterThan(1);
    expect(files).toEqual(filesOf(here));
  });
});
