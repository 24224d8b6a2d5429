// The gap analysis on small literal libraries: each kind found exactly, with its evidence, fix and
// stable id; orders and counts deterministic; filters.
import { describe, expect, it } from "vitest";
import { analyseGaps, filterFindings, GAP_KINDS, NO_DOMAIN } from "../../graph/gaps/index.ts";
import type { Library } from "../../core/model.ts";
import { dangling, ids, library, link, ofKind } from "./helpers.ts";

describe("one-sided declarations", () => {
  const lib = library({
    patterns: [{ slug: "a" }, { slug: "b", id: "pat_bbbbbbbbbbbbbbbbbbbbbbbbbb" }, { slug: "c", generation: 2 }, { slug: "d" }],
    links: [
      "a generalizes_from b", // b must declare specializes_to a: missing
      "b specializes_to d",
      "d generalizes_from b", // declared on both sides: fine
      "a enables c", // c must declare requires a: missing
      link("c requires d", { weight: 0.7 }), // d must declare enables c: missing, with the weight
      "a related d", // symmetric types never need a reciprocal
    ],
  });
  const report = analyseGaps(lib);

  it("finds generalizes_from without the matching specializes_to, and nothing where both sides declare it", () => {
    expect(ids(ofKind(report.findings, "one-sided-lineage"))).toEqual(["one-sided-lineage:a|generalizes_from|b"]);
  });

  it("finds enables without requires and requires without enables", () => {
    expect(ids(ofKind(report.findings, "one-sided-enables"))).toEqual([
      "one-sided-enables:a|enables|c",
      "one-sided-enables:c|requires|d",
    ]);
  });

  it("proposes the reciprocal in the other file: the TypeID in generation 1 when the target has one, the slug otherwise, with the weight", () => {
    const [lineage] = ofKind(report.findings, "one-sided-lineage");
    expect(lineage!.fix).toMatchObject({
      file: "b.md",
      automatic: true,
      edits: [{ op: "add-link", file: "b.md", source: "b", type: "specializes_to", target: "a", value: "a" }],
    });
    const [enables, requires] = ofKind(report.findings, "one-sided-enables");
    expect(enables!.fix.edits).toEqual([{ op: "add-link", file: "c.md", source: "c", type: "requires", target: "a", value: "a" }]);
    expect(requires!.fix.edits).toEqual([
      { op: "add-link", file: "d.md", source: "d", type: "enables", target: "c", value: "c", weight: 0.7 },
    ]);
  });

  it("writes the target's TypeID into a generation 1 file", () => {
    const r = analyseGaps(library({ patterns: [{ slug: "x" }, { slug: "b", id: "pat_bbbbbbbbbbbbbbbbbbbbbbbbbb" }], links: ["b enables x"] }));
    expect(r.findings.find((f) => f.kind === "one-sided-enables")!.fix.edits![0]).toMatchObject({ file: "x.md", value: "pat_bbbbbbbbbbbbbbbbbbbbbbbbbb" });
  });

  it("says in words what the declaration means, with its file and line, and what the other file lacks", () => {
    const f = ofKind(report.findings, "one-sided-lineage")[0]!;
    expect(f.evidence).toBe("a is a variant of b, says a.md, line 10, but b’s file (b.md) does not say it back (that b is a generalization of a).");
    // The keys stay in the finding's fields for tools.
    expect(f.links[0]).toMatchObject({ source: "a", type: "generalizes_from", target: "b", declaredIn: "a.md", line: 10 });
  });
});

describe("dangling references", () => {
  const lib = library({
    patterns: [
      { slug: "circle-governance", title: "Circle Governance" },
      { slug: "consent", title: "Consent Decision Making", aliases: ["Consent Based Decisions"] },
      { slug: "renamed", id: "pat_newnewnewnewnewnewnewnewn" },
    ],
    links: ["circle-governance related consent"],
    dangling: [
      dangling("consent enables circle-governence"),
      dangling("consent enables x", { target: "Consent based decisions", form: "title" }),
      dangling("circle-governance related pat_oldoldoldoldoldoldoldoldo", { form: "id" }),
      dangling("circle-governance related totally-unrelated-thing"),
      dangling("circle-governance related totally-unrelated-thing", { line: 40 }),
    ],
  });

  it("reports each declared (source, type, target) once, with the most likely intended target", () => {
    const found = ofKind(analyseGaps(lib).findings, "dangling");
    expect(ids(found)).toEqual([
      "dangling:circle-governance|related|pat_oldoldoldoldoldoldoldoldo",
      "dangling:circle-governance|related|totally-unrelated-thing",
      "dangling:consent|enables|Consent based decisions",
      "dangling:consent|enables|circle-governence",
    ]);
    const typo = found.find((f) => f.id.endsWith("circle-governence"))!;
    expect(typo.candidates?.[0]).toMatchObject({ slug: "circle-governance" });
    expect(typo.fix.edits).toEqual([
      { op: "replace-target", file: "consent.md", line: 12, source: "consent", type: "enables", from: "circle-governence", to: "circle-governance", slug: "circle-governance" },
    ]);
    expect(found.find((f) => f.id.includes("Consent based"))!.candidates?.[0]).toMatchObject({ slug: "consent", score: 1 });
    expect(found.find((f) => f.id.includes("totally"))!.candidates).toBeUndefined();
  });

  it("says in words what each reference meant and why nothing matches, the target as written kept in its link", () => {
    const found = ofKind(analyseGaps(lib).findings, "dangling");
    const evidence = (id: string) => found.find((f) => f.id === `dangling:${id}`)!.evidence;
    expect(evidence("circle-governance|related|pat_oldoldoldoldoldoldoldoldo")).toMatch(/^Circle Governance is related to a pattern by an id no pattern carries now \(a stale id\), in circle-governance\.md/);
    expect(evidence("circle-governance|related|totally-unrelated-thing")).toMatch(/^Circle Governance is related to “totally-unrelated-thing”, a name no pattern has \(never created\), in /);
    expect(evidence("consent|enables|Consent based decisions")).toMatch(/^Consent Decision Making enables “Consent based decisions”, a title no pattern has \(never created\), in /);
    expect(evidence("consent|enables|circle-governence")).toContain("Most likely meant: Circle Governance (");
    expect(found.find((f) => f.id.includes("pat_old"))!.links[0]).toMatchObject({ type: "related", target: "pat_oldoldoldoldoldoldoldoldo", form: "id" });
  });

  it("resolves a stale TypeID through an earlier reading of the library", () => {
    const previous = { patterns: [{ ...lib.patterns[2]!, id: "pat_oldoldoldoldoldoldoldoldo" as never }] };
    const stale = ofKind(analyseGaps(lib, { previous }).findings, "dangling").find((f) => f.id.includes("pat_old"))!;
    expect(stale.candidates?.[0]).toMatchObject({ slug: "renamed", score: 0.95 });
    expect(stale.candidates?.[0]!.reason).toContain("pat_newnewnewnewnewnewnewnewn");
    expect(stale.fix.edits?.[0]).toMatchObject({ op: "replace-target", to: "pat_newnewnewnewnewnewnewnewn" });
  });

  it("says so when the dangling slug names a file that exists but could not be read", () => {
    const broken = analyseGaps({
      ...lib,
      problems: [{ file: "totally-unrelated-thing.md", line: 3, kind: "invalid-yaml", message: "bad indentation", fatal: true }],
    });
    const f = ofKind(broken.findings, "dangling").find((x) => x.id.includes("totally"))!;
    expect(f.evidence).toContain("totally-unrelated-thing.md exists but produced no pattern");
    expect(f.fix.description).toContain("Repair the frontmatter");
  });
});

describe("lineage that contradicts itself", () => {
  const lib = library({
    patterns: ["a", "b", "c", "d", "e", "f"].map((slug) => ({ slug })),
    links: [
      // a <-> b: each the parent of the other
      "a specializes_to b",
      "a generalizes_from b",
      // c -> d -> e -> c: a loop of three
      "c specializes_to d",
      "e generalizes_from d",
      "c generalizes_from e",
      // f: a self-link kept as a link
      "f related f",
    ],
  });
  const report = analyseGaps(lib);

  it("reports a pair declared parent and child of each other as contradictory-lineage", () => {
    const [f] = ofKind(report.findings, "contradictory-lineage");
    expect(f).toMatchObject({ id: "contradictory-lineage:a|b", patterns: ["a", "b"] });
    expect(f!.links.map((l) => `${l.source} ${l.type} ${l.target}`)).toEqual(["a generalizes_from b", "a specializes_to b"]);
  });

  it("reports a loop through three patterns as a lineage-cycle with the edges that break it", () => {
    const [f] = ofKind(report.findings, "lineage-cycle");
    expect(f).toMatchObject({ id: "lineage-cycle:c,d,e", patterns: ["c", "d", "e"] });
    expect(f!.evidence).toContain("c is the parent of d, which is the parent of e, which is the parent of c");
    // Cutting a declared edge is a choice, not a default edit; the finding names the edge for a view to draw.
    expect(f!.fix.edits).toBeUndefined();
    expect(f!.fix).toMatchObject({ action: "choose" });
    expect(f!.fix.choices![0]!.edits).toHaveLength(1);
    expect(f!.cut).toHaveLength(1);
    expect(f!.cut![0]).toMatchObject(f!.fix.choices![0]!.edits[0]!.op === "remove-link" ? { source: f!.fix.choices![0]!.edits[0]!.source } : {});
  });

  it("does not offer the automatic reciprocal fix for links inside a contradiction or a loop", () => {
    const blocked = ofKind(report.findings, "one-sided-lineage");
    expect(blocked.length).toBeGreaterThan(0);
    for (const f of blocked) expect(f.fix.automatic).toBeUndefined();
  });

  it("reports self-links kept as links and self-links ingest reported as problems", () => {
    const r = analyseGaps({
      ...lib,
      problems: [
        { file: "a.md", line: 7, kind: "self-link", message: "'enables' points at the pattern itself ('a'); the link is ignored.", fatal: false },
      ],
    });
    expect(ids(ofKind(r.findings, "self-link"))).toEqual(["self-link:a|enables|a@7", "self-link:f|related|f"]);
  });
});

describe("orphans, islands and likely duplicates", () => {
  const lib = library({
    patterns: [
      { slug: "hub", domain: "ops" },
      { slug: "s1", domain: "ops" },
      { slug: "s2", domain: "ops" },
      { slug: "s3", domain: "ops" },
      { slug: "lonely", domain: "craft" },
      { slug: "no-domain" },
      { slug: "i1", domain: "craft" },
      { slug: "i2", domain: "craft" },
      { slug: "i3", domain: "ops" },
      { slug: "kanban", title: "Kanban" },
      { slug: "kanban-for-teams", title: "Kanban - For Teams" },
      { slug: "privacy-by-design", title: "Privacy by Design" },
      { slug: "privacy-by-design-pbd", title: "Privacy by Design (PbD)" },
      { slug: "b-corporation", title: "B-Corporation" },
      { slug: "c-corporation", title: "C-Corporation" },
    ],
    links: [
      "hub related s1",
      "hub related s2",
      "hub related s3",
      "hub related kanban",
      "hub related kanban-for-teams",
      "hub related privacy-by-design",
      "hub related privacy-by-design-pbd",
      "hub related b-corporation",
      "hub related c-corporation",
      "i1 related i2",
      "i2 enables i3",
      "i3 requires i2",
    ],
  });
  const report = analyseGaps(lib);

  it("reports every pattern without a resolved link as an orphan, by domain", () => {
    expect(ids(ofKind(report.findings, "orphan"))).toEqual(["orphan:lonely", "orphan:no-domain"]);
    expect(ofKind(report.findings, "orphan").map((f) => f.domains)).toEqual([["craft"], [NO_DOMAIN]]);
  });

  it("reports a small component apart from the main one as an island with its most common domain", () => {
    const [island] = ofKind(report.findings, "island");
    expect(island).toMatchObject({ id: "island:i1,i2,i3", patterns: ["i1", "i2", "i3"], domain: "craft", domains: ["craft", "ops"] });
    expect(island!.links).toHaveLength(3);
  });

  it("does not call a component larger than maxIslandSize an island", () => {
    expect(ofKind(analyseGaps(lib, { maxIslandSize: 2 }).findings, "island")).toEqual([]);
  });

  it("reports an 'X - variant' twin and an 'X (ABBR)' twin without lineage, but not B- vs C-Corporation", () => {
    const dup = ofKind(report.findings, "likely-duplicate");
    expect(ids(dup)).toEqual(["likely-duplicate:privacy-by-design|privacy-by-design-pbd", "likely-duplicate:kanban|kanban-for-teams"]);
    expect(dup[0]!.score).toBe(0.95);
    expect(dup[1]!.fix.edits).toEqual([
      { op: "add-link", file: "kanban-for-teams.md", source: "kanban-for-teams", type: "generalizes_from", target: "kanban", value: "kanban" },
    ]);
  });

  it("does not report a twin that already has a lineage link", () => {
    const linked = { ...lib, links: [...lib.links, link("kanban-for-teams generalizes_from kanban")] };
    expect(ids(ofKind(analyseGaps(linked).findings, "likely-duplicate"))).not.toContain("likely-duplicate:kanban|kanban-for-teams");
  });
});

describe("suggested links", () => {
  const lib = library({
    patterns: [
      { slug: "a", title: "Sociocracy circles", domain: "gov" },
      { slug: "b", title: "Holacracy circles", domain: "gov" },
      { slug: "n1" },
      { slug: "n2" },
      { slug: "n3" },
      { slug: "x", title: "Consent rounds in circles", summary: "Consent rounds let sociocracy circles decide.", domain: "gov" },
      { slug: "y", title: "Consent rounds for circles", summary: "Rounds of consent in sociocracy circles.", domain: "gov" },
      { slug: "z", title: "Bread baking", domain: "food" },
    ],
    links: ["a related n1", "a related n2", "a related n3", "b related n1", "b related n2", "b related n3", "n1 related z", "x related z", "y related n1"],
  });
  const report = analyseGaps(lib);

  it("suggests unlinked pairs sharing neighbours, ranked by score, with the reason", () => {
    const found = ofKind(report.findings, "suggested-link");
    expect(found[0]).toMatchObject({ id: "suggested-link:a|b", patterns: ["a", "b"] });
    expect(found[0]!.evidence).toMatch(/^Sociocracy circles and Holacracy circles are not linked, yet: 3 shared neighbours \(n1, n2, n3;/);
    const scores = found.map((f) => f.score!);
    expect(scores).toEqual([...scores].sort((p, q) => q - p));
  });

  it("suggests same-domain pairs with a shared vocabulary even without shared neighbours", () => {
    const xy = ofKind(report.findings, "suggested-link").find((f) => f.id === "suggested-link:x|y");
    expect(xy?.evidence).toMatch(/same domain 'gov'; shared words/);
  });

  it("never suggests a pair that is already linked", () => {
    for (const f of ofKind(report.findings, "suggested-link")) {
      const [p, q] = f.patterns;
      expect(lib.links.some((l) => (l.source === p && l.target === q) || (l.source === q && l.target === p))).toBe(false);
    }
  });

  it("keeps only the top maxSuggestions and says how many there were", () => {
    const capped = analyseGaps(lib, { maxSuggestions: 1 });
    expect(ofKind(capped.findings, "suggested-link").map((f) => f.id)).toEqual([ofKind(report.findings, "suggested-link")[0]!.id]);
    expect(report.suggestionsConsidered).toBe(ofKind(report.findings, "suggested-link").length);
    // The one kept shares neighbours and scores above what a pair by vocabulary alone can (2.25), so
    // those are not searched, nor counted (docs/gaps.md, "How the analysis scales").
    expect(ofKind(capped.findings, "suggested-link")[0]!.score).toBeGreaterThan(2.25);
    const byVocabularyOnly = ofKind(report.findings, "suggested-link").filter((f) => !/shared neighbours/.test(f.evidence)).length;
    expect(byVocabularyOnly).toBeGreaterThan(0);
    expect(capped.suggestionsConsidered).toBe(report.suggestionsConsidered - byVocabularyOnly);
  });
});

describe("the report", () => {
  const lib: Library = library({
    patterns: [{ slug: "a", domain: "d1" }, { slug: "b", domain: "d2" }, { slug: "c" }],
    links: ["a generalizes_from b", "b enables a"],
    dangling: [dangling("c related nowhere")],
  });

  it("is deterministic: the same library in another order gives the same findings in the same order", () => {
    const shuffled = { ...lib, patterns: [...lib.patterns].reverse(), links: [...lib.links].reverse() };
    expect(analyseGaps(shuffled)).toEqual(analyseGaps(lib));
  });

  it("counts every kind, zero included, and by domain", () => {
    const r = analyseGaps(lib);
    expect(Object.keys(r.counts)).toEqual([...GAP_KINDS]);
    expect(r.counts).toMatchObject({ dangling: 1, "one-sided-lineage": 1, "one-sided-enables": 1, orphan: 1 });
    expect(r.countsByDomain[NO_DOMAIN]).toEqual({ dangling: 1, orphan: 1 });
  });

  it("filters by kind, domain and pattern together", () => {
    const { findings } = analyseGaps(lib);
    expect(ids(filterFindings(findings, { kinds: ["one-sided-enables", "dangling"], domain: "d2" }))).toEqual(["one-sided-enables:b|enables|a"]);
    expect(ids(filterFindings(findings, { pattern: "c" }))).toEqual(["dangling:c|related|nowhere", "orphan:c"]);
    expect(filterFindings(findings, { domain: "d3" })).toEqual([]);
  });

  it("lists kinds in GAP_KINDS order", () => {
    const kinds = analyseGaps(lib).findings.map((f) => GAP_KINDS.indexOf(f.kind));
    expect(kinds).toEqual([...kinds].sort((p, q) => p - q));
  });
});
