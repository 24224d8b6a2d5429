// Server configuration from the command line and the environment, checked up front: a bad value is
// a ConfigError with one sentence saying what to fix, which `pattern-atlas serve` prints on a single line.
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_NEO4J_DATABASE, type Neo4jConfig } from "../graph/index.ts";
import { PARSE_THREAD_ENV, parseThreadSetting, type ParseThreadSetting } from "../ingest/index.ts";
import { DEFAULT_RESPONSE_CACHE_MB } from "./response-cache.ts";

export class ConfigError extends Error {
  /** `usage`: a mistake in the command line itself (unknown flag, missing value), exit status 2; otherwise 1. */
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * The folder the package is installed in (or the clone): one level above this module, both when it
 * runs from its source (server/config.ts) and from the build (dist/*.js). The explorer's build and
 * the example library are found there, whatever the current folder.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));

export const DEFAULT_PORT = 4000;
export const DEFAULT_HOST = "127.0.0.1";
/** The example library, relative to the package (see PACKAGE_ROOT). */
export const DEFAULT_LIBRARY = "examples/library";

/**
 * Where the patterns come from. `origin` says whether the user asked for this library: with Neo4j,
 * only an explicit library is loaded into the database; otherwise the server serves what Neo4j holds.
 */
export type LibrarySource =
  | { kind: "library"; path: string; origin: "flag" | "env" | "default" }
  | { kind: "snapshot"; path: string }
  | { kind: "database" };

export interface ServerConfig {
  source: LibrarySource;
  port: number;
  host: string;
  /** Re-read changed files while running (see watch.ts). */
  watch: boolean;
  /** Let the explorer's Apply write gap fixes into the library (honoured only on a loopback --host). */
  allowWrite: boolean;
  /** Log every request with its time. */
  dev: boolean;
  /** Resolve the gap analysis's stale references through the library folder's git history (off with --no-history). */
  history: boolean;
  neo4j?: Neo4jConfig;
  /** The explorer's build folder. */
  webDist: string;
  /** Budget of the cache of serialised query answers, in MB; 0 turns it off; undefined: the store kind's default. */
  responseCacheMb: number | undefined;
  /**
   * The server's address as its users reach it (`https://atlas.example.org`, no trailing slash),
   * for the absolute URLs of /embed's oEmbed link and /api/oembed; undefined: those are relative.
   * Never taken from the request's Host header, which any client sets.
   */
  publicUrl: string | undefined;
  /** Worker threads that write the embedded store's neighbourhood answers (0: the main thread does). */
  neighborhoodThreads: number;
  /** Their nice value on Linux (PATTERN_ATLAS_NEIGHBORHOOD_NICE; 0: the main thread's). */
  neighborhoodNice: number;
  /**
   * Whether --library's files are read and parsed on two threads (PATTERN_ATLAS_PARSE_THREAD; unset:
   * `auto`, which the server applies from SERVER_MIN_SPLIT_FILES files on, see main.ts).
   */
  parseThread: ParseThreadSetting;
  help: boolean;
}

/** Neighbourhood threads by default (PATTERN_ATLAS_NEIGHBORHOOD_THREADS sets it): see docs/performance.md. */
export const DEFAULT_NEIGHBORHOOD_THREADS = 1;
/** More threads than this only copy the library again: the work of one answer is never split. */
export const MAX_NEIGHBORHOOD_THREADS = 4;
/**
 * The neighbourhood threads' nice value by default (PATTERN_ATLAS_NEIGHBORHOOD_NICE sets it, 0 to
 * 19; above 0 the main thread gets a core before them): 0, the main thread's own; 5 was no better on a
 * quiet machine (docs/performance.md).
 */
export const DEFAULT_NEIGHBORHOOD_NICE = 0;

export const USAGE = `Usage: pattern-atlas serve [options]

Reads a pattern library and serves the explorer and the JSON API at a URL it prints.

  --library <folder>   read this pattern library (env PATTERN_ATLAS_LIBRARY; default: the example
                       library that comes with Pattern Atlas)
  --snapshot <file>    load a snapshot written by \`pattern-atlas ingest <folder> --out <file>\` instead
  --port <n>           port to listen on (env PORT; default ${DEFAULT_PORT}; 0 picks a free one)
  --host <address>     address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)
  --watch              re-read changed library files while running
  --allow-write        let the explorer's Gaps view write fixes into the library files (Apply);
                       only on a loopback --host, with --library; pair it with --watch
  --dev                log every request
  --no-history         do not read the library folder's git history to resolve stale references
                       in the gap analysis (read by default when the folder is in a git repository)
  --response-cache-mb <n>  memory for cached query answers (env PATTERN_ATLAS_RESPONSE_CACHE_MB;
                       default ${DEFAULT_RESPONSE_CACHE_MB.memory} with the embedded store, ${DEFAULT_RESPONSE_CACHE_MB.neo4j} with Neo4j; 0 turns it off)
  --public-url <url>   the address users reach the server at, e.g. https://atlas.example.org (env
                       PATTERN_ATLAS_PUBLIC_URL), for the absolute URLs of oEmbed; default: relative URLs
  --help               show this help

  With NEO4J_URI set (and NEO4J_PASSWORD; NEO4J_USER defaults to neo4j, NEO4J_DATABASE to neo4j;
  NEO4J_QUERY_TIMEOUT_MS, default 10000, stops a query that runs longer: HTTP 504; NEO4J_NAMESPACE, default
  "default", picks one of several libraries in the database) the server answers from Neo4j. It serves what the database holds, unless --library, --snapshot or
  PATTERN_ATLAS_LIBRARY is given: then that library is first loaded into Neo4j.
`;

/** The flags `pattern-atlas serve` accepts. */
export const SERVER_OPTIONS = {
  library: { type: "string" },
  snapshot: { type: "string" },
  port: { type: "string" },
  host: { type: "string" },
  watch: { type: "boolean", default: false },
  "allow-write": { type: "boolean", default: false },
  dev: { type: "boolean", default: false },
  "no-history": { type: "boolean", default: false },
  "response-cache-mb": { type: "string" },
  "public-url": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** @throws ConfigError */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: SERVER_OPTIONS,
    }));
  } catch (err) {
    // parseArgs's first sentence says it ("Unknown option '--prot'"); the rest is advice about `--`.
    throw new ConfigError((err as Error).message.split(". To specify")[0]!.replace(/\.?$/, "."), true);
  }

  const port = parsePort(values.port ?? env.PORT, values.port !== undefined ? "--port" : "PORT");
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === "") throw new ConfigError("--host is empty; give an address such as 127.0.0.1 or 0.0.0.0.");

  const cacheFlag = values["response-cache-mb"];
  const responseCacheMb = parseCacheMb(cacheFlag ?? env.PATTERN_ATLAS_RESPONSE_CACHE_MB, cacheFlag !== undefined ? "--response-cache-mb" : "PATTERN_ATLAS_RESPONSE_CACHE_MB");
  const publicFlag = values["public-url"];
  const publicUrl = parsePublicUrl(publicFlag ?? env.PATTERN_ATLAS_PUBLIC_URL, publicFlag !== undefined ? "--public-url" : "PATTERN_ATLAS_PUBLIC_URL");
  const neo4j = parseNeo4j(env);
  const envLibrary = env.PATTERN_ATLAS_LIBRARY?.trim() ? env.PATTERN_ATLAS_LIBRARY : undefined;
  if (values.library !== undefined && values.snapshot !== undefined) {
    throw new ConfigError("Give either --library or --snapshot, not both.");
  }

  let source: LibrarySource;
  if (values.snapshot !== undefined) {
    source = { kind: "snapshot", path: checkPath(path.resolve(cwd, values.snapshot), "file", "--snapshot") };
  } else if (values.library !== undefined) {
    source = { kind: "library", path: checkPath(path.resolve(cwd, values.library), "folder", "--library"), origin: "flag" };
  } else if (envLibrary !== undefined) {
    source = { kind: "library", path: checkPath(path.resolve(cwd, envLibrary), "folder", "PATTERN_ATLAS_LIBRARY"), origin: "env" };
  } else if (neo4j) {
    source = { kind: "database" };
  } else {
    source = { kind: "library", path: checkPath(path.join(PACKAGE_ROOT, DEFAULT_LIBRARY), "folder", "the default library"), origin: "default" };
  }
  if (values.watch && source.kind !== "library") {
    throw new ConfigError("--watch needs a library folder (--library or PATTERN_ATLAS_LIBRARY), not a snapshot or the database.");
  }
  if (values["allow-write"] && (source.kind !== "library" || source.origin === "default")) {
    throw new ConfigError("--allow-write needs your library folder (--library or PATTERN_ATLAS_LIBRARY), not a snapshot, the database or the example library.");
  }

  return {
    source,
    port,
    host,
    watch: values.watch,
    allowWrite: values["allow-write"],
    dev: values.dev,
    history: !values["no-history"],
    neo4j,
    webDist: path.join(PACKAGE_ROOT, "web/dist"),
    responseCacheMb,
    publicUrl,
    neighborhoodThreads: parseNeighborhoodThreads(env.PATTERN_ATLAS_NEIGHBORHOOD_THREADS),
    neighborhoodNice: parseNeighborhoodNice(env.PATTERN_ATLAS_NEIGHBORHOOD_NICE),
    parseThread: env[PARSE_THREAD_ENV]?.trim() ? parseSetting(env[PARSE_THREAD_ENV]) : "auto",
    help: values.help,
  };
}

function parseSetting(raw: string | undefined): ParseThreadSetting {
  try {
    return parseThreadSetting(raw);
  } catch {
    throw new ConfigError(`${PARSE_THREAD_ENV} must be auto, on or off, got '${raw}'.`);
  }
}

function parsePort(raw: string | undefined, name: string): number {
  if (raw === undefined || raw === "") return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError(`${name} must be a port number from 0 to 65535, got '${raw}'.`);
  }
  return Number(raw);
}

function parseCacheMb(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  if (!/^\d{1,5}$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number of megabytes (0 turns the cache off), got '${raw}'.`);
  return Number(raw.trim());
}

function parseNeighborhoodThreads(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_NEIGHBORHOOD_THREADS;
  if (!/^\d$/.test(raw.trim()) || Number(raw.trim()) > MAX_NEIGHBORHOOD_THREADS) {
    throw new ConfigError(`PATTERN_ATLAS_NEIGHBORHOOD_THREADS must be a whole number from 0 to ${MAX_NEIGHBORHOOD_THREADS}, got '${raw}'.`);
  }
  return Number(raw.trim());
}

function parseNeighborhoodNice(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_NEIGHBORHOOD_NICE;
  if (!/^\d{1,2}$/.test(raw.trim()) || Number(raw.trim()) > 19) {
    throw new ConfigError(`PATTERN_ATLAS_NEIGHBORHOOD_NICE must be a whole number from 0 to 19 (0: the main thread's priority), got '${raw}'.`);
  }
  return Number(raw.trim());
}

function parsePublicUrl(raw: string | undefined, name: string): string | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL such as https://atlas.example.org, got '${raw}'.`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`${name} must be an http(s) URL without query, fragment or credentials, such as https://atlas.example.org, got '${raw}'.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function parseNeo4j(env: NodeJS.ProcessEnv): Neo4jConfig | undefined {
  const uri = env.NEO4J_URI?.trim();
  if (!uri) return undefined;
  if (!/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/.test(uri)) {
    throw new ConfigError(`NEO4J_URI must look like bolt://127.0.0.1:7687 or neo4j://host:7687, got '${uri}'.`);
  }
  const password = env.NEO4J_PASSWORD;
  if (!password) throw new ConfigError("NEO4J_URI is set but NEO4J_PASSWORD is not; set it to the database password.");
  return {
    uri,
    user: env.NEO4J_USER?.trim() || "neo4j",
    password,
    database: env.NEO4J_DATABASE?.trim() || DEFAULT_NEO4J_DATABASE,
    ...queryTimeout(env.NEO4J_QUERY_TIMEOUT_MS),
    ...searchesAtOnce(env.NEO4J_SEARCHES_AT_ONCE),
    ...namespace(env.NEO4J_NAMESPACE),
  };
}

/** NEO4J_NAMESPACE: which of several libraries in one database (default "default"). */
function namespace(raw: string | undefined): { namespace?: string } {
  if (raw === undefined || raw.trim() === "") return {};
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(raw.trim())) throw new ConfigError(`NEO4J_NAMESPACE must be 1 to 100 letters, digits, '_', '.' or '-', got '${raw}'.`);
  return { namespace: raw.trim() };
}

function queryTimeout(raw: string | undefined): { queryTimeoutMs?: number } {
  if (raw === undefined || raw.trim() === "") return {};
  if (!/^\d{1,7}$/.test(raw.trim()) || Number(raw) < 100) {
    throw new ConfigError(`NEO4J_QUERY_TIMEOUT_MS must be a number of milliseconds from 100 to 9999999, got '${raw}'.`);
  }
  return { queryTimeoutMs: Number(raw) };
}

/** NEO4J_SEARCHES_AT_ONCE: neighbourhoods, paths and lineages answered from Neo4j at once (neo4j-search-gate.ts). */
function searchesAtOnce(raw: string | undefined): { searchesAtOnce?: number } {
  if (raw === undefined || raw.trim() === "") return {};
  if (!/^\d{1,3}$/.test(raw.trim()) || Number(raw) < 1) throw new ConfigError(`NEO4J_SEARCHES_AT_ONCE must be a whole number from 1 to 999, got '${raw}'.`);
  return { searchesAtOnce: Number(raw) };
}

function checkPath(resolved: string, kind: "file" | "folder", name: string): string {
  let isRightKind: boolean;
  try {
    const stat = statSync(resolved);
    isRightKind = kind === "file" ? stat.isFile() : stat.isDirectory();
  } catch {
    throw new ConfigError(`${name}: no ${kind} at ${resolved}.`);
  }
  if (!isRightKind) throw new ConfigError(`${name}: ${resolved} is not a ${kind}.`);
  return resolved;
}
