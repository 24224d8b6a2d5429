// Both real snapshots (the cut fixtures, see test/fixtures/real/README.md): every file accounted for, numbers within the corpus
// README's sanity ranges, and the fast YAML reader identical to js-yaml on every file.
//
// The README's numbers come from a reader that loses files whose frontmatter is not at the top;
// Pattern Atlas recovers those (and a doubled opening ---), so on 2026-01-29 it finds more patterns,
// fewer problem files, more resolved links and fewer dangling ones than that reading. The ranges
// below say so explicitly.

import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { listMarkdownFiles, loadLibrary, locateFrontmatter, summariseLibrary } from "../../ingest/index.ts";
import { normaliseFrontmatter, READ_KEYS } from "../../ingest/normalise-frontmatter.ts";
import { readYaml } from "../../ingest/read-yaml.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const SNAPSHOTS = {
  "2026-01-29": realLibrary("2026-01-29"),
  "2026-02-20": realLibrary("2026-02-20"),
};

type Range = [number, number];
const RANGES: Record<keyof typeof SNAPSHOTS, Record<"files" | "patterns" | "problemFiles" | "links" | "dangling" | "isolated", Range>> = {
  "2026-01-29": {
    files: [924, 924],
    patterns: [898, 924], // README ~898-904, plus the recovered files
    problemFiles: [0, 26], // README ~20-26, minus the recovered files
    links: [3_100, 3_300], // README ~3,140 without the recovered files' links
    dangling: [150, 250], // README ~230; targets in recovered files now resolve
    isolated: [500, 580], // README ~540
  },
  "2026-02-20": {
    files: [3_573, 3_573],
    patterns: [3_565, 3_573], // README ~3,571
    problemFiles: [0, 8], // README 2
    links: [16_700, 17_050], // README ~16,880
    dangling: [950, 1_070], // README ~1,010
    isolated: [1_150, 1_250], // README ~1,200
  },
};

describe.each(Object.entries(SNAPSHOTS) as [keyof typeof SNAPSHOTS, string][])("the real snapshot %s", (name, root) => {
  it("accounts for every file, with numbers within the sanity ranges", async () => {
    const library = await loadLibrary(root);
    const summary = summariseLibrary(library);
    const fatalFiles = new Set(library.problems.filter((p) => p.fatal).map((p) => p.file));
    expect(summary.files).toBe(summary.patterns + summary.problemFiles);
    expect(fatalFiles.size).toBe(summary.problemFiles);
    expect(new Set(library.patterns.map((p) => p.slug)).size).toBe(library.patterns.length);
    for (const [key, [low, high]] of Object.entries(RANGES[name])) {
      const value = summary[key as keyof typeof RANGES[typeof name]];
      expect(value, key).toBeGreaterThanOrEqual(low);
      expect(value, key).toBeLessThanOrEqual(high);
    }
    // Every link and dangling reference knows the line it was declared on.
    expect(library.links.every((l) => typeof l.line === "number" && l.line > 1)).toBe(true);
    expect(library.dangling.every((d) => typeof d.line === "number" && d.line > 1)).toBe(true);
  });

  it("reads every file's keys identically with the fast reader and with js-yaml alone", async () => {
    const { files } = await listMarkdownFiles(root);
    let compared = 0;
    for (const file of files) {
      const location = locateFrontmatter(readFileSync(`${root}/${file}`, "utf8"));
      if (!location.found) continue;
      const options = { keys: READ_KEYS, firstLine: location.firstYamlLine };
      const fast = readYaml(location.yaml, options);
      const slow = readYaml(location.yaml, { ...options, fast: false });
      expect(fast.ok, file).toBe(slow.ok);
      if (!fast.ok || !slow.ok) continue;
      expect(isDeepStrictEqual(fast.value, slow.value), file).toBe(true);
      if (typeof fast.value === "object" && fast.value !== null && !Array.isArray(fast.value)) {
        const a = normaliseFrontmatter(fast.value as Record<string, unknown>, fast.positions);
        const b = normaliseFrontmatter(slow.value as Record<string, unknown>, slow.positions);
        expect(isDeepStrictEqual(a, b), file).toBe(true);
      }
      compared += 1;
    }
    expect(compared).toBeGreaterThan(files.length * 0.97);
  });
});
