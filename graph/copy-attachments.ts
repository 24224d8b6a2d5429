// What a store keeps with a stored library beside the library itself ("attachments": bytes a process
// that held the whole library made once, e.g. the overview's laid-out parts), so that servers that do not
// hold the library read them instead of making them. Only the Neo4j store keeps them (one stored copy of
// the library per load, graph/neo4j/neo4j-attachments.ts); hasCopyAttachments tells the server whether
// its store does. Types only, so that importing them loads no driver.
import type { Library } from "../core/model.ts";
import type { GraphStore } from "./store.ts";

/** One attachment as its maker gives it: `meta` is a small text (JSON) read before the bytes. */
export interface CopyAttachment {
  name: string;
  meta: string;
  bytes: Uint8Array;
}

/** What an attachment maker receives: the stored copy's id, its canonical library and each pattern's degree (links in either direction, a self-link once). */
export interface CopyContent {
  copy: string;
  library: Library;
  degree: (slug: string) => number;
}

/**
 * Makes a stored copy's attachments while the loader still holds its library: `names` says which it
 * makes, so that a copy that has them all already is not made again.
 */
export interface CopyAttachmentMaker {
  names: readonly string[];
  make(content: CopyContent): Promise<CopyAttachment[]>;
}

/** A stored attachment: its meta, its size in bytes, and its bytes chunk by chunk (each chunk one read). */
export interface StoredAttachment {
  meta: string;
  size: number;
  chunks(): AsyncGenerator<Uint8Array>;
}

export interface AttachmentReader {
  /**
   * The attachment `name` of the library `version` (a value of version()), or undefined when it has
   * none. Once the store has moved on by two loads, its chunks can no longer be read.
   */
  readAttachment(version: string, name: string): Promise<StoredAttachment | undefined>;
}

export function hasCopyAttachments(store: GraphStore): store is GraphStore & AttachmentReader {
  return typeof (store as Partial<AttachmentReader>).readAttachment === "function";
}
