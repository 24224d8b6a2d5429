// The fast YAML reader must give exactly js-yaml's values and lines, or step aside (undefined).

import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseEntryFast } from "../../ingest/fast-yaml.ts";
import type { PositionSink, SourceLine } from "../../ingest/fast-yaml.ts";
import { readYaml } from "../../ingest/read-yaml.ts";

const toLines = (text: string): SourceLine[] => text.split("\n").map((line, index) => ({ text: line, index }));
const noPositions: PositionSink = { node: () => {}, key: () => {} };

describe("parseEntryFast", () => {
  const supported: [string, string][] = [
    ["a plain scalar", "title: Deep Work"],
    ["a quoted scalar with a comment", 'title: "Deep: Work" # note'],
    ["a single-quoted scalar with an escaped quote", "title: 'It''s here'"],
    ["typed plain scalars", "x:\n  a: 0.94\n  b: 12\n  c: true\n  d: null\n  e: ~\n  f:\n  g: 1e3\n  h: 2026-01-28T00:00:00Z\n  i: .inf\n  j: 0x1F"],
    ["a flow list of mixed scalars", 'related: ["pat_a", b, \'c d\', 3]'],
    ["an empty flow list and mapping", "x:\n  a: []\n  b: {}"],
    ["a block list at the key's indentation", "contributors:\n- manus-ai\n- cloudsters"],
    [
      "a list of mappings",
      "relationships:\n  enables:\n    - slug: a\n      weight: 0.8\n      description: why not\n    - b\n  requires: []",
    ],
    ["a list of mappings at the parent's indentation", "relationships:\n  enables:\n  - slug: a\n    weight: 1\n  requires: [x]"],
    ["a folded block scalar", "summary: >-\n  One paragraph\n  on two lines.\n\n  Second paragraph."],
    ["a folded block scalar with clip chomping", "summary: >\n  Line one\n  line two\n\n"],
    ["a literal block scalar", "summary: |\n  line one\n    indented\n\n  line three"],
    ["a nested mapping with comments and blank lines", "ontology:\n  # the domain\n  domain: x\n\n  cross_domains: [a, b]"],
    ["a bare dash item with a nested mapping", "x:\n  -\n    slug: a"],
    ["a URL in a flow list", "sources: [https://example.org/a?b=c, http://x.y]"],
  ];

  it.each(supported)("reads %s exactly as js-yaml does", (_name, text) => {
    const fast = parseEntryFast(toLines(text), noPositions);
    expect(fast).toBeDefined();
    expect({ [fast!.key]: fast!.value }).toEqual(load(text));
  });

  const unsupported: [string, string][] = [
    ["an anchor", "x: &a value"],
    ["a tag", "x: !!str 12"],
    ["an escape in double quotes", 'x: "a\\tb"'],
    ["a flow list over several lines", "x: [a,\n  b]"],
    ["a multi-line plain scalar", "x: one\n  two"],
    ["a colon inside a plain scalar", "title: A: B"],
    ["a non-empty flow mapping", "x: { a: 1 }"],
    ["a tab", "x:\n\ta: 1"],
    ["a trailing comma", "x: [a, ]"],
    ["a repeated key", "x:\n  a: 1\n  a: 2"],
    ["keep chomping", "x: |+\n  a\n"],
    ["a more-indented line in a folded scalar", "x: >\n  a\n    b\n  c"],
  ];

  it.each(unsupported)("steps aside for %s", (_name, text) => {
    expect(parseEntryFast(toLines(text), noPositions)).toBeUndefined();
  });

  it("reports the line of every item and key near the root", () => {
    const nodes = new Map<string, number>();
    const keys = new Map<string, number>();
    parseEntryFast(toLines("relationships:\n  enables:\n    - slug: a\n    - b\n  related: [c, d]"), {
      node: (path, index) => nodes.set(path.split("\u0000").join("."), index),
      key: (path, index) => keys.set(path.split("\u0000").join("."), index),
    });
    expect(nodes.get("relationships.enables.0")).toBe(2);
    expect(nodes.get("relationships.enables.1")).toBe(3);
    expect(nodes.get("relationships.related.1")).toBe(4);
    expect(keys.get("relationships.enables")).toBe(1);
  });
});

describe("readYaml", () => {
  it("gives the same values and lines with and without the fast reader", () => {
    const yaml = [
      "id: pat_x",
      "title: 'X'",
      "summary: >-",
      "  a b",
      "graph_garden: { skipped: true }",
      "ontology: { domain: d }",
      "relationships:",
      "  enables:",
      "    - slug: a",
      "  tools: [&anchor b]",
      "",
    ].join("\n");
    const keys = new Map<string, true>([["id", true], ["title", true], ["summary", true], ["ontology", true], ["relationships", true]]);
    const fast = readYaml(yaml, { keys, firstLine: 2 });
    const slow = readYaml(yaml, { keys, firstLine: 2, fast: false });
    expect(fast.ok && slow.ok).toBe(true);
    if (!fast.ok || !slow.ok) return;
    expect(fast.value).toEqual(slow.value);
    expect(fast.value).toEqual({ id: "pat_x", title: "X", summary: "a b", ontology: { domain: "d" }, relationships: { enables: [{ slug: "a" }], tools: ["b"] } });
    for (const path of [["relationships", "enables", 0], ["relationships", "tools", 0], ["ontology"]]) {
      expect(fast.positions.nodeLine(path)).toBe(slow.positions.nodeLine(path));
    }
    expect(fast.positions.nodeLine(["relationships", "tools", 0])).toBe(11);
  });

  it("reports js-yaml's error for the whole block when a key it reads is broken", () => {
    const result = readYaml("slug: a\nrelated: [x, y\ntitle: T\n", { keys: new Map([["related", true]]), firstLine: 5 });
    expect(result).toMatchObject({ ok: false, line: 7, column: 1 });
  });
});
