// GET /api/overview's handler logic, apart from the route module's shape: which part is asked for, the
// part's ETag (a 304 when the client has it), and the gzipped bytes when the client accepts them.
import type { Request, Response } from "express";
import { OVERVIEW_PARTS, type OverviewPart } from "../core/overview-wire.ts";
import type { OverviewCache } from "./overview-cache.ts";
import { parseEnumParam, readQuery } from "./parse-params.ts";

/** The `part` parameter: "first" (default: the most linked patterns and the regions) or "rest". */
export function parseOverviewPart(query: Request["query"]): OverviewPart {
  return parseEnumParam(readQuery(query, ["part"]), "part", OVERVIEW_PARTS, "first");
}

export async function answerOverview(req: Request, res: Response, overview: OverviewCache): Promise<void> {
  const part = parseOverviewPart(req.query);
  const { etag, json, gzipped } = (await overview.get()).parts[part];
  res.set("ETag", etag);
  res.set("Cache-Control", "no-cache");
  res.vary("Accept-Encoding");
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type("application/json");
  if (req.acceptsEncodings("gzip", "identity") === "gzip") {
    res.set("Content-Encoding", "gzip").send(gzipped);
    return;
  }
  res.send(json);
}
