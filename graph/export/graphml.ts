// GraphML (yEd, Cytoscape, NetworkX, Gephi), written here: graphology-graphml only reads it. One
// <key> per attribute that some node or link has, typed; every edge says whether it is directed.
import { LINK_ATTRIBUTES, NODE_ATTRIBUTES, type ExportGraph, type ExportLink, type ExportNode } from "./export-graph.ts";
import { escapeXml } from "./xml-text.ts";

type GraphmlType = "string" | "boolean" | "int" | "double";

/** A value as GraphML text: lists as JSON arrays (GraphML has no list type), numbers and booleans as written. */
function text(value: unknown): string {
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

/** Fixed types, so a file's schema does not depend on its data (weights of 1 stay doubles). */
const TYPES: Partial<Record<string, GraphmlType>> = {
  dangling: "boolean",
  directed: "boolean",
  degree: "int",
  generation: "int",
  line: "int",
  weight: "double",
  x: "double",
  y: "double",
  size: "double",
};

interface Key {
  id: string;
  name: string;
  type: GraphmlType;
}

function keysFor<T extends object>(items: readonly T[], names: readonly (keyof T & string)[], prefix: string): Key[] {
  const keys: Key[] = [];
  for (const name of names) {
    const values = items.map((item) => item[name]).filter((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
    if (values.length) keys.push({ id: `${prefix}.${name}`, name, type: TYPES[name] ?? "string" });
  }
  return keys;
}

function dataLines<T extends object>(item: T, keys: readonly Key[], indent: string): string[] {
  const lines: string[] = [];
  for (const key of keys) {
    const value = item[key.name as keyof T];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    lines.push(`${indent}<data key="${key.id}">${escapeXml(text(value))}</data>`);
  }
  return lines;
}

/**
 * The GraphML document. Node ids are the export keys (slugs); `edgedefault="undirected"` with
 * `directed="true"` on each directed edge, the reading every GraphML reader shares.
 */
export function toGraphml(graph: ExportGraph): string {
  const nodeKeys = keysFor<ExportNode>(graph.nodes, NODE_ATTRIBUTES, "n");
  const linkKeys = keysFor<ExportLink>(graph.links, LINK_ATTRIBUTES, "e");
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="g.title" for="graph" attr.name="title" attr.type="string"/>',
    '  <key id="g.creator" for="graph" attr.name="creator" attr.type="string"/>',
  ];
  for (const key of nodeKeys) out.push(`  <key id="${key.id}" for="node" attr.name="${key.name}" attr.type="${key.type}"/>`);
  for (const key of linkKeys) out.push(`  <key id="${key.id}" for="edge" attr.name="${key.name}" attr.type="${key.type}"/>`);
  out.push('  <graph id="G" edgedefault="undirected">');
  out.push(`    <data key="g.title">${escapeXml(graph.title)}</data>`, '    <data key="g.creator">Pattern Atlas</data>');
  for (const node of graph.nodes) {
    out.push(`    <node id="${escapeXml(node.key)}">`, ...dataLines(node, nodeKeys, "      "), "    </node>");
  }
  for (const link of graph.links) {
    out.push(
      `    <edge id="${escapeXml(link.key)}" source="${escapeXml(link.source)}" target="${escapeXml(link.target)}" directed="${link.directed}">`,
      ...dataLines(link, linkKeys, "      "),
      "    </edge>",
    );
  }
  out.push("  </graph>", "</graphml>", "");
  return out.join("\n");
}
