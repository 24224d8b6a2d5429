// The PNG and SVG exports' legend on the real 2026-02-20 snapshot: the box is painted over the
// image's top left corner, so the graph is fitted to the part it leaves free, at every size the share
// dialog offers (the 16:9 slides and "As on screen"), from a phone and from a desktop. A hub's
// neighbourhood fills a phone's stage to its corners, which is where the legend goes. The PNGs and
// the SVGs (drawn by the browser) go to test-results/screenshots/export-legend-*.png.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { themeColors } from "../../web/src/theme.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { useExplorer } from "../web/explorer-fixture.ts";
import { screenshotPath, waitForView } from "../web/harness.ts";
import { ensureTalksBuild, hexToRgb } from "./talks-harness.ts";
import { allElements, parseXml } from "./xml.ts";

const HUB = "acceptance-and-commitment";
const atlas = useExplorer(realLibrary("2026-02-20"), { build: ensureTalksBuild, timeoutMs: 120_000 });
const LEGEND_BOX = hexToRgb(themeColors("light").hoverBox);
const SIZES = ["1920x1080", "1280x720", "screen"] as const;

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const meets = (dot: { x: number; y: number; r: number }, box: Box) =>
  dot.x + dot.r > box.minX && dot.x - dot.r < box.maxX && dot.y + dot.r > box.minY && dot.y - dot.r < box.maxY;

async function openHub(viewport: { width: number; height: number }): Promise<Page> {
  const page = await atlas.browser.newPage(viewport);
  await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1`);
  await waitForView(page);
  await page.waitForTimeout(600); // the camera's fit animates
  await page.click("#share-button");
  await page.setChecked("#share-legend", true);
  return page;
}

/** Downloads the PNG at `size` (pixel ratio 2) through the dialog: its bytes and what it drew (CSS pixels of the image). */
async function downloadPng(page: Page, size: string): Promise<{ png: Buffer; dots: { key: string; x: number; y: number; r: number }[]; legend: Box }> {
  await page.selectOption("#share-png-ratio", "2");
  await page.selectOption("#share-slide", size);
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click('#share-dialog button[data-export="png"]')]);
  const file = await download.path();
  if (!file) throw new Error("The PNG download has no file.");
  const drawn = await page.evaluate(() => window.__atlasTalks!.lastPng());
  if (!drawn?.legend) throw new Error("The PNG was drawn without a legend.");
  return { png: readFileSync(file), dots: drawn.dots, legend: drawn.legend };
}

/** The colour at a point (image pixels) of a PNG, decoded in the page. */
async function colourAt(page: Page, png: Buffer, point: { x: number; y: number }): Promise<number[]> {
  return page.evaluate(
    async ({ base64, point }) => {
      const context = await window.__decodePng!(base64);
      return [...context.getImageData(point.x, point.y, 1, 1).data];
    },
    { base64: png.toString("base64"), point },
  );
}

/** The SVG's dots and legend box in output pixels (through its view box). */
function svgLayout(source: string): { dots: { key: string; x: number; y: number; r: number }[]; legend: Box } {
  const svg = parseXml(source);
  const [vx, vy, vw] = svg.attributes.viewBox!.split(" ").map(Number) as [number, number, number, number];
  const unit = vw / Number(svg.attributes.width);
  const out = (x: number, y: number) => ({ x: (x - vx) / unit, y: (y - vy) / unit });
  const dots = allElements(svg)
    .filter((e) => e.name === "circle" && e.attributes["data-node"] !== undefined)
    .map((e) => ({ key: e.attributes["data-node"]!, ...out(Number(e.attributes.cx), Number(e.attributes.cy)), r: Number(e.attributes.r) / unit }));
  const rect = allElements(allElements(svg).find((e) => e.attributes.class === "legend")!).find((e) => e.name === "rect")!;
  const corner = out(Number(rect.attributes.x), Number(rect.attributes.y));
  const legend = { minX: corner.x, minY: corner.y, maxX: corner.x + Number(rect.attributes.width) / unit, maxY: corner.y + Number(rect.attributes.height) / unit };
  return { dots, legend };
}

describe("the exports' legend on a hub's neighbourhood", () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    it(`leaves no dot of the PNG under its legend, at every size, from ${viewport.width}x${viewport.height}`, async () => {
      const page = await openHub(viewport);
      for (const size of SIZES) {
        const { png, dots, legend } = await downloadPng(page, size);
        writeFileSync(screenshotPath(`export-legend-png-${size}-from-${viewport.width}x${viewport.height}`), png);
        expect(dots.length).toBeGreaterThan(250);
        expect(dots.filter((d) => meets(d, legend)).map((d) => d.key)).toEqual([]);
        // The box is painted where the export says it is (pixel ratio 2): just inside its top left corner.
        const inside = await colourAt(page, png, { x: Math.round(legend.minX * 2) + 12, y: Math.round(legend.minY * 2) + 6 });
        expect(Math.abs(inside[0]! - LEGEND_BOX[0]) + Math.abs(inside[1]! - LEGEND_BOX[1]) + Math.abs(inside[2]! - LEGEND_BOX[2])).toBeLessThanOrEqual(6);
      }
      await page.close();
    }, 120_000);

    it(`leaves no dot of the SVG under its legend, at every size, from ${viewport.width}x${viewport.height}`, async () => {
      const page = await openHub(viewport);
      for (const size of SIZES) {
        const frame = size === "screen" ? null : { width: Number(size.split("x")[0]), height: Number(size.split("x")[1]) };
        const source = await page.evaluate((frame) => window.__atlasTalks!.svg(false, { legend: true, size: frame }), frame);
        const { dots, legend } = svgLayout(source);
        expect(dots.length).toBeGreaterThan(250);
        expect(dots.filter((d) => meets(d, legend)).map((d) => d.key)).toEqual([]);
        // Drawn by the browser, for a look.
        const shot = await atlas.browser.newPage({ width: Math.round(frame?.width ?? viewport.width), height: Math.round(frame?.height ?? viewport.height) });
        await shot.setContent(source.replace(/^<\?xml[^>]*>/, ""));
        await shot.screenshot({ path: screenshotPath(`export-legend-svg-${size}-from-${viewport.width}x${viewport.height}`) });
        await shot.close();
      }
      await page.close();
    }, 120_000);
  }
});
