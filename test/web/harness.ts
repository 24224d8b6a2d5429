// Shared helpers for the explorer's browser tests and the first-frame benchmark: build web/dist once
// when it is stale, start the REAL server in-process on a free port around a memory store, drive
// Debian's chromium with playwright-core (software WebGL), and read screenshots back as pixels.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createMemoryStore, type Library } from "../../graph/index.ts";
import { loadLibrary, readSnapshot } from "../../ingest/index.ts";
import { createApp, type AppOptions } from "../../server/app.ts";
import { createHttpServer } from "../../server/http-server.ts";
import { silentLogger } from "../../server/logger.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WEB_DIST = path.join(REPO_ROOT, "web/dist");
export const EXAMPLE_LIBRARY = path.join(REPO_ROOT, "examples/library");
export const SCREENSHOT_DIR = path.join(REPO_ROOT, "test-results/screenshots");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// ------------------------------------------------------------------------------------------------
// Build

export function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIsStale(): boolean {
  const index = path.join(WEB_DIST, "index.html");
  if (!existsSync(index)) return true;
  const sources = Math.max(
    newestMtime(path.join(REPO_ROOT, "web/src")),
    newestMtime(path.join(REPO_ROOT, "web/index.html")),
    newestMtime(path.join(REPO_ROOT, "web/vite.config.ts")),
  );
  return sources > statSync(index).mtimeMs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `vite build --config <config>` when `isStale()` says so. Test files run in parallel workers,
 * so a lock directory makes sure only one of them builds while the others wait for it.
 */
export async function buildUnderLock(isStale: () => boolean, config: string): Promise<void> {
  if (!isStale()) return;
  const lock = path.join(tmpdir(), "pattern-atlas-web-build.lock");
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes belongs to a crashed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 180_000) throw new Error(`Waited 3 minutes for ${lock}; remove it if no build is running.`);
      await sleep(200);
    }
  }
  try {
    if (!isStale()) return;
    await new Promise<void>((resolve, reject) => {
      const vite = path.join(REPO_ROOT, "node_modules/.bin/vite");
      const child = spawn(vite, ["build", "--config", config, "--logLevel", "warn"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vite build --config ${config} failed (${code}):\n${output}`))));
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the explorer into web/dist when it is missing or older than its sources. */
export const ensureWebBuild = (): Promise<void> => buildUnderLock(buildIsStale, "web/vite.config.ts");

// ------------------------------------------------------------------------------------------------
// Server

export interface AtlasServer {
  url: string;
  library: Library;
  close(): Promise<void>;
}

/** Starts the real app (createApp + memory store) on 127.0.0.1 and a free port. */
export async function startAtlasServer(
  source: { library: string } | { snapshot: string } | { loaded: Library },
  options: Pick<AppOptions, "gaps"> = {},
): Promise<AtlasServer> {
  const library =
    "loaded" in source ? source.loaded : "snapshot" in source ? await readSnapshot(source.snapshot) : await loadLibrary(source.library);
  // As main.ts runs it: neighbourhood answers from the worker thread.
  const store = createMemoryStore(library, { neighborhoodThreads: 1 });
  const app = createApp({ store, webDist: WEB_DIST, logger: silentLogger, ...options });
  const server: Server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Lay the overview out before any browser asks, as main.ts does at start.
  await fetch(`${url}/api/overview`).then((r) => r.arrayBuffer());
  return {
    url,
    library,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => store.close()),
  };
}

// ------------------------------------------------------------------------------------------------
// Browser

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--ignore-gpu-blocklist",
  "--disable-dev-shm-usage",
];

export interface AtlasBrowser {
  context: BrowserContext;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    /** Installed by the harness (installPngDecoder): a PNG (base64) decoded onto a 2D canvas of its own size. */
    __decodePng?: (base64: string) => Promise<CanvasRenderingContext2D>;
  }
}

/**
 * Runs in the page (an init script of every page the harness opens): defines `window.__decodePng`,
 * so a test reads a screenshot's or an export's pixels in the page (no PNG library in Node) with
 * `const context = await window.__decodePng!(base64)`. Self-contained: Playwright sends its source.
 */
export function installPngDecoder(): void {
  window.__decodePng = async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0);
    return context;
  };
}

/** Chromium with a fresh temporary profile, removed again on close; its pages have `window.__decodePng`. */
export async function launchBrowser(): Promise<AtlasBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), "pattern-atlas-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: 1,
  });
  await context.addInitScript(installPngDecoder);
  return {
    context,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Also exported for callers that need a plain Browser (the benchmark opens a fresh page per run). */
export async function launchPlainBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// ------------------------------------------------------------------------------------------------
// Page helpers

export interface ViewSnapshot {
  viewKey: string;
  status: string;
  error: string | null;
  nodes: number;
}

/** Waits until the explorer's current view is settled ("ready" or "empty"), and returns it. */
export async function waitForView(page: Page, options: { keyIncludes?: string; timeout?: number } = {}): Promise<ViewSnapshot> {
  await page.waitForFunction(
    (keyIncludes) => {
      const a = window.__atlas;
      if (!a) return false;
      if (keyIncludes && !a.viewKey.includes(keyIncludes)) return false;
      return a.status === "ready" || a.status === "empty" || a.status === "error";
    },
    options.keyIncludes ?? "",
    { timeout: options.timeout ?? 30_000, polling: 50 },
  );
  return page.evaluate(() => {
    const a = window.__atlas!;
    return { viewKey: a.viewKey, status: a.status, error: a.error, nodes: a.graph().nodes.length };
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

export async function saveScreenshot(page: Page, name: string): Promise<Buffer> {
  const buffer = await page.screenshot({ path: screenshotPath(name) });
  return buffer;
}

/**
 * Counts pixels of the graph area that differ clearly from the stage background, by decoding a
 * screenshot of that area inside the page (`window.__decodePng`: launchBrowser's pages have it).
 */
export async function countGraphPixels(page: Page): Promise<{ total: number; drawn: number }> {
  const box = await page.locator("#graph").boundingBox();
  if (!box) throw new Error("The graph container is not visible.");
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async (base64) => {
    const context = await window.__decodePng!(base64);
    const { data } = context.getImageData(0, 0, context.canvas.width, context.canvas.height);
    const bg = getComputedStyle(document.getElementById("stage")!).backgroundColor.match(/\d+/g)!.map(Number);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d = Math.abs(data[i]! - bg[0]!) + Math.abs(data[i + 1]! - bg[1]!) + Math.abs(data[i + 2]! - bg[2]!);
      if (d > 40) drawn++;
    }
    return { total: data.length / 4, drawn };
  }, png.toString("base64"));
}

/** A throwaway library folder with the given files (name -> content); removed by the returned cleanup. */
export function makeTempLibrary(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-lib-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
