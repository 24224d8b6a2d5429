// What the explorer's browser tests on one library share: the real server and a browser, started
// once per test file and closed after it; the two viewports every view is checked and photographed
// at; and the overlap check of the label boxes the renderer reports (`__atlas.labelBoxes()`).
import { afterAll, beforeAll } from "vitest";
import type { Page } from "playwright-core";
import { ensureWebBuild, launchBrowser, startAtlasServer, type AtlasBrowser, type AtlasServer } from "./harness.ts";

/** A desktop and a phone. */
export const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

export interface ExplorerFixture {
  readonly server: AtlasServer;
  readonly browser: AtlasBrowser;
}

/**
 * Registers beforeAll/afterAll for a server on `library` and a browser; read them from the returned
 * object inside tests (they exist once beforeAll has run). `build` makes the bundle the pages need.
 */
export function useExplorer(library: string, { build = ensureWebBuild, timeoutMs = 180_000 }: { build?: () => Promise<void>; timeoutMs?: number } = {}): ExplorerFixture {
  let server: AtlasServer | undefined;
  let browser: AtlasBrowser | undefined;
  beforeAll(async () => {
    await build();
    server = await startAtlasServer({ library });
    browser = await launchBrowser();
  }, timeoutMs);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is used before beforeAll started it`);
    return value;
  };
  return {
    get server() {
      return started(server, "server");
    },
    get browser() {
      return started(browser, "browser");
    },
  };
}

export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pairs of boxes that intersect (touching edges do not count), each named by `name`. */
export function overlappingBoxes<B extends TextBox>(boxes: readonly B[], name: (box: B) => string): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${name(a)} / ${name(b)}`);
    }
  }
  return found;
}

/**
 * Every label of the frame on screen that covers another node's dot, as "label / node": the label
 * boxes and the dots (centre and radius) the renderer drew (`__atlas.labelBoxes()`, `nodeDots()`).
 * A label may lie over its own node's dot only. A badge (a group's count inside its own dot,
 * graph/dot-badge.ts) is drawn over the dots and is not a label here: where dots overlap it may
 * cover an edge of the other one.
 */
export async function labelsOverDots(page: Page): Promise<string[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const { labels, dots } = await page.evaluate(() => ({ labels: [...window.__atlas!.labelBoxes()], dots: [...window.__atlas!.nodeDots()] }));
  const found: string[] = [];
  for (const box of labels) {
    if (box.badge) continue;
    for (const dot of dots) {
      if (dot.key === box.key) continue;
      const dx = dot.x - Math.max(box.x, Math.min(dot.x, box.x + box.width));
      const dy = dot.y - Math.max(box.y, Math.min(dot.y, box.y + box.height));
      if (dx * dx + dy * dy < dot.r * dot.r) found.push(`${box.label} / ${dot.key}`);
    }
  }
  return found;
}

/**
 * The dots the renderer says it drew (`__atlas.nodeDots()`) that are not on screen: a screenshot's
 * pixels at the dot's centre show the stage's background. What the WebGL canvases show is read from
 * the composited page, not from sigma's bookkeeping, so a canvas the browser leaves out in part (as
 * Chromium did near the embed legend's scrolling box) is caught. Dots whose centre lies under one of
 * `covering` (selectors of elements floating over the stage) are not asked about. The page decodes
 * the screenshot with `window.__decodePng` (harness.ts installPngDecoder).
 */
export async function dotsNotOnScreen(page: Page, covering: readonly string[] = []): Promise<{ dots: number; missing: string[] }> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const graph = (await page.locator("#graph").boundingBox())!;
  const boxes: { x: number; y: number; width: number; height: number }[] = [];
  for (const selector of covering) {
    for (const box of await Promise.all((await page.locator(selector).all()).map((element) => element.boundingBox()))) if (box) boxes.push(box);
  }
  const dots = (await page.evaluate(() => [...window.__atlas!.nodeDots()]))
    .map((dot) => ({ ...dot, x: dot.x + graph.x, y: dot.y + graph.y }))
    .filter((dot) => dot.r >= 2.5 && dot.x > 0 && dot.y > 0 && dot.x < graph.x + graph.width && dot.y < graph.y + graph.height)
    .filter((dot) => !boxes.some((b) => dot.x >= b.x && dot.x <= b.x + b.width && dot.y >= b.y && dot.y <= b.y + b.height));
  const png = await page.screenshot({ scale: "css" });
  const missing = await page.evaluate(
    async ({ base64, dots }) => {
      const context = await window.__decodePng!(base64);
      const bg = getComputedStyle(document.getElementById("stage")!).backgroundColor.match(/\d+/g)!.map(Number);
      const found: string[] = [];
      for (const dot of dots) {
        // The middle of the dot, 3x3 CSS pixels: drawn if any of them differs clearly from the background.
        const { data } = context.getImageData(Math.round(dot.x) - 1, Math.round(dot.y) - 1, 3, 3);
        let drawn = false;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i]! - bg[0]!) + Math.abs(data[i + 1]! - bg[1]!) + Math.abs(data[i + 2]! - bg[2]!) > 30) drawn = true;
        }
        if (!drawn) found.push(dot.key);
      }
      return found;
    },
    { base64: png.toString("base64"), dots },
  );
  return { dots: dots.length, missing };
}
