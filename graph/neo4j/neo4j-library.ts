// The whole-library reads of the Neo4j store: statistics, problems, the overview and the library
// itself (export). Counts come from Cypher aggregates; their key order, the degree summary and the
// library's canonical order are the shared rules the memory store applies too.
import { canonicalLibrary, compareProblems } from "../algorithms/library-order.ts";
import { computeStats, degreeSummaryOf, degreesFromCounts, hubDegreeFloor } from "../algorithms/stats.ts";
import { compareStrings, sortedByLinkKey } from "../algorithms/views.ts";
import { orderedCounts } from "../../core/assembly.ts";
import {
  KNOWN_LINK_TYPES,
  PROBLEM_KINDS,
  type DanglingRef,
  type Library,
  type LibraryStats,
  type Link,
  type OverviewGraph,
  type Problem,
  type Slug,
} from "../../core/model.ts";
import type { Props, Reader, Reads } from "./neo4j-connection.ts";
import { currentLib, CURRENT, LINK_VIEW_ROW, linkViewOf, NODE_VIEW, nodeView, type LinkViewRow, type NodeRow } from "./neo4j-cypher.ts";
import { danglingFromProperties, LABELS, linkFromRow, linkTypeOf, patternFromProperties, problemFromProperties } from "./neo4j-model.ts";

const EMPTY_LIBRARY: Library = { root: "", files: 0, patterns: [], links: [], dangling: [], problems: [] };

/** The current copy's id and what its copy node keeps of the library (no row when nothing was loaded). */
async function currentCopy({ rows }: Reads, tx: Reader): Promise<{ lib: string; root: string | null; files: number | null } | undefined> {
  const [head] = await rows<{ lib: string; root: string | null; files: number | null }>(
    tx,
    `${CURRENT} OPTIONAL MATCH (g:${LABELS.copy} {id: lib}) RETURN lib, g.root AS root, g.files AS files`,
  );
  return head;
}

type KeyCount = { key: string | null; n: number };
const countsOf = (list: KeyCount[]): [string | null, number][] => list.map((r) => [r.key, Number(r.n)]);
const sum = (list: KeyCount[]): number => list.reduce((s, r) => s + Number(r.n), 0);

export function stats(reads: Reads): Promise<LibraryStats> {
  const { read, rows } = reads;
  return read(async (tx) => {
    const head = await currentCopy(reads, tx);
    if (!head) return computeStats(EMPTY_LIBRARY);
    const lib = head.lib;
    const [counts] = await rows<{ patterns: number; gen1: number; gen2: number; isolated: number }>(
      tx,
      `MATCH (p:${LABELS.pattern} {lib: $lib})
       RETURN count(p) AS patterns,
              count(CASE WHEN p.generation = 1 THEN 1 END) AS gen1,
              count(CASE WHEN p.generation = 2 THEN 1 END) AS gen2,
              count(CASE WHEN NOT EXISTS { (p)--() } THEN 1 END) AS isolated`,
      { lib },
    );
    const domains = await rows<KeyCount>(tx, `MATCH (p:${LABELS.pattern} {lib: $lib}) WHERE p.domain IS NOT NULL RETURN p.domain AS key, count(*) AS n`, { lib });
    const links = await rows<KeyCount>(tx, `MATCH (:${LABELS.pattern} {lib: $lib})-[r]->() RETURN type(r) AS key, count(*) AS n`, { lib });
    const dangling = await rows<KeyCount>(tx, `MATCH (d:${LABELS.dangling} {lib: $lib}) RETURN d.type AS key, count(*) AS n`, { lib });
    const problems = await rows<KeyCount>(tx, `MATCH (x:${LABELS.problem} {lib: $lib}) RETURN x.kind AS key, count(*) AS n`, { lib });
    const [fatal] = await rows<{ files: number }>(
      tx,
      `MATCH (x:${LABELS.problem} {lib: $lib}) WHERE x.fatal RETURN count(DISTINCT x.file) AS files`,
      { lib },
    );
    // A count per degree, then only the patterns that may be hubs (degreeSummaryOf): a few hundred
    // rows whatever the library's size, not one per pattern.
    const perDegree = await rows<{ degree: number; n: number }>(tx, `MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN p.degree AS degree, count(*) AS n`, { lib });
    const degrees = degreesFromCounts(perDegree.map((r) => [Number(r.degree), Number(r.n)]));
    const candidates =
      degrees.length === 0
        ? []
        : await rows<{ p: [string, string, number, number, number] }>(
            tx,
            `MATCH (p:${LABELS.pattern} {lib: $lib}) WHERE p.degree >= $floor RETURN [p.slug, p.title, p.degree, p.inDegree, p.outDegree] AS p`,
            { lib, floor: hubDegreeFloor(degrees) },
          );
    const hubs = candidates.map(({ p: [slug, title, degree, inDegree, outDegree] }) => ({
      slug: slug as Slug,
      title,
      degree: Number(degree),
      inDegree: Number(inDegree),
      outDegree: Number(outDegree),
    }));
    return {
      root: head.root ?? "",
      files: Number(head.files ?? 0),
      patterns: Number(counts?.patterns ?? 0),
      problemFiles: Number(fatal?.files ?? 0),
      links: sum(links),
      linksByType: orderedCounts(
        links.map((r) => [r.key === null ? null : linkTypeOf(r.key), Number(r.n)]),
        KNOWN_LINK_TYPES,
      ),
      dangling: sum(dangling),
      danglingByType: orderedCounts(countsOf(dangling), KNOWN_LINK_TYPES),
      problems: sum(problems),
      problemsByKind: orderedCounts(countsOf(problems), PROBLEM_KINDS),
      isolated: Number(counts?.isolated ?? 0),
      domains: orderedCounts(countsOf(domains)),
      generations: { "1": Number(counts?.gen1 ?? 0), "2": Number(counts?.gen2 ?? 0) },
      ...degreeSummaryOf(degrees, hubs),
    };
  });
}

export function problems({ read, rows }: Reads): Promise<Problem[]> {
  return read(async (tx) => {
    const found = await rows<{ x: Props }>(tx, `${CURRENT} MATCH (x:${LABELS.problem} {lib: lib}) RETURN properties(x) AS x`);
    return found.map((r) => problemFromProperties(r.x)).sort(compareProblems);
  });
}

export function overview(reads: Reads): Promise<OverviewGraph> {
  const { read, rows } = reads;
  return read(async (tx) => {
    const lib = await currentLib(reads, tx);
    if (lib === null) return { nodes: [], links: [] };
    const nodeRows = await rows<{ n: NodeRow }>(tx, `MATCH (n:${LABELS.pattern} {lib: $lib}) RETURN ${NODE_VIEW} AS n`, { lib });
    const linkRows = await rows<{ l: LinkViewRow }>(tx, `MATCH (:${LABELS.pattern} {lib: $lib})-[r]->() RETURN ${LINK_VIEW_ROW} AS l`, { lib });
    return {
      nodes: nodeRows.map((r) => nodeView(r.n)).sort((a, b) => compareStrings(a.slug, b.slug)),
      links: sortedByLinkKey(linkRows.map((r) => linkViewOf(r.l))),
    };
  });
}

export function exportLibrary(reads: Reads): Promise<Library> {
  const { read, rows } = reads;
  return read(async (tx) => {
    const head = await currentCopy(reads, tx);
    if (!head) return structuredClone(EMPTY_LIBRARY);
    const lib = head.lib;
    const patterns = await rows<{ p: Props }>(tx, `MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN p {.*, adj: null} AS p`, { lib });
    const links = await rows<{ source: string; type: string; target: string; props: Props }>(
      tx,
      `MATCH (a:${LABELS.pattern} {lib: $lib})-[r]->(b) RETURN a.slug AS source, type(r) AS type, b.slug AS target, properties(r) AS props`,
      { lib },
    );
    const dangling = await rows<{ d: Props }>(tx, `MATCH (d:${LABELS.dangling} {lib: $lib}) RETURN properties(d) AS d`, { lib });
    const problems = await rows<{ x: Props }>(tx, `MATCH (x:${LABELS.problem} {lib: $lib}) RETURN properties(x) AS x`, { lib });
    return canonicalLibrary({
      root: head.root ?? "",
      files: Number(head.files ?? 0),
      patterns: patterns.map((r) => patternFromProperties(r.p)),
      links: links.map((r): Link => linkFromRow(r.source, r.type, r.target, r.props)),
      dangling: dangling.map((r): DanglingRef => danglingFromProperties(r.d)),
      problems: problems.map((r) => problemFromProperties(r.x)),
    });
  });
}
