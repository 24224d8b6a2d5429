// Labels and what floats over the stage, on the real 2026-02-20 snapshot, as the lead's screenshots
// of issue 12 found them: the offline file's labels under its own header and bars (a desktop lineage's
// top parents; a phone's path, saved on the phone, its lit end under the steps bar), the phone lineage
// embed's outline over its "Pattern Atlas" link, stale ids labelled whole where the docs shorten them,
// and the wide embed's legend cut in the middle of a row.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { saveScreenshot, waitForView } from "./harness.ts";
import { ensureTalksBuild } from "../talks/talks-harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { overlappingBoxes, useExplorer, VIEWPORTS, type TextBox } from "./explorer-fixture.ts";

const atlas = useExplorer(realLibrary("2026-02-20"), { build: ensureTalksBuild, timeoutMs: 120_000 });

const HUB = "acceptance-and-commitment";
/** A pattern that declares three ids no pattern carries now, all starting "pat_01kg502". */
const STALE = "5s-methodology-workplace-organization";

const settled = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
const meets = (a: TextBox, b: TextBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The explorer's offline file of `view`, saved from a page of `viewport`'s size, written to a temporary folder. */
async function offlineFile(view: string, viewport: { width: number; height: number }, dir: string): Promise<string> {
  const page = await atlas.browser.newPage(viewport);
  await page.goto(`${atlas.server.url}/?${view}`);
  expect((await waitForView(page)).status).toBe("ready");
  const html = await page.evaluate(() => window.__atlasTalks!.offlineHtml());
  await page.close();
  const file = path.join(dir, `${viewport.width}x${viewport.height}-${view.replace(/[^a-z0-9]+/gi, "-")}.html`);
  writeFileSync(file, html);
  return file;
}

/**
 * Walks an opened offline file through every step and says, for each, which lit patterns have no
 * label, and which labels lie under the file's header, steps bar, legend or tools or off the window.
 */
async function walkOffline(page: Page, shot: string): Promise<{ steps: number; unnamed: string[][]; covered: string[] }> {
  await page.waitForFunction(() => window.__atlasOffline?.ready === true, null, { timeout: 30_000 });
  const chrome: TextBox[] = [];
  for (const selector of [".offline__header", ".offline__steps", ".offline__legend", ".offline__tools"]) {
    const box = await page.locator(selector).boundingBox();
    if (box && box.width > 0) chrome.push(box);
  }
  const window_ = page.viewportSize()!;
  const total = (await page.evaluate(() => window.__atlasOffline!.step()))!.total;
  const unnamed: string[][] = [];
  const covered: string[] = [];
  for (let index = 0; index < total; index++) {
    await page.waitForTimeout(500); // a fit animates for 350 ms
    await settled(page);
    const { step, boxes } = await page.evaluate(() => ({ step: window.__atlasOffline!.step()!, boxes: window.__atlasOffline!.labelBoxes() }));
    expect(step.index).toBe(index);
    const named = new Set(boxes.map((b) => b.key));
    unnamed.push(step.nodes.filter((slug) => !named.has(slug)));
    expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
    for (const b of boxes) {
      if (chrome.some((c) => meets(b, c))) covered.push(`${b.label} (step ${index + 1})`);
      if (b.x < 0 || b.y < 0 || b.x + b.width > window_.width || b.y + b.height > window_.height) covered.push(`${b.label} off the window (step ${index + 1})`);
    }
    if (index === total - 1) await saveScreenshot(page, shot);
    await page.keyboard.press("ArrowRight");
  }
  return { steps: total, unnamed, covered };
}

describe("the offline file keeps its labels clear of its own header and bars", () => {
  it("names every pattern a desktop lineage walk lights, none under the header, steps bar or legend", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-offline-"));
    try {
      const file = await offlineFile(`view=lineage&focus=${HUB}&ldepth=4`, VIEWPORTS[0], dir);
      const page = await atlas.browser.newPage(VIEWPORTS[0]);
      await page.goto(`file://${file}`);
      const walk = await walkOffline(page, "labels-clear-offline-lineage-1440x900");
      expect(walk.steps).toBe(6);
      // The top parents' labels were under the header and the steps bar (the saved camera was the explorer's stage's).
      expect(walk.covered).toEqual([]);
      expect(walk.unnamed.flatMap((slugs, i) => slugs.map((slug) => `${slug} (step ${i + 1})`))).toEqual([]);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("names every pattern a path saved on a phone lights, its ends between the header and the steps bar", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-offline-"));
    try {
      const file = await offlineFile("view=path&from=running-as-practice&to=knowledge-work-ergonomics&k=3", VIEWPORTS[1], dir);
      const page = await atlas.browser.newPage(VIEWPORTS[1]);
      await page.goto(`file://${file}`);
      await page.waitForFunction(() => window.__atlasOffline?.ready === true, null, { timeout: 30_000 });
      await page.waitForTimeout(500);
      // Its ends lie between the header and the steps bar (saved on the phone, the end was under the steps bar).
      const graph = (await page.locator(".offline__graph").boundingBox())!;
      const header = (await page.locator(".offline__header").boundingBox())!;
      const steps = (await page.locator(".offline__steps").boundingBox())!;
      for (const slug of ["running-as-practice", "knowledge-work-ergonomics"]) {
        const at = (await page.evaluate((s) => window.__atlasOffline!.nodePosition(s), slug))!;
        expect(graph.y + at.y, slug).toBeGreaterThan(header.y + header.height);
        expect(graph.y + at.y, slug).toBeLessThan(steps.y);
      }
      const walk = await walkOffline(page, "labels-clear-offline-path-390x844");
      // Its last step lit Knowledge Work Ergonomics under the steps bar, unlabelled.
      expect(walk.steps).toBe(3);
      expect(walk.covered).toEqual([]);
      expect(walk.unnamed).toEqual([[], [], []]);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("the embeds' own room", () => {
  it("leaves the phone lineage embed's Pattern Atlas link uncovered by the outline", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[1]);
    await page.goto(`${atlas.server.url}/embed?view=lineage&focus=${HUB}&ldepth=1`);
    await waitForView(page);
    await page.locator(".lineage-outline").waitFor();
    await saveScreenshot(page, "labels-clear-embed-lineage-390x844");
    const link = (await page.locator(".talks-open-full").boundingBox())!;
    const outline = (await page.locator(".lineage-outline").boundingBox())!;
    const toggle = (await page.locator(".outline-toggle").boundingBox())!;
    expect(meets(link, outline)).toBe(false);
    expect(meets(link, toggle)).toBe(false);
    // What a tap at the link's middle reaches is the link (the outline lay over it).
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest(".talks-open-full") !== null, { x: link.x + link.width / 2, y: link.y + link.height / 2 });
    expect(hit).toBe(true);
    await page.close();
  }, 60_000);

  it("names a depth-2 neighbourhood's patterns on a phone embed beside its legend, not its focus alone", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[1]);
    await page.goto(`${atlas.server.url}/embed?view=neighborhood&focus=governance-design&depth=2`);
    await waitForView(page);
    await page.waitForTimeout(500);
    await settled(page);
    const boxes = await page.evaluate(() => [...window.__atlas!.labelBoxes()].map((b) => ({ key: b.key, label: b.label, x: b.x, y: b.y, width: b.width, height: b.height })));
    await saveScreenshot(page, "labels-clear-embed-neighbourhood-depth2-390x844");
    // The legend's band took 55% of the height: the ring filled the box above it edge to edge and
    // only the focus kept a label (the desktop embed names 45).
    expect(boxes.filter((b) => b.key !== "governance-design").length).toBeGreaterThanOrEqual(5);
    expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
    const legend = (await page.locator("#sidebar").boundingBox())!;
    const graph = (await page.locator("#graph").boundingBox())!;
    for (const b of boxes) expect(meets({ ...b, x: graph.x + b.x, y: graph.y + b.y }, legend), b.label).toBe(false);
    await page.close();
  }, 60_000);

  for (const viewport of VIEWPORTS) {
    it(`ends the embed's legend between two rows, and shows its last row whole once scrolled, at ${viewport.width}x${viewport.height}`, async () => {
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/embed?view=neighborhood&focus=${HUB}&depth=1`);
      await waitForView(page);
      await page.waitForTimeout(300);
      await settled(page);
      const rows = () =>
        page.evaluate(() => {
          const box = document.getElementById("sidebar")!.getBoundingClientRect();
          const list = document.getElementById("legend")!;
          const shown = list.getBoundingClientRect();
          const visible = { top: Math.max(box.top, shown.top), bottom: Math.min(box.bottom, shown.top + list.clientHeight) };
          const cut = [...list.querySelectorAll("li")]
            .map((li) => ({ text: li.textContent ?? "", r: li.getBoundingClientRect() }))
            .filter(({ r }) => r.bottom > visible.top && r.top < visible.bottom && (r.top < visible.top - 0.5 || r.bottom > visible.bottom + 0.5))
            .map(({ text }) => text);
          const last = [...list.querySelectorAll("li")].map((li) => li.getBoundingClientRect()).filter((r) => r.height > 0).at(-1)!;
          return { cut, scrolls: list.scrollHeight > list.clientHeight, boxBottom: box.bottom, frame: innerHeight, lastInside: last.top >= visible.top - 0.5 && last.bottom <= visible.bottom + 0.5 };
        });
      const before = await rows();
      await saveScreenshot(page, `labels-clear-embed-legend-${viewport.width}x${viewport.height}`);
      // The hub's 21 rows do not fit: the list scrolls, and its visible end falls between rows (the wide embed cut "feedback-…" in half).
      expect(before.scrolls).toBe(true);
      expect(before.cut).toEqual([]);
      expect(before.boxBottom).toBeLessThanOrEqual(before.frame);
      await page.evaluate(() => {
        const list = document.getElementById("legend")!;
        list.scrollTop = list.scrollHeight;
      });
      const after = await rows();
      expect(after.lastInside).toBe(true);
      await page.close();
    }, 60_000);
  }
});

describe("dangling targets with a stale id", () => {
  it("are labelled by a shortened id, told apart by its end, and hovered read whole", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${STALE}&depth=1`);
    await waitForView(page);
    await page.waitForTimeout(800);
    await settled(page);
    const boxes = await page.evaluate(() => [...window.__atlas!.labelBoxes()].filter((b) => b.key.startsWith("dangling:pat_")));
    await saveScreenshot(page, "labels-clear-stale-ids-1440x900");
    expect(boxes).toHaveLength(3);
    // As the explorer's docs write it: "pat_01kg…aac0 (stale id)", never the 30-character id.
    for (const b of boxes) expect(b.lines.join(" ")).toMatch(/^pat_01kg…[0-9a-z]{4} \(stale id\)$/);
    expect(new Set(boxes.map((b) => b.lines.join(" "))).size).toBe(3);
    // Hovered, the label says the whole id.
    const key = boxes[0]!.key;
    const graph = (await page.locator("#graph").boundingBox())!;
    const at = (await page.evaluate((k) => window.__atlas!.nodePosition(k), key))!;
    await page.mouse.move(graph.x + at.x, graph.y + at.y);
    await page.waitForFunction((k) => [...window.__atlas!.labelBoxes()].some((b) => b.key === k && b.label.includes(k.slice("dangling:".length))), key, { timeout: 5_000 });
    const hovered = await page.evaluate((k) => [...window.__atlas!.labelBoxes()].find((b) => b.key === k)!, key);
    expect(hovered.label).toBe(`${key.slice("dangling:".length)} (stale id)`);
    await page.close();
  }, 60_000);
});
