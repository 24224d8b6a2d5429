// The explorer on the real 3,573-file Commons OS snapshot: the whole-library overview and a depth-2
// neighbourhood of a well-linked pattern draw on a non-blank canvas, with every pattern on screen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subgraph } from "../../graph/model.ts";
import {
  countGraphPixels,
  ensureWebBuild,
  launchBrowser,
  saveScreenshot,
  startAtlasServer,
  waitForView,
  type AtlasBrowser,
  type AtlasServer,
} from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";

let server: AtlasServer;
let browser: AtlasBrowser;

beforeAll(async () => {
  await ensureWebBuild();
  server = await startAtlasServer({ library: realLibrary("2026-02-20") });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the explorer on the 2026-02-20 snapshot", () => {
  it("draws the overview of all 3,500+ patterns and 16,000+ links from the server's layout", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const view = await waitForView(page, { timeout: 60_000 });
    expect(view.status).toBe("ready");
    expect(view.nodes).toBe(server.library.patterns.length);
    expect(view.nodes).toBeGreaterThan(3500);
    const edges = await page.evaluate(() => window.__atlas!.graph().edges.length);
    expect(edges).toBeGreaterThan(16_000);
    const pixels = await countGraphPixels(page);
    expect(pixels.drawn / pixels.total).toBeGreaterThan(0.02);
    await saveScreenshot(page, "snapshot-overview");
    await page.close();
  });

  it("draws a depth-2 neighbourhood with exactly the patterns the API returns", async () => {
    const focus = "doughnut-economics-kate-raworth";
    const page = await browser.newPage();
    await page.goto(`${server.url}/?view=neighborhood&focus=${focus}&depth=2`);
    await waitForView(page);
    const api = (await (await fetch(`${server.url}/api/neighborhood/${focus}?depth=2&limit=300`)).json()) as Subgraph;
    expect((await page.evaluate(() => window.__atlas!.graph().nodes)).sort()).toEqual(api.nodes.map((n) => n.slug as string).sort());
    const pixels = await countGraphPixels(page);
    expect(pixels.drawn / pixels.total).toBeGreaterThan(0.01);
    await saveScreenshot(page, "snapshot-neighbourhood");
    await page.close();
  });
});
