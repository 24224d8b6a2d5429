// The Neo4j GraphStore: every answer of the GraphStore interface read with parameterised Cypher from
// a library stored by neo4j-load.ts, converted at the edge into the same plain objects as the memory store.
import neo4j, { Neo4jError, type Driver, type Session } from "neo4j-driver";
import { compareDangling, compareProblems, canonicalLibrary } from "./algorithms/library-order.ts";
import { LINEAGE_HINT, lineageBudget, mergeLineageFacts, type LineageLinkType } from "./algorithms/lineage.ts";
import {
  QUERY_LIMITS,
  checkLineageDepth,
  checkNeighborhoodOptions,
  checkPathOptions,
  checkSearch,
} from "./algorithms/query-options.ts";
import {
  buildSearchIndex,
  compareSearchHits,
  normalizeSearchText,
  scoreMatch,
  SEARCH_HINT,
  searchBudget,
  searchPatterns,
  searchPatternsWithin,
  typoBudget,
  type SearchIndex,
} from "./algorithms/search.ts";
import { pathBudget, pathView, PATHS_HINT, zeroLengthPaths } from "./algorithms/paths.ts";
import { rankFetchedPaths, type FetchFrontier } from "./algorithms/paths-fetched.ts";
import { compareStrings, danglingLinkView, danglingNodeView, linkView } from "./algorithms/views.ts";
import { componentMembers, componentSummary, pathComponents } from "./algorithms/path-components.ts";
import {
  groupLeftOut,
  groupPage,
  parseGroupKey,
  rankReach,
  reachFromLevels,
  summarizeCut,
  type CandidateNames,
  type FetchedCandidate,
} from "./algorithms/neighborhood-rank.ts";
import { linkStrength } from "./algorithms/relevance.ts";
import { degreeSummary } from "./algorithms/stats.ts";
import { danglingSlug } from "./build-graph.ts";
import type { Neo4jConfig } from "./create-store.ts";
import type { Budget } from "./budget.ts";
import { NotFoundError, PatternAtlasError, QueryTimeoutError, StoreUnavailableError } from "../core/errors.ts";
import { memoryLimitError } from "./neo4j-errors.ts";
import {
  KNOWN_LINK_TYPES,
  PROBLEM_KINDS,
  type DanglingRef,
  type Library,
  type LibraryStats,
  type Lineage,
  type LineageNode,
  type Link,
  type LinkEnd,
  type LinkView,
  type NeighborhoodOptions,
  type NodeView,
  type ScoredNodeView,
  type OverviewGraph,
  type PathOptions,
  type PathResult,
  type PatternDetail,
  type Problem,
  type SearchHit,
  type SearchMatchKind,
  type Slug,
  type Subgraph,
} from "../core/model.ts";
import { ensureSchema, writeLibrary, type Neo4jLoadReport } from "./neo4j-load.ts";
import {
  DEFAULT_NAMESPACE,
  LABELS,
  checkNamespace,
  danglingFromProperties,
  linkFromRow,
  linkTypeOf,
  patternFromProperties,
  problemFromProperties,
  relationshipTypes,
} from "./neo4j-model.ts";
import type { GraphStore } from "./store.ts";

export interface Neo4jStoreConfig extends Neo4jConfig {
  /** Separate libraries in one database (tests use one per file). Default "default". */
  namespace?: string;
  /** Connection attempts at start before giving up (default 5), with a growing pause between them. */
  connectAttempts?: number;
  /** The first pause between attempts, in ms (default 500; doubles each time, at most 4 s). */
  retryDelayMs?: number;
  /**
   * Time budget of each read query, in ms (default DEFAULT_QUERY_TIMEOUT_MS), enforced by Neo4j as
   * the transaction timeout: a query past it is stopped and answered with QueryTimeoutError, so one
   * runaway request cannot hold the database's CPU (Neo4j checks every ~2 s, so the stop comes up
   * to that much later).
   */
  queryTimeoutMs?: number;
}

/** 10 s: well above any query on the real library (the slowest neighbourhood takes ~0.2 s). */
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

/**
 * How long the store waits for Neo4j to answer the trivial queries every request starts with (the
 * library version, the health check's ping) before calling it unavailable. A Neo4j that is alive
 * answers them in a millisecond; one that is frozen (stopped process, full GC, a dead host whose
 * TCP connections stay open) never does, and the driver has no timeout for an answer that does not
 * come on a connection it already holds, so the store keeps its own clock.
 */
export const STORE_RESPONSE_BUDGET_MS = 2_000;
/**
 * Beyond its transaction timeout, how long a read waits for Neo4j's own answer (Neo4j checks the
 * timeout every ~2 s) before the store stops waiting for a database that answers nothing at all.
 */
export const QUERY_TIMEOUT_GRACE_MS = 2_500;

export interface Neo4jStore extends GraphStore {
  readonly kind: "neo4j";
  readonly namespace: string;
  /** Like load(), and says what it did and how long each step took. */
  loadWithReport(library: Library): Promise<Neo4jLoadReport>;
}

// ---------------------------------------------------------------------------------------------
// Errors: driver failures become StoreUnavailableError with a message and no stack or secrets.

const AUTH_CODE = /^Neo\.ClientError\.Security\./;
const UNAVAILABLE_CODES = new Set([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  "Neo.ClientError.Database.DatabaseNotFound",
  "Neo.TransientError.General.DatabaseUnavailable",
]);

/** The URI without any user info, for messages. */
function displayUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//");
}

const NEIGHBORHOOD_HINT = "Ask for a smaller depth or limit, or fewer link types.";

/** A QueryTimeoutError from `work` says what to ask for instead. */
async function withHint<T>(hint: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof QueryTimeoutError ? new QueryTimeoutError(error.timeoutMs, hint) : error;
  }
}

/** Neo4j stopped the transaction at its timeout (ours, or the server's own db.transaction.timeout). */
function isTimeout(error: unknown): boolean {
  return error instanceof Neo4jError && /TransactionTimedOut/.test(error.code);
}

/**
 * The driver's own clocks ran out (code "N/A"): no pooled connection came free, or a new one did not
 * connect, within STORE_RESPONSE_BUDGET_MS; either way Neo4j is not answering now.
 */
const DRIVER_TIMEOUT_MESSAGE = /^(Connection acquisition timed out|Failed to establish connection in)/;

function isUnavailable(error: unknown): error is Error {
  if (error instanceof Neo4jError) {
    return UNAVAILABLE_CODES.has(error.code) || AUTH_CODE.test(error.code) || error.code.startsWith("Neo.TransientError.") || DRIVER_TIMEOUT_MESSAGE.test(error.message);
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"].includes(code);
}

function unavailableMessage(error: Error, uri: string, user: string, database: string): string {
  const code = error instanceof Neo4jError ? error.code : "";
  if (AUTH_CODE.test(code)) {
    return `Neo4j at ${displayUri(uri)} refused user '${user}' (${code.replace("Neo.ClientError.Security.", "")}): check NEO4J_USER and NEO4J_PASSWORD.`;
  }
  if (code === "Neo.ClientError.Database.DatabaseNotFound") {
    return `Neo4j at ${displayUri(uri)} has no database '${database}': check NEO4J_DATABASE.`;
  }
  // The driver's messages run on with advice; their first sentence says what happened.
  const reason = error.message.split("\n")[0]!.split(/\.\s/)[0]!.replace(/\.$/, "").slice(0, 160);
  return `Neo4j at ${displayUri(uri)} is unavailable (${reason}).`;
}

// ---------------------------------------------------------------------------------------------
// Row shapes and conversions at the edge.

type Props = Record<string, unknown>;

/** Node properties a NodeView needs, as a compact Cypher list of `n`'s properties (lists decode much faster than maps). */
const NODE_VIEW = "[n.slug, n.title, n.domain, n.status, n.degree]";
type NodeRow = [string, string, string | null, string | null, number];

/** Same field order and optional fields as the memory store's views. */
function nodeView([slug, title, domain, status, degree]: NodeRow): NodeView {
  const view: NodeView = { slug: slug as Slug, title, degree: Number(degree) };
  if (domain !== null && domain !== undefined) view.domain = domain;
  if (status !== null && status !== undefined) view.status = status;
  return view;
}

/** A link as a LinkView needs it, as a compact Cypher list (lists decode much faster than maps). */
const LINK_VIEW_ROW = "[startNode(r).slug, type(r), endNode(r).slug, r.weight, r.description]";
type LinkViewRow = [string, string, string, number | null, string | null];

function linkViewOf([source, type, target, weight, description]: LinkViewRow): LinkView {
  const props: Props = {};
  if (weight !== null) props.weight = weight;
  if (description !== null) props.description = description;
  return linkView(linkFromRow(source, type, target, props));
}

function linkEnd(slug: string, title: string, dangling: boolean, from: { type: string; declaredIn: string; weight?: number; description?: string }): LinkEnd {
  const end: LinkEnd = { slug: slug as Slug, title, type: from.type, declaredIn: from.declaredIn, dangling };
  if (from.weight !== undefined) end.weight = from.weight;
  if (from.description !== undefined) end.description = from.description;
  return end;
}

function groupByType(ends: LinkEnd[]): Record<string, LinkEnd[]> {
  const groups: Record<string, LinkEnd[]> = {};
  ends.sort((a, b) => compareStrings(a.type, b.type) || compareStrings(a.slug, b.slug) || compareStrings(a.declaredIn, b.declaredIn));
  for (const end of ends) (groups[end.type] ??= []).push(end);
  return groups;
}

/** Counts in the memory store's key order: `preferred` keys first, then the rest sorted. */
function orderedCounts(rows: { key: string | null; n: number }[], preferred: readonly string[] = []): Record<string, number> {
  const rank = (k: string): number => {
    const i = preferred.indexOf(k);
    return i === -1 ? preferred.length : i;
  };
  const present = rows.filter((r): r is { key: string; n: number } => r.key !== null && Number(r.n) > 0);
  present.sort((a, b) => rank(a.key) - rank(b.key) || compareStrings(a.key, b.key));
  const out: Record<string, number> = {};
  for (const r of present) out[r.key] = Number(r.n);
  return out;
}

/**
 * Hop bounds are integers from closed ranges, already checked by query-options; Cypher wants them
 * as literals (`{1,4}`, `{2,6}`), so only such checked integers are ever written into a query.
 */
function literal(n: number, max: number): string {
  if (!Number.isInteger(n) || n < 0 || n > max) throw new RangeError(`hop bound ${n} outside 0..${max}`);
  return String(n);
}

/**
 * One step of a traversal in a direction along the given relationship types (all when null). A
 * type list in the pattern lets Neo4j expand only those types; the names come from
 * relationshipTypes(), which admits only checked link type names. An empty list is handled by the
 * callers (nothing to follow), since Cypher has no empty type alternation. With `hops` (a checked
 * range such as `*1..6`) it is a variable-length step without a relationship variable.
 */
function step(direction: "out" | "in" | "both", types: readonly string[] | null, hops = ""): string {
  const typed = types === null ? "" : `:${[...new Set(types)].map((t) => `\`${t}\``).join("|")}`;
  const r = hops === "" ? "r" : "";
  return direction === "out" ? `-[${r}${typed}${hops}]->` : direction === "in" ? `<-[${r}${typed}${hops}]-` : `-[${r}${typed}${hops}]-`;
}

/** The parents of `x` (declared on x as generalizes_from, or on them as specializes_to); self-links never count. */
const PARENTS = `MATCH (x)-[:GENERALIZES_FROM]->(y) WHERE y <> x RETURN y AS n
  UNION MATCH (x)<-[:SPECIALIZES_TO]-(y) WHERE y <> x RETURN y AS n`;
const CHILDREN = `MATCH (x)-[:SPECIALIZES_TO]->(y) WHERE y <> x RETURN y AS n
  UNION MATCH (x)<-[:GENERALIZES_FROM]-(y) WHERE y <> x RETURN y AS n`;

/**
 * Looks `v` up by its key through the unique (lib, slug) index. Without the hint a query planned
 * while the database was empty (statistics: no patterns) keeps a plan that scans every pattern of
 * the generation by `lib` and filters by slug, until Neo4j replans it.
 */
const byKey = (v: string): string => `USING INDEX ${v}:${LABELS.pattern}(lib, slug)`;
/** Looks `v` up by its slug rank through the (lib, rank) index, for the same reason. */
const byRank = (v: string): string => `USING INDEX ${v}:${LABELS.pattern}(lib, rank)`;

/** Starts every read: the namespace's current generation as `lib` (no row when nothing was loaded). */
const CURRENT = `MATCH (atlas:${LABELS.library} {namespace: $ns}) WITH atlas.current AS lib`;

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
  return `OPTIONAL MATCH (atlas:${LABELS.library} {namespace: $ns})
     WITH atlas.current AS lib
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

const EMPTY_STATS = (root: string, files: number): LibraryStats => ({
  root,
  files,
  patterns: 0,
  problemFiles: 0,
  links: 0,
  linksByType: {},
  dangling: 0,
  danglingByType: {},
  problems: 0,
  problemsByKind: {},
  isolated: 0,
  domains: {},
  generations: { "1": 0, "2": 0 },
  ...degreeSummary([]),
});

// ---------------------------------------------------------------------------------------------

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Connects to Neo4j (verifying it with a bounded retry), creates the schema, and returns the store.
 * @throws StoreUnavailableError with a one-line message when Neo4j is unreachable, refuses the
 *   credentials or lacks the database.
 */
export async function createNeo4jStore(config: Neo4jStoreConfig): Promise<Neo4jStore> {
  const database = config.database ?? "neo4j";
  const namespace = checkNamespace(config.namespace ?? DEFAULT_NAMESPACE);
  const { uri, user } = config;
  let driver: Driver;
  try {
    driver = neo4j.driver(uri, neo4j.auth.basic(user, config.password), {
      disableLosslessIntegers: true,
      // Fail fast while Neo4j is down (the API answers 503) instead of retrying for 30 s.
      maxTransactionRetryTime: 2_000,
      // A TCP connection (and its TLS) that is not up within this is given up on.
      connectionTimeout: STORE_RESPONSE_BUDGET_MS,
      // Waiting for a free connection of a full pool (connections held by queries that hang).
      connectionAcquisitionTimeout: STORE_RESPONSE_BUDGET_MS,
      // A connection idle this long is checked (a RESET round trip) before it is used again, so one
      // left dead by a Neo4j restart or a dropped route fails at once instead of in the query.
      connectionLivenessCheckTimeout: 30_000,
      userAgent: "pattern-atlas",
    });
  } catch (error) {
    throw new StoreUnavailableError(`Cannot use NEO4J_URI '${displayUri(uri)}': ${(error as Error).message}`, { uri: displayUri(uri) });
  }
  const details = { uri: displayUri(uri), database };
  const attempts = Math.max(1, config.connectAttempts ?? 5);
  for (let attempt = 1; ; attempt++) {
    try {
      await driver.verifyConnectivity({ database });
      await ensureSchema(driver, database);
      break;
    } catch (error) {
      const permanent = error instanceof Neo4jError && (AUTH_CODE.test(error.code) || error.code === "Neo.ClientError.Database.DatabaseNotFound");
      if (permanent || attempt >= attempts || !isUnavailable(error)) {
        await driver.close();
        const message = isUnavailable(error) ? unavailableMessage(error, uri, user, database) : `Neo4j at ${displayUri(uri)} failed: ${(error as Error).message}`;
        throw new StoreUnavailableError(attempt > 1 ? `${message} Tried ${attempt} times.` : message, details);
      }
      await sleep(Math.min(4_000, (config.retryDelayMs ?? 500) * 2 ** (attempt - 1)));
    }
  }
  return neo4jStore(driver, database, namespace, uri, user, config.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
}

/** What the read helpers run queries on: a session whose queries are each their own auto-commit read. */
type Reader = Pick<Session, "run">;

/** How long a read may wait for Neo4j, and what it throws past that. */
interface ReadBudget {
  ms: number;
  expired(): Error;
}

function neo4jStore(driver: Driver, database: string, namespace: string, uri: string, user: string, queryTimeoutMs: number): Neo4jStore {
  /** A query's own budget: Neo4j stops it at queryTimeoutMs; this ends the wait for a Neo4j that answers nothing. */
  const queryBudget: ReadBudget = {
    ms: queryTimeoutMs + QUERY_TIMEOUT_GRACE_MS,
    expired: () => new QueryTimeoutError(queryTimeoutMs, "Neo4j gave no answer at all: it may be overloaded or frozen; try again later."),
  };
  /** For the trivial queries (version, ping): no answer within the budget means Neo4j is not answering. */
  const responseBudget: ReadBudget = {
    ms: STORE_RESPONSE_BUDGET_MS,
    expired: () =>
      new StoreUnavailableError(`Neo4j at ${displayUri(uri)} did not answer within ${STORE_RESPONSE_BUDGET_MS / 1000} s.`, {
        uri: displayUri(uri),
        database,
        budgetMs: STORE_RESPONSE_BUDGET_MS,
      }),
  };
  /**
   * Runs `work` on one session routed as a read, each query its own auto-commit transaction: a
   * managed transaction would add a BEGIN and a COMMIT round trip to every request for no gain,
   * since every read names one immutable library generation (`lib`), and a generation stays
   * complete until the load after the one that replaced it (neo4j-load.ts). A retryable failure
   * (e.g. a pooled connection that died with a Neo4j restart) is tried once more on a fresh
   * session; driver failures become StoreUnavailableError.
   */
  async function read<T>(work: (tx: Reader) => Promise<T>, budget: ReadBudget = queryBudget): Promise<T> {
    const deadline = performance.now() + budget.ms;
    for (let attempt = 1; ; attempt++) {
      const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
      let timer: ReturnType<typeof setTimeout> | undefined;
      let expired = false;
      try {
        const running = work(session);
        // The race below may leave it behind: its later failure is not an unhandled rejection.
        running.catch(() => undefined);
        const clock = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            expired = true;
            reject(budget.expired());
          }, Math.max(0, deadline - performance.now()));
        });
        return await Promise.race([running, clock]);
      } catch (error) {
        if (!expired && attempt === 1 && !(error instanceof PatternAtlasError) && !isTimeout(error) && neo4j.isRetryableError(error)) continue;
        throw translate(error);
      } finally {
        clearTimeout(timer);
        // A session whose query never got an answer closes once Neo4j answers (or the connection
        // dies): waiting for that here would hang the request the clock just ended.
        if (expired) void session.close().catch(() => undefined);
        else await session.close().catch(() => undefined);
      }
    }
  }

  function translate(error: unknown): unknown {
    if (error instanceof PatternAtlasError) return error;
    if (isTimeout(error)) return new QueryTimeoutError(queryTimeoutMs);
    const memory = memoryLimitError(error, displayUri(uri), "the query");
    if (memory) return memory;
    if (isUnavailable(error)) return new StoreUnavailableError(unavailableMessage(error, uri, user, database), { uri: displayUri(uri), database });
    return error;
  }

  async function rows<T>(tx: Reader, query: string, params: Props = {}, timeoutMs = queryTimeoutMs): Promise<T[]> {
    const result = await tx.run(query, { ns: namespace, ...params }, { timeout: Math.min(timeoutMs, queryTimeoutMs) });
    return result.records.map((r) => r.toObject() as T);
  }

  /** The current generation id, or null when nothing was loaded into the namespace. */
  async function currentLib(tx: Reader): Promise<string | null> {
    const [row] = await rows<{ lib: string }>(tx, `${CURRENT} RETURN lib`);
    return row?.lib ?? null;
  }

  // ---- search ---------------------------------------------------------------------------------

  /** A search candidate as a compact row: slug, title, aliases, domain. */
  type CandidateRow = [string, string, string[] | null, string | null];

  /**
   * The search index (the memory store's own) of one generation, for the lower, typo-tolerant
   * tiers, which must score every pattern: reading all of them (~3,500 rows) is the bulk of such a
   * search, and a generation never changes, so it is read once and kept while that generation is
   * the one asked about.
   */
  let lowerTiersIndex: { lib: string; index: Promise<SearchIndex> } | undefined;

  function lowerTiersIndexOf(tx: Reader, lib: string, timeoutMs = queryTimeoutMs): Promise<SearchIndex> {
    if (lowerTiersIndex?.lib !== lib) {
      const index = rows<{ all: CandidateRow[] }>(
        tx,
        `MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN collect([p.slug, p.title, p.aliases, p.domain]) AS all`,
        { lib },
        timeoutMs,
      ).then(([row]) =>
        buildSearchIndex(
          (row?.all ?? []).map(([slug, title, aliases, domain]) => ({
            slug: slug as Slug,
            title,
            aliases: aliases ?? [],
            ...(domain === null ? {} : { domain }),
            // Not used by the index.
            file: "",
            generation: 1,
          })),
        ),
      );
      lowerTiersIndex = { lib, index };
      // A failed read is not kept.
      index.catch(() => {
        if (lowerTiersIndex?.index === index) lowerTiersIndex = undefined;
      });
    }
    return lowerTiersIndex.index;
  }

  /**
   * Candidates: the patterns with a key containing the query (every direct tier, exact to
   * substring, is such a containment), found by Cypher and ranked with the memory store's own
   * scoreMatch. Only when those are fewer than `limit` (the lower tiers score below every direct
   * match) do all the other patterns count: then the memory store's own search over the
   * generation's index answers, so both stores give the same hits whatever the lower tiers do.
   * `lib` undefined: the current generation, looked up in the same round trip. With a `budget`, each
   * round trip gets what is left of it as its transaction timeout, and the lower tiers count their
   * work against it, as the memory store's search does.
   */
  async function searchIn(tx: Reader, lib: string | null | undefined, query: string, limit: number, budget?: Budget): Promise<SearchHit[]> {
    const q = normalizeSearchText(query);
    if (q === "" || lib === null) return [];
    const [found] = await rows<{ lib: string; direct: CandidateRow[] }>(
      tx,
      `${lib === undefined ? CURRENT : "WITH $lib AS lib"}
       RETURN lib, COLLECT {
         MATCH (p:${LABELS.pattern} {lib: lib}) WHERE any(k IN p.searchKeys WHERE k CONTAINS $q)
         RETURN [p.slug, p.title, p.aliases, p.domain]
       } AS direct`,
      { lib: lib ?? null, q },
      budget?.remainingMs(),
    );
    budget?.check();
    if (!found) return [];
    const candidates = found.direct;
    const lowerTiersApply = typoBudget(q) > 0 || q.includes(" ");
    // Fewer direct matches than asked for: the lower tiers decide the rest, over every pattern.
    if (candidates.length < limit && lowerTiersApply) {
      const index = await lowerTiersIndexOf(tx, found.lib, budget?.remainingMs());
      return budget ? searchPatternsWithin(index, query, limit, budget) : searchPatterns(index, query, limit);
    }
    const hits: SearchHit[] = [];
    for (const [slug, title, aliases, domain] of candidates) {
      const keys: [SearchMatchKind, string][] = [["title", title], ["slug", slug], ...(aliases ?? []).map((a): [SearchMatchKind, string] => ["alias", a])];
      let best: SearchHit | undefined;
      for (const [kind, text] of keys) {
        const score = scoreMatch(query, text, kind);
        // Strictly better only: a tie between keys goes to the earlier one (title, slug, aliases).
        if (score !== null && (best === undefined || score > best.score)) {
          best = { slug: slug as Slug, title, matched: kind, matchedText: text, score };
        }
      }
      if (!best) continue;
      if (domain !== null && domain !== undefined) best.domain = domain;
      hits.push(best);
    }
    return hits.sort(compareSearchHits).slice(0, limit);
  }

  /** The NotFoundError for an unknown slug, with the top 5 search hits for it as suggestions. */
  async function notFound(tx: Reader, lib: string | null, slug: string): Promise<NotFoundError> {
    const hits = await searchIn(tx, lib, slug, 5);
    return new NotFoundError(slug, hits.map((h) => h.slug));
  }

  /**
   * One round trip that starts most queries: the current generation and the node views of the
   * given slugs that exist in it, plus `extra` columns (`, <expr> AS <name>`, which may use `lib`)
   * returned as `row`, so that a query's first step rides along.
   */
  async function currentWith<E extends object = Record<string, never>>(
    tx: Reader,
    slugs: readonly string[],
    extra = "",
    params: Props = {},
  ): Promise<{ lib: string | null; views: Map<string, NodeView>; row: E }> {
    const [row] = await rows<{ lib: string | null; nodes: NodeRow[] } & E>(
      tx,
      `OPTIONAL MATCH (atlas:${LABELS.library} {namespace: $ns})
       WITH atlas.current AS lib
       RETURN lib, COLLECT { UNWIND $slugs AS s MATCH (n:${LABELS.pattern} {lib: lib, slug: s}) ${byKey("n")} RETURN ${NODE_VIEW} } AS nodes${extra}`,
      { ...params, slugs: [...new Set(slugs)] },
    );
    // OPTIONAL MATCH always gives one row.
    return { lib: row!.lib ?? null, views: new Map(row!.nodes.map((n) => [n[0], nodeView(n)])), row: row! };
  }

  // ---- the store --------------------------------------------------------------------------------

  let versionInFlight: Promise<string> | undefined;
  let versionNext: Promise<string> | undefined;

  const store: Neo4jStore = {
    kind: "neo4j",
    namespace,

    async load(library: Library): Promise<void> {
      await store.loadWithReport(library);
    },

    /**
     * The current generation id: content-addressed, so it changes exactly when the stored library
     * does, whoever loaded it. Asked on every API request, so reads are batched: at most one is in
     * flight, and a caller arriving meanwhile waits for the next one (which starts after it
     * arrived, so it still sees any re-ingest that finished before its call).
     */
    version(): Promise<string> {
      if (!versionInFlight) {
        versionInFlight = read(async (tx) => `neo4j:${(await currentLib(tx)) ?? ""}`, responseBudget).finally(() => {
          versionInFlight = undefined;
        });
        return versionInFlight;
      }
      // A query that fails while this caller waits answers it too: a Neo4j that did not answer the
      // one in flight within its budget is unavailable now, and the caller should hear it now,
      // not one budget later.
      if (!versionNext) {
        const next = versionInFlight.then(() => {
          versionNext = undefined;
          return store.version();
        });
        next.catch(() => {
          if (versionNext === next) versionNext = undefined;
        });
        versionNext = next;
      }
      return versionNext;
    },

    async loadWithReport(library: Library): Promise<Neo4jLoadReport> {
      try {
        return await writeLibrary(driver, database, namespace, library);
      } catch (error) {
        throw memoryLimitError(error, displayUri(uri), "writing the library") ?? translate(error);
      }
    },

    async stats(): Promise<LibraryStats> {
      return read(async (tx) => {
        const [head] = await rows<{ lib: string; root: string | null; files: number | null }>(
          tx,
          `${CURRENT} OPTIONAL MATCH (g:${LABELS.generation} {id: lib}) RETURN lib, g.root AS root, g.files AS files`,
        );
        if (!head) return EMPTY_STATS("", 0);
        const lib = head.lib;
        const [counts] = await rows<{ patterns: number; gen1: number; gen2: number; isolated: number }>(
          tx,
          `MATCH (p:${LABELS.pattern} {lib: $lib})
           RETURN count(p) AS patterns,
                  count(CASE WHEN p.generation = 1 THEN 1 END) AS gen1,
                  count(CASE WHEN p.generation = 2 THEN 1 END) AS gen2,
                  count(CASE WHEN NOT EXISTS { (p)--() } THEN 1 END) AS isolated`,
          { lib },
        );
        type KeyCount = { key: string | null; n: number };
        const domains = await rows<KeyCount>(
          tx,
          `MATCH (p:${LABELS.pattern} {lib: $lib}) WHERE p.domain IS NOT NULL RETURN p.domain AS key, count(*) AS n`,
          { lib },
        );
        const links = await rows<KeyCount>(
          tx,
          `MATCH (:${LABELS.pattern} {lib: $lib})-[r]->() RETURN type(r) AS key, count(*) AS n`,
          { lib },
        );
        const dangling = await rows<KeyCount>(
          tx,
          `MATCH (d:${LABELS.dangling} {lib: $lib}) RETURN d.type AS key, count(*) AS n`,
          { lib },
        );
        const problems = await rows<KeyCount>(
          tx,
          `MATCH (x:${LABELS.problem} {lib: $lib}) RETURN x.kind AS key, count(*) AS n`,
          { lib },
        );
        const [fatal] = await rows<{ files: number }>(
          tx,
          `MATCH (x:${LABELS.problem} {lib: $lib}) WHERE x.fatal RETURN count(DISTINCT x.file) AS files`,
          { lib },
        );
        const sum = (list: KeyCount[]): number => list.reduce((s, r) => s + Number(r.n), 0);
        const linksByType = orderedCounts(
          links.map((r) => ({ key: r.key === null ? null : linkTypeOf(r.key), n: r.n })),
          KNOWN_LINK_TYPES,
        );
        const degrees = await rows<{ p: [string, string, number, number, number] }>(
          tx,
          `MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN [p.slug, p.title, p.degree, p.inDegree, p.outDegree] AS p`,
          { lib },
        );
        const hubs = degrees.map(({ p: [slug, title, degree, inDegree, outDegree] }) => ({
          slug: slug as Slug,
          title,
          degree: Number(degree),
          inDegree: Number(inDegree),
          outDegree: Number(outDegree),
        }));
        return {
          root: head.root ?? "",
          files: Number(head.files ?? 0),
          patterns: Number(counts?.patterns ?? 0),
          problemFiles: Number(fatal?.files ?? 0),
          links: sum(links),
          linksByType,
          dangling: sum(dangling),
          danglingByType: orderedCounts(dangling, KNOWN_LINK_TYPES),
          problems: sum(problems),
          problemsByKind: orderedCounts(problems, PROBLEM_KINDS),
          isolated: Number(counts?.isolated ?? 0),
          domains: orderedCounts(domains),
          generations: { "1": Number(counts?.gen1 ?? 0), "2": Number(counts?.gen2 ?? 0) },
          ...degreeSummary(hubs),
        };
      });
    },

    async getPattern(slug: string): Promise<PatternDetail> {
      return read(async (tx) => {
        const lib = await currentLib(tx);
        interface EndRow {
          slug: string;
          title: string;
          type: string;
          props: Props;
        }
        const [row] = await rows<{ pattern: Props; outgoing: EndRow[]; incoming: EndRow[]; dangling: Props[]; problems: Props[] }>(
          tx,
          `MATCH (p:${LABELS.pattern} {lib: $lib, slug: $slug})
           RETURN properties(p) AS pattern,
             COLLECT { MATCH (p)-[r]->(t) RETURN {slug: t.slug, title: t.title, type: type(r), props: properties(r)} } AS outgoing,
             COLLECT { MATCH (s)-[r]->(p) RETURN {slug: s.slug, title: s.title, type: type(r), props: properties(r)} } AS incoming,
             COLLECT { MATCH (d:${LABELS.dangling} {lib: $lib, source: p.slug}) RETURN properties(d) } AS dangling,
             COLLECT { MATCH (x:${LABELS.problem} {lib: $lib, file: p.file}) RETURN properties(x) } AS problems`,
          { lib, slug },
        );
        if (!row) throw await notFound(tx, lib, slug);
        // The far end's slug and title, and the link's type and properties as declared.
        const end = (e: EndRow): LinkEnd => linkEnd(e.slug, e.title, false, linkFromRow(e.slug, e.type, e.slug, e.props));
        const dangling = row.dangling.map(danglingFromProperties).sort(compareDangling);
        const outgoing = row.outgoing.map(end);
        for (const ref of dangling) outgoing.push(linkEnd(danglingSlug(ref.target), ref.target, true, ref));
        const pattern = patternFromProperties(row.pattern);
        return {
          pattern,
          degree: Number(row.pattern.degree),
          inDegree: Number(row.pattern.inDegree),
          outDegree: Number(row.pattern.outDegree),
          importance: Number(row.pattern.importance),
          importancePercentile: Number(row.pattern.importancePercentile),
          outgoing: groupByType(outgoing),
          incoming: groupByType(row.incoming.map(end)),
          dangling,
          problems: row.problems.map(problemFromProperties).sort(compareProblems),
        };
      });
    },

    async search(query: string, limit: number, signal?: AbortSignal): Promise<SearchHit[]> {
      checkSearch(query, limit);
      const budget = searchBudget(signal, { timeMs: queryTimeoutMs });
      return withHint(SEARCH_HINT, read(async (tx) => searchIn(tx, undefined, query, limit, budget)));
    },

    async neighborhood(slug: string, options: NeighborhoodOptions): Promise<Subgraph> {
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
    },

    async lineage(slug: string, depth: number, signal?: AbortSignal): Promise<Lineage> {
      checkLineageDepth(depth);
      // Up to 2 * (depth + 1) + 2 round trips: together within the query budget, checked between them.
      const budget = lineageBudget(signal, { timeMs: queryTimeoutMs });
      const timed = <T>(tx: Reader, query: string, params: Props): Promise<T[]> => {
        budget.check();
        return rows<T>(tx, query, params, budget.remainingMs());
      };
      return withHint(LINEAGE_HINT, read(async (tx) => {
        const { lib, views } = await currentWith(tx, [slug]);
        if (!views.has(slug)) throw await notFound(tx, lib, slug);
        /** Breadth-first along one lineage direction, one query per level, one level further than asked. */
        const walk = async (step: string): Promise<Map<string, number>> => {
          const level = new Map<string, number>();
          let frontier = [slug];
          for (let d = 1; d <= depth + 1 && frontier.length > 0; d++) {
            const found = await timed<{ n: NodeRow }>(
              tx,
              `UNWIND $frontier AS s MATCH (x:${LABELS.pattern} {lib: $lib, slug: s})
               CALL (x) { ${step} }
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

        const levels = new Map<string, number>([[slug, 0]]);
        for (const [s, d] of up) if (d <= depth) levels.set(s, -d);
        for (const [s, d] of down) {
          if (d > depth) continue;
          const asAncestor = levels.get(s);
          if (asAncestor === undefined || -asAncestor > d) levels.set(s, d);
        }
        const truncated = [...up, ...down].some(([s, d]) => d > depth && !levels.has(s));

        const nodes: LineageNode[] = [...levels]
          .map(([s, level]) => ({ ...views.get(s)!, level }))
          .sort((a, b) => a.level - b.level || compareStrings(a.slug, b.slug));

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
    },

    async paths(from: string, to: string, options: PathOptions, signal?: AbortSignal): Promise<PathResult> {
      checkPathOptions(options);
      const budget = pathBudget(signal, { timeMs: queryTimeoutMs });
      const types = relationshipTypes(options.types);
      const hop = step(options.directed ? "out" : "both", types);
      // Nothing to search for a zero-length path or an empty type list (Cypher has no empty type alternation).
      const searching = from !== to && !(types !== null && types.length === 0);
      /** Each round trip gets what is left of the budget as its transaction timeout. */
      const timed = <T>(tx: Reader, query: string, params: Props): Promise<T[]> => rows<T>(tx, query, params, budget.remainingMs());
      return withHint(PATHS_HINT, read(async (tx) => {
        // Round trip 1: the generation and both ends (views, slug ranks, neighbour counts).
        type EndRow = [...NodeRow, number, number];
        const [row] = await timed<{ lib: string | null; ends: EndRow[] }>(
          tx,
          `OPTIONAL MATCH (atlas:${LABELS.library} {namespace: $ns})
           WITH atlas.current AS lib
           RETURN lib, COLLECT {
             UNWIND [$from, $to] AS s MATCH (n:${LABELS.pattern} {lib: lib, slug: s}) ${byKey("n")}
             RETURN [n.slug, n.title, n.domain, n.status, n.degree, n.rank, n.neighbors]
           } AS ends`,
          { from, to },
        );
        // OPTIONAL MATCH always gives one row.
        const lib = row!.lib ?? null;
        const ends = new Map(row!.ends.map((n) => [n[0], { view: nodeView(n.slice(0, 5) as NodeRow), rank: Number(n[5]), neighbors: Number(n[6] ?? 0) }]));
        const start = ends.get(from);
        const end = ends.get(to);
        if (!start) throw await notFound(tx, lib, from);
        if (!end) throw await notFound(tx, lib, to);
        if (from === to) return zeroLengthPaths(from as Slug, start.view);
        const result: PathResult = { from: from as Slug, to: to as Slug, paths: [], nodes: [] };
        // No path: the connected part each end is in (path-components.ts), found a frontier per round trip.
        const explainNoPath = async (): Promise<PathResult> => {
          const both = step("both", types);
          const expand = async (frontier: number[]): Promise<number[]> => {
            if (types !== null && types.length === 0) return [];
            const [found] = await timed<{ ys: number[] }>(
              tx,
              `UNWIND $frontier AS k
               MATCH (x:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("x")}
               MATCH (x)${both}(y:${LABELS.pattern})
               RETURN collect(DISTINCT y.rank) AS ys`,
              { lib, frontier: frontier.map((k) => neo4j.int(k)) },
            );
            return (found?.ys ?? []).map(Number);
          };
          const summary = async (members: Set<number>) => {
            const [found] = await timed<{ ms: [string, number][] }>(
              tx,
              `UNWIND $ranks AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")} RETURN collect([n.slug, n.degree]) AS ms`,
              { lib, ranks: [...members].map((k) => neo4j.int(k)) },
            );
            return componentSummary((found?.ms ?? []).map(([slug, degree]) => ({ slug, degree: Number(degree) })));
          };
          const startMembers = await componentMembers(start.rank, expand, budget);
          const same = startMembers.has(end.rank);
          const fromPart = await summary(startMembers);
          const toPart = same ? fromPart : await summary(await componentMembers(end.rank, expand, budget));
          result.components = pathComponents(fromPart, toPart, same);
          return result;
        };
        if (!searching) return explainNoPath();

        // Round trips 2..: the links of one frontier at a time (see paths-fetched.ts), then ranked here.
        const sideStep = { from: hop, to: options.directed ? step("in", types) : hop };
        const fetch: FetchFrontier = async (side, frontier) => {
          const [links] = await timed<{ links: [number, number, number | null, string, boolean, number | null][] }>(
            tx,
            `UNWIND $frontier AS k
             MATCH (x:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("x")}
             MATCH (x)${sideStep[side]}(y:${LABELS.pattern})
             RETURN collect([k, y.rank, y.neighbors, type(r), startNode(r) = x, r.weight]) AS links`,
            { lib, frontier: frontier.map((k) => neo4j.int(k)) },
          );
          return (links?.links ?? []).map(([x, y, yNeighbors, type, out, weight]) => ({
            x: Number(x),
            y: Number(y),
            yNeighbors: Number(yNeighbors ?? 0),
            type: linkTypeOf(type),
            out,
            weight: weight === null ? null : Number(weight),
          }));
        };
        const ranked = await rankFetchedPaths(fetch, start, end, options, budget);
        if (ranked.length === 0) return explainNoPath();

        // Last round trip: the chosen paths' slugs, every usable link of each hop, and their nodes' views.
        const [last] = await timed<{ seqs: string[][]; hops: [string, string, LinkViewRow][]; nodes: NodeRow[] }>(
          tx,
          `WITH [seq IN $chosen | COLLECT { UNWIND seq AS k MATCH (n:${LABELS.pattern} {lib: $lib, rank: k}) ${byRank("n")} RETURN n }] AS chosen
           RETURN [ns IN chosen | [n IN ns | n.slug]] AS seqs,
             COLLECT {
               UNWIND chosen AS ns UNWIND range(0, size(ns) - 2) AS i
               WITH DISTINCT ns[i] AS u, ns[i + 1] AS v
               MATCH (u)${hop}(v)
               RETURN [u.slug, v.slug, ${LINK_VIEW_ROW}]
             } AS hops,
             COLLECT { UNWIND chosen AS ns UNWIND ns AS n WITH DISTINCT n RETURN ${NODE_VIEW} } AS nodes`,
          { lib, chosen: ranked.map((p) => p.ranks.map((k) => neo4j.int(k))) },
        );
        const linksOfHop = new Map<string, LinkView[]>();
        for (const [u, v, link] of last!.hops) {
          const key = `${u}\u0000${v}`;
          const list = linksOfHop.get(key) ?? [];
          list.push(linkViewOf(link));
          linksOfHop.set(key, list);
        }
        const views = new Map(last!.nodes.map((n) => [n[0], nodeView(n)]));
        const title = (slug: string): string => views.get(slug)!.title;
        last!.seqs.forEach((seq, i) => {
          const hops: LinkView[][] = [];
          for (let j = 0; j + 1 < seq.length; j++) hops.push(linksOfHop.get(`${seq[j]}\u0000${seq[j + 1]}`) ?? []);
          result.paths.push(pathView(seq as Slug[], hops, ranked[i]!, title));
        });
        result.nodes = [...views.keys()].sort(compareStrings).map((s) => views.get(s)!);
        return result;
      }));
    },

    async problems(): Promise<Problem[]> {
      return read(async (tx) => {
        const found = await rows<{ x: Props }>(tx, `${CURRENT} MATCH (x:${LABELS.problem} {lib: lib}) RETURN properties(x) AS x`);
        return found.map((r) => problemFromProperties(r.x)).sort(compareProblems);
      });
    },

    async overview(): Promise<OverviewGraph> {
      return read(async (tx) => {
        const lib = await currentLib(tx);
        if (lib === null) return { nodes: [], links: [] };
        const nodeRows = await rows<{ n: NodeRow }>(tx, `MATCH (n:${LABELS.pattern} {lib: $lib}) RETURN ${NODE_VIEW} AS n`, { lib });
        const linkRows = await rows<{ l: LinkViewRow }>(tx, `MATCH (:${LABELS.pattern} {lib: $lib})-[r]->() RETURN ${LINK_VIEW_ROW} AS l`, { lib });
        return {
          nodes: nodeRows.map((r) => nodeView(r.n)).sort((a, b) => compareStrings(a.slug, b.slug)),
          links: linkRows.map((r) => linkViewOf(r.l)).sort((a, b) => compareStrings(a.id, b.id)),
        };
      });
    },

    async exportLibrary(): Promise<Library> {
      return read(async (tx) => {
        const [head] = await rows<{ lib: string; root: string | null; files: number | null }>(
          tx,
          `${CURRENT} OPTIONAL MATCH (g:${LABELS.generation} {id: lib}) RETURN lib, g.root AS root, g.files AS files`,
        );
        if (!head) return { root: "", files: 0, patterns: [], links: [], dangling: [], problems: [] };
        const lib = head.lib;
        const patterns = await rows<{ p: Props }>(tx, `MATCH (p:${LABELS.pattern} {lib: $lib}) RETURN properties(p) AS p`, { lib });
        const links = await rows<{ source: string; type: string; target: string; props: Props }>(
          tx,
          `MATCH (a:${LABELS.pattern} {lib: $lib})-[r]->(b) RETURN a.slug AS source, type(r) AS type, b.slug AS target, properties(r) AS props`,
          { lib },
        );
        const dangling = await rows<{ d: Props }>(tx, `MATCH (d:${LABELS.dangling} {lib: $lib}) RETURN properties(d) AS d`, { lib });
        const problems = await rows<{ x: Props }>(tx, `MATCH (x:${LABELS.problem} {lib: $lib}) RETURN properties(x) AS x`, { lib });
        return canonicalLibrary({
          root: head.root ?? "",
          files: Number(head.files ?? 0),
          patterns: patterns.map((r) => patternFromProperties(r.p)),
          links: links.map((r): Link => linkFromRow(r.source, r.type, r.target, r.props)),
          dangling: dangling.map((r): DanglingRef => danglingFromProperties(r.d)),
          problems: problems.map((r) => problemFromProperties(r.x)),
        });
      });
    },

    async ping(): Promise<void> {
      await read(async (tx) => {
        await tx.run("RETURN 1");
      }, responseBudget);
    },

    async close(): Promise<void> {
      await driver.close();
    },
  };
  return store;
}

