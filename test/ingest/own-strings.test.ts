// What ingest keeps of a file owns its strings: the same values, and no file's decoded frontmatter
// kept alive by the strings cut from it, whether the fast reader (ingest/fast-yaml.ts copies what it
// keeps) or js-yaml (ingest/own-strings.ts, applied in read-yaml.ts) read it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../graph/index.ts";
import { listMarkdownFiles, loadLibrary, parseFiles } from "../../ingest/load-library.ts";
import { ownString, ownStrings } from "../../ingest/own-strings.ts";
import { realLibrary } from "../fixtures/real-library.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describe("owned strings", () => {
  it("leave every value parsed from the real library as it was, in order", async () => {
    const root = realLibrary("2026-02-20");
    const parsed = await parseFiles(root, (await listMarkdownFiles(root)).files);
    const copy = structuredClone(parsed);
    expect(ownStrings(copy)).toBe(copy);
    expect(copy).toEqual(parsed);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });

  it("reach strings at any depth, in arrays and objects, and leave other values alone", () => {
    const value = { a: "x".repeat(20), list: [1, null, "short", { deep: ["y".repeat(30)] }], n: 3, yes: true, none: undefined };
    expect(ownStrings(structuredClone(value))).toEqual(value);
  });

  it.each([
    ["", "the empty string"],
    ["short", "a string under 13 characters"],
    ["a title long enough to be cut ═ with two-byte text", "two-byte text"],
    ["lone \uD800 surrogate in a long enough string", "a lone surrogate"],
  ])("copy %j unchanged (%s)", (text) => {
    const parent = `${"x".repeat(100)}${text}${"y".repeat(100)}`;
    expect(ownString(parent.slice(100, 100 + text.length))).toBe(text);
  });

  describe("in a store", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "atlas-own-strings-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    // A quoted top-level key sends the whole block through js-yaml (read-yaml.ts); without owned
    // strings it kept 7.4 MB here, where the fast reader keeps 0.2 MB.
    it.each([
      ["the fast reader", ""],
      ["js-yaml", '"quoted key": yes\n'],
    ])("keep no file's frontmatter alive once the library read is dropped (%s)", async (_reader, extra) => {
      // 20 files whose frontmatter carries 200,000 characters of comment each (4 MB, twice that as
      // two-byte text): a string cut from it and kept would keep all of it.
      const comment = `# ${"═".repeat(200_000)}\n`;
      const dir = mkdtempSync(path.join(folder, "lib-"));
      for (let i = 0; i < 20; i++) {
        writeFileSync(
          path.join(dir, `p${i}.md`),
          `---\n${comment}${extra}slug: p${i}\ntitle: Pattern number ${i} of the heavy library\nsummary: A summary long enough to be cut from the frontmatter.\nenables: [p${(i + 1) % 20}]\n---\nBody.\n`,
        );
      }
      gc();
      const before = process.memoryUsage().heapUsed;
      const store = createMemoryStore();
      // Nothing but the store keeps the library read.
      await store.load(await loadLibrary(dir));
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      expect((await store.stats()).patterns).toBe(20);
      expect((await store.getPattern("p3")).pattern.title).toBe("Pattern number 3 of the heavy library");
      expect(grown).toBeLessThan(2 * 2 ** 20);
      await store.close();
    });
  });
});
