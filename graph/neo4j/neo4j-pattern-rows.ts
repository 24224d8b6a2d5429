// The pattern rows a copy stores, made in one place for the two writers of a copy: a new copy's write
// (neo4j-load.ts) and a change in place (neo4j-in-place.ts), which must store the same rows.
import type { PatternNumbers } from "../algorithms/importance.ts";
import type { Library } from "../../core/model.ts";
import { adjacencyProperties } from "./neo4j-adjacency.ts";
import { patternProperties, slugRanks } from "./neo4j-model.ts";
import { readProperties } from "./neo4j-read-properties.ts";

/** Every pattern's stored properties, in canonical order, and the slug ranks they were made with. */
export function patternRows(
  canonical: Library,
  numbers: ReadonlyMap<string, PatternNumbers>,
  neighbors: ReadonlyMap<string, number>,
): { rank: Map<string, number>; rows: Record<string, unknown>[] } {
  const rank = slugRanks(canonical);
  const degree = (slug: string): number => numbers.get(slug)!.degree;
  const adjacency = adjacencyProperties(canonical, rank, degree, (slug) => neighbors.get(slug) ?? 0);
  // What the neighbourhood's and paths' last reads take ready-made (card, part, partSummary).
  const forReads = readProperties(canonical, rank, degree);
  const rows = canonical.patterns.map((p) => ({
    ...patternProperties(p, numbers.get(p.slug)!, rank.get(p.slug)!, neighbors.get(p.slug) ?? 0),
    adj: adjacency.get(p.slug)!,
    ...forReads.get(p.slug)!,
  }));
  return { rank, rows };
}
