// The architecture of docs/architecture.md, checked: the import graph of the source folders (read
// by dependency-cruiser) has no cycle, core/ is a platform-free leaf, imports go down the layers,
// and no file grows past 400 lines without saying why at its top.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseResult, type IFlattenedRuleSet } from "dependency-cruiser";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The folders whose code ships: the program, the core, the domain, the reader, the server, the explorer. */
const SOURCE_FOLDERS = ["cli", "core", "graph", "ingest", "server", "web/src"];

/** What a file longer than MAX_LINES says in its first lines: `// Longer than 400 lines because <the reason>.` ("Over 400 lines because" too). */
const LONG_FILE_REASON = /\b(longer than|over) 400 lines because\b/i;
const MAX_LINES = 400;

/**
 * The layer rules. Each says what a folder must not import; together they are the picture of
 * docs/architecture.md: core <- graph <- ingest <- server <- cli, and the explorer (web/src) takes
 * only core/ and graph/export/ from the rest.
 */
const RULES: IFlattenedRuleSet = {
  forbidden: [
    { name: "no-cycle", severity: "error", from: {}, to: { circular: true } },
    {
      name: "core-is-a-leaf",
      comment: "core/ imports nothing outside core/: no Node module, no package, nothing of ours",
      severity: "error",
      from: { path: "^core/" },
      to: { pathNot: "^core/" },
    },
    { name: "graph-below-ingest", severity: "error", from: { path: "^graph/" }, to: { path: "^(ingest|server|cli|web)/" } },
    { name: "ingest-below-server", severity: "error", from: { path: "^ingest/" }, to: { path: "^(server|cli|web)/" } },
    { name: "server-below-cli", severity: "error", from: { path: "^server/" }, to: { path: "^(cli|web)/" } },
    { name: "cli-not-web", severity: "error", from: { path: "^cli/" }, to: { path: "^web/" } },
    {
      name: "web-takes-core-and-export",
      comment: "the explorer takes from the rest only core/ and graph/export/",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^(graph|ingest|server|cli)/", pathNot: "^graph/export/" },
    },
    { name: "web-not-node", comment: "the explorer runs in a browser", severity: "error", from: { path: "^web/" }, to: { dependencyTypes: ["core"] } },
  ],
};

let cruised: Promise<ICruiseResult> | undefined;
/** One cruise for every test of this file (it reads and parses every source file). */
function importGraph(): Promise<ICruiseResult> {
  cruised ??= (async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const result = await cruise(SOURCE_FOLDERS, {
        validate: true,
        ruleSet: RULES,
        // Type-only imports count: a layer that names another layer's types depends on it.
        tsPreCompilationDeps: true,
        doNotFollow: { path: "node_modules" },
        exclude: { path: "(^|/)(dist|node_modules)/" },
      });
      return result.output as ICruiseResult;
    } finally {
      process.chdir(cwd);
    }
  })();
  return cruised;
}

/** The violations of one rule, one line each: `from -> to` (a cycle as its whole round). */
async function violations(rule: string): Promise<string[]> {
  const { summary } = await importGraph();
  return summary.violations
    .filter((v) => v.rule.name === rule)
    .map((v) => (v.cycle?.length ? [v.from, ...v.cycle.map((c) => c.name)].join(" -> ") : `${v.from} -> ${v.to}`))
    .sort();
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

describe("the architecture", () => {
  it("reads the import graph of every source folder", async () => {
    const { modules } = await importGraph();
    const ours = modules.filter((m) => SOURCE_FOLDERS.some((f) => m.source.startsWith(`${f}/`)));
    // Every source file is in the graph: a rule that saw no file would pass without checking anything.
    expect(ours.length).toBeGreaterThanOrEqual(SOURCE_FOLDERS.flatMap(sourceFiles).length);
    const server = modules.find((m) => m.source === "server/app.ts");
    expect(server?.dependencies.some((d) => d.resolved.startsWith("graph/"))).toBe(true);
  }, 180_000);

  it("has no import cycle", async () => {
    expect(await violations("no-cycle"), "import cycles (each as its round)").toEqual([]);
  }, 180_000);

  it("keeps core/ a leaf: it imports nothing outside core/", async () => {
    expect(await violations("core-is-a-leaf"), "imports of core/ that leave it").toEqual([]);
  }, 180_000);

  it.each(["graph-below-ingest", "ingest-below-server", "server-below-cli", "cli-not-web", "web-takes-core-and-export", "web-not-node"])(
    "keeps the layer rule %s",
    async (rule) => {
      expect(await violations(rule), `imports against ${rule}`).toEqual([]);
    },
    180_000,
  );

  it("compiles core/ without Node's or the DOM's declarations", () => {
    const files = sourceFiles("core").map((f) => path.join(ROOT, f));
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2023.d.ts"],
      types: [],
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
    expect(errors, "core/ uses something only Node or a browser has").toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines that does not say why in its first 5 lines`, () => {
    const long = SOURCE_FOLDERS.flatMap(sourceFiles).flatMap((file) => {
      const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
      if (lines.at(-1) === "") lines.pop();
      if (lines.length <= MAX_LINES) return [];
      return LONG_FILE_REASON.test(lines.slice(0, 5).join(" ")) ? [] : [`${file} (${lines.length} lines)`];
    });
    expect(long, `files over ${MAX_LINES} lines: split them by job, or say "// Longer than 400 lines because ..." in their first 5 lines`).toEqual([]);
  });
});
