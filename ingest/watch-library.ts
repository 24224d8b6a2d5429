// Watches a library folder and hands over a freshly resolved Library after each burst of edits. Only
// changed files are re-parsed (the rest are kept parsed), then the whole library is resolved again,
// exactly as loadLibrary does; a half-written file simply becomes a problem until it is saved whole.
import { watch, type FSWatcher } from "chokidar";
import path from "node:path";
import type { Library } from "../graph/model.ts";
import { listMarkdownFiles, parseFiles, resolveLibrary, type ParsedFile } from "./index.ts";

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
}

export interface LibraryWatcher {
  /** Resolves once the initial scan is done and edits are being watched. */
  ready: Promise<void>;
  /** Resolves when the reload in progress (if any) has been handed over. For tests and shutdown. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const SKIPPED = new Set(["node_modules"]);

/**
 * Watches `root` and calls `onChange` with the re-read library after each burst of edits (debounced;
 * reloads never overlap, edits during one trigger another). Every file is parsed once in the
 * background when the watch starts; reloads re-parse only the files that changed. Errors go to
 * `options.onError`, never to the caller's process.
 */
export function watchLibrary(
  root: string,
  onChange: (change: LibraryChange) => void | Promise<void>,
  options: WatchOptions = {},
): LibraryWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  const absolute = path.resolve(root);
  const parsed = new Map<string, ParsedFile>();
  let primed = false;
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
    ignored: (p: string, stats) => {
      if (p === absolute) return false;
      const name = path.basename(p);
      if (name.startsWith(".") || SKIPPED.has(name)) return true;
      return stats?.isFile() === true && !name.toLowerCase().endsWith(".md");
    },
  });

  const reload = async (): Promise<void> => {
    const files = [...pending].sort();
    pending = new Set();
    const started = performance.now();
    try {
      const listing = await listMarkdownFiles(root);
      const present = new Set(listing.files);
      for (const f of [...parsed.keys()]) if (!present.has(f)) parsed.delete(f);
      // Everything on the first reload; afterwards only the changed files and any not yet parsed.
      const toParse = primed ? listing.files.filter((f) => !parsed.has(f) || files.includes(f)) : listing.files;
      const fresh = await parseFiles(root, toParse);
      toParse.forEach((f, i) => parsed.set(f, fresh[i]!));
      primed = true;
      const library = resolveLibrary(root, listing.files.map((f) => parsed.get(f)!));
      library.problems.push(...listing.problems);
      if (closed) return;
      await onChange({ library, files, ms: Math.round(performance.now() - started) });
    } catch (error) {
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
  watcher.on("error", (error) => options.onError?.(error instanceof Error ? error : new Error(String(error)), []));

  // Parse everything once in the background as soon as the watch is set up, so that even the first
  // edit re-parses only what changed. Edits arriving meanwhile wait for it (they are re-parsed after).
  const prime = async (): Promise<void> => {
    const listing = await listMarkdownFiles(root);
    const fresh = await parseFiles(root, listing.files);
    listing.files.forEach((f, i) => parsed.set(f, fresh[i]!));
    primed = true;
  };
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
      await running;
    },
  };
}
