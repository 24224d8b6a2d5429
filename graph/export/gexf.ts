// GEXF 1.3 (Gephi, Gephi Lite) through graphology-gexf's writer. Each link type is the edge's `kind`,
// so Gephi keeps two links of different types between the same patterns as two edges.
import write from "graphology-gexf/common/writer.js";
import type { Attributes } from "graphology-types";
import type { ExportGraph } from "./export-graph.ts";
import { toGraphology } from "./graphology-graph.ts";
import { referenceLineSeparators, xmlIds, xmlText } from "./xml-text.ts";

/** Attributes GEXF carries as viz elements (position, size, colour), not as attvalues. */
const VIZ = ["x", "y", "size", "color"] as const;

function clean(value: unknown): unknown {
  if (typeof value === "string") return xmlText(value);
  // GEXF has list types, but graphology-gexf writes them in a syntax Gephi reads differently; a
  // JSON array in a string reads back exactly everywhere.
  if (Array.isArray(value)) return value.length ? xmlText(JSON.stringify(value)) : undefined;
  return value;
}

function split(attributes: Attributes, own: readonly string[]): { own: Attributes; viz: Attributes; rest: Attributes } {
  const out = { own: {} as Attributes, viz: {} as Attributes, rest: {} as Attributes };
  for (const [name, raw] of Object.entries(attributes)) {
    const value = clean(raw);
    if (value === undefined) continue;
    if (own.includes(name)) out.own[name] = value;
    else if ((VIZ as readonly string[]).includes(name)) out.viz[name] = value;
    else out.rest[name] = value;
  }
  return out;
}

export function toGexf(graph: ExportGraph): string {
  const ids = xmlIds([...graph.nodes.map((n) => n.key), ...graph.links.map((l) => l.key)]);
  const g = toGraphology(graph, ids);
  g.replaceAttributes({ creator: "Pattern Atlas", description: xmlText(graph.title) });
  const xml = write(g, {
    version: "1.3",
    // Only creator, description and keywords in <meta>: what the schema allows.
    pedantic: true,
    formatNode: (_key, attributes) => {
      const { own, viz, rest } = split(attributes, ["label"]);
      return { label: String(own.label), attributes: rest, ...(Object.keys(viz).length ? { viz: vizOf(viz) } : {}) };
    },
    formatEdge: (_key, attributes) => {
      // The weight is the edge's own attribute (Gephi's Weight column), not a second column.
      const { own, viz, rest } = split(attributes, ["weight"]);
      const linkType = String(rest.linkType);
      return {
        label: linkType,
        kind: linkType,
        ...(typeof own.weight === "number" ? { weight: own.weight } : {}),
        attributes: rest,
        ...(Object.keys(viz).length ? { viz: { ...(typeof viz.color === "string" && GEXF_COLOR.test(viz.color) ? { color: viz.color } : {}), ...(typeof viz.size === "number" ? { thickness: viz.size } : {}) } } : {}),
      };
    },
  });
  return referenceLineSeparators(xml);
}

/** Colours GEXF can say: `#rrggbb` or rgb()/rgba() (graphology-gexf writes nothing for other CSS colours). */
const GEXF_COLOR = /^(#[0-9a-fA-F]{6}|rgba?\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*(,\s*[.\d]+\s*)?\))$/;

function vizOf(viz: Attributes): Attributes {
  const out: Attributes = {};
  for (const name of VIZ) if (viz[name] !== undefined && (name !== "color" || GEXF_COLOR.test(String(viz[name])))) out[name] = viz[name];
  return out;
}
