// By-hand repro of issue 12's freeze (docs/performance.md, "Closing an opened community at 10x"): a
// phone, the largest community open, a drag of 160 px let go, then the pointer to the stage's middle.
// Prints the node looks (`__atlas.reducedNodes()`), wall time and renderer CPU from the release on.
//   npx tsx test/bench/freeze-repro.ts http://127.0.0.1:N [390x844] [screenshot-prefix]
// F12_DIST=<built web/dist> serves that build to the page instead of the server's.
import { readFileSync, readdirSync } from "node:fs";
import { launchPlainBrowser } from "../web/harness.ts";
import { routeExplorer } from "./lib/explorer-route.ts";
/** CPU ms (utime + stime) of this process's Chromium renderers. */
function rendererCpuMs(): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("--type=renderer")) continue;
      const f = readFileSync(`/proc/${entry}/stat`, "utf8");
      const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
      if (!descendsFrom(Number(entry))) continue;
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10;
}
function descendsFrom(pid: number): boolean {
  for (let p = pid, n = 0; p > 1 && n < 20; n++) {
    if (p === process.pid) return true;
    const f = readFileSync(`/proc/${p}/stat`, "utf8");
    p = Number(f.slice(f.lastIndexOf(")") + 2).split(" ")[1]);
  }
  return false;
}
const url = process.argv[2]!;
const [w, h] = (process.argv[3] ?? "390x844").split("x").map(Number);
const browser = await launchPlainBrowser();
try {
  const context = await browser.newContext({ viewport: { width: w!, height: h! }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.text().startsWith("[f12]")) console.log(m.text()); });
  const dist = process.env.F12_DIST;
  if (dist) await routeExplorer(page, dist);
  const step = async (name: string) => {
    const s = Date.now();
    const r = await page.evaluate(() => ({ reduced: window.__atlas!.reducedNodes(), f12: (window as unknown as { __f12?: Record<string, number> }).__f12 ?? {}, order: window.__atlas!.graph().nodes.length }));
    console.log(`[${name}] eval ${Date.now() - s} ms reduced ${r.reduced} order ${r.order}`);
    for (const [k, v] of Object.entries(r.f12).sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`   ${v}  ${k}`);
  };
  await page.goto(`${url}/`);
  await page.waitForFunction(() => window.__atlas?.status === "ready", undefined, { timeout: 180_000, polling: 100 });
  const box = (await page.locator("#graph").boundingBox())!;
  const largest = (await page.evaluate(() => window.__atlas!.communityNodes())).sort((a, b) => b.members - a.members)[0]!;
  await page.waitForTimeout(2000);
  const at = (await page.evaluate((k) => window.__atlas!.nodePosition(k), largest.node))!;
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await page.mouse.move(box.x + 4, box.y + box.height - 4);
  await page.waitForFunction((key) => window.__atlas!.communityNodes().find((c) => c.key === key)?.open === true, largest.key, { timeout: 60_000, polling: 100 });
  await page.waitForTimeout(2500);
  if (process.argv[4]) await page.screenshot({ path: `${process.argv[4]}-open.png` });
  const r0 = await page.evaluate(() => window.__atlas!.reducedNodes());
  const x = box.x + box.width / 2 - 80, y = box.y + box.height / 2;
  await step("before drag");
  await page.mouse.move(x, y);
  await step("moved to start");
  await page.mouse.down();
  await page.mouse.move(x + 160, y, { steps: 20 });
  await step("dragged");
  const cpu0 = rendererCpuMs();
  const up = Date.now();
  await page.mouse.up();
  await step("released");
  await page.waitForTimeout(700);
  const r1 = await page.evaluate(() => window.__atlas!.reducedNodes());
  console.log(`reduced after release ${r1 - r0}; release + 700 ms wait + evaluate: ${Date.now() - up} ms wall, renderer CPU ${rendererCpuMs() - cpu0} ms`);
  const t0 = Date.now();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const t1 = Date.now();
  for (let i = 0; i < 10; i++) {
    const s = Date.now();
    const r = await page.evaluate(() => window.__atlas!.reducedNodes());
    console.log(`move ${t1 - t0} ms; evaluate ${i} after ${Date.now() - t1} ms took ${Date.now() - s} ms reduced ${r - r1}`);
    await page.waitForTimeout(500);
  }
  await step("end");
  if (process.argv[4]) await page.screenshot({ path: `${process.argv[4]}-after.png` });
} finally {
  await browser.close();
}
