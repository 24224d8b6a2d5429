// The gap findings stored with each copy, so that a server answering from Neo4j never holds the
// library in its own memory for the gaps routes: the load runs the gap analysis (graph/gaps/, the
// very code the embedded store's path runs) on the library it already holds, and writes one node per
// finding, in report order, under the store's bookkeeping label (never a plain one). A copy's node
// points at its complete set of findings (`gaps`), so readers see one whole set or none.
import type { Driver, Session } from "neo4j-driver";
import type { Library } from "../../core/model.ts";
import { analyseGapsOffThread, type TimedGapReport } from "../gaps/analysis-thread.ts";
import { LABELS } from "./neo4j-model.ts";
import { untilNoneChanged, writeOnce } from "./neo4j-batches.ts";
import { writeBatchesAsMade } from "./neo4j-load-rows.ts";
import type { StoredGapsSummary } from "../stored-gaps.ts";
import { findingRows, gapsSummary } from "./neo4j-gap-rows.ts";

export { findingRows, gapsSummary } from "./neo4j-gap-rows.ts";

/**
 * Bumped whenever what is stored per finding or per copy changes, or the analysis gives other
 * findings for the same library (2: evidence in words, with titles): a copy whose set was written by another version is given a new set
 * at its next load (even an unchanged one), without rewriting the library itself.
 */
export const STORED_GAPS_VERSION = 2;

/** The id of the set of findings of `copy` this version writes. */
export const gapSetId = (copy: string): string => `${copy}#gaps${STORED_GAPS_VERSION}`;

/** Indexes the stored findings are read and deleted through (created with the store's schema). */
export const GAPS_SCHEMA = [
  `CREATE INDEX atlas_store_gap_set IF NOT EXISTS FOR (f:${LABELS.gapFinding}) ON (f.set)`,
  `CREATE INDEX atlas_store_gap_order IF NOT EXISTS FOR (f:${LABELS.gapFinding}) ON (f.set, f.seq)`,
  `CREATE INDEX atlas_store_gap_id IF NOT EXISTS FOR (f:${LABELS.gapFinding}) ON (f.set, f.id)`,
  `CREATE INDEX atlas_store_gap_lib IF NOT EXISTS FOR (f:${LABELS.gapFinding}) ON (f.lib)`,
] as const;

/** What a load did about the copy's findings (the summary is kept as JSON on the copy's node, `gapsReport`). */
export interface GapsLoadReport {
  /** Findings of the copy (written now or already stored). */
  findings: number;
  /** False when the copy already had its findings (an unchanged or restored load). */
  written: boolean;
  transactions: number;
  /** The analysis, and the writing of its findings. */
  ms: { analysis: number; write: number };
}

/** Findings per batch: a finding's JSON is larger than a pattern's row. */
const BATCH = 2_000;

/** Deletes, batch by batch, the findings `where` (a fixed condition on `f`, values as parameters) names. */
async function deleteFindings(session: Session, where: string, params: Record<string, unknown>): Promise<void> {
  await untilNoneChanged(session, `MATCH (f:${LABELS.gapFinding}) WHERE ${where} WITH f LIMIT $batch DELETE f RETURN count(*) AS changed`, params);
}

/**
 * Gives `copy` (its node already written) this version's findings of `canonical`, unless it has
 * them: analyses, writes the set in batches (invisible until the copy's node points at it), points
 * the copy at it in one transaction, then deletes any other set of the copy. Called for a new copy
 * before the switch to it, and for an unchanged or restored one (cheap then: one small query).
 */
export async function storeGapFindings(
  driver: Driver,
  database: string,
  copy: string,
  canonical: Library,
  /** The analysis of `canonical`, when the loader started it already (meanwhile writing the copy). */
  analysis?: Promise<TimedGapReport>,
  /** True for a copy written by this load: it has no findings yet, so none are looked for or deleted. */
  newCopy = false,
): Promise<GapsLoadReport> {
  const set = gapSetId(copy);
  const stored = newCopy ? undefined : (await driver.executeQuery(`MATCH (g:${LABELS.copy} {id: $copy}) RETURN g.gaps AS set, g.gapsReport AS report`, { copy }, { database })).records[0];
  if (stored?.get("set") === set) {
    const summary = JSON.parse(String(stored.get("report"))) as StoredGapsSummary;
    return { findings: summary.findings, written: false, transactions: 0, ms: { analysis: 0, write: 0 } };
  }

  const { report, ms: analysisMs } = await (analysis ?? analyseGapsOffThread(canonical));
  const files = new Map(canonical.patterns.map((p) => [p.slug as string, p.file]));
  const summary = gapsSummary(canonical, report, analysisMs);

  const writeStarted = performance.now();
  const session = driver.session({ database });
  let transactions = 0;
  try {
    // Leftovers of an interrupted write of this very set.
    if (!newCopy) await deleteFindings(session, "f.set = $set", { set });
    const rowOf = findingRows(report.findings, (slug) => files.get(slug));
    // A batch's rows are made while the one before it is written, so the rows of a large library are
    // never all in memory and making them overlaps Neo4j's writing (neo4j-load-rows.ts).
    const { findings } = report;
    const query = `UNWIND $rows AS row CREATE (f:${LABELS.gapFinding}) SET f = row, f.lib = $lib, f.set = $set`;
    transactions += await writeBatchesAsMade(session, query, findings.length, (i) => rowOf(findings[i]!, i), { lib: copy, set }, BATCH);
    await writeOnce(session, `MATCH (g:${LABELS.copy} {id: $copy}) SET g.gaps = $set, g.gapsReport = $report`, {
      copy,
      set,
      report: JSON.stringify(summary),
    });
    transactions += 1;
    // Sets an older version wrote for this copy: nobody reads them any more.
    if (!newCopy) await deleteFindings(session, "f.lib = $lib AND f.set <> $set", { lib: copy, set });
  } catch (error) {
    // Not pointed at (or already replaced): what was written of it goes, when Neo4j still answers.
    await deleteFindings(session, `f.set = $set AND NOT EXISTS { MATCH (g:${LABELS.copy} {id: $lib}) WHERE g.gaps = $set }`, { set, lib: copy }).catch(() => undefined);
    throw error;
  } finally {
    await session.close();
  }
  return { findings: report.findings.length, written: true, transactions, ms: { analysis: analysisMs, write: Math.round(performance.now() - writeStarted) } };
}
