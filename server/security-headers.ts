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

export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    if (isFrameable(req.path)) {
      res.set("Content-Security-Policy", "frame-ancestors *");
    } else {
      res.set("X-Frame-Options", "DENY");
      res.set("Content-Security-Policy", "frame-ancestors 'none'");
    }
    next();
  };
}
