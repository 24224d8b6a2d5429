// Frame times while panning the explorer: the intervals between animation frames while the pointer
// drags the stage back and forth, as a person pans, then the frame drawn once it lets go. A long interval
// is a frame the page could not draw in time (a freeze); the median is the smoothness. Used by the levels
// browser test (test/web/overview-panning.test.ts) and for the figures in docs/performance.md.
import type { Page } from "playwright-core";

export interface PanFrames {
  /** Frame intervals while the pointer held the stage. */
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** The longest interval from the release to `settleMs` after it: the frame drawn at rest. */
  releaseMs: number;
}

/** The q-quantile of `sorted` (ascending), nearest rank. */
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;

/**
 * Drags the graph stage `sweeps` times left and right by `distance` pixels (in steps of 8 pixels, one
 * pointer event per step, as fast as the page takes them), then half way back before letting go, and reports the frame intervals meanwhile, and
 * the longest one in the `settleMs` after the release (the frame drawn at rest then).
 */
export async function measurePanning(page: Page, { sweeps = 3, distance = 320, settleMs = 600 }: { sweeps?: number; distance?: number; settleMs?: number } = {}): Promise<PanFrames> {
  const box = await page.locator("#graph").boundingBox();
  if (!box) throw new Error("no #graph on the page");
  // A string, not a function: tsx would wrap a named arrow in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__panFrames = [];
    window.__panOn = true;
    window.__panUp = Infinity;
    window.addEventListener("mouseup", () => (window.__panUp = performance.now()), { capture: true, once: true });
    const tick = (t) => {
      window.__panFrames.push(t);
      if (window.__panOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const y = box.y + box.height / 2;
  const left = box.x + box.width / 2 - distance / 2;
  const steps = Math.max(1, Math.round(distance / 8));
  await page.mouse.move(left, y);
  await page.mouse.down();
  for (let i = 0; i < sweeps; i++) {
    await page.mouse.move(left + distance, y, { steps });
    await page.mouse.move(left, y, { steps });
  }
  // Let go elsewhere than where the drag began, so that the release has a new place to draw.
  await page.mouse.move(left + distance / 2, y, { steps: Math.ceil(steps / 2) });
  await page.mouse.up();
  await page.waitForTimeout(settleMs);
  const { times, up } = (await page.evaluate(`(() => {
    window.__panOn = false;
    return { times: window.__panFrames ?? [], up: window.__panUp };
  })()`)) as { times: number[]; up: number };
  const during: number[] = [];
  let releaseMs = 0;
  for (let i = 1; i < times.length; i++) {
    const interval = times[i]! - times[i - 1]!;
    if (times[i]! <= up) during.push(interval);
    else releaseMs = Math.max(releaseMs, interval);
  }
  during.sort((a, b) => a - b);
  return { frames: during.length, medianMs: quantile(during, 0.5), p95Ms: quantile(during, 0.95), maxMs: during.at(-1) ?? 0, releaseMs };
}
