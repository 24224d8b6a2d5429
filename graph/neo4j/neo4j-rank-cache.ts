// Decoded values of one copy revision kept from one answer to the next by slug rank (the adjacency,
// neo4j-adjacency-cache.ts; the cards, neo4j-card-cache.ts): a neighbourhood or a path search reads
// the same hubs' lists and the same patterns' cards again and again, and fetching and decoding them
// was most of an answer's cost on both sides of the Bolt connection. Values are taken only from
// reads whose copy stamp held before and after (Reads.readFolded), under that revision's version: a
// copy is never changed in place without a new revision, so what is kept for a version stays true
// for it. Bounded by the heap its values take (estimated by `bytesOf`), least recently used out, so
// that its share of the server's memory is the same at any library size.

/** What a cache did since the server started (the bench and the docs give its hit rate). */
export interface RankCacheStats {
  /** Values asked for and found kept, and not. */
  hits: number;
  misses: number;
  /** Values kept now, the heap they are counted as taking, and the bound. */
  kept: number;
  bytes: number;
  maxBytes: number;
}

export class RankCache<T> {
  protected version = "";
  protected readonly values = new Map<number, { value: T; bytes: number }>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly bytesOf: (value: T) => number,
    protected readonly maxBytes: number,
  ) {}

  /** The kept value of the pattern with slug rank `rank` in `version`, marked as recently used. */
  get(version: string, rank: number): T | undefined {
    const kept = version === this.version ? this.values.get(rank) : undefined;
    if (kept === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.values.delete(rank);
    this.values.set(rank, kept);
    return kept.value;
  }

  /** Keeps what a read of `version` fetched (call only once the read's stamp check passed); another version replaces everything kept. */
  add(version: string, fetched: ReadonlyMap<number, T>): void {
    if (version !== this.version) {
      this.version = version;
      this.values.clear();
      this.bytes = 0;
      this.cleared();
    }
    for (const [rank, value] of fetched) {
      if (this.values.has(rank)) continue;
      const bytes = this.bytesOf(value);
      // A value larger than a quarter of the bound would only push everything else out.
      if (bytes > this.maxBytes / 4) continue;
      this.values.set(rank, { value, bytes });
      this.bytes += bytes;
    }
    for (const [rank, kept] of this.values) {
      if (this.bytes <= this.maxBytes) break;
      this.values.delete(rank);
      this.bytes -= kept.bytes;
    }
  }

  /** Called when another version replaces what was kept. */
  protected cleared(): void {}

  /** The heap the kept values are counted as taking (tests, the bench). */
  get size(): number {
    return this.bytes;
  }

  stats(): RankCacheStats {
    return { hits: this.hits, misses: this.misses, kept: this.values.size, bytes: this.bytes, maxBytes: this.maxBytes };
  }
}
