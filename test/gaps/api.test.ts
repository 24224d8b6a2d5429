// GET /api/gaps and its exports through the real app: filters validated (400 naming the parameter,
// 404 with suggestions), counts per kind in every answer, paging, CSV escaping, the Markdown report,
// and the cached analysis recomputed after a reload.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GAP_KINDS, type GapFinding } from "../../graph/gaps/index.ts";
import { createMemoryStore, type Library } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp, type AtlasApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import type { GapsExport, GapsGroupsResponse, GapsResponse } from "../../server/routes/gaps.ts";
import { library as literalLibrary, MINI_LIBRARY, tempDir, writeFiles } from "./helpers.ts";

let app: AtlasApp;
let lib: Library;
let store: ReturnType<typeof createMemoryStore>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir("api");
  cleanup = tmp.cleanup;
  await writeFiles(tmp.dir, MINI_LIBRARY);
  lib = await loadLibrary(tmp.dir);
  store = createMemoryStore(lib);
  app = createApp({ store, logger: silentLogger });
});
afterAll(() => cleanup());

const get = async (url: string) => request(app).get(url);

describe("GET /api/gaps", () => {
  it("answers the findings with counts for every kind, the kinds' labels and the patterns' titles", async () => {
    const res = await get("/api/gaps");
    expect(res.status).toBe(200);
    const body = res.body as GapsResponse;
    expect(Object.keys(body.counts)).toEqual([...GAP_KINDS]);
    expect(body.counts).toMatchObject({ dangling: 1, "one-sided-lineage": 1, "one-sided-enables": 1, orphan: 1, island: 1, "likely-duplicate": 1 });
    expect(body.total).toBe(Object.values(body.counts).reduce((a, b) => a + b, 0));
    expect(body.kinds.map((k) => k.kind)).toEqual([...GAP_KINDS]);
    expect(body.patterns["circle-governance"]).toEqual({ title: "Circle Governance", domain: "governance", file: "governance/circle-governance.md" });
    expect(body.library).toMatchObject({ patterns: 7, problems: lib.problems.length });
  });

  it("filters by several kinds and pages through them", async () => {
    const all = (await get("/api/gaps?kind=orphan,dangling,island")).body as GapsResponse;
    expect(all.findings.map((f) => f.kind)).toEqual(["dangling", "orphan", "island"]);
    const page = (await get("/api/gaps?kind=orphan,dangling,island&offset=1&limit=1")).body as GapsResponse;
    expect(page).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(page.findings.map((f) => f.id)).toEqual([all.findings[1]!.id]);
  });

  it("counts per kind under the domain filter, whatever the kind filter", async () => {
    const body = (await get("/api/gaps?domain=craft&kind=orphan")).body as GapsResponse;
    expect(body.filter).toEqual({ kinds: ["orphan"], domain: "craft" });
    expect(body.findings.map((f) => f.id)).toEqual(["orphan:lonely-pattern"]);
    expect(body.filteredCounts).toMatchObject({ orphan: 1, island: 1, "likely-duplicate": 1, dangling: 0 });
    expect(body.counts.dangling).toBe(1);
  });

  it("finds what involves one pattern", async () => {
    const body = (await get("/api/gaps?pattern=consent-decision")).body as GapsResponse;
    expect(body.findings.length).toBeGreaterThan(0);
    for (const f of body.findings) expect(f.patterns).toContain("consent-decision");
  });

  it.each([
    ["/api/gaps?kind=orphans", "kind", /dangling, one-sided-lineage/],
    ["/api/gaps?kind=orphan,", "kind", /gap kinds/],
    ["/api/gaps?domain=cooking", "domain", /craft, governance/],
    ["/api/gaps?limit=0", "limit", /1 to 500/],
    ["/api/gaps?offset=-1", "offset", /integer/],
    ["/api/gaps?sort=score", "sort", /accepts kind, domain, pattern, decided, groupBy, group, offset, limit/],
    ["/api/gaps/export.csv?limit=5", "limit", /accepts kind, domain, pattern/],
    ["/api/gaps?groupBy=colour", "groupBy", /one of target, file, pattern, kind/],
    ["/api/gaps/export.md?groupBy=Target", "groupBy", /one of target, file, pattern, kind/],
    ["/api/gaps/export.csv?groupBy=file", "groupBy", /accepts kind, domain, pattern/],
  ])("answers 400 naming the parameter for %s", async (url, parameter, allowed) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_input", details: { parameter } });
    expect(res.body.error.details.allowed).toMatch(allowed);
  });

  it("answers 404 with suggestions for an unknown pattern", async () => {
    const res = await get("/api/gaps?pattern=kanbna");
    expect(res.status).toBe(404);
    expect(res.body.error.details.suggestions).toContain("kanban");
  });
});

describe("GET /api/gaps?groupBy=", () => {
  it("answers groups with their counts, kinds and a sample, paging through the groups", async () => {
    const all = (await get("/api/gaps")).body as GapsResponse;
    const body = (await get("/api/gaps?groupBy=kind")).body as GapsGroupsResponse;
    expect(body).toMatchObject({ groupBy: "kind", total: all.total, offset: 0 });
    expect(body.groups.map((g) => g.key)).toEqual(GAP_KINDS.filter((k) => all.counts[k] > 0));
    expect(body.totalGroups).toBe(body.groups.length);
    expect(body.groups.reduce((n, g) => n + g.count, 0)).toBe(all.total);
    for (const g of body.groups) expect(g).toMatchObject({ kinds: [g.key], sample: { kind: g.key } });
    expect(body).not.toHaveProperty("findings");
    const page = (await get("/api/gaps?groupBy=kind&offset=1&limit=1")).body as GapsGroupsResponse;
    expect(page.groups.map((g) => g.key)).toEqual([body.groups[1]!.key]);
    expect(page.totalGroups).toBe(body.totalGroups);
    expect(page.patterns).toHaveProperty(page.groups[0]!.sample.patterns[0]!);
  });

  it("groups by the file to edit, the largest group first", async () => {
    const body = (await get("/api/gaps?groupBy=file&limit=500")).body as GapsGroupsResponse;
    const counts = body.groups.map((g) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(body.groups.map((g) => g.key)).toContain("consent-decision.md");
    // An orphan edits no file: it is grouped under its pattern's file.
    expect(body.groups.find((g) => g.key === "lonely-pattern.md")?.kinds).toContain("orphan");
  });

  it("groups dangling references by their target, as written", async () => {
    const body = (await get("/api/gaps?kind=dangling&groupBy=target")).body as GapsGroupsResponse;
    expect(body.groups).toEqual([expect.objectContaining({ key: "circle-governence", count: 1, kinds: ["dangling"] })]);
  });
});

describe("the exports", () => {
  it("gives every matching finding as JSON, as a download", async () => {
    const res = await get("/api/gaps/export.json?kind=one-sided-lineage,one-sided-enables");
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="gaps-one-sided-lineage-one-sided-enables.json"');
    const body = res.body as GapsExport;
    expect(body.total).toBe(2);
    expect(body.findings.every((f: GapFinding) => f.fix.automatic)).toBe(true);
  });

  it("gives CSV with a header and one escaped row per finding", async () => {
    const res = await get("/api/gaps/export.csv");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const total = ((await get("/api/gaps")).body as GapsResponse).total;
    const rows = res.text.split("\r\n").filter(Boolean);
    expect(rows[0]).toBe("id,kind,domain,domains,score,patterns,links,evidence,fix,fix_file,candidates");
    expect(rows).toHaveLength(total + 1);
    // Evidence quotes titles: the field is quoted and its quotes doubled.
    expect(res.text).toContain('"Kanban (crafts/kanban.md) and Kanban - For Teams (crafts/kanban-for-teams.md): ""Kanban - For Teams"" reads as a variant of ""Kanban""');
  });

  it("gives a Markdown report with the counts table and a section per kind found", async () => {
    const res = await get("/api/gaps/export.md?kind=dangling,orphan");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(res.text).toMatch(/^# Gap report: /);
    expect(res.text).toContain("| Dangling references | 1 |");
    expect(res.text).toContain("## Dangling references (1)");
    expect(res.text).toContain("## Orphans (1)");
    expect(res.text).not.toContain("## Islands");
    expect(res.text).toMatch(/^- \[ \] \*\*consent-decision\*\*: /m);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="gaps-dangling-orphan.md"');
  });

  it("gives a Markdown checklist grouped by file, with paths relative to the library, named for its filter", async () => {
    const res = await get("/api/gaps/export.md?kind=dangling&groupBy=file");
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="gaps-dangling-by-file.md"');
    expect(res.text).toContain("1 findings in 1 groups by file, the largest first.");
    expect(res.text).toContain("## consent-decision.md (1)\n\n- [ ] Dangling references: **consent-decision**: ");
    expect(res.text).not.toContain(lib.root);
  });

  it("gives every group in the JSON export with groupBy", async () => {
    const res = await get("/api/gaps/export.json?groupBy=target&domain=craft");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="gaps-domain-craft-by-target.json"');
    const body = res.body as GapsExport;
    expect(body.groupBy).toBe("target");
    expect(body.groups!.reduce((n, g) => n + g.count, 0)).toBe(body.total);
  });
});

describe("the cached analysis", () => {
  it("is recomputed when the library is reloaded and the app is told, and when the stats change without telling it", async () => {
    const before = (await get("/api/gaps")).body as GapsResponse;
    const small = literalLibrary({ patterns: [{ slug: "a" }, { slug: "b" }], links: ["a enables b"] });
    await store.load(small);
    app.atlas.events.changed(await store.stats(), ["a.md"]);
    const after = (await get("/api/gaps")).body as GapsResponse;
    expect(after.version).toBe(before.version + 1);
    expect(after.findings.map((f) => f.id)).toEqual(["one-sided-enables:a|enables|b"]);

    // A reload nobody announced (another process re-ingesting into Neo4j): the stats differ, so it is noticed.
    await store.load(lib);
    const again = (await get("/api/gaps")).body as GapsResponse;
    expect(again.version).toBe(after.version);
    expect(again.total).toBe(before.total);
  });
});
