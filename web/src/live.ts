// Live library updates: listens to the server's `GET /api/events` stream (Server-Sent Events) and says
// when the library was reloaded (`--watch` saw a file change) or a reload failed, so the explorer can
// refresh what is on screen without a page reload. A reconnect that finds a newer version counts too.
import type { HelloEvent, LibraryChangedEvent, LibraryErrorEvent } from "../../core/events.ts";

export interface LiveHandlers {
  changed(event: LibraryChangedEvent | null): void;
  failed(event: LibraryErrorEvent): void;
  /** The stream is back after a break (the server restarted or the network returned), same library or not. */
  reconnected?(): void;
}

/** How long to wait before opening a stream the browser gave up on, doubling up to the maximum. */
const RETRY_MS = { first: 1000, max: 5000 } as const;

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
  let version: number | null = null;
  let broken = false;
  let closed = false;
  let wait: number = RETRY_MS.first;
  let timer: number | undefined;
  let source = open();

  function open(): EventSource {
    const next = new EventSource(url);
    next.addEventListener("hello", (event) => {
      const hello = parse<HelloEvent>(event);
      if (!hello) return;
      wait = RETRY_MS.first;
      // The stream reconnects (server restart, network blip): a new version means we missed a reload.
      if (version !== null && hello.version !== version) handlers.changed(null);
      else if (broken) handlers.reconnected?.();
      broken = false;
      version = hello.version;
    });
    next.addEventListener("error", () => {
      broken = true;
      // The browser retries a dropped stream itself, but gives up on one it could not reopen
      // (connection refused): then open a new one, a little later each time.
      if (next.readyState !== EventSource.CLOSED || closed) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (closed) return;
        source = open();
      }, wait);
      wait = Math.min(RETRY_MS.max, wait * 2);
    });
    listen(next);
    return next;
  }

  function listen(source: EventSource): void {
    source.addEventListener("library-changed", (event) => {
      const changed = parse<LibraryChangedEvent>(event);
      if (!changed) return;
      version = changed.version;
      handlers.changed(changed);
    });
    source.addEventListener("library-error", (event) => {
      const failed = parse<LibraryErrorEvent>(event);
      if (failed) handlers.failed(failed);
    });
  }

  return () => {
    closed = true;
    window.clearTimeout(timer);
    source.close();
  };
}
