// A query's budget: time and work, checked inside a long search, plus the caller's AbortSignal (the
// client went away). It also keeps the search from holding the event loop: a checkpoint past a
// slice of ~10 ms yields, so other requests (and /healthz) are answered between slices.
import { QueryTimeoutError } from "./errors.ts";

/** Raised inside a search whose caller gave up (its AbortSignal fired): nobody is waiting for an answer. */
export class QueryAbortedError extends Error {
  constructor() {
    super("The query was abandoned by its caller.");
    this.name = "QueryAbortedError";
  }
}

export interface BudgetOptions {
  /** Wall-clock budget from creation, in ms. */
  timeMs: number;
  /** Units of work (e.g. edges relaxed) allowed; unlimited when undefined. */
  work?: number;
  /** What to ask for instead, said by the QueryTimeoutError. */
  hint: string;
  signal?: AbortSignal;
  /** Longest stretch of work between two yields to the event loop, in ms. */
  sliceMs?: number;
}

export interface Budget {
  /**
   * Counts `units` of work done since the last call and checks the budget: throws QueryTimeoutError
   * past the time or work budget, QueryAbortedError once the signal fired, and yields to the event
   * loop when the current slice is used up. Meant to be called every few thousand steps.
   */
  checkpoint(units: number): Promise<void>;
  /** Ms left of the time budget (at least 1). */
  remainingMs(): number;
  /** Throws as checkpoint would, without yielding. */
  check(): void;
  readonly signal: AbortSignal | undefined;
}

const DEFAULT_SLICE_MS = 10;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createBudget(options: BudgetOptions): Budget {
  const start = performance.now();
  const deadline = start + options.timeMs;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  let sliceStart = start;
  let work = 0;
  const check = (): void => {
    if (options.signal?.aborted) throw new QueryAbortedError();
    if (performance.now() > deadline || (options.work !== undefined && work > options.work)) {
      throw new QueryTimeoutError(options.timeMs, options.hint);
    }
  };
  return {
    signal: options.signal,
    check,
    remainingMs: () => Math.max(1, Math.ceil(deadline - performance.now())),
    async checkpoint(units) {
      work += units;
      check();
      if (performance.now() - sliceStart >= sliceMs) {
        await yieldToEventLoop();
        sliceStart = performance.now();
        check();
      }
    },
  };
}
