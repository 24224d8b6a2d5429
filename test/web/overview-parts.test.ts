// The overview of a library larger than the first part (twice the real 2026-02-20 snapshot, from the
// bench's scale generator), drawn in levels of detail: the first frame shows one node per community,
// sized by its members, before the rest of the overview has arrived; a click opens a community into its
// patterns and links in place, a click on its marker closes it again, and so do zooming in and out; every
// community node on screen is named, its name winning over an opened community's patterns', and one
// that would lie on a larger one is left out at that zoom (the legend counts them); a drag moves the drawn
// picture and draws the graph once, where it is let go, and thousands of links are kept as a picture
// that later pans move instead of drawing them again; the legend counts every domain.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { OverviewWire } from "../../core/overview-wire.ts";
import { fetchWholeOverview } from "../server/overview-fetch.ts";
import { overlappingBoxes, VIEWPORTS } from "./explorer-fixture.ts";
import { measurePanning } from "../bench/lib/pan-frames.ts";
import { saveScreenshot, waitForView } from "./harness.ts";
import { restingPosition, scaledServerAndBrowser } from "./scaled-server.ts";
import { linkKey } from "../../core/answers.ts";
import { LINE_CACHE_MIN_LINES } from "../../web/src/graph/view-style.ts";

const scaled = scaledServerAndBrowser(2);

const communityNodes = (page: Page) => page.evaluate(() => window.__atlas!.communityNodes());

/** Clicks a node where the renderer draws it, then moves the pointer off the graph (a hover fades the rest). */
async function clickNode(page: Page, node: string): Promise<void> {
  // Where the node rests: a click read from a frame of the camera's move lands beside the node.
  const at = await restingPosition(page, node);
  const box = (await page.locator("#graph").boundingBox())!;
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await page.mouse.move(box.x + 4, box.y + box.height - 4);
}

/** How many pixels differ between two 1440x900 screenshots of `page`. */
async function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a, b]) => {
      const [x, y] = await Promise.all([a, b].map(async (png) => (await window.__decodePng!(png)).getImageData(0, 0, 1440, 900).data));
      let differing = 0;
      for (let i = 0; i < x!.length; i += 4) if (x![i] !== y![i] || x![i + 1] !== y![i + 1] || x![i + 2] !== y![i + 2]) differing++;
      return differing;
    },
    [a.toString("base64"), b.toString("base64")] as const,
  );
}

/** The drawn labels, once two more frames have passed; none may overlap another. */
async function labels(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => window.__atlas!.labelBoxes());
}

/** The community nodes drawn on screen (not crowded out) of at least `min` patterns whose name is not drawn. */
async function unnamedOnScreen(page: Page, viewport: { width: number; height: number }, min: number): Promise<string[]> {
  const named = new Set((await labels(page)).map((b) => b.key));
  const out: string[] = [];
  for (const n of (await communityNodes(page)).filter((c) => !c.crowded)) {
    const at = await page.evaluate((key) => window.__atlas!.nodePosition(key), n.node);
    const shown = at && at.x >= 0 && at.y >= 0 && at.x <= viewport.width && at.y <= viewport.height;
    if (shown && n.members >= min && !named.has(n.node)) out.push(`${n.label} (${n.members})`);
  }
  return out;
}

describe("the overview of a library larger than its first part", () => {
  it("starts from its communities before the rest arrives, sized by their members", async () => {
    const first = (await (await fetch(`${scaled.server.url}/api/overview`)).json()) as OverviewWire;
    expect(first.nodes.slug.length).toBeLessThan(first.total.patterns);
    const page = await scaled.browser.newPage({ width: 1440, height: 900 });
    // Hold the rest back until the first frame has been checked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let restAsked = false;
    await page.route("**/api/overview?part=rest", async (route) => {
      restAsked = true;
      await held;
      await route.continue();
    });
    await page.goto(`${scaled.server.url}/`);
    await page.waitForFunction(() => window.__atlas?.status === "drawn" || window.__atlas?.status === "ready", undefined, { timeout: 60_000 });
    await expect.poll(() => restAsked, { timeout: 10_000 }).toBe(true);
    expect(await page.evaluate(() => window.__atlas!.status)).toBe("drawn");
    // Every community as one closed node, and no pattern yet.
    const nodes = await communityNodes(page);
    expect(nodes.map((n) => n.key).sort()).toEqual(first.communities.map((c) => c.key).sort());
    expect(nodes.every((n) => !n.open)).toBe(true);
    expect(await page.evaluate(() => window.__atlas!.graph().nodes.length)).toBe(0);
    // Sized by members: the community community's node is the community.
    const sizes = nodes.map((n) => n.size);
    const community = nodes.findIndex((n) => n.key === first.communities[0]!.key);
    expect(Math.max(...sizes)).toBe(sizes[community]);
    expect(sizes[community]!).toBeGreaterThan(sizes[nodes.findIndex((n) => n.key === first.communities.at(-1)!.key)]! * 3);
    release();
    await waitForView(page, { timeout: 120_000 });
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`opens a community into its patterns on a click, and closes it again, at ${viewport.width}x${viewport.height}`, async () => {
      const whole = await fetchWholeOverview(scaled.server.url);
      const page = await scaled.browser.newPage(viewport);
      await page.goto(`${scaled.server.url}/`);
      await waitForView(page, { timeout: 120_000 });
      expect(overlappingBoxes(await labels(page), (b) => b.label)).toEqual([]);
      // On a phone the small ones crowd each other out; the large ones are all named.
      const smallest = viewport.width > 800 ? 5 : 100;
      expect(await unnamedOnScreen(page, viewport, smallest)).toEqual([]);
      await saveScreenshot(page, `overview-levels-${viewport.width}x${viewport.height}`);

      // The fourth community: a community of about a hundred patterns.
      const community = whole.communities[3]!;
      const index = 3;
      const members = new Set([...whole.communityOf].filter(([, c]) => c === index).map(([slug]) => slug));
      expect(members.size).toBe(community.patterns);
      await clickNode(page, `community:${community.key}`);
      await expect.poll(async () => (await communityNodes(page)).find((n) => n.key === community.key)?.open, { timeout: 30_000 }).toBe(true);
      const drawn = await page.evaluate(() => window.__atlas!.graph());
      expect(new Set(drawn.nodes)).toEqual(members);
      const inside = whole.links.filter((l) => l.source !== l.target && members.has(l.source) && members.has(l.target));
      expect(new Set(drawn.edges.map((e) => e.id))).toEqual(new Set(inside.map(linkKey)));
      const boxes = await labels(page);
      expect(boxes.some((b) => members.has(b.key))).toBe(true);
      expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
      // Every community node on screen of five patterns or more (a hundred on a phone) keeps its name beside
      // the opened patterns' labels (theirs give way), the open one's marker included.
      expect(await unnamedOnScreen(page, viewport, smallest)).toEqual([]);
      await saveScreenshot(page, `overview-levels-open-${viewport.width}x${viewport.height}`);

      // Its marker closes it: the patterns go, the community's node is back.
      await clickNode(page, `community:${community.key}`);
      await expect.poll(async () => (await communityNodes(page)).find((n) => n.key === community.key)?.open, { timeout: 10_000 }).toBe(false);
      expect(await page.evaluate(() => window.__atlas!.graph().nodes.length)).toBe(0);
      expect((await communityNodes(page)).length).toBe(whole.communities.length);
      await page.close();
    });
  }

  for (const viewport of VIEWPORTS) {
    it(`draws only community nodes that can be named (label or hover), and counts the crowded-out ones in the legend, at ${viewport.width}x${viewport.height}`, async () => {
      const page = await scaled.browser.newPage(viewport);
      await page.goto(`${scaled.server.url}/`);
      await waitForView(page, { timeout: 120_000 });
      // The 2-4 pattern communities lie packed in one corner: most are left out at the whole picture's zoom.
      await expect.poll(async () => (await communityNodes(page)).filter((c) => c.crowded).length, { timeout: 10_000 }).toBeGreaterThan(10);
      const nodes = await communityNodes(page);
      const crowded = nodes.filter((c) => c.crowded);
      // None of the crowded-out is larger than every drawn one, and the legend says how many there are.
      expect(Math.min(...crowded.map((c) => c.members))).toBeLessThan(Math.max(...nodes.filter((c) => !c.crowded).map((c) => c.members)));
      await expect.poll(() => page.getByTestId("crowded-communities").textContent()).toContain(`${crowded.length} small communities are not drawn at this zoom`);
      // No drawn community node lies on another: each can be hovered.
      const keys = new Set(nodes.map((c) => c.node));
      const dots = (await page.evaluate(() => window.__atlas!.nodeDots())).filter((d) => keys.has(d.key));
      expect(dots.map((d) => d.key).sort()).toEqual(nodes.filter((c) => !c.crowded).map((c) => c.node).sort());
      const touching: string[] = [];
      for (let i = 0; i < dots.length; i++) for (let j = i + 1; j < dots.length; j++) if (Math.hypot(dots[i]!.x - dots[j]!.x, dots[i]!.y - dots[j]!.y) < dots[i]!.r + dots[j]!.r) touching.push(`${dots[i]!.key} ${dots[j]!.key}`);
      expect(touching).toEqual([]);
      // No label covers the middle half of a community's node but its own (measured from the drawn label boxes).
      const drawnLabels = await labels(page);
      const covering = drawnLabels.flatMap((b) =>
        dots
          .filter((d) => d.key !== b.key && Math.hypot(d.x - Math.max(b.x, Math.min(d.x, b.x + b.width)), d.y - Math.max(b.y, Math.min(d.y, b.y + b.height))) < d.r / 2 - 0.5)
          .map((d) => `${b.label} over ${d.key}`),
      );
      expect(covering).toEqual([]);
      // A drawn node whose name found no room says it when hovered.
      const named = new Set(drawnLabels.map((b) => b.key));
      const box = (await page.locator("#graph").boundingBox())!;
      const unnamed = dots.filter((d) => !named.has(d.key) && d.x > 0 && d.y > 0 && d.x < box.width && d.y < box.height);
      expect(unnamed.length).toBeGreaterThan(0);
      for (const dot of unnamed.slice(0, 4)) {
        await page.mouse.move(box.x + dot.x, box.y + dot.y);
        await expect.poll(async () => (await labels(page)).map((b) => b.key), { timeout: 5_000 }).toContain(dot.key);
      }
      await page.mouse.move(box.x + 4, box.y + box.height - 4);
      // Zooming in brings some of them back.
      const before = crowded.length;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -300);
      await expect.poll(async () => (await communityNodes(page)).filter((c) => c.crowded).length, { timeout: 10_000 }).not.toBe(before);
      await page.close();
    });
  }

  it("pans by moving the drawn picture, drawing the graph once where the drag lets go, and a drag is no click", async () => {
    const page = await scaled.browser.newPage({ width: 1440, height: 900 });
    // WebGL's draw calls, counted: SwiftShader runs an instanced draw one instance at a time (circle-program.ts).
    await page.addInitScript(`(() => {
      const calls = (window.__draws = { instanced: 0, plain: 0 });
      for (const gl of [WebGLRenderingContext, WebGL2RenderingContext]) {
        const plain = gl.prototype.drawArrays;
        gl.prototype.drawArrays = function (...args) { calls.plain++; return plain.apply(this, args); };
      }
      const instanced = WebGL2RenderingContext.prototype.drawArraysInstanced;
      WebGL2RenderingContext.prototype.drawArraysInstanced = function (...args) { calls.instanced++; return instanced.apply(this, args); };
    })()`);
    const draws = () => page.evaluate(() => (window as unknown as { __draws: { instanced: number; plain: number } }).__draws);
    await page.goto(`${scaled.server.url}/`);
    await waitForView(page, { timeout: 120_000 });
    const box = (await page.locator("#graph").boundingBox())!;
    // An opened community (links and patterns drawn), and a closed one to start the drag on.
    const whole = await fetchWholeOverview(scaled.server.url);
    await clickNode(page, `community:${whole.communities[3]!.key}`);
    await expect.poll(async () => (await communityNodes(page)).find((n) => n.key === whole.communities[3]!.key)?.open, { timeout: 30_000 }).toBe(true);
    await labels(page);
    const closed = `community:${whole.communities[1]!.key}`;
    const from = (await page.evaluate((key) => window.__atlas!.nodePosition(key), closed))!;
    const pattern = (await page.evaluate(() => window.__atlas!.graph().nodes))[0]!;
    const patternFrom = (await page.evaluate((key) => window.__atlas!.nodePosition(key), pattern))!;
    const steps = 20;
    const [dx, dy] = [-180, 70];
    // The pointer over the node lights it (frames of its own), before the drag starts.
    await page.mouse.move(box.x + from.x, box.y + from.y);
    await page.waitForTimeout(300);
    await labels(page);
    const framesBefore = await page.evaluate(() => window.__atlas!.frames);
    const drawsBefore = await draws();
    await page.mouse.down();
    await page.mouse.move(box.x + from.x + dx, box.y + from.y + dy, { steps });
    // While the pointer holds the stage the canvases move as one picture: the camera stays, and at most a
    // frame or two are drawn (a pause of the pointer draws one), not one per pointer move.
    expect(await page.evaluate(() => (document.querySelector("#graph canvas.sigma-nodes") as HTMLCanvasElement).style.transform)).toMatch(/translate3d\(-?\d/);
    expect((await page.evaluate(() => window.__atlas!.frames)) - framesBefore).toBeLessThanOrEqual(2);
    // (The node lit before the drag is left at its start, which works out every node's look once.)
    const reducedBefore = await page.evaluate(() => window.__atlas!.reducedNodes());
    await page.mouse.up();
    await labels(page);
    // Let go: the graph is drawn where the picture was dragged (what sigma's own panning would show).
    const after = (await page.evaluate((key) => window.__atlas!.nodePosition(key), closed))!;
    const patternAfter = (await page.evaluate((key) => window.__atlas!.nodePosition(key), pattern))!;
    expect(Math.abs(after.x - from.x - dx)).toBeLessThan(1.5);
    expect(Math.abs(after.y - from.y - dy)).toBeLessThan(1.5);
    expect(Math.abs(patternAfter.x - patternFrom.x - dx)).toBeLessThan(1.5);
    expect(await page.evaluate(() => (document.querySelector("#graph canvas.sigma-nodes") as HTMLCanvasElement).style.transform)).toBe("");
    // The camera moved and nothing else: the frame drawn there worked out no node's look again (no refresh
    // of the graph), and drew the nodes and links as plain lists, none as instances.
    expect(await page.evaluate(() => window.__atlas!.reducedNodes())).toBe(reducedBefore);
    const drawsAfter = await draws();
    expect(drawsAfter.plain).toBeGreaterThan(drawsBefore.plain);
    expect(drawsAfter.instanced).toBe(0);
    // The release over the community's node (it moved with the pointer) did not open it.
    await page.waitForTimeout(400);
    expect((await communityNodes(page)).find((n) => n.node === closed)?.open).toBe(false);
    // sigma was told of the release (its own handling of it skipped, see drag-pan.ts): a pattern under the pointer is hovered again.
    const named = new Set((await labels(page)).map((b) => b.key));
    const unlabelled = (await page.evaluate(() => window.__atlas!.graph().nodes)).find((n) => !named.has(n))!;
    const hoverAt = (await page.evaluate((key) => window.__atlas!.nodePosition(key), unlabelled))!;
    await page.mouse.move(box.x + hoverAt.x, box.y + hoverAt.y);
    await expect.poll(async () => (await labels(page)).map((b) => b.key), { timeout: 5_000 }).toContain(unlabelled);
    await page.mouse.move(box.x + 4, box.y + box.height - 4);
    // Frame times while panning over the opened community, for the record (a shared machine's load decides them).
    const frames = await measurePanning(page);
    console.log(`panning at 2x, one community open: ${JSON.stringify(frames)}`);
    expect(frames.frames).toBeGreaterThan(10);
    await page.close();
  });

  it("keeps thousands of drawn links as a picture that later pans move, with the pixels of the links drawn anew", async () => {
    const page = await scaled.browser.newPage({ width: 1440, height: 900 });
    // WebGL's draws of lines (the overview's links), counted.
    await page.addInitScript(`(() => {
      const calls = (window.__lines = { count: 0 });
      for (const gl of [WebGLRenderingContext, WebGL2RenderingContext]) {
        const plain = gl.prototype.drawArrays;
        gl.prototype.drawArrays = function (mode, ...rest) { if (mode === this.LINES) calls.count++; return plain.call(this, mode, ...rest); };
      }
    })()`);
    const lineDraws = () => page.evaluate(() => (window as unknown as { __lines: { count: number } }).__lines.count);
    await page.goto(`${scaled.server.url}/`);
    await waitForView(page, { timeout: 120_000 });
    const box = (await page.locator("#graph").boundingBox())!;
    // Communities opened, community first, until the links drawn are enough to be kept as a picture.
    const whole = await fetchWholeOverview(scaled.server.url);
    for (const community of whole.communities.slice(0, 4)) {
      if ((await page.evaluate(() => window.__atlas!.graph().edges.length)) >= LINE_CACHE_MIN_LINES) break;
      await clickNode(page, `community:${community.key}`);
      await expect.poll(async () => (await communityNodes(page)).find((n) => n.key === community.key)?.open, { timeout: 30_000 }).toBe(true);
    }
    expect(await page.evaluate(() => window.__atlas!.graph().edges.length)).toBeGreaterThanOrEqual(LINE_CACHE_MIN_LINES);
    await page.waitForTimeout(500);
    await labels(page);
    const drag = async (dx: number, dy: number) => {
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + dx, y + dy, { steps: 10 });
      await page.mouse.up();
      await page.mouse.move(box.x + 4, box.y + box.height - 4);
      await page.waitForTimeout(400);
      await labels(page);
    };
    // The first pan draws the links once more, into the picture; the next ones draw no line.
    await drag(-120, 40);
    const kept = await lineDraws();
    await drag(90, -30);
    await drag(-45, 25);
    expect(await lineDraws()).toBe(kept);
    const moved = await page.screenshot();
    // Hovering a pattern and leaving it changes every link's look and back: they are drawn anew, as
    // lines, and show exactly what the moved picture showed.
    const pattern = (await page.evaluate(() => window.__atlas!.graph().nodes)).find((n) => !n.startsWith("community:"))!;
    const at = (await page.evaluate((key) => window.__atlas!.nodePosition(key), pattern))!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.waitForTimeout(300);
    await page.mouse.move(box.x + 4, box.y + box.height - 4);
    await page.waitForTimeout(400);
    await labels(page);
    expect(await lineDraws()).toBeGreaterThan(kept);
    const drawn = await page.screenshot();
    await saveScreenshot(page, "overview-2x-links-kept-across-pans");
    // A hairline drawn anew after a pan may round a pixel or two of its course differently from the same
    // line drawn before it and moved (3 pixels here when measured); the picture a pixel off would differ
    // in tens of thousands.
    const differing = await differingPixels(page, moved, drawn);
    console.log(`links kept across pans: ${differing} pixels differ from the links drawn anew`);
    expect(differing).toBeLessThan(100);
    await page.close();
  });

  it("fills a phone's height, names its communities or counts them inside their discs, and lists those left unnamed", async () => {
    const viewport = { width: 390, height: 844 };
    const page = await scaled.browser.newPage(viewport);
    await page.goto(`${scaled.server.url}/`);
    await waitForView(page, { timeout: 120_000 });
    const stage = (await page.locator("#graph").boundingBox())!;
    const drawn = async () => {
      const out: { node: string; members: number; x: number; y: number }[] = [];
      for (const n of (await communityNodes(page)).filter((c) => !c.crowded && !c.open)) {
        const at = (await page.evaluate((key) => window.__atlas!.nodePosition(key), n.node))!;
        if (at.x >= 0 && at.y >= 0 && at.x <= stage.width && at.y <= stage.height) out.push({ node: n.node, members: n.members, ...at });
      }
      return out;
    };
    const nodes = await drawn();
    // The picture is shaped to the stage: its communities spread over most of its height, not a band.
    const ys = nodes.map((n) => n.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(stage.height * 0.6);
    // Each drawn community is named, or counted inside its disc, or counted in the marker, whose list names it.
    const boxes = await labels(page);
    const byName = new Set(boxes.filter((b) => !b.badge).map((b) => b.key));
    const unnamed = nodes.filter((n) => !byName.has(n.node));
    expect(nodes.length - unnamed.length).toBeGreaterThan(8);
    for (const badge of boxes.filter((b) => b.badge && nodes.some((n) => n.node === b.key))) expect(badge.label).toMatch(/ · [\d,]+$/);
    const marker = page.getByTestId("unnamed");
    await expect.poll(() => marker.textContent()).toBe(`+${unnamed.length} not named`);
    // Below the strip, not over it.
    const [strip, markerBox] = [(await page.getByTestId("overview-strip").boundingBox())!, (await marker.boundingBox())!];
    expect(markerBox.y).toBeGreaterThanOrEqual(strip.y + strip.height);
    await saveScreenshot(page, "overview-levels-phone-390x844");
    await marker.click();
    const rows = page.getByTestId("unnamed-list").locator("button");
    expect(await rows.count()).toBe(unnamed.length);
    // Choosing one opens its community, as a tap on its node does.
    const chosen = (await rows.first().getAttribute("data-node"))!;
    expect(await rows.first().textContent()).toMatch(/ · [\d,]+ patterns$/);
    await rows.first().click();
    await expect.poll(async () => (await communityNodes(page)).find((c) => c.node === chosen)?.open, { timeout: 30_000 }).toBe(true);
    await page.close();
  });

  // Issue 12: at ten times the library, a phone's drag let go after opening the community community closed
  // it (its region left the screen), and closing dropped its patterns and links one by one, each of which
  // had sigma work out every node's look again: ~37 million looks, the page held for a minute or more.
  for (const viewport of VIEWPORTS) {
    it(`opens and closes a community working out each node's look a few times, not once per dropped link, at ${viewport.width}x${viewport.height}`, async () => {
      const page = await scaled.browser.newPage(viewport);
      await page.goto(`${scaled.server.url}/`);
      await waitForView(page, { timeout: 120_000 });
      // The fourth largest, about a hundred patterns (the largest's marker lies under its own patterns).
      const fourth = (await fetchWholeOverview(scaled.server.url)).communities[3]!;
      const community = { key: fourth.key, node: `community:${fourth.key}`, members: fourth.patterns };
      const isOpen = async () => (await communityNodes(page)).find((n) => n.key === community.key)?.open;
      const looks = () => page.evaluate(() => window.__atlas!.reducedNodes());
      const settle = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const closedOrder = (await communityNodes(page)).length;
      const before = await looks();
      await clickNode(page, community.node);
      await expect.poll(isOpen, { timeout: 30_000 }).toBe(true);
      await settle();
      const opened = await page.evaluate(() => window.__atlas!.graph());
      expect(opened.nodes.length).toBe(community.members);
      expect(opened.edges.length).toBeGreaterThan(community.members);
      // The whole graph drawn once is its communities and the opened patterns: a handful of refreshes
      // (the opening, the hover the click leaves, frames at rest) each work that out once.
      const order = closedOrder + community.members;
      const opening = (await looks()) - before;
      expect(opening).toBeGreaterThan(0);
      expect(opening, `${opening} looks opening, ${order} nodes`).toBeLessThan(12 * order);
      // Its marker closes it: its patterns and links are dropped. (Not at once: two clicks on one spot are a double click.)
      await page.waitForTimeout(600);
      const closing = await looks();
      await clickNode(page, `community:${community.key}`);
      await expect.poll(isOpen, { timeout: 30_000 }).toBe(false);
      await settle();
      expect(await page.evaluate(() => window.__atlas!.graph().nodes.length)).toBe(0);
      // The closing and the hovers of the click: a handful of whole refreshes. Before: one per dropped
      // pattern and link, ~(patterns + links) x order / 2 looks.
      const closed = (await looks()) - closing;
      expect(closed, `${closed} looks closing, ${order} nodes, ${opened.edges.length} links`).toBeLessThan(12 * order);
      await page.close();
    });
  }

  it("opens the community the camera zooms in on, and closes it when the camera zooms back out", async () => {
    const page = await scaled.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${scaled.server.url}/`);
    await waitForView(page, { timeout: 120_000 });
    const community = (await fetchWholeOverview(scaled.server.url)).communities[3]!;
    const node = `community:${community.key}`;
    const isOpen = async () => (await communityNodes(page)).find((n) => n.key === community.key)?.open;
    const box = (await page.locator("#graph").boundingBox())!;
    // A wheel turn at a time over the community's node, as a reader zooms in on it.
    for (let turn = 0; turn < 10 && !(await isOpen()); turn++) {
      const at = (await page.evaluate((key) => window.__atlas!.nodePosition(key), node))!;
      await page.mouse.move(box.x + at.x, box.y + at.y);
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(600);
    }
    await expect.poll(isOpen, { timeout: 30_000 }).toBe(true);
    // Not at the first turn: the whole picture's camera opens nothing.
    expect(await page.evaluate(() => window.__atlas!.camera().ratio)).toBeLessThanOrEqual(0.5);
    expect(await page.evaluate((key) => window.__atlas!.graph().nodes.includes(key), community.key)).toBe(true);
    await page.mouse.move(box.x + 4, box.y + box.height - 4);
    await saveScreenshot(page, "overview-levels-zoomed-1440x900");
    for (let turn = 0; turn < 10 && (await isOpen()); turn++) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(600);
    }
    await expect.poll(isOpen, { timeout: 30_000 }).toBe(false);
    expect(await page.evaluate(() => window.__atlas!.graph().nodes.length)).toBe(0);
    await page.close();
  });

  it("counts every linked pattern in the legend's domains, and the unlinked ones in the strip", async () => {
    const whole = await fetchWholeOverview(scaled.server.url);
    const linked = new Set(whole.communityOf.keys());
    const page = await scaled.browser.newPage({ width: 1440, height: 900 });
    await page.goto(`${scaled.server.url}/`);
    await waitForView(page, { timeout: 120_000 });
    await expect.poll(() => page.getByTestId("unlinked-toggle").textContent()).toContain(`${(whole.total.patterns - linked.size).toLocaleString("en")} unlinked`);
    const [domain, count] = [...whole.nodes.filter((n) => linked.has(n.slug) && n.domain).reduce((m, n) => m.set(n.domain!, (m.get(n.domain!) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]!;
    const row = page.locator(".legend-row").filter({ has: page.locator(".legend-row__label", { hasText: new RegExp(`^${domain.replace(/[^a-z0-9]/gi, "\\$&")}$`) }) });
    await expect.poll(() => row.locator(".legend-row__count").textContent()).toBe(count.toLocaleString("en"));
    // A search opens the community of the pattern it finds.
    const closedMember = whole.nodes.find((n) => whole.communityOf.get(n.slug) === 1)!;
    await page.locator("#search").fill(closedMember.title);
    await page.locator(`#search-listbox [data-slug="${closedMember.slug}"]`).click();
    await expect.poll(() => page.evaluate((slug) => window.__atlas!.graph().nodes.includes(slug), closedMember.slug), { timeout: 30_000 }).toBe(true);
    await page.close();
  });
});
