// An opened community's marker on a phone (issue 12's review): at 10x its 5 px dot sits at the
// community's centre among its own patterns, drawn over it, and sigma picks the dot drawn on top, so a
// tap on the marker selected a pattern and the community could not be closed by a tap. The marker
// answers within a fingertip of its centre (web/src/graph/marker-hit.ts). Checked with real touch
// taps in Debian's chromium on twice the real 2026-02-20 snapshot (the bench's scale generator), whose
// largest community's marker lies under its own patterns as the 10x ones do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { fetchWholeOverview } from "../server/overview-fetch.ts";
import { launchPlainBrowser, saveScreenshot, waitForView } from "./harness.ts";
import { restingPosition, startScaledServer, type ScaledServer } from "./scaled-server.ts";
import { MARKER_HIT_PX } from "../../web/src/graph/marker-hit.ts";

const PHONE = { width: 390, height: 844 };
let server: ScaledServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startScaledServer(2);
  browser = await launchPlainBrowser();
  context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Where `node` rests on screen (page pixels), once the camera has stopped moving. */
async function restingAt(page: Page, node: string): Promise<{ x: number; y: number }> {
  const at = await restingPosition(page, node);
  const box = (await page.locator("#graph").boundingBox())!;
  return { x: box.x + at.x, y: box.y + at.y };
}

describe("an opened community's marker on a phone", () => {
  it("closes its community on a tap on it or beside it, over its own patterns; a tap on a pattern away from it selects that pattern", async () => {
    const whole = await fetchWholeOverview(server.url);
    // The largest community: its patterns lie thickest round its centre.
    const community = whole.communities[0]!;
    const marker = `community:${community.key}`;
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await waitForView(page, { timeout: 120_000 });
    const isOpen = async () => (await page.evaluate(() => window.__atlas!.communityNodes())).find((n) => n.key === community.key)?.open;
    const open = async () => {
      const at = await restingAt(page, marker);
      await page.touchscreen.tap(at.x, at.y);
      await expect.poll(isOpen, { timeout: 30_000 }).toBe(true);
      await page.waitForTimeout(600); // a tap's selection waits for a double tap's second half
    };
    await open();
    const at = await restingAt(page, marker);
    await saveScreenshot(page, "overview-marker-open-390x844");
    // The case of the review: one of its own patterns is drawn over the marker's centre.
    const graph = (await page.locator("#graph").boundingBox())!;
    const dots = await page.evaluate(() => [...window.__atlas!.nodeDots()]);
    const members = new Set(await page.evaluate(() => window.__atlas!.graph().nodes));
    const over = dots.filter((d) => members.has(d.key) && Math.hypot(graph.x + d.x - at.x, graph.y + d.y - at.y) <= d.r);
    expect(over.length).toBeGreaterThan(0);

    // A tap on the marker closes the community, and selects nothing.
    await page.touchscreen.tap(at.x, at.y);
    await expect.poll(isOpen, { timeout: 10_000 }).toBe(false);
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => window.__atlas!.state().selected)).toBeNull();

    // A tap beside it (a finger's width is not a 5 px dot) closes it too.
    await open();
    const beside = await restingAt(page, marker);
    await page.touchscreen.tap(beside.x + MARKER_HIT_PX * 0.7, beside.y);
    await expect.poll(isOpen, { timeout: 10_000 }).toBe(false);
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => window.__atlas!.state().selected)).toBeNull();

    // A tap on one of its patterns clear of the marker's reach still selects a pattern of it (the
    // patterns lie thick here: the one sigma finds on top under the finger), and leaves it open.
    await open();
    const centre = await restingAt(page, marker);
    const box = (await page.locator("#graph").boundingBox())!;
    const away = (await page.evaluate(() => [...window.__atlas!.nodeDots()]))
      .filter((d) => members.has(d.key))
      .map((d) => ({ ...d, at: { x: box.x + d.x, y: box.y + d.y } }))
      .filter((d) => Math.hypot(d.at.x - centre.x, d.at.y - centre.y) > MARKER_HIT_PX + d.r + 4 && d.at.y > 200 && d.at.y < PHONE.height - 120 && d.at.x > 20 && d.at.x < PHONE.width - 20)
      .sort((a, b) => b.r - a.r);
    expect(away.length).toBeGreaterThan(0);
    await page.touchscreen.tap(away[0]!.at.x, away[0]!.at.y);
    await expect.poll(() => page.evaluate(() => window.__atlas!.state().selected), { timeout: 10_000 }).not.toBeNull();
    expect(members.has((await page.evaluate(() => window.__atlas!.state().selected))!)).toBe(true);
    expect(await isOpen()).toBe(true);
    await saveScreenshot(page, "overview-marker-pattern-tapped-390x844");
    await page.close();
  }, 240_000);
});
