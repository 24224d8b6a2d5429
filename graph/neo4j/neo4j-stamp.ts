// The revision stamp of a stored copy: a copy changed in place (neo4j-in-place.ts) gets a new stamp in
// the transaction that changes it, so the store's version (every server's answer cache key) changes
// with it, and a read can tell whether the copy changed while it ran. Neo4j reads are read-committed:
// a read running while a change commits may see part of it, so every read checks the stamp before and
// after its queries and runs again when it moved (createReads in neo4j-connection.ts).
//
// One property, `stamp` on the copy's node: absent or "<n>" when settled at revision n, "<n>><n+1>"
// while a change is committing. The writer sets the pending form in a transaction of its own just
// before it commits the change (whose last write sets "<n+1>"), so a read whose queries overlapped any
// part of that commit finds, after them, either the pending form or the new revision, never its
// starting stamp. A pending stamp older than PENDING_STALE_MS belongs to a writer that died before
// committing (a committed change always leaves "<n+1>"): it reads as its settled revision n.
import type { Session } from "neo4j-driver";
import { LABELS } from "./neo4j-model.ts";

/** A pending stamp older than this is left by a writer that stopped before it committed (its change never applied). */
export const PENDING_STALE_MS = 60_000;

/** What a read sees of the namespace's current copy before and after its queries. */
export interface CopyStamp {
  /** The current copy's id, or null when nothing was loaded. */
  lib: string | null;
  /** The settled revision (0 for a copy never changed in place). */
  revision: number;
  /** A change is committing: the copy's rows may be partly old and partly new. */
  pending: boolean;
}

/** The stamp of a copy whose change to revision `revision` is committing. */
export const pendingStamp = (from: number, to: number): string => `${from}>${to}`;

/** Parses a stored stamp (null: never changed in place). */
export function parseStamp(stamp: string | null | undefined, stale: boolean): { revision: number; pending: boolean } {
  if (stamp === null || stamp === undefined) return { revision: 0, pending: false };
  const [settled, next] = stamp.split(">");
  return { revision: Number(settled), pending: next !== undefined && !stale };
}

/** The query reading the current copy's stamp (always one row). */
export const STAMP_QUERY = `OPTIONAL MATCH (l:${LABELS.library} {namespace: $ns})
  OPTIONAL MATCH (g:${LABELS.copy} {id: l.current})
  RETURN l.current AS lib, g.stamp AS stamp, coalesce(g.stampSince, 0) < timestamp() - $stale AS stale`;

/**
 * Starts a read that checks the stamp in its own queries instead of in two of its own (Reads.readFolded):
 * `lib` is the namespace's current copy (null when nothing was loaded) and `stampBefore` what
 * stampOfColumn reads. `lib` is made from the stamp's value (an empty string appended), so every
 * lookup keyed on `lib` runs after the stamp was read: Cypher cannot read it later than the rows it
 * guards. The staleness bound is a constant, written in.
 */
export const STAMPED_CURRENT = `OPTIONAL MATCH (atlas:${LABELS.library} {namespace: $ns})
  OPTIONAL MATCH (stampCopy:${LABELS.copy} {id: atlas.current})
  WITH atlas.current AS current, [atlas.current, stampCopy.stamp, coalesce(stampCopy.stampSince, 0) < timestamp() - ${PENDING_STALE_MS}] AS stampBefore
  WITH current + left(coalesce(stampBefore[1], ""), 0) AS lib, stampBefore`;

/**
 * Ends the last query of a folded read: reads the stamp again, keyed on a value made from `after`
 * (the list the query gathered, an empty string appended to the namespace), so Cypher reads it only
 * once that list is made; return STAMP_AFTER_COLUMN with the query's own columns.
 */
export const stampAfter = (after: string): string => `OPTIONAL MATCH (atlasAfter:${LABELS.library} {namespace: $ns + left(toString(size(${after})), 0)})
  OPTIONAL MATCH (copyAfter:${LABELS.copy} {id: atlasAfter.current})`;
export const STAMP_AFTER_COLUMN = `[atlasAfter.current, copyAfter.stamp, coalesce(copyAfter.stampSince, 0) < timestamp() - ${PENDING_STALE_MS}] AS stampAfter`;

/** The stamp in a `stampBefore` or `stampAfter` column: [copy id, stamp, stale]. */
export function stampOfColumn(column: unknown): CopyStamp {
  const [lib, stamp, stale] = column as [string | null, string | null, boolean];
  return { lib: lib ?? null, ...parseStamp(stamp, stale === true) };
}

export async function readStamp(tx: Pick<Session, "run">, namespace: string, timeoutMs: number): Promise<CopyStamp> {
  const result = await tx.run(STAMP_QUERY, { ns: namespace, stale: PENDING_STALE_MS }, { timeout: timeoutMs });
  const record = result.records[0];
  const lib = (record?.get("lib") as string | null | undefined) ?? null;
  return { lib, ...parseStamp(record?.get("stamp") as string | null | undefined, record?.get("stale") === true) };
}

/** The same copy at the same settled revision, nothing committing. */
export const sameStamp = (a: CopyStamp, b: CopyStamp): boolean => a.lib === b.lib && a.revision === b.revision && !a.pending && !b.pending;

/** The store's version string of a stamp: the copy id alone at revision 0, so a copy never changed keeps its version. */
export const versionOf = (stamp: Pick<CopyStamp, "lib" | "revision">): string =>
  `neo4j:${stamp.lib ?? ""}${stamp.revision > 0 ? `@${stamp.revision}` : ""}`;

/** The copy id inside a version string (versionOf's inverse, for the attachment reader). */
export const libOfVersion = (version: string): string => {
  const lib = version.startsWith("neo4j:") ? version.slice("neo4j:".length) : "";
  const at = lib.lastIndexOf("@");
  return at < 0 ? lib : lib.slice(0, at);
};
