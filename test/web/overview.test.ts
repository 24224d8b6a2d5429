// The overview on the real 2026-02-20 snapshot at desktop and phone sizes: unlinked patterns counted
// instead of ringing the graph, labels by importance that never overlap, the communities named over the
// picture and one lit from the legend, a domain lit from the legend,
// hover showing only a hub's strongest neighbours, a phone layout whose graph fills the screen, and the
// Gaps view's backdrop drawn as the overview is.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { saveScreenshot, waitForView } from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { useExplorer, VIEWPORTS } from "./explorer-fixture.ts";
import { fetchWholeOverview } from "../server/overview-fetch.ts";
import { decodeOverview, type OverviewWire } from "../../core/overview-wire.ts";

const atlas = useExplorer(realLibrary("2026-02-20"));

type Box = { key: string; node: string; minX: number; minY: number; maxX: number; maxY: number };

/** Pairs of drawn label boxes that overlap (touching edges do not count). */
function overlaps(boxes: Box[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY) out.push([a.key, b.key]);
    }
  }
  return out;
}

/** The label boxes of the frame on screen (keyed by label text), once two more frames have passed. */
async function labelBoxes(page: Page): Promise<Box[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const drawn = await page.evaluate(() => window.__atlas!.labelBoxes());
  return drawn.map((b) => ({ key: b.label, node: b.key, minX: b.x, minY: b.y, maxX: b.x + b.width, maxY: b.y + b.height }));
}

/** Patterns with at least one link to another pattern, as the API's overview answers them. */
async function linkedCount(): Promise<{ linked: number; total: number }> {
  const overview = await fetchWholeOverview(atlas.server.url);
  const linked = new Set<string>();
  for (const l of overview.links) if (l.source !== l.target) linked.add(l.source).add(l.target);
  return { linked: linked.size, total: overview.nodes.length };
}

describe("the overview of the 2026-02-20 snapshot", () => {
  for (const viewport of VIEWPORTS) {
    it(`counts the unlinked patterns instead of drawing them, and labels without overlap at ${viewport.width}x${viewport.height}`, async () => {
      const { linked, total } = await linkedCount();
      expect(total - linked).toBeGreaterThan(1000);
      const page = await atlas.browser.newPage(viewport);
      await page.goto(`${atlas.server.url}/`);
      const view = await waitForView(page, { timeout: 60_000 });
      expect(view.status).toBe("ready");
      expect(view.nodes).toBe(linked);
      const toggle = page.getByTestId("unlinked-toggle");
      await expect.poll(() => toggle.textContent()).toContain(`${new Intl.NumberFormat("en").format(total - linked)} unlinked patterns`);
      expect(await toggle.isVisible()).toBe(true);

      const boxes = await labelBoxes(page);
      expect(boxes.length).toBeGreaterThan(viewport.width > 800 ? 30 : 8);
      expect(overlaps(boxes)).toEqual([]);
      // The structure at a glance: the largest communities are named over their patterns, among the
      // labels that do not overlap (checked above with the patterns' labels).
      const wire = (await (await fetch(`${atlas.server.url}/api/overview`)).json()) as OverviewWire;
      const { communities } = wire;
      const nodes = decodeOverview(wire).nodes;
      // By importance, not by the alphabet: on a desktop the labelled patterns are not all "A…" hubs; on
      // a phone, whose few labels go to the most linked (in this library nearly all "A…"), they are those.
      if (viewport.width > 800) expect(new Set(boxes.map((b) => b.key[0])).size).toBeGreaterThan(5);
      const mostLinked = new Set<string>(nodes.map((n) => [n.slug, n.degree] as const).sort((a, b) => b[1] - a[1]).slice(0, 60).map(([slug]) => slug));
      const patternLabels = boxes.filter((b) => !b.node.startsWith("region:"));
      if (viewport.width < 800) expect(patternLabels.filter((b) => mostLinked.has(b.node)).length).toBeGreaterThanOrEqual(patternLabels.length * 0.8);
      const regions = boxes.filter((b) => b.node.startsWith("region:"));
      expect(regions.length).toBeGreaterThanOrEqual(viewport.width > 800 ? 5 : 2);
      for (const region of regions) expect(communities.find((c) => `region:${c.key}` === region.node)?.name).toBe(region.key);
      expect(regions.map((r) => r.node)).toContain(`region:${communities[0]!.key}`);
      // The three largest overlap on the picture: each name still finds a place (shifted up or down
      // within its region) on a desktop, and says what sets its community apart, not "mixed domains".
      if (viewport.width > 800) for (const c of communities.slice(0, 3)) expect(regions.map((r) => r.node)).toContain(`region:${c.key}`);
      const details = communities.slice(0, 3).map((c) => c.terms.join(", "));
      expect(details.every((d) => d.length > 0)).toBe(true);
      expect(new Set(details).size).toBe(3);
      const legend = await page.locator("#legend button[data-community] .legend-row__detail").allTextContents();
      expect(legend.slice(0, 3).map((text, i) => text.startsWith(details[i]!))).toEqual([true, true, true]);
      expect(legend.join(" ")).not.toContain("mixed");
      // The SVG export names the same regions, where the screen drew them.
      const svg = await page.evaluate(() => window.__atlasTalks!.svg());
      const exported = [...svg.matchAll(/data-region="([^"]+)"/g)].map((m) => `region:${m[1]}`);
      expect(exported.sort()).toEqual(regions.map((r) => r.node).sort());
      expect(svg).toContain(`>${communities[0]!.name.replace(/&/g, "&amp;")}</text>`);
      await saveScreenshot(page, `overview-${viewport.width}x${viewport.height}`);

      // Drawing them on request, and the URL says so.
      await toggle.click();
      await waitForView(page, { keyIncludes: "unlinked" });
      expect(page.url()).toContain("unlinked=1");
      expect((await page.evaluate(() => window.__atlas!.graph().nodes.length))).toBe(total);
      expect(overlaps(await labelBoxes(page))).toEqual([]);
      await page.close();
    });
  }

  it("lights one community from the legend, with its key in the URL and a way back", async () => {
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/`);
    await waitForView(page, { timeout: 60_000 });
    const whole = await fetchWholeOverview(atlas.server.url);
    // The fourth largest: a community of a few dozen patterns, not the first row by chance.
    const row = page.locator("#legend button[data-community]").nth(3);
    const key = (await row.getAttribute("data-community"))!;
    const index = whole.communities.findIndex((c) => c.key === key);
    expect(index).toBe(3);
    await row.click();
    await expect.poll(() => page.url()).toContain(`community=${key}`);
    expect(await row.getAttribute("aria-pressed")).toBe("true");
    const lit = (await page.evaluate(() => window.__atlas!.emphasis()))!;
    const members = [...whole.communityOf].filter(([, c]) => c === index).map(([slug]) => slug);
    expect(lit.nodes).toEqual([...members].sort());
    expect(lit.nodes.length).toBe(whole.communities[index]!.patterns);
    const boxes = await labelBoxes(page);
    // Its name over it, and only its patterns labelled.
    expect(boxes.map((b) => b.node)).toContain(`region:${key}`);
    expect(boxes.filter((b) => !b.node.startsWith("region:")).every((b) => members.includes(b.node))).toBe(true);
    expect(overlaps(boxes)).toEqual([]);
    await expect.poll(() => page.getByTestId("community-clear").textContent()).toContain(`Community: ${whole.communities[index]!.name}`);
    await saveScreenshot(page, "overview-community-1440x900");
    await page.getByTestId("community-clear").click();
    await expect.poll(() => page.evaluate(() => window.__atlas!.emphasis())).toBeNull();
    expect(page.url()).not.toContain("community=");
    await page.close();
  });

  it("lights one domain from the legend, with its name in the URL and a way back", async () => {
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/`);
    await waitForView(page, { timeout: 60_000 });
    // The fifth biggest domain on screen: a coloured one, not the first row by chance.
    const domain = (await page.locator("#legend button[data-domain]").nth(4).getAttribute("data-domain"))!;
    const row = page.locator(`#legend button[data-domain="${domain}"]`);
    await row.click();
    await expect.poll(() => page.url()).toContain(`domain=${domain}`);
    expect(await row.getAttribute("aria-pressed")).toBe("true");
    const lit = await page.evaluate(() => window.__atlas!.emphasis());
    const inDomainPatterns = atlas.server.library.patterns.filter((p) => p.domain === domain);
    const inDomain = inDomainPatterns.map((p) => p.slug as string);
    const inDomainTitles = inDomainPatterns.map((p) => p.title || (p.slug as string));
    expect(lit!.nodes.length).toBeGreaterThan(20);
    expect(lit!.nodes.every((slug) => inDomain.includes(slug))).toBe(true);
    const boxes = await labelBoxes(page);
    expect(boxes.length).toBeGreaterThan(3);
    expect(boxes.every((b) => inDomainTitles.includes(b.key))).toBe(true);
    expect(overlaps(boxes)).toEqual([]);
    await saveScreenshot(page, "overview-domain-1440x900");
    await page.getByTestId("domain-clear").click();
    await expect.poll(() => page.evaluate(() => window.__atlas!.emphasis())).toBeNull();
    expect(page.url()).not.toContain("domain=");
    await page.close();
  });

  it("shows only a hub's strongest neighbours on hover, labelled without overlap", async () => {
    const hub = "acceptance-and-commitment";
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/`);
    await waitForView(page, { timeout: 60_000 });
    const degree = await page.evaluate((slug) => window.__atlas!.graph().edges.filter((e) => e.source === slug || e.target === slug).length, hub);
    expect(degree).toBeGreaterThan(500);
    const at = (await page.evaluate((slug) => window.__atlas!.nodePosition(slug), hub))!;
    const graphBox = (await page.locator("#graph").boundingBox())!;
    await page.mouse.move(graphBox.x + at.x, graphBox.y + at.y);
    await expect.poll(async () => (await labelBoxes(page)).length, { timeout: 5000 }).toBeGreaterThan(0);
    const boxes = await labelBoxes(page);
    // At most its twelve strongest neighbours are labelled, besides the hub's own label in its raised box.
    const overview = await fetchWholeOverview(atlas.server.url);
    const neighbours = new Set(overview.links.flatMap((l) => (l.source === hub ? [l.target] : l.target === hub ? [l.source] : [])));
    const neighbourTitles = new Set(overview.nodes.filter((n) => neighbours.has(n.slug)).map((n) => n.title || n.slug));
    const hubTitle = overview.nodes.find((n) => n.slug === hub)!.title;
    expect(boxes.filter((b) => b.key !== hubTitle).length).toBeLessThanOrEqual(12);
    expect(boxes.filter((b) => !neighbourTitles.has(b.key) && b.key !== hubTitle).map((b) => b.key)).toEqual([]);
    expect(overlaps(boxes)).toEqual([]);
    await saveScreenshot(page, "overview-hover-hub-1440x900");
    await page.close();
  });

  it("draws the Gaps view's backdrop as the overview draws the library: without the ring of unlinked patterns", async () => {
    const { linked, total } = await linkedCount();
    const page = await atlas.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${atlas.server.url}/?view=gaps`);
    const view = await waitForView(page, { timeout: 60_000 });
    expect(view.status).toBe("ready");
    expect(view.nodes).toBe(linked);
    expect(view.nodes).toBeLessThan(total);
    await page.close();
  });

  it("fills a phone's screen with the graph and fits the search field", async () => {
    const page = await atlas.browser.newPage({ width: 390, height: 844 });
    await page.goto(`${atlas.server.url}/`);
    await waitForView(page, { timeout: 60_000 });
    const canvas = (await page.locator("#graph canvas").first().boundingBox())!;
    expect(canvas.width).toBeGreaterThanOrEqual(388);
    expect(canvas.height).toBeGreaterThan(844 * 0.75);
    // The graph itself spans the width, not a middle third, and the height, not a band across the middle
    // (the server's picture is about as tall as wide: it is stretched to the stage's shape).
    const extent = await page.evaluate(() => {
      const at = window.__atlas!.graph().nodes.map((n) => window.__atlas!.nodePosition(n)!);
      const [xs, ys] = [at.map((p) => p.x), at.map((p) => p.y)];
      return { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
    });
    expect(extent.width).toBeGreaterThan(390 * 0.85);
    expect(extent.height).toBeGreaterThan(canvas.height * 0.8);
    // No label is drawn under the strip at the top left, which would cut it.
    const strip = (await page.getByTestId("overview-strip").boundingBox())!;
    const under = (await labelBoxes(page)).filter((b) => b.minX + canvas.x < strip.x + strip.width && b.maxX + canvas.x > strip.x && b.minY + canvas.y < strip.y + strip.height && b.maxY + canvas.y > strip.y);
    expect(under.map((b) => b.key)).toEqual([]);
    const search = page.locator("#search");
    const fits = await search.evaluate((input: HTMLInputElement) => {
      // The placeholder's text width against the room the field gives it.
      const style = getComputedStyle(input);
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: context.measureText("Search patterns").width, room, scroll: input.scrollWidth, client: input.clientWidth };
    });
    expect(fits.text).toBeLessThanOrEqual(fits.room);
    expect(fits.scroll).toBeLessThanOrEqual(fits.client);
    // Controls stay reachable: the drawer button and the view switches are on screen.
    for (const selector of ["#sidebar-toggle", "#share-button", 'button[data-mode="gaps"]']) {
      const box = (await page.locator(selector).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.y).toBeGreaterThanOrEqual(0);
    }
    await saveScreenshot(page, "phone-overview-390x844");
    await page.close();
  });
});
