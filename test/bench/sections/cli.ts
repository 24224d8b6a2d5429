// Bench section: the installed program (`npm pack`, `npm install -g` into a temporary prefix) in
// fresh processes: `--version`, and ingest of the main snapshot against the same ingest under tsx
// and a libyaml reading (PyYAML's CLoader) of the same files, all in the same run, interleaved.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { packAndInstall } from "../../cli/install-package.ts";
import { formatMs, median, round } from "../lib/stats.ts";
import type { BenchSection } from "../lib/types.ts";

const VERSION_TARGET_MS = 100;
/** The installed program's ingest against PyYAML with libyaml reading the same files. */
const PYYAML_RATIO_TARGET = 5;

/** Wall time of one fresh process, from spawn to exit; a non-zero exit is an error. */
function timeProcess(command: string, args: readonly string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NEO4J_URI: "" } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

export const section: BenchSection = {
  name: "cli",
  order: 15,
  description: "the installed program: --version, and ingest against tsx and PyYAML (libyaml) on the same files",
  async run(context) {
    const work = await mkdtemp(path.join(tmpdir(), "pattern-atlas-bench-cli-"));
    try {
      await timeProcess("python3", ["-c", "import yaml; yaml.CLoader"], work).catch(() => {
        throw new Error("python3 with PyYAML built on libyaml is needed (pip install pyyaml)");
      });
      context.log("  packing and installing the program ...");
      const { bin } = await packAndInstall(context.repoRoot, work);
      const folder = context.mainSnapshot.path;
      const measures = {
        "node -e 0 (Node's own start)": [process.execPath, ["-e", "0"]],
        "pattern-atlas --version": [bin, ["--version"]],
        "pattern-atlas ingest --json (installed)": [bin, ["ingest", folder, "--json"]],
        "tsx cli/main.ts ingest --json": [process.execPath, ["--import", "tsx", "cli/main.ts", "ingest", folder, "--json"]],
        "PyYAML CLoader, every frontmatter": ["python3", ["test/bench/children/pyyaml-read.py", folder]],
      } as const satisfies Record<string, readonly [string, readonly string[]]>;
      const times = Object.fromEntries(Object.keys(measures).map((name) => [name, [] as number[]])) as Record<keyof typeof measures, number[]>;
      // Interleaved, so that a change in the shared machine's load weighs on every measure alike.
      for (let i = 0; i < context.runs; i++) {
        for (const [name, [command, args]] of Object.entries(measures) as [keyof typeof measures, readonly [string, readonly string[]]][]) {
          times[name].push(await timeProcess(command, args, context.repoRoot));
        }
        context.log(`  run ${i + 1}/${context.runs}: ${Object.values(times).map((t) => formatMs(t.at(-1)!)).join(", ")}`);
      }
      const m = (name: keyof typeof measures) => median(times[name]);
      const installed = m("pattern-atlas ingest --json (installed)");
      const tsx = m("tsx cli/main.ts ingest --json");
      const pyyaml = m("PyYAML CLoader, every frontmatter");
      const version = m("pattern-atlas --version");
      const ratio = pyyaml / installed;
      return {
        tables: [
          {
            title: `The program, fresh processes (median of ${context.runs}; ${context.mainSnapshot.name} for the reads)`,
            columns: ["what", "median", "min", "max"],
            rows: Object.keys(measures).map((name) => {
              const list = times[name as keyof typeof measures];
              return [name, formatMs(median(list)), formatMs(Math.min(...list)), formatMs(Math.max(...list))];
            }),
          },
        ],
        targets: [
          { what: "pattern-atlas --version (installed)", target: `< ${VERSION_TARGET_MS} ms`, measured: formatMs(version), ok: version < VERSION_TARGET_MS },
          {
            what: `${context.mainSnapshot.name} ingest through the installed program vs PyYAML CLoader`,
            target: `>= ${PYYAML_RATIO_TARGET}x faster`,
            measured: `${round(ratio, 2)}x (${formatMs(installed)} vs ${formatMs(pyyaml)}; tsx ${formatMs(tsx)})`,
            ok: ratio >= PYYAML_RATIO_TARGET,
          },
        ],
        json: {
          runs: context.runs,
          snapshot: context.mainSnapshot.name,
          medianMs: Object.fromEntries(Object.keys(measures).map((name) => [name, round(m(name as keyof typeof measures))])),
          pyyamlOverInstalled: round(ratio, 2),
          tsxOverInstalled: round(tsx / installed, 2),
          all: times,
        },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
