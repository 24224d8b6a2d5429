// Failures in words: a request the server never answered (stopped, network down) reads as such, with
// what happens next, instead of the browser's "Failed to fetch".
import { ApiError } from "../api.ts";

/** True when the request got no answer at all, as opposed to an error the server sent. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TypeError || (typeof error === "string" && /failed to fetch|networkerror|load failed/i.test(error));
}

/** One sentence for an error of any kind. */
export function describeFailure(error: unknown): string {
  if (isUnreachable(error)) return "The server did not answer. This view reloads by itself when it is back.";
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return String(error);
}
