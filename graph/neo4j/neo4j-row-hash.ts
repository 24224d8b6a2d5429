// A stored row's content hash (neo4j-incremental.ts compares them to take rows over), in a module
// of its own without the driver, so that the analysis thread hashes the findings' rows without loading it.
import { hash } from "node:crypto";

/**
 * A stored row's content hash: its family and every property, keys in a fixed order. Node's one-shot
 * `hash` gives createHash's digest at well under half its cost per row (every row of a first load is
 * hashed: at ten times the real library ~0.9 s of the load's CPU with createHash).
 */
export function rowHash(family: string, row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  return rowHashOfText(JSON.stringify([family, keys.map((k) => [k, row[k]])]));
}

/** The hash of a row's text as rowHash makes it (for a maker that writes that text itself: findingRows). */
export function rowHashOfText(text: string): string {
  return hash("sha1", text, "base64url").slice(0, 22);
}
