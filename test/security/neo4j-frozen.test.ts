// A frozen Neo4j (its process stopped with SIGSTOP: the sockets stay open, nothing answers) must not
// hang the server: /healthz and every query answer 503 within the store's response budget, or 504
// at the query budget, and all answer again by themselves once Neo4j runs again. The server is
// `pattern-atlas serve` as a child process, on a Neo4j of this test's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_TIMEOUT_GRACE_MS, STORE_RESPONSE_BUDGET_MS } from "../../graph/neo4j/neo4j-store.ts";
import { HEALTH_BUDGET_MS } from "../../server/routes/health.ts";
import { startServerChild, type ServerChild } from "../bench/lib/child.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT } from "../server/helpers.ts";
import { startOwnNeo4j, type OwnNeo4j } from "./own-neo4j.ts";
import { timedGet } from "./timed-get.ts";

// The default budget: a cold JVM on 2 cores shared with other work takes seconds for its first queries.
const QUERY_TIMEOUT_MS = 10_000;
/** What a loaded 2-core machine adds to a budget before the answer is on the wire. */
const SLACK_MS = 1_500;

let neo4j: OwnNeo4j | undefined;
let server: ServerChild | undefined;

beforeAll(async () => {
  neo4j = await startOwnNeo4j();
  server = await startServerChild(REPO_ROOT, ["--library", EXAMPLE_LIBRARY], { ...neo4j.env, NEO4J_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS) });
}, 240_000);

afterAll(async () => {
  neo4j?.thaw();
  await server?.stop();
  await neo4j?.stop();
});

const QUICK = [
  ["/healthz", Math.max(HEALTH_BUDGET_MS, STORE_RESPONSE_BUDGET_MS)],
  ["/api/stats", STORE_RESPONSE_BUDGET_MS],
  ["/api/search?q=bulk", STORE_RESPONSE_BUDGET_MS],
  ["/api/neighborhood/bulkhead?depth=2", STORE_RESPONSE_BUDGET_MS],
  ["/api/patterns/bulkhead", STORE_RESPONSE_BUDGET_MS],
  ["/api/gaps", STORE_RESPONSE_BUDGET_MS],
] as const;

describe("a frozen Neo4j", () => {
  it("is served normally before the freeze", async () => {
    for (const path of [...QUICK.map(([p]) => p), "/api/problems"]) {
      // A cold JVM on a busy machine may miss its first query's budget; a warm one answers at once.
      let status = (await timedGet(`${server!.url}${path.slice(1)}`)).status;
      for (let attempt = 1; status !== 200 && attempt < 3; attempt++) status = (await timedGet(`${server!.url}${path.slice(1)}`)).status;
      expect(status, path).toBe(200);
    }
  }, 120_000);

  it("answers 503 within the response budget (or 504 at the query budget) on every route, then recovers by itself", async () => {
    await neo4j!.freeze();
    try {
      const [quick, problems] = await Promise.all([
        Promise.all(QUICK.map(([path]) => timedGet(`${server!.url}${path.slice(1)}`))),
        timedGet(`${server!.url}api/problems`),
      ]);
      quick.forEach((answer, i) => {
        const [path, budget] = QUICK[i]!;
        expect(answer.status, path).toBe(503);
        expect(answer.body, path).toMatch(/"code":"store_unavailable"/);
        expect(answer.ms, path).toBeLessThan(budget + SLACK_MS);
      });
      // A query on a connection Neo4j holds gets no answer until the query budget (504); one that
      // waits for a connection learns within the response budget that none comes (503).
      expect([503, 504], server!.output().slice(-2000)).toContain(problems.status);
      expect(problems.body).toMatch(problems.status === 504 ? /"code":"query_timeout"/ : /"code":"store_unavailable"/);
      expect(problems.ms).toBeLessThan(QUERY_TIMEOUT_MS + QUERY_TIMEOUT_GRACE_MS + SLACK_MS);
      // Still frozen: a second round is as quick (nothing piles up behind the first).
      const again = await timedGet(`${server!.url}healthz`);
      expect(again.status).toBe(503);
      expect(again.ms).toBeLessThan(HEALTH_BUDGET_MS + SLACK_MS);
    } finally {
      neo4j!.thaw();
    }
    const thawed = Date.now();
    let health = await timedGet(`${server!.url}healthz`);
    while (health.status !== 200 && Date.now() - thawed < 20_000) health = await timedGet(`${server!.url}healthz`);
    expect(health.status).toBe(200);
    for (const [path] of QUICK) expect((await timedGet(`${server!.url}${path.slice(1)}`)).status, path).toBe(200);
    expect((await timedGet(`${server!.url}api/problems`)).status).toBe(200);
  }, 90_000);
});
