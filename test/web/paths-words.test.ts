// Paths on the real 2026-02-20 snapshot, in words: each path's sentence and hops with their weight
// and description on focus, ranked in words with their score's meaning on hover; and a pair no path joins, explained by the
// connected part each end is in, with the Gaps view's finding about the smaller one.
import { describe, expect, it } from "vitest";
import type { PathResult } from "../../core/model.ts";
import type { GapsResponse } from "../../graph/gaps/index.ts";
import { saveScreenshot, waitForView } from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { labelsOverDots, overlappingBoxes, useExplorer, VIEWPORTS } from "./explorer-fixture.ts";

const atlas = useExplorer(realLibrary("2026-02-20"), { timeoutMs: 120_000 });

const fetchJson = async <T>(path: string): Promise<T> => (await (await fetch(`${atlas.server.url}${path}`)).json()) as T;

describe("paths in words on the 2026-02-20 snapshot", () => {
  for (const viewport of VIEWPORTS) {
    it(`lists ranked paths with their sentence, rank in words, and each hop's weight and description at ${viewport.width}x${viewport.height}`, async () => {
      const [from, to] = ["acceptance-and-commitment", "doughnut-economics-kate-raworth"];
      const api = await fetchJson<PathResult>(`/api/paths?from=${from}&to=${to}&k=3&maxLength=6`);
      expect(api.paths.length).toBeGreaterThan(1);
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/?view=path&from=${from}&to=${to}&k=3`);
      await waitForView(page);
      // Left to right on a wide stage; top to bottom on a phone held upright, so the paths fill its height.
      const at = await page.evaluate((slugs) => slugs.map((s) => window.__atlas!.nodePosition(s)!), api.nodes.map((n) => n.slug as string));
      const spanX = Math.max(...at.map((p) => p.x)) - Math.min(...at.map((p) => p.x));
      const spanY = Math.max(...at.map((p) => p.y)) - Math.min(...at.map((p) => p.y));
      const [start, end] = await page.evaluate(([a, b]) => [window.__atlas!.nodePosition(a)!, window.__atlas!.nodePosition(b)!], [from, to]);
      if (viewport.width < viewport.height) {
        expect(spanY).toBeGreaterThan(spanX);
        expect(spanY).toBeGreaterThan(viewport.height / 2);
        expect(start.y).toBeLessThan(end.y);
      } else {
        expect(spanX).toBeGreaterThan(spanY);
        expect(start.x).toBeLessThan(end.x);
      }
      await saveScreenshot(page, `paths-stage-${viewport.width}x${viewport.height}`);
      // On a phone the path panel is a drawer: open it.
      if (viewport.width < 800) {
        await page.locator("#sidebar-toggle").click();
        await page.waitForTimeout(500); // the drawer slides in
      }
      const cards = page.locator(".path-card");
      expect(await cards.count()).toBe(api.paths.length);
      for (let i = 0; i < api.paths.length; i++) {
        const path = api.paths[i]!;
        expect(await cards.nth(i).locator(".path-card__explanation").textContent()).toBe(path.explanation);
        // The rank in words on the card; what the score means on hover.
        const rank = cards.nth(i).locator(".path-card__length");
        expect(await rank.textContent()).toBe(`${path.length} links · rank ${i + 1} of ${api.paths.length}`);
        const meaning = await rank.getAttribute("title");
        expect(meaning).toContain(`Rank ${i + 1} of ${api.paths.length}: fewer links rank first`);
        expect(meaning).toContain(`Score ${path.score.toFixed(3)} (lower is better)`);
        const hops = cards.nth(i).locator(".path-step__hop");
        expect(await hops.count()).toBe(path.length);
        for (let hop = 0; hop < path.length; hop++) expect(await hops.nth(hop).getAttribute("title")).toContain(path.steps[hop]!.text);
      }
      // Ranked: lower score first.
      const scores = api.paths.map((p) => p.score);
      expect([...scores].sort((a, b) => a - b)).toEqual(scores);
      // A hop's weight and description show when it has focus.
      const first = cards.first().locator(".path-step__hop").first();
      const step = api.paths[0]!.steps[0]!;
      await first.focus();
      const meta = first.locator(".path-step__meta");
      expect(await meta.isVisible()).toBe(true);
      if (step.weight !== undefined) expect(await meta.textContent()).toContain(`weight ${step.weight}`);
      if (step.description) expect(await meta.textContent()).toContain(step.description);
      await saveScreenshot(page, `paths-words-${viewport.width}x${viewport.height}`);
      await page.close();
    }, 90_000);
  }

  it("spreads five paths over a phone's width and labels the patterns near the start, none over a dot", async () => {
    const [from, to] = ["acceptance-and-commitment", "doughnut-economics-kate-raworth"];
    const page = await atlas.browser.newPage(VIEWPORTS[1]);
    await page.goto(`${atlas.server.url}/?view=path&from=${from}&to=${to}&k=5`);
    await waitForView(page);
    await page.waitForTimeout(400);
    const { nodes, boxes } = await page.evaluate(() => {
      const a = window.__atlas!;
      return { nodes: a.graph().nodes.map((n) => ({ n, at: a.nodePosition(n)! })), boxes: [...a.labelBoxes()] };
    });
    await saveScreenshot(page, "paths-five-390x844");
    expect(nodes.length).toBeGreaterThan(6);
    // The lanes use the width (they were 90 px apart in all), and every label but at most one is drawn.
    const xs = nodes.map((p) => p.at.x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(VIEWPORTS[1].width * 0.6);
    const labelled = new Set(boxes.map((b) => b.key));
    const unlabelled = nodes.filter((p) => !labelled.has(p.n)).map((p) => p.n);
    expect(unlabelled.length).toBeLessThanOrEqual(1);
    expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
    expect(await labelsOverDots(page)).toEqual([]);
    // What found no room is counted on the stage, and its list names it; a tap there selects it,
    // and the selected pattern's label is drawn.
    const marker = page.getByTestId("unnamed");
    if (unlabelled.length === 0) {
      expect(await marker.isVisible()).toBe(false);
    } else {
      expect(await marker.textContent()).toBe(`+${unlabelled.length} not labelled`);
      await marker.click();
      const rows = page.getByTestId("unnamed-list").locator("button[data-node]");
      expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-node")))).toEqual(unlabelled);
      const slug = unlabelled[0]!;
      const title = (await (await fetch(`${atlas.server.url}/api/patterns/${slug}`)).json()).pattern.title as string;
      expect(await rows.first().textContent()).toBe(title);
      await saveScreenshot(page, "paths-five-unlabelled-list-390x844");
      await rows.first().click();
      await page.waitForFunction((s) => window.__atlas!.state().selected === s, slug);
      await page.waitForTimeout(700);
      expect((await page.evaluate(() => [...window.__atlas!.labelBoxes()])).map((b) => b.key)).toContain(slug);
    }
    // The marker is room no label takes.
    const graphBox = (await page.locator("#graph").boundingBox())!;
    const markerBox = await page.locator(".unnamed").boundingBox();
    if (markerBox) {
      const under = { label: "marker", x: markerBox.x - graphBox.x, y: markerBox.y - graphBox.y, width: markerBox.width, height: Math.min(markerBox.height, 40) };
      const now = await page.evaluate(() => [...window.__atlas!.labelBoxes()]);
      expect(overlappingBoxes([...now, under], (b) => b.label).filter((pair) => pair.includes("marker"))).toEqual([]);
    }
    await page.close();
  }, 90_000);

  for (const viewport of VIEWPORTS) {
    it(`explains an unconnected pair by the connected part each end is in, with its Gaps finding, at ${viewport.width}x${viewport.height}`, async () => {
      const islands = await fetchJson<GapsResponse>(`/api/gaps?kind=island&limit=50`);
      const island = islands.findings.find((f) => f.patterns.length === 2)!;
      expect(island).toBeDefined();
      const from = "acceptance-and-commitment";
      const to = island.patterns[0]!;
      const api = await fetchJson<PathResult>(`/api/paths?from=${from}&to=${to}`);
      expect(api.paths).toEqual([]);
      expect(api.components).toMatchObject({ same: false, to: { size: 2 } });
      expect(api.components!.from.size).toBeGreaterThan(1000);
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/?view=path&from=${from}&to=${to}`);
      await waitForView(page);
      const stage = (await page.locator("#view-message").textContent()) ?? "";
      expect(stage).toContain("No path found");
      expect(stage).toContain(`connected part of ${api.components!.from.size.toLocaleString("en")} patterns`);
      expect(stage).toContain("connected part of 2 patterns");
      // Said once, on the stage card, with the Gaps link there (on a phone the panel is in the drawer).
      expect(await page.locator("#view-message").getByTestId("path-components").locator(`[data-finding="${island.id}"]`).isVisible()).toBe(true);
      await saveScreenshot(page, `paths-unconnected-stage-${viewport.width}x${viewport.height}`);
      if (viewport.width < 800) {
        await page.locator("#sidebar-toggle").click();
        await page.waitForTimeout(500); // the drawer slides in
      }
      expect(await page.getByText("No chain of links joins the two parts.").count()).toBe(1);
      expect(await page.getByTestId("path-components").count()).toBe(1);
      // Nothing to relax: a longer path cannot join two separate parts.
      const advice = (await page.getByTestId("no-path").textContent()) ?? "";
      expect(advice).not.toContain("Max links");
      expect(advice).not.toContain("connected part of");
      expect(advice).toContain("are in separate connected parts");
      await saveScreenshot(page, `paths-unconnected-panel-${viewport.width}x${viewport.height}`);
      if (viewport.width < 800) {
        await page.locator("#sidebar-toggle").click();
        await page.waitForTimeout(500); // the drawer slides out
      }
      await page.locator(`#view-message [data-finding="${island.id}"]`).click();
      await waitForView(page, { keyIncludes: `g|${island.id}` });
      expect(await page.evaluate(() => window.__atlas!.state().finding)).toBe(island.id);
      await page.close();
    }, 90_000);
  }
});
