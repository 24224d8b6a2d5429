// Every export format, read back with a reader of that format (graphology-gexf, graphology-graphml,
// graphology's Graph.from, a plain RFC 4180 reader), holds exactly the library: each pattern with
// every attribute, each link, each dangling reference as a link to a placeholder node.
import { describe, expect, it } from "vitest";
import {
  EXPORT_FORMATS,
  exportFiles,
  exportGraph,
  exportLibrary,
  libraryExportGraph,
  libraryFileStem,
  type ExportGraph,
} from "../../graph/export/index.ts";
import type { Library } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { AWKWARD_TEXT } from "../fixtures/awkward-library.ts";
import { EXAMPLE_LIBRARY, SMALL_LIBRARY } from "../server/helpers.ts";
import { asCsvText, asXmlText, expectedGraph, expectSameGraph, mapText, readCsv, readGexf, readGraphml, readJson, xmllint } from "./export-helpers.ts";

const LIBRARIES: { name: string; library: () => Promise<Library> }[] = [
  { name: "the example library", library: () => loadLibrary(EXAMPLE_LIBRARY) },
  { name: "the awkward text fixture", library: () => Promise.resolve(AWKWARD_TEXT) },
  { name: "the small API library", library: () => Promise.resolve(SMALL_LIBRARY) },
];

describe.each(LIBRARIES)("exports of $name", ({ library: load }) => {
  it("has the example and fixture libraries' awkward cases to check", async () => {
    const library = await load();
    const expected = expectedGraph(library);
    expect(expected.nodes.size).toBeGreaterThan(library.patterns.length);
    expect([...expected.edges.values()].some((e) => e.attributes.dangling)).toBe(true);
    expect([...expected.edges.values()].some((e) => !e.directed)).toBe(true);
  });

  it("GEXF reads back with graphology-gexf: every node, link and attribute; the link type as each edge's kind and label", async () => {
    const library = await load();
    const result = exportLibrary(library, "gexf");
    expect(result.mediaType).toBe("application/gexf+xml; charset=utf-8");
    expect(result.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gexf version="1.3" xmlns="http:\/\/gexf.net\/1.3"/);
    const read = readGexf(result.body);
    const expected = mapText(expectedGraph(library), asXmlText);
    // The weight is the edge's own GEXF attribute; graphology-gexf reads it back as `weight` all the same.
    expectSameGraph(read, expected);
    for (const [key, edge] of expected.edges) {
      expect(read.kinds.get(key), key).toBe(edge.attributes.linkType);
      expect(read.labels.get(key), key).toBe(edge.attributes.linkType);
    }
  });

  it("GraphML reads back with graphology-graphml, and says which edges are directed", async () => {
    const library = await load();
    const result = exportLibrary(library, "graphml");
    expect(result.mediaType).toBe("application/graphml+xml; charset=utf-8");
    const read = readGraphml(result.body);
    expectSameGraph(read, mapText(expectedGraph(library), asXmlText));
    expect(read.graphAttributes).toMatchObject({ creator: "Pattern Atlas" });
    expect(xmllint(result.body, [])).toEqual({ ok: true, output: "" });
  });

  it("node-link JSON is graphology's own serialisation: Graph.from gives back every node, link and attribute", async () => {
    const library = await load();
    const result = exportLibrary(library, "json");
    expect(result.mediaType).toBe("application/json; charset=utf-8");
    const json = JSON.parse(result.body) as { options: Record<string, unknown> };
    expect(json.options).toEqual({ type: "mixed", multi: true, allowSelfLoops: true });
    expectSameGraph(readJson(result.body), expectedGraph(library));
  });

  it("CSV tables read back with an RFC 4180 reader; text a spreadsheet would run starts with '", async () => {
    const library = await load();
    const nodes = exportLibrary(library, "csv-nodes");
    const links = exportLibrary(library, "csv-links");
    expect(nodes.mediaType).toBe("text/csv; charset=utf-8; header=present");
    expect(nodes.body.endsWith("\r\n")).toBe(true);
    const read = readCsv(nodes.body, links.body);
    expect(read.nodeColumns).toEqual(["key", "label", "slug", "title", "dangling", "patternId", "aliases", "summary", "domain", "status", "generation", "file", "pageUrl", "githubUrl", "degree"]);
    expect(read.linkColumns).toEqual(["key", "source", "target", "linkType", "directed", "dangling", "weight", "description", "declaredIn", "line", "targetForm"]);
    expectSameGraph(read, mapText(expectedGraph(library), asCsvText));
  });
});

describe("the awkward text fixture's exports", () => {
  it("escape XML's <&> and quotes, keep line breaks as character references, and replace what XML cannot hold", () => {
    const gexf = exportLibrary(AWKWARD_TEXT, "gexf").body;
    expect(gexf).toContain(`label="&lt;&amp;> &quot;tags&quot; &amp; 'apostrophes'"`);
    expect(gexf).toContain('label="Say &quot;no&quot; — gently&#x2028;"');
    expect(gexf).toContain("Carriage&#xD;&#xA;return");
    expect(gexf.includes("\u0007") || gexf.includes("\u000c")).toBe(false);
    expect(gexf).toContain("bell \uFFFD here");
    const graphml = exportLibrary(AWKWARD_TEXT, "graphml").body;
    expect(graphml).toContain("&lt;&amp;&gt; &quot;tags&quot; &amp; &apos;apostrophes&apos;");
    expect(graphml.includes("\u0007") || graphml.includes("\u000c")).toBe(false);
    // JSON carries every character as it is.
    expect(readJson(exportLibrary(AWKWARD_TEXT, "json").body).nodes.get("crlf")?.attributes.summary).toBe("bell \u0007 and form feed \u000c inside");
  });

  it("guards every CSV cell a spreadsheet would run as a formula, in titles, aliases' neighbours, statuses and descriptions", () => {
    const csv = exportLibrary(AWKWARD_TEXT, "csv-nodes").body + exportLibrary(AWKWARD_TEXT, "csv-links").body;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain("'=cmd|' /C calc'!A0");
    expect(csv).toContain(",'=1+1,");
    expect(csv).toContain(",'\ttab first,");
    // No cell starts with a formula character unguarded.
    expect(csv).not.toMatch(/(^|,|\r\n)"?[=+\-@]/);
  });

  it("shares one placeholder node between references to the same missing target, and keeps how each was written", () => {
    const graph = libraryExportGraph(AWKWARD_TEXT);
    const placeholders = graph.nodes.filter((n) => n.dangling);
    expect(placeholders.map((n) => n.key)).toEqual(['dangling:Ghost "pattern"', 'dangling:Missing, <thing> & "co"', "dangling:pat_01missingmissingmissing00"]);
    const toMissing = graph.links.filter((l) => l.target === 'dangling:Missing, <thing> & "co"');
    expect(toMissing.map((l) => [l.source, l.linkType, l.targetForm, l.directed])).toEqual([
      ["formula", "requires", "title", true],
      ["less-than", "related", "mapping", false],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  });
});

describe("export files and names", () => {
  it("names files after the library (the parent of a _patterns folder) with portable characters", () => {
    expect(libraryFileStem("/libraries/awkward text/_patterns")).toBe("pattern-atlas-awkward-text");
    expect(libraryFileStem("examples/library")).toBe("pattern-atlas-library");
    expect(libraryFileStem("/")).toBe("pattern-atlas-library");
    expect(libraryFileStem("C:\\libs\\Entwürfe")).toBe("pattern-atlas-Entw-rfe");
  });

  it("gives two files for csv and one for every other choice", () => {
    expect(exportFiles(AWKWARD_TEXT, "csv").map((f) => [f.name, f.mediaType])).toEqual([
      ["pattern-atlas-awkward-text-nodes.csv", "text/csv; charset=utf-8; header=present"],
      ["pattern-atlas-awkward-text-links.csv", "text/csv; charset=utf-8; header=present"],
    ]);
    expect(exportFiles(AWKWARD_TEXT, "gexf", "out").map((f) => f.name)).toEqual(["out.gexf"]);
    expect(exportFiles(AWKWARD_TEXT, "json")[0]!.body).toBe(exportLibrary(AWKWARD_TEXT, "json").body);
  });

  it("writes the same bytes every time (no dates, canonical order)", () => {
    for (const format of EXPORT_FORMATS) {
      const shuffled: Library = { ...AWKWARD_TEXT, patterns: [...AWKWARD_TEXT.patterns].reverse(), links: [...AWKWARD_TEXT.links].reverse() };
      expect(exportLibrary(shuffled, format).body, format).toBe(exportLibrary(AWKWARD_TEXT, format).body);
    }
  });
});

describe("a view's export (what the explorer writes for the graph on screen)", () => {
  const view: ExportGraph = {
    title: "Neighbourhood of <Coaching>",
    nodes: [
      { key: "coaching", label: "Coaching", dangling: false, degree: 3, slug: "coaching", title: "Coaching", domain: "learning", x: 1.5, y: -2, size: 6, color: "#1f77b4" },
      { key: "dangling:Ghost", label: "Ghost", dangling: true, degree: 0, x: 0, y: 0, size: 3, color: "#999999" },
    ],
    links: [{ key: "coaching|related|dangling:Ghost", source: "coaching", target: "dangling:Ghost", linkType: "related", directed: false, dangling: true, weight: 0.5, color: "#2ca02c", size: 1.2 }],
  };

  it("puts positions, sizes and colours in GEXF's viz elements, which Gephi and graphology-gexf read", () => {
    const body = exportGraph(view, "gexf").body;
    expect(body).toContain('<viz:position x="1.5" y="-2"/>');
    const read = readGexf(body);
    expect(read.nodes.get("coaching")?.attributes).toMatchObject({ x: 1.5, y: -2, size: 6, color: "#1f77b4", domain: "learning" });
    expect(read.edges.get("coaching|related|dangling:Ghost")).toMatchObject({ directed: false, attributes: { color: "#2ca02c", weight: 0.5 } });
  });

  it("adds the drawing's columns to the CSV nodes table only when the graph has them", () => {
    const read = readCsv(exportGraph(view, "csv-nodes").body, exportGraph(view, "csv-links").body);
    expect(read.nodeColumns.slice(-4)).toEqual(["x", "y", "size", "color"]);
    expect(read.linkColumns.slice(-2)).toEqual(["color", "size"]);
    expect(read.nodes.get("coaching")?.attributes).toMatchObject({ x: 1.5, y: -2, size: 6 });
  });
});
