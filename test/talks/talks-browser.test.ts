// Browser tests of the graphs-for-talks features against the real server on the example library, in
// Debian's chromium: a page on another origin frames the embed URL and it renders, while the app
// itself refuses to be framed; the offline snapshot opens from file:// with every network request
// blocked, draws the graph and answers a click. Each test saves a screenshot in
// test-results/screenshots/talks-*.png.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STYLE } from "../../web/src/graph/view-style.ts";
import type { Frame, Page } from "playwright-core";
import type { Lineage, LinkView, NodeView, PathResult } from "../../core/model.ts";
import type { EdgeAttrs, NodeAttrs } from "../../web/src/graph/atlas-graph.ts";
import { linkTypeWords } from "../../core/path-wording.ts";
import { createDomainScale, createSizeScale, linkTypeColor, sortLinkTypes } from "../../web/src/graph/palette.ts";
import { buildOfflineHtml, type OfflineSnapshot } from "../../web/src/talks/offline-html.ts";
import { stepsFromPath } from "../../web/src/talks/presentation-steps.ts";
import {
  EXAMPLE_LIBRARY,
  launchBrowser,
  saveScreenshot,
  screenshotPath,
  startAtlasServer,
  waitForView,
  type AtlasBrowser,
  type AtlasServer,
} from "../web/harness.ts";
import { allElements, parseXml, textOf } from "./xml.ts";
import { countInk, ensureTalksBuild, hexToRgb, readOfflineViewer, startOtherOrigin, type OtherOrigin } from "./talks-harness.ts";
import { fetchWholeOverview } from "../server/overview-fetch.ts";
import { linkKey } from "../../core/answers.ts";

interface OverviewJson {
  nodes: (NodeView & { x: number; y: number })[];
  links: LinkView[];
}

const LIGHT_BG = hexToRgb("#f6f7f9");

let server: AtlasServer;
let browser: AtlasBrowser;
let other: OtherOrigin;
let overview: OverviewJson;
let stats: { domains: Record<string, number>; patterns: number };
const scratch = mkdtempSync(path.join(tmpdir(), "pattern-atlas-talks-"));

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(`${server.url}${url}`);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** A page of the other origin that frames `src` at 800x600. */
function framingPage(src: string): string {
  const safe = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  return `<!doctype html><html><head><title>A slide deck</title><style>body{margin:0;padding:20px;background:#223;font:16px sans-serif;color:#fff}iframe{border:0;background:#fff}</style></head>
<body><h1>Slide 3: how the patterns connect</h1><iframe id="atlas" src="${safe}" width="800" height="600" title="Pattern Atlas"></iframe></body></html>`;
}

async function framedPage(src: string): Promise<{ page: Page; frame: Frame }> {
  await other?.close();
  other = await startOtherOrigin(framingPage(src));
  const page = await browser.newPage({ width: 900, height: 760 });
  await page.goto(other.url);
  const handle = await page.waitForSelector("#atlas");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("The iframe has no frame.");
  return { page, frame };
}

beforeAll(async () => {
  await ensureTalksBuild();
  server = await startAtlasServer({ library: EXAMPLE_LIBRARY });
  browser = await launchBrowser();
  overview = await fetchWholeOverview(server.url);
  stats = await getJson("/api/stats");
});

afterAll(async () => {
  await other?.close();
  await browser?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("embedding", () => {
  it("renders the embed URL inside a page from another origin", async () => {
    const { page, frame } = await framedPage(`${server.url}/embed?view=lineage&focus=modular-design&legend=0&theme=light`);
    expect(new URL(other.url).origin).not.toBe(new URL(server.url).origin);
    await frame.waitForFunction(() => window.__atlas?.status === "ready", undefined, { timeout: 30_000 });
    const nodes = await frame.evaluate(() => window.__atlas!.graph().nodes);
    expect(nodes).toContain("modular-design");
    // Just the graph: no top bar or sidebar inside the frame.
    expect(await frame.evaluate(() => document.body.classList.contains("is-embed"))).toBe(true);
    expect(await frame.locator(".topbar").isVisible()).toBe(false);
    const box = (await page.locator("#atlas").boundingBox())!;
    const shot = await page.screenshot({ clip: box });
    const ink = await countInk(page, shot, LIGHT_BG);
    expect(ink.ink / (ink.width * ink.height)).toBeGreaterThan(0.005);
    await saveScreenshot(page, "talks-embed-other-origin");
    await page.close();
  });

  it("follows the embed switches: a floating search box, no zooming when interaction is off, the theme", async () => {
    const { page, frame } = await framedPage(`${server.url}/embed?view=neighborhood&focus=microservices&depth=1&search=1&interactive=0&theme=dark`);
    await frame.waitForFunction(() => window.__atlas?.status === "ready", undefined, { timeout: 30_000 });
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await frame.locator("#stage #search").isVisible()).toBe(true);
    expect(await frame.locator(".zoom").isVisible()).toBe(false);
    const before = await frame.evaluate(() => window.__atlas!.camera());
    const box = (await page.locator("#atlas").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await page.waitForTimeout(400);
    expect(await frame.evaluate(() => window.__atlas!.camera())).toEqual(before);
    const full = await frame.locator(".talks-open-full").getAttribute("href");
    expect(full).toBe(`${server.url}/?view=neighborhood&focus=microservices&depth=1`);
    await saveScreenshot(page, "talks-embed-switches");
    await page.close();
  });

  it("fits an upright embed's graph above its legend, and a wide one's beside it", async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 960, height: 540 }]) {
      const page = await browser.newPage(viewport);
      await page.goto(`${server.url}/embed${PATH_QUERY}&legend=1`);
      await waitForView(page);
      await page.waitForTimeout(600); // the camera's fit animates
      const legend = (await page.locator("#sidebar").boundingBox())!;
      const slugs = await page.evaluate(() => window.__atlas!.graph().nodes);
      expect(slugs.length).toBeGreaterThan(2);
      const at = await page.evaluate((list) => list.map((s) => window.__atlas!.nodePosition(s)!), slugs);
      // No pattern of the path is drawn under the legend.
      const under = at.filter((p) => p.x >= legend.x && p.x <= legend.x + legend.width && p.y >= legend.y && p.y <= legend.y + legend.height);
      expect(under).toEqual([]);
      if (viewport.height > viewport.width) expect(Math.max(...at.map((p) => p.y))).toBeLessThan(legend.y);
      await saveScreenshot(page, `talks-embed-legend-${viewport.width}x${viewport.height}`);
      await page.close();
    }
  });

  it("is refused by the browser when another origin frames the explorer itself", async () => {
    const { page, frame } = await framedPage(`${server.url}/?view=overview`);
    await page.waitForTimeout(1500);
    // Chromium replaces a frame blocked by X-Frame-Options / frame-ancestors with its error page.
    expect(frame.url()).not.toContain(new URL(server.url).host);
    const hasApp = await frame.evaluate(() => Boolean((window as { __atlas?: unknown }).__atlas)).catch(() => false);
    expect(hasApp).toBe(false);
    await saveScreenshot(page, "talks-frame-refused");
    await page.close();
  });
});

/** The example library's overview as an offline snapshot, built the way the explorer builds its graph. */
function overviewSnapshot(): OfflineSnapshot {
  const domains = createDomainScale(stats.domains);
  const size = createSizeScale(Math.max(1, ...overview.nodes.map((n) => n.degree)), [3, 14]);
  return {
    format: "pattern-atlas-offline",
    version: 1,
    title: "Overview of the example library",
    subtitle: `${overview.nodes.length} patterns, ${overview.links.length} links`,
    createdAt: new Date("2026-03-01T10:00:00Z").toISOString(),
    sourceUrl: `${server.url}/`,
    mode: "overview",
    theme: "light",
    style: { ...DEFAULT_STYLE, fadeAroundSelection: true },
    camera: null,
    graph: {
      attributes: {},
      options: { type: "directed", multi: true, allowSelfLoops: true },
      nodes: overview.nodes.map((n) => ({
        key: n.slug,
        attributes: { label: n.title, title: n.title, x: n.x, y: n.y, size: size(n.degree), color: domains.color(n.domain), domain: n.domain, degree: n.degree } satisfies NodeAttrs,
      })),
      edges: overview.links.map((l) => ({
        key: linkKey(l),
        source: l.source,
        target: l.target,
        attributes: { id: linkKey(l), linkType: l.type, type: l.directed ? "arrow" : "straight", color: linkTypeColor(l.type), size: 1.4, directed: l.directed } satisfies EdgeAttrs,
      })),
    },
    focus: [],
    selected: null,
    emphasis: null,
    details: { microservices: { summary: "Independently deployable services, offline." } },
    linkTypes: sortLinkTypes(overview.links.map((l) => l.type)).map((type) => ({ type, label: linkTypeWords(type), color: linkTypeColor(type) })),
    domains: domains.named.map(({ domain, color }) => ({ domain, color })),
  };
}

describe("the offline snapshot", () => {
  it("opens from file:// with the network off, draws the graph and shows details on a click", async () => {
    const file = path.join(scratch, "overview.html");
    writeFileSync(file, buildOfflineHtml(overviewSnapshot(), readOfflineViewer()));
    await browser.context.setOffline(true);
    const page = await browser.newPage({ width: 1280, height: 720 });
    const attempted: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) attempted.push(r.url());
    });
    await page.route(/^(https?|wss?):/, (route) => route.abort());
    try {
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => window.__atlasOffline?.ready === true, undefined, { timeout: 20_000 });
      expect(await page.evaluate(() => window.__atlasOffline!.error)).toBeNull();
      expect((await page.evaluate(() => window.__atlasOffline!.nodes())).length).toBe(stats.patterns);
      const ink = await countInk(page, await page.screenshot(), LIGHT_BG);
      expect(ink.ink / (ink.width * ink.height)).toBeGreaterThan(0.01);

      // Click a node in the open middle of the stage (clear of the header and legend cards).
      const target = await page.evaluate(() => {
        const hook = window.__atlasOffline!;
        const inMiddle = hook
          .nodes()
          .map((slug) => ({ slug, at: hook.nodePosition(slug)! }))
          .filter(({ at }) => at && at.x > 420 && at.x < 860 && at.y > 200 && at.y < 520);
        return inMiddle.find((n) => n.slug === "microservices") ?? inMiddle[0]!;
      });
      await page.mouse.move(target.at.x, target.at.y);
      await page.mouse.click(target.at.x, target.at.y);
      await page.waitForFunction((slug) => window.__atlasOffline!.selected() === slug, target.slug, { timeout: 5_000 });
      const card = page.locator(".offline__card");
      await card.waitFor({ state: "visible" });
      const title = overview.nodes.find((n) => n.slug === target.slug)!.title;
      expect(await card.locator("h2").textContent()).toBe(title);
      expect(await card.locator(".offline__link").count()).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath("talks-offline-file") });
      expect(attempted).toEqual([]);
    } finally {
      await page.close();
      await browser.context.setOffline(false);
    }
  });
});

// ------------------------------------------------------------------------------------------------
// The explorer's Share, Export and Present features.

/** automated-testing -> continuous-integration -> continuous-delivery -> progressive-delivery. */
const PATH_QUERY = "?view=path&from=automated-testing&to=progressive-delivery&k=1";

async function open(query: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const page = await browser.newPage(viewport);
  await page.goto(`${server.url}/${query}`);
  await waitForView(page);
  return page;
}

/** Clicks an export button in the "Share and export" dialog and returns the downloaded file's bytes. */
async function exportFile(page: Page, kind: "png" | "svg" | "html"): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.click(`#share-dialog button[data-export="${kind}"]`)]);
  const file = await download.path();
  if (!file) throw new Error(`The ${kind} download has no file.`);
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("exporting what is on screen", () => {
  it("saves a PNG of the asked size and pixel ratio that is not blank, themed or transparent", async () => {
    const page = await open(PATH_QUERY);
    await page.click("#share-button");
    await page.fill("#share-png-width", "1280");
    await page.fill("#share-png-height", "800");
    await page.selectOption("#share-png-ratio", "2");
    expect(await page.textContent("#share-png-note")).toContain("640 × 400 screen at 2×");
    const themed = await exportFile(page, "png");
    expect(themed.name).toBe("pattern-atlas-path-automated-testing-to-progressive-delivery.png");
    expect(pngSize(themed.bytes)).toEqual({ width: 1280, height: 800 });
    const ink = await countInk(page, themed.bytes, LIGHT_BG);
    expect(ink.transparent).toBe(0);
    expect(ink.ink / (ink.width * ink.height)).toBeGreaterThan(0.01);
    writeFileSync(screenshotPath("talks-export-png"), themed.bytes);

    await page.check("#share-transparent");
    // The legend (on by default) would fill much of a 213-pixel-wide stage: this export is about transparency.
    await page.uncheck("#share-legend");
    await page.fill("#share-png-width", "641");
    await page.fill("#share-png-height", "401");
    await page.selectOption("#share-png-ratio", "3");
    const clear = await exportFile(page, "png");
    expect(pngSize(clear.bytes)).toEqual({ width: 641, height: 401 });
    const clearInk = await countInk(page, clear.bytes, null);
    expect(clearInk.transparent / (clearInk.width * clearInk.height)).toBeGreaterThan(0.5);
    expect(clearInk.ink).toBeGreaterThan(500);
    expect(await page.textContent("#share-dialog .talks-status")).toContain("Saved pattern-atlas-path-");
    await saveScreenshot(page, "talks-share-export-dialog");
    await page.close();
  });

  it("saves an SVG that parses and holds every pattern of the path as a circle and its title as text", async () => {
    const page = await open(PATH_QUERY);
    const result = await getJson<PathResult>(`/api/paths${PATH_QUERY.replace("?view=path&", "?")}`);
    const drawn = await page.evaluate(() => window.__atlas!.graph().nodes);
    await page.click("#share-button");
    // The screen's own size (slides at 16:9 are the default; test/web/slides.test.ts covers them).
    await page.selectOption("#share-slide", "screen");
    const { name, bytes } = await exportFile(page, "svg");
    expect(name).toMatch(/\.svg$/);
    const svg = parseXml(bytes.toString("utf8"));
    expect(svg.name).toBe("svg");
    const stage = (await page.locator("#graph").boundingBox())!;
    expect(Number(svg.attributes.width)).toBeCloseTo(stage.width, 0);
    const circles = allElements(svg).filter((e) => e.name === "circle" && e.attributes["data-node"]);
    expect(circles.map((c) => c.attributes["data-node"]).sort()).toEqual([...drawn].sort());
    // Each pattern's label (wrapped below the node in this view) as one string, plain or boxed.
    const labels = new Map(
      allElements(svg)
        .filter((e) => e.name === "g" && (e.attributes["data-label"] || e.attributes["data-highlight"]))
        .map((g) => [
          g.attributes["data-label"] ?? g.attributes["data-highlight"]!,
          allElements(g)
            .filter((e) => e.name === "text" && e.attributes.class === "label")
            .map(textOf)
            .join(" "),
        ]),
    );
    for (const node of result.nodes) expect(labels.get(node.slug), node.slug).toBe(node.title);
    const heads = allElements(svg).filter((e) => e.name === "polygon" && e.attributes["data-edge-head"]);
    expect(heads.length).toBeGreaterThan(0);
    // Look at it as an image too: the SVG drawn by the browser from a data URL.
    const view = await browser.newPage({ width: Math.ceil(stage.width), height: Math.ceil(stage.height) });
    await view.setContent(`<body style="margin:0"><img id="svg" src="data:image/svg+xml;base64,${bytes.toString("base64")}"></body>`);
    await view.waitForFunction(() => (document.getElementById("svg") as HTMLImageElement).complete);
    await saveScreenshot(view, "talks-export-svg");
    await view.close();
    await page.close();
  });

  it("saves an offline HTML file that opens from disk without a network and answers a click", async () => {
    const page = await open("?view=lineage&focus=modular-design");
    await page.click("#share-button");
    const { name, bytes } = await exportFile(page, "html");
    expect(name).toBe("pattern-atlas-lineage-modular-design.html");
    await page.close();
    const file = path.join(scratch, name);
    writeFileSync(file, bytes);
    await browser.context.setOffline(true);
    const offline = await browser.newPage({ width: 1280, height: 720 });
    const attempted: string[] = [];
    offline.on("request", (r) => {
      if (!/^(file|data|blob):/.test(r.url())) attempted.push(r.url());
    });
    await offline.route(/^(https?|wss?):/, (route) => route.abort());
    try {
      await offline.goto(pathToFileURL(file).href);
      await offline.waitForFunction(() => window.__atlasOffline?.ready === true, undefined, { timeout: 20_000 });
      expect(await offline.locator(".offline__title").textContent()).toBe("Lineage of Modular Design");
      // nodePosition is in the graph box's pixels: a lineage walk's box starts below the file's header.
      const at = (await offline.evaluate(() => window.__atlasOffline!.nodePosition("microservices")))!;
      const graphBox = (await offline.locator(".offline__graph").boundingBox())!;
      await offline.mouse.click(graphBox.x + at.x, graphBox.y + at.y);
      await offline.locator(".offline__card h2").waitFor({ state: "visible" });
      expect(await offline.locator(".offline__card h2").textContent()).toBe("Microservices");
      // The card's title is below the steps bar, which holds the top right too (it was under it).
      const title = (await offline.locator(".offline__card h2").boundingBox())!;
      const stepsBar = (await offline.locator(".offline__steps").boundingBox())!;
      expect(title.y).toBeGreaterThanOrEqual(stepsBar.y + stepsBar.height);
      // Its summary was fetched into the file at export time.
      expect((await offline.locator(".offline__card").textContent())!.length).toBeGreaterThan(60);
      await offline.screenshot({ path: screenshotPath("talks-offline-from-app") });
      expect(attempted).toEqual([]);
    } finally {
      await offline.close();
      await browser.context.setOffline(false);
    }
  });
});

describe("sharing", () => {
  it("offers the permalink, an iframe snippet that follows the switches, and the oEmbed URL", async () => {
    const page = await open("?view=neighborhood&focus=microservices&depth=1");
    await page.click("#share-button");
    const permalink = await page.inputValue("#share-permalink");
    expect(permalink).toBe(`${server.url}/?view=neighborhood&focus=microservices&depth=1`);
    await page.uncheck('#share-dialog input[data-flag="legend"]');
    await page.fill("#share-width", "640");
    expect(await page.inputValue("#share-embed-url")).toBe(`${server.url}/embed?view=neighborhood&focus=microservices&depth=1&legend=0`);
    const snippet = await page.inputValue("#share-snippet");
    expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\?view=neighborhood&amp;focus=microservices&amp;depth=1&amp;legend=0" width="640" height="600"/);
    const oembed = await page.inputValue("#share-oembed");
    const answer = (await (await fetch(oembed)).json()) as { html: string; width: number; title: string };
    expect(answer.title).toBe("Neighbourhood of Microservices · Pattern Atlas");
    expect(answer.html).toContain("legend=0");
    await saveScreenshot(page, "talks-share-dialog");
    await page.close();

    // The snippet works as it is, pasted into a page on another origin.
    const src = /src="([^"]+)"/.exec(snippet)![1]!.replace(/&amp;/g, "&");
    const framed = await framedPage(src);
    await framed.frame.waitForFunction(() => window.__atlas?.status === "ready", undefined, { timeout: 30_000 });
    expect(await framed.frame.evaluate(() => window.__atlas!.state().focus)).toBe("microservices");
    expect(await framed.frame.locator(".talks-open-full").getAttribute("href")).toContain("/?view=neighborhood&focus=microservices");
    await saveScreenshot(framed.page, "talks-share-snippet-framed");
    await framed.page.close();
  });
});

describe("presentation mode", () => {
  it("steps through a three-step path with the arrow keys and a clicker's Page Up/Down", async () => {
    const result = await getJson<PathResult>(`/api/paths${PATH_QUERY.replace("?view=path&", "?")}`);
    const titles = new Map(result.nodes.map((n) => [n.slug as string, n.title]));
    const expected = stepsFromPath(result.paths[0]!, (slug) => titles.get(slug) ?? slug);
    expect(expected).toHaveLength(4);
    const page = await open(PATH_QUERY);
    await page.click("#present-button");
    // The walk starts once full screen has settled (a frame or two after the key): wait for its first step.
    await page.waitForFunction(() => window.__atlasTalks?.presentation()?.total === 4 && window.__atlasTalks.presentation()!.slug !== null);
    expect(await page.evaluate(() => document.body.classList.contains("is-presenting"))).toBe(true);
    expect(await page.locator(".topbar").isVisible()).toBe(false);

    const seen: { count: string; caption: string; slug: string | null }[] = [];
    const record = async (n: number) => {
      const status = await page.evaluate(() => window.__atlasTalks!.presentation()!);
      seen.push({ count: (await page.textContent(".talks-caption__count"))!, caption: (await page.textContent(".talks-caption__text"))!, slug: status.slug });
      expect(status.nodes).toEqual(expected[n]!.nodesSoFar);
      await page.waitForTimeout(500);
      await saveScreenshot(page, `talks-present-step-${n + 1}`);
    };
    await record(0);
    await page.keyboard.press("ArrowRight");
    await record(1);
    await page.keyboard.press("PageDown");
    await record(2);
    await page.keyboard.press("ArrowRight");
    await record(3);
    expect(seen.map((s) => s.count)).toEqual(["1 / 4", "2 / 4", "3 / 4", "4 / 4"]);
    expect(seen.map((s) => s.caption)).toEqual(expected.map((s) => s.caption));
    expect(seen.map((s) => s.slug)).toEqual(["automated-testing", "continuous-integration", "continuous-delivery", "progressive-delivery"]);
    expect(seen[1]!.caption).toBe("Automated Testing enables Continuous Integration, and is required by it.");

    await page.keyboard.press("PageUp");
    expect(await page.textContent(".talks-caption__count")).toBe("3 / 4");
    await page.keyboard.press("Home");
    expect(await page.textContent(".talks-caption__count")).toBe("1 / 4");
    // The explorer's own shortcuts stay quiet while presenting: "1" would switch to the overview.
    await page.keyboard.press("1");
    expect(await page.evaluate(() => window.__atlas!.state().mode)).toBe("path");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => window.__atlasTalks!.presentation())).toBeNull();
    expect(await page.evaluate(() => document.body.classList.contains("is-presenting"))).toBe(false);
    expect(await page.evaluate(() => window.__atlas!.state().mode)).toBe("path");
    await page.close();
  });

  it("presents a lineage top-down, a generation per step", async () => {
    const lineage = await getJson<Lineage>("/api/lineage/micro-frontends?depth=4");
    const generations = new Set(lineage.nodes.map((n) => n.level)).size;
    const page = await open("?view=lineage&focus=micro-frontends");
    await page.keyboard.press("p");
    await page.waitForFunction(() => (window.__atlasTalks?.presentation()?.total ?? 0) > 2 && window.__atlasTalks!.presentation()!.slug !== null);
    const first = await page.evaluate(() => window.__atlasTalks!.presentation()!);
    await page.keyboard.press("End");
    const last = await page.evaluate(() => window.__atlasTalks!.presentation()!);
    expect(last.index).toBe(first.total - 1);
    expect(last.slug).not.toBe(first.slug);
    // Every pattern of the small family is drawn, so the walk has one step per generation and ends with all of them.
    expect(first.total).toBe(generations);
    expect(last.nodes.sort()).toEqual(lineage.nodes.map((n) => n.slug as string).sort());
    await page.waitForTimeout(500);
    await saveScreenshot(page, "talks-present-lineage");
    await page.keyboard.press("Escape");
    await page.close();
  });
});
