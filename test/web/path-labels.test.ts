// Path and lineage labels say whole titles on the 2026-02-20 snapshot: a layered view's label wraps
// at spaces onto as many lines as it needs (never cut with "…" mid-meaning), the raised label of a
// path's end holds its whole title, no two labels overlap, and the steps list beside the graph
// shows every pattern's title and every sentence whole. Presented on a phone, a path fills the
// stage above the caption, its step's link is not hidden under the boxed labels, and the stage's
// "+N not labelled" marker (the faded patterns of later steps) is not shown to the audience.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { wrapLabel } from "../../web/src/graph/labels.ts";
import { saveScreenshot, waitForView } from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { labelsOverDots, overlappingBoxes, useExplorer, VIEWPORTS } from "./explorer-fixture.ts";

const atlas = useExplorer(realLibrary("2026-02-20"), { timeoutMs: 120_000 });

const words = (text: string) => text.split(/\s+/).filter(Boolean).join(" ");

/** The labels of the frame on screen whose lines are not their whole label, as "label: lines". */
async function cutLabels(page: Page): Promise<string[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const boxes = await page.evaluate(() => [...window.__atlas!.labelBoxes()]);
  expect(boxes.length).toBeGreaterThan(0);
  return boxes.filter((b) => !b.badge && !b.short && words(b.lines.join(" ")) !== words(b.label.replace(/\n/g, " "))).map((b) => `${b.label}: ${b.lines.join(" | ")}`);
}

describe("whole titles in the layered views", () => {
  it("wraps every title of the library at spaces, never cutting one, in at most four lines", () => {
    const titles = atlas.server.library.patterns.map((p) => p.title);
    expect(titles.length).toBeGreaterThan(3000);
    for (const title of titles) {
      const lines = wrapLabel(title);
      expect(words(lines.join(" "))).toBe(words(title));
      expect(lines.some((line) => line.endsWith("…") && !title.includes("…"))).toBe(false);
      // A longer title grows sideways rather than down.
      expect(lines.length).toBeLessThanOrEqual(4);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(Math.max(18, ...title.split(" ").map((w) => w.length), Math.ceil(title.length / 4) + 8));
    }
  });

  for (const viewport of VIEWPORTS) {
    it(`draws each path label whole, the ends' raised labels too, none overlapping, and lists the steps uncut at ${viewport.width}x${viewport.height}`, async () => {
      const page = await atlas.browser.newPage(viewport);
      // Five paths through long titles: "Abundance Mindset vs Scarcity Mindset in Futures", "Cholesterol
      // Management Protocols", and the end "Doughnut Economics: Kate Raworth" (cut as "Kate R…" before).
      await page.goto(`${atlas.server.url}/?view=path&from=acceptance-and-commitment&to=doughnut-economics-kate-raworth&k=5`);
      await waitForView(page);
      await page.waitForTimeout(400);
      expect(await cutLabels(page)).toEqual([]);
      const boxes = await page.evaluate(() => [...window.__atlas!.labelBoxes()]);
      const end = boxes.find((b) => b.key === "doughnut-economics-kate-raworth");
      expect(end?.lines.join(" ")).toBe("Doughnut Economics: Kate Raworth");
      expect(boxes.some((b) => b.lines.length >= 3)).toBe(true);
      expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
      expect(await labelsOverDots(page)).toEqual([]);
      await saveScreenshot(page, `path-labels-whole-${viewport.width}x${viewport.height}`);

      if (viewport.width < 800) {
        await page.locator("#sidebar-toggle").click();
        await page.waitForTimeout(500); // the drawer slides in
      }
      // The steps list: no text cut with an ellipsis or by its box, no sentence beyond its card.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".path-card, .path-card *")].flatMap((el) => {
          const style = getComputedStyle(el);
          if (!el.textContent?.trim() || style.display === "none") return [];
          const clipped = style.textOverflow === "ellipsis" || el.scrollWidth > el.clientWidth + 1;
          return clipped ? [`${el.className}: ${el.textContent.slice(0, 40)}`] : [];
        }),
      );
      expect(cut).toEqual([]);
      const inside = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".path-card__explanation")].every((p) => {
          const card = p.closest(".path-card")!.getBoundingClientRect();
          const box = p.getBoundingClientRect();
          return box.left >= card.left + 8 && box.right <= card.right - 8;
        }),
      );
      expect(inside).toBe(true);
      await page.close();
    }, 90_000);
  }

  it("draws the lineage of a hub with every drawn label whole at 1440x900", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await page.goto(`${atlas.server.url}/?view=lineage&focus=acceptance-and-commitment`);
    await waitForView(page);
    await page.waitForTimeout(600);
    expect(await cutLabels(page)).toEqual([]);
    const boxes = await page.evaluate(() => [...window.__atlas!.labelBoxes()]);
    expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
    expect(boxes.some((b) => b.lines.length >= 3)).toBe(true);
    await page.close();
  }, 90_000);

  it("presents a path on a phone over the stage's height, the step's link clear of the labels, without the not-labelled marker", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[1]);
    const [from, to] = ["running-as-practice", "knowledge-work-ergonomics"];
    await page.goto(`${atlas.server.url}/?view=path&from=${from}&to=${to}&k=3`);
    await waitForView(page);
    await page.keyboard.press("p");
    // The walk starts once full screen has settled (a frame or two after the key): a key pressed
    // before its first step would be lost, so wait for that step.
    await page.waitForFunction(() => (window.__atlasTalks?.presentation()?.total ?? 0) > 1 && window.__atlasTalks!.presentation()!.slug !== null);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => window.__atlasTalks!.presentation()!.index === 1);
    await page.waitForTimeout(500);
    const step = await page.evaluate(() => window.__atlasTalks!.presentation()!);
    const [a, b] = step.nodes as [string, string];
    const at = await page.evaluate((slugs) => slugs.map((s) => window.__atlas!.nodePosition(s)!), [a, b, to]);
    // The start at the top, the end well down the stage (the caption takes its bottom 190 px).
    expect(at[2]!.y - at[0]!.y).toBeGreaterThan((VIEWPORTS[1].height - 190) * 0.6);
    // The middle of the step's link is under no label.
    const middle = { x: (at[0]!.x + at[1]!.x) / 2, y: (at[0]!.y + at[1]!.y) / 2 };
    const boxes = await page.evaluate(() => [...window.__atlas!.labelBoxes()]);
    const covering = boxes.filter((box) => middle.x >= box.x && middle.x <= box.x + box.width && middle.y >= box.y && middle.y <= box.y + box.height);
    expect(covering.map((box) => box.label)).toEqual([]);
    expect(overlappingBoxes(boxes, (box) => box.label)).toEqual([]);
    expect(await page.getByTestId("unnamed").isVisible()).toBe(false);
    await saveScreenshot(page, "path-present-step2-390x844");
    await page.close();
  }, 90_000);
});
