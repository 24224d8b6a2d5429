// The read queries neighbourhoods and paths share over what the load stores for them
// (neo4j-adjacency.ts, neo4j-read-properties.ts): a frontier's adjacency and the cards of an
// answer's patterns, by slug rank, and the views and links made from a card. Kept apart from those
// two modules because the load imports them and this one imports neo4j-cypher.ts, whose imports
// reach the load: together they would make an import cycle.
import { danglingLinkView } from "../algorithms/views.ts";
import type { DanglingRef, LinkView, NodeView } from "../../core/model.ts";
import { adjacencyColumns, parseAdjacency, type AdjacencyEntry, type NeighbourList } from "./neo4j-adjacency.ts";
import { byRank, linkViewOf, nodeView } from "./neo4j-cypher.ts";
import { LABELS } from "./neo4j-model.ts";
import type { AdjacencyCache } from "./neo4j-adjacency-cache.ts";
import type { CardCache } from "./neo4j-card-cache.ts";
import { STAMP_AFTER_COLUMN, stampAfter, stampOfColumn, versionOf } from "./neo4j-stamp.ts";
import { cardColumns, isDangling, parseCard, type Card, type CardDangling, type CardLink } from "./neo4j-read-properties.ts";

/** The adjacency of the patterns with the slug ranks `$ranks` of the copy `$lib`: one row, read with adjacencyByRank. */
export const ADJACENCY_OF_RANKS = `UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")}
  WITH n, ${adjacencyColumns("n")}
  RETURN collect([n.rank, adj, live]) AS adj`;
export interface AdjacencyRow {
  adj: [number, string | null, AdjacencyEntry[] | null][];
}

/** Each pattern's entries by slug rank, from the row of ADJACENCY_OF_RANKS. */
export const adjacencyByRank = (row: AdjacencyRow | undefined): Map<number, NeighbourList> =>
  new Map((row?.adj ?? []).map(([rank, adj, live]) => [Number(rank), parseAdjacency(adj, live)]));

/** The caches a read uses and fills: the adjacency, and the cards (without it, every card is fetched). */
export interface ReadCaches {
  adjacency: AdjacencyCache;
  cards?: CardCache;
}

/**
 * What one read (one round of Reads.readFolded) keeps of the adjacency and the cards: the caches'
 * values of the version the read started at (null: a change was committing, nothing is kept or
 * used), and what it fetched, for the caches once the read's stamps agreed (keep).
 */
export class ReadKept {
  readonly fetched = new Map<number, NeighbourList>();
  private readonly fetchedCards = new Map<number, Card>();
  private readonly cache: AdjacencyCache;
  private readonly cardCache: CardCache | undefined;

  constructor(
    caches: ReadCaches,
    private readonly version: string | null,
  ) {
    this.cache = caches.adjacency;
    this.cardCache = caches.cards;
  }

  /** The stamp a first query gave (stampBefore) as the version whose cached values this read may use. */
  static startingAt(caches: ReadCaches, stampBefore: unknown): ReadKept {
    const stamp = stampOfColumn(stampBefore);
    return new ReadKept(caches, stamp.pending ? null : versionOf(stamp));
  }

  /**
   * The cards of `ranks` in their order (unknown ranks left out): kept cards, the rest in one round
   * trip of `fetch` (CARDS_OF_RANKS, which also gives the stamp after). With every card kept there is
   * no query, and the read checks the stamp in one of its own (Reads.readFolded).
   */
  async cardsOf(ranks: readonly number[], fetch: (missing: number[]) => Promise<CardsRow | undefined>): Promise<Map<number, Card>> {
    const kept = new Map<number, Card>();
    const missing: number[] = [];
    for (const rank of ranks) {
      const card = this.version === null || this.cardCache === undefined ? undefined : this.cardCache.get(this.version, rank);
      if (card !== undefined) kept.set(rank, card);
      else missing.push(rank);
    }
    if (missing.length === 0) return kept;
    const read = cardsByRank(await fetch(missing));
    for (const [rank, card] of read) this.fetchedCards.set(rank, card);
    if (kept.size === 0) return read;
    const out = new Map<number, Card>();
    for (const rank of ranks) {
      const card = kept.get(rank) ?? read.get(rank);
      if (card !== undefined) out.set(rank, card);
    }
    return out;
  }

  /** The adjacency of `ranks` in their order (unknown ranks left out): kept lists, the rest in one round trip of `fetch` (ADJACENCY_OF_RANKS). */
  async of(ranks: readonly number[], fetch: (missing: number[]) => Promise<AdjacencyRow | undefined>): Promise<Map<number, NeighbourList>> {
    const kept = new Map<number, NeighbourList>();
    const missing: number[] = [];
    for (const rank of ranks) {
      const list = this.version === null ? undefined : this.cache.get(this.version, rank);
      if (list !== undefined) kept.set(rank, list);
      else missing.push(rank);
    }
    if (missing.length === 0) return kept;
    const read = adjacencyByRank(await fetch(missing));
    for (const [rank, list] of read) this.fetched.set(rank, list);
    if (kept.size === 0) return read;
    const out = new Map<number, NeighbourList>();
    for (const rank of ranks) {
      const list = kept.get(rank) ?? read.get(rank);
      if (list !== undefined) out.set(rank, list);
    }
    return out;
  }

  private centre: { slug: string; rank: number } | undefined;

  /** Notes a neighbourhood's centre and its list, read with the first query (or kept: AdjacencyCache.keptCentre). */
  noteCentre(slug: string, rank: number, list: NeighbourList): void {
    this.centre = { slug, rank };
    this.fetched.set(rank, list);
  }

  /** Hands what this read fetched to the caches: call once the read returned (its stamps agreed). */
  keep(): void {
    if (this.version === null) return;
    if (this.fetched.size > 0) this.cache.add(this.version, this.fetched, this.centre);
    if (this.fetchedCards.size > 0) this.cardCache?.add(this.version, this.fetchedCards);
  }
}

/**
 * The cards of the patterns with the slug ranks `$ranks` of the copy `$lib` (index seeks returning
 * one stored value each): one row, read with cardsByRank. The last query of a neighbourhood or a
 * path, so it also gives the copy's stamp after its reads (stampAfter, Reads.readFolded).
 */
export const CARDS_OF_RANKS = `UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")}
  WITH k, ${cardColumns("n")}
  WITH collect([k, card, liveCard]) AS cards
  ${stampAfter("cards")}
  RETURN cards, ${STAMP_AFTER_COLUMN}`;
export interface CardsRow {
  cards: [number, string | null, unknown][];
}

/** Each pattern's card by slug rank, from the row of CARDS_OF_RANKS. */
export const cardsByRank = (row: CardsRow | undefined): Map<number, Card> =>
  new Map((row?.cards ?? []).map(([rank, card, live]) => [Number(rank), parseCard(card, live)]));

/** A card's node view. */
export const cardView = (card: Card): NodeView => nodeView([card[0], card[1], card[2], card[3], card[4]]);

/** The LinkView of a card's declaration, `source` the card's pattern, `target` the slug of entry[0] (a pattern's). */
export function cardLinkView(source: string, entry: CardLink | CardDangling, target: string): LinkView {
  const [, type, weight, description] = entry;
  if (isDangling(entry)) {
    const ref = { source, type, target: entry[4] } as DanglingRef;
    if (weight !== null) ref.weight = weight;
    if (description !== null) ref.description = description;
    return danglingLinkView(ref);
  }
  return linkViewOf([source, type, target, weight, description]);
}
