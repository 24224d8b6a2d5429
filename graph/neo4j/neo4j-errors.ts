// Driver failures as the store's errors, with a one-line message and no stack or secrets: an
// unreachable or refusing Neo4j becomes StoreUnavailableError, a stopped transaction
// QueryTimeoutError, and a memory refusal ResourceLimitError naming the setting to raise.
import neo4j, { Neo4jError } from "neo4j-driver";
import { QueryTimeoutError, ResourceLimitError } from "../../core/errors.ts";

const AUTH_CODE = /^Neo\.ClientError\.Security\./;
const DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound";
const UNAVAILABLE_CODES = new Set([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  DATABASE_NOT_FOUND,
  "Neo.TransientError.General.DatabaseUnavailable",
]);

/** The URI without any user info, for messages. */
export function displayUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//");
}

/** A QueryTimeoutError from `work` says what to ask for instead. */
export async function withHint<T>(hint: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof QueryTimeoutError ? new QueryTimeoutError(error.timeoutMs, hint) : error;
  }
}

/** Neo4j stopped the transaction at its timeout (ours, or the server's own db.transaction.timeout). */
export function isTimeout(error: unknown): boolean {
  return error instanceof Neo4jError && /TransactionTimedOut/.test(error.code);
}

/**
 * The driver's own clocks ran out (code "N/A"): no pooled connection came free, or a new one did not
 * connect, within the store's response budget; either way Neo4j is not answering now.
 */
const DRIVER_TIMEOUT_MESSAGE = /^(Connection acquisition timed out|Failed to establish connection in)/;

/** Neo4j cannot be reached, or refuses the credentials or the database, or is not answering now. */
export function isUnavailable(error: unknown): error is Error {
  if (error instanceof Neo4jError) {
    return UNAVAILABLE_CODES.has(error.code) || AUTH_CODE.test(error.code) || error.code.startsWith("Neo.TransientError.") || DRIVER_TIMEOUT_MESSAGE.test(error.message);
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"].includes(code);
}

/**
 * Neo4j took the connection but did not answer within the driver's clocks (a stopped, starved or
 * overloaded JVM), as opposed to an address where nothing listens or a refusal.
 */
export function isStalled(error: unknown): boolean {
  return error instanceof Neo4jError && DRIVER_TIMEOUT_MESSAGE.test(error.message);
}

/** Refused credentials or a missing database: trying again will not help. */
export function isPermanent(error: unknown): boolean {
  return error instanceof Neo4jError && (AUTH_CODE.test(error.code) || error.code === DATABASE_NOT_FOUND);
}

/** One line saying why Neo4j is unavailable and, when it is the configuration, which variable to check. */
export function unavailableMessage(error: Error, uri: string, user: string, database: string): string {
  const code = error instanceof Neo4jError ? error.code : "";
  if (AUTH_CODE.test(code)) {
    return `Neo4j at ${displayUri(uri)} refused user '${user}' (${code.replace("Neo.ClientError.Security.", "")}): check NEO4J_USER and NEO4J_PASSWORD.`;
  }
  if (code === DATABASE_NOT_FOUND) {
    return `Neo4j at ${displayUri(uri)} has no database '${database}': check NEO4J_DATABASE.`;
  }
  // The driver's messages run on with advice; their first sentence says what happened.
  const reason = error.message.split("\n")[0]!.split(/\.\s/)[0]!.replace(/\.$/, "").slice(0, 160);
  return `Neo4j at ${displayUri(uri)} is unavailable (${reason}).`;
}

// Neo4j's memory refusals, told apart from an unreachable Neo4j: a transaction over
// db.memory.transaction.max, all transactions over db.memory.transaction.total.max or
// dbms.memory.transaction.total.max, or the heap itself. They are transient errors to the driver,
// but the same work fails again until a setting is raised or the work made smaller, so they become
// ResourceLimitError naming the setting, never "unavailable".

const MEMORY_CODES = new Set([
  "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
  "Neo.TransientError.General.TransactionMemoryLimit",
  "Neo.TransientError.General.OutOfMemoryError",
]);

/** True for Neo4j refusing work for lack of (allowed) memory. */
export function isMemoryLimit(error: unknown): error is Neo4jError {
  return error instanceof Neo4jError && (MEMORY_CODES.has(error.code) || /memory\.transaction\.(total\.)?max/.test(error.message));
}

/** The setting a memory refusal names, read from Neo4j's message when it says. */
function settingOf(error: Neo4jError): string | undefined {
  return /\b((?:db|dbms)\.memory\.transaction\.(?:total\.)?max)\b/.exec(error.message)?.[1];
}

/**
 * The ResourceLimitError for a memory refusal, or undefined for any other error.
 * `what` says what was being done ("writing the library", "the query").
 */
export function memoryLimitError(error: unknown, uri: string, what: string): ResourceLimitError | undefined {
  if (!isMemoryLimit(error)) return undefined;
  const reason = error.message.split("\n")[0]!.replace(/\s+/g, " ").slice(0, 240);
  const setting = settingOf(error);
  const heap = error.code === "Neo.TransientError.General.OutOfMemoryError";
  const fix = heap
    ? "raise Neo4j's heap (server.memory.heap.max_size in neo4j.conf, or -Xmx for the test launcher)"
    : `raise ${setting ?? "db.memory.transaction.total.max / dbms.memory.transaction.total.max (and db.memory.transaction.max)"} in neo4j.conf ` +
      "(0 means no limit; the total limits default to 70% of the heap), or the heap with it (server.memory.heap.max_size)";
  return new ResourceLimitError(`Neo4j at ${uri} refused ${what} for lack of memory (${reason}): ${fix}.`, {
    store: "neo4j",
    code: error.code,
    ...(setting ? { setting } : {}),
  });
}
