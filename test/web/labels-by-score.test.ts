// Which patterns a neighbourhood names, on the real 2026-02-20 snapshot: the focus first, then by the
// answer's relevance score, on a phone as on a desktop, in the embed and in the full explorer. The
// last review found the phone embed of Governance Design at depth 2 naming the patterns at the
// stage's edge (their labels had room outward) and not Commons Blueprint, a high-score neighbour among
// the dots near the focus. Measured from the frame: the rendered label boxes and dots
// (`__atlas.labelBoxes()`, `nodeDots()`), each pattern's score and title from the API's answer, and
// where a label could go (beside, above or below its dot, on one line or in two) worked out here with
// the screen's font. A pattern is left unnamed only if every such place is taken: off the stage or
// under something floating over it, over another node's dot, or over the label of a pattern that
// ranks above it. Dangling targets (no score of their own to speak of) are not asked about.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { saveScreenshot, waitForView } from "./harness.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { overlappingBoxes, useExplorer, VIEWPORTS } from "./explorer-fixture.ts";
import { sideBoxes, splitInTwo, twoLineBoxes } from "../../web/src/graph/label-lines.ts";

const atlas = useExplorer(realLibrary("2026-02-20"), { timeoutMs: 120_000 });

type Box = { minX: number; minY: number; maxX: number; maxY: number };

const settled = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** What the frame shows: the labels kept, the dots, the font's measures and each title's widths (one line, and in two). */
async function frame(page: Page, titles: Map<string, string>) {
  const texts = [...titles.values()].flatMap((t) => [t, ...(splitInTwo(t) ?? [])]);
  return page.evaluate((texts) => {
    const font = getComputedStyle(document.documentElement).getPropertyValue("--font-sans").trim() || "system-ui, sans-serif";
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `500 13px ${font}`;
    const hg = context.measureText("Hg");
    return {
      labels: [...window.__atlas!.labelBoxes()].map((b) => ({ key: b.key, label: b.label, badge: b.badge, x: b.x, y: b.y, width: b.width, height: b.height })),
      dots: [...window.__atlas!.nodeDots()],
      ascent: hg.fontBoundingBoxAscent,
      descent: hg.fontBoundingBoxDescent,
      widths: Object.fromEntries(texts.map((t) => [t, context.measureText(t).width])),
    };
  }, texts);
}

/** Of `boxes` (graph pixels), those whose every sampled point shows the stage's canvas: nothing floats over them. */
async function uncovered(page: Page, boxes: Box[]): Promise<boolean[]> {
  const graph = (await page.locator("#graph").boundingBox())!;
  return page.evaluate(
    ({ boxes, graph }) => {
      const container = document.getElementById("graph")!;
      return boxes.map((b) => {
        for (const fx of [0, 0.5, 1])
          for (const fy of [0, 0.5, 1]) {
            const x = graph.x + b.minX + 1 + (b.maxX - b.minX - 2) * fx;
            const y = graph.y + b.minY + 1 + (b.maxY - b.minY - 2) * fy;
            const hit = document.elementFromPoint(x, y);
            if (!hit || !container.contains(hit)) return false;
          }
        return true;
      });
    },
    { boxes, graph },
  );
}

/**
 * The patterns left unnamed while a place for their label was free of everything that ranks above
 * them, as "pattern (score): free <place>; named instead: lower-ranked ...". Empty when the named set
 * is the top of the score order among the patterns whose label fits.
 */
async function rankViolations(page: Page, answer: { nodes: { slug: string; title: string; score?: number; dangling?: boolean }[] }, focus: string) {
  const titles = new Map(answer.nodes.map((n) => [n.slug, n.title]));
  const score = new Map(answer.nodes.map((n) => [n.slug, n.slug === focus ? Infinity : (n.score ?? 0)]));
  const seen = await frame(page, titles);
  const graph = (await page.locator("#graph").boundingBox())!;
  const named = new Map(seen.labels.filter((l) => !l.badge).map((l) => [l.key, l]));
  const size = 13;
  const margin = 3;
  const meets = (a: Box, b: { x: number; y: number; width: number; height: number }) =>
    a.minX - margin < b.x + b.width && b.x < a.maxX + margin && a.minY - margin < b.y + b.height && b.y < a.maxY + margin;
  const overDot = (a: Box, dot: { x: number; y: number; r: number }) => {
    const dx = dot.x - Math.max(a.minX, Math.min(dot.x, a.maxX));
    const dy = dot.y - Math.max(a.minY, Math.min(dot.y, a.maxY));
    return dx * dx + dy * dy < (dot.r + margin) ** 2;
  };
  const candidates: { key: string; place: string; box: Box }[] = [];
  for (const dot of seen.dots) {
    const title = titles.get(dot.key);
    if (!title || named.has(dot.key) || dot.key.startsWith("dangling:") || !answer.nodes.some((n) => n.slug === dot.key)) continue;
    if (dot.x < 0 || dot.y < 0 || dot.x > graph.width || dot.y > graph.height) continue;
    const node = { x: dot.x, y: dot.y, size: dot.r };
    const places: [string, Box][] = sideBoxes(node, seen.widths[title]!, size, seen.ascent, seen.descent).map((b, i) => [`one line ${i}`, b]);
    const pair = splitInTwo(title);
    if (pair) twoLineBoxes(node, Math.max(seen.widths[pair[0]]!, seen.widths[pair[1]]!), size, seen.ascent, seen.descent).forEach((b, i) => places.push([`two lines ${i}`, b]));
    const mine = score.get(dot.key)!;
    for (const [place, box] of places) {
      if (box.minX < margin || box.minY < margin || box.maxX > graph.width - margin || box.maxY > graph.height - margin) continue;
      if (seen.dots.some((d) => d.key !== dot.key && overDot(box, d))) continue;
      if ([...named.values()].some((l) => (score.get(l.key) ?? 0) >= mine && meets(box, l))) continue;
      candidates.push({ key: dot.key, place, box });
    }
  }
  const free = await uncovered(page, candidates.map((c) => c.box));
  const found = new Map<string, string>();
  candidates.forEach((c, i) => {
    if (!free[i] || found.has(c.key)) return;
    const mine = score.get(c.key)!;
    const lower = [...named.keys()].filter((k) => (score.get(k) ?? 0) < mine);
    if (lower.length) found.set(c.key, `${c.key} (${mine}): free ${c.place}; named instead: ${lower.join(", ")}`);
  });
  return { violations: [...found.values()], named: [...named.keys()] };
}

const CASES = [
  { name: "embed", url: "/embed?view=neighborhood&focus=governance-design&depth=2", focus: "governance-design", api: "/api/neighborhood/governance-design?depth=2" },
  { name: "explorer", url: "/?view=neighborhood&focus=governance-design&depth=2", focus: "governance-design", api: "/api/neighborhood/governance-design?depth=2" },
];

describe("a neighbourhood names its patterns by relevance, the focus first", () => {
  for (const c of CASES)
    for (const viewport of VIEWPORTS) {
      it(`${c.name} at ${viewport.width}x${viewport.height}`, async () => {
        const answer = await (await fetch(`${atlas.server.url}${c.api}`)).json();
        const page = await atlas.browser.newPage(viewport);
        await page.goto(`${atlas.server.url}${c.url}`);
        expect((await waitForView(page)).status).toBe("ready");
        await page.waitForTimeout(800);
        await settled(page);
        await saveScreenshot(page, `labels-by-score-${c.name}-${viewport.width}x${viewport.height}`);
        const { violations, named } = await rankViolations(page, answer, c.focus);
        const boxes = await page.evaluate(() => [...window.__atlas!.labelBoxes()]);
        expect(overlappingBoxes(boxes, (b) => b.label)).toEqual([]);
        expect(named).toContain(c.focus);
        expect(violations).toEqual([]);
        // Commons Blueprint, a high-score neighbour next to the focus, went unnamed on the phone embed.
        expect(named).toContain("commons-blueprint");
        await page.close();
      }, 90_000);
    }
});
