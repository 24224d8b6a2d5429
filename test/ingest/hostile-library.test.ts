// Ingest on a library built to hurt it, in a temp folder: folder links that loop, broken and looping
// file links, a FIFO and a socket named `.md`, bytes that are not UTF-8, slugs no URL can carry, and
// runaway fields. Every one is read (or skipped) without blocking and reported with its file and line.

import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeStats, SLUG_MAX_LENGTH, slugFault, TEXT_LIMITS, type Library, type Problem } from "../../graph/index.ts";
import { listMarkdownFiles, loadLibrary, readAndParse } from "../../ingest/index.ts";

let root: string;
let socket: Server;
let library: Library;

async function put(file: string, content: string | Buffer): Promise<void> {
  const full = path.join(root, file);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, content);
}

const pattern = (slug: string, extra: string[] = []): string => ["---", `slug: ${slug}`, `title: ${slug.toUpperCase()}`, ...extra, "---", "", "Body."].join("\n");

const problemsOf = (file: string): Problem[] => library.problems.filter((p) => p.file === file);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "atlas-hostile-"));
  await put("a.md", pattern("a"));
  await put("sub/b.md", pattern("b", ["related: [a]"]));
  await symlink("..", path.join(root, "sub/up"));
  await symlink(".", path.join(root, "sub/self"));
  await symlink("missing.md", path.join(root, "dangling.md"));
  await symlink("loop.md", path.join(root, "loop.md"));
  await symlink("/dev/null", path.join(root, "null.md"));
  await symlink("gone", path.join(root, ".#a.md")); // an editor's lock file: hidden, not reported
  execFileSync("mkfifo", [path.join(root, "pipe.md")]);
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(path.join(root, "socket.md"), resolve));
  // Latin-1 bytes (é as 0xE9) on line 3, the title.
  await put("latin1.md", Buffer.concat([Buffer.from("---\nslug: latin1\ntitle: Caf"), Buffer.from([0xe9]), Buffer.from("\n---\nBody.\n")]));
  // A U+FFFD written in the file is valid UTF-8: no problem.
  await put("replacement.md", pattern("replacement", ["summary: a \uFFFD in the text"]));
  await put("spaced.md", pattern('"spaced slug"'));
  await put("bell.md", ["---", 'slug: "be\\u0007ll"', "title: Bell", "---"].join("\n"));
  await put("comma.md", pattern('"x,y"'));
  await put("dots.md", pattern('".."'));
  await put("Long Name.md", ["---", "title: No slug here", "---"].join("\n"));
  await put("long.md", pattern("x".repeat(SLUG_MAX_LENGTH + 1)));
  await put("huge.md", pattern("huge", [`summary: ${"s".repeat(1_000_000)}`, `aliases: ["${"n".repeat(TEXT_LIMITS.name + 1)}"]`, "related:", `  - { slug: a, description: "${"d".repeat(TEXT_LIMITS.text + 5)}" }`]));
  library = await loadLibrary(root);
}, 20_000);

afterAll(async () => {
  await new Promise((resolve) => socket.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe("paths ingest skips", () => {
  it("reports each skipped path with its reason and reads everything else", () => {
    const skipped = library.problems.filter((p) => p.kind === "skipped-path").map((p) => [p.file, p.message]);
    expect(skipped).toEqual([
      ["dangling.md", "Skipped: it is a symbolic link whose target does not exist."],
      ["loop.md", "Skipped: it is a symbolic link that loops (ELOOP)."],
      ["null.md", "Skipped: it is a symbolic link to a character device, not a file."],
      ["pipe.md", "Skipped: it is a FIFO (named pipe), not a file."],
      ["socket.md", "Skipped: it is a socket, not a file."],
      ["sub/self", "Skipped: it is a symbolic link to a folder; folder links are not followed."],
      ["sub/up", "Skipped: it is a symbolic link to a folder; folder links are not followed."],
    ]);
    expect(library.problems.filter((p) => p.kind === "skipped-path").every((p) => !p.fatal)).toBe(true);
  });

  it("keeps files = patterns + problem files (a skipped path is not a file read)", async () => {
    const { files } = await listMarkdownFiles(root);
    expect(library.files).toBe(files.length);
    const stats = computeStats(library);
    expect(stats.files).toBe(stats.patterns + stats.problemFiles);
    expect(files).not.toContain("pipe.md");
    expect(files.some((f) => f.startsWith("sub/up") || f.startsWith("sub/self"))).toBe(false);
  });

  it("never blocks on a FIFO, even when asked to read one directly", async () => {
    const parsed = await readAndParse(root, "pipe.md");
    expect(parsed.problems).toEqual([
      expect.objectContaining({ kind: "unreadable-file", fatal: true, message: expect.stringMatching(/not a regular file/) }),
    ]);
  });
});

describe("text that is not UTF-8", () => {
  it("reports the file and line, and keeps the file with U+FFFD in place of the bytes", () => {
    expect(problemsOf("latin1.md")).toEqual([
      expect.objectContaining({ kind: "invalid-utf8", line: 3, fatal: false, recovered: expect.stringMatching(/U\+FFFD/) }),
    ]);
    expect(library.patterns.find((p) => p.slug === "latin1")!.title).toBe("Caf\uFFFD");
  });

  it("does not mistake a U+FFFD written in the file for an invalid byte", () => {
    expect(problemsOf("replacement.md")).toEqual([]);
  });
});

describe("slugs no URL can carry", () => {
  it.each([
    ["spaced.md", "spaced", "spaced slug", /white space/],
    ["bell.md", "bell", "be ll", /control characters/],
    ["comma.md", "comma", "x,y", /comma/],
    ["dots.md", "dots", "..", /names a folder/],
  ])("replaces the slug of %s by the file name's slug form and keeps the written one as an alias", (file, slug, alias, reason) => {
    const [problem] = problemsOf(file);
    expect(problem).toMatchObject({ kind: "invalid-slug", line: 2, fatal: false, message: expect.stringMatching(reason) });
    const found = library.patterns.find((p) => p.file === file)!;
    expect(found.slug).toBe(slug);
    expect(found.aliases).toEqual([alias]);
  });

  it("replaces a slug longer than the API takes", () => {
    const [problem] = problemsOf("long.md");
    expect(problem).toMatchObject({ kind: "invalid-slug", line: 2, message: expect.stringMatching(/201 characters long \(at most 200\)/) });
    expect(library.patterns.find((p) => p.file === "long.md")!.slug).toBe("long");
  });

  it("uses the file name's slug form when there is no slug and the name has spaces", () => {
    const [problem] = problemsOf("Long Name.md");
    expect(problem).toMatchObject({ kind: "missing-slug", recovered: "used the file name's slug form 'Long-Name'" });
    expect(library.patterns.find((p) => p.file === "Long Name.md")!.slug).toBe("Long-Name");
  });

  it("leaves no pattern with a slug the API would refuse", () => {
    for (const p of library.patterns) expect(slugFault(p.slug)).toBeUndefined();
    expect(library.patterns).toHaveLength(11);
  });
});

describe("runaway fields", () => {
  it("cuts each one to its limit with a closing … and a truncated problem on its line", () => {
    const huge = library.patterns.find((p) => p.slug === "huge")!;
    expect(huge.summary).toHaveLength(TEXT_LIMITS.text);
    expect(huge.summary!.endsWith("s…")).toBe(true);
    expect(huge.aliases[0]).toHaveLength(TEXT_LIMITS.name);
    const link = library.links.find((l) => l.source === "huge")!;
    expect(link.target).toBe("a");
    expect(link.description).toHaveLength(TEXT_LIMITS.text);
    expect(problemsOf("huge.md").map((p) => [p.kind, p.line, p.message])).toEqual([
      ["truncated", 4, "Cut summary from 1,000,000 to 10,000 characters (the limit for a text field); it ends with '…'."],
      ["truncated", 5, "Cut an alias from 501 to 500 characters (the limit for a name); it ends with '…'."],
      ["truncated", 7, "Cut the description of the 'related' target 'a' from 10,005 to 10,000 characters (the limit for a text field); it ends with '…'."],
    ]);
  });
});
