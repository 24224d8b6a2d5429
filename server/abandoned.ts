// A query route's AbortSignal: it fires when the client closes its connection before the answer, so
// the store stops a search nobody waits for (paths, search, lineage; graph/budget.ts).
import type { Response } from "express";
import { QueryAbortedError } from "../graph/index.ts";

/** Fires when `res` closes unfinished (the client went away). */
export function abandonedSignal(res: Response): AbortSignal {
  const abandoned = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abandoned.abort();
  });
  return abandoned.signal;
}

/** Runs a route's answer; a query its client abandoned ends quietly, since nobody is left to answer. */
export async function unlessAbandoned(answer: () => Promise<void>): Promise<void> {
  try {
    await answer();
  } catch (err) {
    if (err instanceof QueryAbortedError) return;
    throw err;
  }
}
