// A re-ingest with few changes changes the current copy in place, in one transaction, instead of
// writing a whole new copy (at ten times the library a new copy is ~200,000 rows however small the
// change: Neo4j writes each, then deletes the copy before). The loader (neo4j-load.ts) asks here first
// when a copy is current; past the bounds below, or when the stored copy cannot be compared row by
// row, it writes a new copy as before. One write transaction is all-or-nothing for other
// transactions, and the copy's stamp (neo4j-stamp.ts) lets reads that overlap its commit run again.
import { randomUUID } from "node:crypto";
import neo4j, { type Driver, type ManagedTransaction, type Transaction } from "neo4j-driver";
import { patternRows } from "./neo4j-pattern-rows.ts";
import { danglingSlug } from "../build-graph.ts";
import type { PatternNumbers } from "../algorithms/importance.ts";
import type { CopyAttachmentMaker } from "../copy-attachments.ts";
import type { TimedGapReport } from "../gaps/analysis-thread.ts";
import type { Library, Link } from "../../core/model.ts";
import { CHUNK_BYTES } from "./neo4j-attachments.ts";
import { BATCH } from "./neo4j-batches.ts";
import { isMemoryLimit } from "./neo4j-errors.ts";
import { findingRows, gapsSummary, gapSetId } from "./neo4j-gaps.ts";
import { rowHash, withHash } from "./neo4j-incremental.ts";
import { danglingProperties, LABELS, linkProperties, problemProperties, relationshipType, VIEW_LABELS } from "./neo4j-model.ts";
import { applyVocabularyChanges, vocabularyChanges } from "./neo4j-search-vocabulary.ts";
import { parseStamp, pendingStamp } from "./neo4j-stamp.ts";

/**
 * Rows written whole (created, replaced or deleted: patterns, links, dangling references, problems,
 * gap findings): at most the load's own batch (neo4j-batches.ts), the transaction size every load
 * already commits under the launcher's memory limits, so a change this small needs no more
 * transaction memory than any load.
 */
export const IN_PLACE_MAX_ROWS = BATCH;
/**
 * Rows where only a few numbers change (a pattern's importance and percentile after any link
 * change, since PageRank moves everywhere; a gap finding's place in report order): a property or
 * two each, a small fraction of a whole row's transaction memory. The bound admits ten times the
 * library (35,710 patterns and 86,282 findings); see docs/neo4j.md for what one such change took.
 */
export const IN_PLACE_MAX_NUMBERS = 150_000;
/** The change's transaction: well past what it takes at ten times the library. */
const TRANSACTION_TIMEOUT_MS = 120_000;

/** What the loader has prepared of the new library (neo4j-load.ts). */
export interface PreparedLibrary {
  canonical: Library;
  numbers: Map<string, PatternNumbers>;
  neighbors: Map<string, number>;
  linksByType: Map<string, Link[]>;
}

/** The copy to change: current in `namespace`, read by the loader just before. */
export interface InPlaceTarget {
  namespace: string;
  lib: string;
  /** Its stored stamp (null: never changed in place). */
  stamp: string | null;
  /** The content id it holds (its id, until changed in place). */
  content: string;
  /** The content id of the new library. */
  next: string;
}

export interface InPlaceReport {
  /** The copy's revision now. */
  revision: number;
  /** Rows written whole, rows where only numbers changed, rows deleted. */
  rows: { whole: number; numbers: number; deleted: number };
  /** Search tokens written whole (new or changed) and deleted (neo4j-search-vocabulary.ts). */
  tokens: { written: number; deleted: number };
  /** Attachments rewritten (their content changed). */
  attachments: number;
  ms: { read: number; write: number };
}

export type InPlaceResult = { applied: true; report: InPlaceReport } | { applied: false; reason: string };

/** For the tests: called after each step of the transaction; throwing there fails the change midway. */
export type InPlaceFault = (step: string) => void | Promise<void>;

/** The bounds (IN_PLACE_MAX_ROWS, IN_PLACE_MAX_NUMBERS), smaller in the tests. */
export interface InPlaceLimits {
  rows: number;
  numbers: number;
}

type Row = Record<string, unknown>;
interface Stored {
  id: string;
  h: string | null;
}

/** Rows of `want` no stored row of the same hash matches (to create), and stored rows nothing wants (to delete). */
function diffByHash<T extends { h: string }>(stored: readonly Stored[], want: readonly T[]): { create: T[]; remove: string[] } {
  const free = new Map<string, string[]>();
  for (const s of stored) {
    const list = free.get(s.h!);
    if (list) list.push(s.id);
    else free.set(s.h!, [s.id]);
  }
  const create = want.filter((row) => !free.get(row.h)?.pop());
  return { create, remove: [...free.values()].flat() };
}

async function readAll(tx: ManagedTransaction, query: string, params: Row): Promise<Row[]> {
  return (await tx.run(query, params)).records.map((r) => r.toObject() as Row);
}

/** Runs `query` over `rows` in chunks of BATCH within the one transaction. */
async function inChunks(tx: Transaction, query: string, rows: readonly unknown[], params: Row = {}): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await tx.run(query, { ...params, rows: rows.slice(start, start + BATCH) });
}

/**
 * Applies `prepared` to the current copy in one transaction when the change is within the bounds,
 * with everything derived (adjacency, degrees, importance, ranks, gap findings, attachments) and a
 * new stamp; otherwise changes nothing and says why.
 */
export async function applyInPlace(
  driver: Driver,
  database: string,
  target: InPlaceTarget,
  prepared: PreparedLibrary,
  analysis: Promise<TimedGapReport>,
  attach?: CopyAttachmentMaker,
  { limits = { rows: IN_PLACE_MAX_ROWS, numbers: IN_PLACE_MAX_NUMBERS }, fault }: { limits?: InPlaceLimits; fault?: InPlaceFault } = {},
): Promise<InPlaceResult> {
  const t0 = performance.now();
  const { lib } = target;
  const { canonical, numbers, neighbors, linksByType } = prepared;

  // What the copy holds now: each row's hash and element id (and a pattern's numbers, to tell a
  // row where only they changed).
  const session = driver.session({ database });
  try {
    const stored = await session.executeRead(async (tx) => ({
      patterns: await readAll(tx, `MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN elementId(p) AS id, p.slug AS slug, p.h AS h, p.importance AS importance, p.importancePercentile AS percentile`, { lib }),
      links: (await readAll(tx, `MATCH (:${LABELS.pattern} {lib: $lib})-[r]->() RETURN elementId(r) AS id, r.h AS h`, { lib })) as unknown as Stored[],
      dangling: (await readAll(tx, `MATCH (d:${LABELS.dangling} {lib: $lib}) RETURN elementId(d) AS id, d.h AS h`, { lib })) as unknown as Stored[],
      problems: (await readAll(tx, `MATCH (x:${LABELS.problem} {lib: $lib}) RETURN elementId(x) AS id, x.h AS h`, { lib })) as unknown as Stored[],
      copy: (await readAll(tx, `MATCH (g:${LABELS.copy} {id: $lib}) RETURN g.gaps AS set, g.retiredWriters AS retired`, { lib }))[0],
      findings: await readAll(tx, `MATCH (g:${LABELS.copy} {id: $lib}) MATCH (f:${LABELS.gapFinding} {set: g.gaps}) RETURN elementId(f) AS id, f.id AS key, f.seq AS seq, f.h AS h`, { lib }),
      heads: await readAll(tx, `MATCH (a:${LABELS.attachment} {lib: $lib, index: -1}) RETURN a.name AS name, a.writer AS writer, a.meta AS meta`, { lib }),
      vocabulary: await vocabularyChanges(tx, lib, canonical),
    }));
    const all = [...stored.patterns, ...stored.links, ...stored.dangling, ...stored.problems, ...stored.findings];
    if (all.some((row) => typeof row.h !== "string")) return { applied: false, reason: "the current copy was stored without row hashes" };
    if (stored.vocabulary === null) return { applied: false, reason: "the current copy was stored without its search vocabulary" };
    const vocabulary = stored.vocabulary;
    const set = stored.copy?.set as string | null | undefined;
    if (set !== gapSetId(lib)) return { applied: false, reason: "the current copy's gap findings were stored by another version" };

    // The new library's rows, as a new copy would store them (neo4j-load.ts's writeCopy).
    const { rank, rows: patternRowsMade } = patternRows(canonical, numbers, neighbors);
    const patternRowsHashed = withHash<Row>("pattern", patternRowsMade);
    const linkRows = [...linksByType].flatMap(([type, links]) => {
      const relType = relationshipType(type);
      return withHash(relType, links.map((l) => ({ source: l.source, target: l.target, ...linkProperties(l) }))).map((row) => ({ ...row, type: relType }));
    });
    const danglingRows = withHash("dangling", canonical.dangling.map((d) => danglingProperties(d, rank.get(danglingSlug(d.target))!)));
    const problemRows = withHash("problem", canonical.problems.map(problemProperties));

    // Patterns by slug: kept, only their numbers changed, replaced whole, created, deleted.
    const storedBySlug = new Map(stored.patterns.map((p) => [String(p.slug), p]));
    const replace: Row[] = [];
    const renumber: Row[] = [];
    const createPatterns: Row[] = [];
    for (const row of patternRowsHashed) {
      const old = storedBySlug.get(String(row.slug));
      storedBySlug.delete(String(row.slug));
      if (!old) createPatterns.push(row);
      else if (old.h === row.h) continue;
      else {
        const { h: _h, ...content } = row;
        const withOldNumbers = rowHash("pattern", { ...content, importance: old.importance, importancePercentile: old.percentile });
        if (withOldNumbers === old.h) renumber.push({ slug: row.slug, importance: row.importance, importancePercentile: row.importancePercentile, h: row.h });
        else replace.push(row);
      }
    }
    const removePatterns = [...storedBySlug.values()].map((p) => String(p.id));
    // A link's hash covers its ends and type (neo4j-load.ts hashes them with its properties).
    const links = diffByHash(stored.links, linkRows);
    const dangling = diffByHash(stored.dangling, danglingRows);
    const problems = diffByHash(stored.problems, problemRows);

    // Gap findings by id: kept, moved in report order (seq), replaced, created, deleted.
    const { report: gapReport, ms: analysisMs } = await analysis;
    const ids = new Set(gapReport.findings.map((f) => f.id));
    const storedById = new Map(stored.findings.map((f) => [String(f.key), f]));
    if (ids.size !== gapReport.findings.length || storedById.size !== stored.findings.length) return { applied: false, reason: "gap finding ids are not unique" };
    const files = new Map(canonical.patterns.map((p) => [p.slug as string, p.file]));
    const rowOf = findingRows(gapReport.findings, (slug) => files.get(slug));
    const reseq: Row[] = [];
    const findingsWhole: Row[] = [];
    const findingsNew: Row[] = [];
    gapReport.findings.forEach((f, seq) => {
      const old = storedById.get(f.id);
      storedById.delete(f.id);
      const row = rowOf(f, seq);
      if (!old) findingsNew.push(row);
      else if (old.h !== row.h) findingsWhole.push(row);
      else if (Number(old.seq) !== seq) reseq.push({ id: f.id, seq });
    });
    const findingsGone = [...storedById.values()].map((f) => String(f.id));

    const whole =
      replace.length + createPatterns.length + removePatterns.length + links.create.length + links.remove.length + dangling.create.length + dangling.remove.length +
      problems.create.length + problems.remove.length + findingsWhole.length + findingsNew.length + findingsGone.length;
    const small = renumber.length + reseq.length;
    if (whole > limits.rows) return { applied: false, reason: `${whole} rows to write whole (at most ${limits.rows} in place)` };
    // The vocabulary's tokens (neo4j-search-vocabulary.ts) are written whole too, bounded alike.
    const tokens = vocabulary.write.length + vocabulary.remove.length;
    if (tokens > limits.rows) return { applied: false, reason: `${tokens} search tokens to write whole (at most ${limits.rows} in place)` };
    if (small > limits.numbers) return { applied: false, reason: `${small} rows to renumber (at most ${limits.numbers} in place)` };

    // Attachments whose content changed (the overview's parts: made for the new content id, so the
    // layout cache keys them as a new copy's would be).
    const made = attach && attach.names.length > 0 ? await attach.make({ copy: target.next, library: canonical, degree: (slug) => prepared.numbers.get(slug)!.degree }) : [];
    const headMeta = new Map(stored.heads.map((h) => [String(h.name), String(h.meta)]));
    const changedAttachments = made.filter((a) => headMeta.get(a.name) !== a.meta);
    // Stored attachments this load makes no new version of no longer match the copy: they go (a
    // server then makes what it needs itself, as for a copy stored without them).
    const dropped = stored.heads.filter((h) => !made.some((a) => a.name === h.name)).map((h) => String(h.name));
    const retiring = stored.heads.filter((h) => changedAttachments.some((a) => a.name === h.name) || dropped.includes(String(h.name))).map((h) => String(h.writer));
    const readMs = Math.round(performance.now() - t0);

    const t1 = performance.now();
    const { revision } = parseStamp(target.stamp, true);
    const next = revision + 1;
    const pending = pendingStamp(revision, next);
    let marked = false;
    const tx = session.beginTransaction({ timeout: TRANSACTION_TIMEOUT_MS });
    try {
      // The namespace's node is written first: a second writer (another change in place, a new
      // copy's switch) waits for this transaction, then finds the copy changed and does not apply.
      const [check] = (
        await tx.run(
          `MATCH (l:${LABELS.library} {namespace: $ns}) SET l.changedAt = timestamp()
           WITH l MATCH (g:${LABELS.copy} {id: l.current})
           RETURN l.current AS lib, g.stamp AS stamp, coalesce(g.content, g.id) AS content`,
          { ns: target.namespace },
        )
      ).records.map((r) => r.toObject());
      if (!check || check.lib !== lib || (check.stamp ?? null) !== target.stamp || check.content !== target.content) {
        await tx.rollback();
        return { applied: false, reason: "another load changed the current copy meanwhile" };
      }
      const step = async (name: string): Promise<void> => fault?.(name);
      // Chunks of attachments this copy replaced before: no reader still streams them.
      await tx.run(`MATCH (a:${LABELS.attachment} {lib: $lib}) WHERE a.writer IN $retired DELETE a`, { lib, retired: (stored.copy?.retired as string[] | null) ?? [] });
      await inChunks(tx, `UNWIND $rows AS id MATCH ()-[r]->() WHERE elementId(r) = id DELETE r`, links.remove);
      await inChunks(tx, `UNWIND $rows AS id MATCH (n) WHERE elementId(n) = id DETACH DELETE n`, [...dangling.remove, ...problems.remove, ...removePatterns, ...findingsGone]);
      await step("deleted");
      const byKey = `MATCH (p:${LABELS.pattern} {lib: $lib, slug: row.slug}) USING INDEX p:${LABELS.pattern}(lib, slug)`;
      await inChunks(tx, `UNWIND $rows AS row ${byKey} SET p = row, p.lib = $lib`, replace, { lib });
      await inChunks(tx, `UNWIND $rows AS row ${byKey} SET p.importance = row.importance, p.importancePercentile = row.importancePercentile, p.h = row.h`, renumber, { lib });
      await inChunks(tx, `UNWIND $rows AS row CREATE (p:${LABELS.pattern}:${VIEW_LABELS.pattern}) SET p = row, p.lib = $lib`, createPatterns, { lib });
      await step("patterns");
      await inChunks(
        tx,
        `UNWIND $rows AS row
         MATCH (a:${LABELS.pattern} {lib: $lib, slug: row.source}) USING INDEX a:${LABELS.pattern}(lib, slug)
         MATCH (b:${LABELS.pattern} {lib: $lib, slug: row.target}) USING INDEX b:${LABELS.pattern}(lib, slug)
         CREATE (a)-[:$(row.type) {weight: row.weight, description: row.description, declaredIn: row.declaredIn, line: row.line, h: row.h}]->(b)`,
        links.create,
        { lib },
      );
      await inChunks(tx, `UNWIND $rows AS row CREATE (d:${LABELS.dangling}:${VIEW_LABELS.dangling}) SET d = row, d.lib = $lib`, dangling.create, { lib });
      await inChunks(tx, `UNWIND $rows AS row CREATE (x:${LABELS.problem}) SET x = row, x.lib = $lib`, problems.create, { lib });
      await step("links");
      const finding = `MATCH (f:${LABELS.gapFinding} {set: $set, id: row.id}) USING INDEX f:${LABELS.gapFinding}(set, id)`;
      await inChunks(tx, `UNWIND $rows AS row ${finding} SET f = row, f.lib = $lib, f.set = $set`, findingsWhole, { lib, set });
      await inChunks(tx, `UNWIND $rows AS row ${finding} SET f.seq = row.seq`, reseq, { set });
      await inChunks(tx, `UNWIND $rows AS row CREATE (f:${LABELS.gapFinding}) SET f = row, f.lib = $lib, f.set = $set`, findingsNew, { lib, set });
      await step("findings");
      await applyVocabularyChanges(tx, lib, vocabulary);
      await step("vocabulary");
      for (const { name, meta, bytes } of changedAttachments) {
        const writer = randomUUID();
        const count = Math.ceil(bytes.byteLength / CHUNK_BYTES);
        for (let index = 0; index < count; index++) {
          const chunk = bytes.subarray(index * CHUNK_BYTES, Math.min(bytes.byteLength, (index + 1) * CHUNK_BYTES));
          await tx.run(`CREATE (:${LABELS.attachment} {lib: $lib, name: $name, writer: $writer, index: $index, bytes: $bytes})`, {
            lib,
            name,
            writer,
            index: neo4j.int(index),
            bytes: new Int8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
          });
        }
        // The replaced head goes now; its chunks stay for a reader streaming them, until the next change.
        await tx.run(`MATCH (a:${LABELS.attachment} {lib: $lib, name: $name, index: -1}) DELETE a`, { lib, name });
        await tx.run(`CREATE (:${LABELS.attachment} {lib: $lib, name: $name, writer: $writer, index: -1, chunks: $count, size: $size, meta: $meta})`, {
          lib,
          name,
          writer,
          count: neo4j.int(count),
          size: neo4j.int(bytes.byteLength),
          meta,
        });
      }
      await tx.run(`MATCH (a:${LABELS.attachment} {lib: $lib, index: -1}) WHERE a.name IN $dropped DELETE a`, { lib, dropped });
      await step("attachments");

      // Everything is written: mark the copy as committing (its own small transaction, on a session
      // of its own), then stamp the new revision as this transaction's last write and commit.
      const marker = driver.session({ database });
      try {
        const { records } = await marker.executeWrite((w) =>
          w.run(`MATCH (g:${LABELS.copy} {id: $lib}) WHERE coalesce(g.stamp, '0') = $was SET g.stamp = $pending, g.stampSince = timestamp() RETURN count(g) AS n`, {
            lib,
            was: target.stamp ?? "0",
            pending,
          }),
        );
        if (Number(records[0]?.get("n")) !== 1) throw new Error("the copy's stamp moved while its change was written");
        marked = true;
      } finally {
        await marker.close();
      }
      await step("marked");
      await tx.run(
        `MATCH (g:${LABELS.copy} {id: $lib})
         SET g.stamp = $stamp, g.content = $content, g.root = $root, g.files = $files, g.gapsReport = $report, g.retiredWriters = $retiring
         REMOVE g.stampSince`,
        {
          lib,
          stamp: String(next),
          content: target.next,
          root: canonical.root,
          files: canonical.files,
          report: JSON.stringify(gapsSummary(canonical, gapReport, analysisMs)),
          retiring,
        },
      );
      await tx.commit();
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      // The change never applied: the stamp goes back to the revision the copy still holds.
      if (marked) {
        await driver
          .executeQuery(`MATCH (g:${LABELS.copy} {id: $lib}) WHERE g.stamp = $pending SET g.stamp = $from REMOVE g.stampSince`, { lib, pending, from: String(revision) }, { database })
          .catch(() => undefined);
      }
      if (isMemoryLimit(error)) return { applied: false, reason: "Neo4j refused the change's transaction for memory" };
      throw error;
    }
    return {
      applied: true,
      report: {
        revision: next,
        rows: { whole: whole - removePatterns.length - links.remove.length - dangling.remove.length - problems.remove.length - findingsGone.length, numbers: small, deleted: removePatterns.length + links.remove.length + dangling.remove.length + problems.remove.length + findingsGone.length },
        tokens: { written: vocabulary.write.length, deleted: vocabulary.remove.length },
        attachments: changedAttachments.length,
        ms: { read: readMs, write: Math.round(performance.now() - t1) },
      },
    };
  } finally {
    await session.close();
  }
}
