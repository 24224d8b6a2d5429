// A store whose first reads cost more than later ones can run them ahead, at server start: on Neo4j
// each query shape is planned on its first run (~0.1-0.3 s of the JVM's CPU apiece when cold), and
// the first answers waited for it. Only the Neo4j store has this, so it is a capability beside the
// GraphStore interface, found with hasWarmReads.
import type { GraphStore } from "./store.ts";

export interface WarmReads {
  /** Runs each read query shape of neighbourhoods and paths once; resolves with the milliseconds it took. */
  warmReads(): Promise<number>;
}

export function hasWarmReads<S extends GraphStore>(store: S): store is S & WarmReads {
  return typeof (store as S & Partial<WarmReads>).warmReads === "function";
}
