// The pattern rows a copy stores, made in one place for the two writers of a copy: a new copy's write
// (neo4j-load.ts) and a change in place (neo4j-in-place.ts), which must store the same rows.
import type { PatternNumbers } from "../algorithms/importance.ts";
import type { Library } from "../../core/model.ts";
import { adjacencyProperties } from "./neo4j-adjacency.ts";
import { patternProperties, slugRanks } from "./neo4j-model.ts";
import { readProperties } from "./neo4j-read-properties.ts";

/**
 * How a copy's pattern rows are made: the slug ranks, and the row of the i-th pattern in canonical
 * order, made when asked (a first load makes and sends them a batch at a time).
 */
export function patternRowMaker(
  canonical: Library,
  numbers: ReadonlyMap<string, PatternNumbers>,
  neighbors: ReadonlyMap<string, number>,
): { rank: Map<string, number>; rowAt: (i: number) => Record<string, unknown> } {
  const rank = slugRanks(canonical);
  const degree = (slug: string): number => numbers.get(slug)!.degree;
  const adjacency = adjacencyProperties(canonical, rank, degree, (slug) => neighbors.get(slug) ?? 0);
  // What the neighbourhood's and paths' last reads take ready-made (card, part, partSummary).
  const forReads = readProperties(canonical, rank, degree);
  const { patterns } = canonical;
  const rowAt = (i: number): Record<string, unknown> => {
    const p = patterns[i]!;
    return {
      ...patternProperties(p, numbers.get(p.slug)!, rank.get(p.slug)!, neighbors.get(p.slug) ?? 0),
      adj: adjacency.get(p.slug)!,
      ...forReads.get(p.slug)!,
    };
  };
  return { rank, rowAt };
}

/** Every pattern's stored properties, in canonical order, and the slug ranks they were made with. */
export function patternRows(
  canonical: Library,
  numbers: ReadonlyMap<string, PatternNumbers>,
  neighbors: ReadonlyMap<string, number>,
): { rank: Map<string, number>; rows: Record<string, unknown>[] } {
  const { rank, rowAt } = patternRowMaker(canonical, numbers, neighbors);
  return { rank, rows: Array.from({ length: canonical.patterns.length }, (_, i) => rowAt(i)) };
}
