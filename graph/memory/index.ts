// The memory store and its fast path, one entry point: the embedded GraphStore, what only it can do
// (FastNeighborhood, detected with hasFastNeighborhood; HeldLibrary, with hasHeldLibrary; AdoptsLibrary, with adoptsLibrary), and the pooled memory its answers are sent
// from. Everything else in this folder (the byte copier, the neighbourhood thread, the block pool)
// is its inside. Other folders reach it through graph/index.ts.
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from "./memory-store.ts";
export { hasFastNeighborhood, type AnswerMemory, type FastNeighborhood } from "./fast-neighborhood.ts";
export { adoptsLibrary, hasHeldLibrary, type AdoptsLibrary, type HeldLibrary } from "./held-library.ts";
export { createBufferPool, MAX_FREE_BYTES, MAX_POOLED_BYTES, MIN_POOLED_BYTES, type BufferPool } from "./buffer-pool.ts";
export { SUBGRAPH_JSON } from "./neighborhood-json.ts";
export type { NeighborhoodThreadStats } from "./neighborhood-thread.ts";
