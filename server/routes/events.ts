// Live updates: a small notifier that counts library versions (so caches such as the gap analysis know
// when the store was reloaded) and `GET /api/events`, a Server-Sent Events stream that tells the
// explorer `library-changed` with the new stats, so it refreshes without a page reload.
import { Router } from "express";
import type { LibraryStats } from "../../graph/index.ts";
import { watchLibrary, type WatchOptions } from "../../ingest/watch-library.ts";
import type { WatchHook } from "../main.ts";
import { publicStats } from "../library-name.ts";
import { readQuery } from "../parse-params.ts";

export const LIBRARY_EVENT_TYPES = ["library-changed", "library-error"] as const;
export type LibraryEventType = (typeof LIBRARY_EVENT_TYPES)[number];

/** Sent as `event: library-changed`, `id: <version>`, `data: <this JSON>`. */
export interface LibraryChangedEvent {
  version: number;
  /** ISO time of the reload. */
  at: string;
  stats: LibraryStats;
  /** Library-relative paths of the files whose change triggered the reload (sorted; may be empty). */
  files: string[];
}

/** Sent as `event: library-error` when a reload failed; the previous library stays served. */
export interface LibraryErrorEvent {
  version: number;
  at: string;
  message: string;
  files: string[];
}

export type LibraryEvent =
  | { type: "library-changed"; data: LibraryChangedEvent }
  | { type: "library-error"; data: LibraryErrorEvent };

export interface LibraryEvents {
  /** Starts at 0; +1 on every successful reload. Caches compare it to know the library changed. */
  readonly version: number;
  changed(stats: LibraryStats, files?: readonly string[]): LibraryChangedEvent;
  failed(message: string, files?: readonly string[]): LibraryErrorEvent;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: LibraryEvent) => void): () => void;
  /** Ends every open event stream (on shutdown, so the server can close at once). */
  close(): void;
  /** Registers a stream-closing hook; used by the SSE route. */
  onClose(hook: () => void): () => void;
}

export function createLibraryEvents(): LibraryEvents {
  let version = 0;
  const listeners = new Set<(event: LibraryEvent) => void>();
  const closers = new Set<() => void>();
  const emit = (event: LibraryEvent) => {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        // A broken listener (a closed socket) must not stop the others from hearing the change.
      }
    }
  };
  return {
    get version() {
      return version;
    },
    changed(stats, files = []) {
      version += 1;
      const data: LibraryChangedEvent = { version, at: new Date().toISOString(), stats, files: [...files].sort() };
      emit({ type: "library-changed", data });
      return data;
    },
    failed(message, files = []) {
      const data: LibraryErrorEvent = { version, at: new Date().toISOString(), message, files: [...files].sort() };
      emit({ type: "library-error", data });
      return data;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose(hook) {
      closers.add(hook);
      return () => closers.delete(hook);
    },
    close() {
      for (const c of [...closers]) c();
      closers.clear();
      listeners.clear();
    },
  };
}

/** Seconds between comment lines that keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * `GET /` (mounted at /api/events): an SSE stream. On connect it sends `event: hello` with the
 * current version; then one event per reload. Clients reconnect by themselves (`retry: 2000`).
 */
export function createEventsRouter({ events, heartbeatMs = HEARTBEAT_MS }: { events: LibraryEvents; heartbeatMs?: number }): Router {
  const router = Router();
  router.get("/", (req, res) => {
    readQuery(req.query, []);
    res.status(200).set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.flushHeaders();
    const send = (type: string, id: number, data: unknown) => {
      res.write(`event: ${type}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    res.write("retry: 2000\n\n");
    send("hello", events.version, { version: events.version });
    const unsubscribe = events.subscribe((e) =>
      send(e.type, e.data.version, e.type === "library-changed" ? { ...e.data, stats: publicStats(e.data.stats) } : e.data),
    );
    const heartbeat = setInterval(() => res.write(": ping\n\n"), heartbeatMs);
    heartbeat.unref();
    let removeCloser = () => {};
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      removeCloser();
      if (!res.writableEnded) res.end();
    };
    removeCloser = events.onClose(end);
    req.on("close", end);
  });
  return router;
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
