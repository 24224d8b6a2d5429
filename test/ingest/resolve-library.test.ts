// Resolution across a library: the order (TypeID, slug, title or alias), duplicates, dedup, dangling.

import { describe, expect, it } from "vitest";
import { parsePattern, resolveLibrary } from "../../ingest/index.ts";

/** A library from literal files: path -> frontmatter lines (without the delimiters). */
function library(files: Record<string, string[]>) {
  const parsed = Object.keys(files)
    .sort()
    .map((file) => parsePattern(["---", ...files[file]!, "---", "", "Body."].join("\n"), file));
  return resolveLibrary("literal", parsed);
}

const ID_A = "pat_01aaaaaaaaaaaaaaaaaaaaaaaa";
const ID_B = "pat_01bbbbbbbbbbbbbbbbbbbbbbbb";

describe("resolveLibrary", () => {
  it("resolves a target by TypeID before slug, and by slug before title or alias", () => {
    const lib = library({
      "a.md": [`id: ${ID_A}`, "slug: alpha", "title: Beta", "aliases: [Gamma]"],
      // A pattern whose slug equals the other one's id would steal the link if slug came first.
      "b.md": [`id: ${ID_B}`, `slug: ${ID_A.replace("pat_", "x-")}`, "title: Alpha"],
      "src.md": [
        "slug: src",
        "title: Source",
        "relationships:",
        `  enables: [${ID_A}]`,
        "  requires: [alpha]",
        "  related: [Beta]",
        "  tools: [gamma]",
        "  alternatives: [ALPHA]",
      ],
    });
    const from = (type: string) => lib.links.filter((l) => l.source === "src" && l.type === type).map((l) => l.target);
    expect(from("enables")).toEqual(["alpha"]);
    expect(from("requires")).toEqual(["alpha"]); // slug "alpha" wins over the title "Alpha" of b
    expect(from("related")).toEqual(["alpha"]); // title, case-insensitive
    expect(from("tools")).toEqual(["alpha"]); // alias
    expect(from("alternatives")).toEqual(["alpha"]); // slug, case-insensitive
  });

  it("prefers a title over an alias held by another pattern", () => {
    const lib = library({
      "a.md": ["slug: a", "title: Shared Name"],
      "b.md": ["slug: b", "title: B", "aliases: [Shared Name]"],
      "c.md": ["slug: c", "title: C", "related: [shared   name]"],
    });
    expect(lib.links).toEqual([{ source: "c", type: "related", target: "a", declaredIn: "c.md", line: 4 }]);
  });

  it("tries every value a mapping carries: a slug written under id: resolves", () => {
    const lib = library({
      "a.md": ["slug: alignment-monitoring", "title: Alignment Monitoring"],
      "b.md": ["slug: b", "title: B", "relationships:", "  enables:", "    - id: alignment-monitoring", "      weight: 0.9"],
    });
    expect(lib.links).toEqual([
      { source: "b", type: "enables", target: "alignment-monitoring", weight: 0.9, declaredIn: "b.md", line: 6 },
    ]);
    expect(lib.dangling).toEqual([]);
  });

  it("keeps unresolved targets as dangling references with their form and line", () => {
    const lib = library({
      "a.md": ["slug: a", "title: A", `related: ["${ID_B}"]`, "relationships:", "  requires:", "    - slug: nowhere", "      weight: 0.4", "  tools: [No Such Title]"],
    });
    expect(lib.dangling).toEqual([
      { source: "a", type: "related", target: ID_B, form: "id", declaredIn: "a.md", line: 4 },
      { source: "a", type: "requires", target: "nowhere", form: "mapping", weight: 0.4, declaredIn: "a.md", line: 7 },
      { source: "a", type: "tools", target: "No Such Title", form: "title", declaredIn: "a.md", line: 9 },
    ]);
  });

  it("counts the same (source, type, target) once, keeping the first declaration", () => {
    const lib = library({
      "a.md": [`id: ${ID_A}`, "slug: a", "title: A"],
      "b.md": ["slug: b", "title: B", "relationships:", "  complementary:", "    - slug: a", "      weight: 0.5", "    - A", `    - ${ID_A}`, "  related: [a]"],
    });
    expect(lib.links).toEqual([
      { source: "b", type: "complementary", target: "a", weight: 0.5, declaredIn: "b.md", line: 6 },
      { source: "b", type: "related", target: "a", declaredIn: "b.md", line: 10 },
    ]);
  });

  it("keeps an unknown relationship type as its own link type", () => {
    const lib = library({
      "a.md": ["slug: a", "title: A"],
      "b.md": ["slug: b", "title: B", "relationships:", "  conflicts_with: [a]", "  supersedes:", "    - slug: a"],
    });
    expect(lib.links.map((l) => l.type)).toEqual(["conflicts_with", "supersedes"]);
  });

  it("leaves a later file with a duplicate slug out of the graph, as a problem naming the first", () => {
    const lib = library({
      "one/dup.md": ["slug: dup", "title: First"],
      "two/dup.md": ["slug: dup", "title: Second", "related: [other]"],
      "other.md": ["slug: other", "title: Other", "related: [dup]"],
    });
    expect(lib.patterns.map((p) => p.file)).toEqual(["one/dup.md", "other.md"]);
    expect(lib.files).toBe(3);
    expect(lib.files).toBe(lib.patterns.length + new Set(lib.problems.filter((p) => p.fatal).map((p) => p.file)).size);
    expect(lib.problems).toEqual([
      expect.objectContaining({ file: "two/dup.md", line: 2, kind: "duplicate-slug", fatal: true, message: expect.stringContaining("one/dup.md") }),
    ]);
    expect(lib.links).toEqual([{ source: "other", type: "related", target: "dup", declaredIn: "other.md", line: 4 }]);
  });

  it("drops an id shared by several patterns, reports each holder, and resolves mappings by slug instead", () => {
    const lib = library({
      "a.md": ["id: pat_placeholder", "slug: a", "title: A"],
      "b.md": ["id: pat_placeholder", "slug: b", "title: B"],
      "c.md": ["slug: c", "title: C", "relationships:", "  enables:", "    - { id: pat_placeholder, slug: b }", "  requires: [pat_placeholder]"],
    });
    expect(lib.patterns.map((p) => p.id)).toEqual([undefined, undefined, undefined]);
    expect(lib.problems.filter((p) => p.kind === "duplicate-id").map((p) => [p.file, p.line, p.fatal])).toEqual([
      ["a.md", 2, false],
      ["b.md", 2, false],
    ]);
    expect(lib.links).toEqual([{ source: "c", type: "enables", target: "b", declaredIn: "c.md", line: 6 }]);
    expect(lib.dangling.map((d) => [d.type, d.target])).toEqual([["requires", "pat_placeholder"]]);
  });

  it("reports a target that reaches its own pattern through an alias as a self-link, not a link", () => {
    const lib = library({ "a.md": ["slug: a", "title: A", "aliases: [Me Myself]", "related: [Me Myself]"] });
    expect(lib.links).toEqual([]);
    expect(lib.problems).toEqual([expect.objectContaining({ kind: "self-link", line: 5, fatal: false })]);
  });

  it("orders problems by file path, then line", () => {
    const lib = library({
      "c.md": ["id: pat_placeholder", "slug: c", "title: C"],
      "b.md": ["slug: b", "id: pat_placeholder", "title: B", "related: [7]", "relationships:", "  enables: [b]"],
      "a.md": ["title: A"],
    });
    // duplicate-id is found after parsing, yet sorts by its line among the parse problems.
    expect(lib.problems.map((p) => [p.file, p.line, p.kind])).toEqual([
      ["a.md", 1, "missing-slug"],
      ["b.md", 3, "invalid-id"],
      ["b.md", 3, "duplicate-id"],
      ["b.md", 5, "malformed-target"],
      ["b.md", 7, "self-link"],
      ["c.md", 2, "invalid-id"],
      ["c.md", 2, "duplicate-id"],
    ]);
  });
});
