// Live re-reading of the library (`--watch`): the hook startServer calls once the server runs
// (createWatchHook, which watches the folder on ingest/watch-library.ts), and the reload it calls
// with each new library (createReload: load it, tell the explorer, re-lay out the overview).
import { hasFastNeighborhood, type GraphStore, type Library } from "../graph/index.ts";
import { watchLibrary, type WatchOptions } from "../ingest/watch-library.ts";
import type { AtlasApp } from "./app.ts";
import type { LibraryEvents } from "./library-events.ts";
import { ms, summarize } from "./load-summary.ts";
import type { Logger } from "./logger.ts";

/** Loads `library` into the store, tells the explorer (events `library-changed`) and re-lays out the overview. */
export type Reload = (library: Library, changedFiles?: readonly string[]) => Promise<void>;

/**
 * The hook for `--watch`: called once the server runs, with the library folder and a `reload` that
 * swaps in a new Library atomically (and re-lays out the overview). Returns a stopper.
 */
export type WatchHook = (context: {
  root: string;
  reload: Reload;
  /** For reporting a reload that failed (`events.failed(message, files)`): the old library stays served. */
  events: LibraryEvents;
  logger: Logger;
}) => Promise<{ close(): Promise<void> }>;

/**
 * The library arrives read and resolved (--watch reads on its own thread); what is left runs on this
 * thread in steps, with a turn of the event loop between them, so that requests queued meanwhile
 * wait for one step, not for all of them.
 */
export function createReload(store: GraphStore, app: AtlasApp, logger: Logger): Reload {
  return async (library, changedFiles = []) => {
    const started = performance.now();
    await store.load(library);
    await nextTurn();
    const stats = await store.stats();
    logger.info(`Reloaded: ${summarize(stats)} in ${ms(started)}`);
    app.atlas.events.changed(stats, changedFiles);
    await nextTurn();
    app.atlas.overview.get().catch((err: unknown) => logger.warn(`Overview layout failed: ${(err as Error).message}`));
    await nextTurn();
    if (hasFastNeighborhood(store)) store.warm().catch((err: unknown) => logger.warn(`Warming the store failed: ${(err as Error).message}`));
  };
}

/** Lets the requests that arrived meanwhile run before the next step. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The `--watch` hook for startServer: re-reads changed files (debounced, only what changed is
 * re-parsed), hands the new library to `reload` (which tells the event stream), and reports a failed
 * reload as `library-error` while the previous library stays served.
 */
export function createWatchHook(options: WatchOptions = {}): WatchHook {
  return async ({ root, reload, events, logger }) => {
    const watcher = watchLibrary(
      root,
      async ({ library, files, ms }) => {
        logger.info(`Changed: ${files.slice(0, 5).join(", ")}${files.length > 5 ? ` and ${files.length - 5} more` : ""} (re-read in ${ms} ms)`);
        await reload(library, files);
      },
      {
        ...options,
        onError: (error, files) => {
          logger.warn(`Reload failed, still serving the previous library: ${error.message}`);
          events.failed(error.message, files);
          options.onError?.(error, files);
        },
        // Not a reload: the watch could not cover a path; what is served has not changed.
        onWatchError: (message, error) => {
          logger.warn(`Watch: ${message}`);
          options.onWatchError?.(message, error);
        },
        onThreadFallback: (message) => {
          logger.warn(`Watch: ${message}`);
          options.onThreadFallback?.(message);
        },
      },
    );
    await watcher.ready;
    logger.info(`Watching ${root} for changes.`);
    return { close: () => watcher.close() };
  };
}
