// Watches a library folder and hands over a freshly resolved Library after each burst of edits. Only
// changed files are re-parsed (the rest are kept parsed), then the whole library is resolved again,
// exactly as loadLibrary does, on a thread of its own (read-thread.ts); a half-written file simply
// becomes a problem until it is saved whole. The watch covers exactly what ingest reads: folder links
// are not followed (a link to `..` would otherwise make the watch endless), hidden folders and
// node_modules are not entered.
import { watch, type FSWatcher } from "chokidar";
import { realpathSync } from "node:fs";
import path from "node:path";
import type { Library } from "../core/model.ts";
import { createIncrementalReader } from "./incremental-reader.ts";
import { isSkippedFolder } from "./load-library.ts";
import { startReadThread } from "./read-thread.ts";

export interface LibraryChange {
  library: Library;
  /** Library-relative paths (with `/`) that changed since the previous library, sorted. */
  files: string[];
  /** Time spent re-reading and resolving, in ms. */
  ms: number;
}

export interface WatchOptions {
  /** Quiet time after the last event before re-reading (ms). Default 150. */
  debounceMs?: number;
  /** Re-read at the latest this long after the first event of a burst, even if events keep coming (ms). Default 2000. */
  maxWaitMs?: number;
  /** Poll instead of native events (network file systems). Default false. */
  usePolling?: boolean;
  /** A reload failed (the folder vanished, onChange threw): the previous library stays. Default: ignored. */
  onError?: (error: Error, files: string[]) => void;
  /**
   * The watch itself hit a path it cannot watch (permission denied, a link that loops). No reload ran:
   * the library is served as before, and the message says which path and why. Default: ignored.
   */
  onWatchError?: (message: string, error: Error) => void;
  /** Reads moved from the read thread to the calling thread (and why). Default: ignored. */
  onThreadFallback?: (message: string) => void;
  /** Re-read on a worker thread (default true); false reads on the calling thread. */
  thread?: boolean;
}

export interface LibraryWatcher {
  /** Resolves once the initial scan is done and edits are being watched. */
  ready: Promise<void>;
  /** Resolves when the reload in progress (if any) has been handed over. For tests and shutdown. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches `root` and calls `onChange` with the re-read library after each burst of edits (debounced;
 * reloads never overlap, edits during one trigger another). Every file is parsed once in the
 * background when the watch starts; reloads re-parse only the files that changed. A failed reload goes
 * to `options.onError`, a path the watch cannot cover to `options.onWatchError`; neither ever reaches
 * the caller's process.
 */
export function watchLibrary(
  root: string,
  onChange: (change: LibraryChange) => void | Promise<void>,
  options: WatchOptions = {},
): LibraryWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  // The real folder: with folder links not followed, a root given through a link would be watched as
  // the link itself. Events and files are relative to it.
  let absolute = path.resolve(root);
  try {
    absolute = realpathSync(absolute);
  } catch {
    // Missing: the first reload reports it.
  }
  const reader =
    options.thread === false
      ? { ...createIncrementalReader(root), close: async () => {} }
      : startReadThread(root, options.onThreadFallback);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;
  let running: Promise<void> | undefined;
  let closed = false;

  const relative = (p: string): string => path.relative(absolute, p).split(path.sep).join("/");

  const watcher: FSWatcher = watch(absolute, {
    ignoreInitial: true,
    usePolling: options.usePolling ?? false,
    interval: 100,
    // Exactly what ingest reads: links are watched as links, never entered (listMarkdownFiles does not follow folder links).
    followSymlinks: false,
    ignored: (p: string, stats) => {
      if (p === absolute) return false;
      const name = path.basename(p);
      if (stats?.isDirectory() === true || stats === undefined) return isSkippedFolder(name);
      return name.startsWith(".") || !name.toLowerCase().endsWith(".md");
    },
  });

  const reload = async (): Promise<void> => {
    const files = [...pending].sort();
    pending = new Set();
    const started = performance.now();
    try {
      const library = await reader.read(files);
      if (closed) return;
      await onChange({ library, files, ms: Math.round(performance.now() - started) });
    } catch (error) {
      if (closed) return;
      options.onError?.(error instanceof Error ? error : new Error(String(error)), files);
    }
  };

  const run = () => {
    timer = undefined;
    if (running) return; // the running reload schedules the next one when it ends
    running = reload().finally(() => {
      running = undefined;
      if (pending.size && !closed) schedule();
    });
  };

  const schedule = () => {
    const now = Date.now();
    if (!timer) firstEventAt = now;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstEventAt + maxWaitMs - now));
    timer = setTimeout(run, wait);
  };

  const onEvent = (p: string) => {
    if (closed) return;
    const rel = relative(p);
    if (rel === "" || rel.startsWith("..")) return;
    pending.add(rel);
    schedule();
  };
  for (const event of ["add", "change", "unlink", "addDir", "unlinkDir"] as const) watcher.on(event, onEvent);
  watcher.on("error", (error) => {
    if (closed) return;
    const failure = error instanceof Error ? error : new Error(String(error));
    options.onWatchError?.(describeWatchError(failure, relative), failure);
  });

  // Parse everything once in the background as soon as the watch is set up, so that even the first
  // edit re-parses only what changed. Edits arriving meanwhile wait for it (they are re-parsed after).
  const prime = (): Promise<void> => reader.prime();
  const ready = new Promise<void>((resolve) =>
    watcher.once("ready", () => {
      if (!running) {
        running = prime()
          .catch(() => {}) // the first reload will read everything instead
          .finally(() => {
            running = undefined;
            if (pending.size && !closed) schedule();
          });
      }
      resolve();
    }),
  );
  return {
    ready,
    idle: async () => {
      while (running || timer) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await watcher.close();
      await reader.close();
      await running?.catch(() => {});
    },
  };
}

/** What a watch error means for the user: which path, why, and that no reload ran. */
export function describeWatchError(error: Error, relative: (p: string) => string): string {
  const { code, path: where } = error as NodeJS.ErrnoException;
  const place = where ? `'${relative(where) || "."}'` : "a path";
  const why =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "ELOOP"
        ? "a symbolic link that loops"
        : code === "ENOSPC"
          ? "the system's limit of watched folders is reached (fs.inotify.max_user_watches)"
          : error.message;
  return `Cannot watch ${place}: ${why}${code && !why.includes(code) ? ` (${code})` : ""}. Edits there are not seen; no reload ran and the library is served as before.`;
}
