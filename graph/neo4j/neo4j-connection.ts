// The Neo4j store's connection: the driver, connected with a bounded retry and the schema ensured,
// and the one way every query family reads (a session per request, a clock on every wait, driver
// failures translated into the store's errors).
import neo4j, { type Driver, type Session } from "neo4j-driver";
import { PatternAtlasError, QueryTimeoutError, StoreUnavailableError } from "../../core/errors.ts";
import { retryUntilDone } from "../retry.ts";
import { displayUri, isPermanent, isStalled, isTimeout, isUnavailable, memoryLimitError, unavailableMessage } from "./neo4j-errors.ts";
import type { LoadStepListener } from "./neo4j-load.ts";
import { ensureSchema } from "./neo4j-schema.ts";
import { readStamp, sameStamp, stampOfColumn, versionOf, type CopyStamp } from "./neo4j-stamp.ts";
import type { CopyAttachmentMaker } from "../copy-attachments.ts";

/** Where the Neo4j store connects; `database` defaults to "neo4j" (the store always names it). */
export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Time budget of each read query in ms (Neo4j's transaction timeout); default 10 s. */
  queryTimeoutMs?: number;
  /** Separate libraries in one database (tests use one per file; NEO4J_NAMESPACE). Default "default". */
  namespace?: string;
  /** What each load stores with the copy it writes (the server's and the ingest's overview parts). */
  attachments?: CopyAttachmentMaker;
  /**
   * A load with few changes changes the current copy in place (neo4j-in-place.ts); false always
   * writes a new copy and switches to it (the tests of that path). Default true.
   */
  inPlace?: boolean;
  /**
   * From this many patterns a new copy's gap analysis waits for the overview to be laid out instead
   * of running beside it (two threads each holding their own copy: gigabytes at 100x). Default
   * THREADS_ONE_AT_A_TIME_FROM (neo4j-load.ts).
   */
  threadsOneAtATimeFrom?: number;
  /** Hears each step of a load as it ends (`ingest --progress`: where a large load spends its time). */
  onLoadStep?: LoadStepListener;
  /**
   * A Neo4j that takes connections but answers none within the connection budget at start (a
   * stopped or starved JVM) is then not a failure: the store is made anyway and told with this
   * message, its calls fail with StoreUnavailableError until Neo4j answers, and the schema is made
   * sure of at the first answer. A server serving what Neo4j holds passes it, so that it keeps
   * running (and says so) instead of exiting; without it (the ingest, a server loading a library),
   * the start fails as for a Neo4j that cannot be reached. Refused credentials, a missing database
   * and an address where nothing listens always fail.
   */
  onStalled?: (message: string) => void;
}

export interface Neo4jStoreConfig extends Neo4jConfig {
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
  /**
   * How long a connection may take to be made, or to come free from the pool, in ms (default
   * STORE_RESPONSE_BUDGET_MS: a server calls Neo4j unavailable past it). The ingest answers nobody
   * and waits longer (ingest/neo4j-ingest.ts): the driver's clock runs while Node's event loop is
   * held, so on a starved machine the load's own garbage collection (a heap of gigabytes at a
   * hundred times the real library) ended a 100x load with "Connection acquisition timed out in
   * 2000 ms" while Neo4j was well.
   */
  connectionBudgetMs?: number;
  /**
   * Heap bounds of the adjacency and the cards kept between answers, in bytes (defaults
   * ADJACENCY_CACHE_BYTES and CARD_CACHE_BYTES): the bench sets them to measure answers read cold.
   */
  readCacheBytes?: { adjacency: number; cards: number };
  /**
   * Neighbourhoods, paths and lineages answered at once (default DEFAULT_SEARCHES_AT_ONCE); the
   * others wait their turn within their time budget (neo4j-search-gate.ts).
   */
  searchesAtOnce?: number;
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

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How often a read polls a copy whose change is committing (a commit takes milliseconds to a second). */
const STAMP_POLL_MS = 20;
/** Runs of a read's queries before it gives up on a copy that keeps changing under it. */
const STAMP_ROUNDS = 5;

/**
 * A driver connected to Neo4j (verified with a bounded retry) whose database has the store's schema.
 * @throws StoreUnavailableError with a one-line message when Neo4j is unreachable, refuses the
 *   credentials or lacks the database.
 */
export async function connectNeo4j(config: Neo4jStoreConfig, database: string): Promise<Driver> {
  const { uri, user } = config;
  let driver: Driver;
  try {
    driver = neo4j.driver(uri, neo4j.auth.basic(user, config.password), {
      disableLosslessIntegers: true,
      // Fail fast while Neo4j is down (the API answers 503) instead of retrying for 30 s.
      maxTransactionRetryTime: 2_000,
      // A TCP connection (and its TLS) that is not up within this is given up on.
      connectionTimeout: config.connectionBudgetMs ?? STORE_RESPONSE_BUDGET_MS,
      // Waiting for a free connection of a full pool (connections held by queries that hang).
      connectionAcquisitionTimeout: config.connectionBudgetMs ?? STORE_RESPONSE_BUDGET_MS,
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
      return driver;
    } catch (error) {
      if (isPermanent(error) || attempt >= attempts || !isUnavailable(error)) {
        const message = isUnavailable(error) ? unavailableMessage(error, uri, user, database) : `Neo4j at ${displayUri(uri)} failed: ${(error as Error).message}`;
        const tried = attempt > 1 ? `${message} Tried ${attempt} times.` : message;
        if (config.onStalled && isStalled(error)) {
          config.onStalled(tried);
          void ensureSchemaWhenAnswering(driver, database);
          return driver;
        }
        await driver.close();
        throw new StoreUnavailableError(tried, details);
      }
      await sleep(Math.min(4_000, (config.retryDelayMs ?? 500) * 2 ** (attempt - 1)));
    }
  }
}

/** ensureSchema, again and again until Neo4j answers (a store made while it was stalled: onStalled). */
async function ensureSchemaWhenAnswering(driver: Driver, database: string): Promise<void> {
  await retryUntilDone(async () => {
    try {
      await ensureSchema(driver, database);
      return true;
    } catch (error) {
      // A closed driver (the server stopped) or a failure that waiting does not cure: nothing left to do here;
      // the reads report it as they fail.
      return !isUnavailable(error) || isPermanent(error);
    }
  });
}

export type Props = Record<string, unknown>;

/** What the query families run queries on: a session whose queries are each their own auto-commit read. */
export type Reader = Pick<Session, "run">;

/** How long a read may wait for Neo4j, and what it throws past that. */
export interface ReadBudget {
  ms: number;
  expired(): Error;
}

/** The stamps a folded read's queries gave (Reads.readFolded): the first query's, and the latest with the query that gave it. */
interface FoldedStamps {
  queries: number;
  before?: CopyStamp;
  after?: { stamp: CopyStamp; query: number };
}

/** How every query family reads (createReads). */
export interface Reads {
  readonly namespace: string;
  readonly queryTimeoutMs: number;
  /** For the trivial queries (version, ping): no answer within it means Neo4j is not answering. */
  readonly responseBudget: ReadBudget;
  /**
   * Runs `work` on one session routed as a read, each query its own auto-commit transaction: a
   * managed transaction would add a BEGIN and a COMMIT round trip to every request for no gain,
   * since Neo4j reads are read-committed anyway. A copy stays complete until the load after the one
   * that replaced it (neo4j-load.ts), but a small change may be applied to it in place
   * (neo4j-in-place.ts): so, unless `budget` is given (the version and ping queries), the copy's
   * stamp (neo4j-stamp.ts) is read before and after `work`, and `work` runs again when it moved or
   * a change was committing, so an answer never mixes two revisions. With `pin` (a version string),
   * an answer of any other version is refused with StoreUnavailableError (a request that read part
   * of its answer before a change). A retryable failure (e.g. a pooled connection that died with a
   * Neo4j restart) is tried once more on a fresh session; driver failures become the store's
   * errors (translate).
   */
  read<T>(work: (tx: Reader) => Promise<T>, budget?: ReadBudget, pin?: string): Promise<T>;
  /**
   * Like `read`, with the stamp read inside `work`'s own queries instead of in two of its own: the
   * first query starts with STAMPED_CURRENT and gives its `stampBefore` column; the last one, when it
   * ends with STAMP_AFTER and gives `stampAfter`, is the check after (otherwise the stamp is read
   * once more after `work`). Two round trips fewer per answer (neighbourhoods, paths: ~0.6 ms of
   * Node CPU and ~0.35 ms of Neo4j CPU each, 2026-12-06). Only queries run through `rows` are seen.
   */
  readFolded<T>(work: (tx: Reader) => Promise<T>): Promise<T>;
  /** The rows of one query as objects; `$ns` is the namespace; the transaction timeout is at most the query budget. */
  rows<T>(tx: Reader, query: string, params?: Props, timeoutMs?: number): Promise<T[]>;
  /** A driver failure as the store's error (StoreUnavailableError, QueryTimeoutError, ResourceLimitError); others unchanged. */
  translate(error: unknown): unknown;
}

export function createReads(driver: Driver, database: string, namespace: string, uri: string, user: string, queryTimeoutMs: number): Reads {
  /** A query's own budget: Neo4j stops it at queryTimeoutMs; this ends the wait for a Neo4j that answers nothing. */
  const queryBudget: ReadBudget = {
    ms: queryTimeoutMs + QUERY_TIMEOUT_GRACE_MS,
    expired: () => new QueryTimeoutError(queryTimeoutMs, "Neo4j gave no answer at all: it may be overloaded or frozen; try again later."),
  };
  const responseBudget: ReadBudget = {
    ms: STORE_RESPONSE_BUDGET_MS,
    expired: () =>
      new StoreUnavailableError(`Neo4j at ${displayUri(uri)} did not answer within ${STORE_RESPONSE_BUDGET_MS / 1000} s.`, {
        uri: displayUri(uri),
        database,
        budgetMs: STORE_RESPONSE_BUDGET_MS,
      }),
  };

  function translate(error: unknown): unknown {
    if (error instanceof PatternAtlasError) return error;
    if (isTimeout(error)) return new QueryTimeoutError(queryTimeoutMs);
    const memory = memoryLimitError(error, displayUri(uri), "the query");
    if (memory) return memory;
    if (isUnavailable(error)) return new StoreUnavailableError(unavailableMessage(error, uri, user, database), { uri: displayUri(uri), database });
    return error;
  }

  /** What the queries of a folded read saw of the stamp (readFolded), by the reader they ran on. */
  const folded = new WeakMap<Reader, FoldedStamps>();

  /** A folded read's round: `work` on a reader counting its queries, then the stamps its first and last queries gave. */
  async function foldedRound<T>(session: Session, work: (tx: Reader) => Promise<T>): Promise<{ result: T; before: CopyStamp; after: CopyStamp }> {
    const seen: FoldedStamps = { queries: 0 };
    const tx: Reader = {
      run: ((...args: Parameters<Session["run"]>) => {
        seen.queries++;
        return session.run(...args);
      }) as Session["run"],
    };
    folded.set(tx, seen);
    const result = await work(tx);
    if (seen.before === undefined) throw new Error("A folded read's first query gives no stampBefore column (STAMPED_CURRENT).");
    const after = seen.after !== undefined && seen.after.query === seen.queries ? seen.after.stamp : await readStamp(session, namespace, queryTimeoutMs);
    return { result, before: seen.before, after };
  }

  /** A folded read: `work` again until its stamps agree, polling while a change is committing. */
  async function stampedFolded<T>(session: Session, work: (tx: Reader) => Promise<T>, deadline: number): Promise<T> {
    for (let round = 1; ; round++) {
      const { result, before, after } = await foldedRound(session, work);
      if (sameStamp(before, after)) return result;
      if (round >= STAMP_ROUNDS || performance.now() >= deadline) throw changedMidRequest();
      // A change is committing: wait until it has (as `stamped` does) before running `work` again.
      // Polling stops short of the deadline (a poll is a query), so a change that never settles is reported as such.
      let now = after;
      while (now.pending && performance.now() + 10 * STAMP_POLL_MS < deadline) {
        await sleep(STAMP_POLL_MS);
        now = await readStamp(session, namespace, queryTimeoutMs);
      }
      if (now.pending) throw changedMidRequest();
    }
  }

  /** Waits out a committing change (polling its stamp), then runs `work` between two stamp reads. */
  async function stamped<T>(session: Session, work: (tx: Reader) => Promise<T>, deadline: number, pin: string | undefined): Promise<T> {
    for (let round = 1; ; round++) {
      let before: CopyStamp = await readStamp(session, namespace, queryTimeoutMs);
      while (before.pending && performance.now() < deadline) {
        await sleep(STAMP_POLL_MS);
        before = await readStamp(session, namespace, queryTimeoutMs);
      }
      if (!before.pending) {
        if (pin !== undefined && versionOf(before) !== pin) throw changedMidRequest();
        const result = await work(session);
        if (sameStamp(before, await readStamp(session, namespace, queryTimeoutMs))) return result;
      }
      if (round >= STAMP_ROUNDS || performance.now() >= deadline) throw changedMidRequest();
    }
  }

  const changedMidRequest = (): StoreUnavailableError =>
    new StoreUnavailableError("The library in Neo4j changed while this answer was read; ask again.", { uri: displayUri(uri), database });

  async function read<T>(work: (tx: Reader) => Promise<T>, budget?: ReadBudget, pin?: string, fold = false): Promise<T> {
    const checked = budget === undefined;
    budget ??= queryBudget;
    const deadline = performance.now() + budget.ms;
    for (let attempt = 1; ; attempt++) {
      const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
      let timer: ReturnType<typeof setTimeout> | undefined;
      let expired = false;
      try {
        const running = fold ? stampedFolded(session, work, deadline) : checked ? stamped(session, work, deadline, pin) : work(session);
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

  async function rows<T>(tx: Reader, query: string, params: Props = {}, timeoutMs = queryTimeoutMs): Promise<T[]> {
    const running = tx.run(query, { ns: namespace, ...params }, { timeout: Math.min(timeoutMs, queryTimeoutMs) });
    const seen = folded.get(tx);
    const index = seen?.queries ?? 0;
    const result = await running;
    if (seen !== undefined && result.records.length === 1) {
      const record = result.records[0]!;
      if (seen.before === undefined && index === 1 && record.has("stampBefore")) seen.before = stampOfColumn(record.get("stampBefore"));
      if (record.has("stampAfter")) seen.after = { stamp: stampOfColumn(record.get("stampAfter")), query: index };
    }
    return result.records.map((r) => r.toObject() as T);
  }

  const readFolded = <T>(work: (tx: Reader) => Promise<T>): Promise<T> => read(work, undefined, undefined, true);

  return { namespace, queryTimeoutMs, responseBudget, read, readFolded, rows, translate };
}
