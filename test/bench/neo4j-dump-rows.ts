// Prints a copy's stored rows as sorted lines, one per node (labels, then each property with its
// type) and one per relationship between patterns, so that two databases loaded by different paths
// (Bolt writes, and test/bench/neo4j-import-probe.ts's offline import) can be compared with diff.
//
//   npx tsx test/bench/neo4j-dump-rows.ts bolt://127.0.0.1:<port> > rows.txt   (password: NEO4J_PASSWORD or the launcher's)
import neo4j from "neo4j-driver";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";

const uri = process.argv[2];
if (!uri) {
  process.stderr.write("usage: neo4j-dump-rows.ts <bolt uri>\n");
  process.exit(2);
}
const driver = neo4j.driver(uri, neo4j.auth.basic("neo4j", process.env.NEO4J_PASSWORD ?? "atlas-test-password"));
const show = (v: unknown): string => {
  if (neo4j.isInt(v)) return `int:${v.toString()}`;
  if (v instanceof Int8Array) return `bytes:${v.length}`;
  if (Array.isArray(v)) return `[${v.map(show).join(",")}]`;
  return `${typeof v}:${JSON.stringify(v)}`;
};
const props = (o: Record<string, unknown>): string =>
  Object.keys(o)
    .sort()
    .map((k) => `${k}=${show(o[k])}`)
    .join(" ");
const lines: string[] = [];
try {
  for (const label of [LABELS.pattern, LABELS.dangling, LABELS.problem, LABELS.gapFinding]) {
    const { records } = await driver.executeQuery(`MATCH (n:${label}) RETURN labels(n) AS l, properties(n) AS p`);
    for (const r of records) lines.push(`${[...(r.get("l") as string[])].sort().join(":")} ${props(r.get("p") as Record<string, unknown>)}`);
  }
  const { records } = await driver.executeQuery(
    `MATCH (a:${LABELS.pattern})-[r]->(b:${LABELS.pattern}) RETURN a.slug AS a, type(r) AS t, b.slug AS b, properties(r) AS p`,
  );
  for (const r of records) lines.push(`REL ${r.get("a")} ${r.get("t")} ${r.get("b")} ${props(r.get("p") as Record<string, unknown>)}`);
} finally {
  await driver.close();
}
lines.sort();
process.stdout.write(`${lines.join("\n")}\n`);
