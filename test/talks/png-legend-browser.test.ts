// Browser tests of the PNG export's legend and link labels (the share dialog's "Legend" and "Link
// labels", shared with the SVG export) and of Present on a phone, against the real server on the
// example library in Debian's chromium. The PNGs are downloaded through the dialog and decoded in
// the page; screenshots go to test-results/screenshots/talks-png-*.png.
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { themeColors } from "../../web/src/theme.ts";
import { EXAMPLE_LIBRARY, launchBrowser, saveScreenshot, screenshotPath, startAtlasServer, waitForView, type AtlasBrowser, type AtlasServer } from "../web/harness.ts";
import { countInk, ensureTalksBuild, hexToRgb } from "./talks-harness.ts";

const PATH_QUERY = "?view=path&from=automated-testing&to=progressive-delivery&k=1";
const LIGHT = themeColors("light");
const BACKGROUND = hexToRgb(LIGHT.background);
const LEGEND_BOX = hexToRgb(LIGHT.hoverBox);

let server: AtlasServer;
let browser: AtlasBrowser;

beforeAll(async () => {
  await ensureTalksBuild();
  server = await startAtlasServer({ library: EXAMPLE_LIBRARY });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage(viewport);
  await page.goto(`${server.url}/${query}`);
  await waitForView(page);
  return page;
}

/** Sets the dialog's two checkboxes, downloads the PNG and returns its bytes. */
async function exportPng(page: Page, choice: { legend: boolean; linkLabels: boolean }): Promise<Buffer> {
  await page.setChecked("#share-legend", choice.legend);
  await page.setChecked("#share-link-labels", choice.linkLabels);
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.click('#share-dialog button[data-export="png"]')]);
  const file = await download.path();
  if (!file) throw new Error("The PNG download has no file.");
  return readFileSync(file);
}

interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Decodes two PNGs of one size in the page: the pixels of `region` that differ, and the colour at a point. */
async function compare(page: Page, a: Buffer, b: Buffer, region: Region, point: { x: number; y: number }): Promise<{ differing: number; pointA: number[]; pointB: number[] }> {
  return page.evaluate(
    async ({ first, second, region, point }) => {
      const [ca, cb] = [await window.__decodePng!(first), await window.__decodePng!(second)];
      const da = ca.getImageData(region.x, region.y, region.width, region.height).data;
      const db = cb.getImageData(region.x, region.y, region.width, region.height).data;
      let differing = 0;
      for (let i = 0; i < da.length; i += 4) {
        if (Math.abs(da[i]! - db[i]!) + Math.abs(da[i + 1]! - db[i + 1]!) + Math.abs(da[i + 2]! - db[i + 2]!) > 30) differing++;
      }
      return { differing, pointA: [...ca.getImageData(point.x, point.y, 1, 1).data], pointB: [...cb.getImageData(point.x, point.y, 1, 1).data] };
    },
    { first: a.toString("base64"), second: b.toString("base64"), region, point },
  );
}

const near = (rgba: number[], rgb: [number, number, number]) => Math.abs(rgba[0]! - rgb[0]) + Math.abs(rgba[1]! - rgb[1]) + Math.abs(rgba[2]! - rgb[2]) <= 6;

describe("the PNG export's legend and link labels", () => {
  it("paints the legend box in the top left corner only when Legend is checked", async () => {
    const page = await open(PATH_QUERY, { width: 1280, height: 720 });
    await page.click("#share-button");
    await page.selectOption("#share-slide", "1920x1080");
    await page.selectOption("#share-png-ratio", "2");
    const plain = await exportPng(page, { legend: false, linkLabels: false });
    const withLegend = await exportPng(page, { legend: true, linkLabels: false });
    // At 2× the box starts 32 px in; a point 14 CSS px right of and 4 below its corner is inside it, above the first row.
    const { differing, pointA, pointB } = await compare(page, plain, withLegend, { x: 0, y: 0, width: 500, height: 300 }, { x: 60, y: 40 });
    expect(near(pointA, BACKGROUND)).toBe(true);
    expect(near(pointB, LEGEND_BOX)).toBe(true);
    // The box's border, its marks and its words: thousands of pixels in the corner, none elsewhere.
    expect(differing).toBeGreaterThan(5000);
    const elsewhere = await compare(page, plain, withLegend, { x: 960, y: 540, width: 960, height: 540 }, { x: 1900, y: 1060 });
    expect(elsewhere.differing).toBe(0);
    writeFileSync(screenshotPath("talks-png-legend"), withLegend);
    await page.close();
  });

  it("writes each link's words along it only when Link labels is checked", async () => {
    const page = await open(PATH_QUERY, { width: 1280, height: 720 });
    await page.click("#share-button");
    await page.selectOption("#share-slide", "1920x1080");
    await page.selectOption("#share-png-ratio", "2");
    const plain = await exportPng(page, { legend: false, linkLabels: false });
    const worded = await exportPng(page, { legend: false, linkLabels: true });
    const [plainInk, wordedInk] = [await countInk(page, plain, BACKGROUND), await countInk(page, worded, BACKGROUND)];
    // The three links' words ("enables", ...) at 12 px × 2: hundreds of pixels each.
    expect(wordedInk.ink - plainInk.ink).toBeGreaterThan(1000);
    // Without either option the export is the same file as before the options existed.
    expect(plain.equals(await exportPng(page, { legend: false, linkLabels: false }))).toBe(true);
    writeFileSync(screenshotPath("talks-png-link-labels"), worded);
    await page.close();
  });
});

describe("Present on a phone", () => {
  it("heads the controls drawer at 390x844, covers nothing, and starts a presentation its caption steps", async () => {
    const page = await open(PATH_QUERY, { width: 390, height: 844 });
    // The top bar keeps its room for the search field.
    expect(await page.locator("#present-button").isVisible()).toBe(false);
    expect(await page.locator("#present-drawer-button").isVisible()).toBe(false);
    await page.click("#sidebar-toggle");
    const button = page.locator("#present-drawer-button");
    await button.waitFor({ state: "visible" });
    await page.waitForTimeout(300); // the drawer slides in
    const box = (await button.boundingBox())!;
    const drawer = (await page.locator("#sidebar").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(drawer.x);
    expect(box.x + box.width).toBeLessThanOrEqual(drawer.x + drawer.width);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.height).toBeGreaterThanOrEqual(32);
    // Nothing of the drawer's lies under it: the element at its centre is the button itself.
    const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("#present-drawer-button") !== null, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(onTop).toBe(true);
    const controls = (await page.locator("#controls").boundingBox())!;
    expect(controls.y).toBeGreaterThanOrEqual(box.y + box.height);
    await saveScreenshot(page, "talks-png-phone-drawer");

    await button.click();
    await page.waitForFunction(() => window.__atlasTalks?.presentation()?.total === 4 && window.__atlasTalks.presentation()!.slug !== null);
    expect(await page.evaluate(() => document.body.classList.contains("is-presenting"))).toBe(true);
    expect(await page.evaluate(() => document.body.classList.contains("sidebar-open"))).toBe(false);
    expect(await page.textContent(".talks-caption__count")).toBe("1 / 4");
    // A phone has no arrow keys: the caption's buttons step, and stop at either end.
    expect(await page.locator(".talks-step--previous").isDisabled()).toBe(true);
    await page.click(".talks-step--next");
    await page.waitForFunction(() => window.__atlasTalks!.presentation()?.index === 1);
    expect(await page.textContent(".talks-caption__count")).toBe("2 / 4");
    await page.click(".talks-step--previous");
    await page.waitForFunction(() => window.__atlasTalks!.presentation()?.index === 0);
    for (let i = 0; i < 3; i++) await page.click(".talks-step--next");
    await page.waitForFunction(() => window.__atlasTalks!.presentation()?.index === 3);
    expect(await page.locator(".talks-step--next").isDisabled()).toBe(true);
    const caption = (await page.locator("#talks-caption").boundingBox())!;
    expect(caption.x).toBeGreaterThanOrEqual(0);
    expect(caption.x + caption.width).toBeLessThanOrEqual(390);
    await page.waitForTimeout(400);
    await saveScreenshot(page, "talks-png-phone-presenting");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => window.__atlasTalks!.presentation())).toBeNull();
    // Gaps on a phone shows its findings in the page, with nothing to step: no Present above them.
    await page.click('button.mode[data-mode="gaps"]');
    await page.waitForFunction(() => document.body.dataset.mode === "gaps");
    expect(await page.locator("#present-drawer-button").isVisible()).toBe(false);
    await page.close();
  });
});
