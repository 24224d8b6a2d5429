// Both stores give the same findings: the memory store's path analyses `store.exportLibrary()` on the
// gaps thread, the Neo4j store answers from the findings its load stored with the copy (on the shared
// test Neo4j, never a mock), and every gaps answer must be the same from either, byte for byte:
// filters, paging, groups, decisions, exports, selections and errors.
import { cp, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseGaps, type GapReport } from "../../graph/gaps/index.ts";
import { createMemoryStore, hasStoredGaps, type GraphStore, type Library } from "../../graph/index.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const LIBRARIES = [
  { name: "the example library", path: new URL("../../examples/library", import.meta.url).pathname },
  { name: "the 2026-01-29 snapshot", path: realLibrary("2026-01-29") },
  { name: "the 2026-02-20 snapshot", path: realLibrary("2026-02-20") },
];

describe.each(LIBRARIES)("the memory and Neo4j stores on $name", ({ path }) => {
  let library: Library;
  let memory: GraphStore;
  let neo4j: GraphStore;

  beforeAll(async () => {
    library = await loadLibrary(path);
    memory = createMemoryStore(library);
    const conn = await getTestNeo4j();
    neo4j = await createNeo4jStore({ ...conn, namespace: uniqueNamespace("gaps") });
    await neo4j.load(library);
  }, 180_000);
  afterAll(async () => {
    await neo4j?.close();
  });

  it("give identical findings, in the same order", async () => {
    const fromMemory = analyseGaps(await memory.exportLibrary());
    const fromNeo4j = analyseGaps(await neo4j.exportLibrary());
    expect(fromNeo4j.findings.length).toBeGreaterThan(0);
    expect(fromNeo4j).toEqual(fromMemory);
  }, 60_000);

  it("answer every gaps request identically, the Neo4j store from its stored findings", async () => {
    expect(hasStoredGaps(neo4j) && (await neo4j.storedGaps())).toBeTruthy();
    const report = analyseGaps(library);
    const a = createApp({ store: memory, logger: silentLogger, responseCacheMb: 0 });
    const b = createApp({ store: neo4j, logger: silentLogger, responseCacheMb: 0 });
    for (const url of requestsFor(report)) await expectSameAnswer(a, b, url);
  }, 240_000);

  it("answer GET /api/gaps identically", async () => {
    const strip = (body: Record<string, unknown>) => ({ ...body, analysisMs: 0 });
    const url = "/api/gaps?limit=500&kind=dangling,one-sided-lineage,orphan,island";
    const a = await request(createApp({ store: memory, logger: silentLogger })).get(url);
    const b = await request(createApp({ store: neo4j, logger: silentLogger })).get(url);
    expect(b.status).toBe(200);
    expect(strip(b.body)).toEqual(strip(a.body));
  }, 60_000);
});

/** Every kind of gaps request, with values taken from the library's own findings. */
function requestsFor(report: GapReport): string[] {
  const first = report.findings[0]!;
  const domain = encodeURIComponent(report.findings.find((f) => f.domain !== undefined)?.domain ?? "(none)");
  const pattern = encodeURIComponent(first.patterns[0]!);
  const target = encodeURIComponent(first.links[0]?.target ?? first.patterns[0]!);
  return [
    "/api/gaps",
    "/api/gaps?limit=500&offset=7",
    "/api/gaps?offset=1000000",
    "/api/gaps?kind=dangling,orphan&limit=9&offset=3",
    // Past the first marks the Neo4j store keeps every 2,000 matches (the real library has ~8,600 findings).
    "/api/gaps?kind=dangling,one-sided-lineage,one-sided-enables,likely-duplicate,orphan,island,suggested-link&offset=1999&limit=3",
    "/api/gaps?kind=dangling,one-sided-lineage,one-sided-enables,likely-duplicate,orphan,island,suggested-link&offset=4117&limit=500",
    "/api/gaps?domain=(none)&offset=2001&limit=7",
    "/api/gaps?offset=6001&limit=11",
    "/api/gaps?kind=suggested-link,likely-duplicate,link-concentration",
    `/api/gaps?domain=${domain}`,
    `/api/gaps?domain=${domain}&kind=orphan,island`,
    "/api/gaps?domain=(none)",
    `/api/gaps?pattern=${pattern}`,
    "/api/gaps?domain=no-such-domain",
    "/api/gaps?pattern=no-such-patern",
    "/api/gaps?groupBy=target",
    "/api/gaps?groupBy=file&limit=13&offset=2",
    `/api/gaps?groupBy=pattern&domain=${domain}`,
    "/api/gaps?groupBy=kind",
    `/api/gaps?groupBy=target&group=${target}`,
    `/api/gaps?groupBy=target&group=${target}&limit=1&offset=1`,
    "/api/gaps?groupBy=file&group=no-such-file",
    "/api/gaps?decided=show",
    "/api/gaps?decided=only",
    "/api/gaps/export.json",
    `/api/gaps/export.json?groupBy=file&domain=${domain}`,
    "/api/gaps/export.csv?kind=dangling,orphan",
    `/api/gaps/export.csv?pattern=${pattern}`,
    "/api/gaps/export.md",
    `/api/gaps/export.md?groupBy=target&domain=${domain}`,
    `/api/gaps/export.md?pattern=${pattern}&kind=dangling`,
  ];
}

type App = ReturnType<typeof createApp>;
/** The answer as text, timings set to 0 (they are the only part that may differ). */
async function answer(app: App, url: string, body?: unknown): Promise<{ status: number; type: string; text: string }> {
  const res = body === undefined ? await request(app).get(url).buffer(true) : await request(app).post(url).send(body as object).buffer(true);
  return { status: res.status, type: String(res.headers["content-type"]), text: res.text.replace(/"analysisMs":\d+/g, '"analysisMs":0') };
}

async function expectSameAnswer(a: App, b: App, url: string, body?: unknown): Promise<void> {
  const [fromMemory, fromNeo4j] = [await answer(a, url, body), await answer(b, url, body)];
  expect(fromMemory.status, url).toBeLessThan(500);
  expect(fromNeo4j, url).toEqual(fromMemory);
}

describe("the memory and Neo4j stores with a decisions file", () => {
  let folder: string;
  let memory: GraphStore;
  let neo4j: GraphStore;
  let report: GapReport;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "atlas-stores-agree-"));
    await cp(LIBRARIES[0]!.path, folder, { recursive: true });
    const library = await loadLibrary(folder);
    report = analyseGaps(library);
    const [a, b, c] = report.findings;
    const entry = (id: string, decision: string, line: number) => `  "${id}":\n    decision: ${decision}\n    by: ana\n    why: Reason ${line}.\n    date: 2026-12-0${line}\n`;
    await mkdir(path.join(folder, ".pattern-atlas"));
    await writeFile(
      path.join(folder, ".pattern-atlas", "decisions.yml"),
      `decisions:\n${entry(c!.id, "ignored", 1)}${entry("orphan:no-such-pattern", "intended", 2)}${entry(a!.id, "intended", 3)}${entry(b!.id, "ignored", 4)}`,
    );
    memory = createMemoryStore(library);
    neo4j = await createNeo4jStore({ ...(await getTestNeo4j()), namespace: uniqueNamespace("gaps-decided") });
    await neo4j.load(library);
  }, 180_000);
  afterAll(async () => {
    await neo4j?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("answer every gaps request and selection identically, decisions counted and listed alike", async () => {
    const a = createApp({ store: memory, logger: silentLogger, responseCacheMb: 0, gaps: { libraryFolder: folder } });
    const b = createApp({ store: neo4j, logger: silentLogger, responseCacheMb: 0, gaps: { libraryFolder: folder } });
    const decided = (await answer(b, "/api/gaps?decided=only")).text;
    expect(JSON.parse(decided)).toMatchObject({ total: 3, decisions: { decided: 3, staleCount: 1 } });
    for (const url of requestsFor(report)) await expectSameAnswer(a, b, url);
    const ids = [report.findings[3]!.id, "orphan:no-such-pattern", report.findings[0]!.id, report.findings[3]!.id];
    await expectSameAnswer(a, b, "/api/gaps/patch", { ids });
  }, 240_000);
});
