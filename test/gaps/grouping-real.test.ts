// Grouping on the real 2026-02-20 library through the API: its 1,014 dangling references point at
// 587 distinct targets (one stale TypeID is written in 47 files), so grouping by target answers 587 groups.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp, type AtlasApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import type { GapsGroupsResponse } from "../../server/routes/gaps.ts";
import { realLibrary } from "../fixtures/real-library.ts";

let app: AtlasApp;
let distinctTargets: number;
let danglingRefs: number;

beforeAll(async () => {
  const library = await loadLibrary(realLibrary("2026-02-20"));
  danglingRefs = library.dangling.length;
  distinctTargets = new Set(library.dangling.map((d) => d.target)).size;
  app = createApp({ store: createMemoryStore(library), logger: silentLogger });
}, 60_000);

describe("dangling references of the 2026-02-20 library grouped by target", () => {
  it("answer one group per distinct target, the stale id written in 47 files first", async () => {
    expect([danglingRefs, distinctTargets]).toEqual([1014, 587]);
    const res = await request(app).get("/api/gaps?kind=dangling&groupBy=target&limit=500");
    expect(res.status).toBe(200);
    const body = res.body as GapsGroupsResponse;
    expect(body).toMatchObject({ total: 1014, totalGroups: 587, groupBy: "target" });
    expect(body.groups).toHaveLength(500);
    expect(body.groups[0]).toMatchObject({ key: "pat_01kg5023y4e708zavzcte3n4dd", count: 47, kinds: ["dangling"] });
    const rest = (await request(app).get("/api/gaps?kind=dangling&groupBy=target&offset=500&limit=500")).body as GapsGroupsResponse;
    const all = [...body.groups, ...rest.groups];
    expect(all).toHaveLength(587);
    expect(new Set(all.map((g) => g.key)).size).toBe(587);
    expect(all.reduce((n, g) => n + g.count, 0)).toBe(1014);
  }, 60_000);
});
