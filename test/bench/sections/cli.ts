// Bench section: the installed program (`npm pack`, `npm install -g` into a temporary prefix) in
// fresh processes: `--version`, and ingest of the main snapshot against the same ingest under tsx
// and a libyaml reading (PyYAML's CLoader) of the same files, all in the same run, interleaved.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { packAndInstall } from "../../cli/install-package.ts";
import { formatMs, median, round } from "../lib/stats.ts";
import type { BenchSection } from "../lib/types.ts";

const VERSION_TARGET_MS = 100;
/** The installed program's ingest against PyYAML with libyaml reading the same files. */
const PYYAML_RATIO_TARGET = 5;

/**
 * GNU time, for the CPU time (user + system) of each process: on this shared 2-core machine the
 * wall time mostly says how busy the other users are, the CPU time what the process itself cost.
 */
const GNU_TIME = "/usr/bin/time";

interface Timing {
  wallMs: number;
  /** User + system CPU time of the process (NaN without GNU time). */
  cpuMs: number;
}

/** Wall and CPU time of one fresh process, from spawn to exit; a non-zero exit is an error. */
function timeProcess(command: string, args: readonly string[], cwd: string, cpuFile: string, parseThread?: string): Promise<Timing> {
  const withTime = existsSync(GNU_TIME);
  const [file, argv] = withTime ? [GNU_TIME, ["-f", "%U %S", "-o", cpuFile, command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The ingest's parse thread as the program's default sets it, unless a measure names a setting.
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: "" };
    delete env.PATTERN_ATLAS_PARSE_THREAD;
    if (parseThread !== undefined) env.PATTERN_ATLAS_PARSE_THREAD = parseThread;
    const child = spawn(file, argv, { cwd, stdio: ["ignore", "ignore", "pipe"], env });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${stderr.trim()}`));
      if (!withTime) return resolve({ wallMs, cpuMs: Number.NaN });
      readFile(cpuFile, "utf8").then((text) => {
        const [user, system] = text.trim().split("\n").at(-1)!.split(" ").map(Number);
        resolve({ wallMs, cpuMs: (user! + system!) * 1000 });
      }, reject);
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
      const cpuFile = path.join(work, "cpu.txt");
      await timeProcess("python3", ["-c", "import yaml; yaml.CLoader"], work, cpuFile).catch(() => {
        throw new Error("python3 with PyYAML built on libyaml is needed (pip install pyyaml)");
      });
      context.log("  packing and installing the program ...");
      const { bin } = await packAndInstall(context.repoRoot, work);
      const folder = context.mainSnapshot.path;
      const measures = {
        "node -e 0 (Node's own start)": [process.execPath, ["-e", "0"]],
        "pattern-atlas --version": [bin, ["--version"]],
        "pattern-atlas ingest --json (installed)": [bin, ["ingest", folder, "--json"]],
        // Both settings of the two-thread parse, whichever the default is (docs/cli.md).
        "… with PATTERN_ATLAS_PARSE_THREAD=off": [bin, ["ingest", folder, "--json"], "off"],
        "… with PATTERN_ATLAS_PARSE_THREAD=on": [bin, ["ingest", folder, "--json"], "on"],
        "tsx cli/main.ts ingest --json": [process.execPath, ["--import", "tsx", "cli/main.ts", "ingest", folder, "--json"]],
        "PyYAML CLoader, every frontmatter": ["python3", ["test/bench/children/pyyaml-read.py", folder]],
      } as const satisfies Record<string, readonly [string, readonly string[], string?]>;
      type Name = keyof typeof measures;
      const times = Object.fromEntries(Object.keys(measures).map((name) => [name, [] as Timing[]])) as Record<Name, Timing[]>;
      // Interleaved, so that a change in the shared machine's load weighs on every measure alike.
      for (let i = 0; i < context.runs; i++) {
        for (const [name, [command, args, parseThread]] of Object.entries(measures) as [Name, readonly [string, readonly string[], string?]][]) {
          times[name].push(await timeProcess(command, args, context.repoRoot, cpuFile, parseThread));
        }
        context.log(`  run ${i + 1}/${context.runs}: ${Object.values(times).map((t) => `${formatMs(t.at(-1)!.wallMs)} (cpu ${formatMs(t.at(-1)!.cpuMs)})`).join(", ")}`);
      }
      const wall = (name: Name) => median(times[name].map((t) => t.wallMs));
      const cpu = (name: Name) => median(times[name].map((t) => t.cpuMs));
      const INSTALLED: Name = "pattern-atlas ingest --json (installed)";
      const TSX: Name = "tsx cli/main.ts ingest --json";
      const PYYAML: Name = "PyYAML CLoader, every frontmatter";
      const VERSION: Name = "pattern-atlas --version";
      // The ratio of medians of the wall time, and of the CPU time (the load-independent one).
      const ratio = wall(PYYAML) / wall(INSTALLED);
      const cpuRatio = cpu(PYYAML) / cpu(INSTALLED);
      return {
        tables: [
          {
            title: `The program, fresh processes (median of ${context.runs}, interleaved; ${context.mainSnapshot.name} for the reads)`,
            columns: ["what", "wall median", "wall min", "wall max", "CPU median (user+sys)"],
            rows: (Object.keys(measures) as Name[]).map((name) => {
              const list = times[name].map((t) => t.wallMs);
              return [name, formatMs(median(list)), formatMs(Math.min(...list)), formatMs(Math.max(...list)), formatMs(cpu(name))];
            }),
          },
        ],
        targets: [
          {
            what: "pattern-atlas --version (installed)",
            target: `< ${VERSION_TARGET_MS} ms`,
            measured: `${formatMs(wall(VERSION))} (CPU ${formatMs(cpu(VERSION))}; node -e 0: ${formatMs(wall("node -e 0 (Node's own start)"))})`,
            ok: wall(VERSION) < VERSION_TARGET_MS,
          },
          {
            what: `${context.mainSnapshot.name} ingest through the installed program vs PyYAML CLoader`,
            target: `>= ${PYYAML_RATIO_TARGET}x faster`,
            measured: `${round(ratio, 2)}x wall (${formatMs(wall(INSTALLED))} vs ${formatMs(wall(PYYAML))}), ${round(cpuRatio, 2)}x CPU`,
            ok: ratio >= PYYAML_RATIO_TARGET,
          },
        ],
        json: {
          runs: context.runs,
          snapshot: context.mainSnapshot.name,
          medianWallMs: Object.fromEntries((Object.keys(measures) as Name[]).map((name) => [name, round(wall(name))])),
          medianCpuMs: Object.fromEntries((Object.keys(measures) as Name[]).map((name) => [name, round(cpu(name))])),
          pyyamlOverInstalledWall: round(ratio, 2),
          pyyamlOverInstalledCpu: round(cpuRatio, 2),
          tsxOverInstalledWall: round(wall(TSX) / wall(INSTALLED), 2),
          all: times,
        },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
