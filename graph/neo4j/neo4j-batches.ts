// The load's batched writes: one transaction per batch of rows, retried like a managed transaction,
// and a batch Neo4j refuses for memory split in halves. Shared by the copy's write (neo4j-load.ts) and
// the rows a new copy takes over from the current one (neo4j-incremental.ts).
import neo4j, { type QueryResult, type Session } from "neo4j-driver";
import { isMemoryLimit } from "./neo4j-errors.ts";

/**
 * Rows per UNWIND batch, each batch its own transaction: large enough to amortise round trips,
 * small enough for a modest transaction memory limit. A batch Neo4j refuses for memory is split in
 * halves down to MIN_BATCH rows before the load gives up.
 */
export const BATCH = 5_000;
export const MIN_BATCH = 50;

/**
 * Runs one write query in its own transaction on `session`. Retried (twice) on what the driver
 * counts as retryable, like a managed transaction, except a memory refusal (the same batch would
 * fail again, so the caller splits it instead) and a terminated transaction (someone stopped the load).
 */
export async function writeOnce(session: Session, query: string, params: Record<string, unknown>): Promise<QueryResult> {
  for (let attempt = 1; ; attempt++) {
    const tx = session.beginTransaction();
    try {
      const result = await tx.run(query, params);
      await tx.commit();
      return result;
    } catch (error) {
      await tx.close().catch(() => undefined);
      const terminated = /Transaction\.Terminated$/.test((error as { code?: string }).code ?? "");
      if (attempt >= 3 || terminated || isMemoryLimit(error) || !neo4j.isRetryableError(error)) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/**
 * Runs `query` (which changes at most `$batch` nodes and returns their number as `changed`) until
 * it changes fewer than `$batch` (none are left then: one run for a copy of one batch, not two),
 * each run its own transaction; a batch Neo4j refuses for memory is halved.
 */
export async function untilNoneChanged(session: Session, query: string, params: Record<string, unknown>): Promise<void> {
  let size = BATCH;
  for (;;) {
    let changed: number;
    try {
      const { records } = await writeOnce(session, query, { ...params, batch: neo4j.int(size) });
      changed = Number(records[0]?.get("changed") ?? 0);
    } catch (error) {
      if (isMemoryLimit(error) && size > MIN_BATCH) {
        size = Math.max(MIN_BATCH, Math.floor(size / 2));
        continue;
      }
      throw error;
    }
    if (changed < size) return;
  }
}

/**
 * Runs `query` on `items` in batches (`$rows`, plus `params`), each its own transaction; a batch Neo4j
 * refuses for memory is halved. `each` receives every batch's result; `batch` is the rows per batch.
 * @returns the number of transactions committed.
 */
export async function writeRows(
  session: Session,
  query: string,
  items: readonly unknown[],
  params: Record<string, unknown>,
  each: (result: QueryResult) => void = () => undefined,
  batch: number = BATCH,
): Promise<number> {
  let transactions = 0;
  let size = batch;
  for (let start = 0; start < items.length; ) {
    const rows = items.slice(start, start + size);
    try {
      each(await writeOnce(session, query, { ...params, rows }));
    } catch (error) {
      if (isMemoryLimit(error) && rows.length > MIN_BATCH) {
        size = Math.max(MIN_BATCH, Math.floor(rows.length / 2));
        continue;
      }
      throw error;
    }
    start += rows.length;
    transactions += 1;
  }
  return transactions;
}
