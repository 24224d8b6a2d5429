// Response headers every answer carries: no MIME sniffing, no referrer leaks, and no framing except
// for the embed route (a view's graph alone, for iframes), which any site may put in an <iframe>.
import type { RequestHandler } from "express";

/**
 * Paths that other sites may frame. The embed view is served under `/embed`; add a prefix
 * here, and only here, to make another route frameable.
 */
export const FRAMEABLE_PATH_PREFIXES = ["/embed"] as const;

export function isFrameable(path: string): boolean {
  return FRAMEABLE_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`));
}

/** The headers of an answer at a path no other site may frame (every API answer), in the order they are set. */
const UNFRAMED_HEADERS: readonly (readonly [string, string])[] = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "no-referrer"],
  ["X-Frame-Options", "DENY"],
  ["Content-Security-Policy", "frame-ancestors 'none'"],
];
const FRAMED_HEADERS: readonly (readonly [string, string])[] = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "no-referrer"],
  ["Content-Security-Policy", "frame-ancestors *"],
];

export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    for (const [name, value] of isFrameable(req.path) ? FRAMED_HEADERS : UNFRAMED_HEADERS) res.setHeader(name, value);
    next();
  };
}
