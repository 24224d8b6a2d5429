// `pattern-atlas export`: each format written by the command (a real child process) reads back as the
// library, CSV's two tables land in the folder given, and mistakes are one line with exit status 2.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLibrary } from "../../ingest/index.ts";
import { expectedGraph, expectSameGraph, readCsv, readGexf, readGraphml, readJson, type ReadGraph } from "../graph/export-helpers.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const LIBRARY = "examples/library";

async function atlas(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], {
      cwd: REPO,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let out: string;
let expected: ReadGraph;
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), "atlas-export-"));
  expected = expectedGraph(await loadLibrary(path.join(REPO, LIBRARY)));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("pattern-atlas export", () => {
  it.each([
    ["gexf", readGexf],
    ["graphml", readGraphml],
    ["json", readJson],
  ] as const)("writes the library as %s on stdout, every node and link with its attributes", async (format, read) => {
    const result = await atlas(["export", LIBRARY, "--format", format]);
    expect(result.code, result.stderr).toBe(0);
    expectSameGraph(read(result.stdout), expected);
  });

  it("writes a file with --out and says where on stderr", async () => {
    const file = path.join(out, "library.gexf");
    const result = await atlas(["export", LIBRARY, "-f", "gexf", "-o", file]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
    expect(result.stderr).toMatch(/^Wrote .*library\.gexf \(\d+ bytes\)\n$/);
    expectSameGraph(readGexf(await readFile(file, "utf8")), expected);
  });

  it("writes csv as a nodes table and a links table into the folder given", async () => {
    const folder = path.join(out, "tables");
    const result = await atlas(["export", LIBRARY, "--format", "csv", "--out", folder]);
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(["pattern-atlas-library-links.csv", "pattern-atlas-library-nodes.csv"]);
    const graph = readCsv(
      await readFile(path.join(folder, "pattern-atlas-library-nodes.csv"), "utf8"),
      await readFile(path.join(folder, "pattern-atlas-library-links.csv"), "utf8"),
    );
    expectSameGraph(graph, expected);
  });

  it.each([
    [["export", LIBRARY], "export: Missing --format (gexf, graphml, json, csv). See 'pattern-atlas export --help'.\n"],
    [["export", LIBRARY, "--format", "dot"], "export: --format expects one of gexf, graphml, json, csv, got 'dot'. See 'pattern-atlas export --help'.\n"],
    [["export", LIBRARY, "--format", "csv"], "export: --format csv writes two files (nodes and links): give --out <folder>. See 'pattern-atlas export --help'.\n"],
    [["export", "--format", "gexf"], "export: Missing the library folder. See 'pattern-atlas export --help'.\n"],
  ])("refuses %j with one line and exit status 2", async (args, stderr) => {
    expect(await atlas(args)).toEqual({ code: 2, stdout: "", stderr });
  });

  it("exits with 1 and one line when the folder cannot be read", async () => {
    const result = await atlas(["export", "/no/such/library-folder", "--format", "json"]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(/^export: Cannot read the library folder '\/no\/such\/library-folder'/);
  });
});
