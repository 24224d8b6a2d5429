// fast-yaml.ts's reader of one top-level frontmatter entry, on the file's bytes: the same subset,
// the same values, the same lines, but each line is a byte range of the file's head and only the
// scalars that are kept are decoded. Anything outside the subset, and anything whose meaning would
// depend on Unicode white space, throws BYTE_UNSUPPORTED: the caller then reads the whole file the
// text way (fast-yaml.ts and js-yaml), so the answer never differs. Why it exists: frontmatter-bytes.ts.

import { BACKSLASH, BYTE_UNSUPPORTED, COLON, DASH, decodeRange, DQUOTE, HASH, SPACE, SQUOTE, hashBytes, hasLineSeparator, isKeyByte, isKeyStart, keyText, skipWhite } from "./byte-text.ts";
import { joinBlockScalar, joinPath, resolveScalar } from "./fast-yaml.ts";
import type { PositionSink } from "./fast-yaml.ts";

function unsupported(): never {
  throw BYTE_UNSUPPORTED;
}

/** What a plain item of a flow list may not hold (fast-yaml.ts's test). */
const FLOW_PLAIN_REFUSED = /[[\]{}#]|: |:$/;

/** Characters that cannot start a plain scalar (fast-yaml.ts's NOT_PLAIN_START), by byte. */
const NOT_PLAIN_START = new Uint8Array(128);
for (const ch of "[]{},#&*!|>'\"%@`?:") NOT_PLAIN_START[ch.charCodeAt(0)] = 1;

/** The lines of a frontmatter block: byte ranges of one buffer, by 0-based block line index. */
export interface ByteLines {
  buf: Buffer;
  start: Int32Array;
  end: Int32Array;
}

/**
 * A copy of a slice (trimmed text): fast-yaml.ts's ownCopy, so that the slice does not keep the
 * line's decoded text alive.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

/**
 * Reads one top-level entry whose lines are `lines[rows[from..to)]`. Returns its key and value, with
 * positions recorded into `sink` as fast-yaml.ts records them. Throws BYTE_UNSUPPORTED outside the subset.
 */
export function readByteEntry(
  lines: ByteLines,
  rows: Int32Array,
  from: number,
  to: number,
  sink: PositionSink,
  maxDepth: number,
): { key: string; value: unknown } {
  const { buf, start, end } = lines;
  // Tabs and carriage returns anywhere in the entry: the text reader hands the entry to js-yaml.
  for (let r = from; r < to; r += 1) {
    const line = rows[r]!;
    for (let i = start[line]!, e = end[line]!; i < e; i += 1) {
      const b = buf[i]!;
      if (b === 0x09 || b === 0x0d) unsupported();
    }
  }
  const reader = new EntryReader(buf, start, end, rows, from, to, sink, maxDepth);
  const mapping = reader.parseMapping(0, "", 0);
  reader.skipBlank();
  if (reader.i < to) unsupported();
  let key: string | undefined;
  for (const name in mapping) {
    if (key !== undefined) unsupported();
    key = name;
  }
  if (key === undefined) unsupported();
  return { key, value: mapping[key] };
}

/** fast-yaml.ts's Cursor and parse functions, over byte ranges. */
class EntryReader {
  /** The current row (an index into `rows`). */
  i: number;
  /** The row of a mapping that starts on a dash line, read as if its first key stood at `dashColumn`. */
  dashRow = -1;
  dashColumn = 0;
  /** Where KEY_AT's match ended: after the colon and the spaces that follow it. */
  private keyRest = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly lineStart: Int32Array,
    private readonly lineEnd: Int32Array,
    private readonly rows: Int32Array,
    from: number,
    private readonly to: number,
    private readonly sink: PositionSink,
    private readonly maxDepth: number,
  ) {
    this.i = from;
  }

  private rowStart(row: number): number {
    return this.lineStart[this.rows[row]!]!;
  }

  private rowEnd(row: number): number {
    return this.lineEnd[this.rows[row]!]!;
  }

  /** The 0-based block line index of a row (what positions are recorded in). */
  private rowIndex(row: number): number {
    return this.rows[row]!;
  }

  private indentOf(row: number): number {
    const s = this.rowStart(row);
    const e = this.rowEnd(row);
    let i = s;
    while (i < e && this.buf[i] === SPACE) i += 1;
    return i - s;
  }

  /** Skips rows that are blank or only a comment (`/^\s*(?:#|$)/`). */
  skipBlank(): void {
    while (this.i < this.to) {
      const e = this.rowEnd(this.i);
      const at = skipWhite(this.buf, this.rowStart(this.i), e);
      if (at < e && this.buf[at] !== HASH) return;
      this.i += 1;
    }
  }

  /** A sequence item (`-` alone or `- ...`) at `column` of the row. */
  private isItemAt(row: number, column: number): boolean {
    const s = this.rowStart(row) + column;
    const e = this.rowEnd(row);
    return s < e && this.buf[s] === DASH && (s + 1 === e || this.buf[s + 1] === SPACE);
  }

  /** KEY_AT at byte `at`: returns the key's end, and sets keyRest; -1 when there is no `key:` there. */
  private keyAt(at: number, e: number): number {
    const buf = this.buf;
    if (at >= e || !isKeyStart(buf[at]!)) return -1;
    let i = at + 1;
    while (i < e && isKeyByte(buf[i]!)) i += 1;
    const keyEnd = i;
    while (i < e && buf[i] === SPACE) i += 1;
    if (i >= e || buf[i] !== COLON) return -1;
    i += 1;
    if (i < e) {
      if (buf[i] !== SPACE) return -1;
      while (i < e && buf[i] === SPACE) i += 1;
    }
    this.keyRest = i;
    return keyEnd;
  }

  parseMapping(indent: number, path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skipBlank();
      if (this.i >= this.to) break;
      const row = this.i;
      const lineIndent = row === this.dashRow ? this.dashColumn : this.indentOf(row);
      if (lineIndent < indent) break;
      if (lineIndent > indent) unsupported();
      const s = this.rowStart(row);
      const e = this.rowEnd(row);
      const keyEnd = this.keyAt(s + lineIndent, e);
      if (keyEnd < 0) unsupported();
      const key = keyText(this.buf, s + lineIndent, keyEnd, hashBytes(this.buf, s + lineIndent, keyEnd));
      if (Object.prototype.hasOwnProperty.call(out, key) || key === "__proto__") unsupported();
      const childPath = joinPath(path, depth, key);
      const index = this.rowIndex(row);
      if (depth < this.maxDepth) this.sink.key(childPath, index);
      const rest = this.keyRest;
      this.i += 1;
      out[key] =
        rest === e || this.buf[rest] === HASH
          ? this.parseNested(indent, childPath, depth + 1, index, true)
          : this.parseInline(rest, e, indent, childPath, depth + 1, index);
    }
    return out;
  }

  private parseNested(parentIndent: number, path: string, depth: number, ownerLine: number, sequenceAtSameIndent: boolean): unknown {
    this.skipBlank();
    if (this.i < this.to) {
      const row = this.i;
      const lineIndent = this.indentOf(row);
      const isItem = this.isItemAt(row, lineIndent);
      if (isItem && (lineIndent > parentIndent || (sequenceAtSameIndent && lineIndent === parentIndent))) {
        if (depth <= this.maxDepth) this.sink.node(path, this.rowIndex(row));
        return this.parseSequence(lineIndent, path, depth);
      }
      if (lineIndent > parentIndent) {
        if (depth <= this.maxDepth) this.sink.node(path, this.rowIndex(row));
        return this.parseMapping(lineIndent, path, depth);
      }
    }
    if (depth <= this.maxDepth) this.sink.node(path, ownerLine);
    return null;
  }

  private parseSequence(indent: number, path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.to) break;
      const row = this.i;
      const lineIndent = this.indentOf(row);
      if (lineIndent < indent) break;
      if (lineIndent > indent) unsupported();
      if (!this.isItemAt(row, lineIndent)) break;
      const itemPath = joinPath(path, depth, String(out.length));
      const s = this.rowStart(row);
      const e = this.rowEnd(row);
      const index = this.rowIndex(row);
      // Where the item's content starts: after the dash and the white space that follows it.
      const at = skipWhite(this.buf, s + lineIndent + 1, e);
      if (at === e || this.buf[at] === HASH) {
        this.i += 1;
        out.push(this.parseNested(indent, itemPath, depth + 1, index, false));
        continue;
      }
      if (this.keyAt(at, e) >= 0) {
        // A mapping that starts on the dash line: read it as if its first key stood on its own line.
        this.dashRow = row;
        this.dashColumn = at - s;
        if (depth + 1 <= this.maxDepth) this.sink.node(itemPath, index);
        out.push(this.parseMapping(at - s, itemPath, depth + 1));
        continue;
      }
      this.i += 1;
      out.push(this.parseInline(at, e, indent, itemPath, depth + 1, index));
    }
    return out;
  }

  /** A value written after `key: ` or `- ` (bytes `[at, e)`, not empty): block scalar, flow list, quoted or plain. */
  private parseInline(at: number, e: number, ownerIndent: number, path: string, depth: number, lineIndex: number): unknown {
    if (depth <= this.maxDepth) this.sink.node(path, lineIndex);
    const buf = this.buf;
    const first = buf[at]!;
    if (first === 0x7c || first === 0x3e) return this.parseBlockScalar(at, e, ownerIndent);
    if (first === 0x5b) return this.parseFlowSequence(at, e, path, depth, lineIndex);
    if (first === 0x7b) {
      // Only `{}` (with spaces and a comment after it).
      let i = at + 1;
      while (i < e && buf[i] === SPACE) i += 1;
      if (i < e && buf[i] === 0x7d) {
        i += 1;
        while (i < e && buf[i] === SPACE) i += 1;
        if (i === e || (buf[i] === HASH && !hasLineSeparator(buf, i, e))) return {};
      }
      unsupported();
    }
    if (first === DQUOTE || first === SQUOTE) {
      const value = this.readQuoted(at, e);
      if (!this.isTrailingComment(this.quotedEnd, e)) unsupported();
      return value;
    }
    if (first < 128 && NOT_PLAIN_START[first]) unsupported();
    if (first === DASH && (at + 1 === e || buf[at + 1] === SPACE)) unsupported();
    // The rest of the line as text, then fast-yaml.ts's own string steps (trimEnd sees Unicode spaces).
    const rest = decodeRange(buf, at, e);
    const hash = rest.indexOf(" #");
    const text = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
    if (text.includes(": ") || text.endsWith(":")) unsupported();
    return resolveScalar(hash >= 0 || text.length !== rest.length ? ownCopy(text) : text);
  }

  /** Where the last quoted scalar read ended (after its closing quote). */
  private quotedEnd = 0;

  private isTrailingComment(at: number, e: number): boolean {
    const next = skipWhite(this.buf, at, e);
    return next === e || (this.buf[next] === HASH && next > at);
  }

  /** A one-line quoted scalar starting at `at`; sets quotedEnd. */
  private readQuoted(at: number, e: number): string {
    const buf = this.buf;
    if (buf[at] === DQUOTE) {
      let close = at + 1;
      while (close < e && buf[close] !== DQUOTE) {
        if (buf[close] === BACKSLASH) unsupported();
        close += 1;
      }
      if (close >= e) unsupported();
      this.quotedEnd = close + 1;
      return decodeRange(buf, at + 1, close);
    }
    let i = at + 1;
    let doubled = false;
    for (;;) {
      while (i < e && buf[i] !== SQUOTE) i += 1;
      if (i >= e) unsupported();
      if (i + 1 < e && buf[i + 1] === SQUOTE) {
        doubled = true;
        i += 2;
        continue;
      }
      this.quotedEnd = i + 1;
      const text = decodeRange(buf, at + 1, i);
      return doubled ? text.replaceAll("''", "'") : text;
    }
  }

  private parseFlowSequence(at: number, e: number, path: string, depth: number, lineIndex: number): unknown[] {
    const buf = this.buf;
    const items: unknown[] = [];
    let i = at + 1;
    let expectItem = true;
    for (;;) {
      while (i < e && buf[i] === SPACE) i += 1;
      if (i >= e) unsupported(); // continues on the next line
      const ch = buf[i]!;
      if (ch === 0x5d) {
        if (expectItem && items.length > 0) unsupported(); // a trailing comma
        i += 1;
        break;
      }
      if (!expectItem) {
        if (ch !== 0x2c) unsupported();
        expectItem = true;
        i += 1;
        continue;
      }
      let value: unknown;
      if (ch === DQUOTE || ch === SQUOTE) {
        value = this.readQuoted(i, e);
        i = this.quotedEnd;
      } else {
        if ((ch < 128 && NOT_PLAIN_START[ch]) || (ch === DASH && buf[i + 1] === SPACE && i + 1 < e)) unsupported();
        let stop = i;
        while (stop < e && buf[stop] !== 0x2c && buf[stop] !== 0x5d) stop += 1;
        const text = decodeRange(buf, i, stop).trimEnd();
        if (FLOW_PLAIN_REFUSED.test(text)) unsupported();
        value = resolveScalar(text);
        i = stop;
      }
      if (depth + 1 <= this.maxDepth) this.sink.node(joinPath(path, depth, String(items.length)), lineIndex);
      items.push(value);
      expectItem = false;
    }
    if (!this.isTrailingComment(i, e)) unsupported();
    return items;
  }

  /** A `|` or `>` block scalar (header `[at, e)`) whose lines are indented deeper than `ownerIndent`. */
  private parseBlockScalar(at: number, e: number, ownerIndent: number): string {
    const buf = this.buf;
    // BLOCK_HEADER: /^([|>])([-+]?) *(?:#.*)?$/
    const folded = buf[at] === 0x3e;
    let i = at + 1;
    let strip = false;
    if (i < e && buf[i] === 0x2b) unsupported(); // keep chomping
    if (i < e && buf[i] === DASH) {
      strip = true;
      i += 1;
    }
    while (i < e && buf[i] === SPACE) i += 1;
    if (i < e && (buf[i] !== HASH || hasLineSeparator(buf, i, e))) unsupported(); // indentation indicators and the like
    const body: string[] = [];
    let contentIndent = -1;
    let longestBlank = 0;
    while (this.i < this.to) {
      const s = this.rowStart(this.i);
      const end = this.rowEnd(this.i);
      const first = skipWhite(buf, s, end);
      if (first === end) {
        body.push("");
        // Blank lines hold spaces only here (tabs and other white space were refused above).
        if (end - s > longestBlank) longestBlank = end - s;
        this.i += 1;
        continue;
      }
      const lineIndent = this.indentOf(this.i);
      if (lineIndent <= ownerIndent) break;
      if (contentIndent < 0) contentIndent = lineIndent;
      if (lineIndent < contentIndent) unsupported();
      if (folded && buf[s + contentIndent] === SPACE) unsupported(); // more-indented lines fold differently
      body.push(decodeRange(buf, s + contentIndent, end));
      this.i += 1;
    }
    if (contentIndent < 0) return "";
    if (longestBlank > contentIndent) unsupported();
    return joinBlockScalar(body, folded, strip);
  }
}
