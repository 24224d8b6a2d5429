// The live-update events of `GET /api/events` (Server-Sent Events): their names and the JSON each
// carries. The server sends them (server/routes/events.ts) and the explorer reads them (web/src/live.ts).
import type { LibraryStats } from "./answers.ts";

/** Sent as `event: hello` when a stream opens: the library version the server holds now. */
export interface HelloEvent {
  version: number;
}

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
