// Makes a database written by neo4j-import-probe.ts servable, for measuring a server at 100x without
// an hour of Bolt load: against the launcher started on the probe's --home folder, it creates the
// store's schema (and waits for its indexes over the imported nodes), the copy's node and the
// namespace's pointer to it, and the copy's stored overview (laid out from the library read again,
// as a load lays it out). No gap findings, and the copy's empty lists are missing (the importer
// cannot write them): a measurement aid, not a load (another branch builds the real import mode).
//
//   npx tsx test/bench/neo4j-import-serve.ts <the same library folder> --uri bolt://127.0.0.1:77xx
import neo4j from "neo4j-driver";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { loadLibrary } from "../../ingest/index.ts";
import { degreeOf, prepare } from "../../graph/neo4j/neo4j-load.ts";
import { ensureSchema } from "../../graph/neo4j/neo4j-schema.ts";
import { writeAttachments } from "../../graph/neo4j/neo4j-attachments.ts";
import { copyId, LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { storedOverviewMaker } from "../../server/overview-stored.ts";
import { neo4jConnectionOptions } from "./lib/neo4j-options.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { ...neo4jConnectionOptions, database: { type: "string", default: "neo4j" } } });
const folder = positionals[0];
if (!folder) {
  process.stderr.write("usage: neo4j-import-serve.ts <library folder> --uri bolt://... [--namespace default]\n");
  process.exit(2);
}
const log = (line: string): void => {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line} (load ${loadavg().map((n) => n.toFixed(1)).join(" ")})\n`);
};
const database = values.database;
const driver = neo4j.driver(values.uri, neo4j.auth.basic(values.user, values.password), { disableLosslessIntegers: true });
try {
  await ensureSchema(driver, database).catch((error: unknown) => log(`schema: ${(error as Error).message}; waiting for its indexes`));
  for (;;) {
    try {
      await driver.executeQuery("CALL db.awaitIndexes(600)", {}, { database });
      break;
    } catch (error) {
      log(`indexes still populating: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  log("schema and indexes in place");

  const library = await loadLibrary(folder);
  const prepared = prepare(library);
  const copy = copyId(values.namespace, prepared.canonical);
  const { records } = await driver.executeQuery(`MATCH (p:${LABELS.pattern} {lib: $copy}) RETURN count(p) AS n`, { copy }, { database });
  const stored = Number(records[0]?.get("n"));
  if (stored !== prepared.canonical.patterns.length) throw new Error(`the database holds ${stored} patterns of copy ${copy}, the library ${prepared.canonical.patterns.length}: not the probe's import of this library`);
  log(`read ${library.patterns.length} patterns; copy ${copy}`);

  await driver.executeQuery(
    `MERGE (g:${LABELS.copy} {id: $copy})
     SET g.namespace = $ns, g.complete = true, g.startedAt = timestamp(), g.root = $root, g.files = $files
     MERGE (l:${LABELS.library} {namespace: $ns})
     SET l.current = $copy`,
    { copy, ns: values.namespace, root: prepared.canonical.root, files: prepared.canonical.files },
    { database },
  );
  log("copy and namespace nodes written");

  const maker = storedOverviewMaker(log);
  const attachments = await maker.make({ copy, library: prepared.canonical, degree: degreeOf(prepared) });
  await driver.executeQuery(`MATCH (a:${LABELS.attachment} {lib: $copy}) DETACH DELETE a`, { copy }, { database });
  const transactions = await writeAttachments(driver, database, copy, attachments);
  log(`overview stored (${attachments.map((a) => `${a.name} ${a.bytes.byteLength} bytes`).join(", ")}; ${transactions} transactions)`);
} finally {
  await driver.close();
}
process.exit(0);
