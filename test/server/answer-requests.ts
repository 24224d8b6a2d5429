// The requests the pinned answers (answers-unchanged.test.ts) ask of every store, and how an answer is
// reduced to what is compared (status, type, size and hash of the body, timings zeroed); shared with
// the offline import's test (test/graph/neo4j-import.test.ts), whose copy must answer as recorded.
import { createHash } from "node:crypto";
import type { Response } from "superagent";
import request from "supertest";
import type { createApp } from "../../server/app.ts";

/** Requests asked of every library: what each view of the explorer and each export asks. */
export const COMMON = [
  "/api/stats",
  "/api/problems",
  "/api/problems?fatal=true&limit=5",
  "/api/overview",
  "/api/overview?part=rest",
  "/api/search?q=practice",
  "/api/search?q=feedbak&limit=5",
  "/api/search?q=",
  "/api/patterns/no-such-pattern",
  "/api/neighborhood/no-such-pattern",
  "/api/neighborhood/x?depth=99",
  "/api/paths?from=a",
  "/api/gaps",
  "/api/export?format=graphology",
  "/api/export?format=gexf",
  "/api/export?format=csv-links",
  "/api/openapi.json",
];

/** Requests that name patterns of the example library. */
export const EXAMPLE_REQUESTS = [
  "/api/patterns/microservices",
  "/api/neighborhood/microservices?depth=1",
  "/api/neighborhood/microservices?depth=2",
  "/api/neighborhood/microservices?depth=2&types=enables,requires",
  "/api/neighborhood/microservices?depth=3&limit=5",
  "/api/lineage/microservices?depth=3",
  "/api/paths?from=microservices&to=canary-release&k=3",
  "/api/paths?from=microservices&to=microservices",
];

export interface Answer {
  status: number;
  type: string;
  bytes: number;
  sha256: string;
}

function asBuffer(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  res.on("end", () => done(null, Buffer.concat(chunks)));
}

/** The OpenAPI document's keys in a fixed order: how it is assembled may change, what it says may not. */
function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonicalJson((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Fields that say how long the answer took: they differ from run to run and are not compared. */
const TIMINGS = /"(ms|analysisMs)":\d+(\.\d+)?/g;

export async function answer(app: ReturnType<typeof createApp>, url: string): Promise<Answer> {
  const res = await request(app).get(url).buffer(true).parse(asBuffer);
  let body = res.body as Buffer;
  if (url.startsWith("/api/openapi.json")) body = Buffer.from(JSON.stringify(canonicalJson(JSON.parse(body.toString("utf8")))));
  else if (String(res.headers["content-type"]).startsWith("application/json")) body = Buffer.from(body.toString("utf8").replace(TIMINGS, '"$1":0'));
  return {
    status: res.status,
    type: String(res.headers["content-type"] ?? ""),
    bytes: body.length,
    sha256: createHash("sha256").update(body).digest("hex"),
  };
}
