/**
 * Trying again in the background: one schedule for everything that waits on a store which did not
 * answer at start (the server's first statistics, the Neo4j schema).
 */

/** The pauses between attempts: growing, then every 30 s. */
const RETRY_PAUSES_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/** The pause before the (index + 1)th retry. */
export const retryPause = (index: number): number => RETRY_PAUSES_MS[Math.min(index, RETRY_PAUSES_MS.length - 1)]!;

/**
 * Calls `attempt(n)` for n = first, first + 1, ... after each pause of the schedule (the first pause
 * before `first`), until it answers true. The pauses are unreferenced timers: a process stopping
 * meanwhile is not kept alive by the next attempt. An attempt that throws ends the retries with its error.
 */
export async function retryUntilDone(attempt: (n: number) => Promise<boolean>, first = 0): Promise<void> {
  for (let n = first; ; n++) {
    await new Promise((resolve) => setTimeout(resolve, retryPause(n - first)).unref());
    if (await attempt(n)) return;
  }
}
