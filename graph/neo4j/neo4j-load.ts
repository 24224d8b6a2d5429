// Writes a Library into Neo4j so that no reader ever sees half of it: the library is written as a
// new copy (invisible to readers) in batched transactions, then one small transaction points the
// namespace at it. Batches keep each transaction under Neo4j's transaction memory limits whatever
// the library's size; the switch to the new copy keeps readers all-or-nothing.
// Longer than 400 lines because it holds the load's decision (unchanged, restored, changed in place, new copy) beside the new copy's write; its steps are the next split.
import type { Driver, ManagedTransaction, Session } from "neo4j-driver";
import type { PatternNumbers } from "../algorithms/importance.ts";
import { libraryNumbers } from "../algorithms/library-numbers.ts";
import { canonicalLibrary } from "../algorithms/library-order.ts";
import { danglingSlug } from "../build-graph.ts";
import { InvalidInputError } from "../../core/errors.ts";
import { patternRowMaker } from "./neo4j-pattern-rows.ts";
import { attachCopy, writeAttachments, type CopyAttachmentMaker } from "./neo4j-attachments.ts";
import { untilNoneChanged, writeOnce, writeRows } from "./neo4j-batches.ts";
import { storeGapFindings, type GapsLoadReport } from "./neo4j-gaps.ts";
import { writeSearchVocabulary } from "./neo4j-search-vocabulary.ts";
import { analyseGapsOffThread, type TimedGapReport } from "../gaps/analysis-thread.ts";
import { applyInPlace, type InPlaceFault, type InPlaceLimits, type InPlaceReport } from "./neo4j-in-place.ts";
import { reuseRows, rowHash, withHash, type RowCounts } from "./neo4j-incremental.ts";
import { writeBatchesAsMade, writeRowsAsMade, type RowAt } from "./neo4j-load-rows.ts";
import type { Library, Link } from "../../core/model.ts";
import {
  LABELS,
  VIEW_LABELS,
  danglingProperties,
  copyId,
  linkProperties,
  problemProperties,
  relationshipType,
} from "./neo4j-model.ts";

/** An unfinished copy older than this is taken for a crashed load and removed. */
const STALE_COPY_MS = 10 * 60_000;

/** A load's step that ended, and the milliseconds since the load started. */
export type LoadStepListener = (step: string, elapsedMs: number) => void;

/** updated: the current copy changed in place (neo4j-in-place.ts); written: a new copy written and switched to. */
export const LOAD_OUTCOMES = ["unchanged", "restored", "updated", "written"] as const;
export type LoadOutcome = (typeof LOAD_OUTCOMES)[number];

/** What a load did and how long each step took (milliseconds). */
export interface Neo4jLoadReport {
  /** The id of the copy that is now current. */
  copy: string;
  /** unchanged: already the current library, nothing written; restored: the previous copy made current again. */
  outcome: LoadOutcome;
  patterns: number;
  links: number;
  dangling: number;
  problems: number;
  /** Copies deleted afterwards (older than the one just replaced). */
  removedCopies: number;
  /** Transactions the write took (one per batch of rows; 0 when nothing was written). */
  transactions: number;
  /** Rows sent in full, and rows taken over inside Neo4j from the copy that was current (neo4j-incremental.ts). */
  rows: RowCounts;
  /** What the change in place did (outcome "updated"). */
  inPlace?: InPlaceReport;
  /** Why a copy was current but a new one was written (the change was too large, or the copy cannot be compared row by row). */
  inPlaceSkipped?: string;
  /** The copy's gap findings (neo4j-gaps.ts): written with a new copy, added to one stored without them. */
  gaps?: GapsLoadReport;
  ms: { prepare: number; write: number; flip: number; cleanup: number; total: number };
}

export interface Prepared {
  canonical: Library;
  numbers: Map<string, PatternNumbers>;
  /** Distinct neighbouring patterns (see algorithms/specificity.ts), for ranking paths. */
  neighbors: Map<string, number>;
  linksByType: Map<string, Link[]>;
}

/**
 * Canonical order, the memory store's checks (distinct slugs, links within the library), safe type
 * names, and the numbers stored per pattern: made from the library itself (library-numbers.ts), the
 * same numbers as the memory store's graph gives, without building that graph.
 * @throws InvalidInputError
 */
export function prepare(library: Library): Prepared {
  return prepareCanonical(canonicalLibrary(library));
}

/** prepare() of a library already in canonical order (canonicalLibrary), for a loader that needs that order first. */
export function prepareCanonical(canonical: Library): Prepared {
  const { numbers, neighbors } = libraryNumbers(canonical);
  const linksByType = new Map<string, Link[]>();
  for (const link of canonical.links) {
    try {
      relationshipType(link.type);
    } catch {
      throw new InvalidInputError("library.links", link.type, "link types of lowercase letters, digits and '_'");
    }
    const list = linksByType.get(link.type);
    if (list) list.push(link);
    else linksByType.set(link.type, [link]);
  }
  return { canonical, numbers, neighbors, linksByType };
}

const since = (start: number): number => Math.round(performance.now() - start);

/** A pattern's degree, for an attachment maker (graph/copy-attachments.ts). */
export const degreeOf = (prepared: Pick<Prepared, "numbers">) => (slug: string): number => prepared.numbers.get(slug)!.degree;


/** Deletes every node of one copy (and their relationships), batch by batch. */
async function deleteCopy(driver: Driver, database: string, lib: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const label of [LABELS.pattern, LABELS.dangling, LABELS.problem, LABELS.attachment, LABELS.gapFinding, LABELS.searchToken]) {
      await untilNoneChanged(session, `MATCH (n:${label} {lib: $lib}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS changed`, { lib });
    }
    await writeOnce(session, `MATCH (g:${LABELS.copy} {id: $lib}) DELETE g`, { lib });
  } finally {
    await session.close();
  }
}

/**
 * Puts the plain labels (VIEW_LABELS) on the nodes of the namespace's current copy `copy` and
 * takes them off every other copy of the namespace, so that a person querying the database
 * sees the current library once. Runs after the flip, in batches: the store's own reads never use
 * these labels, and for the moment between the batches a hand-written query may see both libraries
 * or a part of one.
 */
async function moveViewLabels(driver: Driver, database: string, namespace: string, copy: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const [own, view] of [
      [LABELS.pattern, VIEW_LABELS.pattern],
      [LABELS.dangling, VIEW_LABELS.dangling],
    ] as const) {
      await untilNoneChanged(session, `MATCH (n:${own} {lib: $copy}) WHERE NOT n:${view} WITH n LIMIT $batch SET n:${view} RETURN count(*) AS changed`, { copy });
      await untilNoneChanged(
        session,
        `MATCH (n:${view}) WHERE n.lib STARTS WITH $prefix AND n.lib <> $copy WITH n LIMIT $batch REMOVE n:${view} RETURN count(*) AS changed`,
        { copy, prefix: `${namespace}/` },
      );
    }
  } finally {
    await session.close();
  }
}

/**
 * Writes the copy's nodes and relationships, one transaction per batch of rows: none of it is
 * visible to readers before the flip, so the batches need not commit together. Properties are
 * listed in the CREATE rather than SET from a map, which spares Cypher an Eager step.
 * @returns the number of transactions committed.
 */
async function writeCopy(driver: Driver, database: string, copy: string, prepared: Prepared, from: string | null, counts: RowCounts, step: (name: string) => void): Promise<number> {
  const { canonical, numbers, neighbors, linksByType } = prepared;
  // The same rows as a change in place stores (neo4j-pattern-rows.ts), made a batch at a time here.
  const { rank, rowAt: patternRowAt } = patternRowMaker(canonical, numbers, neighbors);
  let transactions = 0;
  const session = driver.session({ database });
  try {
    // The rows the current copy `from` has are taken over inside Neo4j (neo4j-incremental.ts); the rest
    // are sent. With no current copy, every row is sent, made a batch at a time (neo4j-load-rows.ts).
    const write = async (query: string, family: "pattern" | "dangling" | "problem", count: number, rowAt: RowAt): Promise<void> => {
      if (from === null) {
        transactions += await writeRowsAsMade(session, query, family, count, rowAt, { lib: copy });
        counts.sent += count;
      } else {
        const hashed = withHash(family, Array.from({ length: count }, (_, i) => rowAt(i)));
        const { rest, transactions: reused } = await reuseRows(session, family, from, copy, hashed, counts);
        transactions += reused + (await writeRows(session, query, rest, { lib: copy }));
      }
      step(`wrote ${count} ${family} rows`);
    };
    await write(PATTERN_ROWS_QUERY, "pattern", canonical.patterns.length, patternRowAt);
    // Links: those the current copy has are taken over per type; the rest go in one query for every
    // type (the type a parameter, `$(row.type)`: one plan instead of one per type), with their ends
    // found by element id, cheaper for Neo4j than two lookups through the (lib, slug) index.
    if (from === null) {
      transactions += await writeNewLinks(session, copy, linksByType);
      for (const links of linksByType.values()) counts.sent += links.length;
      step(`wrote ${canonical.links.length} link rows`);
    }
    const sent: Record<string, unknown>[] = [];
    for (const [type, links] of from === null ? [] : linksByType) {
      const relType = relationshipType(type);
      const hashed = withHash(relType, links.map((l) => ({ source: l.source, target: l.target, ...linkProperties(l) })));
      const { rest, transactions: reused } = await reuseRows(session, { relType }, from, copy, hashed, counts);
      transactions += reused;
      for (const row of rest) sent.push({ ...row, type: relType });
    }
    if (sent.length > 0) {
      const ids = await elementIds(session, copy);
      transactions += await writeRows(
        session,
        LINK_ROWS_QUERY,
        sent.map(({ source, target, ...rest }) => ({ ...rest, a: ids.get(source as string), b: ids.get(target as string) })),
        {},
      );
    }
    const { dangling, problems } = canonical;
    await write(`UNWIND $rows AS row CREATE (d:${LABELS.dangling}) SET d = row, d.lib = $lib`, "dangling", dangling.length, (i) =>
      danglingProperties(dangling[i]!, rank.get(danglingSlug(dangling[i]!.target))!),
    );
    await write(`UNWIND $rows AS row CREATE (x:${LABELS.problem}) SET x = row, x.lib = $lib`, "problem", problems.length, (i) => problemProperties(problems[i]!));
  } finally {
    await session.close();
  }
  return transactions;
}

/**
 * From this many patterns a new copy's overview waits for the gap analysis (see writeLibrary): at the
 * real library's size (3,571) the two threads at once hold ~0.3 GB and save ~3 s of a first load's
 * wall time; at ten times it (35,710) one at a time saved ~0.7 GB of peak RSS.
 */
export const THREADS_ONE_AT_A_TIME_FROM = 20_000;

export const PATTERN_ROWS_QUERY = `UNWIND $rows AS row CREATE (p:${LABELS.pattern}) SET p = row, p.lib = $lib`;

/** Writes links sent in full (rows `{type, a, b, weight, description, declaredIn, line, h}`), their ends by element id. */
export const LINK_ROWS_QUERY = `UNWIND $rows AS row
  MATCH (a) WHERE elementId(a) = row.a
  MATCH (b) WHERE elementId(b) = row.b
  CREATE (a)-[:$(row.type) {weight: row.weight, description: row.description, declaredIn: row.declaredIn, line: row.line, h: row.h}]->(b)`;

/**
 * A new copy's links with no current copy to take any over from, type by type in `linksByType`'s
 * order, as one stream of batches across the types (one query for every type: `$(row.type)`), made
 * a batch at a time (neo4j-load-rows.ts); each hashed as reuseRows would hash it (family: its type).
 * @returns the number of transactions committed.
 */
export async function writeNewLinks(session: Session, copy: string, linksByType: Map<string, Link[]>, batch?: number): Promise<number> {
  const ids = await elementIds(session, copy);
  const types = [...linksByType].map(([type, links]) => ({ relType: relationshipType(type), links }));
  const count = types.reduce((sum, t) => sum + t.links.length, 0);
  // Rows are asked for in order: the type of row i is found from the last one's.
  let at = 0;
  let first = 0;
  const rowAt = (i: number): Record<string, unknown> => {
    while (i >= first + types[at]!.links.length) first += types[at++]!.links.length;
    const { relType, links } = types[at]!;
    const link = links[i - first]!;
    // The row sent is the properties object itself, its hash taken of them with the link's ends (as
    // reuseRows hashes a link): two objects a link, not four (three spread copies were ~6% of a 10x
    // first load's main-thread time, 2026-12-06).
    const row = linkProperties(link);
    const h = rowHash(relType, { ...row, source: link.source, target: link.target });
    row.h = h;
    row.type = relType;
    row.a = ids.get(link.source);
    row.b = ids.get(link.target);
    return row;
  };
  return writeBatchesAsMade(session, LINK_ROWS_QUERY, count, rowAt, {}, batch);
}

/** The element ids of a copy's patterns by slug (the links' ends). */
async function elementIds(session: Session, copy: string): Promise<Map<string, string>> {
  // Every record read inside the transaction: a Result handed out of it stops at the driver's first fetch (1,000).
  const records = await session.executeRead(async (tx) => (await tx.run(`MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN p.slug AS slug, elementId(p) AS id`, { lib: copy })).records);
  return new Map(records.map((r) => [String(r.get("slug")), String(r.get("id"))]));
}

/** The search vocabulary of a new copy (neo4j-search-vocabulary.ts), on a session of its own. */
async function writeVocabulary(driver: Driver, database: string, copy: string, canonical: Library): Promise<number> {
  const session = driver.session({ database });
  try {
    return await writeSearchVocabulary(session, copy, canonical);
  } finally {
    await session.close();
  }
}

/** Points the namespace at `copy` in one transaction; the copy it replaces becomes `previous`. */
async function flip(driver: Driver, database: string, namespace: string, copy: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.executeWrite((tx: ManagedTransaction) =>
      tx.run(
        `MATCH (g:${LABELS.copy} {id: $copy})
         SET g.complete = true
         MERGE (l:${LABELS.library} {namespace: $ns})
         SET l.previous = CASE WHEN l.current = $copy THEN l.previous ELSE l.current END,
             l.current = $copy`,
        { copy, ns: namespace },
      ),
    );
  } finally {
    await session.close();
  }
}

/**
 * Copies of the namespace other than the current and the previous one, plus unfinished
 * ones left by a crash. The previous copy is kept until the next load, so a reader that
 * looked up the pointer just before the flip still reads a complete library.
 */
async function removeOldCopies(driver: Driver, database: string, namespace: string): Promise<number> {
  const { records } = await driver.executeQuery(
    `MATCH (g:${LABELS.copy} {namespace: $ns})
     OPTIONAL MATCH (l:${LABELS.library} {namespace: $ns})
     WITH g, l
     WHERE NOT g.id IN [coalesce(l.current, ''), coalesce(l.previous, '')]
       AND (g.complete OR g.startedAt < timestamp() - $stale)
     RETURN g.id AS id`,
    { ns: namespace, stale: STALE_COPY_MS },
    { database },
  );
  const ids = records.map((r) => String(r.get("id")));
  for (const id of ids) await deleteCopy(driver, database, id);
  return ids.length;
}

/**
 * Makes `library` the namespace's current library. Content-addressed: the copy id is a hash
 * of the canonical library, so loading the current library again writes nothing ("unchanged"),
 * and loading the previous one again only moves the pointer back ("restored").
 * @throws InvalidInputError for an inconsistent library (nothing is written then).
 */
export async function writeLibrary(
  driver: Driver,
  database: string,
  namespace: string,
  library: Library,
  attach?: CopyAttachmentMaker,
  onStep?: LoadStepListener,
  /** inPlace: false always writes a new copy; limits and fault: the tests' bounds and failure midway of a change in place. */
  options: { inPlace?: boolean; threadsOneAtATimeFrom?: number; limits?: InPlaceLimits; fault?: InPlaceFault } = {},
): Promise<Neo4jLoadReport> {
  const t0 = performance.now();
  const step = (name: string): void => onStep?.(name, since(t0));
  const prepared = prepare(library);
  step("prepared (canonical order, importance)");
  const content = copyId(namespace, prepared.canonical);
  let copy = content;
  const { canonical } = prepared;
  const report: Neo4jLoadReport = {
    copy,
    outcome: "written",
    patterns: canonical.patterns.length,
    links: canonical.links.length,
    dangling: canonical.dangling.length,
    problems: canonical.problems.length,
    removedCopies: 0,
    transactions: 0,
    rows: { sent: 0, reused: 0 },
    ms: { prepare: since(t0), write: 0, flip: 0, cleanup: 0, total: 0 },
  };

  // A copy's id names the content it was written with; a copy changed in place (neo4j-in-place.ts)
  // keeps its id and records the content it holds now (`content`).
  const { records } = await driver.executeQuery(
    `OPTIONAL MATCH (l:${LABELS.library} {namespace: $ns})
     OPTIONAL MATCH (c:${LABELS.copy} {id: l.current})
     OPTIONAL MATCH (g:${LABELS.copy} {id: $copy})
     RETURN l.current AS current, coalesce(c.content, c.id) AS currentContent, c.stamp AS stamp,
            g.complete AS complete, g IS NOT NULL AS started, coalesce(g.content, g.id) AS idContent,
            COLLECT { MATCH (r:${LABELS.copy} {namespace: $ns}) WHERE r.complete AND r.content = $copy AND r.id <> coalesce(l.current, '') RETURN r.id }[0] AS moved`,
    { ns: namespace, copy },
    { database },
  );
  const row = records[0];
  const current = (row?.get("current") as string | null) ?? null;
  const started = row?.get("started") === true;
  const complete = row?.get("complete") === true;
  const idContent = row?.get("idContent") as string | null;
  const moved = row?.get("moved") as string | null;
  if (current !== null && row?.get("currentContent") === content) {
    report.copy = copy = current;
    report.outcome = "unchanged";
    report.transactions = await attachCopy(driver, database, { copy, library: canonical, degree: degreeOf(prepared) }, attach);
    report.gaps = await storeGapFindings(driver, database, copy, canonical);
    // Cheap when nothing is to move; it completes the labels of a load that stopped after its flip.
    await moveViewLabels(driver, database, namespace, copy);
    report.ms.total = since(t0);
    return report;
  }

  const t1 = performance.now();
  // Started here when a copy is current: the change in place needs it, and so does a new copy.
  let analysis: Promise<TimedGapReport> | undefined;
  if (moved === null && !(complete && idContent === content) && current !== null && options.inPlace !== false) {
    analysis = analyseGapsOffThread(canonical);
    analysis.catch(() => undefined);
    const target = { namespace, lib: current, stamp: (row?.get("stamp") as string | null) ?? null, content: String(row?.get("currentContent")), next: content };
    const result = await applyInPlace(driver, database, target, prepared, analysis, attach, options);
    if (result.applied) {
      report.copy = current;
      report.outcome = "updated";
      report.inPlace = result.report;
      report.transactions = 1;
      report.rows.sent = result.report.rows.whole + result.report.rows.numbers;
      report.ms.write = since(t1);
      report.ms.total = since(t0);
      step(`changed the current copy in place (revision ${result.report.revision})`);
      return report;
    }
    report.inPlaceSkipped = result.reason;
    step(`wrote a new copy: ${result.reason}`);
  }

  if (moved !== null || (complete && idContent === content)) {
    report.copy = copy = moved ?? content;
    report.outcome = "restored";
    report.transactions = await attachCopy(driver, database, { copy, library: canonical, degree: degreeOf(prepared) }, attach);
    report.gaps = await storeGapFindings(driver, database, copy, canonical);
  } else {
    // The content's own id is taken by a copy changed in place since: this one gets another.
    if (complete) report.copy = copy = `${content}.${Date.now().toString(36)}`;
    // Leftovers of an interrupted load of this very library would break the unique constraint. A
    // copy's node is written before its rows and deleted after them, so without it there are none.
    else if (started) await deleteCopy(driver, database, copy);
    await driver.executeQuery(
      `CREATE (g:${LABELS.copy} {id: $copy, namespace: $ns, complete: false, startedAt: timestamp(), root: $root, files: $files})`,
      { copy, ns: namespace, root: canonical.root, files: canonical.files },
      { database },
    );
    // A new copy needs its overview and its findings: both are made on threads of their own while
    // Neo4j writes the copy (at 1x ~0.5 and ~0.7 s of CPU that would otherwise follow the write).
    // Written one after the other, not beside the rows: a load needs the transaction memory of one
    // batch at a time (docs/neo4j.md, "Sizes and Neo4j's transaction memory"). In a large library
    // the two threads run one after the other, not at once: each holds its own copy of what it works
    // on, and at a hundred times the real library the two at once were gigabytes more. The gap
    // analysis goes first, beside the rows: it is the longer of the two (at 100x 229 s of CPU
    // against the overview layout's ~47 s of wall time on a quiet core), and made after the rows it
    // kept a core idle while nothing else ran; the overview is laid out while the findings are written. Below that size the two
    // run at once, which saves their overlap in wall time (unless a change in place, which needs
    // the analysis first, started it already).
    const made = { copy, library: canonical, degree: degreeOf(prepared) };
    const oneAtATime = analysis === undefined && canonical.patterns.length >= (options.threadsOneAtATimeFrom ?? THREADS_ONE_AT_A_TIME_FROM);
    const gapRun: Promise<TimedGapReport> = analysis ?? analyseGapsOffThread(canonical);
    // Told before the overview that waits for it is started (reactions run in the order they were added).
    void gapRun.then(({ ms, heapMb }) => step(`gap analysis done (${ms} ms on its thread${heapMb === undefined ? "" : `, its heap ${heapMb} MB`})`), () => undefined);
    const attachments =
      attach && (oneAtATime ? gapRun.then(() => attach.make(made), () => attach.make(made)) : attach.make(made));
    // Awaited below; a write that fails first must not leave them rejected unheard.
    attachments?.catch(() => undefined);
    gapRun.catch(() => undefined);
    void attachments?.then(() => step("overview laid out"));
    try {
      report.transactions = await writeCopy(driver, database, copy, prepared, current, report.rows, step);
      report.transactions += await writeVocabulary(driver, database, copy, canonical);
      step("wrote the search vocabulary");
      // The findings before the overview: in a large library the overview is laid out meanwhile.
      report.gaps = await storeGapFindings(driver, database, copy, canonical, gapRun, true);
      step(`gap findings written (${report.gaps.findings})`);
      if (attach && attachments && attach.names.length > 0) report.transactions += await writeAttachments(driver, database, copy, await attachments);
      step("overview written");
    } catch (error) {
      // Readers never saw this copy (the pointer has not moved): remove what was written of
      // it. When Neo4j cannot be reached now, the next load removes it once it is stale.
      await deleteCopy(driver, database, copy).catch(() => undefined);
      throw error;
    }
  }
  report.ms.write = since(t1);

  const t2 = performance.now();
  await flip(driver, database, namespace, copy);
  await moveViewLabels(driver, database, namespace, copy);
  report.ms.flip = since(t2);
  step("switched to the new copy");

  const t3 = performance.now();
  report.removedCopies = await removeOldCopies(driver, database, namespace);
  report.ms.cleanup = since(t3);
  report.ms.total = since(t0);
  return report;
}
