// The GEXF export is valid GEXF 1.3: checked with xmllint against the format's RELAX NG grammar
// (test/fixtures/gexf-1.3, see its README for where each file comes from and why not the XSD).
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportGraph, exportLibrary, type ExportGraph } from "../../graph/export/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { AWKWARD_TEXT } from "../fixtures/awkward-library.ts";
import { EXAMPLE_LIBRARY } from "../server/helpers.ts";
import { xmllint } from "./export-helpers.ts";

const GRAMMAR = fileURLToPath(new URL("../fixtures/gexf-1.3/gexf.rng", import.meta.url));

/** The root's xsi attributes point XSD validators at a schema; RELAX NG has no such convention and would refuse them. */
const withoutXsi = (gexf: string): string => gexf.replace(/ xmlns:xsi="[^"]*" xsi:schemaLocation="[^"]*"/, "");

function validate(gexf: string): { ok: boolean; output: string } {
  expect(gexf).toContain('xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"');
  return xmllint(withoutXsi(gexf), ["--relaxng", GRAMMAR]);
}

const VIEW: ExportGraph = {
  title: "A view",
  nodes: [
    { key: "a", label: "A", dangling: false, degree: 1, slug: "a", title: "A", x: 10.25, y: -3, size: 4, color: "#ff8800" },
    { key: "b", label: "B", dangling: false, degree: 1, slug: "b", title: "B", x: 0, y: 0, size: 2, color: "rgba(10, 20, 30, 0.5)" },
    // A colour GEXF cannot say is left out rather than written as an empty <viz:color/>.
    { key: "c", label: "C", dangling: false, degree: 0, slug: "c", title: "C", x: 1, y: 1, size: 1, color: "hsl(10, 50%, 50%)" },
  ],
  links: [{ key: "a|enables|b", source: "a", target: "b", linkType: "enables", directed: true, dangling: false, color: "#112233", size: 1.5 }],
};

describe("GEXF 1.3 validity (xmllint --relaxng)", () => {
  it("holds for the example library's export", async () => {
    expect(validate(exportLibrary(await loadLibrary(EXAMPLE_LIBRARY), "gexf").body)).toMatchObject({ ok: true });
  });

  it("holds for the awkward text fixture (escapes, replaced control characters, undirected and dangling links)", () => {
    expect(validate(exportLibrary(AWKWARD_TEXT, "gexf").body)).toMatchObject({ ok: true });
  });

  it("holds for a view's export with positions, sizes and colours (viz elements, hex and rgba colours)", () => {
    const body = exportGraph(VIEW, "gexf").body;
    expect(body).toContain('<viz:color hex="#ff8800"/>');
    expect(body).toContain('<viz:color r="10" g="20" b="30" a="0.5"/>');
    expect(validate(body)).toMatchObject({ ok: true });
  });

  it("fails for a document the grammar forbids, so the checks above can fail", () => {
    const broken = exportLibrary(AWKWARD_TEXT, "gexf").body.replace('defaultedgetype="directed"', 'defaultedgetype="sideways"');
    const result = validate(broken);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/fails to validate/);
  });
});
