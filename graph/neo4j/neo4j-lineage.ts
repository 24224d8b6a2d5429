// A pattern's lineage on the Neo4j store: a breadth-first walk per direction, one query per level,
// then the lineage facts among the patterns found. Levels, cut and edges are the shared rules
// (core/assembly.ts lineageLevels and lineageNodes, algorithms/lineage.ts mergeLineageFacts).
import { LINEAGE_HINT, lineageBudget, mergeLineageFacts, type LineageLinkType } from "../algorithms/lineage.ts";
import { checkLineageDepth } from "../algorithms/query-options.ts";
import { lineageLevels, lineageNodes } from "../../core/assembly.ts";
import type { Lineage, NodeView, Slug } from "../../core/model.ts";
import type { Props, Reader, Reads } from "./neo4j-connection.ts";
import { byKey, CURRENT_OR_NULL, NODE_VIEW, nodeView, type NodeRow } from "./neo4j-cypher.ts";
import { withHint } from "./neo4j-errors.ts";
import { LABELS, linkTypeOf } from "./neo4j-model.ts";
import type { NotFound } from "./neo4j-search.ts";

/** The parents of `x` (declared on x as generalizes_from, or on them as specializes_to); self-links never count. */
const PARENTS = `MATCH (x)-[:GENERALIZES_FROM]->(y) WHERE y <> x RETURN y AS n
  UNION MATCH (x)<-[:SPECIALIZES_TO]-(y) WHERE y <> x RETURN y AS n`;
const CHILDREN = `MATCH (x)-[:SPECIALIZES_TO]->(y) WHERE y <> x RETURN y AS n
  UNION MATCH (x)<-[:GENERALIZES_FROM]-(y) WHERE y <> x RETURN y AS n`;

/**
 * The lineage of `slug` to `depth` levels either way, as the memory store answers it. Up to
 * 2 * (depth + 1) + 2 round trips: together within the query budget, checked between them.
 * @throws InvalidInputError for a depth out of range, NotFoundError (with suggestions) for an unknown slug.
 */
export async function lineage({ read, rows, queryTimeoutMs }: Reads, notFound: NotFound, slug: string, depth: number, signal?: AbortSignal): Promise<Lineage> {
  checkLineageDepth(depth);
  const budget = lineageBudget(signal, { timeMs: queryTimeoutMs });
  const timed = <T>(tx: Reader, query: string, params: Props): Promise<T[]> => {
    budget.check();
    return rows<T>(tx, query, params, budget.remainingMs());
  };
  return withHint(LINEAGE_HINT, read(async (tx) => {
    // The current copy and the root's view in one round trip (before the budget counts).
    const [head] = await rows<{ lib: string | null; nodes: NodeRow[] }>(
      tx,
      `${CURRENT_OR_NULL}
       RETURN lib, COLLECT { MATCH (n:${LABELS.pattern} {lib: lib, slug: $slug}) ${byKey("n")} RETURN ${NODE_VIEW} } AS nodes`,
      { slug },
    );
    // OPTIONAL MATCH always gives one row.
    const lib = head!.lib ?? null;
    const views = new Map<string, NodeView>(head!.nodes.map((n) => [n[0], nodeView(n)]));
    if (!views.has(slug)) throw await notFound(tx, lib, slug);
    /** Breadth-first along one lineage direction, one query per level, one level further than asked. */
    const walk = async (relatives: string): Promise<Map<string, number>> => {
      const level = new Map<string, number>();
      let frontier = [slug];
      for (let d = 1; d <= depth + 1 && frontier.length > 0; d++) {
        const found = await timed<{ n: NodeRow }>(
          tx,
          `UNWIND $frontier AS s MATCH (x:${LABELS.pattern} {lib: $lib, slug: s})
           CALL (x) { ${relatives} }
           RETURN DISTINCT ${NODE_VIEW} AS n`,
          { lib, frontier },
        );
        frontier = [];
        for (const { n: row } of found) {
          const [s] = row;
          if (s === slug || level.has(s)) continue;
          level.set(s, d);
          views.set(s, nodeView(row));
          frontier.push(s);
        }
      }
      return level;
    };
    const up = await walk(PARENTS);
    const down = await walk(CHILDREN);
    const { levels, truncated } = lineageLevels(slug, up, down, depth);
    const nodes = lineageNodes(levels, (s) => views.get(s)!);

    const facts = await timed<{ a: string; type: string; b: string }>(
      tx,
      `UNWIND $slugs AS s MATCH (x:${LABELS.pattern} {lib: $lib, slug: s})-[r:GENERALIZES_FROM|SPECIALIZES_TO]->(y:${LABELS.pattern})
       WHERE x <> y RETURN x.slug AS a, type(r) AS type, y.slug AS b`,
      { lib, slugs: [...levels.keys()] },
    );
    const edges = mergeLineageFacts(
      facts
        .filter((f) => levels.has(f.b))
        .map((f) => {
          const type = linkTypeOf(f.type) as LineageLinkType;
          return type === "generalizes_from" ? { parent: f.b, child: f.a, declaredAs: type } : { parent: f.a, child: f.b, declaredAs: type };
        }),
    );
    budget.check();
    return { root: slug as Slug, depth, nodes, edges, truncated };
  }));
}
