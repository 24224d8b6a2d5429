// The Share dialog's links: permalink, embed URL with only the non-default display flags, an
// <iframe> snippet whose attributes are escaped and sizes clamped, and the oEmbed endpoint URL.
import { describe, expect, it } from "vitest";
import { buildShareLinks, clampEmbedSize, type EmbedChoice } from "../../web/src/talks/share-links.ts";
import { EMBED_FLAG_DEFAULTS } from "../../core/embed.ts";

const ORIGIN = "https://atlas.example.org";
const DEFAULTS: EmbedChoice = { flags: { ...EMBED_FLAG_DEFAULTS }, width: 800, height: 600, theme: null };

describe("share links", () => {
  it("keeps the view's parameters in the permalink and the embed URL", () => {
    const links = buildShareLinks(ORIGIN, "?view=path&from=feature-toggles&to=continuous-delivery&types=enables,requires", DEFAULTS);
    expect(links.permalink).toBe("https://atlas.example.org/?view=path&from=feature-toggles&to=continuous-delivery&types=enables,requires");
    expect(links.embedUrl).toBe("https://atlas.example.org/embed?view=path&from=feature-toggles&to=continuous-delivery&types=enables,requires");
  });

  it("writes only the display flags that differ from the embed defaults, and a pinned theme", () => {
    const links = buildShareLinks(ORIGIN, "?view=lineage&focus=microservices", {
      ...DEFAULTS,
      flags: { legend: false, labels: true, search: true, interactive: false },
      theme: "dark",
    });
    const url = new URL(links.embedUrl);
    expect(url.pathname).toBe("/embed");
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: "lineage", focus: "microservices", legend: "0", search: "1", interactive: "0", theme: "dark" });
  });

  it("drops display flags from the permalink even when the page was opened with them", () => {
    const links = buildShareLinks(ORIGIN, "?view=overview&legend=0&embed=1&theme=dark", DEFAULTS);
    expect(links.permalink).toBe("https://atlas.example.org/?view=overview");
  });

  it("builds an iframe snippet with the chosen size and escaped attributes", () => {
    const links = buildShareLinks(ORIGIN, '?focus=a"><script>', { ...DEFAULTS, width: 640, height: 360 }, 'Lineage of "A" <B>');
    expect(links.iframeHtml).toMatch(/^<iframe src="https:\/\/atlas\.example\.org\/embed\?focus=a%22%3E%3Cscript%3E" width="640" height="360"/);
    expect(links.iframeHtml).toContain('title="Lineage of &quot;A&quot; &lt;B&gt;"');
    expect(links.iframeHtml).not.toContain("<script>");
    expect(links.iframeHtml.endsWith("></iframe>")).toBe(true);
  });

  it("points the oEmbed URL at the embed URL with the same bounds", () => {
    const links = buildShareLinks(ORIGIN, "?view=neighborhood&focus=circuit-breaker", { ...DEFAULTS, width: 500, height: 300 });
    const url = new URL(links.oembedUrl);
    expect(url.origin + url.pathname).toBe("https://atlas.example.org/api/oembed");
    expect(url.searchParams.get("url")).toBe(links.embedUrl);
    expect(url.searchParams.get("maxwidth")).toBe("500");
    expect(url.searchParams.get("format")).toBe("json");
  });

  it("clamps sizes into the allowed range and falls back on nonsense", () => {
    expect(clampEmbedSize(10, 800)).toBe(120);
    expect(clampEmbedSize("99999", 800)).toBe(4096);
    expect(clampEmbedSize("abc", 800)).toBe(800);
    expect(clampEmbedSize("480.6", 800)).toBe(481);
  });
});
