// The offline snapshot file as a string: one HTML document with a no-network CSP, the snapshot as
// JSON that cannot break out of its <script>, the viewer inlined safely, and a readable file name.
import { describe, expect, it } from "vitest";
import { DEFAULT_STYLE } from "../../web/src/graph/view-style.ts";
import {
  buildOfflineHtml,
  jsonForScript,
  OFFLINE_CSP,
  OFFLINE_DATA_ID,
  offlineFileName,
  parseOfflineSnapshot,
  scriptForHtml,
  type OfflineSnapshot,
} from "../../web/src/talks/offline-html.ts";

const HOSTILE = '</script><script>alert("x")</script><!-- & \u2028';

function snapshot(overrides: Partial<OfflineSnapshot> = {}): OfflineSnapshot {
  return {
    format: "pattern-atlas-offline",
    version: 1,
    title: `Neighbourhood of ${HOSTILE}`,
    subtitle: "depth 2",
    createdAt: "2026-03-01T10:00:00.000Z",
    mode: "neighborhood",
    theme: "dark",
    style: { ...DEFAULT_STYLE },
    camera: null,
    graph: {
      attributes: {},
      options: { type: "directed", multi: true, allowSelfLoops: true },
      nodes: [{ key: "evil", attributes: { label: HOSTILE, title: HOSTILE, x: 0, y: 0, size: 8, color: "#4269d0", degree: 1 } }],
      edges: [],
    },
    focus: ["evil"],
    selected: null,
    emphasis: null,
    details: { evil: { summary: HOSTILE } },
    linkTypes: [],
    domains: [],
    ...overrides,
  };
}

const VIEWER = 'window.viewerRan = "</script>" + /<\\/script>/.source; // <!-- comment';

describe("the offline HTML file", () => {
  const html = buildOfflineHtml(snapshot(), VIEWER);

  it("is one HTML document whose only script elements are the data and the viewer", () => {
    expect(html.startsWith("<!doctype html>\n<html lang=\"en\" data-theme=\"dark\">")).toBe(true);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
    expect(html).not.toMatch(/\bsrc=|\bhref=/);
  });

  it("forbids every network request with its Content-Security-Policy", () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">`);
    expect(OFFLINE_CSP).toContain("default-src 'none'");
    expect(OFFLINE_CSP).not.toMatch(/https?:|\*/);
  });

  it("carries the snapshot as JSON that reads back unchanged", () => {
    const start = html.indexOf(`<script type="application/json" id="${OFFLINE_DATA_ID}">`);
    const body = html.slice(html.indexOf(">", start) + 1, html.indexOf("</script>", start));
    expect(parseOfflineSnapshot(body)).toEqual(snapshot());
  });

  it("escapes the title in the document title", () => {
    expect(html).toContain("<title>Neighbourhood of &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;!-- &amp;");
  });

  it("keeps the viewer's own source meaning while hiding `</script` and `<!--` from the HTML parser", () => {
    const inlined = scriptForHtml(VIEWER);
    expect(inlined).not.toMatch(/<\/script|<!--/i);
    const context: { viewerRan?: string } = {};
    new Function("window", inlined)(context);
    expect(context.viewerRan).toBe("</script><\\/script>");
  });

  it("escapes every character that could end or confuse a script element in the JSON", () => {
    expect(jsonForScript({ a: "</script><!-- &\u2028" })).toBe('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026\\u2028"}');
  });

  it("refuses data that is not a snapshot of this version", () => {
    expect(() => parseOfflineSnapshot('{"format":"other"}')).toThrow(/no Pattern Atlas snapshot/);
    expect(() => parseOfflineSnapshot(JSON.stringify({ ...snapshot(), version: 2 }))).toThrow(/version 2/);
  });

  it("names the file after the view", () => {
    expect(offlineFileName("Neighbourhood of Circuit Breaker")).toBe("pattern-atlas-neighbourhood-of-circuit-breaker.html");
    expect(offlineFileName("Überblick / Ωmega", "svg")).toBe("pattern-atlas-uberblick-mega.svg");
    expect(offlineFileName("")).toBe("pattern-atlas.html");
  });
});
