// Neo4j's memory refusals, told apart from an unreachable Neo4j: a transaction over
// db.memory.transaction.max, all transactions over db.memory.transaction.total.max or
// dbms.memory.transaction.total.max, or the heap itself. They are transient errors to the driver,
// but the same work fails again until a setting is raised or the work made smaller, so they become
// ResourceLimitError naming the setting, never "unavailable".
import { Neo4jError } from "neo4j-driver";
import { ResourceLimitError } from "../core/errors.ts";

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
