// Helpers for the talks browser tests, on top of the explorer's harness (test/web/harness.ts): build
// the offline viewer bundle next to web/dist, serve a page from a second origin, and count the
// pixels of an image that differ from its background.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { buildUnderLock, ensureWebBuild, newestMtime, REPO_ROOT, WEB_DIST } from "../web/harness.ts";

export const OFFLINE_VIEWER = path.join(WEB_DIST, "talks/offline-viewer.js");

function viewerIsStale(): boolean {
  if (!existsSync(OFFLINE_VIEWER)) return true;
  const built = statSync(OFFLINE_VIEWER).mtimeMs;
  const sources = Math.max(newestMtime(path.join(REPO_ROOT, "web/src")), newestMtime(path.join(REPO_ROOT, "web/vite.offline.config.ts")));
  return sources > built;
}


/** The explorer build first (it empties web/dist), then the offline viewer into web/dist/talks. */
export async function ensureTalksBuild(): Promise<void> {
  await ensureWebBuild();
  await buildUnderLock(viewerIsStale, "web/vite.offline.config.ts");
}

export function readOfflineViewer(): string {
  return readFileSync(OFFLINE_VIEWER, "utf8");
}

export interface OtherOrigin {
  url: string;
  close(): Promise<void>;
}

/** A second tiny HTTP server (another port, so another origin) serving one HTML page at `/`. */
export async function startOtherOrigin(html: string): Promise<OtherOrigin> {
  const server: Server = createServer((req, res) => {
    if (req.url === "/" || req.url?.startsWith("/?")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost" rather than 127.0.0.1: another host and port, plainly another origin.
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface InkCount {
  width: number;
  height: number;
  /** Pixels clearly different from the background (or, for a transparent image, clearly opaque). */
  ink: number;
  /** Fully transparent pixels. */
  transparent: number;
}

/**
 * Decodes a PNG inside the page (`window.__decodePng`, on every page of launchBrowser) and counts the pixels that are not the
 * background colour. `background` null counts opaque pixels instead (transparent exports).
 */
export async function countInk(page: Page, png: Buffer, background: [number, number, number] | null): Promise<InkCount> {
  return page.evaluate(
    async ({ base64, bg }) => {
      const context = await window.__decodePng!(base64);
      const { canvas } = context;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      let transparent = 0;
      for (let i = 0; i < data.length; i += 4) {
        const alpha = data[i + 3]!;
        if (alpha === 0) transparent++;
        if (bg === null) {
          if (alpha > 128) ink++;
        } else if (Math.abs(data[i]! - bg[0]) + Math.abs(data[i + 1]! - bg[1]) + Math.abs(data[i + 2]! - bg[2]) > 40) ink++;
      }
      return { width: canvas.width, height: canvas.height, ink, transparent };
    },
    { base64: png.toString("base64"), bg: background },
  );
}

export const hexToRgb = (hex: string): [number, number, number] => {
  const v = parseInt(hex.replace("#", ""), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
};
