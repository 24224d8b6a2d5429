// A server on a library N times the real 2026-02-20 snapshot (the bench's scale generator), for the
// browser tests of a large overview (levels of detail, markers, drags): written to a new temporary
// folder, served as `npm start` serves it, and both removed by `close`; and where a node rests once an
// opened community has stopped moving the camera.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { scaleLibrary } from "../bench/lib/scale-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { ensureWebBuild, launchBrowser, startAtlasServer, type AtlasBrowser, type AtlasServer } from "./harness.ts";

export interface ScaledServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startScaledServer(factor: number): Promise<ScaledServer> {
  const folder = mkdtempSync(path.join(tmpdir(), `pattern-atlas-${factor}x-`));
  let server: AtlasServer | undefined;
  try {
    await scaleLibrary(realLibrary("2026-02-20"), folder, { factor });
    await ensureWebBuild();
    server = await startAtlasServer({ library: folder });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  return {
    url: running.url,
    async close() {
      await running.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A test file's server on a library `factor` times the snapshot and its browser: started before the
 * file's tests, closed after them. Read `server` and `browser` inside the tests (set in beforeAll).
 */
export function scaledServerAndBrowser(factor: number): { server: ScaledServer; browser: AtlasBrowser } {
  const shared = {} as { server: ScaledServer; browser: AtlasBrowser };
  beforeAll(async () => {
    shared.server = await startScaledServer(factor);
    shared.browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/**
 * Where `node` rests on the stage (pixels from the stage's corner) once the camera has stopped moving: an
 * opened community moves the camera, and a position read during that move is not where it ends.
 */
export async function restingPosition(page: Page, node: string): Promise<{ x: number; y: number }> {
  const position = () => page.evaluate((key) => window.__atlas!.nodePosition(key), node);
  let at = (await position())!;
  for (let tries = 0; tries < 50; tries++) {
    await page.waitForTimeout(100);
    const next = (await position())!;
    const still = Math.abs(next.x - at.x) < 0.5 && Math.abs(next.y - at.y) < 0.5;
    at = next;
    if (still) break;
  }
  return at;
}
