// Decoded adjacency (neo4j-adjacency.ts) kept from one answer to the next, for the copy revision
// being served: a depth-2 neighbourhood or a path search reads the adjacency of the same hubs again
// and again, and fetching and decoding it (JSON around hubs) was most of the Node side of an answer.
// Entries are taken only from reads whose copy stamp held before and after (Reads.readFolded), under
// that revision's version: a copy is never changed in place without a new revision, so what is kept
// for a version stays true for it. Bounded by the heap its lists take (estimated per entry from its
// strings, listBytes), least recently used out, so that its share of the server's memory is the same
// at any library size.
import type { AdjacencyEntry } from "./neo4j-adjacency.ts";

/**
 * Heap kept at most: 48 MB. A server on Neo4j must stay under 400 MB of RSS at 100x; at 10x the
 * bench's 500 depth-2 neighbourhoods read ~180,000 entries' lists (2026-12-06).
 */
export const ADJACENCY_CACHE_BYTES = 48 * 2 ** 20;

/**
 * Heap of one decoded entry beside its strings' characters: the array (8 slots) and its string headers.
 * Calibrated on the 10x library: the 3,000 best-linked patterns' lists, 206,467 entries, took 43.4 MB
 * of heap (220 bytes an entry, ~55 of them characters; the estimate gives 44 MB), 2026-12-06.
 */
const ENTRY_BYTES = 165;
/** A kept list's own cost beside its entries (the array and the map's slot). */
const LIST_BYTES = 64;

/** The heap a decoded list is counted as taking. */
export function listBytes(list: readonly AdjacencyEntry[]): number {
  let bytes = LIST_BYTES;
  for (const entry of list) {
    bytes += ENTRY_BYTES + entry[2].length;
    // A pattern's entry: its slug and domain; a placeholder's: its target as written.
    if (entry.length === 8) bytes += entry[5].length + (entry[6]?.length ?? 0);
    else bytes += entry[4].length;
  }
  return bytes;
}

/** What the cache did since the server started (the bench and the docs give its hit rate). */
export interface AdjacencyCacheStats {
  /** Lists asked for and found kept, and not. */
  hits: number;
  misses: number;
  /** Lists kept now, the heap they are counted as taking, and the bound. */
  lists: number;
  bytes: number;
  maxBytes: number;
}

export class AdjacencyCache {
  private version = "";
  private readonly lists = new Map<number, { list: AdjacencyEntry[]; bytes: number }>();
  /** The slug ranks of neighbourhood centres read in this version, so a first query can leave out a kept centre's list. */
  private readonly centres = new Map<string, number>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly maxBytes = ADJACENCY_CACHE_BYTES) {}

  /** The kept adjacency of the pattern with slug rank `rank` in `version`, marked as recently used. */
  get(version: string, rank: number): AdjacencyEntry[] | undefined {
    const kept = version === this.version ? this.lists.get(rank) : undefined;
    if (kept === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.lists.delete(rank);
    this.lists.set(rank, kept);
    return kept.list;
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
      this.bytes = 0;
    }
    if (centre !== undefined) {
      // Bounded as the lists are: a map of every centre asked would grow with the library (a
      // centre's entry is a slug and a number, ~100 bytes: one per 40 KB of the bound).
      if (this.centres.size >= this.maxBytes / 40_000) this.centres.clear();
      this.centres.set(centre.slug, centre.rank);
    }
    for (const [rank, list] of fetched) {
      if (this.lists.has(rank)) continue;
      const bytes = listBytes(list);
      // A list larger than a quarter of the bound would only push everything else out.
      if (bytes > this.maxBytes / 4) continue;
      this.lists.set(rank, { list, bytes });
      this.bytes += bytes;
    }
    for (const [rank, kept] of this.lists) {
      if (this.bytes <= this.maxBytes) break;
      this.lists.delete(rank);
      this.bytes -= kept.bytes;
    }
  }

  /** The heap the kept lists are counted as taking (tests, the bench). */
  get size(): number {
    return this.bytes;
  }

  stats(): AdjacencyCacheStats {
    return { hits: this.hits, misses: this.misses, lists: this.lists.size, bytes: this.bytes, maxBytes: this.maxBytes };
  }
}
