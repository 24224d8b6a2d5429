// Every finding's evidence on the real 2026-02-20 library is written in words: patterns by their
// titles, links by what they mean ("is a variant of"), dangling targets by their reason ("stale id",
// "never created"); no TypeID, no frontmatter key, no quoted slug. The slugs, ids and keys stay in
// the finding's `patterns` and `links` for tools.
import { beforeAll, describe, expect, it } from "vitest";
import { analyseGaps, type GapReport } from "../../graph/gaps/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { KNOWN_LINK_TYPES } from "../../core/model.ts";
import { realLibrary } from "../fixtures/real-library.ts";

let report: GapReport;
let titles: Map<string, string>;

beforeAll(async () => {
  const library = await loadLibrary(realLibrary("2026-02-20"));
  titles = new Map(library.patterns.map((p) => [p.slug as string, p.title]));
  report = analyseGaps(library);
}, 120_000);

/** What the evidence must not quote: a TypeID, a frontmatter key of a link type, a slug in quotes. */
function machineWords(evidence: string, slugs: readonly string[]): string[] {
  const found: string[] = [];
  const id = /\bpat_[0-9a-z]{8,}/i.exec(evidence);
  if (id) found.push(id[0]);
  for (const key of KNOWN_LINK_TYPES) if (key.includes("_") ? evidence.includes(key) : evidence.includes(`${key}:`)) found.push(key);
  for (const slug of slugs) if (evidence.includes(`'${slug}'`)) found.push(`'${slug}'`);
  return found;
}

describe("the evidence of the 2026-02-20 library's findings", () => {
  it("quotes no id, key or slug, in any kind", () => {
    const kinds = new Set(report.findings.map((f) => f.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(8);
    const offending = report.findings
      .flatMap((f) => [f, ...(f.joined ?? [])])
      .map((f) => ({ id: f.id, words: machineWords(f.evidence, [...f.patterns, ...f.links.map((l) => l.target)]) }))
      .filter((f) => f.words.length > 0);
    expect(offending.slice(0, 5)).toEqual([]);
  });

  it("names the declaring pattern by its title and the link by its meaning, the keys kept in `links`", () => {
    const stale = report.findings.find((f) => f.kind === "dangling" && /^pat_/.test(f.links[0]!.target) && f.links[0]!.type === "generalizes_from")!;
    expect(stale).toBeDefined();
    expect(stale.evidence.startsWith(`${titles.get(stale.patterns[0]!)} is a variant of a pattern by an id no pattern carries now (a stale id), in ${stale.links[0]!.declaredIn}, line `)).toBe(true);
    const oneSided = report.findings.find((f) => f.kind === "one-sided-enables")!;
    const [a, b] = oneSided.patterns;
    expect(oneSided.evidence).toMatch(new RegExp(`^${escape(titles.get(a!)!)} (enables|requires|is enabled by|is required by) ${escape(titles.get(b!)!)}, says `));
    expect(oneSided.links[0]!.type).toMatch(/^(enables|requires)$/);
  });
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
