// The rows of a copy that takes nothing over from a current copy (the namespace's first load, or a
// load into an empty one): each batch's rows are made, hashed and sent when the batch goes, so the
// loader never holds a library's worth of rows. At a hundred times the real library (357,100
// patterns, 1,687,700 links) the rows made up front were several copies of the library at once: the
// rows, the same with their hash (a spread copy), the list handed to the writer, and for the links
// two more (with their type, then with their ends' element ids). The stored copy is the same: the
// same rows in the same order, with the same hashes (neo4j-incremental.ts's rowHash).
import type { Session } from "neo4j-driver";
import { BATCH, writeRows } from "./neo4j-batches.ts";
import { rowHash } from "./neo4j-incremental.ts";

/** Makes the row at an index (without its hash). */
export type RowAt = (index: number) => Record<string, unknown>;

/** The row as sent, from the row its hash was taken of (with `h` added) and its index. */
export type SentRow = (hashed: Record<string, unknown>, index: number) => Record<string, unknown>;

/**
 * Writes `count` rows of `family` with `query` (`$rows`, plus `params`), made by `rowAt` a batch
 * of `batch` rows at a time, each with its hash `h` added in place (and made into what is sent by
 * `sent`, when the query wants other fields than the hash was taken of).
 * @returns the number of transactions committed.
 */
export async function writeRowsAsMade(
  session: Session,
  query: string,
  family: string,
  count: number,
  rowAt: RowAt,
  params: Record<string, unknown>,
  options: { batch?: number; sent?: SentRow } = {},
): Promise<number> {
  const { batch = BATCH, sent } = options;
  let transactions = 0;
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    const rows: Record<string, unknown>[] = new Array(end - start);
    for (let i = start; i < end; i++) {
      const row = rowAt(i);
      row.h = rowHash(family, row);
      rows[i - start] = sent ? sent(row, i) : row;
    }
    transactions += await writeRows(session, query, rows, params, undefined, batch);
  }
  return transactions;
}
