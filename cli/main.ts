// `pattern-atlas`, the one program: dispatches `serve`, `ingest`, `export` and `gaps` to their modules, and
// answers `--version`, `--help` and `help <command>`. A command's module is loaded only when it
// runs (in the build, each is a chunk of its own), so `--version` and `--help` load none of them.
import { readFileSync } from "node:fs";
import { closest, distance } from "fastest-levenshtein";
import { USAGE_EXIT } from "./args.ts";

/** One subcommand: what `--help` says of it, and its module's `main`, which returns the exit status. */
interface Command {
  summary: string;
  load(): Promise<(argv: readonly string[]) => Promise<number>>;
}

/** The subcommands, in the order `--help` lists them. A new one is one entry here and one module. */
const COMMANDS: Record<string, Command> = {
  serve: {
    summary: "serve a library: the explorer and the JSON API at a URL it prints",
    load: async () => (await import("./serve.ts")).main,
  },
  ingest: {
    summary: "read a library and report what it found; write a snapshot or store it in Neo4j",
    load: async () => (await import("./ingest.ts")).main,
  },
  export: {
    summary: "write a library as a graph file: GEXF, GraphML, graphology JSON or CSV",
    load: async () => (await import("./export.ts")).main,
  },
  gaps: {
    summary: "find gaps in a library's links; fail a library's CI with --fail-on",
    load: async () => {
      const { runGapsCli } = await import("./gaps.ts");
      return (argv) =>
        runGapsCli(argv, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), cwd: process.cwd() });
    },
  },
};

/** The package's version, from the package.json one folder up (from cli/ and from dist/ alike). */
function findCommand(name: string): Command | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

function version(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `Usage: pattern-atlas <command> [options]

Explore a library of design patterns as a graph.

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`)
  .join("\n")}
  ${"help".padEnd(width)}  show a command's options: pattern-atlas help <command>

Options:
  -h, --help     show this help
  -v, --version  print the version

Run 'pattern-atlas <command> --help' for a command's options.
`;
}

function unknownCommand(name: string): string {
  const names = Object.keys(COMMANDS);
  const near = closest(name, names);
  const hint = distance(name, near) <= 2 ? ` Did you mean '${near}'?` : ` Commands: ${names.join(", ")}.`;
  return `pattern-atlas: Unknown command '${name}'.${hint} See 'pattern-atlas --help'.\n`;
}

/** Runs the program with these arguments (without node and the script); returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(`pattern-atlas: Missing the command (${Object.keys(COMMANDS).join(", ")}). See 'pattern-atlas --help'.\n`);
    return USAGE_EXIT;
  }
  if (first === "--version" || first === "-v") {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (first === "--help" || first === "-h" || (first === "help" && rest.length === 0)) {
    process.stdout.write(help());
    return 0;
  }
  if (first === "help") {
    const command = findCommand(rest[0]!);
    if (!command || rest.length > 1) {
      process.stderr.write(rest.length > 1 ? "pattern-atlas: 'help' takes one command. See 'pattern-atlas --help'.\n" : unknownCommand(rest[0]!));
      return USAGE_EXIT;
    }
    return (await command.load())(["--help"]);
  }
  const command = findCommand(first);
  if (!command) {
    process.stderr.write(
      first.startsWith("-") ? `pattern-atlas: Unknown option '${first}'. See 'pattern-atlas --help'.\n` : unknownCommand(first),
    );
    return USAGE_EXIT;
  }
  return (await command.load())(rest);
}

process.exitCode = await main(process.argv.slice(2));
