// A query's budget: time and work, checked inside a long search, plus the caller's AbortSignal (the
// client went away). It also keeps searches from holding the event loop: a search runs in slices
// of ~4 ms, and the slices of all searches take turns, one per turn of the event loop, so other
// requests (and /healthz) wait for one slice at most, however many searches are running. (Each
// search yielding on its own was not enough: eight resumed in the same turn, measured /healthz
// p50 850 ms with 8 clients asking for heavy paths.)
import { QueryTimeoutError } from "../core/errors.ts";
import type { Steps } from "./sliced-work.ts";

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
  /** Waits for a turn to run: call once before the search starts, so that searches arriving together take turns too. */
  begin(): Promise<void>;
  /** Ms left of the time budget (at least 1). */
  remainingMs(): number;
  /** Throws as checkpoint would, without yielding. */
  check(): void;
  readonly signal: AbortSignal | undefined;
}

const DEFAULT_SLICE_MS = 4;

/** Searches waiting for their next slice, first come first served; one is resumed per turn of the event loop. */
const waiting: (() => void)[] = [];
let pumping = false;
function resumeNext(): void {
  const next = waiting.shift();
  if (next) next();
  if (waiting.length > 0) setImmediate(resumeNext);
  else pumping = false;
}
/** Waits for this search's next turn (after every search queued before it). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(resumeNext);
    }
  });
}

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
    async begin() {
      await nextTurn();
      sliceStart = performance.now();
      check();
    },
    async checkpoint(units) {
      work += units;
      check();
      if (performance.now() - sliceStart >= sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
        check();
      }
    },
  };
}

/**
 * Runs steps (sliced-work.ts) within a budget: waits for a turn, then counts the units each step
 * yields at a checkpoint, so the work stops past the budget or once the caller gave up, and takes
 * turns with other searches on the event loop.
 */
export async function runWithin<T>(steps: Steps<T>, budget: Budget): Promise<T> {
  await budget.begin();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await budget.checkpoint(next.value ?? 0);
  }
}
