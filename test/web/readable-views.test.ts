// What a person reads on the real 2026-02-20 snapshot, as the lead's review of screenshots found it
// wanting: titles whole (a focus's in a phone embed, long titles beside their nodes where they have
// room), no label under an embed's "Pattern Atlas" link, a lineage presentation that names every
// pattern it lights and keeps its labels above the caption bar, and a presentation of a view that
// draws nothing saying so beside the stage's own message.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { saveScreenshot, waitForView } from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { labelsOverDots, overlappingBoxes, useExplorer, VIEWPORTS } from "./explorer-fixture.ts";

const atlas = useExplorer(realLibrary("2026-02-20"), { timeoutMs: 120_000 });

const HUB = "acceptance-and-commitment";
const HUB_TITLE = "Acceptance and Commitment";
/** A pattern whose neighbours include many titles over 42 characters. */
const LONG_TITLED = "board-governance-models-carver-policy-governance";

type Box = { key: string; label: string; short: boolean; lines: readonly string[]; x: number; y: number; width: number; height: number };

/** The label boxes once the camera has come to rest (a fit animates for 350 ms). */
async function restingLabels(page: Page): Promise<Box[]> {
  await page.waitForTimeout(800);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => [...window.__atlas!.labelBoxes()]);
}

/** `selector`'s box in the graph canvas's pixels (the label boxes' frame). */
async function boxInGraph(page: Page, selector: string, label: string): Promise<Box> {
  const graph = (await page.locator("#graph").boundingBox())!;
  const box = (await page.locator(selector).boundingBox())!;
  return { key: label, label, short: false, lines: [], x: box.x - graph.x, y: box.y - graph.y, width: box.width, height: box.height };
}

describe("titles a person can read", () => {
  it("writes the focus's whole title in a hub's phone embed, and no label under its Pattern Atlas link", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[1]);
    await page.goto(`${atlas.server.url}/embed?view=neighborhood&focus=${HUB}&depth=1`);
    await waitForView(page);
    const boxes = await restingLabels(page);
    await saveScreenshot(page, "readable-embed-hub-390x844");
    // The centre's boxed label is the whole title, in lines where one line does not fit ("Acceptance and C…" before).
    const focus = boxes.find((b) => b.key === HUB);
    expect(focus?.lines.join(" ")).toBe(HUB_TITLE);
    expect(boxes.flatMap((b) => b.lines).filter((line) => line.endsWith("…"))).toEqual([]);
    // "+93 more · requires" was drawn under the link at the stage's top right.
    const link = await boxInGraph(page, ".talks-open-full", "Pattern Atlas link");
    expect(overlappingBoxes([...boxes, link], (b) => b.label)).toEqual([]);
    expect(await labelsOverDots(page)).toEqual([]);
    await page.close();
  }, 90_000);

  for (const viewport of VIEWPORTS) {
    it(`draws titles over 42 characters whole beside their nodes where they have room at ${viewport.width}x${viewport.height}`, async () => {
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${LONG_TITLED}&depth=1`);
      await waitForView(page);
      const boxes = await restingLabels(page);
      await saveScreenshot(page, `readable-long-titles-${viewport.width}x${viewport.height}`);
      expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
      expect(await labelsOverDots(page)).toEqual([]);
      // Every label was cut at 42 characters; now the long ones are whole where they fit, cut only where they do not.
      const long = boxes.filter((b) => b.label.length > 42);
      const whole = long.filter((b) => !b.short && b.lines.join(" ") === b.label);
      expect(whole.length).toBeGreaterThan(viewport.width > 800 ? 4 : 0);
      for (const b of long) if (b.short) expect(b.lines[0]).toMatch(/…$/);
      // The focus's own title (51 characters) reads whole in its box.
      expect(boxes.find((b) => b.key === LONG_TITLED)?.lines.join(" ")).toBe("Board Governance Models (Carver Policy Governance)");
      await page.close();
    }, 90_000);
  }
});

describe("presenting on the real library", () => {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`names every pattern a lineage level lights, above the caption bar, at ${size}`, async () => {
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/?view=lineage&focus=${HUB}&ldepth=4`);
      await waitForView(page);
      await page.keyboard.press("p");
      await page.waitForFunction(() => (window.__atlasTalks?.presentation()?.total ?? 0) > 1);
      const total = await page.evaluate(() => window.__atlasTalks!.presentation()!.total);
      const unnamed: string[][] = [];
      for (let step = 0; step < total; step++) {
        const boxes = await restingLabels(page);
        const lit = await page.evaluate(() => window.__atlasTalks!.presentation()!.nodes);
        const named = new Set(boxes.map((b) => b.key));
        unnamed.push(lit.filter((slug) => !named.has(slug)));
        expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
        // No label lies under the caption bar (the last levels' were, at the stage's bottom).
        const caption = await boxInGraph(page, "#talks-caption", "caption");
        for (const b of boxes) expect(b.y + b.height, b.label).toBeLessThanOrEqual(caption.y);
        if (step === 2) await saveScreenshot(page, `readable-present-lineage-children-${size}`);
        await page.keyboard.press("ArrowRight");
      }
      await saveScreenshot(page, `readable-present-lineage-last-${size}`);
      // Every level names all it lights: a pattern whose places above and below its dot were taken
      // (by the focus's raised box, the next band's dots) is labelled hanging beside them or beside
      // its dot (Abundance vs Scarcity Mindset at 1440x900, Formal vs. Informal Mindfulness Practice
      // on a phone went unnamed).
      expect(unnamed).toEqual(unnamed.map(() => []));
      await page.close();
    }, 120_000);
  }

  it("says there is nothing to present where the view draws no pattern, beside the stage's own message", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await page.goto(`${atlas.server.url}/?view=lineage&focus=commons-engineer`);
    await waitForView(page);
    await page.keyboard.press("p");
    await page.waitForSelector("#talks-caption");
    expect(await page.textContent(".talks-caption__text")).toBe("Nothing to present");
    // The stage's card says why and offers the near match (it was hidden behind a blank stage).
    const message = page.locator(".stage__message");
    await expect.poll(() => message.isVisible()).toBe(true);
    expect(await message.textContent()).toContain("No pattern 'commons-engineer'");
    await saveScreenshot(page, "readable-present-nothing-1440x900");
    await page.keyboard.press("Escape");
    await page.close();
  }, 60_000);
});
