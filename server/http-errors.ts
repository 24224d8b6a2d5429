// The one place where errors become HTTP responses: domain errors map to status codes here, every
// error body has the shape { error: { code, message, details } }, and nothing ever sends a stack trace.
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { PatternAtlasError, StoreUnavailableError, type ErrorBody, type ErrorCode } from "../graph/index.ts";
import type { Logger } from "./logger.ts";

export interface HttpError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/** Seconds a client should wait before retrying while the store is unavailable. */
const RETRY_AFTER_SECONDS = 5;

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  not_found: 404,
  invalid_input: 400,
  // The answer exists, but not in the format asked for (oEmbed's format=xml).
  unsupported_format: 501,
  store_unavailable: 503,
  // The database is the server's upstream, and it gave no answer in time: a gateway timeout.
  query_timeout: 504,
  // Refused so the server lives on: more memory than the store allows for one answer. Not a
  // Retry-After case: the same request needs the same memory until the limit or the store changes.
  resource_limit: 503,
  conflict: 409,
  forbidden: 403,
  internal: 500,
};

/** Errors raised by Express itself or its parsers carry a 4xx `status` (e.g. a malformed %-escape in a path). */
function clientStatusOf(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const s = typeof status === "number" ? status : typeof statusCode === "number" ? statusCode : undefined;
  return s !== undefined && s >= 400 && s < 500 ? s : undefined;
}

/** Maps any thrown value to a status and a safe body. Unknown errors become a generic 500. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof StoreUnavailableError) {
    return {
      status: 503,
      body: errorBody(err.code, err.message, err.details),
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    };
  }
  // NotFoundError (404) and InvalidInputError (400) included: the status follows the error's code.
  if (err instanceof PatternAtlasError) {
    const status = STATUS_BY_CODE[err.code];
    // A domain error with code "internal" is still an internal error: its message stays server-side.
    if (status === 500) return internalError();
    return { status, body: errorBody(err.code, err.message, err.details), headers: {} };
  }
  if (err instanceof URIError || (clientStatusOf(err) === 400 && isDecodeError(err))) {
    return {
      status: 400,
      body: errorBody("invalid_input", "The URL contains a malformed percent-encoding (e.g. '%E0%A4%A').", {
        parameter: "url",
        allowed: "valid UTF-8 percent-encoding",
      }),
      headers: {},
    };
  }
  const clientStatus = clientStatusOf(err);
  if (clientStatus !== undefined) {
    const code: ErrorCode = clientStatus === 404 ? "not_found" : clientStatus === 409 ? "conflict" : "invalid_input";
    return { status: clientStatus, body: errorBody(code, httpReason(clientStatus), {}), headers: {} };
  }
  return internalError();
}

function isDecodeError(err: unknown): boolean {
  const message = (err as { message?: unknown }).message;
  return typeof message === "string" && /decode/i.test(message);
}

function httpReason(status: number): string {
  switch (status) {
    case 404:
      return "Not found.";
    case 405:
      return "Method not allowed.";
    case 413:
      return "Request too large.";
    default:
      return "Bad request.";
  }
}

function internalError(): HttpError {
  return {
    status: 500,
    body: errorBody("internal", "Internal server error. The server log has the details.", {}),
    headers: {},
  };
}

export function errorBody(code: ErrorCode, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}

export function sendError(res: Response, status: number, body: ErrorBody, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).set("Cache-Control", "no-store").json(body);
}

/** The error middleware, registered last. Logs what is not the caller's fault; answers every error as JSON. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      // Too late to send a body: let Express close the connection.
      next(err);
      return;
    }
    const mapped = toHttpError(err);
    if (mapped.status === 500) logger.error(`Unexpected error on ${req.method} ${req.originalUrl}`, err);
    else if (mapped.status === 503) logger.warn(`Store unavailable on ${req.method} ${req.originalUrl}: ${mapped.body.error.message}`);
    sendError(res, mapped.status, mapped.body, mapped.headers);
  };
}

/** 404 for any /api path no route matched. */
export function apiNotFound(): RequestHandler {
  return (req, res) => {
    sendError(
      res,
      404,
      errorBody("not_found", `No API endpoint ${req.method} ${req.path}. The endpoints are listed at /api/openapi.json.`, {
        method: req.method,
        path: req.path,
      }),
    );
  };
}

/**
 * 405 for a known path asked with a method it does not answer. A method it does answer passes on
 * (a handler that declined, such as /embed before the explorer is built, falls through as before).
 */
export function methodNotAllowed(allow: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (allow.includes(req.method)) {
      next();
      return;
    }
    res.set("Allow", allow.join(", "));
    sendError(
      res,
      405,
      errorBody("invalid_input", `${req.method} is not allowed on ${req.path}. Allowed: ${allow.join(", ")}.`, {
        parameter: "method",
        value: req.method,
        allowed: allow,
      }),
    );
  };
}
