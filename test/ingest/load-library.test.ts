// The folder walk and file reading around parsePattern, and snapshots, on small libraries in a temp folder.

import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LibraryReadError, listMarkdownFiles, loadLibrary, locateFrontmatter, readSnapshot, writeSnapshot } from "../../ingest/index.ts";

let root: string;

async function put(file: string, text: string): Promise<void> {
  const full = path.join(root, file);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text);
}

const pattern = (slug: string, extra: string[] = [], body = "Body.\n"): string =>
  ["---", `slug: ${slug}`, `title: ${slug.toUpperCase()}`, ...extra, "---", "", body].join("\n");

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "atlas-ingest-"));
  await put("b.md", pattern("b", ["related: [a]"]));
  await put("a.md", pattern("a"));
  await put("deep/er/still/c.md", pattern("c", ["related: [a, missing]"]));
  await put("deep/Z.MD", pattern("z"));
  await put("deep/notes.txt", "not a pattern");
  await put(".git/ignored.md", pattern("hidden"));
  await put("node_modules/pkg/readme.md", pattern("dependency"));
  await put("broken.md", "---\nslug: broken\ntitle: Broken: yes\n---\n");
  // Frontmatter far past the 16 KB head (a long key ingest does not read, then a summary under the
  // 10,000-character cap), and a body with lookalike delimiters.
  const notes = "notes: >-\n" + Array.from({ length: 600 }, (_, i) => `  note ${i} of a very long block nobody reads`).join("\n");
  const longSummary = "summary: >-\n" + Array.from({ length: 200 }, (_, i) => `  sentence ${i} of a very long summary`).join("\n");
  await put("long.md", pattern("long", [notes, longSummary, "related: [a]"], "---\n...\nmore body\n".repeat(2000)));
  // Multi-byte characters around the head boundary must not corrupt the frontmatter.
  await put("unicode.md", pattern("unicode", [`summary: "${"é".repeat(9000)}"`, "related: [b]"]));
  await symlink(path.join(root, "a.md"), path.join(root, "linked.md"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("listMarkdownFiles", () => {
  it("lists .md files at any depth, sorted, with / separators, skipping hidden folders and node_modules", async () => {
    const { files } = await listMarkdownFiles(root);
    expect(files).toEqual(["a.md", "b.md", "broken.md", "deep/Z.MD", "deep/er/still/c.md", "linked.md", "long.md", "unicode.md"]);
  });

  it("throws a LibraryReadError naming the folder when the root cannot be read", async () => {
    await expect(listMarkdownFiles(path.join(root, "nope"))).rejects.toThrow(LibraryReadError);
    await expect(loadLibrary(path.join(root, "nope"))).rejects.toThrow(/Cannot read the library folder '.*nope': no such file or folder/);
    await expect(loadLibrary(path.join(root, "a.md"))).rejects.toThrow(/not a folder/);
  });
});

describe("loadLibrary", () => {
  it("reads every file into a pattern or a problem, and resolves links across folders", async () => {
    const lib = await loadLibrary(root);
    expect(lib.files).toBe(8);
    expect(lib.patterns.map((p) => p.slug)).toEqual(["a", "b", "z", "c", "long", "unicode"]);
    expect(lib.problems.map((p) => [p.file, p.kind, p.fatal])).toEqual([
      ["broken.md", "invalid-yaml", true],
      ["linked.md", "duplicate-slug", true],
    ]);
    expect(lib.links.map((l) => `${l.source}-${l.type}->${l.target}`)).toEqual([
      "b-related->a",
      "c-related->a",
      "long-related->a",
      "unicode-related->b",
    ]);
    expect(lib.dangling).toEqual([expect.objectContaining({ source: "c", target: "missing", declaredIn: "deep/er/still/c.md", line: 4 })]);
  });

  it("reads a frontmatter longer than the file head completely", async () => {
    const lib = await loadLibrary(root);
    const long = lib.patterns.find((p) => p.slug === "long")!;
    expect(long.summary).toMatch(/sentence 199 of a very long summary$/);
    expect(lib.links.find((l) => l.source === "long")!.line).toBe(806);
    expect(lib.patterns.find((p) => p.slug === "unicode")!.summary).toBe("é".repeat(9000));
  });

  it("gives the same library on every run", async () => {
    expect(JSON.stringify(await loadLibrary(root))).toBe(JSON.stringify(await loadLibrary(root)));
  });
});

describe("locateFrontmatter", () => {
  it("finds the same frontmatter in a prefix that holds the closing line and the line after it", () => {
    const text = "# Heading\n\n---\nslug: a\n---\nbody line\nmore body\n";
    const prefix = text.slice(0, text.indexOf("more body"));
    expect(locateFrontmatter(prefix)).toEqual(locateFrontmatter(text));
  });
});

describe("snapshots", () => {
  it("round-trips a library through writeSnapshot and readSnapshot", async () => {
    const lib = await loadLibrary(root);
    const file = path.join(root, "..", `${path.basename(root)}-snapshot.json`);
    await writeSnapshot(file, lib, new Date("2026-01-02T03:04:05Z"));
    const raw = JSON.parse(await readFile(file, "utf8"));
    expect(raw).toMatchObject({ format: "pattern-atlas-snapshot", version: 1, createdAt: "2026-01-02T03:04:05.000Z" });
    expect(await readSnapshot(file)).toEqual(lib);
    await rm(file);
  });

  it.each([
    ["not JSON", "{", /is not JSON/],
    ["another format", JSON.stringify({ format: "something-else", version: 1 }), /"format" is "something-else"/],
    ["a newer version", JSON.stringify({ format: "pattern-atlas-snapshot", version: 2, library: {} }), /"version" is 2/],
    ["a library without lists", JSON.stringify({ format: "pattern-atlas-snapshot", version: 1, library: { root: "x", files: 1 } }), /"library.patterns" is not a list/],
  ])("rejects a snapshot that is %s with a message saying how to write one", async (_name, content, message) => {
    const file = path.join(root, "..", `${path.basename(root)}-bad.json`);
    await writeFile(file, content);
    await expect(readSnapshot(file)).rejects.toThrow(message);
    await expect(readSnapshot(file)).rejects.toThrow(/npm run ingest -- <folder> --out <file>/);
    await rm(file);
  });

  it("names the file when a snapshot does not exist", async () => {
    await expect(readSnapshot(path.join(root, "absent.json"))).rejects.toThrow(/Cannot read the snapshot '.*absent.json': no such file/);
  });
});
