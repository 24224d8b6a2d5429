// What only the memory store can do, beside the GraphStore interface: hand out the library it holds
// without copying it, for a reader that only reads it; and take in a library without copying it, from
// a caller that hands it over (the server's start-up). The gaps thread's hand-over took a deep copy
// through exportLibrary() (~100 MB of the main thread's heap at ten times the 2026-02-20 library),
// which stayed as garbage while the analysis ran, at the process's memory peak.
import type { Library } from "../../core/model.ts";
import type { GraphStore } from "../store.ts";

export interface HeldLibrary {
  /** The library the store holds now, never copied: callers must not change it (the store never does). */
  heldLibrary(): Readonly<Library>;
}

/** Whether `store` can hand its library out without a copy (the memory store can, Neo4j cannot). */
export function hasHeldLibrary<S extends GraphStore>(store: S): store is S & HeldLibrary {
  return typeof (store as S & Partial<HeldLibrary>).heldLibrary === "function";
}

export interface AdoptsLibrary {
  /**
   * load(), for a library the caller hands over and never touches again: its lists are put in
   * canonical order in place and no object is copied (load() copies the whole library first), and
   * what no first answer needs (the neighbourhood answers' encodings, the search index) is left to
   * warm() or to the first query that needs it. Answers are the same as after load().
   */
  adoptLibrary(library: Library): Promise<void>;
}

/** Whether `store` can take a library over without copying it (the memory store can). */
export function adoptsLibrary<S extends GraphStore>(store: S): store is S & AdoptsLibrary {
  return typeof (store as S & Partial<AdoptsLibrary>).adoptLibrary === "function";
}
