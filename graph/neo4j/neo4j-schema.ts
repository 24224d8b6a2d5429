// The store's constraints and indexes, made sure of once per connection: the names the database
// already has are read first (two queries), only the missing ones are created, all in one schema
// transaction, and a database written by model version 4 or earlier is converted. On a database
// that has them all, that is two round trips instead of one per statement (36 before), and on a
// fresh one the statements share one transaction.
import type { Driver } from "neo4j-driver";
import { GAPS_SCHEMA } from "./neo4j-gaps.ts";
import { SEARCH_VOCABULARY_SCHEMA } from "./neo4j-search-vocabulary.ts";
import { LABELS, LEGACY_LABELS, VIEW_LABELS } from "./neo4j-model.ts";

/**
 * Constraints and indexes, created before anything is written. The store's own are named
 * `atlas_store_*`; `pattern_slug` serves people querying the current library by hand.
 */
export const SCHEMA = [
  `CREATE CONSTRAINT atlas_store_pattern_key IF NOT EXISTS FOR (p:${LABELS.pattern}) REQUIRE (p.lib, p.slug) IS UNIQUE`,
  `CREATE CONSTRAINT atlas_library_namespace IF NOT EXISTS FOR (l:${LABELS.library}) REQUIRE l.namespace IS UNIQUE`,
  `CREATE CONSTRAINT atlas_generation_id IF NOT EXISTS FOR (g:${LABELS.copy}) REQUIRE g.id IS UNIQUE`,
  `CREATE INDEX atlas_store_pattern_lib IF NOT EXISTS FOR (p:${LABELS.pattern}) ON (p.lib)`,
  `CREATE INDEX atlas_store_pattern_rank IF NOT EXISTS FOR (p:${LABELS.pattern}) ON (p.lib, p.rank)`,
  `CREATE INDEX atlas_store_dangling_source IF NOT EXISTS FOR (d:${LABELS.dangling}) ON (d.lib, d.source)`,
  `CREATE INDEX atlas_store_dangling_lib IF NOT EXISTS FOR (d:${LABELS.dangling}) ON (d.lib)`,
  `CREATE INDEX atlas_store_problem_file IF NOT EXISTS FOR (x:${LABELS.problem}) ON (x.lib, x.file)`,
  `CREATE INDEX atlas_store_problem_lib IF NOT EXISTS FOR (x:${LABELS.problem}) ON (x.lib)`,
  `CREATE INDEX atlas_generation_namespace IF NOT EXISTS FOR (g:${LABELS.copy}) ON (g.namespace)`,
  `CREATE INDEX pattern_slug IF NOT EXISTS FOR (p:${VIEW_LABELS.pattern}) ON (p.slug)`,
  `CREATE INDEX atlas_store_pattern_hash IF NOT EXISTS FOR (p:${LABELS.pattern}) ON (p.lib, p.h)`,
  `CREATE INDEX atlas_store_dangling_hash IF NOT EXISTS FOR (d:${LABELS.dangling}) ON (d.lib, d.h)`,
  `CREATE INDEX atlas_store_problem_hash IF NOT EXISTS FOR (x:${LABELS.problem}) ON (x.lib, x.h)`,
  `CREATE INDEX atlas_store_attachment IF NOT EXISTS FOR (a:${LABELS.attachment}) ON (a.lib, a.name, a.index)`,
  ...GAPS_SCHEMA,
  ...SEARCH_VOCABULARY_SCHEMA,
] as const;

/** The name a schema statement creates (`CREATE INDEX <name> ...`). */
const schemaName = (statement: string): string => /^CREATE (?:CONSTRAINT|INDEX) (\w+) /.exec(statement)![1]!;

/**
 * A database written by model version 4 or earlier: its nodes are given the store's labels, so that
 * the next load's cleanup finds and deletes them like any older copy, then its schema objects (on
 * the plain labels) are dropped. Nodes first: a conversion that stops midway is found again by the
 * next start, through the nodes or the schema left.
 */
const LEGACY_SCHEMA = ["atlas_pattern_key", "atlas_pattern_lib", "atlas_pattern_rank", "atlas_dangling_source", "atlas_dangling_lib", "atlas_problem_file", "atlas_problem_lib"] as const;
const LEGACY_NODES = [
  `MATCH (n:${LEGACY_LABELS.pattern}) WHERE n.lib IS NOT NULL AND NOT n:${LABELS.pattern}
   CALL { WITH n SET n:${LABELS.pattern} } IN TRANSACTIONS OF 5000 ROWS`,
  `MATCH (n:${LEGACY_LABELS.dangling}) WHERE n.lib IS NOT NULL
   CALL { WITH n SET n:${LABELS.dangling} REMOVE n:${LEGACY_LABELS.dangling} } IN TRANSACTIONS OF 5000 ROWS`,
  `MATCH (n:${LEGACY_LABELS.problem}) WHERE n.lib IS NOT NULL
   CALL { WITH n SET n:${LABELS.problem} REMOVE n:${LEGACY_LABELS.problem} } IN TRANSACTIONS OF 5000 ROWS`,
] as const;
/** Whether any node is still as model version 4 left it (one query: label scans that stop at the first hit). */
const LEGACY_NODES_LEFT = `RETURN EXISTS { MATCH (n:${LEGACY_LABELS.dangling}) WHERE n.lib IS NOT NULL }
  OR EXISTS { MATCH (n:${LEGACY_LABELS.problem}) WHERE n.lib IS NOT NULL }
  OR EXISTS { MATCH (n:${LEGACY_LABELS.pattern}) WHERE n.lib IS NOT NULL AND NOT n:${LABELS.pattern} } AS left`;

/** The names of the database's indexes and constraints. */
async function schemaNames(driver: Driver, database: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (const show of ["SHOW INDEXES YIELD name RETURN name", "SHOW CONSTRAINTS YIELD name RETURN name"]) {
    const { records } = await driver.executeQuery(show, {}, { database });
    for (const r of records) names.add(String(r.get("name")));
  }
  return names;
}

/** Creates the missing part of SCHEMA (idempotent: every statement is IF NOT EXISTS) and converts a model version 4 database. */
export async function ensureSchema(driver: Driver, database: string): Promise<void> {
  // Two stores starting at once may race to create the same index; the second attempt sees it.
  for (let attempt = 1; ; attempt++) {
    try {
      const have = await schemaNames(driver, database);
      const missing = SCHEMA.filter((statement) => !have.has(schemaName(statement)));
      if (missing.length > 0) {
        const session = driver.session({ database });
        try {
          // Schema changes may share a transaction (no data change may join them).
          await session.executeWrite(async (tx) => {
            for (const statement of missing) await tx.run(statement);
          });
        } finally {
          await session.close();
        }
        await driver.executeQuery("CALL db.awaitIndexes(60)", {}, { database });
      }
      const legacySchema = LEGACY_SCHEMA.filter((name) => have.has(name));
      const { records } = await driver.executeQuery(LEGACY_NODES_LEFT, {}, { database });
      if (records[0]?.get("left") === true || legacySchema.length > 0) {
        // CALL { } IN TRANSACTIONS runs only in an auto-commit transaction, hence session.run.
        const session = driver.session({ database });
        try {
          for (const statement of LEGACY_NODES) await session.run(statement);
        } finally {
          await session.close();
        }
        for (const name of legacySchema) {
          await driver.executeQuery(`DROP CONSTRAINT ${name} IF EXISTS`, {}, { database });
          await driver.executeQuery(`DROP INDEX ${name} IF EXISTS`, {}, { database });
        }
      }
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
