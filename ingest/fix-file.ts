// Editing one pattern file: the missing reciprocal targets added to the right relationship lists,
// in the file's own frontmatter generation and style, and stale targets replaced on their lines;
// every result is verified by parsing the edited file again. Pure: bytes in, bytes and line
// operations out. Inserted text is converted to latin1 chars of its UTF-8 bytes (see line-edits.ts).
import type { LinkType } from "../core/model.ts";
import { linkTypeRank } from "../core/link-types.ts";
import { parsePattern } from "./parse-pattern.ts";
import type { RelationshipList } from "./parsed-file.ts";
import { render, splitLines, type LineOp } from "./line-edits.ts";

/** One target to add to one list of one file. */
export interface ReciprocalAddition {
  type: LinkType;
  /** As written: a TypeID or a slug. */
  value: string;
  weight?: number;
  /** The finding this closes. */
  findingId?: string;
}

/** A stale target replaced on its own line (the default fix of a finding that joined a one-sided declaration). */
export interface TargetReplacement {
  type: LinkType;
  /** 1-based line of the declaration. */
  line: number;
  from: string;
  to: string;
  findingId?: string;
}

export type FileFixResult =
  | { ok: true; bytes: Buffer; ops: LineOp[]; added: ReciprocalAddition[]; replaced?: TargetReplacement[] }
  | { ok: false; reason: string };

/** A line without its `\r`. */
const bare = (line: string): string => (line.endsWith("\r") ? line.slice(0, -1) : line);
const indentOf = (line: string): number => /^ */.exec(line)![0].length;
const isBlankOrComment = (line: string): boolean => /^\s*(#.*)?$/.test(bare(line));
/** Text we write, as latin1 chars of its UTF-8 bytes (so a non-ASCII slug survives the round trip). */
const encode = (s: string): string => Buffer.from(s, "utf8").toString("latin1");

const KEY_LINE = /^( *)([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/;

interface ListShape {
  kind: "flow" | "block" | "null" | "scalar";
  keyIndex: number;
  keyIndent: number;
  /** For block lists: index of the first line after the list (before trailing blanks and comments). */
  end: number;
  /** For block lists: the dash column and item layout of the first item. */
  dashIndent?: number;
  item?: "plain" | "mapping" | "flow-mapping";
  quote: '"' | "'" | "";
  value: string;
}

/** Adds the given targets to the right lists of one file. Pure; `bytes` is the file's content. */
export function addReciprocalLinks(bytes: Buffer | string, file: string, additions: readonly ReciprocalAddition[]): FileFixResult {
  const raw = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  const parsed = parsePattern(raw.toString("utf8"), file);
  if (parsed.kind !== "pattern") return { ok: false, reason: "the file no longer parses as a pattern" };
  const doc = splitLines(raw.toString("latin1"));
  const { lines } = doc;
  const generation = parsed.pattern.generation;
  const container: RelationshipList["container"] = generation === 2 ? "relationships" : "top-level";
  const close = parsed.frontmatter.closeLine - 1;
  const ops: LineOp[] = [];
  const style = fileStyle(lines, parsed.lists);

  const byType = new Map<string, ReciprocalAddition[]>();
  for (const a of additions) byType.set(a.type, [...(byType.get(a.type) ?? []), a]);
  const types = [...byType.keys()].sort((a, b) => linkTypeRank(a) - linkTypeRank(b) || (a < b ? -1 : 1));

  for (const type of types) {
    const adds = byType.get(type)!;
    // Prefer the list the file already has for this type (either container), else the generation's container.
    const list =
      parsed.lists.find((l) => l.type === type && l.container === container && l.keyLine !== undefined) ??
      parsed.lists.find((l) => l.type === type && l.keyLine !== undefined);
    if (list) {
      const shape = describeList(lines, list.keyLine! - 1, close);
      const op = extendList(lines, shape, adds, style, generation);
      if (typeof op === "string") return { ok: false, reason: `${type}: ${op}` };
      ops.push(op);
    } else {
      const op = newList(lines, parsed, container, type, adds, style, close);
      if (typeof op === "string") return { ok: false, reason: `${type}: ${op}` };
      ops.push(op);
    }
  }

  const text = render(doc, ops);
  // Verify by reading the result the way ingest does: every addition must now be declared.
  const check = parsePattern(Buffer.from(text, "latin1").toString("utf8"), file);
  if (check.kind !== "pattern") return { ok: false, reason: "the edited file would no longer parse; left unchanged" };
  for (const a of additions) {
    const found = check.targets.some(
      (t) => t.type === a.type && (t.target === a.value || t.slug === a.value || t.id === a.value),
    );
    if (!found) return { ok: false, reason: `could not verify the added ${a.type}: ${a.value}; left unchanged` };
  }
  if (check.targets.length !== parsed.targets.length + additions.length) {
    return { ok: false, reason: "the edit would change other declarations; left unchanged" };
  }
  return { ok: true, bytes: Buffer.from(text, "latin1"), ops, added: [...additions] };
}

/** Replaces stale targets on their lines, then adds the reciprocals; verified by re-reading the result. Pure. */
export function fixFile(bytes: Buffer | string, file: string, additions: readonly ReciprocalAddition[], replacements: readonly TargetReplacement[]): FileFixResult {
  const raw = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  const parsed = parsePattern(raw.toString("utf8"), file);
  if (parsed.kind !== "pattern") return { ok: false, reason: "the file no longer parses as a pattern" };
  const doc = splitLines(raw.toString("latin1"));
  const replaceOps: LineOp[] = [];
  for (const r of replacements) {
    const at = r.line - 1;
    const current = replaceOps.find((o) => o.at === at)?.lines[0] ?? doc.lines[at];
    const from = encode(r.from);
    if (current === undefined || current.split(from).length !== 2) {
      return { ok: false, reason: `line ${r.line} does not hold '${r.from}' exactly once; left unchanged` };
    }
    const next = current.replace(from, encode(r.to));
    const op = replaceOps.find((o) => o.at === at);
    if (op) op.lines = [next];
    else replaceOps.push({ at, replace: true, lines: [next] });
  }
  let ops = replaceOps;
  let added: ReciprocalAddition[] = [];
  if (additions.length) {
    // The additions are placed in the replaced text: a list line they rewrite already carries the replacement.
    const step = addReciprocalLinks(Buffer.from(render(doc, replaceOps), "latin1"), file, additions);
    if (!step.ok) return step;
    ops = [...replaceOps.filter((o) => !step.ops.some((a) => a.replace && a.at === o.at)), ...step.ops];
    added = step.added;
  }
  const text = render(doc, ops);
  const check = parsePattern(Buffer.from(text, "latin1").toString("utf8"), file);
  if (check.kind !== "pattern" || check.targets.length !== parsed.targets.length + additions.length) {
    return { ok: false, reason: "the edit would change other declarations; left unchanged" };
  }
  // Lines the additions inserted above a replaced line move it down: verify it where it is now.
  const lineNow = (line: number): number => {
    const at = line - 1;
    let shift = 0;
    for (const o of ops) {
      if (!o.replace && o.at <= at) shift += o.lines.length;
      else if (o.replace && o.at < at) shift += o.lines.length - 1;
    }
    return line + shift;
  };
  for (const r of replacements) {
    const onLine = check.targets.filter((t) => t.type === r.type && t.line === lineNow(r.line));
    if (!onLine.some((t) => t.target === r.to || t.id === r.to || t.slug === r.to) || onLine.some((t) => t.target === r.from)) {
      return { ok: false, reason: `could not verify the replaced ${r.type}: ${r.from} -> ${r.to}; left unchanged` };
    }
  }
  return { ok: true, bytes: Buffer.from(text, "latin1"), ops, added, replaced: [...replacements] };
}

interface FileStyle {
  /** Quote used around ids/slugs in flow lists, and in block items. */
  flowQuote: '"' | "'" | "" | undefined;
  blockQuote: '"' | "'" | "" | undefined;
  /** Dash column relative to the key, and item layout, of the first block list with items. */
  blockDash: number | undefined;
  blockItem: "plain" | "mapping" | "flow-mapping" | undefined;
  /** For mapping items: the indent of the keys after the first, relative to the dash. */
  mappingKeyOffset: number;
}

/** How this file writes its relationship lists, read off the lists ingest located (nothing else is looked at). */
function fileStyle(lines: readonly string[], lists: readonly RelationshipList[]): FileStyle {
  const style: FileStyle = { flowQuote: undefined, blockQuote: undefined, blockDash: undefined, blockItem: undefined, mappingKeyOffset: 2 };
  const keyLines = lists.map((l) => l.keyLine).filter((n): n is number => n !== undefined).sort((a, b) => a - b);
  for (const n of keyLines) {
    const i = n - 1;
    const m = KEY_LINE.exec(bare(lines[i] ?? ""));
    if (!m) continue;
    const value = stripComment(m[3] ?? "");
    if (value.startsWith("[") && value.length > 2 && style.flowQuote === undefined) style.flowQuote = quoteOf(value.slice(1).trim());
    if (value === "" && style.blockDash === undefined) {
      const next = bare(lines[i + 1] ?? "");
      const dash = /^( *)- +(.*)$/.exec(next);
      if (dash && dash[1]!.length >= m[1]!.length) {
        style.blockDash = dash[1]!.length - m[1]!.length;
        const item = dash[2]!;
        style.blockItem = item.startsWith("{") ? "flow-mapping" : /^[A-Za-z_]+:( |$)/.test(item) ? "mapping" : "plain";
        if (style.blockItem === "plain") style.blockQuote = quoteOf(item);
        if (style.blockItem === "mapping") {
          const cont = bare(lines[i + 2] ?? "");
          if (/^ +[A-Za-z_]+:/.test(cont) && indentOf(cont) > dash[1]!.length) style.mappingKeyOffset = indentOf(cont) - dash[1]!.length;
        }
      }
    }
  }
  return style;
}

const quoteOf = (s: string): '"' | "'" | "" => (s.startsWith('"') ? '"' : s.startsWith("'") ? "'" : "");

function describeList(lines: readonly string[], keyIndex: number, close: number): ListShape | string {
  const line = bare(lines[keyIndex] ?? "");
  // A glued opening (`---generalizes_from: []`) is never the line of a list we edit in practice; refuse it.
  const m = KEY_LINE.exec(line);
  if (!m) return "the list's key line is not a plain `key: value` line";
  const keyIndent = m[1]!.length;
  const value = stripComment(m[3] ?? "");
  const base = { keyIndex, keyIndent, end: keyIndex + 1, quote: "" as const, value };
  if (value.startsWith("[")) {
    if (!value.endsWith("]")) return "a flow list spread over several lines";
    return { ...base, kind: "flow", quote: quoteOf(value.slice(1).trim()) };
  }
  if (value === "") {
    // Block items: lines starting with `- ` at or right of the key's indent, with their continuations.
    let i = keyIndex + 1;
    let last = keyIndex;
    let dashIndent: number | undefined;
    let item: ListShape["item"];
    let quote: ListShape["quote"] = "";
    for (; i < close; i++) {
      const l = bare(lines[i]!);
      if (isBlankOrComment(l)) continue;
      const ind = indentOf(l);
      const dash = /^( *)- +(.*)$|^( *)-$/.exec(l);
      if (dashIndent === undefined) {
        if (!dash || ind < keyIndent) break;
        dashIndent = ind;
        const first = dash[2] ?? "";
        item = first.startsWith("{") ? "flow-mapping" : /^[A-Za-z_]+:( |$)/.test(first) ? "mapping" : "plain";
        quote = item === "plain" ? quoteOf(first) : "";
        last = i;
        continue;
      }
      if ((dash && ind === dashIndent) || ind > dashIndent) {
        last = i;
        continue;
      }
      break;
    }
    if (dashIndent === undefined) return { ...base, kind: "null" };
    return { ...base, kind: "block", end: last + 1, dashIndent, item: item!, quote };
  }
  if (value === "~" || value === "null") return { ...base, kind: "null" };
  if (/^[[{,&*!|>]/.test(value) || value.includes(",")) return "the list is written in a form this fixer does not edit";
  return { ...base, kind: "scalar", quote: quoteOf(value) };
}

/** Drops a trailing `# comment` (only when no quote is open: our values never contain `#`). */
function stripComment(value: string): string {
  const hash = value.search(/\s#/);
  if (hash < 0) return value.trim();
  const before = value.slice(0, hash);
  const quotes = (before.match(/"/g)?.length ?? 0) + (before.match(/'/g)?.length ?? 0);
  return quotes % 2 === 0 ? before.trim() : value.trim();
}

const quoted = (value: string, quote: string): string => `${quote}${encode(value)}${quote}`;

function extendList(
  lines: readonly string[],
  shape: ListShape | string,
  adds: readonly ReciprocalAddition[],
  style: FileStyle,
  generation: 1 | 2,
): LineOp | string {
  if (typeof shape === "string") return shape;
  const line = lines[shape.keyIndex]!;
  const cr = line.endsWith("\r") ? "\r" : "";
  const text = bare(line);
  switch (shape.kind) {
    case "flow": {
      // Insert before the closing bracket, keeping everything else on the line (comments included).
      const close = text.lastIndexOf("]");
      const inner = text.slice(text.indexOf("[") + 1, close);
      const empty = inner.trim() === "";
      const quote = empty ? (style.flowQuote ?? defaultQuote(generation, adds)) : shape.quote;
      if (generation === 2 && empty && adds.some((a) => a.weight !== undefined)) {
        // An empty generation 2 list becomes a block of weighted mapping items, like the source declared.
        const key = text.slice(0, text.indexOf("[")).replace(/[ \t]+$/, "");
        return { at: shape.keyIndex, replace: true, lines: [`${key}${cr}`, ...blockItems(shape.keyIndent, adds, style, generation, cr)] };
      }
      const sep = empty ? "" : /,\S/.test(inner) && !/, /.test(inner) ? "," : ", ";
      const values = adds.map((a) => quoted(a.value, quote)).join(sep || ", ");
      const trimmedInner = inner.replace(/\s+$/, "");
      const rebuilt = `${text.slice(0, text.indexOf("[") + 1)}${empty ? "" : trimmedInner + sep}${values}${empty ? "" : inner.slice(trimmedInner.length)}${text.slice(close)}`;
      return { at: shape.keyIndex, replace: true, lines: [`${rebuilt}${cr}`] };
    }
    case "block": {
      const crItem = lines[shape.end - 1]!.endsWith("\r") ? "\r" : "";
      const items = adds.flatMap((a) => itemLines(shape.dashIndent!, shape.item!, a, shape.quote, style, crItem));
      return { at: shape.end, replace: false, lines: items };
    }
    case "null":
      return { at: shape.keyIndex + 1, replace: false, lines: blockItems(shape.keyIndent, adds, style, generation, cr) };
    case "scalar": {
      const key = text.slice(0, text.indexOf(":") + 1);
      const values = [shape.value, ...adds.map((a) => quoted(a.value, shape.quote))].join(", ");
      return { at: shape.keyIndex, replace: true, lines: [`${key} [${values}]${cr}`] };
    }
  }
}

const defaultQuote = (generation: 1 | 2, adds: readonly ReciprocalAddition[]): '"' | "" =>
  generation === 1 && adds.some((a) => a.value.startsWith("pat_")) ? '"' : "";

/** Items for a block list under a key at `keyIndent`, in the file's block style (or the generation's default). */
function blockItems(
  keyIndent: number,
  adds: readonly ReciprocalAddition[],
  style: FileStyle,
  generation: 1 | 2,
  cr: string,
): string[] {
  const dash = keyIndent + (style.blockDash ?? (generation === 2 ? 2 : 0));
  const anyWeight = adds.some((a) => a.weight !== undefined);
  const item = style.blockItem ?? (generation === 2 && anyWeight ? "mapping" : "plain");
  return adds.flatMap((a) => itemLines(dash, item, a, style.blockQuote ?? "", style, cr));
}

function itemLines(
  dash: number,
  item: "plain" | "mapping" | "flow-mapping",
  a: ReciprocalAddition,
  quote: string,
  style: FileStyle,
  cr: string,
): string[] {
  const pad = " ".repeat(dash);
  const weight = a.weight !== undefined ? String(a.weight) : undefined;
  switch (item) {
    case "plain":
      return [`${pad}- ${quoted(a.value, quote)}${cr}`];
    case "flow-mapping":
      return [`${pad}- { slug: ${encode(a.value)}${weight ? `, weight: ${weight}` : ""} }${cr}`];
    case "mapping": {
      const out = [`${pad}- slug: ${encode(a.value)}${cr}`];
      if (weight) out.push(`${pad}${" ".repeat(style.mappingKeyOffset)}weight: ${weight}${cr}`);
      return out;
    }
  }
}

/**
 * A list the file does not have yet: placed after the nearest earlier type in the usual order
 * (generalizes_from, specializes_to, enables, ...), else before the nearest later one, else at the end
 * of the `relationships:` block (generation 2) or of the frontmatter (generation 1).
 */
function newList(
  lines: readonly string[],
  parsed: Extract<ReturnType<typeof parsePattern>, { kind: "pattern" }>,
  container: RelationshipList["container"],
  type: string,
  adds: readonly ReciprocalAddition[],
  style: FileStyle,
  close: number,
): LineOp | string {
  const generation = parsed.pattern.generation;
  const siblings = parsed.lists
    .filter((l) => l.container === container && l.keyLine !== undefined)
    .map((l) => ({ l, shape: describeList(lines, l.keyLine! - 1, close) }));
  const mine = linkTypeRank(type);
  const endOf = (s: ListShape | string, keyIndex: number): number => (typeof s === "string" ? keyIndex + 1 : s.end);
  const before = siblings.filter((s) => linkTypeRank(s.l.type) <= mine).sort((a, b) => a.l.keyLine! - b.l.keyLine!);
  const after = siblings.filter((s) => linkTypeRank(s.l.type) > mine).sort((a, b) => a.l.keyLine! - b.l.keyLine!);

  let keyIndent: number;
  let at: number;
  if (container === "relationships") {
    const relLine = parsed.frontmatter.relationshipsLine;
    if (relLine === undefined) return "the file has no `relationships:` block";
    const rel = bare(lines[relLine - 1]!);
    if (!/^relationships[ \t]*:[ \t]*(#.*)?$/.test(rel)) return "`relationships:` is not a block mapping";
    keyIndent = siblings.length ? indentOf(lines[siblings[0]!.l.keyLine! - 1]!) : 2;
    if (before.length) at = endOf(before[before.length - 1]!.shape, before[before.length - 1]!.l.keyLine! - 1);
    else if (after.length) at = after[0]!.l.keyLine! - 1;
    else at = relLine;
  } else {
    keyIndent = 0;
    if (before.length) at = endOf(before[before.length - 1]!.shape, before[before.length - 1]!.l.keyLine! - 1);
    else if (after.length) at = after[0]!.l.keyLine! - 1;
    else at = close;
  }
  const anchor = lines[Math.max(0, at - 1)]!;
  const cr = anchor.endsWith("\r") ? "\r" : "";
  const key = `${" ".repeat(keyIndent)}${type}:`;
  const weighted = adds.some((a) => a.weight !== undefined);
  if (generation === 2 && (weighted || style.blockItem !== undefined)) {
    return { at, replace: false, lines: [`${key}${cr}`, ...blockItems(keyIndent, adds, style, generation, cr)] };
  }
  const quote = generation === 1 ? (style.flowQuote ?? defaultQuote(generation, adds)) : "";
  return { at, replace: false, lines: [`${key} [${adds.map((a) => quoted(a.value, quote)).join(", ")}]${cr}`] };
}
