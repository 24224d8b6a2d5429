// The worker threads' code is built by scripts/build-cli.mjs, and the TypeScript sources start their
// threads on that build too (graph/worker-script.ts): the two lists of workers agree, and from the
// sources every worker is the repository's dist/ file, built (by the tests' globalSetup) from sources
// no newer than it.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { WORKER_FILES, workerUrl } from "../../graph/worker-script.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** build-cli.mjs's WORKER_ENTRIES, read from its text: `"name": "source.ts",` lines inside the object. */
function builtEntries(): Map<string, string> {
  const text = readFileSync(path.join(ROOT, "scripts/build-cli.mjs"), "utf8");
  const block = /const WORKER_ENTRIES = \{([^}]*)\}/.exec(text)?.[1];
  if (block === undefined) throw new Error("scripts/build-cli.mjs has no WORKER_ENTRIES object");
  return new Map([...block.matchAll(/"([\w-]+)":\s*"([^"]+)"/g)].map((m) => [`${m[1]}.js`, m[2]!]));
}

describe("the worker threads' code", () => {
  it("is built for exactly the workers the program starts, each from a source that exists", () => {
    const entries = builtEntries();
    expect([...entries.keys()].sort()).toEqual([...WORKER_FILES].sort());
    for (const source of entries.values()) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
  });

  it("is, from the sources, the repository's built file, newer than the worker's own source", () => {
    const entries = builtEntries();
    for (const file of WORKER_FILES) {
      const url = workerUrl(file);
      expect(fileURLToPath(url)).toBe(path.join(ROOT, "dist", file));
      expect(statSync(url).mtimeMs).toBeGreaterThanOrEqual(statSync(path.join(ROOT, entries.get(file)!)).mtimeMs);
    }
  });
});
