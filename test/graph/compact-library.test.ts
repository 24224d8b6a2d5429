// The memory store's compact copy of a library (graph/memory/compact-library.ts): the same values,
// and no file's frontmatter kept alive by the strings read from it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../graph/index.ts";
import { compactLibrarySteps, ownString } from "../../graph/memory/compact-library.ts";
import { canonicalLibrary } from "../../graph/algorithms/library-order.ts";
import { runNow } from "../../graph/sliced-work.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describe("the compact copy of a library", () => {
  it("keeps every value of the real library, in order", async () => {
    const library = canonicalLibrary(await loadLibrary(realLibrary("2026-02-20")));
    const compact = structuredClone(library);
    runNow(compactLibrarySteps(compact));
    expect(compact).toEqual(library);
    expect(JSON.stringify(compact)).toBe(JSON.stringify(library));
  });

  it.each([
    ["", "the empty string"],
    ["short", "a string under 13 characters"],
    ["a title long enough to be sliced ═ with two-byte text", "two-byte text"],
    ["lone \uD800 surrogate in a long enough string", "a lone surrogate"],
  ])("owns %j unchanged (%s)", (text) => {
    const parent = `${"x".repeat(100)}${text}${"y".repeat(100)}`;
    const slice = parent.slice(100, 100 + text.length);
    expect(ownString(slice)).toBe(text);
  });

  describe("in the store", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "atlas-compact-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it("holds no file's frontmatter alive once the library read is dropped", async () => {
      // 20 files whose frontmatter carries 200,000 characters of comment each (4 MB, twice that as
      // two-byte text): a slice of it kept by the store would keep all of it.
      const comment = `# ${"═".repeat(200_000)}\n`;
      for (let i = 0; i < 20; i++) {
        writeFileSync(path.join(folder, `p${i}.md`), `---\n${comment}slug: p${i}\ntitle: Pattern number ${i} of the heavy library\nsummary: A summary long enough to be a slice of the frontmatter.\nenables: [p${(i + 1) % 20}]\n---\nBody.\n`);
      }
      gc();
      const before = process.memoryUsage().heapUsed;
      const store = createMemoryStore();
      // Nothing but the store keeps the library read.
      await store.load(await loadLibrary(folder));
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      expect((await store.stats()).patterns).toBe(20);
      expect((await store.getPattern("p3")).pattern.title).toBe("Pattern number 3 of the heavy library");
      expect(grown).toBeLessThan(2 * 2 ** 20);
      await store.close();
    });
  });
});
