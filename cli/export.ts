// `pattern-atlas export <folder> --format gexf|graphml|json|csv [--out <path>]`: the library as a
// graph file for the tools people already use (Gephi, yEd, Cytoscape, NetworkX, a spreadsheet),
// written by graph/export, the same code as GET /api/export and the explorer's share dialog.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PatternAtlasError } from "../core/errors.ts";
import { EXPORT_CHOICES, exportFiles, isExportChoice, type ExportChoice } from "../graph/export/index.ts";
import { loadLibrary } from "../ingest/index.ts";
import { parseCommandLine, readArguments, UsageError } from "./args.ts";

export const EXPORT_OPTIONS = {
  format: { type: "string", short: "f" },
  out: { type: "string", short: "o" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export const USAGE = `Usage: pattern-atlas export <folder> --format <${EXPORT_CHOICES.join("|")}> [--out <path>]

Reads the library below <folder> and writes it as a graph file: every pattern with its attributes
(slug, title, domain, status, generation, file, ...), every link with its type, weight,
description, file and line, and each dangling reference as a link to a placeholder node.

  -f, --format <f>  gexf (Gephi), graphml (yEd, Cytoscape, NetworkX), json (graphology's
                    node-link JSON) or csv (two tables: nodes and links)
  -o, --out <path>  the file to write; for csv, the folder the two tables go into (made if
                    missing). Without it, one file is written to stdout (csv needs --out)
  -h, --help        show this help`;

export interface ExportOptions {
  folder: string;
  format: ExportChoice;
  out?: string;
}

/** @throws UsageError */
export function parseExportArgs(argv: readonly string[]): ExportOptions | "help" {
  const { values, positionals } = parseCommandLine(argv, EXPORT_OPTIONS);
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? "Missing the library folder." : `Expected one library folder, got ${positionals.length}: ${positionals.join(" ")}.`,
    );
  }
  if (values.format === undefined) throw new UsageError(`Missing --format (${EXPORT_CHOICES.join(", ")}).`);
  if (!isExportChoice(values.format)) throw new UsageError(`--format expects one of ${EXPORT_CHOICES.join(", ")}, got '${values.format}'.`);
  if (values.format === "csv" && values.out === undefined) throw new UsageError("--format csv writes two files (nodes and links): give --out <folder>.");
  const options: ExportOptions = { folder: positionals[0]!, format: values.format };
  if (values.out !== undefined) options.out = values.out;
  return options;
}

/** Runs `pattern-atlas export`; returns the exit status (0 written, 1 cannot read or write, 2 usage). */
export async function main(argv: readonly string[]): Promise<number> {
  const options = readArguments("export", USAGE, argv, parseExportArgs);
  if (typeof options === "number") return options;
  try {
    const library = await loadLibrary(options.folder);
    const files = exportFiles(library, options.format);
    if (options.out === undefined) {
      process.stdout.write(files[0]!.body);
      return 0;
    }
    const targets =
      options.format === "csv"
        ? (await mkdir(options.out, { recursive: true }), files.map((file) => ({ file, to: path.join(options.out!, file.name) })))
        : [{ file: files[0]!, to: options.out }];
    for (const { file, to } of targets) {
      await writeFile(to, file.body);
      process.stderr.write(`Wrote ${to} (${Buffer.byteLength(file.body)} bytes)\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof PatternAtlasError) {
      process.stderr.write(`export: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string") {
      process.stderr.write(`export: cannot write ${options.out}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
