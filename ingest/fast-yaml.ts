// A fast reader for the plain subset of YAML that frontmatter entries almost always use: block
// mappings and sequences, one-line scalars and flow lists, folded and literal blocks. For anything
// else (anchors, tags, escapes, multi-line flow, tabs, odd indentation) it answers undefined and
// js-yaml reads the entry instead, so js-yaml stays the authority on what YAML means and on errors.
// byte-entries.ts applies the same rules to byte ranges (the CLI's and the server's load): a change
// of the subset here is a change there too (test/ingest/frontmatter-bytes.test.ts compares them).
//
// Why it exists: js-yaml 5 reads about 6 MB/s on a cold start; this reader covers nearly every entry
// of the real libraries, and a test checks that it gives exactly js-yaml's values and lines on every
// file of both snapshots. Measured 2026-12-06 on the 3,573-file library (`node dist/cli.js ingest
// <folder> --json`, fresh processes, 10 interleaved runs each, median, load average 26-29 on 2 cores):
// 1.01 s CPU (user + system) with it, 1.59 s with js-yaml reading the same selected entries (-36%);
// wall 6.4 s against 9.1 s at that load; the same JSON either way (docs/performance.md). It goes
// when that gap closes.

import { boolCoreTag, floatCoreTag, intCoreTag, NOT_RESOLVED, nullCoreTag } from "js-yaml";
import type { ScalarTagDefinition } from "js-yaml";

/** One line of a frontmatter block: its text (no line break) and its 0-based index in the block. */
export interface SourceLine {
  text: string;
  index: number;
}

/** Receives the block line index of nodes and keys, by path (segments joined with PATH_SEPARATOR). */
export interface PositionSink {
  node(path: string, index: number): void;
  key(path: string, index: number): void;
}

export const PATH_SEPARATOR = "\u0000";

/** Joins a child segment onto a parent path; the root's path is "". */
export function joinPath(parentPath: string, parentDepth: number, segment: string): string {
  return parentDepth === 0 ? segment : parentPath + PATH_SEPARATOR + segment;
}

// The implicit scalar types of js-yaml's CORE_SCHEMA, in its order, dispatched by first character.
const CORE_TAGS: readonly ScalarTagDefinition[] = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];
const TAGS_BY_FIRST_CHAR = new Map<string, ScalarTagDefinition[]>();
for (const first of new Set(CORE_TAGS.flatMap((tag) => tag.implicitFirstChars ?? []))) {
  TAGS_BY_FIRST_CHAR.set(
    first,
    CORE_TAGS.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.includes(first)),
  );
}
const ANY_FIRST_CHAR_TAGS = CORE_TAGS.filter((tag) => tag.implicitFirstChars === null);

/** A `key:` at a given column of a line (`lastIndex`), matched without cutting the line first. */
const KEY_AT = /([A-Za-z_][\w-]*) *:(?: +|$)/y;
/** What String.prototype.trimStart removes, from a given column (`lastIndex`). */
const SPACE_AT = /\s*/y;
/** A line that is blank or only a comment (`\s` is what trimStart removes). */
const BLANK_OR_COMMENT = /^\s*(?:#|$)/;
/** Characters that cannot start a plain scalar we accept (YAML indicators and reserved ones). */
const NOT_PLAIN_START = new Set([..."[]{},#&*!|>'\"%@`?:"]);
const BLOCK_HEADER = /^([|>])([-+]?) *(?:#.*)?$/;

const UNSUPPORTED = Symbol("unsupported");
function unsupported(): never {
  throw UNSUPPORTED;
}

interface Cursor {
  lines: readonly SourceLine[];
  i: number;
  /**
   * The line of a mapping that starts on a dash line (`- slug: x`), read as if its first key stood
   * at `dashColumn` on a line of its own; -1 when there is none.
   */
  dashLine: number;
  dashColumn: number;
  sink: PositionSink;
  maxDepth: number;
}

/**
 * Reads one top-level entry (its `key:` line and the lines under it). Returns the key and value, or
 * undefined when the entry is outside the subset. Positions are reported only on success.
 */
export function parseEntryFast(
  lines: readonly SourceLine[],
  sink: PositionSink,
  maxDepth = 3,
): { key: string; value: unknown } | undefined {
  for (const line of lines) {
    if (line.text.includes("\t") || line.text.includes("\r")) return undefined;
  }
  const nodes: [string, number][] = [];
  const keys: [string, number][] = [];
  const cursor: Cursor = {
    lines,
    i: 0,
    dashLine: -1,
    dashColumn: 0,
    sink: { node: (path, index) => nodes.push([path, index]), key: (path, index) => keys.push([path, index]) },
    maxDepth,
  };
  let mapping: Record<string, unknown>;
  try {
    mapping = parseMapping(cursor, 0, "", 0);
    skipBlank(cursor);
    if (cursor.i < cursor.lines.length) return undefined;
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
  const entryKeys = Object.keys(mapping);
  if (entryKeys.length !== 1) return undefined;
  for (const [path, index] of nodes) sink.node(path, index);
  for (const [path, index] of keys) sink.key(path, index);
  return { key: entryKeys[0]!, value: mapping[entryKeys[0]!] };
}

function indentOf(text: string): number {
  let n = 0;
  while (n < text.length && text.charCodeAt(n) === 32) n += 1;
  return n;
}

/** Skips blank and comment-only lines. */
function skipBlank(c: Cursor): void {
  while (c.i < c.lines.length && BLANK_OR_COMMENT.test(c.lines[c.i]!.text)) c.i += 1;
}

/** True when the line holds a block sequence item (`-` alone or `- ...`) at `column`. */
function isItemAt(text: string, column: number): boolean {
  return text.charCodeAt(column) === 45 && (text.length === column + 1 || text.charCodeAt(column + 1) === 32);
}

function parseMapping(c: Cursor, indent: number, path: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (;;) {
    skipBlank(c);
    if (c.i >= c.lines.length) break;
    const line = c.lines[c.i]!;
    const lineIndent = c.i === c.dashLine ? c.dashColumn : indentOf(line.text);
    if (lineIndent < indent) break;
    if (lineIndent > indent) unsupported();
    KEY_AT.lastIndex = lineIndent;
    const match = KEY_AT.exec(line.text);
    if (!match) unsupported();
    const key = match[1]!;
    if (Object.prototype.hasOwnProperty.call(out, key) || key === "__proto__") unsupported();
    const childPath = joinPath(path, depth, key);
    if (depth < c.maxDepth) c.sink.key(childPath, line.index);
    const rest = line.text.slice(KEY_AT.lastIndex);
    c.i += 1;
    out[key] =
      rest === "" || rest.startsWith("#")
        ? parseNested(c, indent, childPath, depth + 1, line.index, true)
        : parseInline(c, rest, indent, childPath, depth + 1, line.index);
  }
  return out;
}

/** The value below a `key:` or a bare `-`: a deeper block, a sequence at the key's indentation, or null. */
function parseNested(
  c: Cursor,
  parentIndent: number,
  path: string,
  depth: number,
  ownerLine: number,
  sequenceAtSameIndent: boolean,
): unknown {
  skipBlank(c);
  if (c.i < c.lines.length) {
    const line = c.lines[c.i]!;
    const lineIndent = indentOf(line.text);
    const isItem = isItemAt(line.text, lineIndent);
    if (isItem && (lineIndent > parentIndent || (sequenceAtSameIndent && lineIndent === parentIndent))) {
      if (depth <= c.maxDepth) c.sink.node(path, line.index);
      return parseSequence(c, lineIndent, path, depth);
    }
    if (lineIndent > parentIndent) {
      if (depth <= c.maxDepth) c.sink.node(path, line.index);
      return parseMapping(c, lineIndent, path, depth);
    }
  }
  if (depth <= c.maxDepth) c.sink.node(path, ownerLine);
  return null;
}

function parseSequence(c: Cursor, indent: number, path: string, depth: number): unknown[] {
  const out: unknown[] = [];
  for (;;) {
    skipBlank(c);
    if (c.i >= c.lines.length) break;
    const line = c.lines[c.i]!;
    const lineIndent = indentOf(line.text);
    if (lineIndent < indent) break;
    if (lineIndent > indent) unsupported();
    if (!isItemAt(line.text, lineIndent)) break;
    const itemPath = joinPath(path, depth, String(out.length));
    SPACE_AT.lastIndex = lineIndent + 1;
    SPACE_AT.exec(line.text);
    // Where the item's content starts: after the dash and the white space that follows it.
    const column = SPACE_AT.lastIndex;
    const rest = line.text.slice(column);
    if (rest === "" || rest.startsWith("#")) {
      c.i += 1;
      out.push(parseNested(c, indent, itemPath, depth + 1, line.index, false));
      continue;
    }
    KEY_AT.lastIndex = column;
    if (KEY_AT.test(line.text)) {
      // A mapping that starts on the dash line: read it as if its first key stood on its own line.
      c.dashLine = c.i;
      c.dashColumn = column;
      if (depth + 1 <= c.maxDepth) c.sink.node(itemPath, line.index);
      out.push(parseMapping(c, column, itemPath, depth + 1));
      continue;
    }
    c.i += 1;
    out.push(parseInline(c, rest, indent, itemPath, depth + 1, line.index));
  }
  return out;
}

/** A value written after `key: ` or `- `: a block scalar header, a flow list, a quoted or plain scalar. */
function parseInline(c: Cursor, rest: string, ownerIndent: number, path: string, depth: number, lineIndex: number): unknown {
  if (depth <= c.maxDepth) c.sink.node(path, lineIndex);
  const first = rest[0]!;
  if (first === "|" || first === ">") return parseBlockScalar(c, rest, ownerIndent);
  if (first === "[") return parseFlowSequence(c, rest, path, depth, lineIndex);
  if (first === "{") {
    if (/^\{ *\} *(?:#.*)?$/.test(rest)) return {};
    unsupported();
  }
  if (first === '"' || first === "'") {
    const [value, end] = readQuoted(rest, 0);
    if (!isTrailingComment(rest.slice(end))) unsupported();
    return ownCopy(value);
  }
  if (NOT_PLAIN_START.has(first) || (first === "-" && (rest.length === 1 || rest[1] === " "))) unsupported();
  const hash = rest.indexOf(" #");
  const text = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
  if (text.includes(": ") || text.endsWith(":")) unsupported();
  return resolvePlain(text);
}

function isTrailingComment(after: string): boolean {
  const trimmed = after.trimStart();
  return trimmed === "" || (trimmed.startsWith("#") && after.length > trimmed.length);
}

/** Reads a one-line quoted scalar starting at `start`; returns the value and the index after it. */
function readQuoted(text: string, start: number): [string, number] {
  const quote = text[start];
  if (quote === '"') {
    const close = text.indexOf('"', start + 1);
    if (close < 0) unsupported();
    const value = text.slice(start + 1, close);
    if (value.includes("\\")) unsupported();
    return [value, close + 1];
  }
  let i = start + 1;
  for (;;) {
    const close = text.indexOf("'", i);
    if (close < 0) unsupported();
    if (text[close + 1] === "'") {
      i = close + 2;
      continue;
    }
    return [text.slice(start + 1, close).replaceAll("''", "'"), close + 1];
  }
}

function parseFlowSequence(c: Cursor, rest: string, path: string, depth: number, lineIndex: number): unknown[] {
  const items: unknown[] = [];
  let i = 1;
  let expectItem = true;
  for (;;) {
    while (rest[i] === " ") i += 1;
    if (i >= rest.length) unsupported(); // continues on the next line
    const ch = rest[i]!;
    if (ch === "]") {
      if (expectItem && items.length > 0) unsupported(); // a trailing comma
      i += 1;
      break;
    }
    if (!expectItem) {
      if (ch !== ",") unsupported();
      expectItem = true;
      i += 1;
      continue;
    }
    let value: unknown;
    if (ch === '"' || ch === "'") {
      const [text, end] = readQuoted(rest, i);
      value = ownCopy(text);
      i = end;
    } else {
      if (NOT_PLAIN_START.has(ch) || (ch === "-" && rest[i + 1] === " ")) unsupported();
      let end = i;
      while (end < rest.length && rest[end] !== "," && rest[end] !== "]") end += 1;
      const text = rest.slice(i, end).trimEnd();
      if (/[[\]{}#]|: |:$/.test(text)) unsupported();
      value = resolvePlain(text);
      i = end;
    }
    if (depth + 1 <= c.maxDepth) c.sink.node(joinPath(path, depth, String(items.length)), lineIndex);
    items.push(value);
    expectItem = false;
  }
  if (!isTrailingComment(rest.slice(i))) unsupported();
  return items;
}

/** A `|` or `>` block scalar whose lines are indented deeper than `ownerIndent`. */
function parseBlockScalar(c: Cursor, header: string, ownerIndent: number): string {
  const match = BLOCK_HEADER.exec(header);
  if (!match) unsupported(); // indentation indicators and the like
  const folded = match[1] === ">";
  const chomping = match[2];
  if (chomping === "+") unsupported();
  const body: string[] = [];
  const blankLengths: number[] = [];
  let contentIndent = -1;
  while (c.i < c.lines.length) {
    const text = c.lines[c.i]!.text;
    if (text.trim() === "") {
      body.push("");
      blankLengths.push(text.length);
      c.i += 1;
      continue;
    }
    const lineIndent = indentOf(text);
    if (lineIndent <= ownerIndent) break;
    if (contentIndent < 0) contentIndent = lineIndent;
    if (lineIndent < contentIndent) unsupported();
    const content = text.slice(contentIndent);
    if (folded && content.startsWith(" ")) unsupported(); // more-indented lines fold differently
    body.push(content);
    c.i += 1;
  }
  if (contentIndent < 0) return "";
  if (blankLengths.some((length) => length > contentIndent)) unsupported();
  return joinBlockScalar(body, folded, chomping === "-");
}

/**
 * A block scalar's value from its lines (without their indentation; "" for a blank line): folded or
 * literal, with the final line break stripped (`-`) or clipped (no indicator).
 */
export function joinBlockScalar(body: string[], folded: boolean, strip: boolean): string {
  while (body.length > 0 && body[body.length - 1] === "") body.pop();
  let text: string;
  if (folded) {
    text = "";
    let blanks = 0;
    let started = false;
    for (const line of body) {
      if (line === "") {
        blanks += 1;
        continue;
      }
      text += started && blanks === 0 ? " " + line : "\n".repeat(blanks) + line;
      started = true;
      blanks = 0;
    }
  } else {
    text = body.join("\n");
  }
  return strip ? text : text + "\n";
}

/** Types a plain scalar exactly as js-yaml's CORE_SCHEMA does (null, bool, int, float, else text). */
export function resolvePlain(text: string): unknown {
  const value = resolveScalar(text);
  return value === text ? ownCopy(text) : value;
}

/** resolvePlain for a text that is a string of its own already (a decoded one): the text itself when it stays text. */
export function resolveScalar(text: string): unknown {
  const tags = TAGS_BY_FIRST_CHAR.get(text.charAt(0)) ?? ANY_FIRST_CHAR_TAGS;
  for (const tag of tags) {
    const value = tag.resolve(text, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return text;
}

/**
 * A scalar's text as a string of its own. A slice of a line would be a V8 sliced string that keeps the
 * file's whole decoded frontmatter alive as long as the pattern lives: on the 3,573-file library
 * 40 MB retained instead of 12 MB, and ~6% less main-thread CPU for the ingest once the values are
 * copied (`perf` cpu-clock samples, 6 interleaved runs, load average 15). V8 copies slices shorter
 * than 13 characters anyway; a longer one is copied by flattening a concatenation.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}
