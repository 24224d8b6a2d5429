// Frame times while panning the explorer: the intervals between animation frames while the pointer
// drags the stage back and forth, as a person pans. A long interval is a frame the page could not draw
// in time (a freeze); the median is the smoothness. Used by the overview-levels bench section and the
// levels browser test.
import type { Page } from "playwright-core";

export interface PanFrames {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/** The q-quantile of `sorted` (ascending), nearest rank. */
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;

/**
 * Drags the graph stage `sweeps` times left and right by `distance` pixels (in steps of 8 pixels, one
 * pointer event per step, as fast as the page takes them) and reports the frame intervals meanwhile.
 */
export async function measurePanning(page: Page, { sweeps = 3, distance = 320 }: { sweeps?: number; distance?: number } = {}): Promise<PanFrames> {
  const box = await page.locator("#graph").boundingBox();
  if (!box) throw new Error("no #graph on the page");
  // A string, not a function: tsx would wrap a named arrow in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__panFrames = [];
    window.__panOn = true;
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
  await page.mouse.up();
  const times = (await page.evaluate(`(() => {
    window.__panOn = false;
    return window.__panFrames ?? [];
  })()`)) as number[];
  const intervals = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  return { frames: intervals.length, medianMs: quantile(intervals, 0.5), p95Ms: quantile(intervals, 0.95), maxMs: intervals.at(-1) ?? 0 };
}
