// Rows per UNWIND batch for a first load (not a test: run it by hand, `NEO4J_URI=... NEO4J_PASSWORD=...
// npx tsx test/bench/neo4j-batch-size.ts --library <folder> [--sizes 2000,5000,10000] [--rounds 1]
// [--neo4j-pid <pid>]`). Writes the library's pattern rows and link rows as the load does
// (graph/neo4j/neo4j-load-rows.ts, the load's own queries), once per batch size and round, each into a
// copy id of its own that is deleted afterwards, and prints rows per second of wall time and, with
// --neo4j-pid, of Neo4j's CPU time (every thread of the JVM, from /proc): on this shared machine the
// wall time says mostly how long each side waited for a core.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import neo4j from "neo4j-driver";
import { untilNoneChanged } from "../../graph/neo4j/neo4j-batches.ts";
import { patternRowMaker } from "../../graph/neo4j/neo4j-pattern-rows.ts";
import { PATTERN_ROWS_QUERY, prepare, writeNewLinks } from "../../graph/neo4j/neo4j-load.ts";
import { writeRowsAsMade } from "../../graph/neo4j/neo4j-load-rows.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { ensureSchema } from "../../graph/neo4j/neo4j-schema.ts";
import { loadLibrary } from "../../ingest/index.ts";

const { values } = parseArgs({
  options: {
    library: { type: "string" },
    sizes: { type: "string", default: "2000,5000,10000" },
    rounds: { type: "string", default: "1" },
    "neo4j-pid": { type: "string" },
  },
});
if (!values.library) throw new Error("--library <folder> is required");
const sizes = values.sizes.split(",").map(Number);
const rounds = Number(values.rounds);
const neo4jPid = values["neo4j-pid"];

/** The JVM's CPU seconds so far (user + system, every thread). */
function neo4jCpu(): number {
  if (!neo4jPid) return NaN;
  const fields = readFileSync(`/proc/${neo4jPid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const ownCpu = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function main(): Promise<void> {
  const library = await loadLibrary(values.library!);
  const prepared = prepare(library);
  const { canonical, numbers, neighbors, linksByType } = prepared;
  const { rowAt } = patternRowMaker(canonical, numbers, neighbors);
  const { patterns } = canonical;
  const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""));
  const database = process.env.NEO4J_DATABASE ?? "neo4j";
  await ensureSchema(driver, database);
  console.log(`${patterns.length} pattern rows, ${canonical.links.length} link rows`);
  console.log("batch  round  patterns: wall s  rows/s  Neo4j CPU s  rows/CPU s | links: wall s  rows/s  Neo4j CPU s  rows/CPU s | own CPU s  load");
  const session = driver.session({ database });
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const batch of sizes) {
        const copy = `batch-bench/${batch}-${round}-${Date.now()}`;
        const measure = async (work: () => Promise<unknown>, rows: number): Promise<string> => {
          const [wall0, cpu0] = [performance.now(), neo4jCpu()];
          await work();
          const wall = (performance.now() - wall0) / 1000;
          const cpu = neo4jCpu() - cpu0;
          return `${wall.toFixed(1)}  ${Math.round(rows / wall)}  ${cpu.toFixed(1)}  ${Math.round(rows / cpu)}`;
        };
        const own0 = ownCpu();
        const p = await measure(() => writeRowsAsMade(session, PATTERN_ROWS_QUERY, "pattern", patterns.length, rowAt, { lib: copy }, { batch }), patterns.length);
        const l = await measure(() => writeNewLinks(session, copy, linksByType, batch), canonical.links.length);
        console.log(`${batch}  ${round}  ${p} | ${l} | ${(ownCpu() - own0).toFixed(1)}  ${loadavg()[0]!.toFixed(1)}`);
        await untilNoneChanged(session, `MATCH (n:${LABELS.pattern} {lib: $lib}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS changed`, { lib: copy });
      }
    }
  } finally {
    await session.close();
    await driver.close();
  }
}

await main();
