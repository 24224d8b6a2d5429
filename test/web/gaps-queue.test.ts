// Browser tests of the Gaps view as a work queue, against the real server: groups (one row per group,
// opened to its findings), decisions hiding findings and the progress they make, the selection's
// patch downloaded and applied into a temp copy of the example library; then screenshots of the
// grouped queue on the real 2026-02-20 library at 1440x900 and 390x844 (the list visible on a phone
// without opening the drawer).
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GapsGroupsResponse, GapsPatchResponse, GapsResponse } from "../../graph/gaps/index.ts";
import { tempDir } from "../gaps/helpers.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { ensureWebBuild, EXAMPLE_LIBRARY, launchBrowser, saveScreenshot, startAtlasServer, waitForView, type AtlasBrowser, type AtlasServer } from "./harness.ts";

let browser: AtlasBrowser;

beforeAll(async () => {
  await ensureWebBuild();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(server: AtlasServer, query: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage(viewport);
  await page.goto(`${server.url}/${query}`);
  await waitForView(page, { timeout: 60_000 });
  await page.locator("[data-testid=gaps-range], .gaps .notice").first().waitFor({ state: "attached", timeout: 60_000 });
  return page;
}

const getJson = async <T>(server: AtlasServer, url: string): Promise<T> => (await (await fetch(`${server.url}${url}`)).json()) as T;

describe("the Gaps work queue on a copy of the example library", () => {
  let server: AtlasServer;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("queue-web"));
    await cp(EXAMPLE_LIBRARY, dir, { recursive: true });
    await mkdir(path.join(dir, ".pattern-atlas"));
    await writeFile(
      path.join(dir, ".pattern-atlas/decisions.yml"),
      "decisions:\n  orphan:pair-programming:\n    decision: ignored\n    by: ana\n    why: Linked next sprint.\n    date: 2026-12-05\n",
    );
    server = await startAtlasServer({ library: dir }, { gaps: { libraryFolder: dir, write: { allowed: true } } });
  });
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it("lists groups with their counts, opens one to its findings, and hides decided findings unless asked", async () => {
    const page = await open(server, "?view=gaps&groupBy=file");
    const api = await getJson<GapsGroupsResponse>(server, "/api/gaps?groupBy=file&limit=25");
    const rows = page.locator(".gap--group .gap__head");
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-group")))).toEqual(api.groups.map((g) => g.key));
    expect(await page.locator("[data-testid=gaps-range]").textContent()).toBe(`Groups 1–${api.groups.length} of ${api.totalGroups} (${api.total} findings)`);
    const biggest = api.groups[0]!;
    await rows.first().click();
    const members = await getJson<GapsResponse>(server, `/api/gaps?groupBy=file&group=${encodeURIComponent(biggest.key)}`);
    await expect.poll(() => page.locator(".gap__members .gap__head").evaluateAll((els) => els.map((e) => e.getAttribute("data-finding")))).toEqual(members.findings.map((f) => f.id));

    // The decided orphan is not listed, and counts as handled.
    const all = await getJson<GapsResponse>(server, "/api/gaps?limit=500");
    expect(all.findings.map((f) => f.id)).not.toContain("orphan:pair-programming");
    expect(await page.locator(".gaps-progress__text").textContent()).toBe(`1 handled / ${all.decisions.open} open (0 intended, 1 ignored)`);
    await page.locator("#gaps-decided").selectOption("only");
    await page.waitForURL(/decided=only/);
    await page.locator("#gaps-group-by").selectOption("");
    await expect.poll(() => page.locator(".gap__head").evaluateAll((els) => els.map((e) => e.getAttribute("data-finding")))).toEqual(["orphan:pair-programming"]);
    expect(await page.locator(".gap__decided").textContent()).toBe("decided: ignored");
    await page.close();
  });

  it("downloads the patch of exactly the selected findings, then applies it into the library", async () => {
    const page = await open(server, "?view=gaps&kind=one-sided-lineage");
    const lineage = await getJson<GapsResponse>(server, "/api/gaps?kind=one-sided-lineage");
    const id = lineage.findings[0]!.id;
    await page.locator(`[data-select-finding="${id}"]`).check();
    expect(await page.locator("[data-testid=gaps-selected]").textContent()).toBe("1 selected");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-action="patch"]').click()]);
    expect(download.suggestedFilename()).toBe("gaps-selection.diff");
    const downloaded = await readFile(await download.path(), "utf8");
    const expected = (await (await fetch(`${server.url}/api/gaps/patch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ids: [id] }) })).json()) as GapsPatchResponse;
    expect(downloaded).toBe(expected.diff);
    expect(expected.files).toHaveLength(1);
    const file = expected.files[0]!.file;
    await expect.poll(() => page.locator("[data-testid=gaps-diffstat]").textContent()).toContain(`${file} |  2 +-`);
    await saveScreenshot(page, "gaps-queue-patch");

    const before = await readFile(path.join(dir, file), "utf8");
    await page.locator('[data-action="apply"]').click();
    await expect.poll(() => page.locator("[data-testid=gaps-apply-result]").isVisible()).toBe(true);
    expect(await page.locator("[data-testid=gaps-apply-result] .gaps-result__head").textContent()).toBe(
      "Applied 1 fix to the library; it reloads when the server watches it (--watch).",
    );
    expect(await page.locator("[data-testid=gaps-diffstat]").textContent()).toContain("1 file changed, 1 insertion(+), 1 deletion(-)");
    const after = await readFile(path.join(dir, file), "utf8");
    expect(after).not.toBe(before);
    expect(`\n${after}`).toContain(expected.diff.split("\n").find((l) => l.startsWith("+") && !l.startsWith("+++"))!.replace(/^\+/, "\n"));
    // The selection let go of the fixed finding.
    expect(await page.locator("[data-testid=gaps-selected]").textContent()).toBe("0 selected");
    await page.close();
  });
});

describe("the grouped queue on the 2026-02-20 library", () => {
  let server: AtlasServer;

  beforeAll(async () => {
    const folder = realLibrary("2026-02-20");
    server = await startAtlasServer({ library: folder }, { gaps: { libraryFolder: folder } });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it("selects a whole group of dangling references by target, and shows it at 1440x900", async () => {
    const page = await open(server, "?view=gaps&kind=dangling&groupBy=target", { width: 1440, height: 900 });
    const api = await getJson<GapsGroupsResponse>(server, "/api/gaps?kind=dangling&groupBy=target&limit=25");
    const top = api.groups[0]!;
    expect(top.count).toBe(47);
    await page.locator(`[data-select-group="${top.key}"]`).check();
    await expect.poll(() => page.locator("[data-testid=gaps-selected]").textContent()).toBe("47 selected");
    await page.locator(`.gap__head[data-group="${top.key}"]`).click();
    await expect.poll(() => page.locator(".gap__members .gap__head").count()).toBe(25);
    await page.waitForTimeout(600);
    await saveScreenshot(page, "gaps-queue-desktop");
    await page.close();
  }, 120_000);

  it("shows the link-concentration findings and the queue on a phone without opening the drawer (390x844)", async () => {
    const page = await open(server, "?view=gaps&kind=link-concentration", { width: 390, height: 844 });
    await expect.poll(() => page.locator(".gap__head").first().isVisible()).toBe(true);
    const first = await page.locator(".gap__head .gap__evidence").first().textContent();
    expect(first).toMatch(/is linked from \d{3,4} patterns/);
    const box = await page.locator(".gap__head").first().boundingBox();
    expect(box!.y + box!.height).toBeLessThan(844);
    expect(box!.x + box!.width).toBeLessThanOrEqual(391);
    await page.waitForTimeout(600);
    await saveScreenshot(page, "gaps-queue-phone");
    await page.close();
  }, 120_000);
});
