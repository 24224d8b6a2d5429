// Reads a pattern file's frontmatter from the bytes of its head in one pass: finds the block, splits
// it into top-level entries, keeps the selected ones (and the selected children of ontology:, tags:...)
// and reads them with byte-entries.ts, decoding only the scalars that are kept. It answers for the
// plain layout nearly every file has; for anything else (no `---` on line 1, a block the head does
// not hold, invalid UTF-8, an entry outside the subset, an irregular top level) it answers undefined
// and the file is read as text (locate-frontmatter.ts, read-yaml.ts), so results never differ.
//
// Why it exists: decoding each file's whole frontmatter (19 MB for the 3,573-file library), then
// cutting it into line strings, was most of the ingest's work and of its garbage. Measured
// 2026-12-06 ~08:20 UTC (load ~30, so CPU time): the CLI ingest of that library, main-thread CPU
// 623 -> 488 ms, process CPU 997 -> 875 ms (medians of 5 interleaved); its files' read and parse on
// the main thread 477-502 -> 293-367 ms (docs/performance.md, "The frontmatter read as bytes").
// test/ingest/frontmatter-bytes.test.ts checks that it gives exactly the text path's parsed file,
// for every file of both real snapshots that it reads. It goes when that gap closes.

import { isUtf8 } from "node:buffer";
import { readByteEntry, type ByteLines } from "./byte-entries.ts";
import { BYTE_UNSUPPORTED, COLON, CR, DASH, DOT, HASH, hashBytes, NEWLINE, SPACE, TAB, isKeyByte, isKeyStart, keyText, skipWhite } from "./byte-text.ts";
import { PositionMap, type KeySelection, type YamlReadResult } from "./read-yaml.ts";

/** What the byte reader found: where the block is, and what readYaml would have read from it. */
export interface ByteFrontmatter {
  /** 1-based file line of the opening `---` (always 1: the byte reader reads no other layout). */
  openLine: number;
  /** 1-based file line of the closing `---` or `...`. */
  closeLine: number;
  read: Extract<YamlReadResult, { ok: true }>;
}

/** Reused between files: line ranges, the rows of the current entry, its selected rows. */
let lineStart = new Int32Array(1024);
let lineEnd = new Int32Array(1024);
let rows = new Int32Array(1024);
let kept = new Int32Array(1024);

function grow(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** The hashes of the top-level keys of the block being read (reused). */
const SEEN = new Set<number>();

/** One selected top-level entry: its rows `rows[from..to)` and its selection rule. */
interface Entry {
  from: number;
  to: number;
  rule: true | ReadonlySet<string>;
}

/**
 * Reads the frontmatter of a file whose first `length` bytes are in `buf` (`whole`: that is all of
 * the file), keeping the keys `keys` selects, exactly as parsePattern's text path reads them with
 * maxDepth 3. Undefined whenever the text path must decide.
 */
export function readFrontmatterBytes(buf: Buffer, length: number, keys: KeySelection): ByteFrontmatter | undefined {
  try {
    return readOrThrow(buf, length, keys);
  } catch (error) {
    if (error === BYTE_UNSUPPORTED) return undefined;
    // Anything unexpected: the text path decides, and reports.
    return undefined;
  }
}

function readOrThrow(buf: Buffer, length: number, keys: KeySelection): ByteFrontmatter | undefined {
  // The opening line: `---` on line 1 (after a byte order mark), `[ \t]*\r?` after it.
  let at = length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (at + 3 > length || buf[at] !== DASH || buf[at + 1] !== DASH || buf[at + 2] !== DASH) return undefined;
  at += 3;
  while (at < length && (buf[at] === SPACE || buf[at] === TAB)) at += 1;
  if (at < length && buf[at] === CR) at += 1;
  if (at >= length || buf[at] !== NEWLINE) return undefined;
  const yamlStart = at + 1;

  const entries: Entry[] = [];
  const seen = SEEN;
  seen.clear();
  let rowCount = 0;
  let entry: Entry | undefined;
  let index = 0;
  let start = yamlStart;
  let closeStart: number;
  let closeEnd: number;
  for (; ; index += 1) {
    // Buffer#indexOf (memchr) costs half of a loop over the bytes (CPU time, all heads: 10 against 24 ms).
    const end = buf.indexOf(NEWLINE, start);
    // A line the head does not end: the block is not known to close inside it.
    if (end < 0 || end >= length) return undefined;
    if (index + 2 > lineStart.length) {
      lineStart = grow(lineStart, index + 2);
      lineEnd = grow(lineEnd, index + 2);
    }
    lineStart[index] = start;
    lineEnd[index] = end;
    const first = start < end ? buf[start]! : NEWLINE;
    if (first === DASH || first === DOT) {
      // A line that starts with `---` or `...` is where the loader's search stops: it must be the
      // closing delimiter (`^(?:---|\.\.\.)[ \t]*\r?$`), and not on the block's first line.
      if (end - start >= 3 && buf[start + 1] === first && buf[start + 2] === first) {
        let i = start + 3;
        while (i < end && (buf[i] === SPACE || buf[i] === TAB)) i += 1;
        if (i < end && buf[i] === CR) i += 1;
        if (i !== end || index === 0) return undefined;
        closeStart = start;
        closeEnd = end;
        break;
      }
    }
    if (first === SPACE || first === TAB || first === CR || first === NEWLINE) {
      // Indented or blank: a continuation of the current entry.
      if (seen.size === 0) {
        for (let i = start; i < end; i += 1) if (buf[i] !== SPACE && buf[i] !== TAB && buf[i] !== CR) return undefined;
      }
      if (entry) {
        rows = grow(rows, rowCount + 1);
        rows[rowCount++] = index;
      }
    } else if (first === HASH) {
      // A column-0 comment cannot sit inside a value: dropped.
    } else if (first === DASH && (end - start === 1 || buf[start + 1] === SPACE || buf[start + 1] === CR)) {
      // A block sequence item at column 0 belongs to the entry above it.
      if (seen.size === 0) return undefined;
      if (entry) {
        rows = grow(rows, rowCount + 1);
        rows[rowCount++] = index;
      }
    } else {
      // KEY_LINE: /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|\r?$)/; anything else at column 0 is irregular.
      if (!isKeyStart(first)) return undefined;
      let hash = Math.imul(0x811c9dc5 ^ first, 0x01000193);
      let i = start + 1;
      for (; i < end; i += 1) {
        const b = buf[i]!;
        if (!isKeyByte(b)) break;
        hash = Math.imul(hash ^ b, 0x01000193);
      }
      const keyEnd = i;
      while (i < end && (buf[i] === SPACE || buf[i] === TAB)) i += 1;
      if (i >= end || buf[i] !== COLON) return undefined;
      i += 1;
      if (!(i === end || buf[i] === SPACE || buf[i] === TAB || (buf[i] === CR && i + 1 === end))) return undefined;
      // A repeated key (or two keys of one hash, which is rare): the text path parses the whole block.
      if (seen.has(hash)) return undefined;
      seen.add(hash);
      const key = keyText(buf, start, keyEnd, hash);
      if (entry) entry.to = rowCount;
      const rule = keys.get(key);
      if (rule === undefined) {
        entry = undefined;
      } else {
        entry = { from: rowCount, to: rowCount, rule };
        entries.push(entry);
        rows = grow(rows, rowCount + 1);
        rows[rowCount++] = index;
      }
    }
    start = end + 1;
  }
  if (seen.size === 0) return undefined;
  // The block ends with the line break before the closing line: as text, one more empty line.
  lineStart[index] = closeStart;
  lineEnd[index] = closeStart;
  if (entry) {
    rows = grow(rows, rowCount + 1);
    rows[rowCount++] = index;
    entry.to = rowCount;
  }
  // The text path decodes up to the end of the line after the closing one: the same bytes must be
  // valid UTF-8 (an invalid byte is a problem the text path reports, with its line).
  const nextEnd = buf.indexOf(NEWLINE, closeEnd + 1);
  if (nextEnd < 0 || nextEnd >= length) return undefined;
  if (!isUtf8(buf.subarray(0, nextEnd + 1))) return undefined;

  const lines: ByteLines = { buf, start: lineStart, end: lineEnd };
  const positions = new PositionMap();
  const value: Record<string, unknown> = {};
  for (const { from, to, rule } of entries) {
    let rowsOf = rows;
    let first = from;
    let last = to;
    if (rule !== true) {
      const count = keepChildren(lines, from, to, rule);
      if (count >= 0) {
        rowsOf = kept;
        first = 0;
        last = count;
      }
    }
    const parsed = readByteEntry(lines, rowsOf, first, last, positions, 3);
    value[parsed.key] = parsed.value;
  }
  // The line breaks before the closing line: its 1-based number.
  const closeLine = index + 2;
  return { openLine: 1, closeLine, read: { ok: true, value, positions: positions.toPositions(2) } };
}

/**
 * read-yaml.ts's keepChildren: the header row of a block-mapping entry and only the wanted
 * children's rows, copied into `kept`; returns their count, or -1 when the whole entry is to be read
 * (an inline value, a list, uneven indentation).
 */
function keepChildren(lines: ByteLines, from: number, to: number, wanted: ReadonlySet<string>): number {
  const { buf, start, end } = lines;
  kept = grow(kept, to - from);
  const header = rows[from]!;
  // What follows the header's colon, trimmed: empty or a comment, else the entry is read whole.
  let colon = start[header]!;
  while (buf[colon] !== COLON) colon += 1;
  const afterColon = skipWhite(buf, colon + 1, end[header]!);
  if (afterColon < end[header]! && buf[afterColon] !== HASH) return -1;
  let count = 0;
  kept[count++] = header;
  let childIndent = -1;
  let keeping = false;
  for (let r = from + 1; r < to; r += 1) {
    const row = rows[r]!;
    const s = start[row]!;
    const e = end[row]!;
    const content = skipWhite(buf, s, e);
    if (content === e || buf[content] === HASH) {
      if (keeping) kept[count++] = row;
      continue;
    }
    // Indentation of spaces only; a tab or other white space in it: the text path decides.
    for (let i = s; i < content; i += 1) if (buf[i] !== SPACE) throw BYTE_UNSUPPORTED;
    const indent = content - s;
    if (childIndent < 0) childIndent = indent;
    if (indent === childIndent) {
      if (!isKeyStart(buf[content]!)) return -1;
      let i = content + 1;
      while (i < e && isKeyByte(buf[i]!)) i += 1;
      const keyEnd = i;
      while (i < e && (buf[i] === SPACE || buf[i] === TAB)) i += 1;
      if (i >= e || buf[i] !== COLON) return -1;
      i += 1;
      if (!(i === e || buf[i] === SPACE || buf[i] === TAB || (buf[i] === CR && i + 1 === e))) return -1;
      keeping = wanted.has(keyText(buf, content, keyEnd, hashBytes(buf, content, keyEnd)));
    } else if (indent < childIndent) {
      return -1;
    }
    if (keeping) kept[count++] = row;
  }
  return count;
}
