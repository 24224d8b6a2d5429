// The CLI ingest's two-thread parse: the library it reads equals loadLibrary's exactly (order and
// problems included), on the real snapshot, on a library with unreadable and invalid files, and
// through the CLI; the setting and the one-thread cases.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/ingest.ts";
import { InvalidInputError } from "../../core/errors.ts";
import { loadLibrary, LibraryReadError } from "../../ingest/index.ts";
import { loadLibraryOnTwoThreads, MIN_SPLIT_FILES, parseThreadSetting, type ParseSplit } from "../../ingest/parse-thread.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);
const temporary = mkdtempSync(path.join(tmpdir(), "pattern-atlas-parse-thread-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

async function twoThreads(root: string, setting: "auto" | "on" | "off"): Promise<{ library: Awaited<ReturnType<typeof loadLibrary>>; split: ParseSplit | undefined; fallbacks: string[] }> {
  let split: ParseSplit | undefined;
  const fallbacks: string[] = [];
  const library = await loadLibraryOnTwoThreads(root, setting, { onSplit: (s) => (split = s), onFallback: (m) => fallbacks.push(m) });
  return { library, split, fallbacks };
}

describe("the two-thread parse", () => {
  it("reads the real snapshot exactly as one thread does, problems and order included", async () => {
    const root = realLibrary("2026-02-20");
    const alone = await loadLibrary(root);
    expect(alone.files).toBeGreaterThanOrEqual(MIN_SPLIT_FILES);
    const { library, split, fallbacks } = await twoThreads(root, "auto");
    expect(split).toBe("split");
    expect(fallbacks).toEqual([]);
    expect(library).toStrictEqual(alone);
    expect(library.problems.length).toBeGreaterThan(0);
  }, 60_000);

  it("reads unreadable, invalid and odd files exactly as one thread does", async () => {
    const root = path.join(temporary, "odd");
    mkdirSync(path.join(root, "a"), { recursive: true });
    for (let i = 0; i < 100; i += 1) {
      writeFileSync(path.join(root, "a", `p${String(i).padStart(3, "0")}.md`), `---\nid: p${i}\ntitle: Pattern ${i}\nenables: [p${(i + 1) % 100}, missing-${i % 7}]\n---\nBody\n`);
    }
    writeFileSync(path.join(root, "bad-yaml.md"), "---\nid: [unclosed\n---\n");
    writeFileSync(path.join(root, "latin1.md"), Buffer.concat([Buffer.from("---\nid: latin\ntitle: Caf"), Buffer.from([0xe9]), Buffer.from("\n---\n")]));
    writeFileSync(path.join(root, "no-frontmatter.md"), "just text\n");
    writeFileSync(path.join(root, "unreadable.md"), "---\nid: secret\n---\n", { mode: 0o000 });
    const alone = await loadLibrary(root);
    const { library, split } = await twoThreads(root, "on");
    expect(split).toBe("split");
    expect(library).toStrictEqual(alone);
    expect(library.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(["invalid-yaml", "invalid-utf8"]));
  }, 60_000);

  it("parses a library under MIN_SPLIT_FILES files on one thread unless told otherwise", async () => {
    const root = path.join(REPO, "examples/library");
    const alone = await loadLibrary(root);
    for (const [setting, expected] of [["auto", "one-thread"], ["off", "one-thread"], ["on", "split"]] as const) {
      const { library, split } = await twoThreads(root, setting);
      expect(split, setting).toBe(expected);
      expect(library, setting).toStrictEqual(alone);
    }
  }, 60_000);

  it("fails as loadLibrary does when the folder cannot be read", async () => {
    await expect(loadLibraryOnTwoThreads("/no/such/library-folder", "on")).rejects.toThrow(LibraryReadError);
  });

  it("reads PATTERN_ATLAS_PARSE_THREAD, and names the variable for any other value", () => {
    expect(parseThreadSetting(undefined)).toBe("off");
    expect(parseThreadSetting(" OFF ")).toBe("off");
    expect(parseThreadSetting("on")).toBe("on");
    expect(() => parseThreadSetting("2")).toThrow(InvalidInputError);
    expect(() => parseThreadSetting("2")).toThrow(/PATTERN_ATLAS_PARSE_THREAD.*auto, on, off/);
  });
});

describe("ingest CLI on two threads", () => {
  it("prints the same JSON on the real snapshot with the parse thread on and off", async () => {
    const root = realLibrary("2026-02-20");
    const ingest = (setting: string) =>
      run(process.execPath, ["--import", "tsx", "cli/main.ts", "ingest", root, "--json"], {
        cwd: REPO,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, PATTERN_ATLAS_PARSE_THREAD: setting },
      });
    const [on, off] = [await ingest("on"), await ingest("off")];
    expect(on.stderr).toBe("");
    expect(JSON.parse(on.stdout).files).toBeGreaterThanOrEqual(MIN_SPLIT_FILES);
    expect(on.stdout).toBe(off.stdout);
  }, 120_000);

  it("exits with 1 and one line naming PATTERN_ATLAS_PARSE_THREAD for a wrong value", async () => {
    vi.stubEnv("PATTERN_ATLAS_PARSE_THREAD", "yes");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["examples/library"])).toBe(1);
      expect(stderr.mock.calls.map(([text]) => String(text)).join("")).toBe(
        `ingest: Invalid 'PATTERN_ATLAS_PARSE_THREAD': "yes". Allowed: auto, on, off.\n`,
      );
    } finally {
      stderr.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});
