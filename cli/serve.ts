// `pattern-atlas serve [options]`: reads the configuration (flags, then the environment), starts the
// server (server/main.ts) and stops it cleanly on SIGINT or SIGTERM.
import { StoreUnavailableError } from "../graph/index.ts";
import { ConfigError, parseConfig, SERVER_OPTIONS, USAGE } from "../server/config.ts";
import { consoleLogger } from "../server/logger.ts";
import { startServer, type RunningServer } from "../server/main.ts";
import { createWatchHook } from "../server/watch.ts";
import { describeArgumentError, USAGE_EXIT, usageLine } from "./args.ts";

/** A one-line reason for a start-up failure: our errors have user-facing messages; others their message only. */
function describeStartupError(err: unknown): string {
  if (err instanceof ConfigError || err instanceof StoreUnavailableError) return err.message;
  if (err instanceof Error) return err.message.split("\n")[0] ?? "unknown error";
  return String(err);
}

/**
 * Starts the server; returns once it listens (0: the process then lives as long as the server) or
 * with the exit status of a failed start: 2 for a command-line mistake, 1 for a configuration that
 * cannot be used (a missing folder, a taken port, Neo4j unreachable).
 */
export async function main(argv: readonly string[]): Promise<number> {
  let running: RunningServer | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means now.
      process.exit(130);
    }
    stopping = true;
    // During start-up there is nothing to close yet: the stop happens as soon as start-up ends.
    if (!running) return;
    consoleLogger.info(`Received ${signal}, shutting down.`);
    running
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`pattern-atlas: error while shutting down: ${describeStartupError(err)}\n`);
        process.exit(1);
      });
  };

  try {
    const config = parseConfig([...argv], process.env, process.cwd());
    if (config.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    // Installed before start-up, so a signal right after the URL is printed is a clean stop too.
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    running = await startServer(config, { startWatch: createWatchHook() });
  } catch (err) {
    if (err instanceof ConfigError && err.usage) {
      process.stderr.write(usageLine("serve", describeArgumentError(err, Object.keys(SERVER_OPTIONS)), "pattern-atlas"));
      return USAGE_EXIT;
    }
    process.stderr.write(`pattern-atlas: ${describeStartupError(err)}\n`);
    if (process.env.PATTERN_ATLAS_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
  if (stopping) {
    stopping = false;
    stop("SIGTERM");
  }
  return 0;
}
