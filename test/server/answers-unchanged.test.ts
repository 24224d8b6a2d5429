// Every API answer for a fixed set of requests, on both stores, compared with the answers recorded in
// answers-unchanged.json: a change of code that is meant to change no answer (a restructuring, a
// faster path) must leave every status, content type and body byte for byte as it was. The libraries
// are the project's example library and the real 2026-02-20 snapshot (test/fixtures/real).
//
// When an answer changes on purpose, record them again and say in the commit which ones and why:
//   RECORD_ANSWERS=1 npx vitest run test/server/answers-unchanged.test.ts
// The record holds a hash per answer (not the answers: the real overview alone is megabytes).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Response } from "superagent";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT } from "./helpers.ts";

const RECORD = path.join(REPO_ROOT, "test/server/answers-unchanged.json");
const RECORDING = process.env.RECORD_ANSWERS === "1";

/** Requests asked of every library: what each view of the explorer and each export asks. */
const COMMON = [
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

/** Requests that name patterns of one library. */
const LIBRARIES: { name: string; load: () => Promise<Library>; requests: string[] }[] = [
  {
    name: "example",
    load: () => loadLibrary(EXAMPLE_LIBRARY),
    requests: [
      "/api/patterns/microservices",
      "/api/neighborhood/microservices?depth=1",
      "/api/neighborhood/microservices?depth=2",
      "/api/neighborhood/microservices?depth=2&types=enables,requires",
      "/api/neighborhood/microservices?depth=3&limit=5",
      "/api/lineage/microservices?depth=3",
      "/api/paths?from=microservices&to=canary-release&k=3",
      "/api/paths?from=microservices&to=microservices",
    ],
  },
  {
    name: "real 2026-02-20",
    load: () => loadLibrary(realLibrary("2026-02-20")),
    requests: [
      "/api/patterns/acceptance-and-commitment",
      "/api/patterns/commons-engineer",
      "/api/patterns/running-as-practice",
      "/api/neighborhood/acceptance-and-commitment?depth=1",
      "/api/neighborhood/acceptance-and-commitment?depth=2",
      "/api/neighborhood/acceptance-and-commitment?depth=1&limit=40",
      "/api/neighborhood/acceptance-and-commitment?depth=1&types=generalizes_from,specializes_to",
      "/api/neighborhood/running-as-practice?depth=2&direction=out",
      "/api/neighborhood/commons-engineer?depth=2&limit=60",
      "/api/lineage/acceptance-and-commitment?depth=1",
      "/api/lineage/acceptance-and-commitment?depth=4",
      "/api/lineage/commons-engineer?depth=3",
      "/api/paths?from=running-as-practice&to=knowledge-work-ergonomics&k=5",
      "/api/paths?from=running-as-practice&to=knowledge-work-ergonomics&k=1",
      "/api/paths?from=running-as-practice&to=knowledge-work-ergonomics&k=3&maxDegree=100",
      "/api/search?q=commons&limit=20",
      "/api/search?q=acceptance",
    ],
  },
];

interface Answer {
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

async function answer(app: ReturnType<typeof createApp>, url: string): Promise<Answer> {
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

const recorded: Record<string, Answer> = existsSync(RECORD) ? (JSON.parse(readFileSync(RECORD, "utf8")) as Record<string, Answer>) : {};
const seen: Record<string, Answer> = {};

describe.each(LIBRARIES)("every answer about the $name library", ({ name, load, requests }) => {
  let library: Library;
  const stores: { kind: string; store: GraphStore }[] = [];

  beforeAll(async () => {
    library = await load();
    stores.push({ kind: "memory", store: createMemoryStore(library) });
    // As the server's start-up loads it: a library read for it alone, taken over uncopied, nothing warmed.
    const adopted = createMemoryStore();
    await adopted.adoptLibrary(await load());
    stores.push({ kind: "memory (adopted)", store: adopted });
    const neo4j = await createNeo4jStore({ ...(await getTestNeo4j()), namespace: uniqueNamespace("answers") });
    await neo4j.load(library);
    stores.push({ kind: "neo4j", store: neo4j });
  }, 300_000);
  afterAll(async () => {
    for (const { kind, store } of stores) if (kind === "neo4j") await store.close();
  });

  it.each(["memory", "neo4j", "memory (adopted)"])("is as recorded from the %s store", async (kind) => {
    const { store } = stores.find((entry) => entry.kind === kind)!;
    const app = createApp({ store, logger: silentLogger, responseCacheMb: 0 });
    const changed: string[] = [];
    for (const url of [...COMMON, ...requests]) {
      // An adopted library answers as a loaded one: compared with the memory store's record.
      const key = `${kind === "memory (adopted)" ? "memory" : kind} ${name} GET ${url}`;
      const got = await answer(app, url);
      expect(got.status, `${key} answers`).toBeLessThan(500);
      if (kind === "memory (adopted)" && RECORDING) continue;
      seen[key] = got;
      const before = recorded[key];
      if (!RECORDING && JSON.stringify(before) !== JSON.stringify(got)) {
        changed.push(`${key}: was ${before ? `${before.status} ${before.bytes} B ${before.sha256.slice(0, 12)}` : "not recorded"}, now ${got.status} ${got.bytes} B ${got.sha256.slice(0, 12)}`);
      }
    }
    expect(changed, "answers that changed (re-record only if the change is meant)").toEqual([]);
  }, 300_000);
});

afterAll(() => {
  if (!RECORDING) return;
  const keys = Object.keys(seen).sort();
  writeFileSync(RECORD, JSON.stringify(Object.fromEntries(keys.map((key) => [key, seen[key]])), null, 1) + "\n");
});
