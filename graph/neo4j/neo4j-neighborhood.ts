// The neighbourhood of a pattern on the Neo4j store, in two round trips: a breadth-first search
// that sends every candidate within the depth with the links reaching it, then the kept nodes' views
// and the links among them. Ranking, cut and grouping are the shared rules (neighborhood-rank.ts),
// the memory store's own.
import neo4j from "neo4j-driver";
import { compareDangling } from "../algorithms/library-order.ts";
import {
  groupLeftOut,
  groupPage,
  rankReach,
  reachFromLevels,
  summarizeCut,
  type CandidateNames,
  type FetchedCandidate,
} from "../algorithms/neighborhood-rank.ts";
import { checkNeighborhoodOptions } from "../algorithms/query-options.ts";
import { QUERY_LIMITS } from "../../core/query-limits.ts";
import { parseGroupKey } from "../../core/neighborhood.ts";
import { linkStrength } from "../algorithms/relevance.ts";
import { compareStrings, danglingLinkView, danglingNodeView } from "../algorithms/views.ts";
import { danglingSlug } from "../build-graph.ts";
import type { LinkView, NeighborhoodOptions, NodeView, ScoredNodeView, Slug, Subgraph } from "../../core/model.ts";
import type { Props, Reads } from "./neo4j-connection.ts";
import { byKey, byRank, CURRENT_OR_NULL, linkViewOf, literal, nodeView, step, type NodeRow } from "./neo4j-cypher.ts";
import { withHint } from "./neo4j-errors.ts";
import { LABELS, danglingFromProperties, linkTypeOf, relationshipTypes } from "./neo4j-model.ts";
import type { NotFound } from "./neo4j-search.ts";

const NEIGHBORHOOD_HINT = "Ask for a smaller depth or limit, or fewer link types.";

/** One candidate of a level as reachQuery sends it: slug rank, degree, slug, domain, and the links reaching it (from rank, relationship or link type, weight). */
type ReachCandidateRow = [number, number, string, string | null, [number, string, number | null][]];

/** The breadth-first part of a neighbourhood (see reachQuery). */
interface ReachRow {
  lib: string | null;
  found: boolean;
  /** The centre's slug rank and degree (null when not found). */
  center: number | null;
  centerDegree: number | null;
  /** Per level from 1: the patterns first reached there, then the placeholders (degree 0, slug `dangling:<target>` built by the caller from the target, domain null). */
  levels: [ReachCandidateRow[], ReachCandidateRow[]][];
}

/** The answer's part of a neighbourhood (see keptQuery). */
interface KeptRow {
  /** The patterns' node view fields and slug ranks. */
  nodes: [...NodeRow, number][];
  /** Links among those patterns, one group per relationship type: source position (in `nodes`), target rank, weight, description. */
  links: [string, number[], number[], (number | null)[], (string | null)[]][];
  /** The declarations (with `rank`) of those patterns whose placeholders are asked for. */
  refs: Props[];
}

/**
 * The breadth-first search of a neighbourhood in one query: one step per level, unrolled `depth`
 * times, each level the patterns one hop from the frontier not reached before, with every followed
 * link reaching each from the frontier, plus (following links out) the placeholders the frontier
 * declares, with their declarations. Every candidate within the depth is sent (the ranking is the
 * caller's: neighborhood-rank.ts), identified by its slug rank, an integer.
 */
function reachQuery(options: NeighborhoodOptions): string {
  const types = relationshipTypes(options.types);
  const nothingToFollow = types !== null && types.length === 0;
  // Dangling targets matter only when following links out (declarations point out of their file).
  const withRefs = options.direction !== "in";
  const hop = step(options.direction, types);
  const found = nothingToFollow
    ? "[]"
    : `COLLECT {
         UNWIND front AS a MATCH (a)${hop}(n) WHERE NOT n IN seen
         WITH n, collect([a.rank, type(r), r.weight]) AS reaching
         RETURN [n, reaching]
       }`;
  const foundP = withRefs
    ? `COLLECT {
         UNWIND front AS a MATCH (x:${LABELS.dangling} {lib: lib, source: a.slug})
         WHERE ($linkTypes IS NULL OR x.type IN $linkTypes) AND NOT x.rank IN seenP
         WITH x.rank AS p, min(x.target) AS target, collect([a.rank, x.type, x.weight]) AS reaching
         RETURN [p, 0, target, null, reaching]
       }`
    : "[]";
  const level = `WITH lib, c, seen, seenP, levels, ${found} AS found, ${foundP} AS foundP
     WITH lib, c, seen, seenP, levels, foundP, [f IN found | f[0]] AS layer, [f IN found | [f[0].rank, f[0].degree, f[0].slug, f[0].domain, f[1]]] AS rows
     WITH lib, c, seen + layer AS seen, seenP + [p IN foundP | p[0]] AS seenP, levels + [[rows, foundP]] AS levels, layer AS front`;
  return `${CURRENT_OR_NULL}
     OPTIONAL MATCH (c:${LABELS.pattern} {lib: lib, slug: $slug}) ${byKey("c")}
     WITH lib, c, CASE WHEN c IS NULL THEN [] ELSE [c] END AS seen
     WITH lib, c, seen, [] AS seenP, seen AS front, [] AS levels
     ${Array.from({ length: literalDepth(options.depth) }, () => level).join("\n     ")}
     RETURN lib, c IS NOT NULL AS found, c.rank AS center, c.degree AS centerDegree, levels`;
}

/** A neighbourhood depth as a checked integer, since it decides how many levels the query text has. */
const literalDepth = (depth: number): number => Number(literal(depth, QUERY_LIMITS.neighborhoodDepth.max));

/**
 * The kept nodes of a neighbourhood, found by slug rank: their views, the links among them of the
 * types asked (positions and ranks instead of slugs, one group per type so that each type name
 * is decoded once), and the declarations of the kept placeholders.
 */
function keptQuery(options: NeighborhoodOptions): string {
  const types = relationshipTypes(options.types);
  const nothingToFollow = types !== null && types.length === 0;
  const links = nothingToFollow
    ? "[]"
    : `COLLECT {
         UNWIND range(0, size(kept) - 1) AS i
         WITH kept[i] AS a, i
         MATCH (a)${step("out", types)}(b) WHERE b IN kept
         WITH type(r) AS type, collect(i) AS sources, collect(b.rank) AS targets,
              collect([r.weight]) AS weights, collect([r.description]) AS descriptions
         RETURN [type, sources, targets, [w IN weights | w[0]], [x IN descriptions | x[0]]]
       }`;
  // collect() drops nulls, so weights and descriptions are wrapped and unwrapped to keep them.
  return `WITH COLLECT { UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")} RETURN n } AS kept
     RETURN [n IN kept | [n.slug, n.title, n.domain, n.status, n.degree, n.rank]] AS nodes,
       ${links} AS links,
       COLLECT {
         UNWIND CASE WHEN size($placeholders) = 0 THEN [] ELSE kept END AS a
         MATCH (x:${LABELS.dangling} {lib: $lib, source: a.slug})
         WHERE x.rank IN $placeholders AND ($linkTypes IS NULL OR x.type IN $linkTypes)
         RETURN properties(x)
       } AS refs`;
}

/**
 * The neighbourhood of `slug`: the memory store's answer, from two round trips.
 * @throws InvalidInputError for options out of range, NotFoundError (with suggestions) for an unknown slug.
 */
export async function neighborhood({ read, rows }: Reads, notFound: NotFound, slug: string, options: NeighborhoodOptions): Promise<Subgraph> {
  checkNeighborhoodOptions(options);
  const linkTypes = options.types ?? null;
  return withHint(NEIGHBORHOOD_HINT, read(async (tx) => {
    // Round trip 1: every candidate within the depth, with the links reaching it.
    const [reach] = await rows<ReachRow>(tx, reachQuery(options), { slug, linkTypes });
    // OPTIONAL MATCH always gives one row.
    if (!reach!.found) throw await notFound(tx, reach!.lib, slug);

    // The shared rules rank, cut and group (neighborhood-rank.ts), as the memory store's.
    const slugAt = new Map<number, string>([[Number(reach!.center), slug]]);
    const domainAt = new Map<number, string | null>();
    const placeholders = new Set<number>();
    // Every declaration of a placeholder names the same target (its slug rank is the target's).
    const placeholderViews = new Map<number, NodeView>();
    const levels: FetchedCandidate[][] = reach!.levels.map(([real, dangling]) => {
      const level: FetchedCandidate[] = [];
      for (const [rank, degree, s, domain, reaching] of real) {
        slugAt.set(Number(rank), s);
        domainAt.set(Number(rank), domain);
        level.push({ rank: Number(rank), degree: Number(degree), reaching: reaching.map(([from, type, weight]) => [Number(from), linkTypeOf(type), weight] as const) });
      }
      for (const [rank, , target, , reaching] of dangling) {
        slugAt.set(Number(rank), danglingSlug(target));
        placeholderViews.set(Number(rank), danglingNodeView(target));
        placeholders.add(Number(rank));
        level.push({ rank: Number(rank), degree: 0, reaching: reaching.map(([from, type, weight]) => [Number(from), type, weight] as const) });
      }
      return level;
    });
    const center = Number(reach!.center);
    const { reach: fetched, typeNames } = reachFromLevels({ rank: center, degree: Number(reach!.centerDegree) }, levels, linkStrength);
    const cutLimit = options.group === undefined ? options.limit : parseGroupKey(options.group)!.limit;
    const ranking = rankReach(fetched, cutLimit);
    const rankOf = fetched.slugRank;
    const domains = [...new Set([...domainAt.values()].filter((d): d is string => d !== null))].sort(compareStrings);
    const domainNumber = new Map(domains.map((d, i) => [d, i]));
    const names: CandidateNames = {
      slug: (c) => slugAt.get(rankOf[c]!)!,
      domainNumber: (c) => domainNumber.get(domainAt.get(rankOf[c]!) ?? "") ?? -1,
      domainName: (d) => domains[d]!,
      typeName: (t) => typeNames[t]!,
      types: typeNames.length,
      domains: domains.length,
    };
    const groups = ranking.keptCount < fetched.count ? groupLeftOut(ranking, names, cutLimit) : [];
    let answer: number[];
    let ends: number[];
    let summary: Pick<Subgraph, "total" | "groups" | "truncated" | "group">;
    const keptCandidates = Array.from(ranking.order.subarray(0, ranking.keptCount));
    if (options.group === undefined) {
      answer = keptCandidates;
      ends = answer;
      summary = summarizeCut(ranking, groups, names, cutLimit);
    } else {
      const page = groupPage(groups, options.group, options.offset ?? 0, options.limit);
      answer = page.members;
      ends = [...keptCandidates, ...answer];
      summary = { total: page.group.count, groups: [], truncated: page.truncated, group: page.group };
    }
    const inAnswer = new Set(answer.map((c) => rankOf[c]!));
    const endRanks = ends.map((c) => rankOf[c]!);

    // Round trip 2: the views of the answer's patterns and the ends of its links, the links among them, and the declarations of their placeholders.
    const [kept] = await rows<KeptRow>(tx, keptQuery(options), {
      lib: reach!.lib,
      ranks: endRanks.filter((r) => !placeholders.has(r)).map((r) => neo4j.int(r)),
      placeholders: endRanks.filter((r) => placeholders.has(r)).map((r) => neo4j.int(r)),
      linkTypes,
    });
    const views = new Map<number, NodeView>();
    for (const [s, title, domain, status, degree, rank] of kept!.nodes) views.set(Number(rank), nodeView([s, title, domain, status, degree]));
    const touchesAnswer = (source: number, target: number): boolean => inAnswer.has(source) || inAnswer.has(target);
    const byId = new Map<string, LinkView>();
    for (const [type, sources, targets, weights, descriptions] of kept!.links) {
      for (let i = 0; i < sources.length; i++) {
        const sourceRow = kept!.nodes[sources[i]!]!;
        if (!touchesAnswer(Number(sourceRow[5]), Number(targets[i]))) continue;
        const view = linkViewOf([sourceRow[0], type, views.get(Number(targets[i]))!.slug, weights[i]!, descriptions[i]!]);
        byId.set(view.id, view);
      }
    }
    // Placeholders take their target as written from the declarations that reach them; in
    // canonical order the first declaration of a (source, type, target) stands for all of them.
    const rankOfSlug = new Map([...slugAt].map(([rank, s]) => [s, rank]));
    const refs = kept!.refs.map((props) => ({ ref: danglingFromProperties(props), rank: Number(props.rank) }));
    for (const [rank, view] of placeholderViews) views.set(rank, view);
    for (const { ref, rank } of refs.sort((a, b) => compareDangling(a.ref, b.ref))) {
      if (!touchesAnswer(rankOfSlug.get(ref.source)!, rank)) continue;
      const view = danglingLinkView(ref);
      if (!byId.has(view.id)) byId.set(view.id, view);
    }
    const links = [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));

    const nodes: ScoredNodeView[] = [];
    const distances: Record<string, number> = {};
    for (const c of [...answer].sort((a, b) => rankOf[a]! - rankOf[b]!)) {
      const view = views.get(rankOf[c]!)!;
      nodes.push({ ...view, score: ranking.score[c]! });
      distances[view.slug] = fetched.distance[c]!;
    }
    const subgraph: Subgraph = { center: slug as Slug, nodes, links, distance: distances, ...summary };
    if (summary.group === undefined) delete subgraph.group;
    return subgraph;
  }));
}
