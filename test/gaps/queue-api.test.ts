// The gaps work queue through the real app: decisions read from the library's
// .pattern-atlas/decisions.yml (hidden by default, counted, stale ones and malformed entries
// reported), a group's findings, the selection's patch (POST /api/gaps/patch), and Apply's refusals
// (no --allow-write, a non-loopback Host, another origin, no token) in process.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GapsPatchResponse, GapsResponse, GapsWriteAccess } from "../../graph/gaps/index.ts";
import { createMemoryStore } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp, type AtlasApp } from "../../server/app.ts";
import { parseConfig } from "../../server/config.ts";
import { silentLogger } from "../../server/logger.ts";
import { gapsOptions } from "../../server/main.ts";
import { MAX_SELECTION } from "../../core/gaps.ts";
import { WRITE_TOKEN_HEADER } from "../../server/routes/gaps-queue.ts";
import { MINI_LIBRARY, tempDir, writeFiles } from "./helpers.ts";

let dir: string;
let cleanup: () => Promise<void>;
let app: AtlasApp;
let ids: { oneSided: string; orphan: string; dangling: string };

const DECISIONS = (orphan: string) => `# Reviewed on 2026-12-05
decisions:
  "${orphan}":
    decision: intended
    by: ana
    why: It is a stub on purpose.
    date: 2026-12-05
  "orphan:no-such-pattern":
    decision: ignored
    by: ana
    why: Gone since.
    date: 2026-11-01
  "dangling:whatever":
    decision: perhaps
    by: ana
    why: Broken on purpose.
    date: 2026-12-05
`;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("queue-api"));
  await writeFiles(dir, MINI_LIBRARY);
  const store = createMemoryStore(await loadLibrary(dir));
  app = createApp({ store, logger: silentLogger, gaps: { libraryFolder: dir, write: { allowed: false, reason: "the server was started without --allow-write" } } });
  const all = (await request(app).get("/api/gaps?limit=500")).body as GapsResponse;
  ids = {
    oneSided: all.findings.find((f) => f.kind === "one-sided-lineage" && f.fix.automatic)!.id,
    orphan: all.findings.find((f) => f.kind === "orphan")!.id,
    dangling: all.findings.find((f) => f.kind === "dangling")!.id,
  };
  await mkdir(path.join(dir, ".pattern-atlas"));
  await writeFile(path.join(dir, ".pattern-atlas/decisions.yml"), DECISIONS(ids.orphan));
});
afterAll(() => cleanup());

describe("decisions", () => {
  it("hides decided findings by default and counts open, decided and each decision", async () => {
    const res = await request(app).get("/api/gaps?limit=500");
    expect(res.status).toBe(200);
    const body = res.body as GapsResponse;
    expect(body.findings.map((f) => f.id)).not.toContain(ids.orphan);
    const all = Object.values(body.counts).reduce((a, b) => a + b, 0);
    expect(body.decisions).toMatchObject({ file: ".pattern-atlas/decisions.yml", mode: "hide", open: all - 1, decided: 1, byDecision: { intended: 1, ignored: 0 } });
    expect(body.total).toBe(all - 1);
    expect(body.filteredCounts.orphan).toBe(body.counts.orphan - 1);
  });

  it("shows them with decided=show and alone with decided=only, each with its decision", async () => {
    const show = (await request(app).get("/api/gaps?decided=show&limit=500")).body as GapsResponse;
    expect(show.findings.map((f) => f.id)).toContain(ids.orphan);
    const only = (await request(app).get("/api/gaps?decided=only")).body as GapsResponse;
    expect(only.findings.map((f) => f.id)).toEqual([ids.orphan]);
    expect(only.decisions.entries[ids.orphan]).toEqual({ decision: "intended", by: "ana", why: "It is a stub on purpose.", date: "2026-12-05" });
  });

  it("reports decisions naming no finding as stale, and a malformed entry as a problem with its line", async () => {
    const body = (await request(app).get("/api/gaps")).body as GapsResponse;
    expect(body.decisions.stale).toEqual([{ id: "orphan:no-such-pattern", line: 8, decision: "ignored" }]);
    expect(body.decisions.staleCount).toBe(1);
    expect(body.decisions.problems).toEqual([
      { file: ".pattern-atlas/decisions.yml", line: 14, message: "'dangling:whatever': decision must be one of intended, ignored, not 'perhaps'" },
    ]);
  });

  it("answers 400 naming decided for an unknown mode", async () => {
    const res = await request(app).get("/api/gaps?decided=maybe");
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ parameter: "decided" });
  });

  it("reads an edited decisions file on the next request", async () => {
    const file = path.join(dir, ".pattern-atlas/decisions.yml");
    const before = await readFile(file, "utf8");
    await writeFile(file, "decisions: {}\n");
    try {
      const body = (await request(app).get("/api/gaps")).body as GapsResponse;
      expect(body.decisions).toMatchObject({ decided: 0, staleCount: 0 });
    } finally {
      await writeFile(file, before);
    }
  });
});

describe("groups", () => {
  it("answers the findings of one group with groupBy and group, and 400 for group without groupBy", async () => {
    const groups = (await request(app).get("/api/gaps?groupBy=kind")).body as { groups: { key: string; count: number }[] };
    const dangling = groups.groups.find((g) => g.key === "dangling")!;
    const body = (await request(app).get("/api/gaps?groupBy=kind&group=dangling")).body as GapsResponse;
    expect(body.findings.map((f) => f.kind)).toEqual(Array(dangling.count).fill("dangling"));
    expect(body.total).toBe(dangling.count);
    const bad = await request(app).get("/api/gaps?group=dangling");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toMatchObject({ parameter: "group" });
  });
});

describe("POST /api/gaps/patch", () => {
  it("answers the patch of exactly the selected findings, naming those without an automatic fix and the unknown ids", async () => {
    const res = await request(app).post("/api/gaps/patch").send({ ids: [ids.oneSided, ids.dangling, ids.orphan, "orphan:nothing-here"] });
    expect(res.status).toBe(200);
    const body = res.body as GapsPatchResponse;
    // The dangling reference has one confident candidate: a selection writes its replacement.
    expect(body.fixed).toEqual([ids.oneSided, ids.dangling]);
    expect(body.manual).toEqual([ids.orphan]);
    expect(body.unknown).toEqual(["orphan:nothing-here"]);
    expect(body.files).toEqual([
      { file: "consent-decision.md", added: 1, removed: 1, findings: [ids.dangling] },
      { file: "governance/dynamic-governance.md", added: 1, removed: 1, findings: [ids.oneSided] },
    ]);
    expect(body.diff).toContain("--- a/governance/dynamic-governance.md");
    expect(body.diff).toMatch(/^\+generalizes_from: \["pat_/m);
    expect(body.diff).toMatch(/^-.*circle-governence/m);
    expect(body.diff).toMatch(/^\+.*circle-governance/m);
    expect(body.applied).toBeUndefined();
    // Nothing written.
    expect(await readFile(path.join(dir, "governance/dynamic-governance.md"), "utf8")).toBe(MINI_LIBRARY["governance/dynamic-governance.md"]);
  });

  it.each([
    ["no body", undefined],
    ["an empty list", { ids: [] }],
    ["not a list", { ids: "x" }],
    ["a number among the ids", { ids: [1] }],
    ["more ids than the cap", { ids: Array.from({ length: MAX_SELECTION + 1 }, (_, i) => `orphan:p${i}`) }],
  ])("answers 400 naming ids for %s", async (_what, body) => {
    const res = body === undefined ? await request(app).post("/api/gaps/patch") : await request(app).post("/api/gaps/patch").send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ parameter: "ids" });
  });

  it("answers 400 for a body that is not JSON, and reads no other media type", async () => {
    const broken = await request(app).post("/api/gaps/patch").set("Content-Type", "application/json").send('{"ids": [');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_input");
    const form = await request(app).post("/api/gaps/patch").type("form").send({ ids: ids.oneSided });
    expect(form.status).toBe(400);
    expect(form.body.error.details).toMatchObject({ parameter: "ids" });
  });

  it("answers 404 on a server that reads no library folder", async () => {
    const bare = createApp({ store: createMemoryStore(await loadLibrary(dir)), logger: silentLogger });
    const res = await request(bare).post("/api/gaps/patch").send({ ids: [ids.oneSided] });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("--library");
  });
});

describe("Apply's refusals", () => {
  const origin = (r: request.Test) => r.set("Origin", `http://${new URL(r.url).host}`);

  it("refuses with 403 when the server was started without --allow-write, and gives no token", async () => {
    const access = (await request(app).get("/api/gaps/write-access")).body as GapsWriteAccess;
    expect(access).toEqual({ allowed: false, reason: "Writing into the library is off: the server was started without --allow-write." });
    const res = await origin(request(app).post("/api/gaps/apply")).set(WRITE_TOKEN_HEADER, "guess").send({ ids: [ids.oneSided] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(await readFile(path.join(dir, "governance/dynamic-governance.md"), "utf8")).toBe(MINI_LIBRARY["governance/dynamic-governance.md"]);
  });

  it("refuses another origin, a foreign Host and a missing or wrong token when writing is on", async () => {
    const writer = createApp({ store: createMemoryStore(await loadLibrary(dir)), logger: silentLogger, gaps: { libraryFolder: dir, write: { allowed: true } } });
    const access = (await request(writer).get("/api/gaps/write-access")).body as GapsWriteAccess;
    if (!access.allowed) throw new Error(access.reason);
    const post = () => request(writer).post("/api/gaps/apply");
    const attempts = [
      ["no Origin", post().set(WRITE_TOKEN_HEADER, access.token)],
      ["another origin", post().set("Origin", "http://evil.example").set(WRITE_TOKEN_HEADER, access.token)],
      ["a cross-site fetch", origin(post()).set("Sec-Fetch-Site", "cross-site").set(WRITE_TOKEN_HEADER, access.token)],
      ["no token", origin(post())],
      ["a wrong token", origin(post()).set(WRITE_TOKEN_HEADER, access.token.replace(/^./, (c) => (c === "A" ? "B" : "A")))],
      ["a foreign Host (DNS rebinding)", post().set("Host", "evil.example").set("Origin", "http://evil.example").set(WRITE_TOKEN_HEADER, access.token)],
    ] as const;
    for (const [what, attempt] of attempts) {
      const res = await attempt.send({ ids: [ids.oneSided] });
      expect(res.status, what).toBe(403);
      expect(res.body.error.code, what).toBe("forbidden");
    }
    expect(await readFile(path.join(dir, "governance/dynamic-governance.md"), "utf8")).toBe(MINI_LIBRARY["governance/dynamic-governance.md"]);
    const foreign = (await request(writer).get("/api/gaps/write-access").set("Host", "evil.example")).body as GapsWriteAccess;
    expect(foreign.allowed).toBe(false);
  });

  it("turns writing off at start unless --allow-write is given with a loopback --host", () => {
    const config = (...args: string[]) => parseConfig(["--library", dir, ...args], {}, dir);
    expect(gapsOptions(config(), silentLogger)?.write).toEqual({ allowed: false, reason: "the server was started without --allow-write" });
    expect(gapsOptions(config("--allow-write"), silentLogger)?.write).toEqual({ allowed: true });
    expect(gapsOptions(config("--allow-write", "--host", "::1"), silentLogger)?.write).toEqual({ allowed: true });
    expect(gapsOptions(config("--allow-write", "--host", "0.0.0.0"), silentLogger)?.write).toEqual({ allowed: false, reason: "the server listens on 0.0.0.0, not a loopback address" });
    expect(() => parseConfig(["--allow-write"], {}, dir)).toThrow(/--allow-write needs your library folder/);
  });
});
