// Bench scripts' browser pages: the explorer's files served from another build's web/dist.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".png": "image/png", ".woff2": "font/woff2" };

/** Serves the explorer's files from `dist` instead of the server's (the API still from the server). */
export async function routeExplorer(page: Page, dist: string): Promise<void> {
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith("/api") || url.pathname === "/healthz") return route.continue();
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!existsSync(file) || url.pathname === "/" || !path.extname(file)) file = path.join(dist, "index.html");
    await route.fulfill({ status: 200, body: readFileSync(file), headers: { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" } });
  });
}
