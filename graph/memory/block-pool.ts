// Memory blocks reused for large answers, by power-of-two size class. A depth-2 neighbourhood of the
// real library is ~300 KB, and every fresh block that large is memory outside V8's heap: at a few
// thousand answers a second V8 counted that external memory past its limit every ~150 ms and ran a
// full mark-compact each time (10-14 ms pauses, measured with --trace-gc), which set the p99 latency.
// Used by the buffer pool (buffer-pool.ts) and by the neighbourhood thread.
// Measured again 2026-12-06 (16 clients, depth-2 neighbourhoods, answer cache off, load average
// 17-21, two runs each; docs/performance.md): with the thread's blocks fresh instead of pooled, the
// main thread, which receives them, ran a full mark-compact of 59-156 ms in every 5 s run, none with
// them; without pooling on the main thread's own path (no thread), each answer cost 1.27-1.39 ms of
// CPU against 1.03-1.04 ms, at 199-298 answers a second against 433-551.

/** Below this, pooling buys nothing (Buffer.allocUnsafe takes small memory from Node's shared slab). */
export const MIN_BLOCK_BYTES = 64 * 1024;
/** Larger answers are rare; their blocks are not kept. */
export const MAX_BLOCK_BYTES = 16 * 2 ** 20;
/** Free blocks kept per size class: a few more than the connections a busy client opens at once. */
const FREE_PER_CLASS = 32;
/** Free memory kept in all: past it a block given back is left to the garbage collector (a burst of huge answers must not stay resident). */
export const MAX_FREE_BYTES = 32 * 2 ** 20;

export interface BlockPool {
  /** A block of at least `length` bytes: a free one of its size class, or a new one (exactly `length` past MAX_BLOCK_BYTES). */
  take(length: number): ArrayBuffer;
  /** Keeps `block` for a later take(), unless it is too large or the free blocks would pass their limits. */
  give(block: ArrayBuffer): void;
  /** Blocks free and their bytes, and blocks made so far. */
  stats(): { pooled: number; pooledBytes: number; allocated: number };
}

export function createBlockPool(): BlockPool {
  /** Free blocks by capacity (a power of two from MIN_BLOCK_BYTES up). */
  const free = new Map<number, ArrayBuffer[]>();
  let freeBytes = 0;
  let allocated = 0;
  return {
    take(length) {
      if (length > MAX_BLOCK_BYTES) return new ArrayBuffer(length);
      let capacity = MIN_BLOCK_BYTES;
      while (capacity < length) capacity *= 2;
      const block = free.get(capacity)?.pop();
      if (block) {
        freeBytes -= capacity;
        return block;
      }
      allocated += 1;
      return new ArrayBuffer(capacity);
    },
    give(block) {
      const capacity = block.byteLength;
      if (capacity > MAX_BLOCK_BYTES || capacity < MIN_BLOCK_BYTES) return;
      const list = free.get(capacity) ?? [];
      if (list.length >= FREE_PER_CLASS || freeBytes + capacity > MAX_FREE_BYTES) return;
      list.push(block);
      free.set(capacity, list);
      freeBytes += capacity;
    },
    stats: () => ({ pooled: [...free.values()].reduce((n, list) => n + list.length, 0), pooledBytes: freeBytes, allocated }),
  };
}
