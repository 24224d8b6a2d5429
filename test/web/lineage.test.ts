// The lineage view on the real 2026-02-20 snapshot: a hub with 145 children (acceptance-and-commitment)
// at depth 1 and 4, a family of 84 descendants, one band per level, "+N more" pages ranked by
// relevance, folding, the outline (search, keyboard, phones), labels that never overlap.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Lineage } from "../../core/model.ts";
import { saveScreenshot, waitForView } from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { labelsOverDots, overlappingBoxes, useExplorer, VIEWPORTS } from "./explorer-fixture.ts";
import { countDescendants, groupNoun } from "../../web/src/layout/lineage-plan.ts";

const atlas = useExplorer(realLibrary("2026-02-20"));

const HUB = "acceptance-and-commitment";
const FAMILY = "contribution-accounting";
const lineageOf = async (slug: string, depth: number): Promise<Lineage> => (await (await fetch(`${atlas.server.url}/api/lineage/${slug}?depth=${depth}`)).json()) as Lineage;

interface Box {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The label boxes of the frame on screen, after the renderer has drawn the current state. */
async function labelBoxes(page: Page): Promise<Box[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => [...window.__atlas!.labelBoxes()]);
}

/** Each drawn node's y on screen, per lineage level the view gave it. */
async function bandsOnScreen(page: Page): Promise<Map<number, Set<number>>> {
  const rows = await page.evaluate(() => {
    const a = window.__atlas!;
    return a.graph().nodes.map((slug) => ({ slug, at: a.nodePosition(slug), level: a.nodeLevel(slug) }));
  });
  const bands = new Map<number, Set<number>>();
  for (const r of rows) if (r.level !== null && r.at) (bands.get(r.level) ?? bands.set(r.level, new Set()).get(r.level)!).add(Math.round(r.at.y));
  return bands;
}

async function openLineage(page: Page, slug: string, depth: number, extra = ""): Promise<void> {
  await page.goto(`${atlas.server.url}/?view=lineage&focus=${slug}${depth === 4 ? "" : `&ldepth=${depth}`}${extra}`);
  await waitForView(page, { timeout: 60_000 });
}

describe("the lineage of a hub with 145 children", () => {
  for (const viewport of VIEWPORTS) {
    it(`draws depth 1 at ${viewport.width}x${viewport.height} as one band of the most relevant children and a "+N more" node, labels apart`, async () => {
      const api = await lineageOf(HUB, 1);
      const children = api.nodes.filter((n) => n.level === 1);
      expect(children.length).toBe(145);
      const page = await atlas.browser.newPage(viewport);
      await openLineage(page, HUB, 1);
      // On a phone the outline is the view: show the tree to check it too.
      if (viewport.width < 800) await page.getByTestId("outline-toggle").click();
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      await saveScreenshot(page, `lineage-hub-depth1-${viewport.width}x${viewport.height}`);
      const nodes = await page.evaluate(() => window.__atlas!.graph().nodes);
      const shown = children.filter((c) => nodes.includes(c.slug));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.length).toBeLessThan(145);
      // The most relevant first: the biggest family below (none at depth 1), then the most links.
      const levels = new Map(api.nodes.map((n) => [n.slug as string, n.level]));
      const below = countDescendants(api, levels);
      const rank = (c: (typeof children)[number]) => below.get(c.slug)! * 1e6 + c.degree;
      const minShown = Math.min(...shown.map(rank));
      expect(children.filter((c) => !nodes.includes(c.slug)).every((c) => rank(c) <= minShown)).toBe(true);
      expect(nodes).toContain("more:1:after");
      const boxes = await labelBoxes(page);
      expect(boxes.map((b) => b.label)).toContain(`+${145 - shown.length} more children`);
      expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
      expect(await labelsOverDots(page)).toEqual([]);
      const bands = await bandsOnScreen(page);
      for (const [, ys] of bands) expect(ys.size).toBe(1);
      await saveScreenshot(page, `lineage-hub-depth1-${viewport.width}x${viewport.height}`);
      await page.close();
    });
  }
});

/** No two labels overlap, and every label lies on the stage clear of the outline and the details panel. */
async function expectReadable(page: Page): Promise<Box[]> {
  const boxes = await labelBoxes(page);
  expect(boxes.length).toBeGreaterThan(0);
  expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
  expect(await labelsOverDots(page)).toEqual([]);
  const clear = await page.evaluate(() => {
    const stage = document.getElementById("stage")!.getBoundingClientRect();
    const outline = document.querySelector<HTMLElement>(".lineage-outline");
    const panel = document.getElementById("panel")!;
    const wide = window.innerWidth > 820;
    return {
      left: wide && outline && !outline.hidden ? outline.getBoundingClientRect().right - stage.left : 0,
      right: wide && !panel.hidden ? panel.getBoundingClientRect().left - stage.left : stage.width,
      bottom: stage.height,
    };
  });
  for (const box of boxes) {
    expect(box.x, box.label).toBeGreaterThanOrEqual(clear.left);
    expect(box.x + box.width, box.label).toBeLessThanOrEqual(clear.right);
    expect(box.y + box.height, box.label).toBeLessThanOrEqual(clear.bottom);
  }
  return boxes;
}

describe("the lineage of a hub at depth 4 (314 descendants)", () => {
  it("keeps one band per level, labels apart and clear of the outline and the details panel", async () => {
    const api = await lineageOf(HUB, 4);
    expect(api.nodes.filter((n) => n.level > 0).length).toBeGreaterThan(300);
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await openLineage(page, HUB, 4, `&sel=${HUB}`);
    await page.evaluate(() => window.__atlas!.panelLoaded());
    await saveScreenshot(page, "lineage-hub-depth4-1440x900");
    const bands = await bandsOnScreen(page);
    expect([...bands.keys()].sort((a, b) => a - b)).toEqual([-1, 0, 1, 2, 3, 4]);
    for (const [, ys] of bands) expect(ys.size).toBe(1);
    // The outline is open beside the tree for a family this big.
    await expect.poll(() => page.getByTestId("lineage-outline").isVisible()).toBe(true);
    expect(await page.getByTestId("outline-counts").textContent()).toContain("145 children");
    // The family's name reads whole: no line of the outline's title runs under its Hide outline button.
    const titleLines = await page.locator(".outline__title").evaluate((title) => {
      const range = document.createRange();
      range.selectNodeContents(title);
      return [...range.getClientRects()].map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height, label: "title" }));
    });
    expect(titleLines.length).toBeGreaterThan(0);
    const toggle = { ...(await page.getByTestId("outline-toggle").boundingBox())!, label: "toggle" };
    expect(overlappingBoxes([...titleLines, toggle], (b) => b.label)).toEqual([]);
    // A row the column cuts ("…") gives its whole title in its tooltip.
    const rows = await page.locator(".outline__label").evaluateAll((labels) =>
      labels.map((label) => ({ text: label.textContent, title: label.getAttribute("title"), cut: label.scrollWidth > label.clientWidth })),
    );
    expect(rows.filter((r) => r.cut).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.title !== r.text)).toEqual([]);
    await expectReadable(page);
    // Every band's "more" names what it holds, the deeper bands too ("+28 more" over "great-grandchildren").
    const more = (await labelBoxes(page)).filter((b) => /^more:\d+:after$/.test((b as Box & { key: string }).key));
    expect(more.map((b) => (b as Box & { key: string }).key).sort()).toEqual(expect.arrayContaining(["more:1:after", "more:3:after", "more:4:after"]));
    for (const box of more) {
      const level = Number((box as Box & { key: string }).key.split(":")[1]);
      expect(box.label).toMatch(/^\+\d+ more[ \n]/);
      expect(box.label.replace("\n", " ")).toContain(` more ${groupNoun(level)}`);
    }
    expect(groupNoun(3)).toBe("great-grandchildren");
    expect(groupNoun(4)).toBe("descendants at level 4");
    await page.close();
  });

  it("folds and unfolds a child's descendants from the keyboard and the outline", async () => {
    const api = await lineageOf(HUB, 4);
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await openLineage(page, HUB, 4, `&sel=${HUB}`);
    const nodes = await page.evaluate(() => window.__atlas!.graph().nodes);
    // A child on the tree with grandchildren on the tree.
    const childWithKids = api.nodes.find((n) => n.level === 1 && nodes.includes(n.slug) && api.edges.some((e) => e.parent === n.slug && nodes.includes(e.child) && e.child !== HUB))!;
    expect(childWithKids).toBeDefined();
    const kids = api.edges.filter((e) => e.parent === childWithKids.slug && nodes.includes(e.child) && api.nodes.find((n) => n.slug === e.child)!.level === 2).map((e) => e.child as string);
    await page.goto(`${atlas.server.url}/?view=lineage&focus=${HUB}&sel=${childWithKids.slug}`);
    await waitForView(page);
    await page.locator("#graph").click({ position: { x: 5, y: 5 }, trial: true });
    await page.keyboard.press("c");
    await waitForView(page, { keyIncludes: `|${childWithKids.slug}|` });
    const folded = await page.evaluate(() => window.__atlas!.graph().nodes);
    // Its children are gone unless another unfolded parent still holds them.
    const stillHeld = (slug: string) => api.edges.some((e) => e.child === slug && e.parent !== childWithKids.slug && folded.includes(e.parent));
    for (const kid of kids) if (!stillHeld(kid)) expect(folded).not.toContain(kid);
    expect(page.url()).toContain(`collapse=${childWithKids.slug}`);
    const boxes = await expectReadable(page);
    expect(boxes.some((b) => b.label.startsWith(childWithKids.title) && /\(\+\d+\)$/.test(b.label))).toBe(true);
    await saveScreenshot(page, "lineage-folded-1440x900");
    // Unfold from the outline's twisty.
    const row = page.locator(`.outline__row[data-slug="${childWithKids.slug}"]`);
    await expect.poll(() => row.getAttribute("aria-expanded")).toBe("false");
    await row.getByTestId("outline-twisty").click();
    await waitForView(page, { keyIncludes: "l|acceptance-and-commitment|4||" });
    const unfolded = await page.evaluate(() => window.__atlas!.graph().nodes);
    for (const kid of kids) expect(unfolded).toContain(kid);
    await page.close();
  });

  it("turns a band's page with its \"+N more\" node", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await openLineage(page, HUB, 1);
    const before = await page.evaluate(() => window.__atlas!.graph().nodes);
    const at = await page.evaluate(() => window.__atlas!.nodePosition("more:1:after"));
    const graphBox = (await page.locator("#graph").boundingBox())!;
    await page.mouse.click(graphBox.x + at!.x, graphBox.y + at!.y);
    await waitForView(page, { keyIncludes: "1:1" });
    const after = await page.evaluate(() => window.__atlas!.graph().nodes);
    expect(after).toContain("more:1:before");
    const children = (await lineageOf(HUB, 1)).nodes.filter((n) => n.level === 1).map((n) => n.slug as string);
    const firstPage = before.filter((s) => children.includes(s));
    const secondPage = after.filter((s) => children.includes(s));
    expect(secondPage.length).toBeGreaterThan(0);
    // Another page of children: none of the first page's band-1 children are repeated.
    expect(secondPage.filter((s) => firstPage.includes(s))).toEqual([]);
    expect(page.url()).toContain("bands=1:1");
    await expectReadable(page);
    await saveScreenshot(page, "lineage-page-2-1440x900");
    await page.close();
  });
});

describe("the lineage outline", () => {
  it("finds a member of the family, brings it onto the tree and selects it", async () => {
    const api = await lineageOf(HUB, 4);
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await openLineage(page, HUB, 4);
    const nodes = await page.evaluate(() => window.__atlas!.graph().nodes);
    const hiddenGrandchild = api.nodes.find((n) => n.level === 2 && !nodes.includes(n.slug) && n.title.length > 6)!;
    expect(hiddenGrandchild).toBeDefined();
    await page.getByTestId("outline-search").fill(hiddenGrandchild.title);
    const rows = page.locator('.outline__row[data-match="1"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const matchSlugs = await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.slug));
    expect(matchSlugs).toContain(hiddenGrandchild.slug);
    await page.screenshot({ path: (await import("./harness.ts")).screenshotPath("lineage-outline-search-1440x900") });
    await page.locator(`.outline__row[data-slug="${hiddenGrandchild.slug}"]`).click();
    await waitForView(page, { keyIncludes: "l|acceptance-and-commitment|4|" });
    await expect.poll(() => page.evaluate(() => window.__atlas!.graph().nodes)).toContain(hiddenGrandchild.slug);
    expect(await page.evaluate(() => window.__atlas!.state().selected)).toBe(hiddenGrandchild.slug);
    await expectReadable(page);
    await page.close();
  });

  it("moves through the family with the arrow keys and selects with Enter", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await openLineage(page, HUB, 4);
    const first = page.locator('.outline__row[tabindex="0"]');
    await first.focus();
    const start = await first.getAttribute("data-slug");
    expect(start).toBe(HUB);
    await page.keyboard.press("ArrowDown");
    const next = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.slug);
    expect(next).not.toBe(HUB);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => window.__atlas!.state().selected)).toBe(next);
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.slug)).toBe(HUB);
    await page.close();
  });

  it("is the lineage view on a phone: the family as a list, the tree one tap away", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[1]);
    await openLineage(page, FAMILY, 4);
    const outline = page.getByTestId("lineage-outline");
    expect(await outline.isVisible()).toBe(true);
    const box = (await outline.boundingBox())!;
    expect(box.width).toBeGreaterThan(380);
    const api = await lineageOf(FAMILY, 4);
    const rows = await page.locator(".outline__row").count();
    expect(rows).toBe(api.nodes.length);
    await saveScreenshot(page, "lineage-outline-phone-390x844");
    await page.getByTestId("outline-search").fill("a");
    await page.getByTestId("outline-toggle").click();
    expect(await outline.isVisible()).toBe(false);
    await expectReadable(page);
    await saveScreenshot(page, "lineage-family-tree-390x844");
    await page.close();
  });

  it("opens beside the tree of an 84-descendant family at 1440x900, labels apart", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await openLineage(page, FAMILY, 4);
    expect(await page.getByTestId("lineage-outline").isVisible()).toBe(true);
    const bands = await bandsOnScreen(page);
    for (const [, ys] of bands) expect(ys.size).toBe(1);
    await expectReadable(page);
    await saveScreenshot(page, "lineage-family-1440x900");
    await page.close();
  });
});

describe("the details panel's lineage", () => {
  it("lists each of the hub's 145 children once, saying which files declare each", async () => {
    const detail = (await (await fetch(`${atlas.server.url}/api/patterns/${HUB}`)).json()) as {
      outgoing: Record<string, { slug: string }[]>;
      incoming: Record<string, { slug: string }[]>;
    };
    const declaredHere = new Set((detail.outgoing.specializes_to ?? []).map((e) => e.slug));
    const declaredThere = new Set((detail.incoming.generalizes_from ?? []).map((e) => e.slug));
    const all = new Set([...declaredHere, ...declaredThere]);
    expect(all.size).toBe(145);
    for (const viewport of VIEWPORTS) {
      const page = await atlas.browser.newPage(viewport);
      await openLineage(page, HUB, 1, `&sel=${HUB}`);
      await page.evaluate(() => window.__atlas!.panelLoaded());
      const rows = await page.locator("[data-testid=lineage-children] li").evaluateAll((items) =>
        items.map((li) => ({ slug: li.querySelector<HTMLElement>("[data-slug]")?.dataset.slug ?? "", declared: (li as HTMLElement).dataset.declared })),
      );
      expect(rows.length).toBe(145);
      expect(new Set(rows.map((r) => r.slug)).size).toBe(145);
      for (const row of rows) {
        const expected = declaredHere.has(row.slug) && declaredThere.has(row.slug) ? "both" : declaredHere.has(row.slug) ? "here" : "there";
        expect(row.declared, row.slug).toBe(expected);
      }
      // No second list of the same children under the link types.
      expect(await page.locator('#panel section[aria-label="generalizes from"], #panel section[aria-label="specializes to"]').count()).toBe(0);
      await page.locator("[data-testid=lineage-links]").scrollIntoViewIfNeeded();
      await saveScreenshot(page, `lineage-panel-${viewport.width}x${viewport.height}`);
      await page.close();
    }
  });
});

describe("presenting a lineage", () => {
  it("reveals the hub's family a level at a time", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await openLineage(page, HUB, 4);
    const drawn = await page.evaluate(() => window.__atlas!.graph().nodes.filter((n) => !n.startsWith("more:")));
    await page.keyboard.press("p");
    await page.waitForFunction(() => (window.__atlasTalks?.presentation()?.total ?? 0) > 1 && window.__atlasTalks!.presentation()!.slug !== null);
    const first = await page.evaluate(() => window.__atlasTalks!.presentation()!);
    // Parents, the root, children, grandchildren, great- and great-great-grandchildren: six levels.
    expect(first.total).toBe(6);
    expect(await page.textContent(".talks-caption__text")).toMatch(/^Parents \(\d of 8 drawn\): /);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    const children = await page.evaluate(() => window.__atlasTalks!.presentation()!);
    expect(await page.textContent(".talks-caption__text")).toMatch(/^Children \((\d+) of 145 drawn\): .* and \d+ more$/);
    expect(children.nodes.length).toBeGreaterThan(first.nodes.length + 1);
    await page.waitForTimeout(400);
    // The presentation's stage is another size than the explorer's: its labels are kept apart too.
    const presented = await labelBoxes(page);
    expect(presented.length).toBeGreaterThan(5);
    expect(overlappingBoxes(presented, (b) => b.label)).toEqual([]);
    expect(await labelsOverDots(page)).toEqual([]);
    await saveScreenshot(page, "lineage-present-children-1440x900");
    // A talk shows the tree alone.
    expect(await page.getByTestId("lineage-outline").isVisible()).toBe(false);
    await page.keyboard.press("End");
    const last = await page.evaluate(() => window.__atlasTalks!.presentation()!);
    expect(last.nodes.sort()).toEqual(drawn.sort());
    await page.waitForTimeout(400);
    expect(overlappingBoxes(await labelBoxes(page), (b) => b.label)).toEqual([]);
    expect(await labelsOverDots(page)).toEqual([]);
    await saveScreenshot(page, "lineage-present-all-1440x900");
    await page.keyboard.press("Escape");
    await page.close();
  });

  it("says on a phone how many of a level are lit, not the level's whole count, no label over a dot", async () => {
    const page = await atlas.browser.newPage(VIEWPORTS[1]);
    await openLineage(page, HUB, 4);
    await page.keyboard.press("p");
    await page.waitForFunction(() => (window.__atlasTalks?.presentation()?.total ?? 0) > 1 && window.__atlasTalks!.presentation()!.slug !== null);
    // Parents, the root, then children and grandchildren: each step lights one level.
    const status = () => page.evaluate(() => window.__atlasTalks!.presentation()!);
    await page.keyboard.press("ArrowRight");
    for (const [name, total] of [["Children", 145], ["Grandchildren", 21]] as const) {
      const before = (await status()).nodes.length;
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction((n) => window.__atlasTalks!.presentation()!.nodes.length > n, before);
      const lit = (await status()).nodes.length - before;
      const caption = (await page.textContent(".talks-caption__text")) ?? "";
      const match = new RegExp(`^${name} \\((\\d+) of ${total} drawn\\): `).exec(caption);
      expect(match, caption).not.toBeNull();
      expect(Number(match![1])).toBe(lit);
      expect(lit).toBeLessThan(total);
      // The root's and the step's boxed labels cover no dot: a child drawn close under the root stays in sight.
      await page.waitForTimeout(400);
      expect(overlappingBoxes(await labelBoxes(page), (b) => b.label)).toEqual([]);
      expect(await labelsOverDots(page)).toEqual([]);
      await saveScreenshot(page, `lineage-present-${name.toLowerCase()}-390x844`);
    }
    await saveScreenshot(page, "lineage-present-grandchildren-390x844");
    await page.keyboard.press("Escape");
    await page.close();
  });
});

describe("the lineage embed with its outline open", () => {
  // Issue 12's review: the embed's floating legend lay under the outline, its edge and shadow a grey
  // box round the outline's bottom left. Measured against the stage: with the outline made invisible
  // (visibility only, nothing moves), what lies under its box and a margin round it is the stage's
  // own background, but for the odd link of the graph fitted beside it.
  for (const viewport of [{ width: 1440, height: 900 }, { width: 844, height: 390 }]) {
    it(`draws no box behind the outline at ${viewport.width}x${viewport.height}`, async () => {
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/embed?view=lineage&focus=${HUB}&ldepth=1`);
      await waitForView(page, { timeout: 60_000 });
      await expect.poll(() => page.getByTestId("lineage-outline").isVisible()).toBe(true);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      await saveScreenshot(page, `lineage-embed-outline-${viewport.width}x${viewport.height}`);
      // No element but the outline's own and the stage's (the graph's canvases) under the outline's box.
      const under = await page.evaluate(() => {
        const outline = document.querySelector<HTMLElement>(".lineage-outline")!;
        const stage = document.getElementById("stage")!;
        const r = outline.getBoundingClientRect();
        const found = new Set<string>();
        for (let x = r.left + 1; x < r.right; x += 20) {
          for (let y = r.top + 1; y < r.bottom; y += 20) {
            for (const e of document.elementsFromPoint(x, y)) {
              if (outline.contains(e) || stage === e || !stage.contains(e) && e.contains(stage)) continue;
              // The toggle floats over the outline's top right, part of it.
              if (e.tagName === "CANVAS" || e.id === "graph" || e.classList.contains("outline-toggle")) continue;
              found.add(`${e.tagName.toLowerCase()}.${String(e.className)}`);
            }
          }
        }
        return [...found];
      });
      expect(under).toEqual([]);
      const box = await page.getByTestId("lineage-outline").boundingBox();
      await page.locator(".lineage-outline").evaluate((e) => (e.style.visibility = "hidden"));
      const clip = {
        x: Math.max(0, box!.x - 4),
        y: Math.max(0, box!.y - 4),
        width: Math.min(viewport.width, box!.x + box!.width + 4) - Math.max(0, box!.x - 4),
        height: Math.min(viewport.height, box!.y + box!.height + 4) - Math.max(0, box!.y - 4),
      };
      const shot = (await page.screenshot({ clip })).toString("base64");
      const share = await page.evaluate(async (base64) => {
        const [r, g, b] = getComputedStyle(document.getElementById("stage")!).backgroundColor.match(/\d+/g)!.map(Number);
        const context = await window.__decodePng!(base64);
        const { data } = context.getImageData(0, 0, context.canvas.width, context.canvas.height);
        let other = 0;
        for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 6) other++;
        return other / (data.length / 4);
      }, shot);
      expect(share).toBeLessThan(0.03);
      await page.close();
    });
  }
});
