// Live library updates: listens to the server's `GET /api/events` stream (Server-Sent Events) and says
// when the library was reloaded (`--watch` saw a file change) or a reload failed, so the explorer can
// refresh what is on screen without a page reload. A reconnect that finds a newer version counts too.
import type { LibraryStats } from "./types.ts";

/** `event: library-changed` (server/routes/events.ts). */
export interface LibraryChanged {
  version: number;
  at: string;
  stats: LibraryStats;
  files: string[];
}

/** `event: library-error`: the reload failed and the previous library is still served. */
export interface LibraryFailed {
  version: number;
  at: string;
  message: string;
  files: string[];
}

export interface LiveHandlers {
  changed(event: LibraryChanged | null): void;
  failed(event: LibraryFailed): void;
}

function parse<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

/** Opens the stream; returns a function that closes it. Does nothing where EventSource is missing. */
export function subscribeLibraryEvents(handlers: LiveHandlers, url = "/api/events"): () => void {
  if (typeof EventSource === "undefined") return () => {};
  const source = new EventSource(url);
  let version: number | null = null;
  source.addEventListener("hello", (event) => {
    const hello = parse<{ version: number }>(event);
    if (!hello) return;
    // The stream reconnects by itself (server restart, network blip): a new version means we missed a reload.
    if (version !== null && hello.version !== version) handlers.changed(null);
    version = hello.version;
  });
  source.addEventListener("library-changed", (event) => {
    const changed = parse<LibraryChanged>(event);
    if (!changed) return;
    version = changed.version;
    handlers.changed(changed);
  });
  source.addEventListener("library-error", (event) => {
    const failed = parse<LibraryFailed>(event);
    if (failed) handlers.failed(failed);
  });
  return () => source.close();
}
