// A query's budget: time and work, checked inside a long search, plus the caller's AbortSignal (the
// client went away). It also keeps searches from holding the event loop: searches share a turn's
// time, TURN_MS of work per turn of the event loop, so other requests (and /healthz) wait for about
// that at most, however many searches are running. A search that arrives while the turn has time
// left runs at once (most searches, a k=1 path in ~0.05-0.4 ms, end there); past the turn's time it
// waits, and at the next turn every waiting search resumes, first come first served, each running
// until the turn's time is used up. (Each search yielding on its own was not enough: eight resumed
// in the same turn, measured /healthz p50 850 ms with 8 clients asking for heavy paths.)
// Measured against one search resumed per turn with every new one queued behind the others (the
// main thread's CPU time while a request was outstanding, 16 clients, wrk, 4 runs each, load average
// 16-28; docs/performance.md): k=1 paths p50 8.1-12.6 -> 6.8-7.9 ms, search p50 7.2-8.4 -> 4.1-4.8 ms,
// throughput up in most pairs; the p99s not better (paths 23-35 -> 32-41 ms, search 11-19 -> 18-24
// ms): with 16 requests at once their mean wait is set by the CPU each costs, not by their order.
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
  /**
   * Call once before the search starts: runs at once while the current turn of the event loop has
   * time left for searches, else waits for the next turn, so that a burst of arrivals takes turns too.
   */
  begin(): Promise<void>;
  /** Ms left of the time budget (at least 1). */
  remainingMs(): number;
  /** Throws as checkpoint would, without yielding. */
  check(): void;
  readonly signal: AbortSignal | undefined;
}

/** A search's own longest slice, unless options.sliceMs says otherwise. */
const DEFAULT_SLICE_MS = 4;
/** The work all searches together may do per turn of the event loop, in ms. */
const TURN_MS = 4;

/** Whether the current turn of the event loop has begun taking search work, and until when it may. */
let turnOpen = false;
let turnEndsAt = 0;
function openTurn(now: number): void {
  turnEndsAt = now + TURN_MS;
  if (turnOpen) return;
  turnOpen = true;
  // Closed at this turn's check phase: the next poll phase's arrivals open a turn of their own.
  setImmediate(() => (turnOpen = false));
}
/** Whether a search may run now: the current turn still has time (a turn not yet begun is opened). */
function mayRunNow(): boolean {
  const now = performance.now();
  if (!turnOpen) {
    openTurn(now);
    return true;
  }
  return now < turnEndsAt;
}

/** Searches waiting for the next turn, first come first served; each turn resumes all of them. */
let waiting: (() => void)[] = [];
let pumping = false;
function resumeWaiting(): void {
  pumping = false;
  const resumed = waiting;
  waiting = [];
  // A turn of its own for them, in their order: those that find its time used up wait again.
  openTurn(performance.now());
  for (const resume of resumed) resume();
}
/** Waits for the next turn. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(resumeWaiting);
    }
  });
}
/** Waits until this search may run (at once when the turn has time left). */
async function myTurn(): Promise<void> {
  while (!mayRunNow()) await nextTurn();
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
      await myTurn();
      sliceStart = performance.now();
      check();
    },
    async checkpoint(units) {
      work += units;
      check();
      const now = performance.now();
      if (now - sliceStart >= sliceMs || now >= turnEndsAt) {
        await nextTurn();
        await myTurn();
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
