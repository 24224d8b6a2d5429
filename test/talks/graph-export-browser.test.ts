// The share dialog's "Graph data" section in Debian's chromium against the real server on the example
// library: "This view" downloads the graph on screen written in the browser by graph/export (read
// back here with graphology-gexf and an RFC 4180 reader), "Whole library" links to GET /api/export.
// Screenshots of the dialog at 1440x900 and 390x844 go to test-results/screenshots/export-*.png.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { EXAMPLE_LIBRARY, launchBrowser, saveScreenshot, startAtlasServer, waitForView, type AtlasBrowser, type AtlasServer } from "../web/harness.ts";
import { readCsv, readGexf, xmllint } from "../graph/export-helpers.ts";
import { ensureTalksBuild } from "./talks-harness.ts";

const GRAMMAR = fileURLToPath(new URL("../fixtures/gexf-1.3/gexf.rng", import.meta.url));
const VIEW = "?view=neighborhood&focus=microservices&depth=1";

let server: AtlasServer;
let browser: AtlasBrowser;

beforeAll(async () => {
  await ensureTalksBuild();
  server = await startAtlasServer({ library: EXAMPLE_LIBRARY });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDialog(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage(viewport);
  await page.goto(`${server.url}/${VIEW}`);
  await waitForView(page);
  await page.click("#share-button");
  await page.locator("#share-graph-format").scrollIntoViewIfNeeded();
  return page;
}

async function downloadView(page: Page, format: string): Promise<{ name: string; text: string }> {
  await page.selectOption("#share-graph-format", format);
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.click("#share-graph-view")]);
  const file = await download.path();
  if (!file) throw new Error(`The ${format} download has no file.`);
  return { name: download.suggestedFilename(), text: readFileSync(file, "utf8") };
}

describe("the share dialog's graph data", () => {
  it("downloads the view on screen as valid GEXF with positions, and as CSV tables, named after the view", async () => {
    const page = await openDialog({ width: 1440, height: 900 });
    const onScreen = await page.evaluate(() => window.__atlas!.graph());
    expect(onScreen.nodes.length).toBeGreaterThan(3);

    const gexf = await downloadView(page, "gexf");
    expect(gexf.name).toBe("pattern-atlas-neighborhood-microservices.gexf");
    const read = readGexf(gexf.text);
    expect([...read.nodes.keys()].sort()).toEqual([...onScreen.nodes].sort());
    expect([...read.edges.keys()].sort()).toEqual(onScreen.edges.map((e) => e.id).sort());
    const center = read.nodes.get("microservices")!.attributes;
    expect(center).toMatchObject({ label: "Microservices", slug: "microservices", dangling: false });
    // Every node carries the view's layout: numbers, and not all the same place.
    const positions = [...read.nodes.values()].map((n) => `${String(n.attributes.x)},${String(n.attributes.y)}`);
    for (const p of positions) expect(p).toMatch(/^-?[\d.]+(e-?\d+)?,-?[\d.]+(e-?\d+)?$/);
    expect(new Set(positions).size).toBe(positions.length);
    for (const edge of onScreen.edges) expect(read.kinds.get(edge.id), edge.id).toBe(edge.linkType);
    const valid = xmllint(gexf.text.replace(/ xmlns:xsi="[^"]*" xsi:schemaLocation="[^"]*"/, ""), ["--relaxng", GRAMMAR]);
    expect(valid).toMatchObject({ ok: true });

    const nodes = await downloadView(page, "csv-nodes");
    const links = await downloadView(page, "csv-links");
    expect([nodes.name, links.name]).toEqual(["pattern-atlas-neighborhood-microservices-nodes.csv", "pattern-atlas-neighborhood-microservices-links.csv"]);
    const tables = readCsv(nodes.text, links.text);
    expect(tables.nodes.size).toBe(onScreen.nodes.length);
    expect(tables.edges.size).toBe(onScreen.edges.length);
    expect(tables.nodeColumns).toEqual(expect.arrayContaining(["key", "label", "degree", "x", "y", "size", "color"]));
    expect(await page.textContent("#share-dialog .talks-status")).toBe("Saved pattern-atlas-neighborhood-microservices-links.csv.");
    await saveScreenshot(page, "export-share-dialog-1440");
    await page.close();
  });

  it("links the whole library to GET /api/export in the chosen format", async () => {
    const page = await openDialog({ width: 390, height: 844 });
    await page.selectOption("#share-graph-format", "graphml");
    const href = await page.getAttribute("#share-graph-library", "href");
    expect(href).toBe("/api/export?format=graphml");
    const response = await fetch(`${server.url}${href}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="pattern-atlas-library.graphml"');
    expect(await response.text()).toContain('<key id="n.patternId" for="node" attr.name="patternId" attr.type="string"/>');
    await saveScreenshot(page, "export-share-dialog-390");
    await page.close();
  });
});
