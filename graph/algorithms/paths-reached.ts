// What a path search over fetched links (paths-fetched.ts) has reached: which side reached each
// node, its neighbour count, and the nodes in the order first reached, in tables indexed by slug
// rank. Two Sets and a Map keyed by rank were about a fifth of the server's CPU of a path answered
// from Neo4j at 100x (~50,000 links taken per answer, each probing them four or five times, and
// their growth part of the garbage; CPU profile of 2026-12-07). A search's tables come from a small
// pool and go back to it cleared of what the search wrote, so that searches allocate nothing per
// rank of the library (a table spans the largest rank seen: ~357,000 at 100x, 1.8 MB).

/** Bits of `Reached.by`: reached from the `from` end, from the `to` end. */
export const FROM_SIDE = 1;
export const TO_SIDE = 2;

interface Tables {
  by: Uint8Array;
  neighbours: Int32Array;
}

/** Tables given back, reused by the next searches (a few: the searches running at once). */
const pool: Tables[] = [];
const POOL_SIZE = 4;

export class Reached {
  private by: Uint8Array;
  private counts: Int32Array;
  /** Every node reached by either side, once, in the order first reached. */
  readonly ranks: number[] = [];

  constructor() {
    const tables = pool.pop() ?? { by: new Uint8Array(1024), neighbours: new Int32Array(1024) };
    this.by = tables.by;
    this.counts = tables.neighbours;
  }

  /** Whether `side` (FROM_SIDE or TO_SIDE) reached `rank`. */
  has(rank: number, side: number): boolean {
    return rank < this.by.length && (this.by[rank]! & side) !== 0;
  }

  /** Notes that `side` reached `rank`, whose neighbour count (a stored figure) is `neighbours`. */
  add(rank: number, side: number, neighbours: number): void {
    if (rank >= this.by.length) this.grow(rank);
    if (this.by[rank] === 0) this.ranks.push(rank);
    this.by[rank]! |= side;
    this.counts[rank] = neighbours;
  }

  /** The neighbour count of a reached node; 0 for a node not reached. */
  neighbours(rank: number): number {
    return rank < this.counts.length ? this.counts[rank]! : 0;
  }

  /** Clears what this search wrote and gives the tables back: call once, when the search is over. */
  release(): void {
    for (const rank of this.ranks) {
      this.by[rank] = 0;
      this.counts[rank] = 0;
    }
    this.ranks.length = 0;
    if (pool.length < POOL_SIZE) pool.push({ by: this.by, neighbours: this.counts });
    this.by = new Uint8Array(0);
    this.counts = new Int32Array(0);
  }

  private grow(rank: number): void {
    const size = Math.max(rank + 1, 2 * this.by.length);
    const by = new Uint8Array(size);
    by.set(this.by);
    const counts = new Int32Array(size);
    counts.set(this.counts);
    this.by = by;
    this.counts = counts;
  }
}
