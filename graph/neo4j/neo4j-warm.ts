// The Neo4j store's warm-up (graph/warm-reads.ts): every pattern's stored reads read once (Neo4j's
// page cache), then one depth-2 neighbourhood and one path from the best-linked of the first patterns
// in slug order, so that the read queries of both (the centre, a level's adjacency, the cards, the
// ends of a path) are planned before the first request needs them. At 10x on a Neo4j just started
// (load 12-23, 2026-12-06): the first 20 neighbourhoods took 17.7-21.4 s without a warm-up, 9.1-14.2 s
// after the neighbourhood and path alone, 3.5 s after the scan too (~1.2 s of it, 6.8 s in all).
import { QueryTimeoutError } from "../../core/errors.ts";
import type { GraphStore } from "../store.ts";
import type { Reads } from "./neo4j-connection.ts";
import { byRank, CURRENT } from "./neo4j-cypher.ts";
import { LABELS } from "./neo4j-model.ts";

/** Patterns looked at to pick the centre: a few index entries, whatever the library's size. */
const CANDIDATES = 50;

export async function warmReads(store: Pick<GraphStore, "neighborhood" | "paths">, { read, rows }: Reads): Promise<number> {
  const start = performance.now();
  const picked = await read((tx) =>
    rows<{ slug: string }>(
      tx,
      `${CURRENT} MATCH (n:${LABELS.pattern} {lib: lib}) ${byRank("n")} WHERE n.rank >= 0
       WITH n ORDER BY n.rank LIMIT ${CANDIDATES}
       RETURN n.slug AS slug ORDER BY n.degree DESC, n.rank LIMIT 2`,
    ),
  );
  // Every pattern's stored reads (index entries, adjacency, card) read once, so that the first
  // answers find them in Neo4j's page cache instead of on disk. A library too large to read within
  // the query budget is warm as far as it got: the warm-up goes on.
  await read((tx) =>
    rows(tx, `${CURRENT} MATCH (n:${LABELS.pattern} {lib: lib}) ${byRank("n")} WHERE n.rank >= 0 RETURN count(n) AS patterns, sum(size(coalesce(n.adj, "")) + size(coalesce(n.card, ""))) AS chars`),
  ).catch((error: unknown) => {
    if (!(error instanceof QueryTimeoutError)) throw error;
  });
  if (picked.length > 0) {
    const [a, b] = picked.map((r) => r.slug);
    await store.neighborhood(a!, { depth: 2, direction: "both", limit: 200 });
    if (b !== undefined) await store.paths(a!, b, { k: 1, maxLength: 6, directed: false });
  }
  return Math.round(performance.now() - start);
}
