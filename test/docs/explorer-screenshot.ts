// Takes the README's screenshot of the explorer: the real server on the 2026-02-20 snapshot (the cut
// fixture: the same graph, titles and summaries as the full library), headless
// Debian chromium at 1440x900, one view given by its URL query. Run it again when the explorer's look
// changes, then shrink the file (pngquant) before committing it as docs/images/explorer.png.
//   npx tsx test/docs/explorer-screenshot.ts [out.png] [view query]
import { realLibrary } from "../fixtures/real-library.ts";
import { ensureWebBuild, launchBrowser, startAtlasServer, waitForView } from "../web/harness.ts";

const out = process.argv[2] ?? "test-results/screenshots/explorer-readme.png";
const query = process.argv[3] ?? "view=neighborhood&focus=governance-design&depth=2&sel=governance-design";

await ensureWebBuild();
const server = await startAtlasServer({ library: realLibrary("2026-02-20") });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ width: 1440, height: 900 });
  await page.goto(`${server.url}/?${query}`);
  const view = await waitForView(page, { timeout: 60_000 });
  if (view.status !== "ready") throw new Error(`The view did not draw: ${view.status} ${view.error ?? ""}`);
  // The neighbourhood layout keeps moving for a while in its web worker; let it settle.
  await page.waitForTimeout(4_000);
  await page.screenshot({ path: out });
  console.log(`${out}: ${view.viewKey}, ${view.nodes} nodes`);
} finally {
  await browser.close();
  await server.close();
}
