// What only the memory store can do, kept out of the GraphStore interface (STYLE.md: anything only
// one store can do is not in the interface): write a neighbourhood's JSON bytes itself, into memory
// its caller lends, and build ahead what its first answers would. The server asks hasFastNeighborhood.
import type { NeighborhoodOptions } from "../../core/model.ts";
import type { GraphStore } from "../store.ts";

/** Memory for an answer's bytes, lent by the caller of neighborhoodJson or to it. */
export interface AnswerMemory {
  /** A Buffer of exactly `length` bytes for the store to write the answer into. */
  allocate(length: number): Buffer;
  /**
   * Takes charge of `buffer`, memory the store lent (e.g. a worker thread's), which is returned as
   * the answer: `release` is to be called once it is sent (or copied).
   */
  adopt(buffer: Buffer, release: () => void): void;
}

export interface FastNeighborhood {
  /**
   * The UTF-8 JSON of neighborhood(slug, options), byte for byte what JSON.stringify gives, copied
   * from pre-encoded nodes and links instead of built as objects and serialised.
   * @param memory where the bytes go (the server passes pooled memory); by default fresh memory.
   * @throws as GraphStore.neighborhood.
   */
  neighborhoodJson(slug: string, options: NeighborhoodOptions, memory?: AnswerMemory): Promise<Buffer>;
  /**
   * Builds now what the first queries of the current library would otherwise build (the encoded
   * nodes and links, ~100 ms on the real library) and hands the library to the neighbourhood
   * thread. The server calls it after every load, in the background.
   */
  warm(): Promise<void>;
}

/** Whether `store` writes neighbourhood answers itself (the memory store does, Neo4j does not). */
export function hasFastNeighborhood<S extends GraphStore>(store: S): store is S & FastNeighborhood {
  const candidate = store as S & Partial<FastNeighborhood>;
  return typeof candidate.neighborhoodJson === "function" && typeof candidate.warm === "function";
}
