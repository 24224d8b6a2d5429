// The gap analysis with its findings packed (graph/gaps/analyse-packed.ts): the same findings in the
// same order as analyseGaps, decoded to the same JSON, and the same answers from what is kept beside
// them (kind, domains, patterns, group keys), on the real library cut down and on a generated one
// where every finding kind and a join of a stale reference with a one-sided declaration occur.
import { describe, expect, it } from "vitest";
import { analyseGaps, analyseGapsPacked, GAP_GROUP_BY, groupKey, type GapReport, type PackedGapReport } from "../../graph/gaps/index.ts";
import type { Library } from "../../core/model.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { dangling, library, link } from "./helpers.ts";

/** A library of `n` linked patterns in a few domains with one-sided, mutual, dangling and self links, duplicates and orphans. */
function generated(n: number): Library {
  // The last five are orphans: nothing links to or from them.
  const patterns = Array.from({ length: n + 5 }, (_, i) => ({
    slug: `pattern-${i}`,
    title: i % 17 === 3 ? `Pattern ${i - 1}` : `Pattern ${i}`,
    domain: i % 5 === 0 ? undefined : `domain-${i % 4}`,
    ...(i % 3 === 0 ? { id: `pat_${String(i).padStart(26, "0")}` } : {}),
  }));
  const links: ReturnType<typeof link>[] = [];
  for (let i = 0; i < n; i++) {
    links.push(link(`pattern-${i} enables pattern-${(i * 7 + 3) % n}`, { weight: (i % 9) / 10 }));
    links.push(link(`pattern-${i} generalizes_from pattern-${(i + 1) % n}`));
    if (i % 2 === 0) links.push(link(`pattern-${(i + 1) % n} specializes_to pattern-${i}`));
    links.push(link(`pattern-${i} related pattern-${(i * 13 + 5) % n}`));
    if (i % 29 === 0) links.push(link(`pattern-${i} enables pattern-${i}`));
  }
  const refs = [
    dangling("pattern-1 generalizes_from pattern-2x", { form: "slug" }),
    dangling("pattern-4 enables pattern-9-old", { form: "slug" }),
    dangling("pattern-6 requires Pattern 12", { form: "title" }),
    dangling("pattern-8 enables pat_00000000000000000000000099", { form: "id" }),
  ];
  // pattern-9 declares the inverse of the stale "pattern-9-old": a join's partner.
  links.push(link("pattern-9 requires pattern-4"));
  return library({ patterns, links, dangling: refs });
}

function samePacked(plain: GapReport, packed: PackedGapReport): void {
  const { findings, ...head } = packed;
  const { findings: objects, ...plainHead } = plain;
  expect(head).toEqual(plainHead);
  expect(findings.size).toBe(objects.length);
  const all = findings.decode(objects.map((_, at) => at));
  expect(JSON.stringify(all)).toBe(JSON.stringify(objects));
  const fileOf = (slug: string): string | undefined => (slug.endsWith("1") ? undefined : `${slug}.md`);
  // What is kept beside each finding, compared as one table (an expect per finding is slow).
  const kept = objects.map((_, at) => [
    findings.id(at),
    findings.kind(at),
    findings.domains(at),
    objects[at]!.patterns.every((slug) => findings.involves(at, slug)),
    findings.involves(at, "not-a-pattern"),
    ...GAP_GROUP_BY.map((by) => findings.groupKey(at, by, fileOf)),
  ]);
  const expected = objects.map((f) => [f.id, f.kind, f.domains, true, false, ...GAP_GROUP_BY.map((by) => groupKey(f, by, fileOf))]);
  expect(JSON.stringify(kept)).toBe(JSON.stringify(expected));
  // A page in any order decodes to those findings in that order.
  const page = [objects.length - 1, 0, Math.floor(objects.length / 2), 1].filter((at) => at >= 0 && at < objects.length);
  expect(findings.decode(page).map((f) => f.id)).toEqual(page.map((at) => objects[at]!.id));
}

describe("findings packed while analysed", () => {
  it("are the findings analyseGaps gives, in its order, on the real library cut down", async () => {
    const lib = await loadLibrary(realLibrary("2026-02-20"));
    const plain = analyseGaps(lib);
    expect(plain.findings.some((f) => f.joined?.length)).toBe(true);
    samePacked(plain, analyseGapsPacked(lib));
  }, 120_000);

  it("are the findings analyseGaps gives on a generated library with every kind of declaration gap", () => {
    const lib = generated(400);
    const plain = analyseGaps(lib);
    for (const kind of ["dangling", "one-sided-lineage", "one-sided-enables", "self-link", "orphan", "likely-duplicate"] as const) {
      expect(plain.counts[kind], kind).toBeGreaterThan(0);
    }
    samePacked(plain, analyseGapsPacked(lib));
  });

  it("hold the findings in fewer bytes than their JSON", () => {
    const lib = generated(1_000);
    const packed = analyseGapsPacked(lib);
    const text = JSON.stringify(packed.findings.decode(Array.from({ length: packed.findings.size }, (_, at) => at)));
    expect(packed.findings.compressedBytes).toBeLessThan(text.length / 4);
  });

  it("of an empty library are none", () => {
    const packed = analyseGapsPacked(library({ patterns: [], links: [] }));
    expect(packed.findings.size).toBe(0);
    expect(packed.findings.decode([])).toEqual([]);
  });
});
