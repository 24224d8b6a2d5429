// A re-ingest with few changes writes only the changes: every stored row (pattern, link, dangling
// reference, problem) carries `h`, a hash of its whole content, and a new copy first takes over, inside
// Neo4j, every row of the current copy whose hash it needs (the loader sends hashes, not rows); only the
// rows no row of the current copy matches are then sent in full. The new copy is still a copy of its
// own, written beside the current one and switched to at once, so readers stay all-or-nothing.
import type { Session } from "neo4j-driver";
import { writeRows } from "./neo4j-batches.ts";
import { LABELS } from "./neo4j-model.ts";
import { rowHash } from "./neo4j-row-hash.ts";

export { rowHash } from "./neo4j-row-hash.ts";

/** What a load sent in full and what it took over from the current copy, in rows. */
export interface RowCounts {
  sent: number;
  reused: number;
}

export function withHash<T extends Record<string, unknown>>(family: string, rows: readonly T[]): (T & { h: string })[] {
  return rows.map((row) => ({ ...row, h: rowHash(family, row) }));
}

const NODE_FAMILIES = { pattern: LABELS.pattern, dangling: LABELS.dangling, problem: LABELS.problem } as const;
type NodeFamily = keyof typeof NODE_FAMILIES;

/** The Cypher that copies the rows named by `$rows` (each `{h}`, links also `source` and `target`) from copy `$from` to `$lib`. */
function reuseQuery(family: NodeFamily | { relType: string }): string {
  if (typeof family === "string") {
    const label = NODE_FAMILIES[family];
    // collect(...)[0]: two identical rows in the current copy are taken over once. The map is whole before
    // it is set: with the old copy's `lib` even for a moment, the node would break the (lib, slug) key.
    return `UNWIND $rows AS row
      MATCH (n:${label} {lib: $from, h: row.h}) USING INDEX n:${label}(lib, h)
      WITH row, collect(n)[0] AS n
      CREATE (m:${label}) SET m = n {.*, lib: $lib}
      RETURN row.h AS h`;
  }
  // The relationship type is written into the text: relationshipType() admitted only safe names.
  const type = `\`${family.relType}\``;
  return `UNWIND $rows AS row
    MATCH (a:${LABELS.pattern} {lib: $from, slug: row.source}) USING INDEX a:${LABELS.pattern}(lib, slug)
    MATCH (a)-[r:${type}]->(b:${LABELS.pattern}) WHERE b.slug = row.target AND r.h = row.h
    WITH row, collect(r)[0] AS r
    MATCH (a2:${LABELS.pattern} {lib: $lib, slug: row.source}) USING INDEX a2:${LABELS.pattern}(lib, slug)
    MATCH (b2:${LABELS.pattern} {lib: $lib, slug: row.target}) USING INDEX b2:${LABELS.pattern}(lib, slug)
    CREATE (a2)-[s:${type}]->(b2) SET s = properties(r)
    RETURN row.h AS h`;
}

/**
 * Takes over from copy `from` the rows of `rows` it has (by hash), and returns the others, which the
 * caller writes in full. A hash that appears twice in `rows` is never taken over (the caller writes
 * each such row), so no row is ever taken over twice. Without `from`, every row is returned.
 */
export async function reuseRows<T extends { h: string; source?: unknown; target?: unknown }>(
  session: Session,
  family: NodeFamily | { relType: string },
  from: string | null,
  copy: string,
  rows: readonly T[],
  counts: RowCounts,
): Promise<{ rest: T[]; transactions: number }> {
  if (from === null || rows.length === 0) {
    counts.sent += rows.length;
    return { rest: [...rows], transactions: 0 };
  }
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.h, (seen.get(row.h) ?? 0) + 1);
  const offered = rows.filter((row) => seen.get(row.h) === 1).map((row) => (typeof family === "string" ? { h: row.h } : { h: row.h, source: row.source, target: row.target }));
  const taken = new Set<string>();
  const transactions = await writeRows(session, reuseQuery(family), offered, { from, lib: copy }, (result) => {
    for (const record of result.records) taken.add(String(record.get("h")));
  });
  const rest = rows.filter((row) => !taken.has(row.h));
  counts.reused += taken.size;
  counts.sent += rest.length;
  return { rest, transactions };
}
