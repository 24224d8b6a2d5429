// Every API answer for a fixed set of requests, on both stores, compared with the answers recorded in
// answers-unchanged.json: a change of code that is meant to change no answer (a restructuring, a
// faster path) must leave every status, content type and body byte for byte as it was. The libraries
// are the project's example library and the real 2026-02-20 snapshot (test/fixtures/real).
//
// When an answer changes on purpose, record them again and say in the commit which ones and why:
//   RECORD_ANSWERS=1 npx vitest run test/server/answers-unchanged.test.ts
// The record holds a hash per answer (not the answers: the real overview alone is megabytes).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { answer, COMMON, EXAMPLE_REQUESTS, type Answer } from "./answer-requests.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT } from "./helpers.ts";

const RECORD = path.join(REPO_ROOT, "test/server/answers-unchanged.json");
const RECORDING = process.env.RECORD_ANSWERS === "1";

/** Requests that name patterns of one library. */
const LIBRARIES: { name: string; load: () => Promise<Library>; requests: string[] }[] = [
  {
    name: "example",
    load: () => loadLibrary(EXAMPLE_LIBRARY),
    requests: EXAMPLE_REQUESTS,
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
