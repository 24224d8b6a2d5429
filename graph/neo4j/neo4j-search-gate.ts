// How many searches (neighbourhoods, paths) of the Neo4j store run at once; the others wait for
// their turn, first come first served. A search alternates round trips to Neo4j with bursts of the
// server's CPU (decoding the fetched adjacency, ranking), and with every request admitted at once the
// main thread shares itself among all of them: an answer then takes about its own work times the
// number running, so the largest searches (hubs at 100x) took several times the others and made
// the p99. With a few running, both cores are still kept busy (the server's thread on one search
// while Neo4j's answers another's round trip) and every answer takes its own work plus the queue
// ahead of it, which varies far less than the work itself (docs/performance.md, 2026-12-07).
import { QueryAbortedError } from "../budget.ts";
import { QueryTimeoutError } from "../../core/errors.ts";

/** Searches at once by default: two per core of this 2-core machine kept Node and Neo4j both busy (docs/performance.md). */
export const DEFAULT_SEARCHES_AT_ONCE = 4;

export class SearchGate {
  private running = 0;
  /** Searches waiting for a turn, each its admission, in arrival order (a Set iterates in insertion order). */
  private readonly waiting = new Set<() => void>();

  constructor(readonly atOnce = DEFAULT_SEARCHES_AT_ONCE) {
    if (!Number.isInteger(atOnce) || atOnce < 1) throw new RangeError(`searches at once must be a positive integer, not ${atOnce}`);
  }

  /** Searches running and waiting now. */
  stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.size };
  }

  /**
   * Runs `search` once a turn comes, at once when fewer than `atOnce` run. The wait counts against
   * the search's time budget: `search` is given the milliseconds left of `timeoutMs`, and a search
   * still waiting when they are gone fails with QueryTimeoutError (hint: `hint`) without running;
   * one whose caller gave up while it waited (`signal`) fails with QueryAbortedError and never runs.
   */
  async run<T>(search: (remainingMs: number) => Promise<T>, { timeoutMs, hint, signal }: { timeoutMs: number; hint: string; signal?: AbortSignal }): Promise<T> {
    const started = performance.now();
    if (signal?.aborted) throw new QueryAbortedError();
    if (this.running < this.atOnce) this.running++;
    else await this.turn(timeoutMs, hint, signal);
    try {
      return await search(Math.max(1, Math.round(timeoutMs - (performance.now() - started))));
    } finally {
      this.leave();
    }
  }

  /** Waits until a running search hands its turn over (the count of running searches stays as it is). */
  private turn(timeoutMs: number, hint: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const admit = (): void => {
        settle();
        resolve();
      };
      const settle = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", aborted);
        this.waiting.delete(admit);
      };
      const away = (error: Error): void => {
        settle();
        reject(error);
      };
      const aborted = (): void => away(new QueryAbortedError());
      const timer = setTimeout(() => away(new QueryTimeoutError(timeoutMs, hint, "The server, busy with other searches,")), timeoutMs);
      signal?.addEventListener("abort", aborted, { once: true });
      this.waiting.add(admit);
    });
  }

  /** Hands the turn to the oldest waiting search, else frees it. */
  private leave(): void {
    const next = this.waiting.values().next();
    if (next.done) this.running--;
    else next.value();
  }
}
