// Reusable memory for large answers being sent: blocks of block-pool.ts, each handed back once the
// response that carried it is done, so answers written into it allocate nothing; and memory the
// store lent (the neighbourhood thread's answers), given back the same way. What the pooling buys is
// measured in block-pool.ts's header; adopt/release is how the thread's memory goes back to it.
import { createBlockPool, MAX_BLOCK_BYTES, MIN_BLOCK_BYTES } from "./block-pool.ts";

/** What releaseAfter needs of a response (an HTTP ServerResponse, e.g. Express's): it says when it is done. */
export interface ClosingResponse {
  /** True once the response has been sent or its connection died. */
  readonly closed: boolean;
  once(event: "close", listener: () => void): unknown;
}

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
  releaseAfter(res: ClosingResponse, buffer: Buffer): void;
  /** Blocks free and their bytes, blocks in use, blocks made so far, and adopted buffers not yet released. */
  stats(): { pooled: number; pooledBytes: number; inUse: number; allocated: number; adopted: number };
}

/** Smaller answers take fresh memory, larger ones memory of their own (block-pool.ts). */
export { MIN_BLOCK_BYTES as MIN_POOLED_BYTES, MAX_BLOCK_BYTES as MAX_POOLED_BYTES, MAX_FREE_BYTES } from "./block-pool.ts";

export function createBufferPool(): BufferPool {
  const blocks = createBlockPool();
  const inUse = new WeakSet<ArrayBuffer>();
  let inUseCount = 0;
  /** Adopted buffers and how to give each back. */
  const adopted = new Map<Buffer, () => void>();

  function release(buffer: Buffer): void {
    const block = buffer.buffer as ArrayBuffer;
    if (!inUse.has(block)) return;
    inUse.delete(block);
    inUseCount -= 1;
    blocks.give(block);
  }

  return {
    acquire(length) {
      if (length < MIN_BLOCK_BYTES || length > MAX_BLOCK_BYTES) return Buffer.allocUnsafe(length);
      const block = blocks.take(length);
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
    stats: () => ({ ...blocks.stats(), inUse: inUseCount, adopted: adopted.size }),
  };
}
