// The server side of graphs for talks: /embed may be framed by any site and advertises its oEmbed endpoint,
// the rest of the app refuses to be framed, and /api/oembed answers a rich iframe for views of this
// server only.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { asSlug, createMemoryStore, type Library, type Pattern } from "../../graph/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { embedTargetFor, fitSize } from "../../server/routes/talks.ts";

function pattern(slug: string, title: string): Pattern {
  return { slug: asSlug(slug), title, aliases: [], domain: "delivery", file: `${slug}.md`, generation: 2 };
}

const LIBRARY: Library = {
  root: "talks",
  files: 3,
  patterns: [pattern("feature-toggles", "Feature Toggles"), pattern("trunk-based-development", "Trunk-Based Development"), pattern("canary-release", 'Canary "<Release>"')],
  links: [{ source: asSlug("feature-toggles"), type: "enables", target: asSlug("trunk-based-development"), declaredIn: "feature-toggles.md" }],
  dangling: [],
  problems: [],
};

const webDist = mkdtempSync(path.join(tmpdir(), "pattern-atlas-talks-dist-"));
writeFileSync(path.join(webDist, "index.html"), "<!doctype html>\n<html>\n  <head>\n    <title>Pattern Atlas</title>\n  </head>\n  <body></body>\n</html>\n");
afterAll(() => rmSync(webDist, { recursive: true, force: true }));

const app = createApp({ store: createMemoryStore(LIBRARY), webDist, logger: silentLogger });
const HOST = "atlas.test:8080";
const get = (url: string) => request(app).get(url).set("Host", HOST);

describe("framing", () => {
  it("lets any site frame the embed page", async () => {
    const res = await get("/embed?view=neighborhood&focus=feature-toggles&legend=0").expect(200);
    expect(res.headers["x-frame-options"]).toBeUndefined();
    expect(res.headers["content-security-policy"]).toBe("frame-ancestors *");
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
  });

  it.each(["/", "/?view=overview", "/api/stats", "/api/oembed?url=x", "/embedded"])("forbids framing %s", async (url) => {
    const res = await get(url);
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("serves the explorer's page at /embed with a relative oEmbed discovery link for that very URL", async () => {
    const res = await get("/embed?view=lineage&focus=feature-toggles&x=%22%3E%3Cscript%3E").expect(200);
    const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(res.text);
    expect(link).not.toBeNull();
    expect(res.text).not.toContain('"><script>');
    const raw = link![1]!.replace(/&amp;/g, "&");
    expect(raw.startsWith("/api/oembed?")).toBe(true);
    const href = new URL(raw, "http://base.invalid");
    expect(href.searchParams.get("url")).toBe("/embed?view=lineage&focus=feature-toggles&x=%22%3E%3Cscript%3E");
    expect(res.text.indexOf("application/json+oembed")).toBeLessThan(res.text.indexOf("</head>"));
    // The relative URL it advertises is one the endpoint answers, with a relative iframe.
    const oembed = await get(raw).expect(200);
    expect(oembed.body.html).toContain('src="/embed?view=lineage&amp;focus=feature-toggles');
    expect(oembed.body.provider_url).toBe("/");
  });

  it("builds absolute URLs from --public-url only, whatever Host says", async () => {
    const pub = createApp({ store: createMemoryStore(LIBRARY), webDist, logger: silentLogger, publicUrl: "https://atlas.example.org/atlas" });
    const forged = (url: string) => request(pub).get(url).set("Host", "evil.example");
    const page = await forged("/embed?view=overview").expect(200);
    expect(page.text).toContain('href="https://atlas.example.org/atlas/api/oembed?url=https%3A%2F%2Fatlas.example.org%2Fatlas%2Fembed%3Fview%3Doverview');
    expect(page.text).not.toContain("evil.example");
    const answer = await forged(`/api/oembed?url=${encodeURIComponent("https://atlas.example.org/atlas/?view=overview&legend=0")}`).expect(200);
    expect(answer.body.provider_url).toBe("https://atlas.example.org/atlas/");
    expect(answer.body.html).toContain('src="https://atlas.example.org/atlas/embed?view=overview"');
    expect(JSON.stringify(answer.body)).not.toContain("evil.example");
    // A URL on the forged host, or outside the public path, is not this server's view.
    await forged(`/api/oembed?url=${encodeURIComponent("http://evil.example/?view=overview")}`).expect(404);
    await forged(`/api/oembed?url=${encodeURIComponent("https://atlas.example.org/other/?view=overview")}`).expect(404);
    // Without --public-url, a forged Host changes nothing the embed page advertises.
    const bare = await request(app).get("/embed?view=overview").set("Host", "evil.example").expect(200);
    expect(bare.text).not.toContain("evil.example");
  });

  it("falls back to the not-built page when the explorer has not been built, still frameable", async () => {
    const bare = createApp({ store: createMemoryStore(LIBRARY), webDist: path.join(webDist, "missing"), logger: silentLogger });
    const res = await request(bare).get("/embed").expect(200);
    expect(res.text).toMatch(/has not been built/);
    expect(res.headers["x-frame-options"]).toBeUndefined();
  });
});

describe("GET /api/oembed", () => {
  it("answers a rich response whose iframe shows the view's embed URL", async () => {
    const url = `http://${HOST}/?view=neighborhood&focus=feature-toggles&depth=2`;
    const res = await get(`/api/oembed?url=${encodeURIComponent(url)}&format=json`).expect(200).expect("Content-Type", /json/);
    expect(res.body).toMatchObject({
      version: "1.0",
      type: "rich",
      provider_name: "Pattern Atlas",
      provider_url: `http://${HOST}/`,
      title: "Neighbourhood of Feature Toggles · Pattern Atlas",
      width: 800,
      height: 600,
    });
    expect(res.body.html).toBe(
      `<iframe src="http://${HOST}/embed?view=neighborhood&amp;focus=feature-toggles&amp;depth=2" width="800" height="600" title="Neighbourhood of Feature Toggles · Pattern Atlas" style="border:0" loading="lazy" allow="fullscreen"></iframe>`,
    );
  });

  it("keeps an embed URL's display flags, escapes titles, and fits maxwidth/maxheight keeping the aspect ratio", async () => {
    const url = `http://${HOST}/embed?view=path&from=feature-toggles&to=canary-release&legend=0`;
    const res = await get(`/api/oembed?url=${encodeURIComponent(url)}&maxwidth=400&maxheight=1000`).expect(200);
    expect(res.body.title).toBe('Paths from Feature Toggles to Canary "<Release>" · Pattern Atlas');
    expect(res.body.html).toContain("legend=0");
    expect(res.body.html).toContain('title="Paths from Feature Toggles to Canary &quot;&lt;Release&gt;&quot; · Pattern Atlas"');
    expect([res.body.width, res.body.height]).toEqual([400, 300]);
  });

  it("describes a Gaps view by its kind and pattern", async () => {
    const url = `http://${HOST}/?view=gaps&kind=dangling&pattern=feature-toggles`;
    const res = await get(`/api/oembed?url=${encodeURIComponent(url)}`).expect(200);
    expect(res.body.title).toBe("Gaps (dangling) around Feature Toggles · Pattern Atlas");
  });

  it("names an unknown pattern by its slug rather than failing", async () => {
    const url = `http://${HOST}/?view=lineage&focus=no-such-pattern`;
    const res = await get(`/api/oembed?url=${encodeURIComponent(url)}`).expect(200);
    expect(res.body.title).toBe("Lineage of no-such-pattern · Pattern Atlas");
  });

  it.each([
    ["another host", "http://evil.example/?view=overview"],
    ["another path", `http://${HOST}/api/stats`],
    ["not a URL", "overview"],
    ["another scheme", `javascript://${HOST}/`],
  ])("answers 404 for a URL it has no embed for (%s)", async (_case, url) => {
    const res = await get(`/api/oembed?url=${encodeURIComponent(url)}`).expect(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("answers 501 for a format other than json, as oEmbed asks", async () => {
    const res = await get(`/api/oembed?url=${encodeURIComponent(`http://${HOST}/`)}&format=xml`).expect(501);
    expect(res.body.error.code).toBe("unsupported_format");
    expect(res.body.error.details).toMatchObject({ parameter: "format", allowed: "json" });
  });

  it.each([
    ["/api/oembed", "url"],
    [`/api/oembed?url=${encodeURIComponent(`http://${HOST}/`)}&maxwidth=0`, "maxwidth"],
    [`/api/oembed?url=${encodeURIComponent(`http://${HOST}/`)}&maxheight=big`, "maxheight"],
    [`/api/oembed?url=${encodeURIComponent(`http://${HOST}/`)}&callback=x`, "callback"],
  ])("answers 400 naming the parameter for %s", async (url, parameter) => {
    const res = await get(url).expect(400);
    expect(res.body.error.details.parameter).toBe(parameter);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("embed targets and sizes", () => {
  it("turns a permalink into the embed URL, dropping display flags only from permalinks", () => {
    expect(embedTargetFor("https://a.example/?view=overview&legend=0", "a.example")?.embedUrl).toBe("https://a.example/embed?view=overview");
    expect(embedTargetFor("https://a.example/embed/?labels=0", "a.example")?.embedUrl).toBe("https://a.example/embed?labels=0");
    expect(embedTargetFor("https://a.example/?types=enables,requires", "a.example")?.embedUrl).toBe("https://a.example/embed?types=enables,requires");
    expect(embedTargetFor("https://b.example/", "a.example")).toBeNull();
  });

  it("scales the default 800x600 down into the consumer's bounds", () => {
    expect(fitSize(undefined, undefined)).toEqual({ width: 800, height: 600 });
    expect(fitSize(1600, 1200)).toEqual({ width: 800, height: 600 });
    expect(fitSize(undefined, 300)).toEqual({ width: 400, height: 300 });
  });
});
