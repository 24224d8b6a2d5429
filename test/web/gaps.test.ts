// Browser tests of the explorer's Gaps view against the real server: the counts per kind
// are the ones GET /api/gaps answers, filters and pages live in the URL, a finding opens the graph
// on its patterns with the offending links lit, and the export links download the same findings. On
// the example library, then paging and the biggest finding (a 28-pattern lineage loop) on the snapshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { GapFinding, GapKind } from "../../graph/gaps/index.ts";
import {
  countGraphPixels,
  ensureWebBuild,
  EXAMPLE_LIBRARY,
  launchBrowser,
  saveScreenshot,
  startAtlasServer,
  waitForView,
  type AtlasBrowser,
  type AtlasServer,
} from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";

interface GapsJson {
  counts: Record<GapKind, number>;
  filteredCounts: Record<GapKind, number>;
  total: number;
  offset: number;
  findings: GapFinding[];
  kinds: { kind: GapKind; label: string }[];
  domains: string[];
}

const PAGE_SIZE = 25;

let browser: AtlasBrowser;

beforeAll(async () => {
  await ensureWebBuild();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function helpers(server: () => AtlasServer) {
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${server().url}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  /** Opens a URL of the explorer and waits for its view and, in the Gaps view, its list. */
  const open = async (query: string, viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await browser.newPage(viewport);
    await page.goto(`${server().url}/${query}`);
    await waitForView(page, { timeout: 60_000 });
    await listLoaded(page);
    return page;
  };
  return { getJson, open };
}

/** Waits until the Gaps list (or its empty notice) is on screen. */
async function listLoaded(page: Page): Promise<void> {
  // Attached, not visible: on a narrow screen the list sits in the closed drawer.
  await page.locator("[data-testid=gaps-range], .gaps .notice").first().waitFor({ state: "attached", timeout: 60_000 });
}

const listedIds = (page: Page) => page.locator(".gap__head").evaluateAll((els) => els.map((e) => e.getAttribute("data-finding")));
const kindCount = (page: Page, kind: string) => page.locator(`.gaps-kind[data-kind="${kind}"] .gaps-kind__count`).textContent();
const linkId = (l: GapFinding["links"][number]) => `${l.source}|${l.type}|${l.dangling ? `dangling:${l.target}` : l.target}`;

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) into records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

describe("the Gaps view on the example library", () => {
  let server: AtlasServer;
  const { getJson, open } = helpers(() => server);

  beforeAll(async () => {
    server = await startAtlasServer({ library: EXAMPLE_LIBRARY });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("shows the count of every kind as GET /api/gaps answers it, and lists the findings in its order", async () => {
    const page = await open("?view=gaps");
    const api = await getJson<GapsJson>(`/api/gaps?limit=${PAGE_SIZE}`);
    const total = Object.values(api.counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=gaps-total]").textContent()).toBe(`${total} finding${total === 1 ? "" : "s"} in the library`);
    expect(await kindCount(page, "all")).toBe(String(total));
    for (const { kind, label } of api.kinds) {
      expect(await kindCount(page, kind), kind).toBe(api.filteredCounts[kind].toLocaleString("en"));
      expect(await page.locator(`.gaps-kind[data-kind="${kind}"] .gaps-kind__label`).textContent()).toBe(label);
    }
    // The planted gaps of the example library are there.
    for (const kind of ["dangling", "one-sided-lineage", "one-sided-enables", "orphan"] as const) expect(api.counts[kind]).toBeGreaterThan(0);
    expect(await listedIds(page)).toEqual(api.findings.map((f) => f.id));
    // Without a chosen finding the stage shows the library, the page's patterns lit and the rest faded.
    const lit = await page.evaluate(() => window.__atlas!.emphasis());
    expect(lit?.nodes).toEqual([...new Set(api.findings.flatMap((f) => f.patterns as string[]))].sort());
    await saveScreenshot(page, "gaps-overview");
    await page.close();
  });

  it("filters by kind and domain, keeps both in the URL, and a reload lists the same findings", async () => {
    const page = await open("?view=gaps");
    await page.locator('.gaps-kind[data-kind="suggested-link"]').click();
    await expect.poll(() => page.url()).toContain("kind=suggested-link");
    await listLoaded(page);
    const byKind = await getJson<GapsJson>(`/api/gaps?kind=suggested-link&limit=${PAGE_SIZE}`);
    await expect.poll(() => listedIds(page)).toEqual(byKind.findings.map((f) => f.id));
    expect(await page.locator('.gaps-kind[data-kind="suggested-link"]').getAttribute("aria-pressed")).toBe("true");

    const domain = byKind.findings[0]!.domains[0]!;
    await page.locator("#gaps-domain").selectOption(domain);
    await expect.poll(() => decodeURIComponent(page.url())).toContain(`domain=${domain}`);
    const filtered = await getJson<GapsJson>(`/api/gaps?kind=suggested-link&domain=${encodeURIComponent(domain)}&limit=${PAGE_SIZE}`);
    await expect.poll(() => listedIds(page)).toEqual(filtered.findings.map((f) => f.id));
    // The tab counts follow the domain filter (filteredCounts), not the whole library.
    for (const { kind } of filtered.kinds) expect(await kindCount(page, kind)).toBe(String(filtered.filteredCounts[kind]));

    await page.reload();
    await waitForView(page);
    await listLoaded(page);
    expect(await listedIds(page)).toEqual(filtered.findings.map((f) => f.id));
    expect(await page.locator("#gaps-domain").inputValue()).toBe(domain);
    await page.close();
  });

  it("opens each kind of finding on the graph, focused on its patterns with the offending links lit", async () => {
    const all = await getJson<GapsJson>("/api/gaps?limit=500");
    const kinds = ["dangling", "one-sided-lineage", "one-sided-enables", "island", "suggested-link"] as const;
    for (const kind of kinds) {
      const finding = all.findings.find((f) => f.kind === kind)!;
      const page = await open(`?view=gaps&kind=${kind}`);
      await page.locator(`.gap__head[data-finding="${finding.id}"]`).click();
      const view = await waitForView(page, { keyIncludes: `g|${finding.id}` });
      expect(view.status, kind).toBe("ready");
      expect(new URL(page.url()).searchParams.get("finding")).toBe(finding.id);
      const graph = await page.evaluate(() => window.__atlas!.graph());
      const lit = (await page.evaluate(() => window.__atlas!.emphasis()))!;
      // Every pattern of the finding is drawn and lit, as is every link it is about.
      for (const slug of finding.patterns) {
        expect(graph.nodes, `${kind}: ${slug}`).toContain(slug);
        expect(lit.nodes).toContain(slug);
      }
      for (const link of finding.links) {
        const id = linkId(link);
        expect(graph.edges.map((e) => e.id), `${kind}: ${id}`).toContain(id);
        expect(lit.edges).toContain(id);
      }
      // The links a fix would add are drawn too, as proposed links, and lit.
      for (const edit of finding.fix.edits ?? []) {
        if (edit.op !== "add-link") continue;
        expect(lit.edges).toContain(`proposed:${edit.source}|${edit.type}|${edit.target}`);
      }
      // Something else is on screen for context, and it is faded (not lit).
      expect(graph.nodes.length).toBeGreaterThan(lit.nodes.length - 1);
      const card = page.locator(".gap--on");
      expect(await card.locator(".gap__head").getAttribute("aria-pressed")).toBe("true");
      expect(await card.locator(".gap__fix").textContent()).toContain(finding.fix.description);
      const pixels = await countGraphPixels(page);
      expect(pixels.drawn / pixels.total).toBeGreaterThan(0.002);
      await saveScreenshot(page, `gaps-finding-${kind}`);

      // Back (and Escape) return to the whole library with the list where it was.
      await page.goBack();
      await waitForView(page, { keyIncludes: "g|overview" });
      expect(page.url()).not.toContain("finding=");
      await page.close();
    }
  });

  it("keeps a shared finding URL working: a reload draws the same finding and Escape returns to the list", async () => {
    const [finding] = (await getJson<GapsJson>("/api/gaps?kind=one-sided-lineage")).findings;
    // No kind filter in the URL: the finding is looked up wherever it is listed.
    const page = await open(`?view=gaps&finding=${encodeURIComponent(finding!.id)}&theme=dark`);
    expect(await page.evaluate(() => window.__atlas!.viewKey)).toBe(`g|${finding!.id}`);
    expect((await page.evaluate(() => window.__atlas!.emphasis()))!.edges).toContain(linkId(finding!.links[0]!));
    await saveScreenshot(page, "gaps-finding-dark");
    await page.locator("#graph").focus();
    await page.keyboard.press("Escape");
    await waitForView(page, { keyIncludes: "g|overview" });
    expect(page.url()).not.toContain("finding=");
    await page.close();
  });

  it("offers the same findings as JSON, CSV and a Markdown report through its export links", async () => {
    const page = await open("?view=gaps&kind=dangling");
    const api = await getJson<GapsJson>("/api/gaps?kind=dangling&limit=500");
    const hrefs = Object.fromEntries(
      await page.locator("a[data-export]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-export"), (e as HTMLAnchorElement).href])),
    ) as Record<"json" | "csv" | "md", string>;
    for (const href of Object.values(hrefs)) expect(href).toContain("kind=dangling");

    const json = await fetch(hrefs.json);
    expect(json.status).toBe(200);
    const body = (await json.json()) as GapsJson;
    expect(body.findings.map((f) => f.id)).toEqual(api.findings.map((f) => f.id));

    const csv = await fetch(hrefs.csv);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const records = parseCsv(await csv.text()).filter((r) => r.some((f) => f !== ""));
    expect(records.length - 1).toBe(api.total);

    const md = await fetch(hrefs.md);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    const report = await md.text();
    for (const f of api.findings) expect(report).toContain(f.patterns[0]!);

    // In the page itself, the links download (the server names the file).
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('a[data-export="csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/gaps.*\.csv$/);
    await page.close();
  });

  it("lists the gaps of one pattern from its details panel, and is reachable with the keyboard", async () => {
    const all = await getJson<GapsJson>("/api/gaps?kind=one-sided-enables");
    const slug = all.findings[0]!.patterns[0]!;
    const page = await browser.newPage();
    await page.goto(`${server.url}/?view=neighborhood&focus=${slug}&sel=${slug}`);
    await waitForView(page);
    await page.evaluate(() => window.__atlas!.panelLoaded());
    await page.locator("#panel button", { hasText: /^Gaps$/ }).click();
    await waitForView(page, { keyIncludes: "g|" });
    await listLoaded(page);
    expect(page.url()).toContain(`pattern=${slug}`);
    const mine = await getJson<GapsJson>(`/api/gaps?pattern=${slug}&limit=${PAGE_SIZE}`);
    expect(await listedIds(page)).toEqual(mine.findings.map((f) => f.id));
    expect(await page.locator("[data-testid=gaps-pattern-filter]").textContent()).toContain("×");

    // Keyboard: 1 leaves, 5 comes back with the same filters; Tab reaches a finding and Enter opens it.
    await page.locator("#graph").focus();
    await page.keyboard.press("1");
    await waitForView(page, { keyIncludes: "overview" });
    await page.keyboard.press("5");
    await waitForView(page, { keyIncludes: "g|" });
    await listLoaded(page);
    expect(page.url()).toContain(`pattern=${slug}`);
    const first = page.locator(".gap__head").first();
    await first.focus();
    expect(await first.evaluate((e) => getComputedStyle(e).outlineStyle)).not.toBe("none");
    await page.keyboard.press("Enter");
    await waitForView(page, { keyIncludes: `g|${mine.findings[0]!.id}` });
    // The list keeps the keyboard focus on the finding that was opened.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-finding"))).toBe(mine.findings[0]!.id);
    await saveScreenshot(page, "gaps-pattern-keyboard");
    await page.close();
  });

  it("fits a narrow screen, the findings shown under the graph without opening the drawer", async () => {
    const page = await open("?view=gaps", { width: 390, height: 844 });
    await expect.poll(() => page.locator(".gap__head").first().isVisible()).toBe(true);
    await expect.poll(() => page.locator(".gaps-kind").first().isVisible()).toBe(true);
    const overflow = await page.evaluate(() => {
      const sidebar = document.getElementById("sidebar")!;
      const right = sidebar.getBoundingClientRect().right;
      // The kinds scroll in one row of their own: only the row itself must fit.
      const clipped = (e: Element) => e.closest(".gaps-kinds") !== null && !e.matches(".gaps-kinds");
      return [...sidebar.querySelectorAll(".gaps *")].filter((e) => !clipped(e) && e.getBoundingClientRect().right > right + 1).map((e) => e.className);
    });
    expect(overflow).toEqual([]);
    expect(await page.locator(".gaps-kinds").evaluate((e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === "auto")).toBe(true);
    await saveScreenshot(page, "gaps-narrow");
    await page.close();
  });
});

describe("the Gaps view on the 2026-02-20 snapshot", () => {
  let server: AtlasServer;
  const { getJson, open } = helpers(() => server);

  beforeAll(async () => {
    server = await startAtlasServer({ library: realLibrary("2026-02-20") });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("pages through thousands of findings, the page in the URL, with the counts of the API", async () => {
    const page = await open("?view=gaps&kind=one-sided-enables");
    const api = await getJson<GapsJson>(`/api/gaps?kind=one-sided-enables&limit=${PAGE_SIZE}`);
    expect(api.total).toBeGreaterThan(1000);
    expect(await kindCount(page, "one-sided-enables")).toBe(api.total.toLocaleString("en"));
    expect(await page.locator("[data-testid=gaps-range]").textContent()).toBe(`1–${PAGE_SIZE} of ${api.total.toLocaleString("en")}`);
    await page.locator('.gaps-pager [data-page="next"]').click();
    await expect.poll(() => page.url()).toContain("page=2");
    const second = await getJson<GapsJson>(`/api/gaps?kind=one-sided-enables&offset=${PAGE_SIZE}&limit=${PAGE_SIZE}`);
    await expect.poll(() => listedIds(page)).toEqual(second.findings.map((f) => f.id));
    expect(await page.locator("[data-testid=gaps-range]").textContent()).toBe(`26–50 of ${api.total.toLocaleString("en")}`);
    await page.goBack();
    await expect.poll(() => listedIds(page)).toEqual(api.findings.map((f) => f.id));
    await saveScreenshot(page, "gaps-snapshot");
    await page.close();
  });

  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    it(`words findings as sentences, names groups by title, and keeps its filters inside the panel at ${viewport.width}x${viewport.height}`, async () => {
      const page = await open("?view=gaps", viewport);
      const headlines = await page.locator(".gap__headline").allTextContents();
      expect(headlines.length).toBe(PAGE_SIZE);
      // Link types in words ("is a variant of"), never the arrow notation or a snake_case type.
      for (const headline of headlines) expect(headline).not.toMatch(/[—→⇄≈]|···|generalizes_from|specializes_to/);
      expect(headlines.some((h) => / is a variant of | complements | requires | enables | is related to /.test(h))).toBe(true);
      // A dangling target says why nothing matches.
      expect(headlines.some((h) => /\((stale id|never created): no such pattern\)/.test(h))).toBe(true);
      const sidebar = (await page.locator("#sidebar").boundingBox())!;
      for (const select of await page.locator(".gaps-filters .select").all()) {
        const box = (await select.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(sidebar.x + sidebar.width + 1);
        // Wide enough for what it shows: a select's text is cut without an ellipsis.
        expect(await select.evaluate((e: HTMLSelectElement) => e.clientWidth >= Math.min(150, e.scrollWidth))).toBe(true);
      }
      await page.close();

      const grouped = await open("?view=gaps&groupBy=pattern", viewport);
      const api = await getJson<{ groups: { key: string }[]; patterns: Record<string, { title: string }> }>(`/api/gaps?groupBy=pattern&limit=${PAGE_SIZE}`);
      const names = await grouped.locator(".gap--group .gap__headline").allTextContents();
      expect(names.map((n) => n.replace(/^[\d,]+\s*/, ""))).toEqual(api.groups.map((g) => api.patterns[g.key]!.title));
      await saveScreenshot(grouped, `gaps-grouped-${viewport.width}x${viewport.height}`);
      await grouped.close();
    }, 120_000);
  }

  it("draws the whole lineage loop with every link of the loop lit", async () => {
    const [loop] = (await getJson<GapsJson>("/api/gaps?kind=lineage-cycle")).findings;
    expect(loop!.patterns.length).toBeGreaterThan(10);
    const page = await open(`?view=gaps&kind=lineage-cycle&finding=${encodeURIComponent(loop!.id)}`);
    const graph = await page.evaluate(() => window.__atlas!.graph());
    const lit = (await page.evaluate(() => window.__atlas!.emphasis()))!;
    for (const slug of loop!.patterns) expect(graph.nodes).toContain(slug);
    const edgeIds = new Set(graph.edges.map((e) => e.id));
    const present = loop!.links.map(linkId).filter((id) => edgeIds.has(id));
    expect(present.length).toBeGreaterThan(0);
    for (const id of present) expect(lit.edges).toContain(id);
    // The links the fix proposes to cut are drawn as cut, lit, and listed with their file and line.
    expect(loop!.cut?.length).toBeGreaterThan(0);
    const cutIds = graph.edges.filter((e) => e.cut).map((e) => e.id);
    expect(cutIds.length).toBeGreaterThanOrEqual(loop!.cut!.length);
    for (const id of cutIds) expect(lit.edges).toContain(id);
    for (const l of loop!.cut!) {
      const drawn = graph.edges.find((e) => e.cut && ((e.source === l.source && e.target === l.target) || (e.source === l.target && e.target === l.source)));
      expect(drawn, `${l.source} -> ${l.target} drawn as cut`).toBeDefined();
    }
    await expect.poll(() => page.locator(".gap__cut li").count()).toBe(loop!.cut!.length);
    await saveScreenshot(page, "gaps-snapshot-loop");
    await page.close();
  });

  it("writes the chosen finding's boxed title whole on a phone, on the stage and clear of the zoom buttons", async () => {
    // The first finding of the list: a dangling reference of "5S Methodology - Workplace Organization",
    // whose boxed title was cut to "5S Methodology - Workpl…" under the zoom buttons at 390x844.
    const [finding] = (await getJson<GapsJson>("/api/gaps?limit=1")).findings;
    const focus = finding!.patterns[0]!;
    const { title } = (await getJson<{ pattern: { title: string } }>(`/api/patterns/${encodeURIComponent(focus)}`)).pattern;
    expect(title.length).toBeGreaterThan(30);
    const page = await open(`?view=gaps&finding=${encodeURIComponent(finding!.id)}`, { width: 390, height: 844 });
    await page.waitForTimeout(800); // the camera's fit animates; the boxed label's side follows a frame later
    const boxes = await page.evaluate(() => window.__atlas!.labelBoxes());
    const box = boxes.find((b) => b.key === focus);
    expect(box, "the finding's pattern is labelled").toBeDefined();
    expect(box!.lines.join(" ").replace(/\s+/g, " ")).toBe(title.replace(/\s+/g, " "));
    const graph = (await page.locator("#graph").boundingBox())!;
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(graph.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(graph.height);
    const zoom = (await page.locator("#stage .zoom").boundingBox())!;
    const z = { x: zoom.x - graph.x, y: zoom.y - graph.y };
    const meets = box!.x < z.x + zoom.width && z.x < box!.x + box!.width && box!.y < z.y + zoom.height && z.y < box!.y + box!.height;
    expect(meets).toBe(false);
    await saveScreenshot(page, "gaps-snapshot-finding-390x844");
    await page.close();
  });
});
