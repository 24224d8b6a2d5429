// What only the memory store can do, beside the GraphStore interface: hand out the library it holds
// without copying it, for a reader that only reads it. The gaps thread's hand-over took a deep copy
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
