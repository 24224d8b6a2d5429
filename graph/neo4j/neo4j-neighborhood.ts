// The neighbourhood of a pattern on the Neo4j store: a breadth-first search in TypeScript over the
// adjacency stored with each pattern (neo4j-adjacency.ts; one round trip for the centre and one per
// level before the last, depth 2: two), then the kept nodes' cards (neo4j-read-properties.ts: their
// views and declarations, one stored value each), from which the links among them are assembled here
// (one more). Ranking, cut and grouping are the shared rules (neighborhood-rank.ts), the memory store's own.
import neo4j from "neo4j-driver";
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
import { groupKey, parseGroupKey } from "../../core/neighborhood.ts";
import { linkStrength } from "../algorithms/relevance.ts";
import { compareStrings, danglingNodeView } from "../algorithms/views.ts";
import { danglingSlug } from "../build-graph.ts";
import { linkKey, type LinkView, type NeighborhoodOptions, type NodeView, type ScoredNodeView, type Slug, type Subgraph } from "../../core/model.ts";
import type { Reads } from "./neo4j-connection.ts";
import {
  ADJ_DANGLING,
  ADJ_OUT,
  adjacencyColumns,
  ENTRY_WIDTH,
  entryDegree,
  entryDirection,
  entryDomain,
  entryRank,
  entryType,
  entryWeight,
  neighbourList,
  parseAdjacency,
  type AdjacencyEntry,
  type NeighbourList,
} from "./neo4j-adjacency.ts";
import { byKey, byRank, literal } from "./neo4j-cypher.ts";
import { withHint } from "./neo4j-errors.ts";
import { LABELS } from "./neo4j-model.ts";
import { ADJACENCY_OF_RANKS, ReadKept, cardLinkView, cardView, type AdjacencyRow, type CardsRow, type ReadCaches } from "./neo4j-read-queries.ts";
import type { NotFound } from "./neo4j-search.ts";
import { cardColumns } from "./neo4j-read-properties.ts";
import { STAMP_AFTER_COLUMN, STAMPED_CURRENT, stampAfter } from "./neo4j-stamp.ts";

export const NEIGHBORHOOD_HINT = "Ask for a smaller depth or limit, or fewer link types.";

/** The slugs of the patterns with the slug ranks `$ranks` of the copy `$lib`: one row. */
const SLUGS_OF_RANKS = `UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")} RETURN collect([k, n.slug]) AS slugs`;
/** CARDS_OF_RANKS (neo4j-read-queries.ts) that also gives the slugs of `$names` (`slugs`, as SLUGS_OF_RANKS), before the stamp after. */
const CARDS_AND_SLUGS_OF_RANKS = `UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")}
  WITH k, ${cardColumns("n")}
  WITH collect([k, card, liveCard]) AS cards
  WITH cards, COLLECT { UNWIND $names AS j MATCH (m:${LABELS.pattern} {lib: $lib, rank: j}) ${byRank("m")} RETURN [j, m.slug] } AS slugs
  ${stampAfter("cards")}
  RETURN cards, slugs, ${STAMP_AFTER_COLUMN}`;

/** The centre as the first round trip reads it (see reachLevels). */
interface CenterRow {
  lib: string | null;
  found: boolean;
  /** The centre's slug rank and degree (null when not found). */
  center: number | null;
  centerDegree: number | null;
  adj: string | null;
  live: AdjacencyEntry[] | null;
  stampBefore: unknown;
}

/** A candidate as the breadth-first search finds it: from a pattern's entry (no slug: the few an answer names are read), or a placeholder's (degree 0, domain null, slug its target). */
interface Found {
  degree: number;
  slug: string | null;
  domain: string | null;
  placeholder: boolean;
  reaching: [number, string, number | null][];
}

/** A neighbourhood depth as a checked integer. */
const checkedDepth = (depth: number): number => Number(literal(depth, QUERY_LIMITS.neighborhoodDepth.max));

/**
 * The breadth-first search of a neighbourhood over the stored adjacency (neo4j-adjacency.ts): the
 * patterns one hop from the frontier not reached before, with every followed link reaching each,
 * plus (following links out) the placeholders the frontier declares. Levels before the last need
 * their patterns' adjacency: one round trip each, by slug rank. Each level's candidates come in
 * slug rank order (the ranking does not depend on it; the order only makes runs repeatable).
 */
async function reachLevels(
  read: (ranks: number[]) => Promise<Map<number, NeighbourList>>,
  center: { rank: number; adjacency: NeighbourList },
  options: NeighborhoodOptions,
): Promise<{ levels: Map<number, Found>[] }> {
  const types = options.types === undefined ? null : new Set<string>(options.types);
  const follows = (direction: number): boolean =>
    direction === ADJ_DANGLING ? options.direction !== "in" : options.direction === "both" || (options.direction === "out") === (direction === ADJ_OUT);
  const seen = new Set<number>([center.rank]);
  const levels: Map<number, Found>[] = [];
  let front = new Map<number, NeighbourList>([[center.rank, center.adjacency]]);
  const depth = checkedDepth(options.depth);
  for (let level = 1; level <= depth; level++) {
    const found = new Map<number, Found>();
    for (const [from, list] of front) {
      // A pattern's and a placeholder's candidates are distinct (slugRanks), so the two kinds of entry may be walked apart.
      for (let i = 0; i < list.entries.length; i += ENTRY_WIDTH) {
        const rank = entryRank(list, i);
        const type = entryType(list, i);
        if (!follows(entryDirection(list, i)) || (types !== null && !types.has(type)) || seen.has(rank)) continue;
        let candidate = found.get(rank);
        if (!candidate) found.set(rank, (candidate = { degree: entryDegree(list, i), slug: null, domain: entryDomain(list, i), placeholder: false, reaching: [] }));
        candidate.reaching.push([from, type, entryWeight(list, i)]);
      }
      for (const [rank, direction, type, weight, target] of list.dangling) {
        if (!follows(direction) || (types !== null && !types.has(type)) || seen.has(rank)) continue;
        let candidate = found.get(rank);
        // Every declaration of a placeholder names the same slug; the least target stands for them (as Cypher's min()).
        if (!candidate) found.set(rank, (candidate = { degree: 0, slug: target, domain: null, placeholder: true, reaching: [] }));
        else if (target < candidate.slug!) candidate.slug = target;
        candidate.reaching.push([from, type, weight]);
      }
    }
    const sorted = new Map([...found].sort((a, b) => a[0] - b[0]));
    for (const rank of sorted.keys()) seen.add(rank);
    levels.push(sorted);
    const next = [...sorted].filter(([, c]) => !c.placeholder).map(([rank]) => rank);
    if (level === depth || next.length === 0) {
      for (let rest = level + 1; rest <= depth; rest++) levels.push(new Map());
      break;
    }
    front = await read(next);
  }
  return { levels };
}

/**
 * The neighbourhood of `slug`: the memory store's answer, from two round trips.
 * @throws InvalidInputError for options out of range, NotFoundError (with suggestions) for an unknown slug.
 */
export async function neighborhood({ readFolded, rows }: Reads, notFound: NotFound, caches: ReadCaches, slug: string, options: NeighborhoodOptions): Promise<Subgraph> {
  checkNeighborhoodOptions(options);
  const linkTypes = options.types ?? null;
  /** The adjacency and cards the last round of the read used and fetched (kept once the read returned). */
  let adjacency: ReadKept | undefined;
  // A centre whose list is kept is not sent again (a hub's is the largest); -1: send it.
  const keptCentre = caches.adjacency.keptCentre(slug);
  // The copy's stamp is checked in the first and the last query (Reads.readFolded).
  const subgraph = await withHint(NEIGHBORHOOD_HINT, readFolded(async (tx) => {
    // Round trip 1: the centre and its adjacency; then one per level before the last (reachLevels).
    const [start] = await rows<CenterRow>(
      tx,
      `${STAMPED_CURRENT}
       OPTIONAL MATCH (c:${LABELS.pattern} {lib: lib, slug: $slug}) ${byKey("c")}
       RETURN lib, stampBefore, c IS NOT NULL AS found, c.rank AS center, c.degree AS centerDegree, ${adjacencyColumns("c", "c.rank = $keptCentre")}`,
      { slug, keptCentre: neo4j.int(keptCentre) },
    );
    // OPTIONAL MATCH always gives one row.
    if (!start!.found) throw await notFound(tx, start!.lib, slug);
    const lib = start!.lib;
    const read = (adjacency = ReadKept.startingAt(caches, start!.stampBefore));
    const readAdjacency = (ranks: number[]): Promise<Map<number, NeighbourList>> =>
      read.of(ranks, async (missing) => (await rows<AdjacencyRow>(tx, ADJACENCY_OF_RANKS, { lib, ranks: missing.map((r) => neo4j.int(r)) }))[0]);
    const centerRank = Number(start!.center);
    // Left out because kept: from the cache, or (another version read, or dropped meanwhile) one more round trip.
    const leftOut = centerRank === keptCentre && start!.adj === null && start!.live === null;
    const centerAdjacency = leftOut ? ((await readAdjacency([centerRank])).get(centerRank) ?? neighbourList([])) : parseAdjacency(start!.adj, start!.live);
    read.noteCentre(slug, centerRank, centerAdjacency);
    const { levels: found } = await reachLevels(readAdjacency, { rank: centerRank, adjacency: centerAdjacency }, options);

    // The shared rules rank, cut and group (neighborhood-rank.ts), as the memory store's.
    const slugAt = new Map<number, string>([[Number(start!.center), slug]]);
    const domainAt = new Map<number, string | null>();
    const placeholders = new Set<number>();
    // Every declaration of a placeholder names the same target (its slug rank is the target's).
    const placeholderViews = new Map<number, NodeView>();
    const levels: FetchedCandidate[][] = found.map((level) => {
      const fetchedLevel: FetchedCandidate[] = [];
      for (const [rank, c] of level) {
        if (c.placeholder) {
          slugAt.set(rank, danglingSlug(c.slug!));
          placeholderViews.set(rank, danglingNodeView(c.slug!));
          placeholders.add(rank);
        } else {
          domainAt.set(rank, c.domain);
        }
        fetchedLevel.push({ rank, degree: c.degree, reaching: c.reaching });
      }
      return fetchedLevel;
    });
    const center = Number(start!.center);
    const { reach: fetched, typeNames } = reachFromLevels({ rank: center, degree: Number(start!.centerDegree) }, levels, linkStrength);
    const cutLimit = options.group === undefined ? options.limit : parseGroupKey(options.group)!.limit;
    const ranking = rankReach(fetched, cutLimit);
    const rankOf = fetched.slugRank;
    const domains = [...new Set([...domainAt.values()].filter((d): d is string => d !== null))].sort(compareStrings);
    const domainNumber = new Map(domains.map((d, i) => [d, i]));
    const names: CandidateNames = {
      // "" until read (below): groupLeftOut names its groups' vias in their keys, made again once read.
      slug: (c) => slugAt.get(rankOf[c]!) ?? "",
      domainNumber: (c) => domainNumber.get(domainAt.get(rankOf[c]!) ?? "") ?? -1,
      domainName: (d) => domains[d]!,
      typeName: (t) => typeNames[t]!,
      types: typeNames.length,
      domains: domains.length,
    };
    const groups = ranking.keptCount < fetched.count ? groupLeftOut(ranking, names, cutLimit) : [];
    // The slugs the groups name are not in the adjacency: their vias' (in their keys) and, in a
    // summary, their samples'. Those of the centre and placeholders are known, the kept patterns'
    // come with their cards; the rest are read with the cards (a summary) or before the page (a
    // group's page, found by its key).
    const slugsOf = async (ranks: Iterable<number>, withCards: ReadonlySet<number>): Promise<void> => {
      const missing = [...new Set(ranks)].filter((r) => !slugAt.has(r) && !withCards.has(r));
      if (missing.length === 0) return;
      const [row] = await rows<{ slugs: [number, string][] }>(tx, SLUGS_OF_RANKS, { lib, ranks: missing.map((r) => neo4j.int(r)) });
      for (const [rank, s] of row?.slugs ?? []) slugAt.set(Number(rank), s);
    };
    const nameGroups = (): void => {
      for (const g of groups) g.key = groupKey(cutLimit, names.slug(g.via), names.typeName(g.type));
    };
    let answer: number[];
    let ends: number[];
    let page: ReturnType<typeof groupPage> | undefined;
    const keptCandidates = Array.from(ranking.order.subarray(0, ranking.keptCount));
    if (options.group === undefined) {
      answer = keptCandidates;
      ends = answer;
    } else {
      await slugsOf(groups.map((g) => rankOf[g.via]!), new Set());
      nameGroups();
      page = groupPage(groups, options.group, options.offset ?? 0, options.limit);
      answer = page.members;
      ends = [...keptCandidates, ...answer];
    }
    const inAnswer = new Set(answer.map((c) => rankOf[c]!));
    const endRanks = ends.map((c) => rankOf[c]!);

    // Last round trip: the cards of the answer's patterns and of its links' other ends; the links
    // among them (of the types asked) and the declarations of their placeholders are in the cards.
    const patternRanks = endRanks.filter((r) => !placeholders.has(r));
    const withCards = new Set(patternRanks);
    const named = page === undefined ? groups.flatMap((g) => [g.via, ...g.sample].map((c) => rankOf[c]!)).filter((r) => !slugAt.has(r) && !withCards.has(r)) : [];
    const cards = await read.cardsOf(patternRanks, async (missing) => {
      const [row] = await rows<CardsRow & { slugs: [number, string][] }>(tx, CARDS_AND_SLUGS_OF_RANKS, {
        lib,
        ranks: missing.map((r) => neo4j.int(r)),
        names: [...new Set(named)].map((r) => neo4j.int(r)),
      });
      for (const [rank, s] of row?.slugs ?? []) slugAt.set(Number(rank), s);
      return row;
    });
    for (const [rank, card] of cards) if (!slugAt.has(rank)) slugAt.set(rank, card[0]);
    let summary: Pick<Subgraph, "total" | "groups" | "truncated" | "group">;
    if (page === undefined) {
      // Every card kept: no query read the names.
      await slugsOf(named, withCards);
      nameGroups();
      summary = summarizeCut(ranking, groups, names, cutLimit);
    } else {
      summary = { total: page.group.count, groups: [], truncated: page.truncated, group: page.group };
    }
    const views = new Map<number, NodeView>();
    for (const [rank, card] of cards) views.set(rank, cardView(card));
    for (const [rank, view] of placeholderViews) views.set(rank, view);
    const endSet = new Set(endRanks);
    const types = linkTypes === null ? null : new Set<string>(linkTypes);
    const touchesAnswer = (source: number, target: number): boolean => inAnswer.has(source) || inAnswer.has(target);
    const linksByKey = new Map<string, LinkView>();
    for (const [source, card] of cards) {
      for (const entry of card[5]) {
        const target = entry[0];
        // Pattern and placeholder ranks are distinct (slugRanks): the placeholders among the ends are the kept ones.
        if (!endSet.has(target) || (types !== null && !types.has(entry[1])) || !touchesAnswer(source, target)) continue;
        // Within a card, the first declaration of a (type, target) comes first (canonical order).
        const view = cardLinkView(card[0], entry, views.get(target)!.slug);
        const key = linkKey(view);
        if (!linksByKey.has(key)) linksByKey.set(key, view);
      }
    }
    const links = [...linksByKey].sort((a, b) => compareStrings(a[0], b[0])).map(([, view]) => view);

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
  adjacency?.keep();
  return subgraph;
}
