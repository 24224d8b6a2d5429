// A pattern whose title, summary and links carry HTML and script must show as plain text everywhere
// in the explorer (search list, panel, controls, canvas labels) and never run: the page builds its
// DOM with textContent and attribute setters only, and links only ever point at http(s) URLs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureWebBuild, launchBrowser, makeTempLibrary, saveScreenshot, startAtlasServer, waitForView, type AtlasBrowser, type AtlasServer } from "./harness.ts";

const EVIL_TITLE = `<img src=x onerror="window.__xss='title'">`;
const EVIL_SUMMARY = `<script>window.__xss='summary'</script><b>bold?</b>`;

const library = makeTempLibrary({
  "evil-pattern.md": [
    "---",
    "id: pat_01evil0000000000000000000a",
    "slug: evil-pattern",
    `title: ${JSON.stringify(EVIL_TITLE)}`,
    "aliases: ['<svg onload=alert(1)>']",
    "summary: >-",
    `  ${EVIL_SUMMARY}`,
    "page_url: \"javascript:window.__xss='page'\"",
    "github_url: https://example.org/evil-pattern.md",
    "ontology:",
    "  domain: '<i>domain</i>'",
    "lifecycle: { status: '<u>draft</u>' }",
    "relationships:",
    "  enables: [plain-pattern]",
    "  related: [other-pattern, '<img src=y onerror=alert(2)>']",
    "---",
    "# Evil",
    "",
  ].join("\n"),
  "plain-pattern.md": ["---", "id: pat_01plain000000000000000000a", "slug: plain-pattern", "title: Plain Pattern", "requires: [evil-pattern]", "---", "# Plain", ""].join("\n"),
  "other-pattern.md": ["---", "id: pat_01other000000000000000000a", "slug: other-pattern", "title: Other Pattern", "related: [plain-pattern]", "---", "# Other", ""].join("\n"),
});

let server: AtlasServer;
let browser: AtlasBrowser;

beforeAll(async () => {
  await ensureWebBuild();
  server = await startAtlasServer({ library: library.dir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  library.cleanup();
});

describe("a pattern with HTML in its title, summary and links", () => {
  it("is shown as inert text in search, panel and graph, and no script runs", async () => {
    expect(server.library.patterns.find((p) => p.slug === "evil-pattern")?.title).toBe(EVIL_TITLE);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}/`);
    await waitForView(page);

    await page.keyboard.press("/");
    await page.keyboard.type("img");
    const option = page.locator('#search-listbox [data-slug="evil-pattern"]');
    await option.waitFor();
    expect(await option.locator(".search__title").textContent()).toBe(EVIL_TITLE);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.__atlas!.state().selected === "evil-pattern");
    await page.evaluate(() => window.__atlas!.panelLoaded());

    expect(await page.locator("#panel-title").textContent()).toBe(EVIL_TITLE);
    expect(await page.locator("#panel .panel__summary").textContent()).toBe(EVIL_SUMMARY);
    // No element was made from the data: no img/script/svg/b/i/u anywhere in the page's chrome.
    expect(await page.locator("#panel img, #panel script, #panel b, #panel i, #panel u, #search-slot img, #search-slot svg[onload]").count()).toBe(0);
    // A javascript: page_url is not turned into a link; the https source link is.
    const hrefs = await page.locator("#panel a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(["https://example.org/evil-pattern.md"]);

    // Explore it: its neighbourhood labels are canvas text; the controls show the title as text.
    await page.locator("#panel button", { hasText: "Neighbourhood" }).click();
    await waitForView(page, { keyIncludes: "|evil-pattern|" });
    expect(await page.locator("#controls .focus-link").textContent()).toBe(EVIL_TITLE);
    expect(await page.evaluate(() => window.__atlas!.graph().nodes)).toEqual(expect.arrayContaining(["evil-pattern", "other-pattern", "plain-pattern"]));
    await page.waitForTimeout(300);

    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await saveScreenshot(page, "xss-inert");
    await page.close();
  });
});
