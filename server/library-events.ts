// The library-change notifier: counts library versions (so caches such as the gap analysis know when
// the store was reloaded) and tells its listeners (the event stream, routes/events.ts) of each reload
// and of each reload that failed.
import type { LibraryStats } from "../graph/index.ts";
import type { LibraryChangedEvent, LibraryErrorEvent, LibraryEvent } from "../core/events.ts";

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

