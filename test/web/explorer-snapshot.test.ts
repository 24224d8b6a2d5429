// The explorer on the real 3,573-file Commons OS snapshot: the whole-library overview and a depth-2
// neighbourhood of a well-linked pattern draw on a non-blank canvas, with every pattern on screen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subgraph } from "../../core/model.ts";
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
import { fetchWholeOverview } from "../server/overview-fetch.ts";

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
  it("draws the overview of all 2,300+ linked patterns and 16,000+ links from the server's layout", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const view = await waitForView(page, { timeout: 60_000 });
    expect(view.status).toBe("ready");
    // Every linked pattern is drawn; the ~1,200 without a link are counted in the strip, not ringed.
    const overview = await fetchWholeOverview(server.url);
    const linked = new Set(overview.links.filter((l) => l.source !== l.target).flatMap((l) => [l.source, l.target]));
    expect(view.nodes).toBe(linked.size);
    expect(view.nodes).toBeGreaterThan(2300);
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

  it("says what a hub's neighbourhood left out, why, and what to do, and opens a left-out group in place", async () => {
    const focus = "acceptance-and-commitment";
    const api = (await (await fetch(`${server.url}/api/neighborhood/${focus}?depth=1&limit=300`)).json()) as Subgraph;
    expect(api.truncated).toMatchObject({ reason: "node-limit", kept: 300 });
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const page = await browser.newPage(viewport);
      await page.goto(`${server.url}/?view=neighborhood&focus=${focus}&depth=1`);
      await waitForView(page);
      // The notice lives in the controls panel (a drawer on a phone): read it from the page's text.
      const notice = page.getByTestId("cut-notice");
      const text = (await notice.textContent()) ?? "";
      expect(text).toContain(`Showing the 300 most relevant of ${api.total} patterns within 1 link; ${api.total - 300} left out`);
      expect(text).not.toMatch(/lower the depth/i);
      expect(text).toContain("Show up to 1000");
      await saveScreenshot(page, `hub-neighbourhood-${viewport.width}x${viewport.height}`);
      if (viewport.width === 1440) {
        const biggest = [...api.groups].sort((a, b) => b.count - a.count)[0]!;
        const before = (await page.evaluate(() => window.__atlas!.graph().nodes)).length;
        await notice.locator(".cut-groups button").first().click();
        await waitForView(page, { keyIncludes: biggest.key });
        const after = await page.evaluate(() => window.__atlas!.graph().nodes);
        expect(after.length).toBe(before + Math.min(60, biggest.count));
        for (const slug of biggest.sample) expect(after).toContain(slug);
        await saveScreenshot(page, "hub-neighbourhood-group-opened-1440x900");
      }
      await page.close();
    }
  }, 120_000);
});
