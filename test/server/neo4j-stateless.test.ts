// A stateless app tier: two real server processes in database mode (NEO4J_URI, no library of their own)
// on one real Neo4j, and a re-ingest by a third party between two requests. From their next request on,
// both answer the new copy (stats, a pattern, a neighbourhood, both overview parts), identically, with
// their answer caches on; neither lays the overview out (it is stored with each copy).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Library } from "../../graph/index.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { overviewAttachments } from "../../server/overview-stored.ts";
import { startServerChild, type ServerChild } from "../bench/lib/child.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { EXAMPLE_LIBRARY, REPO_ROOT } from "./helpers.ts";

let first: Library;
let second: Library;
let ingest: Neo4jStore;
const servers: ServerChild[] = [];
let focus: string;

/** The answers a client compares between servers and copies (the overview's layout time left out). */
async function answers(server: ServerChild): Promise<Record<string, unknown>> {
  const get = async (path: string) => {
    const response = await fetch(new URL(path, server.url));
    expect(response.status, `${path} on ${server.url}`).toBe(200);
    return { etag: response.headers.get("etag"), body: JSON.parse((await response.text()).replace(/"ms":\d+(\.\d+)?/g, '"ms":0')) as unknown };
  };
  return {
    stats: (await get("/api/stats")).body,
    pattern: (await get(`/api/patterns/${focus}`)).body,
    neighborhood: (await get(`/api/neighborhood/${focus}?depth=2`)).body,
    overview: await get("/api/overview"),
    rest: await get("/api/overview?part=rest"),
  };
}

beforeAll(async () => {
  first = await loadLibrary(EXAMPLE_LIBRARY);
  focus = first.patterns.find((p) => first.links.some((l) => l.source === p.slug))!.slug;
  const dropped = first.patterns.find((p) => p.slug !== focus)!.slug;
  // The second copy: one pattern retitled, another gone with its links.
  second = {
    ...first,
    patterns: first.patterns.filter((p) => p.slug !== dropped).map((p) => (p.slug === focus ? { ...p, title: `${p.title}, retitled` } : p)),
    links: first.links.filter((l) => l.source !== dropped && l.target !== dropped),
    dangling: first.dangling.filter((d) => d.source !== dropped),
  };
  const conn = await getTestNeo4j();
  const namespace = uniqueNamespace("stateless");
  ingest = await createNeo4jStore({ ...conn, namespace, attachments: overviewAttachments({}) });
  await ingest.load(first);
  const env = { NEO4J_URI: conn.uri, NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password, NEO4J_DATABASE: conn.database, NEO4J_NAMESPACE: namespace };
  servers.push(...(await Promise.all([startServerChild(REPO_ROOT, [], env), startServerChild(REPO_ROOT, [], env)])));
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await ingest?.close();
  await deleteTestNamespaces();
});

describe("two servers on one Neo4j", () => {
  it("answer the copy there is, then the next one from their first request after a re-ingest, and agree", async () => {
    const [a, b] = servers as [ServerChild, ServerChild];
    const before = [await answers(a), await answers(b)];
    expect(before[1]).toEqual(before[0]);
    expect((before[0]!.stats as { patterns: number }).patterns).toBe(first.patterns.length);
    // Asked twice, so that the answer caches hold the first copy's answers.
    expect(await answers(a)).toEqual(before[0]);

    await ingest.load(second);
    const after = [await answers(a), await answers(b)];
    expect(after[1]).toEqual(after[0]);
    const now = after[0]!;
    expect((now.stats as { patterns: number }).patterns).toBe(second.patterns.length);
    expect((now.pattern as { pattern: { title: string } }).pattern.title).toMatch(/, retitled$/);
    expect(now.neighborhood).not.toEqual(before[0]!.neighborhood);
    const overview = now.overview as { etag: string; body: { total: { patterns: number } } };
    expect(overview.body.total.patterns).toBe(second.patterns.length);
    expect(overview.etag).not.toBe((before[0]!.overview as { etag: string }).etag);
    for (const server of servers) expect(server.output()).toMatch(/Overview layout: \d+ nodes in \d+ ms \(stored with the copy in Neo4j\)/);
  }, 120_000);
});
