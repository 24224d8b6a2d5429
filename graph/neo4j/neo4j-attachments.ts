// Attachments (graph/copy-attachments.ts) kept with a stored copy: bytes a process that had the whole
// library made once for that copy (the overview's laid-out parts: server/overview-stored.ts). Written in chunks of CHUNK_BYTES, one chunk per
// transaction, then a head node naming the chunks; a reader reads a head and then its chunks one at a
// time, so neither side holds more than a chunk of Neo4j's answer at once. Deleted with their copy.
import { randomUUID } from "node:crypto";
import neo4j, { type Driver, type Session } from "neo4j-driver";
import type { CopyAttachment, CopyAttachmentMaker, CopyContent, StoredAttachment } from "../copy-attachments.ts";

export type { CopyAttachmentMaker } from "../copy-attachments.ts";
import { LABELS } from "./neo4j-model.ts";

/** Bytes per chunk node: small next to any transaction memory limit, few round trips for megabytes. */
export const CHUNK_BYTES = 512 * 1024;

/** The part of neo4j-connection.ts's Reads this file uses (named here: that file imports the load, which imports this one). */
interface Reads {
  read<T>(work: (tx: Pick<Session, "run">) => Promise<T>): Promise<T>;
  rows<T>(tx: Pick<Session, "run">, query: string, params?: Record<string, unknown>): Promise<T[]>;
}

const asBytes = (bytes: Uint8Array): Int8Array => new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const fromBytes = (value: unknown): Uint8Array => {
  if (value instanceof Int8Array || value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return Uint8Array.from(value as number[]);
  throw new Error("an attachment chunk that is not a byte array");
};

/**
 * Writes `attachments` for `copy`. Each write has its own writer id, named by the head node written
 * last: two processes writing the same attachment at once each leave a whole one, and a write that
 * stopped midway leaves chunks no head names (removed with the copy).
 */
export async function writeAttachments(driver: Driver, database: string, copy: string, attachments: readonly CopyAttachment[]): Promise<number> {
  let transactions = 0;
  const session = driver.session({ database });
  try {
    for (const { name, meta, bytes } of attachments) {
      const writer = randomUUID();
      const count = Math.ceil(bytes.byteLength / CHUNK_BYTES);
      for (let index = 0; index < count; index++) {
        const chunk = bytes.subarray(index * CHUNK_BYTES, Math.min(bytes.byteLength, (index + 1) * CHUNK_BYTES));
        await session.executeWrite((tx) =>
          tx.run(`CREATE (:${LABELS.attachment} {lib: $lib, name: $name, writer: $writer, index: $index, bytes: $bytes})`, {
            lib: copy,
            name,
            writer,
            index: neo4j.int(index),
            bytes: asBytes(chunk),
          }),
        );
        transactions += 1;
      }
      await session.executeWrite((tx) =>
        tx.run(`CREATE (:${LABELS.attachment} {lib: $lib, name: $name, writer: $writer, index: -1, chunks: $count, size: $size, meta: $meta})`, {
          lib: copy,
          name,
          writer,
          count: neo4j.int(count),
          size: neo4j.int(bytes.byteLength),
          meta,
        }),
      );
      transactions += 1;
    }
  } finally {
    await session.close();
  }
  return transactions;
}

/**
 * The load's step (neo4j-load.ts): the attachments `maker` makes that the copy lacks, made and written
 * before the copy becomes current (or, for a copy that is current already, as soon as they are made).
 * @returns the transactions written.
 */
export async function attachCopy(
  driver: Driver,
  database: string,
  content: CopyContent,
  maker: CopyAttachmentMaker | undefined,
  /** What `maker.make(content)` gives, when the loader started it already (meanwhile writing the copy). */
  started?: Promise<CopyAttachment[]>,
  /** True for a copy written by this load: it has none yet, and nobody is asked. */
  newCopy = false,
): Promise<number> {
  if (!maker || maker.names.length === 0) return 0;
  const have = newCopy ? new Set<string>() : await attachmentNames(driver, database, content.copy);
  if (maker.names.every((name) => have.has(name))) return 0;
  const made = await (started ?? maker.make(content));
  return writeAttachments(driver, database, content.copy, made.filter((a) => !have.has(a.name)));
}

/** The names of the attachments `copy` has whole (a head written). */
export async function attachmentNames(driver: Driver, database: string, copy: string): Promise<Set<string>> {
  const { records } = await driver.executeQuery(`MATCH (a:${LABELS.attachment} {lib: $lib, index: -1}) RETURN DISTINCT a.name AS name`, { lib: copy }, { database });
  return new Set(records.map((r) => String(r.get("name"))));
}

/**
 * The attachment `name` of the copy `lib`, or undefined when it has none. Its chunks are read later,
 * one query each; should the copy be deleted meanwhile (two loads since), reading them fails.
 */
export async function readAttachment(reads: Reads, lib: string, name: string): Promise<StoredAttachment | undefined> {
  const [head] = await reads.read((tx) =>
    reads.rows<{ writer: string; chunks: number; size: number; meta: string }>(
      tx,
      `MATCH (a:${LABELS.attachment} {lib: $lib, name: $name, index: -1})
       RETURN a.writer AS writer, a.chunks AS chunks, a.size AS size, a.meta AS meta ORDER BY a.writer LIMIT 1`,
      { lib, name },
    ),
  );
  if (!head) return undefined;
  const count = Number(head.chunks);
  return {
    meta: head.meta,
    size: Number(head.size),
    async *chunks() {
      for (let index = 0; index < count; index++) {
        const [row] = await reads.read((tx) =>
          reads.rows<{ bytes: unknown }>(tx, `MATCH (a:${LABELS.attachment} {lib: $lib, name: $name, writer: $writer, index: $index}) RETURN a.bytes AS bytes`, {
            lib,
            name,
            writer: head.writer,
            index: neo4j.int(index),
          }),
        );
        if (!row) throw new Error(`the attachment ${name} of ${lib} lost its chunk ${index} (the copy was removed meanwhile)`);
        yield fromBytes(row.bytes);
      }
    },
  };
}
