// Each stored pattern's links, precomputed at load as one property (`adj`, JSON), so that a
// neighbourhood is a breadth-first search in TypeScript over a few property reads (one round trip
// per level, the frontier's patterns found by slug rank) instead of a relationship expansion in
// Cypher that checks every reached pattern against a list of the ones already seen (on the real
// library's hubs ~14,000 db hits and most of a core's 10-25 ms per depth-2 answer, PROFILEd).
// An entry names the neighbour by slug rank and carries what the ranking needs of it (degree, slug,
// domain) and what a path search needs (its neighbour count), so neither reads the neighbour itself;
// links' descriptions are in the pattern's `card` (neo4j-read-properties.ts).
import { danglingSlug } from "../build-graph.ts";
import type { Library } from "../../core/model.ts";
import { LABELS } from "./neo4j-model.ts";

/** Following a link out of (source -> target), into (target <- source) the pattern, or to a dangling target (declared out). */
export const ADJ_OUT = 1;
export const ADJ_IN = 0;
export const ADJ_DANGLING = 2;

/** A linked pattern: slug rank, ADJ_OUT or ADJ_IN, link type, weight, and the neighbour's degree, slug, domain and neighbour count (algorithms/specificity.ts). */
export type PatternEntry = [number, typeof ADJ_OUT | typeof ADJ_IN, string, number | null, number, string, string | null, number];
/** A declared link to no pattern: the placeholder's slug rank, ADJ_DANGLING, link type, weight, target as written. */
export type DanglingEntry = [number, typeof ADJ_DANGLING, string, number | null, string];
export type AdjacencyEntry = PatternEntry | DanglingEntry;

/**
 * The `adj` property of every pattern of `library` (canonical order: entries follow the links' and
 * dangling references' order), from the slug ranks, degrees and neighbour counts the load stores.
 */
export function adjacencyProperties(
  library: Pick<Library, "patterns" | "links" | "dangling">,
  rank: ReadonlyMap<string, number>,
  degree: (slug: string) => number,
  neighbors: (slug: string) => number,
): Map<string, string> {
  const domain = new Map(library.patterns.map((p) => [p.slug as string, p.domain ?? null]));
  const entries = new Map<string, AdjacencyEntry[]>();
  const add = (slug: string, entry: AdjacencyEntry): void => {
    const list = entries.get(slug);
    if (list) list.push(entry);
    else entries.set(slug, [entry]);
  };
  for (const l of library.links) {
    const weight = l.weight ?? null;
    add(l.source, [rank.get(l.target)!, ADJ_OUT, l.type, weight, degree(l.target), l.target, domain.get(l.target) ?? null, neighbors(l.target)]);
    add(l.target, [rank.get(l.source)!, ADJ_IN, l.type, weight, degree(l.source), l.source, domain.get(l.source) ?? null, neighbors(l.source)]);
  }
  for (const d of library.dangling) add(d.source, [rank.get(danglingSlug(d.target))!, ADJ_DANGLING, d.type, d.weight ?? null, d.target]);
  const out = new Map<string, string>();
  for (const p of library.patterns) out.set(p.slug, JSON.stringify(entries.get(p.slug) ?? []));
  return out;
}

/**
 * Cypher giving `n`'s adjacency as two columns: `adj`, the stored JSON, and `live`, the same entries
 * made from its relationships and declarations when it has none of this layout (a copy stored
 * before the property existed, or before its entries carried the neighbour count, which the
 * pattern's `card` marks, read until the next load rewrites it: slower, same answers). Both are
 * null where the Cypher condition `skip` holds (a centre whose entries the reader already keeps).
 */
export const adjacencyColumns = (n: string, skip = "false"): string =>
  `CASE WHEN ${n}.card IS NULL OR ${skip} THEN null ELSE ${n}.adj END AS adj, CASE WHEN ${skip} THEN null WHEN ${n}.adj IS NULL OR ${n}.card IS NULL THEN
     COLLECT { MATCH (${n})-[r]-(m) RETURN [m.rank, CASE WHEN startNode(r) = ${n} THEN ${ADJ_OUT} ELSE ${ADJ_IN} END, toLower(type(r)), r.weight, m.degree, m.slug, m.domain, m.neighbors] } +
     COLLECT { MATCH (x:${LABELS.dangling} {lib: ${n}.lib, source: ${n}.slug}) RETURN [x.rank, ${ADJ_DANGLING}, x.type, x.weight, x.target] }
   END AS live`;

/** The entries of a row with adjacencyColumns. */
export const parseAdjacency = (adj: unknown, live?: unknown): AdjacencyEntry[] =>
  typeof adj === "string" ? (JSON.parse(adj) as AdjacencyEntry[]) : Array.isArray(live) ? (live as AdjacencyEntry[]).map((e) => e.map((v) => (typeof v === "bigint" ? Number(v) : v)) as AdjacencyEntry) : [];
