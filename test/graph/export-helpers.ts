// What an export of a library must hold, worked out from the Library itself (not from the export
// code), and readers that turn each format back into plain nodes and edges to compare with it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { expect } from "vitest";
import type { Library } from "../../graph/index.ts";

export type Values = Record<string, unknown>;

export interface ReadNode {
  key: string;
  attributes: Values;
}

export interface ReadEdge {
  key: string;
  source: string;
  target: string;
  directed: boolean;
  attributes: Values;
}

export interface ReadGraph {
  nodes: Map<string, ReadNode>;
  edges: Map<string, ReadEdge>;
}

const SYMMETRIC = new Set(["related", "alternatives", "complementary"]);

/** Removes undefined values, so that "absent" compares equal whichever way a format says it. */
function defined(values: Values): Values {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * The nodes and links a library export must contain: one node per pattern, one placeholder node
 * `dangling:<target>` per distinct dangling target, one edge per distinct (source, type, target).
 */
export function expectedGraph(library: Library): ReadGraph {
  const nodes = new Map<string, ReadNode>();
  const edges = new Map<string, ReadEdge>();
  const degree = new Map<string, number>();
  const seenLinks = new Set<string>();
  for (const l of library.links) {
    const key = `${l.source}|${l.type}|${l.target}`;
    if (seenLinks.has(key)) continue;
    seenLinks.add(key);
    degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
    if (l.source !== l.target) degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
    edges.set(key, {
      key,
      source: l.source,
      target: l.target,
      directed: !SYMMETRIC.has(l.type),
      attributes: defined({ linkType: l.type, directed: !SYMMETRIC.has(l.type), dangling: false, weight: l.weight, description: l.description, declaredIn: l.declaredIn, line: l.line }),
    });
  }
  for (const p of library.patterns) {
    nodes.set(p.slug, {
      key: p.slug,
      attributes: defined({
        label: p.title,
        slug: p.slug,
        title: p.title,
        dangling: false,
        patternId: p.id,
        aliases: p.aliases.length ? p.aliases : undefined,
        summary: p.summary,
        domain: p.domain,
        status: p.status,
        generation: p.generation,
        file: p.file,
        pageUrl: p.pageUrl,
        githubUrl: p.githubUrl,
        degree: degree.get(p.slug) ?? 0,
      }),
    });
  }
  for (const d of library.dangling) {
    const target = `dangling:${d.target}`;
    const key = `${d.source}|${d.type}|${target}`;
    if (!nodes.has(target)) nodes.set(target, { key: target, attributes: { label: d.target, dangling: true, degree: 0 } });
    if (edges.has(key)) continue;
    edges.set(key, {
      key,
      source: d.source,
      target,
      directed: !SYMMETRIC.has(d.type),
      attributes: defined({ linkType: d.type, directed: !SYMMETRIC.has(d.type), dangling: true, weight: d.weight, description: d.description, declaredIn: d.declaredIn, line: d.line, targetForm: d.form }),
    });
  }
  return { nodes, edges };
}

/** XML 1.0 cannot hold C0 controls other than tab, LF and CR: the XML formats write U+FFFD instead. */
// eslint-disable-next-line no-control-regex
export const asXmlText = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "\uFFFD");

/**
 * A graph's text values mapped (through `text`), e.g. to what XML can carry. Lists are left alone:
 * every format but JSON writes them as JSON text, whose escapes carry any character.
 */
export function mapText(graph: ReadGraph, text: (s: string) => string): ReadGraph {
  const mapValues = (values: Values): Values => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? text(v) : v]));
  return {
    nodes: new Map([...graph.nodes].map(([k, n]) => [text(k), { key: text(n.key), attributes: mapValues(n.attributes) }])),
    edges: new Map([...graph.edges].map(([k, e]) => [text(k), { ...e, key: text(e.key), source: text(e.source), target: text(e.target), attributes: mapValues(e.attributes) }])),
  };
}

function fromGraphology(graph: Graph, nodeValues: (v: Values) => Values, edgeValues: (v: Values) => Values): ReadGraph {
  const nodes = new Map<string, ReadNode>();
  const edges = new Map<string, ReadEdge>();
  graph.forEachNode((key, attributes) => nodes.set(key, { key, attributes: nodeValues(attributes) }));
  graph.forEachEdge((key, attributes, source, target, _s, _t, undirected) => edges.set(key, { key, source, target, directed: !undirected, attributes: edgeValues(attributes) }));
  return { nodes, edges };
}

const parseAliases = (v: Values): Values => (typeof v.aliases === "string" ? { ...v, aliases: JSON.parse(v.aliases) as unknown } : v);

/** GEXF read back by graphology-gexf: label and weight are the elements' own attributes, `kind` the link type. */
export function readGexf(text: string): ReadGraph & { kinds: Map<string, unknown>; labels: Map<string, unknown> } {
  const graph = parseGexf(Graph, text);
  const kinds = new Map<string, unknown>();
  const labels = new Map<string, unknown>();
  const read = fromGraphology(graph, parseAliases, (v) => {
    const { kind: _kind, label: _label, ...rest } = v;
    return rest;
  });
  graph.forEachEdge((key, attributes) => {
    kinds.set(key, attributes.kind);
    labels.set(key, attributes.label);
  });
  return { ...read, kinds, labels };
}

export function readGraphml(text: string): ReadGraph & { graphAttributes: Values } {
  const graph = parseGraphml(Graph, text);
  return { ...fromGraphology(graph, parseAliases, (v) => v), graphAttributes: graph.getAttributes() };
}

export function readJson(text: string): ReadGraph {
  return fromGraphology(Graph.from(JSON.parse(text) as never), (v) => v, (v) => v);
}

/** A plain RFC 4180 reader: quoted fields (doubled quotes, line breaks inside), CRLF between records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i += 1;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i += 1;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      if (c === "\n" || c === "\r" || c === '"') throw new Error(`bare ${JSON.stringify(c)} outside quotes at ${i}`);
      field += c;
      i += 1;
    }
  }
  if (field !== "" || row.length) throw new Error("the last record has no CRLF");
  return rows;
}

/** What a spreadsheet-safe cell holds for a text value: a leading `'` before = + - @, tab or CR. */
export const asCsvText = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** CSV tables back into nodes and edges: numbers and booleans by column, aliases as JSON. */
export function readCsv(nodesText: string, linksText: string): ReadGraph & { nodeColumns: string[]; linkColumns: string[] } {
  const NUMBERS = new Set(["degree", "generation", "line", "weight", "x", "y", "size"]);
  const BOOLEANS = new Set(["dangling", "directed"]);
  const records = (text: string) => {
    const [header, ...rows] = parseCsv(text);
    for (const r of rows) if (r.length !== header!.length) throw new Error(`a row of ${r.length} cells under ${header!.length} columns`);
    return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
  };
  const typed = (row: Record<string, string>, skip: string[]): Values => {
    const out: Values = {};
    for (const [k, v] of Object.entries(row)) {
      if (skip.includes(k) || v === "") continue;
      out[k] = NUMBERS.has(k) ? Number(v) : BOOLEANS.has(k) ? v === "true" : k === "aliases" ? (JSON.parse(v) as unknown) : v;
    }
    return out;
  };
  const n = records(nodesText);
  const l = records(linksText);
  const nodes = new Map<string, ReadNode>(n.rows.map((r) => [r.key!, { key: r.key!, attributes: typed(r, ["key"]) }]));
  const edges = new Map<string, ReadEdge>(
    l.rows.map((r) => [r.key!, { key: r.key!, source: r.source!, target: r.target!, directed: r.directed === "true", attributes: typed(r, ["key", "source", "target"]) }]),
  );
  return { nodes, edges, nodeColumns: n.header, linkColumns: l.header };
}

/** Runs xmllint on `text` with `args` (e.g. `--relaxng schema.rng`); its output, and whether it passed. */
export function xmllint(text: string, args: string[]): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-xml-"));
  const file = path.join(dir, "document.xml");
  writeFileSync(file, text);
  try {
    const output = execFileSync("xmllint", ["--noout", ...args, file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? e.message}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compares node by node and edge by edge, so a failure names the element. */
export function expectSameGraph(actual: ReadGraph, expected: ReadGraph): void {
  expect([...actual.nodes.keys()].sort()).toEqual([...expected.nodes.keys()].sort());
  expect([...actual.edges.keys()].sort()).toEqual([...expected.edges.keys()].sort());
  for (const [key, node] of expected.nodes) expect(actual.nodes.get(key)?.attributes, `node ${key}`).toEqual(node.attributes);
  for (const [key, edge] of expected.edges) {
    const { attributes, ...ends } = actual.edges.get(key)!;
    expect(ends, `edge ${key}`).toEqual({ key: edge.key, source: edge.source, target: edge.target, directed: edge.directed });
    expect(attributes, `edge ${key}`).toEqual(edge.attributes);
  }
}
