// The overview of a library larger than the first part (twice the real 2026-02-20 snapshot, from the
// bench's scale generator): the first frame shows the first part's patterns while the rest is still on
// its way, and the rest then joins the same picture, every linked pattern drawn and the strip's count right.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeOverview, type OverviewWire } from "../../core/overview-wire.ts";
import { scaleLibrary } from "../bench/lib/scale-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { fetchWholeOverview } from "../server/overview-fetch.ts";
import { ensureWebBuild, launchBrowser, saveScreenshot, startAtlasServer, waitForView, type AtlasBrowser, type AtlasServer } from "./harness.ts";

let folder: string;
let server: AtlasServer;
let browser: AtlasBrowser;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "pattern-atlas-2x-"));
  await scaleLibrary(realLibrary("2026-02-20"), folder, { factor: 2 });
  await ensureWebBuild();
  server = await startAtlasServer({ library: folder });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const linkedOf = (links: { source: string; target: string }[]) => new Set(links.filter((l) => l.source !== l.target).flatMap((l) => [l.source, l.target]));

describe("the overview of a library larger than its first part", () => {
  it("draws the first part before the rest arrives, then every linked pattern", async () => {
    const whole = await fetchWholeOverview(server.url);
    const first = (await (await fetch(`${server.url}/api/overview`)).json()) as OverviewWire;
    expect(first.nodes.slug.length).toBeLessThan(whole.total.patterns);
    const firstLinked = linkedOf(decodeOverview(first).links);

    const page = await browser.newPage({ width: 1440, height: 900 });
    // Hold the rest back until the first frame has been checked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let restAsked = false;
    await page.route("**/api/overview?part=rest", async (route) => {
      restAsked = true;
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.__atlas?.status === "drawn" || window.__atlas?.status === "ready", undefined, { timeout: 60_000 });
    await expect.poll(() => restAsked, { timeout: 10_000 }).toBe(true);
    const drawnFirst = await page.evaluate(() => window.__atlas!.graph().nodes);
    expect(new Set(drawnFirst)).toEqual(firstLinked);
    expect(await page.evaluate(() => window.__atlas!.status)).toBe("drawn");

    release();
    const view = await waitForView(page, { timeout: 120_000 });
    expect(view.status).toBe("ready");
    const linked = linkedOf(whole.links);
    expect(view.nodes).toBe(linked.size);
    const drawn = await page.evaluate(() => window.__atlas!.graph());
    expect(new Set(drawn.nodes)).toEqual(linked);
    expect(drawn.edges.length).toBe(whole.links.filter((l) => l.source !== l.target || linked.has(l.source)).length);
    await expect.poll(() => page.getByTestId("unlinked-toggle").textContent()).toContain(`${(whole.total.patterns - linked.size).toLocaleString("en")} unlinked`);
    // The legend counts every drawn pattern of its domain, the rest's included.
    const [domain, count] = [...whole.nodes.filter((n) => linked.has(n.slug) && n.domain).reduce((m, n) => m.set(n.domain!, (m.get(n.domain!) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]!;
    const row = page.locator(".legend-row").filter({ has: page.locator(".legend-row__label", { hasText: new RegExp(`^${domain.replace(/[^a-z0-9]/gi, "\\$&")}$`) }) });
    await expect.poll(() => row.locator(".legend-row__count").textContent()).toBe(count.toLocaleString("en"));
    await saveScreenshot(page, "overview-2x-1440");
    await page.close();
  });
});
