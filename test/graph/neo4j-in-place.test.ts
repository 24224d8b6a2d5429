// A re-ingest with few changes changes the current copy in place, in one transaction
// (graph/neo4j/neo4j-in-place.ts): against the real test Neo4j, each one-file change below is applied
// in place, and every API answer is then exactly the answer of a fresh full load of the changed
// library (another namespace) and of the embedded store. A failure midway leaves the previous state,
// and a second store (a second server's) sees the new revision.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { writeLibrary } from "../../graph/neo4j/neo4j-load.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { createNeo4jStore, type Neo4jLoadReport, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { overviewAttachments } from "../../server/overview-stored.ts";
import { getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";
import { EXAMPLE_LIBRARY } from "../server/helpers.ts";

const OPTIONS = {};
let conn: Neo4jTestConnection;
let driver: Driver;
let folder: string;
let namespace: string;
let store: Neo4jStore;
const opened: Neo4jStore[] = [];

/** Every kind of request the contract suite covers, about the patterns the changes below touch. */
const SLUGS = ["canary-release", "observability", "feature-flags", "microservices", "progressive-delivery"];
const URLS = [
  "/api/stats",
  "/api/problems",
  "/api/overview",
  "/api/overview?part=rest",
  "/api/search?q=canary",
  "/api/search?q=deliv&limit=5",
  "/api/gaps",
  "/api/gaps?limit=3&offset=2",
  "/api/gaps/export.csv",
  "/api/export?format=graphology",
  "/api/export?format=csv-links",
  ...SLUGS.flatMap((slug) => [`/api/patterns/${slug}`, `/api/neighborhood/${slug}?depth=2`, `/api/neighborhood/${slug}?depth=1&types=enables,requires`, `/api/lineage/${slug}?depth=3`]),
  "/api/paths?from=canary-release&to=microservices&k=3",
  "/api/paths?from=observability&to=feature-flags&k=5",
];
const TIMINGS = /"(ms|analysisMs)":\d+(\.\d+)?/g;

async function answers(store: GraphStore): Promise<Record<string, string>> {
  const app = createApp({ store, logger: silentLogger, responseCacheMb: 0 });
  const out: Record<string, string> = {};
  for (const url of URLS) {
    const res = await request(app).get(url).buffer(true);
    out[url] = `${res.status} ${res.text.replace(TIMINGS, '"$1":0')}`;
  }
  return out;
}

const openStore = async (ns: string): Promise<Neo4jStore> => {
  const made = await createNeo4jStore({ ...conn, namespace: ns, attachments: overviewAttachments(OPTIONS) });
  opened.push(made);
  return made;
};

const copies = async (): Promise<number> => {
  const { records } = await driver.executeQuery(`MATCH (g:${LABELS.copy} {namespace: $ns}) RETURN count(g) AS n`, { ns: namespace }, { database: conn.database });
  return Number(records[0]!.get("n"));
};

const file = (relative: string): string => path.join(folder, relative);
const edit = (relative: string, change: (text: string) => string): void => writeFileSync(file(relative), change(readFileSync(file(relative), "utf8")));

/** Loads the folder as it is now over the store's copy, and checks the answers against a fresh load and the embedded store. */
async function reloadAndCompare(): Promise<Neo4jLoadReport> {
  const library = await loadLibrary(folder);
  const before = await copies();
  const report = await store.loadWithReport(library);
  expect(report.inPlaceSkipped).toBeUndefined();
  expect(report.outcome).toBe("updated");
  expect(await copies()).toBe(before);
  const fresh = await openStore(uniqueNamespace("in-place-fresh"));
  await fresh.load(library);
  const got = await answers(store);
  const differing = (other: Record<string, string>): string[] => URLS.filter((url) => got[url] !== other[url]);
  expect(differing(await answers(fresh)), "answers unlike a fresh load's (byte for byte)").toEqual([]);
  // The embedded store's answers, compared as values (a store built from a library as read may order an object's keys otherwise).
  const embedded = await answers(createMemoryStore(library));
  const parsed = (text: string): unknown => {
    const [status, ...body] = text.split(" ");
    const json = body.join(" ");
    return json.startsWith("{") || json.startsWith("[") ? [status, JSON.parse(json)] : [status, json];
  };
  for (const url of URLS) expect(parsed(got[url]!), `${url}, against the embedded store`).toEqual(parsed(embedded[url]!));
  expect(await store.exportLibrary()).toEqual(await fresh.exportLibrary());
  return report;
}

beforeAll(async () => {
  conn = await getTestNeo4j();
  driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
  folder = mkdtempSync(path.join(tmpdir(), "atlas-in-place-"));
  cpSync(EXAMPLE_LIBRARY, folder, { recursive: true });
  namespace = uniqueNamespace("in-place");
  store = await openStore(namespace);
  const report = await store.loadWithReport(await loadLibrary(folder));
  expect(report.outcome).toBe("written");
}, 120_000);

afterAll(async () => {
  for (const s of opened) await s.close();
  await driver?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("a re-ingest with a one-file change", () => {
  it("retitles a pattern in place, with the answers of a fresh load", async () => {
    edit("delivery/canary-release.md", (t) => t.replace("title: Canary Release", "title: Canary Release, Step by Step"));
    const report = await reloadAndCompare();
    // The pattern's row, and the findings and overview parts that name its title.
    expect(report.inPlace!.rows).toMatchObject({ numbers: 0, deleted: 0 });
    expect(report.inPlace!.rows.whole).toBeGreaterThanOrEqual(1);
    expect(report.inPlace!.rows.whole).toBeLessThan(10);
    expect(report.inPlace!.revision).toBe(1);
    expect((await store.getPattern("canary-release")).pattern.title).toBe("Canary Release, Step by Step");
  }, 120_000);

  it("adds a link in place: degrees, adjacency and every pattern's importance follow", async () => {
    edit("delivery/canary-release.md", (t) => t.replace("  enables: []", "  enables:\n    - observability"));
    await reloadAndCompare();
  }, 120_000);

  it("turns a dangling reference into a link and declares a new dangling one", async () => {
    edit("delivery/canary-release.md", (t) => t.replace("    - traffic-shaping", "    - feature-flags\n    - no-such-pattern-yet"));
    await reloadAndCompare();
  }, 120_000);

  it("follows a renamed file", async () => {
    renameSync(file("delivery/canary-release.md"), file("delivery/canary-releases.md"));
    await reloadAndCompare();
  }, 120_000);

  it("removes a pattern whose file became a problem, and its links become dangling references", async () => {
    edit("delivery/feature-flags.md", (t) => t.replace(/^title: .*$/m, "title: [unclosed"));
    await reloadAndCompare();
    expect((await store.problems()).some((p) => p.file.endsWith("feature-flags.md"))).toBe(true);
  }, 120_000);

  it("adds a new file's pattern, and removes a file's pattern", async () => {
    edit("delivery/feature-flags.md", (t) => t.replace("title: [unclosed", "title: Feature Flags"));
    writeFileSync(
      file("delivery/dark-launch.md"),
      readFileSync(file("delivery/canary-releases.md"), "utf8")
        .replace(/^id: .*$/m, "id: pat_01jatlasexample0000000099")
        .replace(/^slug: .*$/m, "slug: dark-launch")
        .replace(/^title: .*$/m, "title: Dark Launch"),
    );
    rmSync(file("delivery/pair-programming.md"));
    await reloadAndCompare();
  }, 120_000);
});

describe("a change in place that fails midway", () => {
  it.each(["links", "marked"])("leaves the previous state when it fails after the step '%s'", async (step) => {
    const stamp = await store.version();
    const before = await answers(store);
    edit("delivery/observability.md", (t) => t.replace(/^title: .*$/m, "title: Observability Everywhere"));
    const library = await loadLibrary(folder);
    await expect(
      writeLibrary(driver, conn.database, namespace, library, overviewAttachments(OPTIONS), undefined, {
        fault: (at) => {
          if (at === step) throw new Error(`injected at ${at}`);
        },
      }),
    ).rejects.toThrow(`injected at ${step}`);
    expect(await store.version()).toBe(stamp);
    expect(await answers(store)).toEqual(before);
    edit("delivery/observability.md", (t) => t.replace("title: Observability Everywhere", "title: Observability"));
  }, 120_000);
});

describe("two servers on one Neo4j", () => {
  it("both answer the new revision from their next request, with their answer caches on", async () => {
    const other = await openStore(namespace);
    const apps = [store, other].map((s) => createApp({ store: s, logger: silentLogger, responseCacheMb: 16 }));
    for (const app of apps) expect((await request(app).get("/api/patterns/observability")).body.pattern.title).toBe("Observability");
    const versionBefore = await other.version();
    edit("delivery/observability.md", (t) => t.replace(/^title: .*$/m, "title: Observability, Revised"));
    const report = await store.loadWithReport(await loadLibrary(folder));
    expect(report.outcome).toBe("updated");
    expect(await other.version()).not.toBe(versionBefore);
    expect(await other.version()).toBe(await store.version());
    for (const app of apps) expect((await request(app).get("/api/patterns/observability")).body.pattern.title).toBe("Observability, Revised");
  }, 120_000);

});

describe("a change past the bounds", () => {
  it("is written as a new copy, switched to as before", async () => {
    const library = await loadLibrary(folder);
    const retitled: Library = { ...library, patterns: library.patterns.map((p) => ({ ...p, title: `${p.title} (all retitled)` })) };
    const report = await writeLibrary(driver, conn.database, namespace, retitled, undefined, undefined, { limits: { rows: 10, numbers: 10 } });
    expect(report.outcome).toBe("written");
    expect(report.inPlaceSkipped).toMatch(/rows to write whole \(at most 10 in place\)/);
    expect((await store.getPattern("observability")).pattern.title).toBe("Observability, Revised (all retitled)");
    // Back to the folder's library: the previous copy is restored, whose content it is.
    expect((await writeLibrary(driver, conn.database, namespace, library)).outcome).toBe("restored");
    expect((await store.getPattern("observability")).pattern.title).toBe("Observability, Revised");
  }, 120_000);
});
