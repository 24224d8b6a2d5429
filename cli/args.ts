// What the subcommands share when reading their command line: node:util's parseArgs (strict: an
// unknown flag or a flag without its value is an error) with its error made one short line, plus
// the nearest flag when one was misspelt, and UsageError, the command-line mistake (exit status 2).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { distance } from "fastest-levenshtein";

/** A mistake in the command line: one line on stderr, exit status 2. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
}

/** Exit status of a command-line mistake (the convention of POSIX utilities and Node CLIs). */
export const USAGE_EXIT = 2;

type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs in strict mode with positionals allowed. @throws UsageError */
export function parseCommandLine<const O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeArgumentError(error, Object.keys(options)));
  }
}

/**
 * parseArgs's message, first sentence only (the rest is advice about `--` that fits a mistyped
 * positional, not a mistyped flag), with "Did you mean '--x'?" when a known flag is one or two
 * letters away.
 */
export function describeArgumentError(error: unknown, known: readonly string[]): string {
  const message = (error instanceof Error ? error.message : String(error)).split(". To specify")[0]!.replace(/\.?$/, ".");
  const unknown = /^Unknown option '--([^'=]+)'/.exec(message)?.[1];
  if (unknown === undefined) return message;
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of known) {
    const d = distance(unknown, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best === undefined ? message : `${message} Did you mean '--${best}'?`;
}

/** The one line a command-line mistake prints: what is wrong, and where the options are listed. */
export function usageLine(command: string, message: string, prefix = command): string {
  return `${prefix}: ${message} See 'pattern-atlas ${command} --help'.\n`;
}

/**
 * A command's arguments read by `parse`: its options, or the exit status once `--help` (0) or a
 * command-line mistake (one line on stderr, USAGE_EXIT) has been printed.
 */
export function readArguments<T>(command: string, usage: string, argv: readonly string[], parse: (argv: readonly string[]) => T | "help"): T | number {
  try {
    const options = parse(argv);
    if (options !== "help") return options;
    process.stdout.write(`${usage}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(usageLine(command, error.message));
    return USAGE_EXIT;
  }
}
