// GET /api/export on the real app: each format downloads under a name that says what it is, gzipped
// or plain as the client accepts, reads back with that format's reader, follows a reload, and every
// mistake in the query is a 400 naming the parameter. And the thread that writes the exports.
import { gunzipSync } from "node:zlib";
import type { Response } from "superagent";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { EXPORT_FORMATS, exportLibrary, type ExportFormat } from "../../graph/export/index.ts";
import { createExportThread } from "../../server/export-thread.ts";
import { AWKWARD_TEXT } from "../fixtures/awkward-library.ts";
import { asCsvText, asXmlText, expectedGraph, expectSameGraph, mapText, readCsv, readGexf, readGraphml, readJson } from "../graph/export-helpers.ts";
import { expectErrorShape, makeApp, SMALL_LIBRARY } from "./helpers.ts";

/** Collects the body as text whatever its type (supertest has gunzipped it already when it was sent gzipped). */
function asText(res: Response, done: (error: Error | null, body: string) => void): void {
  let text = "";
  res.setEncoding("utf8");
  res.on("data", (chunk: string) => (text += chunk));
  res.on("end", () => done(null, text));
}

async function download(app: Parameters<typeof request>[0], query: string, encoding = "gzip") {
  const res = await request(app).get(`/api/export${query}`).set("Accept-Encoding", encoding).buffer(true).parse(asText);
  return { res, text: res.body as string };
}

const TYPES: Record<ExportFormat, string> = {
  gexf: "application/gexf+xml; charset=utf-8",
  graphml: "application/graphml+xml; charset=utf-8",
  json: "application/json; charset=utf-8",
  "csv-nodes": "text/csv; charset=utf-8; header=present",
  "csv-links": "text/csv; charset=utf-8; header=present",
};

const NAMES: Record<ExportFormat, string> = {
  gexf: "pattern-atlas-awkward-text.gexf",
  graphml: "pattern-atlas-awkward-text.graphml",
  json: "pattern-atlas-awkward-text.json",
  "csv-nodes": "pattern-atlas-awkward-text-nodes.csv",
  "csv-links": "pattern-atlas-awkward-text-links.csv",
};

describe("GET /api/export", () => {
  const { app } = makeApp(AWKWARD_TEXT);

  it.each(EXPORT_FORMATS)("sends %s gzipped as an attachment named after the library", async (format) => {
    const { res } = await download(app, `?format=${format}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe(TYPES[format]);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="${NAMES[format]}"`);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["vary"]).toContain("Accept-Encoding");
    expect(res.headers["cache-control"]).toBe("no-cache");
  });

  it("sends the same bytes plain to a client that does not take gzip", async () => {
    for (const format of EXPORT_FORMATS) {
      const zipped = await download(app, `?format=${format}`);
      const plain = await download(app, `?format=${format}`, "identity");
      expect(plain.res.headers["content-encoding"], format).toBeUndefined();
      expect(plain.text.length, format).toBeGreaterThan(200);
      expect(plain.text, format).toBe(zipped.text);
    }
  });

  it("gives files that read back to the library: GEXF, GraphML, JSON and both CSV tables", async () => {
    const expected = expectedGraph(AWKWARD_TEXT);
    expectSameGraph(readGexf((await download(app, "?format=gexf")).text), mapText(expected, asXmlText));
    expectSameGraph(readGraphml((await download(app, "?format=graphml")).text), mapText(expected, asXmlText));
    expectSameGraph(readJson((await download(app, "?format=json")).text), expected);
    const nodes = (await download(app, "?format=csv-nodes")).text;
    const links = (await download(app, "?format=csv-links")).text;
    expectSameGraph(readCsv(nodes, links), mapText(expected, asCsvText));
  });

  it("answers concurrent requests for one format with one export, identical for all", async () => {
    const { app: fresh } = makeApp(AWKWARD_TEXT);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => download(fresh, `?format=${EXPORT_FORMATS[i % EXPORT_FORMATS.length]}`)));
    for (const [i, a] of answers.entries()) expect(a.res.status, String(i)).toBe(200);
    expect(answers[5]!.text).toBe(answers[0]!.text);
  });

  it("exports the library loaded now: a reload changes the file and its name", async () => {
    const { app: reloading, store } = makeApp(SMALL_LIBRARY);
    const before = await download(reloading, "?format=json");
    expect(before.res.headers["content-disposition"]).toBe('attachment; filename="pattern-atlas-small.json"');
    expect(readJson(before.text).nodes.has("coaching")).toBe(true);
    await store.load(AWKWARD_TEXT);
    const after = await download(reloading, "?format=json");
    expect(after.res.headers["content-disposition"]).toBe('attachment; filename="pattern-atlas-awkward-text.json"');
    const read = readJson(after.text);
    expect(read.nodes.has("coaching")).toBe(false);
    expect(read.nodes.get("less-than")?.attributes.title).toBe(`<&> "tags" & 'apostrophes'`);
  });

  it.each([
    ["", "format", /one of gexf, graphml, json, csv-nodes, csv-links/],
    ["?format=xml", "format", /one of gexf, graphml, json, csv-nodes, csv-links/],
    ["?format=GEXF", "format", /one of gexf/],
    ["?format=csv", "format", /csv-nodes, csv-links/],
    ["?format=gexf&format=json", "format", /a single value/],
    ["?format=gexf&pretty=1", "pretty", /this endpoint accepts format/],
  ])("refuses %s with a 400 naming %s", async (query, parameter, allowed) => {
    const res = await request(app).get(`/api/export${query}`);
    expect(res.status).toBe(400);
    const error = expectErrorShape(res.body);
    expect(error.code).toBe("invalid_input");
    expect(error.details.parameter).toBe(parameter);
    expect(String(error.details.allowed)).toMatch(allowed);
  });
});

describe("the export thread", () => {
  it("writes in a worker what exportLibrary writes, asking for the library once per version", async () => {
    const thread = createExportThread();
    let asked = 0;
    const library = () => {
      asked += 1;
      return Promise.resolve(AWKWARD_TEXT);
    };
    try {
      for (const format of EXPORT_FORMATS) {
        const written = await thread.write("v1", library, format);
        const body = gunzipSync(written.gzipped).toString("utf8");
        expect(body, format).toBe(exportLibrary(AWKWARD_TEXT, format).body);
        expect(written.bytes, format).toBe(Buffer.byteLength(body));
        expect(written.stem).toBe("pattern-atlas-awkward-text");
      }
      expect(asked).toBe(1);
      await thread.write("v2", () => Promise.resolve(SMALL_LIBRARY), "json");
      expect((await thread.write("v1", library, "json")).stem).toBe("pattern-atlas-awkward-text");
      expect(asked).toBe(2);
    } finally {
      await thread.close();
    }
  });

  it("writes on the calling thread once the worker is gone, with the same bytes", async () => {
    const failures: string[] = [];
    const thread = createExportThread((message) => failures.push(message));
    await thread.close();
    const written = await thread.write("v1", () => Promise.resolve(AWKWARD_TEXT), "graphml");
    expect(gunzipSync(written.gzipped).toString("utf8")).toBe(exportLibrary(AWKWARD_TEXT, "graphml").body);
  });
});
