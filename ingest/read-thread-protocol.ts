// The messages between read-thread.ts and its worker, in a module of their own so that the worker's
// bundle holds only what it runs.

export type ToReadThread =
  | { id: number; kind: "prime" }
  | { id: number; kind: "read"; changed: string[] }
  /** The calling thread took a part in: the next may come (one part at a time, see read-thread-worker.ts). */
  | { id: number; kind: "took" };
/** The lists of a Library, sent in parts. */
export const LIBRARY_PARTS = ["patterns", "links", "dangling", "problems"] as const;
export type LibraryPart = (typeof LIBRARY_PARTS)[number];

export type FromReadThread =
  | { id: number; kind: "primed" }
  | { id: number; kind: "part"; key: LibraryPart; items: unknown[] }
  | { id: number; kind: "done"; root: string; files: number }
  | { id: number; kind: "failed"; libraryRead: boolean; message: string };
