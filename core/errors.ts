// The error classes every part of Pattern Atlas throws. A leaf module: both stores, ingest and the
// server share these, and only server/http-errors.ts maps them to HTTP status codes.

export const ERROR_CODES = ["not_found", "invalid_input", "unsupported_format", "store_unavailable", "query_timeout", "resource_limit", "conflict", "forbidden", "internal"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every API failure: `{ "error": { "code": "not_found", "message": "No pattern 'x'. Did you mean 'y'?", "details": {...} } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

/** Base class: a message meant for the user, a stable code, and structured details. */
export class PatternAtlasError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** No pattern with that slug. `suggestions` are slugs the user may have meant, best first. */
export class NotFoundError extends PatternAtlasError {
  constructor(
    readonly slug: string,
    readonly suggestions: string[] = [],
    what = "pattern",
  ) {
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(", ")}?` : "";
    super("not_found", `No ${what} '${slug}'.${hint}`, { [what === "pattern" ? "slug" : what]: slug, suggestions });
  }
}

/** A parameter the caller gave is not acceptable: names the parameter, the value and what is allowed. */
export class InvalidInputError extends PatternAtlasError {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super("invalid_input", `Invalid '${parameter}': ${JSON.stringify(value)}. Allowed: ${allowed}.`, {
      parameter,
      value,
      allowed,
    });
  }
}

/**
 * The backing database did not finish a query within its time budget (Neo4j's transaction timeout):
 * the same request will take as long again, so the message says what to ask for instead.
 */
export class QueryTimeoutError extends PatternAtlasError {
  constructor(
    readonly timeoutMs: number,
    hint = "Ask for a smaller answer.",
    /** What did not answer in time, as the sentence's subject. */
    what = "The graph database",
  ) {
    super("query_timeout", `${what} did not answer within ${timeoutMs / 1000} s. ${hint}`, { timeoutMs });
  }
}

/** The backing database cannot be reached; the request may succeed later. */
export class StoreUnavailableError extends PatternAtlasError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("store_unavailable", message, details);
  }
}

/**
 * The work asked for needs more memory than the store may use (Neo4j's transaction memory limit,
 * or the embedded store's budget for one answer): the same request fails again until the limit is
 * raised or the work made smaller, so the message names the setting and the alternative.
 */
export class ResourceLimitError extends PatternAtlasError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("resource_limit", message, details);
  }
}

/** The request is understood but not allowed here (writing into the library without --allow-write, from another origin, without the token). */
export class ForbiddenError extends PatternAtlasError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("forbidden", message, details);
  }
}
