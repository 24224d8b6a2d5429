// A hub's neighbourhood on the real 2026-02-20 snapshot, at desktop and phone sizes: labels placed by
// relevance with no two drawn boxes overlapping, every group node labelled, left-out groups drawn as nodes that open and close
// in place, one link type alone in one click, domains that light up and filter, positions that stay
// when a filter changes, and the details panel's counts adding up.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { PatternDetail, Subgraph } from "../../core/model.ts";
import { installPngDecoder, launchPlainBrowser, saveScreenshot, screenshotPath, waitForView } from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { dotsNotOnScreen, labelsOverDots, overlappingBoxes, useExplorer, VIEWPORTS } from "./explorer-fixture.ts";

const HUB = "acceptance-and-commitment";
const HUB_TITLE = "Acceptance and Commitment";
const atlas = useExplorer(realLibrary("2026-02-20"), { timeoutMs: 120_000 });

type Box = { key: string; label: string; badge?: boolean; x: number; y: number; width: number; height: number };

/** The label boxes once the camera has come to rest (a fit animates for 350 ms). */
async function labelBoxes(page: Page): Promise<readonly Box[]> {
  await page.waitForTimeout(800);
  return page.evaluate(() => window.__atlas!.labelBoxes());
}

const fetchJson = async <T>(path: string): Promise<T> => (await (await fetch(`${atlas.server.url}${path}`)).json()) as T;

describe("a hub's neighbourhood on the 2026-02-20 snapshot", () => {
  for (const viewport of VIEWPORTS) {
    it(`labels the most relevant patterns with no two labels overlapping at ${viewport.width}x${viewport.height}`, async () => {
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1`);
      await waitForView(page);
      const boxes = await labelBoxes(page);
      await saveScreenshot(page, `neighbourhood-hub-labels-${viewport.width}x${viewport.height}`);
      expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
      // No label, the focus's boxed one included, covers another pattern's or group's dot.
      expect(await labelsOverDots(page)).toEqual([]);
      // Enough labels to read the hub by, the focus among them.
      expect(boxes.length).toBeGreaterThan(viewport.width > 800 ? 25 : 8);
      expect(boxes.map((b) => b.label)).toContain(HUB_TITLE);
      // Every "+N more" group says what is not drawn: its label finds room on some side, whole or short.
      const groups = await page.evaluate(() => window.__atlas!.groupNodes());
      expect(groups.length).toBeGreaterThan(3);
      const labelled = new Set(boxes.map((b) => b.key));
      expect(groups.filter((g) => !labelled.has(g.node)).map((g) => g.label)).toEqual([]);
      // Nothing is written under the zoom buttons floating over the stage.
      const graphBox = (await page.locator("#graph").boundingBox())!;
      const zoom = (await page.locator("#stage .zoom").boundingBox())!;
      const under = { label: "zoom buttons", x: zoom.x - graphBox.x, y: zoom.y - graphBox.y, width: zoom.width, height: zoom.height };
      expect(overlappingBoxes([...boxes, under], (b) => b.label).filter((pair) => pair.includes("zoom buttons"))).toEqual([]);
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
      }
      // On a phone held upright the hub is an ellipse as tall as the stage, not a circle in its middle third.
      if (viewport.height > viewport.width) {
        const at = await page.evaluate(() => window.__atlas!.graph().nodes.map((n) => window.__atlas!.nodePosition(n)!));
        const tall = Math.max(...at.map((p) => p.y)) - Math.min(...at.map((p) => p.y));
        const wide = Math.max(...at.map((p) => p.x)) - Math.min(...at.map((p) => p.x));
        const stage = (await page.locator("#graph").boundingBox())!;
        expect(tall).toBeGreaterThan(stage.height * 0.6);
        expect(tall).toBeGreaterThan(wide * 1.5);
      }
      await page.close();
    }, 90_000);
  }
});

describe("a hub's neighbourhood embed with its legend on a phone", () => {
  // Chromium left out part of the WebGL canvases (links and dots) near the legend's box when that
  // box scrolled (styles.css, "embed: the graph alone"): the labels, on a 2D canvas, were all there.
  for (const deviceScaleFactor of [1, 3]) {
    it(`shows every dot it draws on screen at 390x844, device scale ${deviceScaleFactor}`, async () => {
      const plain = await launchPlainBrowser();
      try {
        const page = await plain.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor });
        await page.addInitScript(installPngDecoder);
        await page.goto(`${atlas.server.url}/embed?view=neighborhood&focus=${HUB}&depth=1&legend=1`);
        await waitForView(page);
        await page.waitForTimeout(600); // the camera's fit animates
        // The legend is there, and long enough to scroll: the case that lost the picture.
        const legend = await page.evaluate(() => {
          const box = document.getElementById("sidebar")!;
          const list = box.querySelector<HTMLElement>(".sidebar__legend")!;
          return { shown: box.offsetHeight > 0, scrolls: list.scrollHeight > box.clientHeight };
        });
        expect(legend).toEqual({ shown: true, scrolls: true });
        const { dots, missing } = await dotsNotOnScreen(page, ["#sidebar", "#stage .zoom", ".talks-open-full"]);
        await page.screenshot({ path: screenshotPath(`neighbourhood-hub-embed-legend-390x844-x${deviceScaleFactor}`), scale: "css" });
        expect(dots).toBeGreaterThan(250);
        expect(missing).toEqual([]);
      } finally {
        await plain.close();
      }
    }, 90_000);
  }
});

describe("a long title in a hub's neighbourhood", () => {
  it("reads whole in the selected pattern's boxed label, where its plain label is cut at 42 characters", async () => {
    const api = await fetchJson<Subgraph>(`/api/neighborhood/${HUB}?depth=1&limit=300`);
    const longest = [...api.nodes].filter((n) => !n.dangling).sort((a, b) => b.title.length - a.title.length || a.slug.localeCompare(b.slug))[0]!;
    expect(longest.title.length).toBeGreaterThan(42);
    const page = await atlas.browser.newPage(VIEWPORTS[0]);
    await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1&sel=${longest.slug}`);
    await waitForView(page);
    const boxes = await labelBoxes(page);
    const box = boxes.find((b) => b.key === longest.slug) as (Box & { lines: string[] }) | undefined;
    expect(box, "the selected pattern is labelled").toBeDefined();
    expect(box!.lines.join(" ")).toBe(longest.title);
    expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
    await saveScreenshot(page, "neighbourhood-hub-long-title-1440x900");
    await page.close();
  }, 90_000);
});

describe("a hub's depth-2 neighbourhood on a phone", () => {
  it("names every group node without hover: a label, else its count in its dot, else in the stage's list; and lists every group in the panel", async () => {
    const api = await fetchJson<Subgraph>(`/api/neighborhood/${HUB}?depth=2&limit=300`);
    const page = await atlas.browser.newPage(VIEWPORTS[1]);
    await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=2`);
    await waitForView(page);
    const boxes = await labelBoxes(page);
    await saveScreenshot(page, "neighbourhood-hub-depth2-390x844");
    const groups = await page.evaluate(() => window.__atlas!.groupNodes());
    expect(groups.length).toBe(api.groups.length);
    expect(groups.length).toBeGreaterThan(40);
    expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
    expect(await labelsOverDots(page)).toEqual([]);
    // The small groups deep in carry their count inside their dot, in it whole.
    const dots = new Map((await page.evaluate(() => [...window.__atlas!.nodeDots()])).map((d) => [d.key, d] as const));
    const badges = boxes.filter((b) => b.badge);
    expect(badges.length).toBeGreaterThan(20);
    for (const b of badges) {
      const dot = dots.get(b.key)!;
      for (const [x, y] of [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]] as const) expect(Math.hypot(x - dot.x, y - dot.y), b.key).toBeLessThanOrEqual(dot.r);
    }
    // Any group left with neither is counted on the stage and named in its list.
    const named = new Set(boxes.map((b) => b.key));
    const unnamed = groups.filter((g) => !named.has(g.node)).map((g) => g.node);
    expect(unnamed.length).toBeLessThanOrEqual(5);
    const marker = page.getByTestId("unnamed");
    if (unnamed.length) {
      expect(await marker.textContent()).toBe(`+${unnamed.length} not labelled`);
      await marker.click();
      const rows = page.getByTestId("unnamed-list").locator("button[data-node]");
      expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-node")))).sort()).toEqual([...unnamed].sort());
      expect(await rows.first().textContent()).toMatch(/^\+\d+ more · .+ · via .+/);
      await saveScreenshot(page, "neighbourhood-hub-depth2-unlabelled-list-390x844");
      await marker.click();
    } else expect(await marker.isVisible()).toBe(false);
    // The drawer's notice lists every group, the smaller ones behind "…and N more"; a chip opens its group.
    await page.locator("#sidebar-toggle").click();
    await page.waitForTimeout(500); // the drawer slides in
    await page.getByTestId("cut-groups-more").locator("summary").click();
    const chips = page.getByTestId("cut-notice").locator("button[data-group]");
    expect((await chips.evaluateAll((els) => els.map((e) => e.getAttribute("data-group")))).sort()).toEqual(api.groups.map((g) => g.key).sort());
    await saveScreenshot(page, "neighbourhood-hub-depth2-groups-listed-390x844");
    const smallest = [...api.groups].sort((a, b) => a.count - b.count)[0]!;
    await page.getByTestId("cut-notice").locator(`button[data-group="${smallest.key}"]`).click();
    await waitForView(page, { keyIncludes: smallest.key });
    expect((await page.evaluate(() => window.__atlas!.groupNodes())).find((g) => g.key === smallest.key)!.open).toBe(true);
    await page.close();
  }, 120_000);
});

/** Clicks a node of the graph where it is drawn. */
async function clickNode(page: Page, node: string): Promise<void> {
  const box = (await page.locator("#graph").boundingBox())!;
  const p = (await page.evaluate((n) => window.__atlas!.nodePosition(n), node))!;
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

/** Viewport positions of the given patterns, once the camera and any layout have settled. */
async function positions(page: Page, nodes: string[]): Promise<Map<string, { x: number; y: number }>> {
  await page.waitForTimeout(700);
  const list = await page.evaluate((ns) => ns.map((n) => [n, window.__atlas!.nodePosition(n)] as const), nodes);
  return new Map(list.filter((e): e is readonly [string, { x: number; y: number }] => e[1] !== null));
}

describe("progressive disclosure on a hub", () => {
  it("draws the left-out groups as nodes that open in place and close again", async () => {
    const api = await fetchJson<Subgraph>(`/api/neighborhood/${HUB}?depth=1&limit=300`);
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1`);
    await waitForView(page);
    await page.waitForTimeout(600);
    const groups = await page.evaluate(() => window.__atlas!.groupNodes());
    expect(groups.map((g) => g.key).sort()).toEqual(api.groups.map((g) => g.key).sort());
    const biggest = [...api.groups].sort((a, b) => b.count - a.count)[0]!;
    const node = groups.find((g) => g.key === biggest.key)!;
    expect(node.label).toContain(`+${biggest.count} more`);
    expect(node.open).toBe(false);
    const before = (await page.evaluate(() => window.__atlas!.graph().nodes)).length;
    const kept = await positions(page, api.nodes.slice(0, 40).map((n) => n.slug));

    await clickNode(page, node.node);
    await waitForView(page, { keyIncludes: biggest.key });
    const after = await page.evaluate(() => window.__atlas!.graph().nodes);
    expect(after.length).toBe(before + Math.min(60, biggest.count));
    for (const slug of biggest.sample) expect(after).toContain(slug);
    const opened = (await page.evaluate(() => window.__atlas!.groupNodes())).find((g) => g.key === biggest.key)!;
    expect(opened.open).toBe(true);
    expect(opened.label).toContain(`60 of ${biggest.count} shown`);
    // Opening in place moves none of the patterns already drawn relative to the others: at most the
    // camera pans and zooms out, all of them alike, to show what the group added.
    const moved = await positions(page, [...kept.keys()]);
    const [a, b] = [...kept.keys()].filter((slug) => slug !== HUB).slice(0, 2).map((slug) => [kept.get(slug)!, moved.get(slug)!] as const);
    const scale = Math.hypot(b![1].x - a![1].x, b![1].y - a![1].y) / Math.hypot(b![0].x - a![0].x, b![0].y - a![0].y);
    expect(scale).toBeGreaterThan(0.3);
    expect(scale).toBeLessThanOrEqual(1.001);
    for (const [slug, p] of kept) {
      const expected = { x: a![1].x + (p.x - a![0].x) * scale, y: a![1].y + (p.y - a![0].y) * scale };
      expect(Math.hypot(moved.get(slug)!.x - expected.x, moved.get(slug)!.y - expected.y), slug).toBeLessThan(1.5);
    }
    expect(overlappingBoxes(await labelBoxes(page), (b) => b.label)).toEqual([]);
    await saveScreenshot(page, "neighbourhood-hub-group-open-1440x900");

    await clickNode(page, opened.node);
    await page.waitForFunction((key) => !window.__atlas!.viewKey.includes(key) && window.__atlas!.status === "ready", biggest.key);
    expect((await page.evaluate(() => window.__atlas!.graph().nodes)).length).toBe(before);
    await page.close();
  }, 120_000);

  for (const viewport of VIEWPORTS) {
    it(`pages through a left-out group of hundreds one page at a time, inside the stage, at ${viewport.width}x${viewport.height}`, async () => {
      const api = await fetchJson<Subgraph>(`/api/neighborhood/${HUB}?depth=1&limit=300`);
      const biggest = [...api.groups].sort((a, b) => b.count - a.count)[0]!;
      expect(biggest.count).toBeGreaterThan(300);
      const members = async (offset: number) =>
        (await fetchJson<Subgraph>(`/api/neighborhood/${HUB}?depth=1&limit=60&group=${encodeURIComponent(biggest.key)}&offset=${offset}`)).nodes.map((n) => n.slug as string).filter((s) => !api.nodes.some((n) => n.slug === s));
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1`);
      await waitForView(page);
      await page.waitForTimeout(600);
      const nodesOf = async (key: string) => (await page.evaluate(() => window.__atlas!.groupNodes())).filter((g) => g.key === key);
      /** Each node's centre at least 12 px inside the stage, and the group's and pager's labels drawn whole. */
      const expectInside = async (nodes: string[], labelled: string[]) => {
        await page.waitForTimeout(700);
        const stage = { width: viewport.width, height: (await page.locator("#graph").boundingBox())!.height };
        for (const slug of nodes) {
          const p = (await page.evaluate((n) => window.__atlas!.nodePosition(n), slug))!;
          expect(p.x, slug).toBeGreaterThanOrEqual(12);
          expect(p.x, slug).toBeLessThanOrEqual(stage.width - 12);
          expect(p.y, slug).toBeGreaterThanOrEqual(12);
          expect(p.y, slug).toBeLessThanOrEqual(stage.height - 12);
        }
        const boxes = await labelBoxes(page);
        for (const label of labelled) expect(boxes.map((b) => b.label)).toContain(label);
        expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
      };
      // Opened in place from its node: the first page, and a pager, both on screen.
      await clickNode(page, (await nodesOf(biggest.key))[0]!.node);
      await waitForView(page, { keyIncludes: biggest.key });
      let [group, pager] = await nodesOf(biggest.key);
      expect(group!.label).toContain(`60 of ${biggest.count} shown`);
      expect(pager).toMatchObject({ page: 1, label: `next: 61–120 of ${biggest.count} ›` });
      const firstPage = await members(0);
      await expectInside([group!.node, pager!.node, ...firstPage], [pager!.label]);
      await saveScreenshot(page, `neighbourhood-hub-group-open-${viewport.width}x${viewport.height}`);

      // The pager shows the next page in place of the first.
      await clickNode(page, pager!.node);
      await waitForView(page, { keyIncludes: `${biggest.key}@1` });
      expect(decodeURIComponent(page.url())).toContain(`${biggest.key}@1`);
      const drawn = await page.evaluate(() => window.__atlas!.graph().nodes);
      const secondPage = await members(60);
      expect(secondPage.length).toBe(60);
      for (const slug of secondPage) expect(drawn).toContain(slug);
      for (const slug of firstPage) expect(drawn).not.toContain(slug);
      [group, pager] = await nodesOf(biggest.key);
      expect(group!.label).toContain(`61–120 of ${biggest.count} shown`);
      expect(pager!.label).toBe(`next: 121–180 of ${biggest.count} ›`);
      // Nothing the page added is cut by the stage's edge.
      await expectInside([group!.node, pager!.node, ...secondPage], [pager!.label]);
      await saveScreenshot(page, `neighbourhood-hub-group-page-2-${viewport.width}x${viewport.height}`);

      // The last page is reachable (here from its URL), and its pager goes back to the first.
      const last = Math.ceil(biggest.count / 60) - 1;
      await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1&groups=${encodeURIComponent(`${biggest.key}@${last}`)}`);
      await waitForView(page);
      [group, pager] = await nodesOf(biggest.key);
      expect(group!.label).toContain(`${last * 60 + 1}–${biggest.count} of ${biggest.count} shown`);
      for (const slug of await members(last * 60)) expect(await page.evaluate(() => window.__atlas!.graph().nodes)).toContain(slug);
      expect(pager).toMatchObject({ page: 0, label: `‹ back to 1–60 of ${biggest.count}` });
      await clickNode(page, pager!.node);
      await page.waitForFunction((key) => !window.__atlas!.viewKey.includes(`${key}@`) && window.__atlas!.viewKey.includes(key) && window.__atlas!.status === "ready", biggest.key);
      for (const slug of firstPage) expect(await page.evaluate(() => window.__atlas!.graph().nodes)).toContain(slug);
      await page.close();
    }, 120_000);
  }

  it("shows one link type alone in one click, keeping the places of the patterns that stay", async () => {
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1`);
    await waitForView(page);
    const all = await page.evaluate(() => window.__atlas!.graph().nodes);
    const before = await positions(page, all);
    await page.locator('[data-only-type="complementary"]').click();
    await waitForView(page, { keyIncludes: "|complementary|" });
    expect(await page.evaluate(() => window.__atlas!.state().types)).toEqual(["complementary"]);
    const edges = await page.evaluate(() => window.__atlas!.graph().edges);
    expect(edges.length).toBeGreaterThan(0);
    expect(new Set(edges.map((e) => e.linkType))).toEqual(new Set(["complementary"]));
    const stayed = (await page.evaluate(() => window.__atlas!.graph().nodes)).filter((n) => before.has(n));
    expect(stayed.length).toBeGreaterThan(20);
    const now = await positions(page, stayed);
    for (const slug of stayed) expect(Math.hypot(now.get(slug)!.x - before.get(slug)!.x, now.get(slug)!.y - before.get(slug)!.y)).toBeLessThan(1.5);
    expect(overlappingBoxes(await labelBoxes(page), (b) => b.label)).toEqual([]);
    await saveScreenshot(page, "neighbourhood-hub-only-complementary-1440x900");
    await page.close();
  }, 120_000);

  it("lights a domain from the legend, then keeps it alone, without moving anything", async () => {
    const api = await fetchJson<Subgraph>(`/api/neighborhood/${HUB}?depth=1&limit=300`);
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1`);
    await waitForView(page);
    const key = await page.evaluate(() => window.__atlas!.viewKey);
    const domainButton = page.locator("[data-domain]").first();
    const domain = (await domainButton.getAttribute("data-domain"))!;
    const members = api.nodes.filter((n) => n.domain === domain && !n.dangling).map((n) => n.slug as string);
    expect(members.length).toBeGreaterThan(0);
    const before = await positions(page, members);
    await domainButton.click();
    const lit = (await page.evaluate(() => window.__atlas!.emphasis()))!;
    expect(lit.nodes.filter((n) => !n.startsWith("group:") && n !== HUB).sort()).toEqual([...members].sort());
    await saveScreenshot(page, "neighbourhood-hub-domain-lit-1440x900");
    await page.locator(`[data-only-domain="${domain}"]`).click();
    await page.waitForTimeout(400);
    // Only the domain's patterns, the focus and the group nodes keep labels.
    const allowed = new Set([...api.nodes.filter((n) => members.includes(n.slug as string)).map((n) => n.title), HUB_TITLE]);
    const labelled = (await labelBoxes(page)).map((b) => b.label);
    expect(labelled.length).toBeGreaterThan(3);
    for (const label of labelled) expect(allowed.has(label) || /^(\+\d+ more|− \d+ of)/.test(label)).toBe(true);
    expect(await page.evaluate(() => window.__atlas!.viewKey)).toBe(key);
    const after = await positions(page, members);
    for (const slug of members) expect(after.get(slug)).toEqual(before.get(slug));
    await saveScreenshot(page, "neighbourhood-hub-domain-only-1440x900");
    await page.close();
  }, 120_000);

  for (const viewport of VIEWPORTS) {
    it(`gives counts that add up and names dangling targets as written, with the reason, at ${viewport.width}x${viewport.height}`, async () => {
      const detail = await fetchJson<PatternDetail>(`/api/patterns/${HUB}`);
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/?view=neighborhood&focus=${HUB}&depth=1&sel=${HUB}`);
      await waitForView(page);
      await page.evaluate(() => window.__atlas!.panelLoaded());
      const fact = async (name: string) => Number(await page.locator(`#panel [data-fact="${name}"] dd`).textContent());
      const [neighbours, links, outgoing, incoming] = [await fact("neighbours"), await fact("links"), await fact("outgoing"), await fact("incoming")];
      expect(links).toBe(outgoing + incoming);
      expect([outgoing, incoming]).toEqual([detail.outDegree, detail.inDegree]);
      expect(neighbours).toBeGreaterThan(0);
      expect(neighbours).toBeLessThanOrEqual(links);
      const perType = await page.locator("#panel .link-groups .link-group__title .count").allTextContents();
      expect(perType.map(Number).reduce((a, b) => a + b, 0)).toBe(links);
      // Dangling targets: their name as written and why nothing matches, never a placeholder id.
      expect(detail.dangling.length).toBeGreaterThan(0);
      const panelText = (await page.locator("#panel").textContent()) ?? "";
      for (const d of detail.dangling) expect(panelText).toContain(d.target);
      expect(panelText).toMatch(/never created|stale id/);
      expect(panelText).not.toContain("missing:");
      await page.waitForTimeout(600);
      await saveScreenshot(page, `neighbourhood-hub-panel-${viewport.width}x${viewport.height}`);
      // The focus stays in view beside the panel (or above the sheet).
      const focus = (await page.evaluate((s) => window.__atlas!.nodePosition(s), HUB))!;
      const graphBox = (await page.locator("#graph").boundingBox())!;
      const panelBox = (await page.locator("#panel").boundingBox())!;
      if (viewport.width > 800) expect(graphBox.x + focus.x).toBeLessThan(panelBox.x);
      else expect(graphBox.y + focus.y).toBeLessThan(panelBox.y);
      expect(overlappingBoxes(await labelBoxes(page), (b) => b.label)).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
