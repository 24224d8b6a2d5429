// The Node side of a first Neo4j load's rows, without Neo4j: the pattern rows (their properties, `adj`,
// `card`, part, hash) and the link rows (properties, hash, the ends' ids) of a library folder made as
// writeCopy makes them, with the CPU time of each family and per row, one JSON line each.
// Usage: node --expose-gc --import tsx test/bench/children/rows-cpu.ts <folder>
import { prepare } from "../../../graph/neo4j/neo4j-load.ts";
import { patternRowMaker } from "../../../graph/neo4j/neo4j-pattern-rows.ts";
import { rowHash } from "../../../graph/neo4j/neo4j-incremental.ts";
import { linkProperties, relationshipType } from "../../../graph/neo4j/neo4j-model.ts";
import { loadLibraryOnTwoThreads } from "../../../ingest/index.ts";

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: rows-cpu.ts <library folder>\n");
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
function step<T>(name: string, rows: number, work: () => T): T {
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  gc?.();
  process.stdout.write(`${JSON.stringify({ step: name, rows, cpuMs: Math.round(cpuMs), usPerRow: rows ? Math.round((cpuMs * 1000) / rows) : 0 })}\n`);
  return value;
}
const library = await loadLibraryOnTwoThreads(folder, "off");
const prepared = step("prepare", library.patterns.length, () => prepare(library));
const { canonical, numbers, neighbors, linksByType } = prepared;
const maker = step("pattern row maker (adj, card, part for every pattern)", canonical.patterns.length, () => patternRowMaker(canonical, numbers, neighbors));
let bytes = 0;
step("pattern rows made and hashed", canonical.patterns.length, () => {
  for (let i = 0; i < canonical.patterns.length; i++) {
    const row = maker.rowAt(i);
    row.h = rowHash("pattern", row);
    bytes += (row.adj as string).length + (row.card as string).length;
  }
});
const ids = new Map(canonical.patterns.map((p, i) => [p.slug as string, `4:0e2b7f43-5a6b-4c1e-9d0a-2f3b4c5d6e7f:${i}`]));
step("link rows made and hashed, as main did (three spread copies)", canonical.links.length, () => {
  for (const [type, links] of linksByType) {
    const relType = relationshipType(type);
    for (const link of links) {
      const row: Record<string, unknown> = { source: link.source, target: link.target, ...linkProperties(link) };
      const { source: _s, target: _t, ...rest } = row;
      const sent = { ...rest, h: rowHash(relType, row), type: relType, a: ids.get(link.source), b: ids.get(link.target) };
      bytes += (sent.h as string).length;
    }
  }
});
step("link rows made and hashed, as writeNewLinks does (the properties object sent)", canonical.links.length, () => {
  for (const [type, links] of linksByType) {
    const relType = relationshipType(type);
    for (const link of links) {
      const row = linkProperties(link);
      row.h = rowHash(relType, { ...row, source: link.source, target: link.target });
      row.type = relType;
      row.a = ids.get(link.source);
      row.b = ids.get(link.target);
      bytes += (row.h as string).length;
    }
  }
});
process.stdout.write(`${JSON.stringify({ patterns: canonical.patterns.length, links: canonical.links.length, adjAndCardMb: Math.round(bytes / 1048576) })}\n`);
