// The offline file of a lineage saved on a desktop and opened on a phone (390x844): a six-wide tree
// has no room on 390 px to label what its last step lights (6 of 27 were labelled, the rest went
// unnamed). The lit patterns left unlabelled are named in a list that opens from the steps bar,
// legibly, clear of the tree's root; a tap on a name lights its node. On the real 2026-02-20 snapshot.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { saveScreenshot, waitForView } from "./harness.ts";
import { ensureTalksBuild } from "../talks/talks-harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { overlappingBoxes, useExplorer, VIEWPORTS } from "./explorer-fixture.ts";

const atlas = useExplorer(realLibrary("2026-02-20"), { build: ensureTalksBuild, timeoutMs: 120_000 });

const HUB = "acceptance-and-commitment";
const [DESKTOP, PHONE] = [VIEWPORTS[0], VIEWPORTS[1]];

const settled = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** The lit patterns of the step shown that have no label in the last frame. */
const unlabelled = (page: Page) =>
  page.evaluate(() => {
    const named = new Set(window.__atlasOffline!.labelBoxes().map((b) => b.key));
    return window.__atlasOffline!.step()!.nodes.filter((slug) => !named.has(slug));
  });

describe("the offline file names the lit patterns it has no room to label", () => {
  it("lists a desktop lineage's unlabelled patterns from the steps bar on a phone, and a tap lights one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-offline-"));
    try {
      const saving = await atlas.browser.newPage(DESKTOP);
      await saving.goto(`${atlas.server.url}/?view=lineage&focus=${HUB}&ldepth=4`);
      expect((await waitForView(saving)).status).toBe("ready");
      const file = path.join(dir, "lineage.html");
      writeFileSync(file, await saving.evaluate(() => window.__atlasTalks!.offlineHtml()));
      await saving.close();

      const page = await atlas.browser.newPage(PHONE);
      await page.goto(`file://${file}`);
      await page.waitForFunction(() => window.__atlasOffline?.ready === true, null, { timeout: 30_000 });
      await page.keyboard.press("End");
      await page.waitForTimeout(600);
      await settled(page);
      const step = (await page.evaluate(() => window.__atlasOffline!.step()))!;
      expect(step.index).toBe(step.total - 1);
      const missing = await unlabelled(page);
      // The case itself: most of what the last step lights cannot be labelled in place.
      expect(missing.length).toBeGreaterThan(10);

      const toggle = page.locator(".offline__steps .offline__names-toggle");
      expect(await toggle.isVisible()).toBe(true);
      expect(await toggle.textContent()).toBe(`${missing.length} more lit, unlabelled`);
      await toggle.click();
      await page.waitForTimeout(600);
      await settled(page);
      await saveScreenshot(page, "offline-names-lineage-390x844");

      // Opened, the list names exactly the lit patterns left unlabelled (the opened bar takes some room too).
      const nowMissing = await unlabelled(page);
      const items = await page.locator(".offline__names button").evaluateAll((buttons) =>
        buttons.map((b) => ({ slug: (b as HTMLElement).dataset.slug!, text: b.textContent ?? "", size: parseFloat(getComputedStyle(b).fontSize) })),
      );
      expect(items.map((i) => i.slug).sort()).toEqual([...nowMissing].sort());
      for (const item of items) {
        expect(item.text.trim().length, item.slug).toBeGreaterThan(0);
        expect(item.text, item.slug).not.toBe(item.slug);
        expect(item.size, item.slug).toBeGreaterThanOrEqual(12);
      }
      // The list stays inside the window and clear of the tree's root, the walk's focus.
      const bar = (await page.locator(".offline__steps").boundingBox())!;
      expect(bar.y).toBeGreaterThanOrEqual(0);
      expect(bar.y + bar.height).toBeLessThanOrEqual(PHONE.height);
      // Opened, the list lay over the tree: every lit pattern is fitted again between the header and the bar.
      const graph = (await page.locator(".offline__graph").boundingBox())!;
      const header = (await page.locator(".offline__header").boundingBox())!;
      for (const slug of step.nodes) {
        const at = (await page.evaluate((s) => window.__atlasOffline!.nodePosition(s), slug))!;
        expect(graph.y + at.y, slug).toBeGreaterThan(header.y + header.height);
        expect(graph.y + at.y, slug).toBeLessThan(bar.y);
      }
      expect(overlappingBoxes(await page.evaluate(() => window.__atlasOffline!.labelBoxes()), (b) => b.label)).toEqual([]);

      // A tap on a name lights its node, which then carries its label; the name stays in the list.
      const chosen = items.at(-1)!;
      await page.locator(`.offline__names button[data-slug="${chosen.slug}"]`).click();
      await page.waitForTimeout(400);
      await settled(page);
      expect(await page.evaluate(() => window.__atlasOffline!.highlighted())).toBe(chosen.slug);
      expect(await page.evaluate(() => window.__atlasOffline!.labelBoxes().map((b) => b.key))).toContain(chosen.slug);
      expect(await page.locator(`.offline__names button[data-slug="${chosen.slug}"]`).getAttribute("aria-current")).toBe("true");
      await saveScreenshot(page, "offline-names-lineage-tapped-390x844");
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
