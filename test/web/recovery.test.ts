// A dropped server: the real server (memory store on the 2026-02-20 snapshot) is stopped while the
// explorer is open; the stage (its card beside the details panel) and the Gaps list say so with a "Try again", nothing of the previous
// view stays beside the error, and once the server listens again on the same port the page recovers
// by itself (the events stream reconnects and the failed view is fetched again) within RECOVERY_MS.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type GraphStore } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { createHttpServer } from "../../server/http-server.ts";
import { silentLogger } from "../../server/logger.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { ensureWebBuild, launchBrowser, saveScreenshot, waitForView, WEB_DIST, type AtlasBrowser } from "./harness.ts";

/** What the page is given to fetch its failed view again once the server answers. */
const RECOVERY_MS = 10_000;
/** The Gaps list needs the restarted server's gap analysis too (seconds on a loaded machine). */
const GAPS_RECOVERY_MS = 30_000;

let browser: AtlasBrowser;
let store: GraphStore;
let server: Server | null = null;
let port = 0;

async function listen(): Promise<void> {
  const app = createApp({ store, webDist: WEB_DIST, logger: silentLogger });
  const next = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    next.once("error", reject);
    next.listen(port, "127.0.0.1", resolve);
  });
  port = (next.address() as AddressInfo).port;
  server = next;
}

async function stop(): Promise<void> {
  const current = server;
  server = null;
  if (!current) return;
  await new Promise<void>((resolve) => {
    current.closeAllConnections();
    current.close(() => resolve());
  });
}

beforeAll(async () => {
  await ensureWebBuild();
  store = createMemoryStore(await loadLibrary(realLibrary("2026-02-20")));
  await listen();
  await fetch(`http://127.0.0.1:${port}/api/overview`).then((r) => r.arrayBuffer());
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stop();
  await store?.close();
});

describe("the explorer when the server stops and comes back", () => {
  it("shows the failure with a retry, keeps nothing stale, and recovers by itself on the same port", async () => {
    const url = `http://127.0.0.1:${port}`;
    // A desktop on a neighbourhood, a phone on the Gaps view.
    const desk = await browser.newPage({ width: 1440, height: 900 });
    await desk.goto(`${url}/?view=neighborhood&focus=governance-design&depth=1&sel=governance-design`);
    expect((await waitForView(desk)).status).toBe("ready");
    const phone = await browser.newPage({ width: 390, height: 844 });
    await phone.goto(`${url}/`);
    expect((await waitForView(phone, { timeout: 60_000 })).status).toBe("ready");

    await stop();

    // One more level on the desktop: the request fails.
    await desk.keyboard.press("]");
    const failed = await waitForView(desk, { keyIncludes: "|2|" });
    expect(failed.status).toBe("error");
    const card = desk.locator("#view-message");
    await expect.poll(() => card.textContent()).toContain("The server is not answering");
    expect(await card.textContent()).not.toContain("Failed to fetch");
    expect(await desk.getByTestId("retry").isVisible()).toBe(true);
    // The card stands beside the details panel, not under it.
    const cardBox = (await desk.locator("#view-message .stage__card").boundingBox())!;
    const panelBox = (await desk.locator("#panel").boundingBox())!;
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(panelBox.x);
    // No legend of the neighbourhood that was on screen before.
    expect((await desk.locator("#legend").textContent())?.trim()).toBe("");
    // "Try again" while the server is still down: the same error, not a stuck page.
    await desk.getByTestId("retry").click();
    await desk.waitForFunction(() => window.__atlas!.status === "error", null, { timeout: 15_000 });
    await saveScreenshot(desk, "server-down-1440x900");

    // The Gaps view on the phone: the list fails; the heading says so instead of "Looking for gaps…".
    await phone.locator('button[data-mode="gaps"]').click();
    await expect.poll(() => phone.getByTestId("gaps-total").textContent(), { timeout: 15_000 }).toBe("Could not list the gaps");
    // On a phone the Gaps list is on screen under the graph (no drawer).
    expect(await phone.getByTestId("gaps-retry").isVisible()).toBe(true);
    await saveScreenshot(phone, "server-down-gaps-390x844");

    // Back on the same port: both pages recover without a click.
    await listen();
    const backAt = Date.now();
    await desk.waitForFunction(() => window.__atlas!.status === "ready" && window.__atlas!.viewKey.includes("|2|"), null, { timeout: RECOVERY_MS, polling: 100 });
    const deskMs = Date.now() - backAt;
    // The heading with the panel's notice, so a failure says what the server answered.
    const gapsState = async () => `${await phone.getByTestId("gaps-total").textContent()} | ${(await phone.locator(".gaps .notice").allTextContents()).join(" ")}`;
    await expect.poll(gapsState, { timeout: GAPS_RECOVERY_MS }).toMatch(/findings? in the library/);
    const phoneMs = Date.now() - backAt;
    console.log(`Recovered after the restart: desktop ${deskMs} ms, phone ${phoneMs} ms`);
    expect(await desk.locator("#view-message").isHidden()).toBe(true);
    expect((await desk.locator("#legend").textContent()) ?? "").toContain("Link types");
    await saveScreenshot(desk, "server-back-1440x900");
    await saveScreenshot(phone, "server-back-gaps-390x844");
    await desk.close();
    await phone.close();
  }, 120_000);
});
