// The rows of a copy that takes nothing over from a current copy (the namespace's first load, or a
// load into an empty one), and a copy's gap findings: each batch's rows are made (and hashed) while
// the batch before it is written, so the loader never holds a library's worth of rows and Node's
// work on the rows overlaps Neo4j's on the writes instead of following it. At a hundred times the
// real library (357,100 patterns, 1,687,700 links) the rows made up front were several copies of
// the library at once: the rows, the same with their hash (a spread copy), the list handed to the
// writer, and for the links two more (with their type, then with their ends' element ids). The
// stored copy is the same: the same rows in the same order, with the same hashes
// (neo4j-incremental.ts's rowHash).
import type { Session } from "neo4j-driver";
import { BATCH, writeRows } from "./neo4j-batches.ts";
import { rowHash } from "./neo4j-incremental.ts";

/** Makes the row at an index (without its hash). */
export type RowAt = (index: number) => Record<string, unknown>;

/** The row as sent, from the row its hash was taken of (with `h` added) and its index. */
export type SentRow = (hashed: Record<string, unknown>, index: number) => Record<string, unknown>;

/**
 * Rows made between two turns of the event loop while a batch is being written: the driver sends
 * the batch in flight and reads its answer on those turns (a batch of pattern rows at ten times the
 * real library is ~7 MB, more than a socket takes at once). ~250 rows is 10-20 ms of work.
 */
const ROWS_PER_TURN = 250;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes the `count` rows made by `rowAt` with `query` (`$rows`, plus `params`), `batch` rows per
 * transaction, one transaction at a time (a load needs the transaction memory of one batch): the
 * next batch is made while the one before it is written, a slice of rows per turn of the event
 * loop, so at most two batches of rows are held at once.
 * @returns the number of transactions committed.
 */
export async function writeBatchesAsMade(session: Session, query: string, count: number, rowAt: RowAt, params: Record<string, unknown>, batch: number = BATCH): Promise<number> {
  const make = async (start: number): Promise<Record<string, unknown>[]> => {
    const end = Math.min(count, start + batch);
    const rows: Record<string, unknown>[] = new Array(end - start);
    for (let i = start; i < end; i++) {
      if (i > start && (i - start) % ROWS_PER_TURN === 0) await nextTurn();
      rows[i - start] = rowAt(i);
    }
    return rows;
  };
  let transactions = 0;
  let next = count > 0 ? make(0) : undefined;
  for (let start = 0; next !== undefined; start += batch) {
    const rows = await next;
    const writing = writeRows(session, query, rows, params, undefined, batch);
    next = start + batch < count ? make(start + batch) : undefined;
    // A failed write ends the load; the batch being made then is dropped without an unheard rejection.
    next?.catch(() => undefined);
    transactions += await writing;
  }
  return transactions;
}

/**
 * Writes `count` rows of `family` with `query` (`$rows`, plus `params`), made by `rowAt` a batch
 * at a time (writeBatchesAsMade), each with its hash `h` added in place (and made into what is
 * sent by `sent`, when the query wants other fields than the hash was taken of).
 * @returns the number of transactions committed.
 */
export function writeRowsAsMade(
  session: Session,
  query: string,
  family: string,
  count: number,
  rowAt: RowAt,
  params: Record<string, unknown>,
  options: { batch?: number; sent?: SentRow } = {},
): Promise<number> {
  const { batch = BATCH, sent } = options;
  const hashed = (i: number): Record<string, unknown> => {
    const row = rowAt(i);
    row.h = rowHash(family, row);
    return sent ? sent(row, i) : row;
  };
  return writeBatchesAsMade(session, query, count, hashed, params, batch);
}
