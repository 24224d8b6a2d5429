// Bench section: time from navigation to the explorer's first drawn frame, in headless Chromium with
// software WebGL, for the overview of the main snapshot and for a depth-2 neighbourhood. Each run is a
// fresh browser context (empty cache); the page reports the frame through `window.__atlas.firstFrame`
// (sigma's first afterRender, what the targets are checked on) and `firstPresented` (the animation
// frame after it, when the software compositor has actually put those pixels on screen).
import type { Browser } from "playwright-core";
import { formatMs, median, round } from "../lib/stats.ts";
import type { BenchSection } from "../lib/types.ts";
import { ensureWebBuild, launchPlainBrowser, startAtlasServer } from "../../web/harness.ts";
import { fetchWholeOverview } from "../../server/overview-fetch.ts";

export const FIRST_FRAME_TARGETS_MS = { overview: 2000, neighborhood: 500 } as const;

export interface FirstFrameRun {
  /** ms from navigation start to sigma's first afterRender with nodes (draw calls issued). */
  firstFrameMs: number;
  /** ms from navigation start to the next animation frame, once the browser composited that frame. */
  presentedMs: number;
  /** ms from navigation start until the view settled (neighbourhood: worker layout done). */
  readyMs: number;
  nodes: number;
}

export interface FirstFrameMeasurement {
  view: "overview" | "neighborhood";
  query: string;
  runs: FirstFrameRun[];
  medianFirstFrameMs: number;
  medianPresentedMs: number;
  medianReadyMs: number;
}

async function measureOnce(browser: Browser, url: string): Promise<FirstFrameRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__atlas !== undefined, undefined, { polling: 10, timeout: 60_000 });
    const firstFrameMs = await page.evaluate(() => window.__atlas!.firstFrame);
    const presentedMs = await page.evaluate(() => window.__atlas!.firstPresented);
    await page.waitForFunction(() => window.__atlas!.status === "ready", undefined, { polling: 10, timeout: 60_000 });
    const [readyMs, nodes] = await page.evaluate(() => [performance.now(), window.__atlas!.graph().nodes.length] as const);
    return { firstFrameMs, presentedMs, readyMs, nodes };
  } finally {
    await context.close();
  }
}

/**
 * Measures first-frame times against a running explorer at `baseUrl`, `runs` times per view after
 * one discarded warm-up run (which lets the server lay out the overview and fill the OS caches).
 */
export async function measureFirstFrame(baseUrl: string, focus: string, runs: number, log: (line: string) => void = () => {}): Promise<FirstFrameMeasurement[]> {
  const browser = await launchPlainBrowser();
  try {
    const views = [
      { view: "overview" as const, query: "/" },
      { view: "neighborhood" as const, query: `/?view=neighborhood&focus=${encodeURIComponent(focus)}&depth=2` },
    ];
    const results: FirstFrameMeasurement[] = [];
    for (const { view, query } of views) {
      await measureOnce(browser, `${baseUrl}${query}`);
      const all: FirstFrameRun[] = [];
      for (let i = 0; i < runs; i++) {
        all.push(await measureOnce(browser, `${baseUrl}${query}`));
        const run = all.at(-1)!;
        log(`  ${view} run ${i + 1}/${runs}: first frame ${formatMs(run.firstFrameMs)}, presented ${formatMs(run.presentedMs)}, settled ${formatMs(run.readyMs)}`);
      }
      results.push({
        view,
        query,
        runs: all,
        medianFirstFrameMs: median(all.map((r) => r.firstFrameMs)),
        medianPresentedMs: median(all.map((r) => r.presentedMs)),
        medianReadyMs: median(all.map((r) => r.readyMs)),
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}

/** A well-linked pattern whose depth-2 neighbourhood is a realistic, not extreme, size. */
export function focusOf(overview: { nodes: readonly { slug: string; degree: number }[] }): string {
  const candidates = overview.nodes.filter((n) => n.degree > 0 && n.degree <= 30).sort((a, b) => b.degree - a.degree || a.slug.localeCompare(b.slug));
  return candidates[0]!.slug;
}

async function pickFocus(baseUrl: string): Promise<string> {
  return focusOf(await fetchWholeOverview(baseUrl));
}

export const section: BenchSection = {
  name: "first-frame",
  order: 50,
  description: "explorer: navigation to first drawn frame in headless Chromium (software WebGL)",
  async run(context) {
    await ensureWebBuild();
    const server = await startAtlasServer({ library: context.mainSnapshot.path });
    try {
      const focus = await pickFocus(server.url);
      const results = await measureFirstFrame(server.url, focus, context.runs, context.log);
      const rows = results.map((r) => [
        r.view,
        r.view === "overview" ? "/" : `focus=${focus}, depth 2`,
        r.runs[0]!.nodes,
        formatMs(r.medianFirstFrameMs),
        formatMs(Math.min(...r.runs.map((x) => x.firstFrameMs))),
        formatMs(Math.max(...r.runs.map((x) => x.firstFrameMs))),
        formatMs(r.medianPresentedMs),
        formatMs(r.medianReadyMs),
      ]);
      return {
        tables: [
          {
            title: `Explorer first frame on ${context.mainSnapshot.name} (median of ${context.runs} fresh browser contexts, 1280x720)`,
            columns: ["view", "what", "nodes", "first frame", "min", "max", "presented", "settled"],
            rows,
          },
        ],
        targets: results.map((r) => ({
          what: `first frame, ${r.view}`,
          target: `< ${FIRST_FRAME_TARGETS_MS[r.view]} ms`,
          measured: formatMs(r.medianFirstFrameMs),
          ok: r.medianFirstFrameMs < FIRST_FRAME_TARGETS_MS[r.view],
        })),
        json: {
          snapshot: context.mainSnapshot.name,
          focus,
          views: results.map((r) => ({
            view: r.view,
            query: r.query,
            nodes: r.runs[0]!.nodes,
            medianFirstFrameMs: round(r.medianFirstFrameMs),
            medianPresentedMs: round(r.medianPresentedMs),
            medianReadyMs: round(r.medianReadyMs),
            firstFrameMs: r.runs.map((x) => round(x.firstFrameMs)),
            presentedMs: r.runs.map((x) => round(x.presentedMs)),
          })),
        },
      };
    } finally {
      await server.close();
    }
  },
};
