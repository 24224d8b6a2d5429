// `pattern-atlas ingest`: the JSON output (in a real child process), argument errors, and exit statuses.

import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatSummary, heapAdvice, main, parseCliArgs, progressPrinter, UsageError } from "../../cli/ingest.ts";
import { loadLibrary, summariseLibrary } from "../../ingest/index.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("ingest CLI", () => {
  it("prints only JSON with the summary keys on stdout with --json", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "cli/main.ts", "ingest", "examples/library", "--json"], {
      cwd: REPO,
      maxBuffer: 16 * 1024 * 1024,
    });
    const summary = JSON.parse(stdout);
    for (const key of ["files", "patterns", "problemFiles", "links", "linksByType", "dangling", "problems"]) {
      expect(summary, key).toHaveProperty(key);
    }
    expect(summary.files).toBe(49);
    expect(summary.problems[0]).toEqual(
      expect.objectContaining({ file: "delivery/chaos-engineering.md", line: 4, kind: "invalid-yaml", message: expect.any(String) }),
    );
  });

  it("exits with 1 and one clear line when the folder cannot be read", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(await main(["/no/such/library-folder"])).toBe(1);
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr.mock.calls.map(([text]) => String(text)).join("")).toBe(
      "ingest: Cannot read the library folder '/no/such/library-folder': no such file or folder.\n",
    );
  });

  it("exits with 1 and says why when the snapshot cannot be written", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(await main([`${REPO}examples/library`, "--out", "/no/such/folder/snapshot.json"])).toBe(1);
    expect(String(stderr.mock.calls.at(-1)![0])).toBe("ingest: Cannot write the snapshot '/no/such/folder/snapshot.json': its folder does not exist.\n");
  });

  it("exits with 2 and one line naming the nearest flag on an unknown flag", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main(["examples/library", "--neo4jj"])).toBe(2);
    expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join("")).toBe(
      "ingest: Unknown option '--neo4jj'. Did you mean '--neo4j'? See 'pattern-atlas ingest --help'.\n",
    );
  });

  it("exits with 2 and one line when the folder is missing", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main([])).toBe(2);
    expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join("")).toBe("ingest: Missing the library folder. See 'pattern-atlas ingest --help'.\n");
  });

  it.each([
    [[], /Missing the library folder/],
    [["a", "b"], /Expected one library folder, got 2/],
    [["a", "--problems", "many"], /--problems expects a whole number/],
    [["a", "--problems=-3"], /--problems expects a whole number/],
    [["a", "--out"], /--out/],
    [["a", "--neo4j", "--neo4j-import", "/tmp/x"], /give one of them/],
    [["a", "--neo4j-import", " "], /expects the Neo4j home/],
  ])("rejects the arguments %j", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it("refuses --neo4j-import into a database that exists with exit status 1 and one line, writing nothing", async () => {
    const home = mkdtempSync(join(tmpdir(), "atlas-cli-import-"));
    try {
      mkdirSync(join(home, "data", "databases", "neo4j"), { recursive: true });
      expect(parseCliArgs(["lib", "--neo4j-import", home])).toMatchObject({ neo4jImport: home, neo4j: false });
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
      expect(await main([`${REPO}examples/library`, "--neo4j-import", home])).toBe(1);
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join("")).toMatch(/^ingest: Neo4j's database 'neo4j' already exists \(.*never replaces one.*\n$/);
      expect(readdirSync(home).sort()).toEqual(["data"]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("summarises a library readably: counts, links per type, problems with their lines", async () => {
    const text = formatSummary(summariseLibrary(await loadLibrary(`${REPO}examples/library`)), 2);
    expect(text).toContain("49 files: 48 patterns");
    expect(text).toMatch(/conflicts_with\s+1\s+0/);
    expect(text).toContain("* delivery/chaos-engineering.md:4:25  [invalid-yaml]");
    expect(text).toContain("... and 1 more");
  });

  it("prints each step with --progress: seconds since the start, the step, RSS, heap, CPU and load", async () => {
    expect(parseCliArgs(["lib", "--progress"])).toMatchObject({ folder: "lib", progress: true });
    expect(parseCliArgs(["lib"])).toMatchObject({ progress: false });
    const lines: string[] = [];
    progressPrinter((line) => lines.push(line))("read 3 files");
    expect(lines).toEqual([expect.stringMatching(/^ingest: \+\d+\.\d s {2}read 3 files {2}\(RSS \d+ MB, heap \d+ MB, CPU \d+\.\d s, load \d+\.\d \d+\.\d \d+\.\d\)\n$/)]);
  });

  it("warns when the patterns will not fit the heap of the Neo4j load, with the setting that fits", () => {
    const gb = 1024 ** 3;
    expect(heapAdvice(35_710, 4 * gb)).toBeUndefined();
    const advice = heapAdvice(361_000, 2 * gb);
    expect(advice).toMatch(/^361000 patterns need about 3173 MB of heap .* may use 2048 MB: it may run out of memory\. Run it with NODE_OPTIONS=--max-old-space-size=4096 /);
  });
});
