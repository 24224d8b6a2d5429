// A drag of the overview's stage, then at once a click on a marker: the click acts on the marker. The
// overview of a library larger than its first part (twice the real 2026-02-20 snapshot) pans by moving
// its drawn picture (graph/drag-pan.ts), which keeps the click the browser sends at a drag's release
// from reaching sigma. The exact gesture: the mouse pressed, moved and let go on the stage, then a
// click on a community's node or an open community's marker within sigma's double-click window (the
// drag's own click, had sigma counted it, would have made the marker's click a double-click, which does
// nothing on a community). And a drag let go outside the window (no release, no click reaches the page)
// must not leave the next click on the stage's "+N not named" marker swallowed as the drag's end.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fetchWholeOverview } from "../server/overview-fetch.ts";
import { VIEWPORTS } from "./explorer-fixture.ts";
import { saveScreenshot, waitForView } from "./harness.ts";
import { restingPosition, scaledServerAndBrowser } from "./scaled-server.ts";

const scaled = scaledServerAndBrowser(2);

const communityNodes = (page: Page) => page.evaluate(() => window.__atlas!.communityNodes());
const isOpen = async (page: Page, node: string) => (await communityNodes(page)).find((n) => n.node === node)?.open;

/** Records, in the page, when each mouse release and press reached it (performance.now()). */
async function recordPresses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __presses: { type: string; at: number }[] };
    w.__presses = [];
    for (const type of ["mousedown", "mouseup"]) window.addEventListener(type, () => w.__presses.push({ type, at: performance.now() }), { capture: true });
  });
}
/** Milliseconds from the drag's release to the next press, as the page saw them. */
const releaseToPress = (page: Page) =>
  page.evaluate(() => {
    const presses = (window as unknown as { __presses: { type: string; at: number }[] }).__presses;
    const up = presses.findIndex((p) => p.type === "mouseup");
    const down = presses.findIndex((p, i) => i > up && p.type === "mousedown");
    return presses[down]!.at - presses[up]!.at;
  });

/** A point of the stage (graph pixels) at least 30 px from every dot and under nothing floating over the stage, to press on. */
async function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  const box = (await page.locator("#graph").boundingBox())!;
  const dots = await page.evaluate(() => [...window.__atlas!.nodeDots()]);
  for (let y = box.height * 0.85; y > 60; y -= 20)
    for (let x = 60; x < box.width - 60; x += 20) {
      if (dots.some((d) => Math.hypot(d.x - x, d.y - y) < d.r + 30)) continue;
      const onStage = await page.evaluate(({ x, y }) => document.getElementById("graph")!.contains(document.elementFromPoint(x, y)), { x: box.x + x, y: box.y + y });
      if (onStage) return { x, y };
    }
  throw new Error("no empty spot on the stage");
}

/** sigma's default double-click window (ms): a second click within it is the double-click's. */
const DOUBLE_CLICK_MS = 300;

describe("a click on a marker right after a drag of the stage", () => {
  for (const viewport of VIEWPORTS) {
    it(`opens the community clicked, and closes an open one by its marker, at ${viewport.width}x${viewport.height}`, async () => {
      const whole = await fetchWholeOverview(scaled.server.url);
      const page = await scaled.browser.newPage(viewport);
      await page.goto(`${scaled.server.url}/`);
      await waitForView(page, { timeout: 120_000 });
      const box = (await page.locator("#graph").boundingBox())!;
      const target = `community:${whole.communities[3]!.key}`;
      const start = `community:${whole.communities[1]!.key}`;
      const at = await restingPosition(page, target);
      const from = await restingPosition(page, start);
      // A drag that keeps the target on the stage.
      const dx = at.x > box.width / 2 ? -50 : 50;
      const dy = at.y > box.height / 2 ? -30 : 30;
      await recordPresses(page);
      // Pressed on another community's node, moved, let go: a drag, no click on it; then the click on the
      // target where the drag moved it, with nothing between.
      await page.mouse.move(box.x + from.x, box.y + from.y);
      await page.mouse.down();
      await page.mouse.move(box.x + from.x + dx, box.y + from.y + dy, { steps: 8 });
      await page.mouse.up();
      await page.mouse.click(box.x + at.x + dx, box.y + at.y + dy);
      const gap = await releaseToPress(page);
      console.log(`${viewport.width}x${viewport.height}: the click's press came ${gap.toFixed(0)} ms after the drag's release`);
      expect(gap).toBeLessThan(DOUBLE_CLICK_MS);
      await expect.poll(() => isOpen(page, target), { timeout: 30_000 }).toBe(true);
      expect(await isOpen(page, start)).toBe(false);
      expect(await page.evaluate(() => window.__atlas!.state().selected)).toBeNull();
      await saveScreenshot(page, `drag-then-click-open-${viewport.width}x${viewport.height}`);

      // The same gesture onto the open community's marker closes it.
      await page.mouse.move(box.x + 4, box.y + box.height - 4);
      const marker = await restingPosition(page, target);
      // Pressed on an empty spot this time (the opened community moved the camera).
      const from2 = await emptySpot(page);
      const ex = marker.x > box.width / 2 ? -40 : 40;
      await recordPresses(page);
      await page.mouse.move(box.x + from2.x, box.y + from2.y);
      await page.mouse.down();
      await page.mouse.move(box.x + from2.x + ex, box.y + from2.y + 20, { steps: 8 });
      await page.mouse.up();
      await page.mouse.click(box.x + marker.x + ex, box.y + marker.y + 20);
      expect(await releaseToPress(page)).toBeLessThan(DOUBLE_CLICK_MS);
      await expect.poll(() => isOpen(page, target), { timeout: 30_000 }).toBe(false);
      expect(await page.evaluate(() => window.__atlas!.state().selected)).toBeNull();
      await page.close();
    }, 180_000);
  }

  /** The camera once two reads 250 ms apart agree (no animation under way). */
  async function stableCamera(page: Page): Promise<{ x: number; y: number }> {
    let last = await page.evaluate(() => window.__atlas!.camera());
    for (let i = 0; i < 40; i++) {
      await page.waitForTimeout(250);
      const now = await page.evaluate(() => window.__atlas!.camera());
      if (Math.abs(now.x - last.x) + Math.abs(now.y - last.y) < 1e-9) return now;
      last = now;
    }
    throw new Error("the camera did not come to rest within 10 s");
  }

  it("opens the stage's list of unnamed communities after a drag let go outside the window", async () => {
    const page = await scaled.browser.newPage(VIEWPORTS[1]);
    await page.goto(`${scaled.server.url}/`);
    await waitForView(page, { timeout: 120_000 });
    const toggle = page.locator(".unnamed__toggle");
    await expect.poll(() => toggle.isVisible(), { timeout: 10_000 }).toBe(true);
    const box = (await page.locator("#graph").boundingBox())!;
    // The first frame's camera may still be animating on a loaded machine: a move measured against it
    // would be the animation's, not the pointer's.
    await stableCamera(page);
    // A drag on the stage whose release happens outside the window: the page sees the press and the moves,
    // then a move with no button held (what a browser sends once the pointer comes back), and no release.
    await page.evaluate(
      ({ x, y }) => {
        const layer = document.querySelector("#graph canvas.sigma-mouse")!;
        const at = (dx: number, buttons: number) => ({ clientX: x + dx, clientY: y, button: 0, buttons, bubbles: true, cancelable: true, composed: true });
        layer.dispatchEvent(new MouseEvent("mousedown", at(0, 1)));
        for (let dx = 8; dx <= 80; dx += 8) layer.dispatchEvent(new MouseEvent("mousemove", at(dx, 1)));
        layer.dispatchEvent(new MouseEvent("mousemove", at(90, 0)));
      },
      { x: box.x + box.width / 2, y: box.y + box.height * 0.7 },
    );
    const camera = await stableCamera(page);
    await toggle.click();
    // The pointer's way to the marker did not pan the graph (sigma had been left with its button down, and
    // dragged the graph off the stage, where no community is left to list).
    const after = await page.evaluate(() => window.__atlas!.camera());
    expect(Math.abs(after.x - camera.x) + Math.abs(after.y - camera.y)).toBeLessThan(1e-6);
    await expect.poll(() => page.locator(".unnamed__list").isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await saveScreenshot(page, "drag-then-click-unnamed-list-390x844");
    await page.close();
  }, 120_000);
});
