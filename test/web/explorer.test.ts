// Browser tests of the explorer against the real server on the project's example library: overview,
// search and panel, neighbourhood depth and type filters, parallel links, lineage, paths, URLs,
// themes and a narrow screen. Expected values come from the JSON API, so the tests check that the
// page shows what the server answers. Each test saves a screenshot in test-results/screenshots/.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { LinkView, Lineage, PathResult, SearchHit, Subgraph } from "../../core/model.ts";
import {
  countGraphPixels,
  ensureWebBuild,
  EXAMPLE_LIBRARY,
  launchBrowser,
  saveScreenshot,
  screenshotPath,
  startAtlasServer,
  waitForView,
  type AtlasBrowser,
  type AtlasServer,
} from "./harness.ts";
import { fetchWholeOverview } from "../server/overview-fetch.ts";
import { linkKey } from "../../core/answers.ts";

interface OverviewJson {
  nodes: { slug: string; title: string; degree: number; x: number; y: number }[];
  links: LinkView[];
}

// The example library by default; another folder can be given to try the same checks elsewhere.
const LIBRARY = process.env.PATTERN_ATLAS_WEB_TEST_LIBRARY ?? EXAMPLE_LIBRARY;

let server: AtlasServer;
let browser: AtlasBrowser;
let overview: OverviewJson;

const getJson = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${server.url}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

async function open(query: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage(viewport);
  await page.goto(`${server.url}/${query}`);
  await waitForView(page);
  return page;
}

const pairKey = (l: LinkView) => [l.source, l.target].sort().join("\u0000");

/** A well-linked pattern whose neighbourhood stays small enough to read. */
function pickFocus(): string {
  const candidates = overview.nodes.filter((n) => n.degree > 0 && n.degree <= 30).sort((a, b) => b.degree - a.degree || a.slug.localeCompare(b.slug));
  return candidates[0]!.slug;
}

beforeAll(async () => {
  await ensureWebBuild();
  server = await startAtlasServer({ library: LIBRARY });
  browser = await launchBrowser();
  overview = await fetchWholeOverview(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the explorer on the example library", () => {
  it("opens on the overview of every linked pattern, drawn on a canvas that is not blank", async () => {
    const page = await open("");
    const stats = await getJson<{ patterns: number; links: number }>("/api/stats");
    const graph = await page.evaluate(() => window.__atlas!.graph());
    // Every pattern with a link; the unlinked ones are counted in the strip, not drawn.
    const linked = new Set(overview.links.filter((l) => l.source !== l.target).flatMap((l) => [l.source, l.target]));
    expect(graph.nodes).toHaveLength(linked.size);
    expect(await page.getByTestId("unlinked-toggle").textContent()).toContain(`${stats.patterns - linked.size} unlinked pattern`);
    expect(graph.edges).toHaveLength(overview.links.length);
    const pixels = await countGraphPixels(page);
    expect(pixels.drawn / pixels.total).toBeGreaterThan(0.002);
    expect(await page.locator("#legend").textContent()).toContain("Domains");
    expect(await page.locator(".controls__subtitle").textContent()).toContain(`${stats.patterns.toLocaleString("en")} patterns`);
    await saveScreenshot(page, "explorer-overview");
    await page.close();
  });

  it("focuses search with /, chooses a hit with the arrow keys and Enter, and shows its panel", async () => {
    const page = await open("");
    const target = overview.nodes.find((n) => n.slug === pickFocus())!;
    const query = target.title.slice(0, Math.min(target.title.length, 8));
    const expected = (await getJson<{ hits: SearchHit[] }>(`/api/search?q=${encodeURIComponent(query)}&limit=8`)).hits;
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search");
    await page.keyboard.type(query);
    // While typing, the hits of a shorter prefix show first; the list settles on the whole query's.
    await expect
      .poll(() => page.locator("#search-listbox [role=option][data-slug]").evaluateAll((els) => els.map((e) => e.getAttribute("data-slug"))), { timeout: 10_000 })
      .toEqual(expected.map((h) => h.slug));
    if (expected.length > 1) {
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowUp");
    }
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.__atlas!.state().selected !== null);
    await page.evaluate(() => window.__atlas!.panelLoaded());
    const chosen = expected[0]!;
    await expect.poll(() => page.locator("#panel-title").textContent()).toBe(chosen.title);
    expect(await page.evaluate(() => window.__atlas!.state().selected)).toBe(chosen.slug);
    expect(page.url()).toContain(`sel=${chosen.slug}`);
    const detail = await getJson<{ outgoing: Record<string, { slug: string }[]>; incoming: Record<string, { slug: string }[]> }>(`/api/patterns/${chosen.slug}`);
    // Every link once; a parent or child declared in both files is one row of the panel's Lineage.
    const lineageTypes = ["generalizes_from", "specializes_to"];
    const others = [...Object.entries(detail.outgoing), ...Object.entries(detail.incoming)].filter(([t]) => !lineageTypes.includes(t)).reduce((n, [, l]) => n + l.length, 0);
    const ends = (list?: { slug: string }[]) => (list ?? []).map((e) => e.slug);
    const parents = new Set([...ends(detail.outgoing.generalizes_from), ...ends(detail.incoming.specializes_to)]);
    const children = new Set([...ends(detail.outgoing.specializes_to), ...ends(detail.incoming.generalizes_from)]);
    expect(await page.locator("#panel .link-list__item").count()).toBeGreaterThanOrEqual(others + parents.size + children.size);
    await saveScreenshot(page, "explorer-search-panel");
    // Escape closes the panel.
    await page.locator("#panel .link-button, #panel button").first().focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#panel").isHidden()).toBe(true);
    expect(page.url()).not.toContain("sel=");
    await page.close();
  });

  it("follows depth and link-type filters in a neighbourhood, as the API answers them", async () => {
    const focus = pickFocus();
    const page = await open(`?view=neighborhood&focus=${focus}&depth=1`);
    const nodesOnScreen = () => page.evaluate(() => window.__atlas!.graph().nodes.sort());
    const api = async (query: string) => (await getJson<Subgraph>(`/api/neighborhood/${focus}?limit=300&${query}`)).nodes.map((n) => n.slug as string).sort();

    expect(await nodesOnScreen()).toEqual(await api("depth=1"));
    await page.locator('fieldset[data-name=depth] input[value="2"]').check();
    await waitForView(page, { keyIncludes: `|${focus}|2|` });
    expect(await nodesOnScreen()).toEqual(await api("depth=2"));
    // Depth 2 is the default, so the URL no longer names a depth.
    expect(page.url()).not.toContain("depth=");
    expect(await page.evaluate(() => window.__atlas!.state().depth)).toBe(2);

    // Turn off the most common link type of this neighbourhood through the legend.
    const sub = await getJson<Subgraph>(`/api/neighborhood/${focus}?depth=2&limit=300`);
    const counts = new Map<string, number>();
    for (const l of sub.links) counts.set(l.type, (counts.get(l.type) ?? 0) + 1);
    const [common] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const stats = await getJson<{ linksByType: Record<string, number> }>("/api/stats");
    const others = Object.keys(stats.linksByType).filter((t) => t !== common);
    await page.locator(`#legend button[data-type="${common}"]`).click();
    await waitForView(page, { keyIncludes: others.sort().join(",") });
    expect(await page.locator(`#legend button[data-type="${common}"]`).getAttribute("aria-pressed")).toBe("false");
    const edges = await page.evaluate(() => window.__atlas!.graph().edges);
    expect(edges.every((e) => e.linkType !== common)).toBe(true);
    expect(await nodesOnScreen()).toEqual(await api(`depth=2&types=${others.join(",")}`));
    expect(decodeURIComponent(page.url())).toContain("types=");
    await saveScreenshot(page, "explorer-neighbourhood-filters");
    await page.close();
  });

  it("draws several links between the same two patterns as separate curves, with arrows for direction", async () => {
    const byPair = new Map<string, LinkView[]>();
    for (const l of overview.links) byPair.set(pairKey(l), [...(byPair.get(pairKey(l)) ?? []), l]);
    const parallel = [...byPair.values()].find((links) => links.length >= 2);
    expect(parallel, "the library has two patterns linked more than once").toBeDefined();
    const [a, b] = [parallel![0]!.source, parallel![0]!.target];
    const page = await open(`?view=neighborhood&focus=${a}&depth=1`);
    const edges = (await page.evaluate(() => window.__atlas!.graph().edges)).filter((e) => [e.source, e.target].sort().join("\u0000") === [a, b].sort().join("\u0000"));
    expect(edges.length).toBeGreaterThanOrEqual(2);
    expect(edges.every((e) => e.program.startsWith("curved"))).toBe(true);
    for (const e of edges) {
      const directed = parallel!.find((l) => linkKey(l) === e.id)?.directed;
      expect(e.program).toBe(directed ? "curvedArrow" : "curved");
    }
    await saveScreenshot(page, "explorer-parallel-links");
    await page.close();
  });

  it("expands a pattern's neighbours in place on double-click", async () => {
    const focus = pickFocus();
    const page = await open(`?view=neighborhood&focus=${focus}&depth=1`);
    const before = new Set(await page.evaluate(() => window.__atlas!.graph().nodes));
    const sub = await getJson<Subgraph>(`/api/neighborhood/${focus}?depth=1&limit=300`);
    // A neighbour whose own neighbours are not all on screen yet.
    let target: string | undefined;
    for (const n of sub.nodes) {
      if (n.slug === focus) continue;
      const own = await getJson<Subgraph>(`/api/neighborhood/${n.slug}?depth=1&limit=300`);
      if (own.nodes.some((m) => !before.has(m.slug))) {
        target = n.slug;
        break;
      }
    }
    expect(target, "some neighbour has neighbours beyond depth 1").toBeDefined();
    const position = await page.evaluate((slug) => window.__atlas!.nodePosition(slug), target!);
    const box = (await page.locator("#graph").boundingBox())!;
    await page.mouse.dblclick(box.x + position!.x, box.y + position!.y);
    await waitForView(page, { keyIncludes: `|${target}` });
    const after = new Set(await page.evaluate(() => window.__atlas!.graph().nodes));
    const own = await getJson<Subgraph>(`/api/neighborhood/${target}?depth=1&limit=300`);
    for (const n of own.nodes) expect(after.has(n.slug)).toBe(true);
    expect(after.size).toBeGreaterThan(before.size);
    expect(page.url()).toContain(`expand=${target}`);
    await saveScreenshot(page, "explorer-expanded");
    await page.close();
  });

  it("shows a lineage as a layered DAG: every parent above its child", async () => {
    const lineageDegree = new Map<string, number>();
    for (const l of overview.links) {
      if (l.type !== "generalizes_from" && l.type !== "specializes_to") continue;
      lineageDegree.set(l.source, (lineageDegree.get(l.source) ?? 0) + 1);
      lineageDegree.set(l.target, (lineageDegree.get(l.target) ?? 0) + 1);
    }
    const [root] = [...lineageDegree.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    const page = await open(`?view=lineage&focus=${root}&ldepth=4`);
    const lineage = await getJson<Lineage>(`/api/lineage/${root}?depth=4`);
    expect((await page.evaluate(() => window.__atlas!.graph().nodes)).sort()).toEqual(lineage.nodes.map((n) => n.slug as string).sort());
    expect(lineage.edges.length).toBeGreaterThan(0);
    const levels = new Map(lineage.nodes.map((n) => [n.slug as string, n.level]));
    for (const edge of lineage.edges) {
      const parent = await page.evaluate((s) => window.__atlas!.nodePosition(s), edge.parent as string);
      const child = await page.evaluate((s) => window.__atlas!.nodePosition(s), edge.child as string);
      // Parents sit higher on screen (smaller y) whenever their level is lower.
      if (levels.get(edge.parent)! < levels.get(edge.child)!) expect(parent!.y).toBeLessThan(child!.y);
    }
    expect(await page.locator("#controls").textContent()).toContain("Lineage");
    await saveScreenshot(page, "explorer-lineage");
    await page.close();
  });

  it("lists the steps of the k shortest paths exactly as /api/paths answers them", async () => {
    const from = pickFocus();
    const sub = await getJson<Subgraph>(`/api/neighborhood/${from}?depth=3&limit=300`);
    const far = Object.entries(sub.distance).filter(([, d]) => d >= 2).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const to = (far[0] ?? Object.entries(sub.distance).find(([s]) => s !== from)!)[0];
    const page = await open(`?view=path&from=${from}&to=${to}&k=3`);
    const result = await getJson<PathResult>(`/api/paths?from=${from}&to=${to}&k=3&maxLength=6`);
    expect(result.paths.length).toBeGreaterThan(0);
    const cards = page.locator(".path-card");
    expect(await cards.count()).toBe(result.paths.length);
    for (let i = 0; i < result.paths.length; i++) {
      const path = result.paths[i]!;
      const slugs = await cards.nth(i).locator(".path-step__node").evaluateAll((els) => els.map((e) => e.getAttribute("data-slug")));
      expect(slugs).toEqual(path.nodes);
      const hops = await cards.nth(i).locator(".path-step__link").allTextContents();
      expect(hops).toHaveLength(path.length);
      // Each hop's verb is the one the API's step says: the step's text is "<from title> <verb> <to title>".
      hops.forEach((verb, hop) => expect(path.steps[hop]!.text).toContain(` ${verb} `));
      expect(await cards.nth(i).locator(".path-card__explanation").textContent()).toBe(path.explanation);
    }
    // Every path node is drawn; choosing a path card emphasises it.
    const onScreen = new Set(await page.evaluate(() => window.__atlas!.graph().nodes));
    for (const n of result.paths.flatMap((p) => p.nodes)) expect(onScreen.has(n)).toBe(true);
    await cards.first().locator(".path-card__head").click();
    await expect.poll(() => cards.first().getAttribute("class")).toContain("path-card--selected");
    expect(page.url()).toContain("path=0");
    await saveScreenshot(page, "explorer-path");
    await page.close();
  });

  it("says clearly when no path exists within the bound", async () => {
    const isolated = overview.nodes.find((n) => n.degree === 0);
    const from = pickFocus();
    const to = isolated?.slug ?? overview.nodes.find((n) => n.slug !== from)!.slug;
    const page = await open(`?view=path&from=${from}&to=${to}&max=${isolated ? 6 : 1}`);
    const result = await getJson<PathResult>(`/api/paths?from=${from}&to=${to}&maxLength=${isolated ? 6 : 1}`);
    expect(result.paths).toHaveLength(0);
    const notice = await page.locator("[data-testid=no-path]").textContent();
    expect(notice).toContain("No path found");
    // An unlinked end sits in a connected part of its own: no bound would find a path, and the
    // panel says so instead of naming the bound.
    expect(notice).toContain(isolated ? "separate connected parts" : "within 1 link");
    await saveScreenshot(page, "explorer-no-path");
    await page.close();
  });

  it("restores the same view from a reloaded URL, and back/forward walk through the views", async () => {
    const focus = pickFocus();
    const page = await open("");
    await page.locator('.mode[data-mode="neighborhood"]').click();
    await waitForView(page);
    // setMode keeps no focus from the overview; choose one by URL-free means: search.
    await page.keyboard.press("/");
    const title = overview.nodes.find((n) => n.slug === focus)!.title;
    await page.keyboard.type(title);
    await page.locator(`#search-listbox [data-slug="${focus}"]`).waitFor();
    await page.locator(`#search-listbox [data-slug="${focus}"]`).click();
    await waitForView(page, { keyIncludes: `|${focus}|` });
    await page.locator('fieldset[data-name=depth] input[value="1"]').check();
    await waitForView(page, { keyIncludes: `|${focus}|1|` });
    const fitted = await page.evaluate(() => window.__atlas!.camera());
    await page.locator("#zoom-in").click();
    await page.waitForFunction((ratio) => (window.__atlas!.state().camera?.ratio ?? Infinity) < ratio * 0.8, fitted.ratio);
    const url = page.url();
    const before = await page.evaluate(() => window.__atlas!.state());
    const cameraBefore = await page.evaluate(() => window.__atlas!.camera());
    const beforeNodes = (await page.evaluate(() => window.__atlas!.graph().nodes)).sort();
    expect(url).toContain("view=neighborhood");
    expect(url).toContain(`focus=${focus}`);
    expect(url).toContain("cam=");

    await page.reload();
    await waitForView(page);
    const after = await page.evaluate(() => window.__atlas!.state());
    expect(page.url()).toBe(url);
    expect({ ...after, camera: null }).toEqual({ ...before, camera: null });
    expect(after.camera!.ratio).toBeCloseTo(before.camera!.ratio, 3);
    const cameraAfter = await page.evaluate(() => window.__atlas!.camera());
    expect(cameraAfter.ratio).toBeCloseTo(cameraBefore.ratio, 3);
    expect(cameraAfter.x).toBeCloseTo(cameraBefore.x, 3);
    expect(cameraAfter.y).toBeCloseTo(cameraBefore.y, 3);
    expect((await page.evaluate(() => window.__atlas!.graph().nodes)).sort()).toEqual(beforeNodes);
    await saveScreenshot(page, "explorer-reloaded");

    await page.goBack();
    await waitForView(page);
    expect(await page.evaluate(() => window.__atlas!.state().depth)).toBe(2);
    await page.goBack();
    await waitForView(page);
    await page.goBack();
    await waitForView(page);
    expect(await page.evaluate(() => window.__atlas!.state().mode)).toBe("overview");
    await page.goForward();
    await waitForView(page);
    expect(await page.evaluate(() => window.__atlas!.state().mode)).toBe("neighborhood");
    await page.close();
  });

  it("switches to the dark theme and keeps the graph drawn", async () => {
    const page = await open(`?view=neighborhood&focus=${pickFocus()}&depth=2`);
    await page.keyboard.press("t");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await page.waitForTimeout(200);
    const pixels = await countGraphPixels(page);
    expect(pixels.drawn / pixels.total).toBeGreaterThan(0.002);
    await saveScreenshot(page, "explorer-dark");
    // The choice is remembered in the browser profile: switch back so later tests start light.
    await page.keyboard.press("t");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await page.close();
  });

  it("stays usable on a narrow screen: the controls open as a drawer and Escape closes it", async () => {
    const page = await open(`?view=neighborhood&focus=${pickFocus()}&depth=1`, { width: 390, height: 844 });
    expect(await page.locator("#sidebar").isVisible()).toBe(false);
    await page.locator("#sidebar-toggle").click();
    await expect.poll(() => page.locator("#sidebar").isVisible()).toBe(true);
    expect(await page.locator("#sidebar-toggle").getAttribute("aria-expanded")).toBe("true");
    await page.waitForTimeout(300); // the drawer slides in
    await saveScreenshot(page, "explorer-narrow-drawer");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#sidebar").isVisible()).toBe(false);
    const pixels = await countGraphPixels(page);
    expect(pixels.drawn / pixels.total).toBeGreaterThan(0.002);
    await saveScreenshot(page, "explorer-narrow");
    await page.close();
  });

  it("shows the graph alone under /embed, framed by a page on another origin, while the app itself refuses framing", async () => {
    const focus = pickFocus();
    const embedPath = `/embed?view=neighborhood&focus=${focus}&depth=1&search=0`;
    const headersOf = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      await response.arrayBuffer();
      return response.headers;
    };
    expect((await headersOf(embedPath)).get("content-security-policy")).toContain("frame-ancestors *");
    expect((await headersOf("/")).get("x-frame-options")).toBe("DENY");
    // Another origin: a second server on another port whose page frames the embed URL.
    const host = createServer((_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end(`<!doctype html><title>Talk</title><iframe id="atlas" src="${server.url}${embedPath}" width="900" height="560"></iframe>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    try {
      const page = await browser.newPage({ width: 1000, height: 700 });
      await page.goto(`http://localhost:${(host.address() as AddressInfo).port}/`);
      const frame = await (await page.locator("#atlas").elementHandle())!.contentFrame();
      await frame!.waitForFunction(() => window.__atlas?.status === "ready", undefined, { timeout: 30_000, polling: 100 });
      const embed = await frame!.evaluate(() => ({
        nodes: window.__atlas!.graph().nodes.length,
        topbar: getComputedStyle(document.querySelector(".topbar")!).display,
        controls: getComputedStyle(document.querySelector(".sidebar__controls")!).display,
        legend: getComputedStyle(document.querySelector(".sidebar__legend")!).display,
      }));
      const sub = await getJson<Subgraph>(`/api/neighborhood/${focus}?depth=1&limit=300`);
      expect(embed).toEqual({ nodes: sub.nodes.length, topbar: "none", controls: "none", legend: "block" });
      await saveScreenshot(page, "explorer-embed-framed");
      await page.close();
    } finally {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });

  it("shares the view as a permalink and an iframe snippet, and exports a PNG of the asked size", async () => {
    const focus = pickFocus();
    const page = await open(`?view=neighborhood&focus=${focus}&depth=1`);
    await page.locator("#share-button").click();
    expect(await page.locator("#share-permalink").inputValue()).toBe(page.url());
    expect(await page.locator("#share-embed-url").inputValue()).toBe(page.url().replace(/\/\?/, "/embed?"));
    await page.locator("#share-width").fill("640");
    const snippet = await page.locator("#share-snippet").inputValue();
    expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\?view=neighborhood&amp;focus=/);
    expect(snippet).toContain('width="640"');
    await page.locator("#share-png-width").fill("1200");
    await page.locator("#share-png-height").fill("700");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#share-png").click()]);
    expect(download.suggestedFilename()).toBe(`pattern-atlas-neighborhood-${focus}.png`);
    await download.saveAs(screenshotPath("explorer-export-1200x700"));
    const png = await readFile(screenshotPath("explorer-export-1200x700"));
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 700]);
    const drawn = await page.evaluate(async (base64) => {
      const context = await window.__decodePng!(base64);
      const { data } = context.getImageData(0, 0, context.canvas.width, context.canvas.height);
      let different = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - data[0]!) + Math.abs(data[i + 1]! - data[1]!) + Math.abs(data[i + 2]! - data[2]!) > 40) different++;
      return different / (data.length / 4);
    }, png.toString("base64"));
    expect(drawn).toBeGreaterThan(0.002);
    await saveScreenshot(page, "explorer-share");
    await page.close();
  });
});
