// Decoded adjacency (neo4j-adjacency.ts) kept from one answer to the next, for the copy revision
// being served: a depth-2 neighbourhood or a path search reads the adjacency of the same hubs again
// and again, and fetching and decoding it (JSON around hubs) was most of the Node side of an answer.
// Entries are taken only from reads whose copy stamp held before and after (Reads.readFolded), under
// that revision's version: a copy is never changed in place without a new revision, so what is kept
// for a version stays true for it. Bounded by the number of entries kept, least recently used out.
import type { AdjacencyEntry } from "./neo4j-adjacency.ts";

/** Entries kept at most: full, 47 MB of heap on the 10x library (~235 bytes an entry; it has ~350,000 in all), 2026-12-06. */
export const ADJACENCY_CACHE_ENTRIES = 200_000;

export class AdjacencyCache {
  private version = "";
  private readonly lists = new Map<number, AdjacencyEntry[]>();
  /** The slug ranks of neighbourhood centres read in this version, so a first query can leave out a kept centre's list. */
  private readonly centres = new Map<string, number>();
  private entries = 0;

  constructor(private readonly maxEntries = ADJACENCY_CACHE_ENTRIES) {}

  /** The kept adjacency of the pattern with slug rank `rank` in `version`, marked as recently used. */
  get(version: string, rank: number): AdjacencyEntry[] | undefined {
    if (version !== this.version) return undefined;
    const list = this.lists.get(rank);
    if (list !== undefined) {
      this.lists.delete(rank);
      this.lists.set(rank, list);
    }
    return list;
  }

  /** The slug rank of the centre `slug` when its list is kept (for whichever version is kept: the read checks it), else -1. */
  keptCentre(slug: string): number {
    const rank = this.centres.get(slug);
    return rank !== undefined && this.lists.has(rank) ? rank : -1;
  }

  /** Keeps what a read of `version` fetched (call only once the read's stamp check passed); another version replaces everything kept. */
  add(version: string, fetched: ReadonlyMap<number, AdjacencyEntry[]>, centre?: { slug: string; rank: number }): void {
    if (version !== this.version) {
      this.version = version;
      this.lists.clear();
      this.centres.clear();
      this.entries = 0;
    }
    if (centre !== undefined) {
      // Bounded as the lists are: a map of every centre asked would grow with the library.
      if (this.centres.size >= this.maxEntries / 4) this.centres.clear();
      this.centres.set(centre.slug, centre.rank);
    }
    for (const [rank, list] of fetched) {
      // A list longer than the whole bound would only push everything else out.
      if (this.lists.has(rank) || list.length > this.maxEntries / 4) continue;
      this.lists.set(rank, list);
      this.entries += list.length + 1;
    }
    for (const [rank, list] of this.lists) {
      if (this.entries <= this.maxEntries) break;
      this.lists.delete(rank);
      this.entries -= list.length + 1;
    }
  }

  /** How many entries are kept (tests, the bench). */
  get size(): number {
    return this.entries;
  }
}
