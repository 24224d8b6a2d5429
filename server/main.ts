// Starting the server: loads the library into a store (in memory or Neo4j), starts the HTTP server,
// prints what it loaded and the URL, and hands back a way to stop it. `pattern-atlas serve`
// (cli/serve.ts) reads the configuration and calls it.
import type { Server } from "node:http";
import path from "node:path";
import { getHeapStatistics } from "node:v8";
import { retryPause, retryUntilDone } from "../graph/retry.ts";
import {
  adoptsLibrary,
  canonicalLibraryInPlace,
  createStore,
  hasFastNeighborhood,
  hasWarmReads,
  libraryOverview,
  QueryTimeoutError,
  StoreUnavailableError,
  type GraphStore,
  type Library,
} from "../graph/index.ts";
import type { HistoryIndex } from "../graph/gaps/index.ts";
import { loadLibraryOnTwoThreads, readSnapshot } from "../ingest/index.ts";
import { loadLibraryHistory } from "../ingest/library-history.ts";
import { createApp, type AppOptions, type AtlasApp } from "./app.ts";
import { createOverviewCache, type OverviewCache } from "./overview-cache.ts";
import { layoutCacheDir } from "./overview-disk-cache.ts";
import { storedOverviewMaker } from "./overview-stored.ts";
import { isLoopbackHost } from "./routes/gaps-queue.ts";
import { closeServer, createHttpServer, listen, urlHost } from "./http-server.ts";
import { ConfigError, type ServerConfig } from "./config.ts";
import { ms, summarize } from "./load-summary.ts";
import { consoleLogger, type Logger } from "./logger.ts";
import { createReload, type WatchHook } from "./watch.ts";

export type { WatchHook } from "./watch.ts";

export interface StartOptions {
  logger?: Logger;
  startWatch?: WatchHook;
}

export interface RunningServer {
  url: string;
  port: number;
  store: GraphStore;
  app: AtlasApp;
  /** Replace the served library (what --watch calls). */
  reload(library: Library, changedFiles?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? consoleLogger;
  const store = await createStore(
    config.neo4j
      ? // A load from --library lays the overview out and stores it with the copy, for every server on this Neo4j.
        {
          neo4j: {
            ...config.neo4j,
            attachments: storedOverviewMaker((line) => logger.info(line)),
            // Serving what Neo4j holds, a Neo4j that takes connections but does not answer yet is waited for, not given up on.
            ...(config.source.kind === "database"
              ? { onStalled: (message: string) => logger.warn(`${message} Serving anyway: requests answer 503 until Neo4j answers.`) }
              : {}),
          },
        }
      : {
          // Neighbourhood answers are found and written beside the main thread, which only sends them.
          memory: { neighborhoodThreads: config.neighborhoodThreads, neighborhoodNice: config.neighborhoodNice, onThreadFailure: (message) => logger.warn(`${message}; neighbourhoods are answered on the main thread.`) },
        },
  );
  let server: Server | undefined;
  let watcher: { close(): Promise<void> } | undefined;
  try {
    // Serving what Neo4j holds, a slow Neo4j is waited for in the background (firstReads): the server listens meanwhile.
    if (config.source.kind !== "database") await store.ping();
    // Made before the load, so that the overview's layout starts while the memory store prepares.
    const cacheDir = layoutCacheDir();
    const overview = store.kind === "memory" ? createOverviewCache(store, logger, cacheDir ? { cacheDir } : {}) : undefined;
    // Undefined once loaded; else (a Neo4j not answering yet) what settles when its statistics arrive.
    const late = await loadSource(config, store, logger, overview);
    const gapsHistory = config.source.kind === "library" && config.history ? historyProvider(config.source.path, logger) : undefined;
    const app = createApp({
      store,
      webDist: config.webDist,
      logger,
      logRequests: config.dev,
      responseCacheMb: config.responseCacheMb,
      publicUrl: config.publicUrl,
      gaps: gapsOptions(config, logger),
      ...(gapsHistory ? { gapsHistory } : {}),
      layoutCacheDir: cacheDir,
      ...(overview ? { overview } : {}),
    });
    server = createHttpServer(app);
    const port = await listen(server, config.port, config.host);
    const url = `http://${urlHost(config.host)}:${port}/`;
    const threads = config.neighborhoodThreads;
    const where = threads === 0 ? "on the main thread" : `on ${threads === 1 ? "a worker thread" : `${threads} worker threads`}${config.neighborhoodNice > 0 ? ` at nice ${config.neighborhoodNice}` : ""}`;
    logger.info(store.kind === "memory" ? `Store: memory (neighbourhood answers written ${where})` : `Store: ${store.kind}`);
    const { enabled, maxBytes } = app.atlas.answers.stats();
    logger.info(`Answer cache: ${enabled ? `${Math.round(maxBytes / 2 ** 20)} MB` : "off"} (--response-cache-mb)`);
    logger.info(`Pattern Atlas is running at ${url}`);
    // What the first requests would wait for, once the store answers.
    if (late === undefined) warm(app, store, logger);
    else late.answered.then(() => warm(app, store, logger), (err: unknown) => logger.error("Reading the library's statistics failed", err));
    // Built (or brought up to date) now, so the first gap analysis does not wait for it.
    void gapsHistory?.();

    const reload = createReload(store, app, logger);
    if (config.watch && config.source.kind === "library") {
      if (!options.startWatch) throw new ConfigError("--watch is not available in this build.");
      watcher = await options.startWatch({ root: config.source.path, reload, events: app.atlas.events, logger });
    }
    const running = server;
    return {
      url,
      port,
      store,
      app,
      reload,
      close: async () => {
        await watcher?.close();
        // Open event streams would otherwise hold the server open until the forced close.
        app.atlas.events.close();
        await closeServer(running);
        await store.close();
      },
    };
  } catch (err) {
    await watcher?.close().catch(() => {});
    if (server?.listening) await closeServer(server).catch(() => {});
    await store.close().catch(() => {});
    throw err;
  }
}

/** Loads the library; serving what Neo4j holds, gives a promise when Neo4j has not answered yet (firstReads). */
async function loadSource(config: ServerConfig, store: GraphStore, logger: Logger, overview?: OverviewCache): Promise<LateStart | undefined> {
  const { source } = config;
  if (source.kind === "database") return await firstReads(store, logger);
  const started = performance.now();
  const library =
    source.kind === "snapshot"
      ? await readSnapshot(source.path)
      : await loadLibraryOnTwoThreads(source.path, config.parseThread, {
          minSplitFiles: SERVER_MIN_SPLIT_FILES,
          onFallback: (message) => logger.warn(`Reading the library: ${message}`),
        });
  const readMs = ms(started);
  const loadStarted = performance.now();
  // The library read here is used by nothing else: the memory store takes it over uncopied.
  if (adoptsLibrary(store)) {
    // In canonical order now (the store then only checks it), so that its overview is the store's:
    // laid out on the overview thread while this thread prepares the store (at ten times the
    // 2026-02-20 library the store's preparation is ~3.5 s of CPU, and it and the cold layout were
    // on the path to the first overview one after the other). The overview cache checks the store's
    // overview against it once loaded (overview-cache.ts prime).
    const ordered = canonicalLibraryInPlace(library);
    overview?.prime(libraryOverview(ordered));
    await store.adoptLibrary(ordered);
  } else await store.load(library);
  const stats = await store.stats();
  const what = source.kind === "snapshot" ? `snapshot ${display(source.path)}` : `library ${display(source.path)}`;
  logger.info(`Loaded ${what}`);
  logger.info(`  ${summarize(stats)}`);
  logger.info(`  read in ${readMs}, loaded into the ${store.kind} store in ${ms(loadStarted)}`);
  if (store.kind === "memory" && stats.patterns > NEO4J_ADVISED_PATTERNS) {
    const heap = getHeapStatistics();
    const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;
    logger.warn(
      `  ${stats.patterns} patterns and ${stats.links} links is more than ${NEO4J_ADVISED_PATTERNS} patterns, the size up to which the embedded ` +
        `store answers every endpoint comfortably within its heap (${mb(heap.used_heap_size)} used of ${mb(heap.heap_size_limit)}). ` +
        "Neo4j is the better store for it: `npm run ingest -- <folder> --neo4j`, then start with NEO4J_URI set (docs/neo4j.md).",
    );
  }
  return undefined;
}

/** A start whose store has not answered yet: `answered` settles once it has (in an object: a promise returned from an async function would be awaited). */
interface LateStart {
  answered: Promise<void>;
}

/**
 * What a server on Neo4j's data says at start (its statistics). A Neo4j that does not answer in time
 * (a cold JVM on a loaded machine took over 10 s for its first statistics at 10x) must not stop the
 * server: it says so, starts listening (requests answer 503 or 504 meanwhile, and succeed as soon
 * as Neo4j does), and keeps asking in the background until it has the statistics. A failure that
 * is not Neo4j's unavailability or slowness (e.g. a refused password) still stops the start.
 */
async function firstReads(store: GraphStore, logger: Logger): Promise<LateStart | undefined> {
  const ask = async (attempt: number): Promise<boolean> => {
    try {
      const stats = await store.stats();
      logger.info(`Serving what Neo4j holds: ${summarize(stats)}`);
      if (stats.patterns === 0) {
        logger.warn("Neo4j holds no patterns: start with --library <folder>, or run `pattern-atlas ingest <folder> --neo4j`.");
      }
      return true;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError || error instanceof QueryTimeoutError)) throw error;
      logger.warn(
        `Neo4j did not give the library's statistics at ${attempt === 0 ? "start" : `attempt ${attempt + 1}`}: ${error.message} ` +
          `Serving anyway (requests answer 503 or 504 until Neo4j answers); asking again in ${retryPause(attempt) / 1000} s.`,
      );
      return false;
    }
  };
  if (await ask(0)) return undefined;
  return { answered: retryUntilDone(ask, 1) };
}

/**
 * Files from which `auto` reads and parses on two threads. Measured on the 2 shared cores (load 13):
 * at 3,573 files one thread was faster (2.2-2.9 against 2.5-3.8 s wall, 1.0 against 1.3-1.6 s CPU),
 * at 10,713 they tied (5.8-6.7 against 5.2-7.4 s), at 35,730 two threads saved ~4.5 s (15.0-24.8
 * against 10.5-20.1 s wall, about the same CPU); see docs/performance.md.
 */
export const SERVER_MIN_SPLIT_FILES = 12_000;

/**
 * Patterns above which start-up advises Neo4j: about four times the 2026-02-20 library. At ten
 * times it the embedded store needs ~700 MB of RSS and the gap analysis up to its thread's 512 MB
 * more, in 14-20 s of CPU (docs/performance.md).
 */
const NEO4J_ADVISED_PATTERNS = 15_000;

/**
 * In the background, what the first requests would otherwise wait for: the overview layout, then the
 * store's own (after, so that handing the overview to its thread does not wait for it; an early
 * neighbourhood or search builds what it needs itself).
 */
function warm(app: AtlasApp, store: GraphStore, logger: Logger): void {
  app.atlas.overview
    .get()
    .catch((err: unknown) => logger.warn(`Overview layout failed: ${(err as Error).message}`))
    .finally(() => warmStore(store, logger));
}

/**
 * The memory store builds its neighbourhood encodings and hands the library to its thread
 * (FastNeighborhood.warm); Neo4j plans its neighbourhood and path queries (WarmReads).
 */
function warmStore(store: GraphStore, logger: Logger): void {
  if (hasFastNeighborhood(store)) store.warm().catch((err: unknown) => logger.warn(`Warming the store failed: ${(err as Error).message}`));
  if (hasWarmReads(store)) {
    store.warmReads().then(
      (ms) => logger.info(`Store reads warmed in ${ms} ms`),
      (err: unknown) => logger.warn(`Warming the store's reads failed: ${(err as Error).message}`),
    );
  }
}

/** The library folder for decisions and patches, and whether Apply may write (--allow-write on loopback only). */
export function gapsOptions(config: ServerConfig, logger: Logger): AppOptions["gaps"] {
  if (config.source.kind !== "library") return {};
  const libraryFolder = config.source.path;
  if (!config.allowWrite) return { libraryFolder, write: { allowed: false, reason: "the server was started without --allow-write" } };
  if (!isLoopbackHost(config.host)) {
    logger.warn(`--allow-write is ignored: the server listens on ${config.host}, not a loopback address; Apply answers 403.`);
    return { libraryFolder, write: { allowed: false, reason: `the server listens on ${config.host}, not a loopback address` } };
  }
  logger.info(`Apply writes gap fixes into ${libraryFolder} (--allow-write)${config.watch ? "" : "; without --watch the explorer shows them after a restart"}.`);
  return { libraryFolder, write: { allowed: true } };
}

function display(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith("..") ? rel : p;
}

/**
 * The library folder's git history for the gap analysis: read once, then again only when the
 * repository's HEAD moved (a commit while --watch runs). Undefined outside git; a failure is logged.
 */
function historyProvider(folder: string, logger: Logger): () => Promise<HistoryIndex | undefined> {
  let last: HistoryIndex | undefined;
  let pending: Promise<HistoryIndex | undefined> | undefined;
  return () =>
    (pending ??= loadLibraryHistory(folder, last)
      .then((built) => {
        if (built && built.how !== "cached") {
          logger.info(`History: ${built.index.commits.length} commits indexed (${built.how}, ${built.commitsRead} read) in ${built.ms} ms; cached in ${built.cacheFile}`);
        }
        last = built?.index;
        return last;
      })
      .catch((error: unknown) => {
        logger.warn(`History: ${(error as Error).message}; stale references are resolved without it.`);
        return undefined;
      })
      .finally(() => {
        pending = undefined;
      }));
}
