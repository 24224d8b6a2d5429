// The frontmatter read from a file's bytes (frontmatter-bytes.ts) must give exactly what the text
// path (locateFrontmatter, readYaml, js-yaml) gives for the same file, or step aside (undefined):
// on every file of both real snapshots, on the example library, and on adversarial files.

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { readFrontmatterBytes } from "../../ingest/frontmatter-bytes.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { READ_KEYS } from "../../ingest/normalise-frontmatter.ts";
import { parsePattern, patternFromFrontmatter } from "../../ingest/parse-pattern.ts";
import type { ParsedFile } from "../../ingest/parsed-file.ts";
import { realLibrary, REAL_SNAPSHOTS } from "../fixtures/real-library.ts";

/** The loader's head size (load-library.ts's HEAD_BYTES). */
const HEAD = 16 * 1024;
/** A head buffer whose bytes past the file's look like more frontmatter, so a read past `length` shows. */
const STALE = Buffer.from("\n---\nslug: stale\ntitle: Stale\n---\nbody\n".repeat(HEAD / 32));

function byBytes(bytes: Buffer, file: string): ParsedFile | undefined {
  const head = Buffer.alloc(HEAD);
  STALE.copy(head);
  const length = bytes.copy(head, 0, 0, Math.min(bytes.length, HEAD));
  const read = readFrontmatterBytes(head, length, READ_KEYS);
  return read && patternFromFrontmatter(file, read, read.read);
}

const byText = (bytes: Buffer, file: string): ParsedFile => parsePattern(bytes.toString("utf8"), file);

/** Both readings of one file: the byte reader's (undefined when it steps aside) and the text path's. */
function both(text: string | Buffer, file = "p.md"): { bytes: ParsedFile | undefined; text: ParsedFile } {
  const buffer = typeof text === "string" ? Buffer.from(text) : text;
  return { bytes: byBytes(buffer, file), text: byText(buffer, file) };
}

function expectSame(bytes: ParsedFile | undefined, text: ParsedFile): void {
  expect(bytes).toBeDefined();
  // The same JSON (the order of keys, problems and targets included) and deeply equal values.
  expect(JSON.stringify(bytes)).toBe(JSON.stringify(text));
  expect(isDeepStrictEqual(bytes, text)).toBe(true);
}

function markdownFiles(root: string, relative = ""): string[] {
  const files: string[] = [];
  for (const name of readdirSync(path.join(root, relative)).sort()) {
    const child = relative === "" ? name : `${relative}/${name}`;
    if (statSync(path.join(root, child)).isDirectory()) files.push(...markdownFiles(root, child));
    else if (name.endsWith(".md")) files.push(child);
  }
  return files;
}

describe.each(REAL_SNAPSHOTS)("the real snapshot %s read as bytes", (name) => {
  it("gives exactly the text path's parsed file for every file it reads, and reads nearly all", () => {
    const root = realLibrary(name);
    const files = markdownFiles(root);
    let read = 0;
    for (const file of files) {
      const bytes = readFileSync(path.join(root, file));
      const fromBytes = byBytes(bytes, file);
      if (fromBytes === undefined) continue;
      read += 1;
      const fromText = byText(bytes, file);
      expect(JSON.stringify(fromBytes), file).toBe(JSON.stringify(fromText));
      expect(isDeepStrictEqual(fromBytes, fromText), file).toBe(true);
    }
    // The cut fixtures keep each file's frontmatter; the byte reader steps aside for few of them.
    expect(read / files.length).toBeGreaterThan(0.9);
  });
});

describe("the example library read as bytes", () => {
  it("gives exactly the text path's parsed file for every file it reads", () => {
    const root = path.resolve("examples/library");
    let read = 0;
    for (const file of markdownFiles(root)) {
      const bytes = readFileSync(path.join(root, file));
      const fromBytes = byBytes(bytes, file);
      // Files with a flow mapping (`lifecycle: { ... }`) are read by js-yaml, through the text path.
      if (fromBytes === undefined) continue;
      read += 1;
      expectSame(fromBytes, byText(bytes, file));
    }
    expect(read).toBeGreaterThanOrEqual(15);
  });
});

const PLAIN = [
  "---",
  "id: pat_01khvcxcm0efn994r6h6vp6e3y",
  "slug: deep-work",
  'title: "Deep Work"',
  "aliases: [Focus, 'Deep ''work''']",
  "summary: >-",
  "  One paragraph",
  "  on two lines.",
  "",
  "  Second one.",
  "ontology:",
  "  domain: craft",
  "  skipped: { a: [1, 2] }",
  "  search_hints:",
  "    vector_keywords: [\"a\", \"b\"]",
  "graph_garden:",
  "  entities: &anchor",
  "    - id: x",
  "relationships:",
  "  enables:",
  "    - slug: shallow-work",
  "      weight: 0.8",
  "      description: Why not",
  "    - pat_01khvcxcm0efn994r6h6vp6e3z",
  "  complementary: [a-b, \"C d\"]  # two",
  "  tools: []",
  "---",
  "",
  "# Deep Work",
  "",
].join("\n");

describe("readFrontmatterBytes", () => {
  it("reads a plain generation 2 file exactly as the text path", () => {
    const { bytes, text } = both(PLAIN);
    expectSame(bytes, text);
    expect(bytes).toMatchObject({ kind: "pattern", pattern: { slug: "deep-work", domain: "craft", aliases: ["Focus", "Deep 'work'"] } });
  });

  const same: [string, string | Buffer][] = [
    ["a byte order mark", `\uFEFF${PLAIN}`],
    ["a generation 1 file with flat lists at column 0", "---\nslug: a\ntitle: A\nenables:\n- b\n- c\nrelated: []\nclassification:\n  domain: d\n  status: draft\n---\nbody\n"],
    ["multi-byte UTF-8 in kept and skipped values", "---\nslug: café\ntitle: \"Ünïcødé — “quoted” 日本語\"\nsummary: |\n  première ligne ✓\n  😀 second\ngraph_garden: ═══ ✓\n# ═══ comment\n---\n→ body\n"],
    ["a title ending in a multi-byte character before a comment", "---\nslug: a\ntitle: Ελληνικά # note\n---\n\n"],
    ["typed plain scalars", "---\nslug: 12\ntitle: true\nsummary: 0x1F\nrelationships:\n  enables:\n    - slug: a\n      weight: .5\n    - slug: b\n      weight: 2\n---\n\n"],
    ["a literal block with blank lines and clip chomping", "---\nslug: a\nsummary: |\n  one\n\n  two\n\n\ntitle: T\n---\n\n"],
    ["an empty mapping, an empty flow list and a null", "---\nslug: a\naliases:\ntags: {}\nrelated: []\n---\n\n"],
    ["an entry whose children are all skipped", "---\nslug: a\nlifecycle:\n  usage_stage: x\n  other:\n    - 1\n---\n\n"],
    ["a child list at the key's indentation", "---\nslug: a\ntags:\n- x\n- y\n---\n\n"],
    ["a filtered entry with an inline value", "---\nslug: a\nontology: [a, b]\n---\n\n"],
    ["a mapping starting on the dash line", "---\nslug: a\nrelationships:\n  requires:\n  - slug: b\n    title: B\n  -\n    slug: c\n---\n\n"],
    ["a self link and a malformed target", "---\nslug: a\ntitle: A\nenables: [a, 3, '']\n---\n\n"],
    ["a U+FFFD written in the file", "---\nslug: a\ntitle: \uFFFD\n---\n\n"],
    ["a closing `...` line with trailing spaces", "---\nslug: a\ntitle: A\n...  \nbody\n"],
    ["an opening line with trailing spaces and a tab", "--- \t\nslug: a\n---\n\n"],
    ["no-break spaces after a value and before a comment", "---\nslug: a\ntitle: A\u00A0\nsummary: B\u2003 # c\n---\n\n"],
    ["comments after values and between entries", "---\nslug: a # the slug\n\n# between\ntitle: 'A' # the title\naliases: [x] # list\n---\n\n"],
  ];
  it.each(same)("reads %s exactly as the text path", (_name, text) => {
    const { bytes, text: fromText } = both(text);
    expectSame(bytes, fromText);
  });

  const aside: [string, string | Buffer][] = [
    ["CRLF line ends", PLAIN.replaceAll("\n", "\r\n")],
    ["a tab in a kept entry", "---\nslug: a\nrelationships:\n\tenables: [b]\n---\n\n"],
    ["an anchor in a kept entry", "---\nslug: a\nenables: &x [b]\n---\n\n"],
    ["an escape in double quotes", '---\nslug: a\ntitle: "A\\tB"\n---\n\n'],
    ["a flow list over two lines", "---\nslug: a\nenables: [b,\n  c]\n---\n\n"],
    ["a colon in a plain title", "---\nslug: a\ntitle: A: B\n---\n\n"],
    ["a keep-chomping block", "---\nslug: a\nsummary: |+\n  x\n\n---\n\n"],
    ["lines above the opening", "# Title\n---\nslug: a\n---\n\n"],
    ["an opening glued to the first key", "---slug: a\ntitle: A\n---\n\n"],
    ["a doubled opening", "---\n---\nslug: a\n---\n\n"],
    ["an empty block", "---\n---\nbody\n"],
    ["no closing line", "---\nslug: a\ntitle: A\n"],
    ["a closing line that ends the file", "---\nslug: a\n---"],
    ["a repeated key", "---\nslug: a\nslug: b\n---\n\n"],
    ["a repeated skipped key", "---\nslug: a\nx: 1\nx: 2\n---\n\n"],
    ["a column-0 line that is not a key", "---\nslug: a\nx: [1,\n2]\n---\n\n"],
    ["a `----` line inside the block", "---\nslug: a\n----\n---\n\n"],
    ["a no-break space as an indentation", "---\nslug: a\ntags:\n\u00A0 domain: d\n---\n\n"],
    ["a line separator in a block header's comment", "---\nslug: a\nsummary: > # a\u2028b\n  x\n---\n\n"],
    ["a more-indented folded line", "---\nslug: a\nsummary: >\n  a\n    b\n  c\n---\n\n"],
  ];
  it.each(aside)("steps aside for %s, which the text path reads", (_name, text) => {
    const { bytes, text: fromText } = both(text);
    expect(bytes).toBeUndefined();
    expect(fromText.file).toBe("p.md");
  });

  it("steps aside for invalid UTF-8 in the block or in the line after it", () => {
    for (const bytes of [
      Buffer.concat([Buffer.from("---\nslug: a\ntitle: caf"), Buffer.from([0xe9]), Buffer.from("\n---\n\n")]),
      Buffer.concat([Buffer.from("---\nslug: a\n---\n"), Buffer.from([0xff, 0x0a])]),
    ]) {
      expect(byBytes(bytes, "p.md")).toBeUndefined();
    }
    // Past the line after the block, the text path does not look either.
    const late = Buffer.concat([Buffer.from("---\nslug: a\n---\n\nbody "), Buffer.from([0xff, 0x0a])]);
    expectSame(byBytes(late, "p.md"), byText(late, "p.md"));
  });

  it("steps aside for a block the head does not hold, and reads one that ends just inside it", () => {
    const filler = `graph_garden: |\n${"  x\n".repeat(HEAD / 4)}`;
    expect(byBytes(Buffer.from(`---\nslug: a\n${filler}---\n\n`), "p.md")).toBeUndefined();
    const fits = `---\nslug: a\n${"# c\n".repeat((HEAD - 32) / 4)}---\n\n`;
    expect(Buffer.byteLength(fits)).toBeLessThanOrEqual(HEAD);
    expectSame(byBytes(Buffer.from(fits), "p.md"), byText(Buffer.from(fits), "p.md"));
  });

  it("reads multi-byte characters that straddle the head's end in the body", () => {
    const block = "---\nslug: a\ntitle: Ä\n---\n\n";
    const body = "é".repeat(HEAD); // a two-byte character is cut at the head's end
    expectSame(byBytes(Buffer.from(block + body), "p.md"), byText(Buffer.from(block + body), "p.md"));
  });
});

describe("the loader with the byte reader", () => {
  it("reads a library of odd and plain files exactly as parsePattern reads each file's text", async () => {
    const root = realLibrary("2026-02-20");
    const library = await loadLibrary(root);
    expect(library.files).toBe(markdownFiles(root).length);
    const bySlug = new Map(library.patterns.map((p) => [p.file, p]));
    for (const file of markdownFiles(root).slice(0, 400)) {
      const parsed = byText(readFileSync(path.join(root, file)), file);
      if (parsed.kind === "pattern" && bySlug.get(file)?.slug === parsed.pattern.slug) {
        expect(bySlug.get(file)).toEqual(parsed.pattern);
      }
    }
  });
});
