// A pattern's detail on the Neo4j store: the pattern, its links either way, its dangling
// references and its file's problems in one round trip, assembled by the shared rules (core/assembly.ts).
import { compareDangling, compareProblems } from "../algorithms/library-order.ts";
import { danglingSlug } from "../build-graph.ts";
import { groupLinkEnds, linkEnd } from "../../core/assembly.ts";
import type { LinkEnd, PatternDetail } from "../../core/model.ts";
import type { Props, Reader, Reads } from "./neo4j-connection.ts";
import { currentLib } from "./neo4j-cypher.ts";
import { danglingFromProperties, LABELS, linkFromRow, patternFromProperties, problemFromProperties } from "./neo4j-model.ts";
import type { NotFound } from "./neo4j-search.ts";

/** A link's far end: its slug and title, and the link's type and properties as declared. */
interface EndRow {
  slug: string;
  title: string;
  type: string;
  props: Props;
}

/** @throws NotFoundError (with suggestions) for an unknown slug. */
export async function patternDetail(reads: Reads, notFound: NotFound, slug: string): Promise<PatternDetail> {
  return reads.read((tx) => readPatternDetail(reads, notFound, tx, slug));
}

async function readPatternDetail(reads: Reads, notFound: NotFound, tx: Reader, slug: string): Promise<PatternDetail> {
  const lib = await currentLib(reads, tx);
  const [row] = await reads.rows<{ pattern: Props; outgoing: EndRow[]; incoming: EndRow[]; dangling: Props[]; problems: Props[] }>(
    tx,
    `MATCH (p:${LABELS.pattern} {lib: $lib, slug: $slug})
     RETURN p {.*, adj: null} AS pattern,
       COLLECT { MATCH (p)-[r]->(t) RETURN {slug: t.slug, title: t.title, type: type(r), props: properties(r)} } AS outgoing,
       COLLECT { MATCH (s)-[r]->(p) RETURN {slug: s.slug, title: s.title, type: type(r), props: properties(r)} } AS incoming,
       COLLECT { MATCH (d:${LABELS.dangling} {lib: $lib, source: p.slug}) RETURN properties(d) } AS dangling,
       COLLECT { MATCH (x:${LABELS.problem} {lib: $lib, file: p.file}) RETURN properties(x) } AS problems`,
    { lib, slug },
  );
  if (!row) throw await notFound(tx, lib, slug);
  const end = (e: EndRow): LinkEnd => linkEnd(e.slug, e.title, false, linkFromRow(e.slug, e.type, e.slug, e.props));
  const dangling = row.dangling.map(danglingFromProperties).sort(compareDangling);
  const outgoing = row.outgoing.map(end);
  for (const ref of dangling) outgoing.push(linkEnd(danglingSlug(ref.target), ref.target, true, ref));
  return {
    pattern: patternFromProperties(row.pattern),
    degree: Number(row.pattern.degree),
    inDegree: Number(row.pattern.inDegree),
    outDegree: Number(row.pattern.outDegree),
    importance: Number(row.pattern.importance),
    importancePercentile: Number(row.pattern.importancePercentile),
    outgoing: groupLinkEnds(outgoing),
    incoming: groupLinkEnds(row.incoming.map(end)),
    dangling,
    problems: row.problems.map(problemFromProperties).sort(compareProblems),
  };
}
