// The read queries neighbourhoods and paths share over what the load stores for them
// (neo4j-adjacency.ts, neo4j-read-properties.ts): a frontier's adjacency and the cards of an
// answer's patterns, by slug rank, and the views and links made from a card. Kept apart from those
// two modules because the load imports them and this one imports neo4j-cypher.ts, whose imports
// reach the load: together they would make an import cycle.
import { danglingLinkView } from "../algorithms/views.ts";
import type { DanglingRef, LinkView, NodeView } from "../../core/model.ts";
import { adjacencyColumns, parseAdjacency, type AdjacencyEntry } from "./neo4j-adjacency.ts";
import { byRank, linkViewOf, nodeView } from "./neo4j-cypher.ts";
import { LABELS } from "./neo4j-model.ts";
import { cardColumns, isDangling, parseCard, type Card, type CardDangling, type CardLink } from "./neo4j-read-properties.ts";

/** The adjacency of the patterns with the slug ranks `$ranks` of the copy `$lib`: one row, read with adjacencyByRank. */
export const ADJACENCY_OF_RANKS = `UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")}
  WITH n, ${adjacencyColumns("n")}
  RETURN collect([n.rank, adj, live]) AS adj`;
export interface AdjacencyRow {
  adj: [number, string | null, AdjacencyEntry[] | null][];
}

/** Each pattern's entries by slug rank, from the row of ADJACENCY_OF_RANKS. */
export const adjacencyByRank = (row: AdjacencyRow | undefined): Map<number, AdjacencyEntry[]> =>
  new Map((row?.adj ?? []).map(([rank, adj, live]) => [Number(rank), parseAdjacency(adj, live)]));

/** The cards of the patterns with the slug ranks `$ranks` of the copy `$lib` (index seeks returning one stored value each): one row, read with cardsByRank. */
export const CARDS_OF_RANKS = `UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")}
  WITH k, ${cardColumns("n")}
  RETURN collect([k, card, liveCard]) AS cards`;
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
