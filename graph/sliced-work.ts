// Long preparation written once as steps (a generator that yields between them), run either at once
// or in slices with a turn of the event loop between them. A --watch reload prepares the whole
// library on the server's thread (graph, adjacency, search index, answer encodings: ~0.35-0.7 s on
// the 3,573-file library); run in slices, no request waits for more than one slice of it.

/**
 * Work that yields between steps and returns its result. A yield costs well under 1 µs. It may
 * yield the units of work done since its last yield, which a query's budget counts (budget.ts
 * runWithin); a plain `yield;` counts none.
 */
export type Steps<T> = Generator<number | void, T, void>;

/** Longest stretch of sliced work between two turns of the event loop, in ms. */
export const SLICE_MS = 8;

/** Runs the steps to the end now (start-up, tests, a small library). */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the steps in slices of about `sliceMs`, letting the event loop turn between slices. */
export async function runSliced<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** How many items a loop handles between two yields: enough that the yields cost nothing, few enough for ~1 ms. */
export const ITEMS_PER_STEP = 256;
