// Each stored pattern's links, precomputed at load as one property (`adj`, JSON), so that a
// neighbourhood is a breadth-first search in TypeScript over a few property reads (one round trip
// per level, the frontier's patterns found by slug rank) instead of a relationship expansion in
// Cypher that checks every reached pattern against a list of the ones already seen (on the real
// library's hubs ~14,000 db hits and most of a core's 10-25 ms per depth-2 answer, PROFILEd).
// An entry names the neighbour by slug rank and carries what the ranking needs of it (degree,
// domain) and what a path search needs (its neighbour count), so neither reads the neighbour itself;
// links' descriptions are in the pattern's `card` (neo4j-read-properties.ts). Stored as numbers
// (model version 8): link types and domains by their number in the list's own names, the
// neighbour's slug left out (a neighbourhood reads the few its answer names), because at 100x the
// strings were most of the characters Neo4j shipped and the server parsed (docs/performance.md).
import { danglingSlug } from "../build-graph.ts";
import type { Library } from "../../core/model.ts";
import { LABELS } from "./neo4j-model.ts";

/** Following a link out of (source -> target), into (target <- source) the pattern, or to a dangling target (declared out). */
export const ADJ_OUT = 1;
export const ADJ_IN = 0;
export const ADJ_DANGLING = 2;
/** Added to a stored entry's direction when its link declares a weight (stored as 0 otherwise, so that every entry is numbers). */
const ADJ_WEIGHTED = 4;

/** A linked pattern as the load knows it: slug rank, ADJ_OUT or ADJ_IN, link type, weight, and the neighbour's degree, slug, domain and neighbour count (algorithms/specificity.ts). */
export type PatternEntry = [number, typeof ADJ_OUT | typeof ADJ_IN, string, number | null, number, string, string | null, number];
/** A declared link to no pattern: the placeholder's slug rank, ADJ_DANGLING, link type, weight, target as written. */
export type DanglingEntry = [number, typeof ADJ_DANGLING, string, number | null, string];
export type AdjacencyEntry = PatternEntry | DanglingEntry;

/** How many numbers a linked pattern takes in NeighbourList.entries. */
export const ENTRY_WIDTH = 7;

/**
 * A pattern's adjacency as stored and read: its linked patterns as numbers, ENTRY_WIDTH per entry in
 * canonical order (slug rank, direction, type number, weight, degree, domain number, neighbour count;
 * read them with the entry* functions), with the names those numbers stand for, and its declared
 * links to no pattern. The neighbour's slug is not in it. Stored as the JSON of `[types, domains,
 * entries, dangling]`: JSON.parse makes one array of numbers of the entries, not an array per entry.
 */
export interface NeighbourList {
  types: string[];
  domains: string[];
  entries: number[];
  dangling: DanglingEntry[];
}

/** The slug rank of the neighbour of the entry at `i` (a multiple of ENTRY_WIDTH). */
export const entryRank = (list: NeighbourList, i: number): number => list.entries[i]!;
/** ADJ_OUT or ADJ_IN. */
export const entryDirection = (list: NeighbourList, i: number): typeof ADJ_OUT | typeof ADJ_IN => (list.entries[i + 1]! & 1) as typeof ADJ_OUT | typeof ADJ_IN;
export const entryType = (list: NeighbourList, i: number): string => list.types[list.entries[i + 2]!]!;
/** The index in `list.types` of the entry's link type. */
export const entryTypeIndex = (list: NeighbourList, i: number): number => list.entries[i + 2]!;
/** The link's declared weight, null when it declares none. */
export const entryWeight = (list: NeighbourList, i: number): number | null => ((list.entries[i + 1]! & ADJ_WEIGHTED) === 0 ? null : list.entries[i + 3]!);
export const entryDegree = (list: NeighbourList, i: number): number => list.entries[i + 4]!;
export const entryDomain = (list: NeighbourList, i: number): string | null => {
  const d = list.entries[i + 5]!;
  return d === -1 ? null : list.domains[d]!;
};
export const entryNeighbors = (list: NeighbourList, i: number): number => list.entries[i + 6]!;

/** The list of `entries` (in their order; a pattern entry's slug is dropped). */
export function neighbourList(entries: readonly AdjacencyEntry[]): NeighbourList {
  const list: NeighbourList = { types: [], domains: [], entries: [], dangling: [] };
  const typeNumber = new Map<string, number>();
  const domainNumber = new Map<string, number>();
  const numberOf = (names: string[], numbers: Map<string, number>, name: string): number => {
    let n = numbers.get(name);
    if (n === undefined) numbers.set(name, (n = names.push(name) - 1));
    return n;
  };
  for (const entry of entries) {
    if (entry[1] === ADJ_DANGLING) {
      list.dangling.push(entry);
      continue;
    }
    const [rank, direction, type, weight, degree, , domain, neighbors] = entry;
    list.entries.push(
      rank,
      direction + (weight === null ? 0 : ADJ_WEIGHTED),
      numberOf(list.types, typeNumber, type),
      weight ?? 0,
      degree,
      domain === null ? -1 : numberOf(list.domains, domainNumber, domain),
      neighbors ?? 0,
    );
  }
  return list;
}

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
  for (const p of library.patterns) {
    const list = neighbourList(entries.get(p.slug) ?? []);
    out.set(p.slug, JSON.stringify([list.types, list.domains, list.entries, list.dangling]));
  }
  return out;
}

/**
 * Cypher giving `n`'s adjacency as two columns: `adj`, the stored JSON, and `live`, entries of the
 * load's shape (AdjacencyEntry) made from its relationships and declarations when it has none of
 * this layout (a copy stored before the property existed, or before its entries carried the
 * neighbour count, which the pattern's `card` marks, read until the next load rewrites it: slower,
 * same answers). Both are null where the Cypher condition `skip` holds (a centre whose entries the
 * reader already keeps).
 */
export const adjacencyColumns = (n: string, skip = "false"): string =>
  `CASE WHEN ${n}.card IS NULL OR ${skip} THEN null ELSE ${n}.adj END AS adj, CASE WHEN ${skip} THEN null WHEN ${n}.adj IS NULL OR ${n}.card IS NULL THEN
     COLLECT { MATCH (${n})-[r]-(m) RETURN [m.rank, CASE WHEN startNode(r) = ${n} THEN ${ADJ_OUT} ELSE ${ADJ_IN} END, toLower(type(r)), r.weight, m.degree, m.slug, m.domain, m.neighbors] } +
     COLLECT { MATCH (x:${LABELS.dangling} {lib: ${n}.lib, source: ${n}.slug}) RETURN [x.rank, ${ADJ_DANGLING}, x.type, x.weight, x.target] }
   END AS live`;

/**
 * The list of a row with adjacencyColumns. A copy stored by model version 7 or earlier (its `adj`
 * the load's entries, each an array opening with a number) is read too, until its next load.
 */
export function parseAdjacency(adj: unknown, live?: unknown): NeighbourList {
  if (typeof adj === "string") {
    const stored = JSON.parse(adj) as [string[], string[], number[], DanglingEntry[]] | AdjacencyEntry[];
    if (stored.length === 0 || typeof stored[0]![0] === "number") return neighbourList(stored as AdjacencyEntry[]);
    const [types, domains, entries, dangling] = stored as [string[], string[], number[], DanglingEntry[]];
    return { types, domains, entries, dangling };
  }
  if (!Array.isArray(live)) return neighbourList([]);
  return neighbourList((live as AdjacencyEntry[]).map((e) => e.map((v) => (typeof v === "bigint" ? Number(v) : v)) as AdjacencyEntry));
}
