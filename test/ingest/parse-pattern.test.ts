// parsePattern on single files: the real-world defects (each with its line), both generations,
// every target form, unknown relationship keys, and where targets are declared.

import { describe, expect, it } from "vitest";
import type { ProblemKind } from "../../core/model.ts";
import { parsePattern } from "../../ingest/index.ts";
import type { ParsedFile } from "../../ingest/index.ts";

const lines = (...rows: string[]): string => rows.join("\n") + "\n";

function asPattern(parsed: ParsedFile): Extract<ParsedFile, { kind: "pattern" }> {
  if (parsed.kind !== "pattern") throw new Error(`expected a pattern, got problems: ${JSON.stringify(parsed.problems)}`);
  return parsed;
}

describe("parsePattern: defects", () => {
  const cases: {
    name: string;
    text: string;
    kind: ProblemKind;
    line: number | undefined;
    column?: number;
    fatal: boolean;
    slug?: string;
  }[] = [
    {
      name: "reports a missing frontmatter as fatal",
      text: lines("# Just a heading", "", "Some prose.", "", "More prose.", "Even more."),
      kind: "missing-frontmatter",
      line: undefined,
      fatal: true,
    },
    {
      name: "reports an opening --- that is never closed, at the opening line",
      text: lines("---", "slug: a", "title: A", "", "body"),
      kind: "missing-frontmatter",
      line: 1,
      fatal: true,
    },
    {
      name: "recovers a heading above the opening --- and reports the opening line",
      text: lines("# Shared Value", "---", "slug: shared-value", "title: Shared Value", "---", "body"),
      kind: "frontmatter-not-at-top",
      line: 2,
      fatal: false,
      slug: "shared-value",
    },
    {
      name: "recovers blank lines above the opening ---",
      text: lines("", "", "---", "slug: blank-lines", "title: Blank Lines", "---"),
      kind: "frontmatter-not-at-top",
      line: 3,
      fatal: false,
      slug: "blank-lines",
    },
    {
      name: "recovers an opening --- glued to the first key",
      text: lines("---id: pat_01kg5023whehgsjwtbq21f60nk", "slug: glued", "title: Glued", "---"),
      kind: "frontmatter-not-at-top",
      line: 1,
      fatal: false,
      slug: "glued",
    },
    {
      name: "recovers a doubled opening --- followed by keys",
      text: lines("---", "---", "slug: doubled", "title: Doubled", "---", "body"),
      kind: "frontmatter-not-at-top",
      line: 2,
      fatal: false,
      slug: "doubled",
    },
    {
      name: "reports invalid YAML with its file line and column",
      text: lines("---", "slug: broken", "title: Broken: a colon", "---"),
      kind: "invalid-yaml",
      line: 3,
      column: 14,
      fatal: true,
    },
    {
      name: "offsets the line of invalid YAML by the lines above the frontmatter",
      text: lines("# Heading", "", "---", "slug: x", "related: [a, b", "title: X", "---"),
      kind: "invalid-yaml",
      line: 6,
      column: 1,
      fatal: true,
    },
    {
      name: "shifts the column of an error on a glued first line",
      text: lines("---title: A: B", "slug: x", "---"),
      kind: "invalid-yaml",
      line: 1,
      column: 12,
      fatal: true,
    },
    {
      name: "reports a frontmatter that is a list, not a mapping",
      text: lines("---", "- a", "- b", "---"),
      kind: "not-a-mapping",
      line: 1,
      fatal: true,
    },
    {
      name: "reports an empty frontmatter as not a mapping",
      text: lines("---", "---", "", "Body."),
      kind: "not-a-mapping",
      line: 1,
      fatal: true,
    },
    {
      name: "falls back to the file name when the slug is missing",
      text: lines("---", "title: No Slug", "---"),
      kind: "missing-slug",
      line: 1,
      fatal: false,
      slug: "file-name",
    },
    {
      name: "falls back to the slug when the title is missing",
      text: lines("---", "slug: untitled", "---"),
      kind: "missing-title",
      line: 1,
      fatal: false,
      slug: "untitled",
    },
    {
      name: "reports an id that is not a TypeID and keeps it",
      text: lines("---", "id: pat_placeholder", "slug: placeholder", "title: P", "---"),
      kind: "invalid-id",
      line: 2,
      fatal: false,
      slug: "placeholder",
    },
    {
      name: "reports a number given as a link target and skips it",
      text: lines("---", "slug: numbers", "title: N", "related:", "  - 42", "  - real-target", "---"),
      kind: "malformed-target",
      line: 5,
      fatal: false,
      slug: "numbers",
    },
    {
      name: "reports a nested list given as a link target",
      text: lines("---", "slug: nested", "title: N", "relationships:", "  enables:", "    - [a, b]", "---"),
      kind: "malformed-target",
      line: 6,
      fatal: false,
      slug: "nested",
    },
    {
      name: "reports a target mapping without slug, id or title",
      text: lines("---", "slug: junk", "title: J", "relationships:", "  requires:", "    - weight: 0.5", "---"),
      kind: "malformed-target",
      line: 6,
      fatal: false,
      slug: "junk",
    },
    {
      name: "reports a self-link by slug at the line it is declared",
      text: lines("---", "slug: me", "title: Me", "relationships:", "  complementary:", "    - other", "    - me", "---"),
      kind: "self-link",
      line: 7,
      fatal: false,
      slug: "me",
    },
    {
      name: "reports a self-link by TypeID in a generation 1 list",
      text: lines("---", "id: pat_01kg5023whehgsjwtbq21f60nk", "slug: me", "title: Me", 'related: ["pat_01kg5023whehgsjwtbq21f60nk"]', "---"),
      kind: "self-link",
      line: 5,
      fatal: false,
      slug: "me",
    },
    {
      name: "reports a relationship key that cannot be a link type",
      text: lines("---", "slug: odd-key", "title: O", "relationships:", "  Depends-On: [x]", "---"),
      kind: "malformed-field",
      line: 5,
      fatal: false,
      slug: "odd-key",
    },
    {
      name: "reports a weight outside 0..1 and keeps the target",
      text: lines("---", "slug: heavy", "title: H", "relationships:", "  enables:", "    - slug: x", "      weight: 7", "---"),
      kind: "malformed-field",
      line: 6,
      fatal: false,
      slug: "heavy",
    },
  ];

  it.each(cases)("$name", ({ text, kind, line, column, fatal, slug }) => {
    const parsed = parsePattern(text, "folder/file-name.md");
    const problem = parsed.problems.find((p) => p.kind === kind);
    expect(problem, JSON.stringify(parsed.problems)).toBeDefined();
    expect(problem!.file).toBe("folder/file-name.md");
    expect(problem!.line).toBe(line);
    if (column !== undefined) expect(problem!.column).toBe(column);
    expect(problem!.fatal).toBe(fatal);
    expect(parsed.kind).toBe(fatal ? "problem" : "pattern");
    if (parsed.kind === "pattern") expect(parsed.pattern.slug).toBe(slug);
    if (parsed.kind === "problem") expect(parsed.problems.filter((p) => p.fatal)).toHaveLength(1);
  });

  it("says what it recovered when the frontmatter is not at the top", () => {
    const parsed = parsePattern(lines("# Title", "---", "slug: t", "title: T", "---"), "t.md");
    expect(parsed.problems[0]!.recovered).toMatch(/line 2/);
  });

  it("reads keys it uses even when a key it does not read is broken at column 0, and reports the error", () => {
    const text = lines("---", "slug: survivor", "title: Survivor", "sources: [", '  "https://example.org",', "]", "related: [other]", "---");
    const parsed = asPattern(parsePattern(text, "survivor.md"));
    expect(parsed.targets.map((t) => t.target)).toEqual(["other"]);
    const problem = parsed.problems.find((p) => p.kind === "invalid-yaml");
    expect(problem).toMatchObject({ line: 6, column: 1, fatal: false });
    expect(problem!.recovered).toMatch(/another key/);
  });

  it("does not treat a markdown horizontal rule deep in the body as frontmatter", () => {
    const text = lines("# Notes", "", "One.", "Two.", "Three.", "Four.", "---", "slug: nope", "---");
    expect(parsePattern(text, "notes.md").problems[0]!.kind).toBe("missing-frontmatter");
  });

  it("reads files with Windows line endings and a byte order mark", () => {
    const text = "\uFEFF---\r\nslug: crlf\r\ntitle: CRLF\r\nrelated:\r\n  - other\r\n---\r\nbody\r\n";
    const parsed = asPattern(parsePattern(text, "crlf.md"));
    expect(parsed.pattern.title).toBe("CRLF");
    expect(parsed.targets).toEqual([{ type: "related", target: "other", form: "slug", line: 5 }]);
  });
});

describe("parsePattern: generations", () => {
  it("normalises a generation 1 file: flat TypeID lists, tags, domain and status", () => {
    const parsed = asPattern(
      parsePattern(
        lines(
          "---",
          "id: pat_01kg5023whehgsjwtbq21f60nk",
          "slug: vrio-framework",
          "title: VRIO Framework",
          "aliases: [VRIO]",
          "page_url: https://example.org/vrio/",
          "tags:",
          "  universality: domain",
          "  domain: strategy",
          "  status: draft",
          'generalizes_from: ["pat_01kg5023whehgsjwtbq21f60na"]',
          "specializes_to: []",
          "enables: []",
          "requires: []",
          'related: ["pat_01kg5023whehgsjwtbq21f60nb", "pat_01kg5023whehgsjwtbq21f60nc"]',
          "---",
        ),
        "strategy/vrio-framework.md",
      ),
    );
    expect(parsed.pattern).toEqual({
      id: "pat_01kg5023whehgsjwtbq21f60nk",
      slug: "vrio-framework",
      title: "VRIO Framework",
      aliases: ["VRIO"],
      domain: "strategy",
      status: "draft",
      pageUrl: "https://example.org/vrio/",
      file: "strategy/vrio-framework.md",
      generation: 1,
    });
    expect(parsed.targets).toEqual([
      { type: "generalizes_from", target: "pat_01kg5023whehgsjwtbq21f60na", form: "id", line: 11 },
      { type: "related", target: "pat_01kg5023whehgsjwtbq21f60nb", form: "id", line: 15 },
      { type: "related", target: "pat_01kg5023whehgsjwtbq21f60nc", form: "id", line: 15 },
    ]);
    expect(parsed.lists.map((l) => [l.type, l.container, l.keyLine])).toEqual([
      ["generalizes_from", "top-level", 11],
      ["specializes_to", "top-level", 12],
      ["enables", "top-level", 13],
      ["requires", "top-level", 14],
      ["related", "top-level", 15],
    ]);
  });

  it("reads the domain from classification: in later generation 1 files", () => {
    const parsed = asPattern(parsePattern(lines("---", "slug: c", "title: C", "classification:", "  domain: operations", "  status: stable", "---"), "c.md"));
    expect(parsed.pattern).toMatchObject({ domain: "operations", status: "stable", generation: 1 });
  });

  it("normalises a generation 2 file: relationships, ontology, lifecycle, summary", () => {
    const parsed = asPattern(
      parsePattern(
        lines(
          "---",
          "id: pat_01khvcxdrzfywabp6z2zv5cj24",
          "slug: deep-work",
          'title: "Deep Work"',
          "summary: >-",
          "  One paragraph",
          "  on two lines.",
          "ontology:",
          "  domain: deep-work-flow",
          "  commons_assessment: { overall_score: 4.1 }",
          "lifecycle: { usage_stage: design, status: draft, confidence: 3 }",
          "relationships:",
          "  generalizes_from:",
          "    - slug: deliberate-practice",
          "      weight: 0.94",
          "  specializes_to: [solution-architecture]",
          "  enables:",
          '    - { id: pat_01khvcxdrzfywabp6z2zv5cj99, description: "why", weight: 0.8 }',
          "  requires: []",
          "  alternatives:",
          "    - Time Blocking",
          "  complementary: []",
          "  tools: []",
          "  conflicts_with: [shallow-work]",
          "graph_garden: { anything: [goes, here] }",
          "---",
        ),
        "deep-work.md",
      ),
    );
    expect(parsed.pattern).toMatchObject({
      slug: "deep-work",
      title: "Deep Work",
      summary: "One paragraph on two lines.",
      domain: "deep-work-flow",
      status: "draft",
      generation: 2,
    });
    expect(parsed.targets).toEqual([
      { type: "generalizes_from", target: "deliberate-practice", form: "mapping", slug: "deliberate-practice", weight: 0.94, line: 14 },
      { type: "specializes_to", target: "solution-architecture", form: "slug", line: 16 },
      {
        type: "enables",
        target: "pat_01khvcxdrzfywabp6z2zv5cj99",
        form: "mapping",
        id: "pat_01khvcxdrzfywabp6z2zv5cj99",
        weight: 0.8,
        description: "why",
        line: 18,
      },
      { type: "alternatives", target: "Time Blocking", form: "title", line: 21 },
      { type: "conflicts_with", target: "shallow-work", form: "slug", line: 24 },
    ]);
    expect(parsed.frontmatter).toEqual({ openLine: 1, closeLine: 26, relationshipsLine: 12 });
    expect(parsed.lists.find((l) => l.type === "generalizes_from")).toEqual({
      type: "generalizes_from",
      container: "relationships",
      keyLine: 13,
      itemLines: [14],
    });
    expect(parsed.problems).toEqual([]);
  });

  it("keeps a mapping target's slug, id and title, and names it by its slug", () => {
    const parsed = asPattern(
      parsePattern(lines("---", "slug: m", "title: M", "relationships:", "  requires:", "    - { title: Some Title, id: pat_x, slug: some-slug }", "---"), "m.md"),
    );
    expect(parsed.targets[0]).toEqual({
      type: "requires",
      target: "some-slug",
      form: "mapping",
      id: "pat_x",
      slug: "some-slug",
      title: "Some Title",
      line: 6,
    });
  });

  it("reads a single target written without a list", () => {
    const parsed = asPattern(parsePattern(lines("---", "slug: s", "title: S", "related: other-pattern", "---"), "s.md"));
    expect(parsed.targets).toEqual([{ type: "related", target: "other-pattern", form: "slug", line: 4 }]);
  });

  it("ignores unknown top-level keys, however large, without reporting them", () => {
    const parsed = asPattern(
      parsePattern(lines("---", "slug: quiet", "title: Quiet", "graph_garden:", "  entities:", "    - id: x", "      label: 'X'", "sources: [a, b]", "---"), "q.md"),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.targets).toEqual([]);
  });
});
