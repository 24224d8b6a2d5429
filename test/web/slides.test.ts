// Exports for slides on the real 2026-02-20 snapshot: the SVG of a neighbourhood at the 16:9 sizes
// (1920x1080 by default) with a legend of what its colours mean and link words that overlap no text,
// measured from the SVG as chromium renders it; the share dialog defaults to the full-HD slide; the
// offline file of a path steps through it as presentation mode does, captions in words.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { saveScreenshot, waitForView } from "./harness.ts";
import { ensureTalksBuild } from "../talks/talks-harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { overlappingBoxes, useExplorer } from "./explorer-fixture.ts";

const atlas = useExplorer(realLibrary("2026-02-20"), { build: ensureTalksBuild });


describe("slides from the 2026-02-20 snapshot", () => {
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    it(`writes a neighbourhood as a ${size.width}x${size.height} SVG with a legend and link labels that overlap no text`, async () => {
      const page = await atlas.browser.newPage({ width: 1440, height: 900 });
      await page.goto(`${atlas.server.url}/?view=neighborhood&focus=governance-design&depth=1`);
      expect((await waitForView(page)).status).toBe("ready");
      const svg = await page.evaluate((s) => window.__atlasTalks!.svg(false, { legend: true, linkLabels: true, size: s }), size);
      // Rendered by chromium: the text boxes as drawn.
      const svgPage = await atlas.browser.newPage({ width: size.width, height: size.height });
      await svgPage.setContent(`<!doctype html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, "")}</body>`);
      const facts = await svgPage.evaluate(() => {
        const root = document.querySelector("svg")!;
        const boxes = (selector: string) =>
          [...root.querySelectorAll<SVGTextElement>(selector)].map((t) => {
            const b = t.getBoundingClientRect();
            return { x: b.x, y: b.y, width: b.width, height: b.height, text: t.textContent ?? "" };
          });
        const [, , w, h] = root.getAttribute("viewBox")!.split(" ").map(Number);
        return {
          width: Number(root.getAttribute("width")),
          height: Number(root.getAttribute("height")),
          viewBoxRatio: w! / h!,
          legend: [...root.querySelectorAll("g.legend text")].map((t) => t.textContent),
          links: boxes("g.edge-labels text.edge-label"),
          labels: boxes("g.labels text.label"),
        };
      });
      expect(facts.width).toBe(size.width);
      expect(facts.height).toBe(size.height);
      expect(facts.viewBoxRatio).toBeCloseTo(16 / 9, 3);
      // Domains and the link types drawn, in words.
      expect(facts.legend.length).toBeGreaterThan(3);
      expect(facts.legend.some((t) => /enables|related to|complements|generalizes from|specializes to|requires/.test(t ?? ""))).toBe(true);
      expect(facts.links.length).toBeGreaterThan(3);
      expect(overlappingBoxes([...facts.links, ...facts.labels], (b) => b.text)).toEqual([]);
      await saveScreenshot(svgPage, `slide-svg-${size.width}x${size.height}`);
      await svgPage.close();
      await page.close();
    });
  }

  it("draws a boxed label in the SVG on the side the screen moved it to, overlapping no other exported label", async () => {
    // Active Listening Depth's dots crowd its right and left: the screen boxes its label above it.
    const slug = "active-listening-depth";
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${slug}&depth=1&sel=${slug}`);
    expect((await waitForView(page)).status).toBe("ready");
    await page.waitForTimeout(800);
    const { node, screen } = await page.evaluate((s) => ({ node: window.__atlas!.nodePosition(s)!, screen: window.__atlas!.labelBoxes().find((b) => b.key === s)! }), slug);
    // Moved: centred above the node, not right of it.
    expect(screen.y + screen.height).toBeLessThan(node.y);
    expect(Math.abs(screen.x + screen.width / 2 - node.x)).toBeLessThan(2);
    // "As on screen": the SVG's pixels are the stage's.
    const svg = await page.evaluate(() => window.__atlasTalks!.svg(false, { legend: false, linkLabels: true }));
    const stage = (await page.locator("#graph").boundingBox())!;
    const svgPage = await atlas.browser.newPage({ width: Math.ceil(stage.width), height: Math.ceil(stage.height) });
    await svgPage.setContent(`<!doctype html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, "")}</body>`);
    const exported = await svgPage.evaluate((s) => {
      const box = (e: Element, text: string) => {
        const b = e.getBoundingClientRect();
        return { x: b.x, y: b.y, width: b.width, height: b.height, text };
      };
      const root = document.querySelector("svg")!;
      const highlight = root.querySelector(`g[data-highlight="${s}"]`)!;
      return {
        boxed: box(highlight.querySelector("rect")!, "boxed label"),
        boxedText: highlight.querySelector("text")?.textContent ?? "",
        labels: [...root.querySelectorAll("g.labels text.label, g.edge-labels text.edge-label")].map((t) => box(t, t.textContent ?? "")),
      };
    }, slug);
    // Where the screen drew it (the screen's box also holds the plain label under the raised one).
    expect(exported.boxedText).toBe("Active Listening Depth");
    expect(exported.boxed.y + exported.boxed.height).toBeLessThan(node.y);
    expect(exported.boxed.x).toBeGreaterThanOrEqual(screen.x - 1);
    expect(exported.boxed.x + exported.boxed.width).toBeLessThanOrEqual(screen.x + screen.width + 1);
    expect(exported.boxed.y).toBeGreaterThanOrEqual(screen.y - 1);
    expect(exported.boxed.y + exported.boxed.height).toBeLessThanOrEqual(screen.y + screen.height + 1);
    expect(exported.labels.length).toBeGreaterThan(20);
    expect(overlappingBoxes([exported.boxed, ...exported.labels], (b) => b.text)).toEqual([]);
    await saveScreenshot(svgPage, "slide-svg-moved-boxed-label-1440x900");
    await Promise.all([svgPage.close(), page.close()]);
  });

  it("exports the overview as an SVG and a PNG with only the labels the screen drew, none overlapping", async () => {
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/`);
    expect((await waitForView(page, { timeout: 60_000 })).status).toBe("ready");
    const svg = await page.evaluate(() => window.__atlasTalks!.svg(false, { legend: true, size: { width: 1920, height: 1080 } }));
    const png = await page.evaluate(() => window.__atlasTalks!.png({ width: 1920, height: 1080, pixelRatio: 2, transparent: false, theme: "light" }));
    expect(png.startsWith("data:image/png;base64,")).toBe(true);
    const svgPage = await atlas.browser.newPage({ width: 1920, height: 1080 });
    await svgPage.setContent(`<!doctype html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, "")}</body>`);
    const labels = await svgPage.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>("svg g.labels text.label")].map((t) => {
        const b = t.getBoundingClientRect();
        return { x: b.x, y: b.y, width: b.width, height: b.height, text: t.textContent ?? "" };
      }),
    );
    expect(labels.length).toBeGreaterThan(20);
    expect(overlappingBoxes(labels, (b) => b.text)).toEqual([]);
    await saveScreenshot(svgPage, "slide-overview-svg-1920x1080");
    const pngPage = await atlas.browser.newPage({ width: 1920, height: 1080 });
    await pngPage.setContent(`<!doctype html><body style="margin:0"><img src="${png}" style="display:block"></body>`);
    await pngPage.waitForFunction(() => document.images[0]!.complete);
    await saveScreenshot(pngPage, "slide-overview-png-1920x1080");
    await Promise.all([svgPage.close(), pngPage.close(), page.close()]);
  });

  it("offers the 16:9 slide sizes in the share dialog, full HD first, at both screen sizes", async () => {
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/?view=neighborhood&focus=governance-design&depth=1`);
      await waitForView(page);
      await page.locator("#share-button").click();
      expect(await page.locator("#share-slide").inputValue()).toBe("1920x1080");
      expect(await page.locator("#share-png-width").inputValue()).toBe("1920");
      expect(await page.locator("#share-png-height").inputValue()).toBe("1080");
      expect(await page.locator("#share-legend").isChecked()).toBe(true);
      await page.locator("#share-slide").selectOption("1280x720");
      expect(await page.locator("#share-png-width").inputValue()).toBe("1280");
      expect(await page.locator("#share-png-height").inputValue()).toBe("720");
      await page.locator("#share-slide").selectOption("1920x1080");
      await page.locator("#share-svg").scrollIntoViewIfNeeded();
      await saveScreenshot(page, `share-dialog-${viewport.width}x${viewport.height}`);
      await page.close();
    }
  });

  it("steps through a path in the offline file, captions in words, at both screen sizes", async () => {
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/?view=path&from=running-as-practice&to=knowledge-work-ergonomics&k=1`);
    expect((await waitForView(page)).status).toBe("ready");
    const html = await page.evaluate(() => window.__atlasTalks!.offlineHtml());
    await page.close();
    const dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-offline-"));
    try {
      const file = path.join(dir, "path.html");
      writeFileSync(file, html);
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const offline = await atlas.browser.newPage(viewport);
        await offline.goto(`file://${file}`);
        await offline.waitForFunction(() => window.__atlasOffline?.ready === true, null, { timeout: 30_000 });
        const first = await offline.evaluate(() => window.__atlasOffline!.step());
        expect(first).toMatchObject({ index: 0, slug: "running-as-practice" });
        expect(first!.total).toBeGreaterThan(1);
        await offline.keyboard.press("ArrowRight");
        const second = await offline.evaluate(() => window.__atlasOffline!.step());
        expect(second!.index).toBe(1);
        // In words, not arrows: "Running as Practice is a variant of …".
        expect(second!.caption).toMatch(/^Running as Practice (is|enables|requires|complements|uses)/);
        expect(second!.caption).not.toMatch(/[—→←]/);
        expect(await offline.locator(".offline__step-text").textContent()).toBe(second!.caption);
        await offline.getByRole("button", { name: "Next step" }).click();
        expect((await offline.evaluate(() => window.__atlasOffline!.step()))!.index).toBe(Math.min(2, first!.total - 1));
        await offline.keyboard.press("End");
        const last = await offline.evaluate(() => window.__atlasOffline!.step());
        expect(last).toMatchObject({ index: first!.total - 1, slug: "knowledge-work-ergonomics" });
        await offline.waitForTimeout(500); // a fit animates for 350 ms
        const [start, end] = await offline.evaluate(() => ["running-as-practice", "knowledge-work-ergonomics"].map((s) => window.__atlasOffline!.nodePosition(s)!));
        const graphBox = (await offline.locator(".offline__graph").boundingBox())!;
        if (viewport.width < viewport.height) {
          // On a phone the path runs down the screen, as the explorer draws it there, between the
          // header and the steps bar (left to right it filled a third of the height, its ends' boxed
          // labels over each other), and neither end is under them.
          expect(end.y - start.y).toBeGreaterThan(Math.abs(end.x - start.x));
          const header = (await offline.locator(".offline__header").boundingBox())!;
          const steps = (await offline.locator(".offline__steps").boundingBox())!;
          for (const at of [start, end]) {
            expect(graphBox.y + at.y).toBeGreaterThan(header.y + header.height);
            expect(graphBox.y + at.y).toBeLessThan(steps.y);
          }
        } else {
          expect(end.x - start.x).toBeGreaterThan(Math.abs(end.y - start.y));
        }
        await saveScreenshot(offline, `offline-path-steps-${viewport.width}x${viewport.height}`);
        await offline.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
