// GET /api/overview's handler logic, apart from the route module's shape: which part is asked for, the
// part's ETag (a 304 when the client has it), and the gzipped bytes when the client accepts them.
import type { Request, Response } from "express";
import { OVERVIEW_PARTS, type OverviewPart } from "../core/overview-wire.ts";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { OverviewCache } from "./overview-cache.ts";
import type { StreamedPart } from "./overview-stored.ts";
import { parseEnumParam, readQuery } from "./parse-params.ts";

/** The `part` parameter: "first" (default: the most linked patterns and the regions) or "rest". */
export function parseOverviewPart(query: Request["query"]): OverviewPart {
  return parseEnumParam(readQuery(query, ["part"]), "part", OVERVIEW_PARTS, "first");
}

export async function answerOverview(req: Request, res: Response, overview: OverviewCache): Promise<void> {
  const part = parseOverviewPart(req.query);
  const answer = (await overview.get()).parts[part];
  res.set("ETag", answer.etag);
  res.set("Cache-Control", "no-cache");
  res.vary("Accept-Encoding");
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type("application/json");
  const gzip = req.acceptsEncodings("gzip", "identity") === "gzip";
  if (!("json" in answer)) {
    await sendStreamed(res, answer, gzip);
    return;
  }
  if (gzip) {
    res.set("Content-Encoding", "gzip").send(answer.gzipped);
    return;
  }
  res.send(answer.json);
}

/**
 * A part streamed from Neo4j (overview-stored.ts): gzipped as stored, or gunzipped on the way for a
 * client that takes no compression. Its length is known up front. A failure before the first chunk is
 * an error answer; after it, the connection is cut (the client sees a short body, never a wrong one).
 */
async function sendStreamed(res: Response, part: StreamedPart, gzip: boolean): Promise<void> {
  const source = part.gzipped();
  const iterator = source[Symbol.asyncIterator]();
  const head = await iterator.next().catch((error: unknown) => {
    source.destroy();
    throw error;
  });
  const rest = Readable.from(
    (async function* () {
      if (!head.done) yield head.value as Buffer;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value as Buffer;
      }
    })(),
  );
  if (gzip) res.set("Content-Encoding", "gzip").set("Content-Length", String(part.gzippedBytes));
  else res.set("Content-Length", String(part.bytes));
  await (gzip ? pipeline(rest, res) : pipeline(rest, createGunzip(), res)).catch(() => {
    if (!res.destroyed) res.destroy();
  });
}
