// Decoded adjacency (neo4j-adjacency.ts) kept from one answer to the next, for the copy revision
// being served (neo4j-rank-cache.ts): a depth-2 neighbourhood or a path search reads the adjacency of
// the same hubs again and again, and fetching and decoding it (JSON around hubs) was most of the
// Node side of an answer. It also knows which neighbourhood centres' lists it keeps, so that a first
// query can leave a kept centre's list out.
import type { NeighbourList } from "./neo4j-adjacency.ts";
import { RankCache } from "./neo4j-rank-cache.ts";

/**
 * Heap kept at most: 48 MB. A server on Neo4j must stay under 400 MB of RSS at 100x; at 10x the
 * bench's 500 depth-2 neighbourhoods read 3,650 lists, 38 MB (2026-12-06).
 */
export const ADJACENCY_CACHE_BYTES = 48 * 2 ** 20;

/**
 * Heap of a decoded list beside its names' characters: per linked pattern its ENTRY_WIDTH numbers
 * (8 bytes each in a double array), per name a string header and its slot, per placeholder's entry
 * (an array of five, as the load's entries were: 165 bytes calibrated on the 10x library, 2026-12-06)
 * plus its strings, and the list's own objects and the map's slot.
 */
const NUMBER_BYTES = 8;
const NAME_BYTES = 24;
const DANGLING_BYTES = 165;
const LIST_BYTES = 160;

/** The heap a decoded list is counted as taking. */
export function listBytes(list: NeighbourList): number {
  let bytes = LIST_BYTES + list.entries.length * NUMBER_BYTES;
  for (const name of list.types) bytes += NAME_BYTES + name.length;
  for (const name of list.domains) bytes += NAME_BYTES + name.length;
  for (const entry of list.dangling) bytes += DANGLING_BYTES + entry[2].length + entry[4].length;
  return bytes;
}

export class AdjacencyCache extends RankCache<NeighbourList> {
  /** The slug ranks of neighbourhood centres read in this version, so a first query can leave out a kept centre's list. */
  private readonly centres = new Map<string, number>();

  constructor(maxBytes = ADJACENCY_CACHE_BYTES) {
    super(listBytes, maxBytes);
  }

  /** The slug rank of the centre `slug` when its list is kept (for whichever version is kept: the read checks it), else -1. */
  keptCentre(slug: string): number {
    const rank = this.centres.get(slug);
    return rank !== undefined && this.values.has(rank) ? rank : -1;
  }

  /** Like RankCache.add, noting `centre` as a neighbourhood centre whose list is among those fetched. */
  override add(version: string, fetched: ReadonlyMap<number, NeighbourList>, centre?: { slug: string; rank: number }): void {
    super.add(version, fetched);
    if (centre !== undefined) {
      // Bounded as the lists are: a map of every centre asked would grow with the library (a
      // centre's entry is a slug and a number, ~100 bytes: one per 40 KB of the bound).
      if (this.centres.size >= this.maxBytes / 40_000) this.centres.clear();
      this.centres.set(centre.slug, centre.rank);
    }
  }

  protected override cleared(): void {
    this.centres.clear();
  }
}
