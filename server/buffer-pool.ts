// Reusable memory for large answers being sent. A depth-2 neighbourhood of the real library is a
// ~300 KB Buffer, and every fresh Buffer that large is memory outside V8's heap: at a few thousand
// answers a second V8 counted that external memory past its limit every ~150 ms and ran a full
// mark-compact each time (10-14 ms pauses, measured with --trace-gc), which set the p99 latency.
// Answers written into pooled memory and handed back once sent allocate nothing.
import type { Response } from "express";

export interface BufferPool {
  /** A Buffer of exactly `length` bytes, pooled when large (its contents are whatever was there). */
  acquire(length: number): Buffer;
  /**
   * Takes charge of `buffer`, memory lent from elsewhere (a worker thread's answer): it counts as
   * pooled, and `release` is called where a pooled block would be handed back.
   */
  adopt(buffer: Buffer, release: () => void): void;
  /** Whether `buffer` is pooled or adopted memory, i.e. must be copied to outlive the request. */
  owns(buffer: Buffer): boolean;
  /** Gives `buffer` back once `res` is done with it (finished or closed); anything not pooled is ignored. */
  releaseAfter(res: Response, buffer: Buffer): void;
  /** Blocks free and their bytes, blocks in use, blocks made so far, and adopted buffers not yet released. */
  stats(): { pooled: number; pooledBytes: number; inUse: number; allocated: number; adopted: number };
}

/** Below this, Buffer.allocUnsafe takes the memory from Node's own shared slab; pooling buys nothing. */
export const MIN_POOLED_BYTES = 64 * 1024;
/** Larger answers are rare; they get memory of their own. */
export const MAX_POOLED_BYTES = 16 * 2 ** 20;
/** Free blocks kept per size class: a few more than the connections a busy client opens at once. */
const FREE_PER_CLASS = 32;
/** Free memory kept in all: past it a block handed back is left to the garbage collector (a burst of huge answers must not stay resident). */
export const MAX_FREE_BYTES = 32 * 2 ** 20;

export function createBufferPool(): BufferPool {
  /** Free blocks by capacity (a power of two from MIN_POOLED_BYTES up). */
  const free = new Map<number, ArrayBuffer[]>();
  const inUse = new WeakSet<ArrayBuffer>();
  let inUseCount = 0;
  let allocated = 0;
  let freeBytes = 0;
  /** Adopted buffers and how to give each back. */
  const adopted = new Map<Buffer, () => void>();

  const capacityFor = (length: number): number => {
    let capacity = MIN_POOLED_BYTES;
    while (capacity < length) capacity *= 2;
    return capacity;
  };

  function release(buffer: Buffer): void {
    const block = buffer.buffer as ArrayBuffer;
    if (!inUse.has(block)) return;
    inUse.delete(block);
    inUseCount -= 1;
    const list = free.get(block.byteLength) ?? [];
    if (list.length < FREE_PER_CLASS && freeBytes + block.byteLength <= MAX_FREE_BYTES) {
      list.push(block);
      freeBytes += block.byteLength;
    }
    free.set(block.byteLength, list);
  }

  return {
    acquire(length) {
      if (length < MIN_POOLED_BYTES || length > MAX_POOLED_BYTES) return Buffer.allocUnsafe(length);
      const capacity = capacityFor(length);
      let block = free.get(capacity)?.pop();
      if (block) freeBytes -= block.byteLength;
      else {
        block = new ArrayBuffer(capacity);
        allocated += 1;
      }
      inUse.add(block);
      inUseCount += 1;
      return Buffer.from(block, 0, length);
    },
    adopt(buffer, giveBack) {
      adopted.set(buffer, giveBack);
    },
    owns: (buffer) => inUse.has(buffer.buffer as ArrayBuffer) || adopted.has(buffer),
    releaseAfter(res, buffer) {
      const giveBack = adopted.get(buffer);
      const done = giveBack
        ? () => {
            adopted.delete(buffer);
            giveBack();
          }
        : inUse.has(buffer.buffer as ArrayBuffer)
          ? () => release(buffer)
          : undefined;
      if (!done) return;
      // 'close' comes after the last byte was handed to the socket, or when the connection died.
      if (res.closed) done();
      else res.once("close", done);
    },
    stats: () => ({
      pooled: [...free.values()].reduce((n, list) => n + list.length, 0),
      pooledBytes: freeBytes,
      inUse: inUseCount,
      allocated,
      adopted: adopted.size,
    }),
  };
}
