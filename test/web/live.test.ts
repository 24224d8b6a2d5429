// Live updates in the browser: the real server, started as a user would with --watch on a
// temporary copy of the example library, re-reads an edited file and tells the explorer over
// /api/events; the explorer refreshes the Gaps view, the graph and the details panel in place,
// without a page reload (a marker set on `window` survives).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { stopChild } from "../bench/lib/child.ts";
import { ensureWebBuild, EXAMPLE_LIBRARY, launchBrowser, REPO_ROOT, saveScreenshot, waitForView, type AtlasBrowser } from "./harness.ts";

let browser: AtlasBrowser;
let server: ChildProcess | undefined;
let url = "";
let library = "";
let output = "";

/** Starts `tsx cli/main.ts serve --library <dir> --port 0 --watch` and waits until it watches. */
async function startWatchingServer(dir: string): Promise<string> {
  const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
  const child = spawn(tsx, ["cli/main.ts", "serve", "--library", dir, "--port", "0", "--host", "127.0.0.1", "--watch"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEO4J_URI: "" },
  });
  server = child;
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const started = Date.now();
  while (!/Watching /.test(output) || !/https?:\/\/[^\s/]+:\d+/.test(output)) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    if (Date.now() - started > 60_000) throw new Error(`The server did not start watching within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return output.match(/https?:\/\/[^\s/]+:\d+/)![0];
}

const API_GATEWAY = "architecture/integration/api-gateway.md";

/** Edits a library file in place (the watcher sees a change event). */
function edit(file: string, change: (text: string) => string): void {
  const full = path.join(library, file);
  const before = readFileSync(full, "utf8");
  const after = change(before);
  if (after === before) throw new Error(`The edit of ${file} changed nothing.`);
  writeFileSync(full, after);
}

async function waitForRefresh(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => window.__atlas!.libraryRefreshes >= n, count, { timeout: 30_000, polling: 100 });
  await waitForView(page);
}

beforeAll(async () => {
  await ensureWebBuild();
  library = mkdtempSync(path.join(tmpdir(), "pattern-atlas-live-"));
  cpSync(EXAMPLE_LIBRARY, library, { recursive: true });
  url = await startWatchingServer(library);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server) await stopChild(server);
  if (library) rmSync(library, { recursive: true, force: true });
});

describe("the explorer with a server that watches the library", () => {
  it("updates the Gaps counts, the graph and the details panel when a file is saved, without a reload", async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/?view=gaps&kind=one-sided-lineage`);
    await waitForView(page);
    await page.locator("[data-testid=gaps-range]").waitFor({ state: "attached" });
    expect(await page.locator('.gaps-kind[data-kind="one-sided-lineage"] .gaps-kind__count').textContent()).toBe("1");
    await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 42));

    // Close the planted one-sided lineage: API Gateway now declares BFF as its child too.
    edit(API_GATEWAY, (text) => text.replace("  specializes_to: []", "  specializes_to: [backends-for-frontends]"));
    await waitForRefresh(page, 1);
    await expect.poll(() => page.locator('.gaps-kind[data-kind="one-sided-lineage"] .gaps-kind__count').textContent(), { timeout: 15_000 }).toBe("0");
    await expect.poll(() => page.locator(".gaps .notice").textContent()).toContain("No one-sided lineage");
    expect(await page.locator("[data-testid=live-toast]").textContent()).toContain("api-gateway.md");
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(42);
    const counts = (await (await fetch(`${url}/api/gaps?limit=1`)).json()) as { counts: Record<string, number> };
    expect(counts.counts["one-sided-lineage"]).toBe(0);
    await saveScreenshot(page, "live-gaps-updated");

    // The neighbourhood on screen gains a link added to a file, and the open panel lists it.
    await page.goto(`${url}/?view=neighborhood&focus=api-gateway&depth=1&sel=api-gateway`);
    await waitForView(page);
    await page.evaluate(() => window.__atlas!.panelLoaded());
    await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 7));
    const before = await page.evaluate(() => window.__atlas!.graph().edges.map((e) => e.id));
    expect(before).not.toContain("api-gateway|enables|service-discovery");
    const refreshes = await page.evaluate(() => window.__atlas!.libraryRefreshes);
    edit(API_GATEWAY, (text) => text.replace("  enables: []", "  enables: [service-discovery]"));
    await waitForRefresh(page, refreshes + 1);
    await expect
      .poll(() => page.evaluate(() => window.__atlas!.graph().edges.map((e) => e.id)), { timeout: 15_000 })
      .toContain("api-gateway|enables|service-discovery");
    expect(await page.evaluate(() => window.__atlas!.graph().nodes)).toContain("service-discovery");
    await page.evaluate(() => window.__atlas!.panelLoaded());
    await expect.poll(() => page.locator("#panel .link-button[data-slug=service-discovery]").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(7);
    expect(page.url()).toContain("focus=api-gateway");
    await saveScreenshot(page, "live-graph-updated");
    await page.close();
  });
});
