// Regression tests for what a QA pass found broken or confusing in the explorer: a stage message
// that stayed over every later view, a blank stage when no path exists, same-titled patterns that
// search could not tell apart, a graph fitted under the side panel or bottom sheet, an embed legend
// over the graph, labels of long paths and lineage rows written over each other, and repeated steps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { PathView } from "../../core/model.ts";
import { layoutPaths } from "../../web/src/layout/path-layout.ts";
import { hopVerb } from "../../web/src/views/path-steps.ts";
import { DEFAULT_STATE, graphKey } from "../../web/src/state/app-state.ts";
import { parseState, serializeState } from "../../web/src/state/url-state.ts";
import {
  ensureWebBuild,
  EXAMPLE_LIBRARY,
  launchBrowser,
  makeTempLibrary,
  saveScreenshot,
  startAtlasServer,
  waitForView,
  type AtlasBrowser,
  type AtlasServer,
} from "./harness.ts";
import { fetchWholeOverview } from "../server/overview-fetch.ts";

const pattern = (slug: string, title: string, related: string[] = []) =>
  ["---", `slug: ${slug}`, `title: ${title}`, "relationships:", `  related: [${related.join(", ")}]`, "---", `# ${title}`, ""].join("\n");

// Two patterns with one title (real libraries have them: "Microservices Architecture" twice).
const twins = makeTempLibrary({
  "twin-a.md": pattern("twin-pattern-a", "Twin Pattern", ["anchor"]),
  "twin-b.md": pattern("twin-pattern-b", "Twin Pattern"),
  "anchor.md": pattern("anchor", "Anchor"),
});

let browser: AtlasBrowser;
let example: AtlasServer;
let twinServer: AtlasServer;

beforeAll(async () => {
  await ensureWebBuild();
  [example, twinServer] = await Promise.all([startAtlasServer({ library: EXAMPLE_LIBRARY }), startAtlasServer({ library: twins.dir })]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await example?.close();
  await twinServer?.close();
  twins.cleanup();
});

async function open(server: AtlasServer, query: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage(viewport);
  await page.goto(`${server.url}${query}`);
  await waitForView(page);
  return page;
}

/** Viewport positions (in the graph container) of every node on screen, once the camera has settled. */
async function nodePositions(page: Page): Promise<{ x: number; y: number }[]> {
  await page.waitForTimeout(700);
  return page.evaluate(() => window.__atlas!.graph().nodes.map((n) => window.__atlas!.nodePosition(n)!));
}

describe("the explorer after its QA pass", () => {
  it("hides the stage message once the next view has something to show", async () => {
    const page = await open(example, "/?view=neighborhood");
    await expect.poll(() => page.locator("#view-message").isVisible()).toBe(true);
    await page.keyboard.press("/");
    await page.keyboard.type("Microservices");
    await page.locator("#search-listbox [role=option][data-slug]").first().waitFor();
    await page.keyboard.press("Enter");
    await waitForView(page, { keyIncludes: "n|microservices" });
    expect(await page.locator("#view-message").isVisible()).toBe(false);
    await page.close();
  });

  it("says on the stage, not only in the drawer, that no path exists, and names both ends", async () => {
    const overview = await fetchWholeOverview(example.url);
    const orphan = overview.nodes.find((n) => n.degree === 0)!;
    const page = await open(example, `/?view=path&from=microservices&to=${orphan.slug}`);
    const message = page.locator("#view-message");
    expect(await message.isVisible()).toBe(true);
    expect(await message.textContent()).toContain("No path found");
    // Loaded from a URL, with no path to take titles from: the fields still show titles, not slugs.
    expect(await page.locator("#path-to").inputValue()).toBe(orphan.title);
    expect(await page.locator("#path-from").inputValue()).toBe("Microservices");
    await saveScreenshot(page, "qa-no-path-stage");
    await page.close();
  });

  it("tells same-titled patterns apart in the search list by their slugs", async () => {
    const page = await open(twinServer, "/");
    await page.keyboard.press("/");
    await page.keyboard.type("Twin Pattern");
    const options = page.locator("#search-listbox [role=option][data-slug]");
    await expect.poll(() => options.count()).toBe(2);
    const metas = await page.locator("#search-listbox .search__meta").allTextContents();
    expect(metas.some((m) => m.includes("twin-pattern-a"))).toBe(true);
    expect(metas.some((m) => m.includes("twin-pattern-b"))).toBe(true);
    await page.close();
  });

  it("fits the graph into the part of the stage the details panel leaves uncovered", async () => {
    const page = await open(example, "/?view=neighborhood&focus=microservices&sel=microservices");
    await page.evaluate(() => window.__atlas!.panelLoaded());
    const panel = (await page.locator("#panel").boundingBox())!;
    const graph = (await page.locator("#graph").boundingBox())!;
    const positions = await nodePositions(page);
    for (const p of positions) expect(graph.x + p.x).toBeLessThan(panel.x);
    // ...and uses that room: the graph spans most of the uncovered height.
    const ys = positions.map((p) => p.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(graph.height * 0.5);
    await saveScreenshot(page, "qa-fit-beside-panel");
    await page.close();
  });

  it("keeps the graph above the bottom sheet on a narrow screen", async () => {
    const page = await open(example, "/?view=lineage&focus=micro-frontends&sel=micro-frontends", { width: 390, height: 844 });
    await page.evaluate(() => window.__atlas!.panelLoaded());
    const sheet = (await page.locator("#panel").boundingBox())!;
    const graph = (await page.locator("#graph").boundingBox())!;
    for (const p of await nodePositions(page)) expect(graph.y + p.y).toBeLessThan(sheet.y);
    await saveScreenshot(page, "qa-fit-above-sheet");
    await page.close();
  });

  it("keeps an embed's floating legend off the graph", async () => {
    const page = await open(example, "/embed?view=lineage&focus=micro-frontends");
    const legend = (await page.locator("#sidebar").boundingBox())!;
    const graph = (await page.locator("#graph").boundingBox())!;
    for (const p of await nodePositions(page)) expect(graph.x + p.x).toBeGreaterThan(legend.x + legend.width);
    await saveScreenshot(page, "qa-embed-legend");
    await page.close();
  });
});

describe("label placement and path steps", () => {
  const link = (source: string, target: string, type = "related") => ({ id: `${source}|${type}|${target}`, source, target, type, directed: false, dangling: false });

  it("alternates the labels of a long path above and below, keeping the two ends' labels below", () => {
    const nodes = ["a", "b", "c", "d", "e", "f"];
    const path = { nodes, links: nodes.slice(1).map((n, i) => link(nodes[i]!, n)), length: 5 } as unknown as PathView;
    const positions = layoutPaths([path]);
    expect(nodes.map((n) => positions.get(n)!.labelAbove)).toEqual([false, true, false, true, false, false]);
  });

  it("words a symmetric link declared in both files once per step", () => {
    const path = { nodes: ["a", "b"], links: [link("a", "b"), link("b", "a")], length: 1 } as unknown as PathView;
    expect(hopVerb(path, 0)).toBe("is related to");
  });
});

describe("the Gaps view's URL", () => {
  it("round-trips kind, domain, pattern, page (1-based) and a finding id holding | , and :", () => {
    const state = {
      ...DEFAULT_STATE,
      mode: "gaps" as const,
      gapKind: "island",
      gapDomain: "decision making",
      gapPattern: "advice-process",
      gapPage: 2,
      finding: "island:advice-process,architecture-decision-records|x:y",
    };
    const query = serializeState(state);
    expect(new URLSearchParams(query).get("page")).toBe("3");
    expect(parseState(query)).toEqual(state);
    expect(graphKey(state)).toBe(`g|${state.finding}`);
    expect(graphKey({ ...state, finding: null })).toBe("g|overview");
  });

  it("ignores what it cannot use and writes nothing for the defaults", () => {
    const parsed = parseState("?view=gaps&kind=<script>&page=0&finding=&groupBy=colour&decided=maybe");
    expect(parsed).toMatchObject({ mode: "gaps", gapKind: null, gapPage: 0, finding: null, gapGroupBy: null, gapDecided: "hide" });
    expect(serializeState(parsed)).toBe("?view=gaps");
  });

  it("round-trips the work queue's grouping and decided filter", () => {
    const state = { ...DEFAULT_STATE, mode: "gaps" as const, gapGroupBy: "target" as const, gapDecided: "only" as const };
    const query = serializeState(state);
    expect(query).toBe("?view=gaps&groupBy=target&decided=only");
    expect(parseState(query)).toEqual(state);
  });
});

