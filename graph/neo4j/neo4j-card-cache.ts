// Decoded cards (neo4j-read-properties.ts: a pattern's node view and declarations) kept from one
// answer to the next, for the copy revision being served (neo4j-rank-cache.ts): the last query of
// every neighbourhood and path reads ~200 of them, and the bench's depth-2 neighbourhoods at 10x
// come back to the same patterns again and again.
import type { Card } from "./neo4j-read-properties.ts";
import { RankCache } from "./neo4j-rank-cache.ts";

/** Heap kept at most: 32 MB, ~36,000 cards (the 10x library has 35,710), 2026-12-06. */
export const CARD_CACHE_BYTES = 32 * 2 ** 20;

/**
 * Heap of a decoded card and of each declaration beside their strings' characters. Calibrated on
 * 20,000 cards of the 10x library (104,490 declarations, 2.8 million characters): 17.9 MB of heap
 * measured, 17.9 MB estimated, 2026-12-06.
 */
const CARD_BYTES = 140;
const DECLARATION_BYTES = 117;

/** The heap a decoded card is counted as taking. */
export function cardBytes(card: Card): number {
  let bytes = CARD_BYTES + card[0].length + card[1].length + (card[2]?.length ?? 0) + (card[3]?.length ?? 0);
  for (const entry of card[5]) bytes += DECLARATION_BYTES + entry[1].length + (entry[3]?.length ?? 0) + (entry.length === 5 ? entry[4].length : 0);
  return bytes;
}

export class CardCache extends RankCache<Card> {
  constructor(maxBytes = CARD_CACHE_BYTES) {
    super(cardBytes, maxBytes);
  }
}
