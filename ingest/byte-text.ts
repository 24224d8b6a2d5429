// The byte-level pieces the frontmatter's byte reader is made of (frontmatter-bytes.ts and
// byte-entries.ts): key bytes and their names, white space as JavaScript's `trim` sees it, decoding
// a range of a file's head. Split from byte-entries.ts by job.

/** Thrown when the entry is outside the subset read here; the file is then read as text. */
export const BYTE_UNSUPPORTED = Symbol("byte-unsupported");
function unsupported(): never {
  throw BYTE_UNSUPPORTED;
}

/** The bytes the frontmatter readers (frontmatter-bytes.ts, byte-entries.ts) look for. */
export const TAB = 0x09;
export const NEWLINE = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const DQUOTE = 0x22;
export const HASH = 0x23;
export const SQUOTE = 0x27;
export const DASH = 0x2d;
export const DOT = 0x2e;
export const COLON = 0x3a;
export const BACKSLASH = 0x5c;

/** True for a key byte after the first: `[A-Za-z0-9_-]`. */
export function isKeyByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === DASH;
}

/** True for a key's first byte: `[A-Za-z_]`. */
export function isKeyStart(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f;
}

/**
 * The index of the first byte from `at` that is not white space as JavaScript's `trim` and `\s` see
 * it. Throws BYTE_UNSUPPORTED at a Unicode space (U+00A0, U+2000...): those are rare in frontmatter,
 * and reading them exactly as the text reader does is not worth the code.
 */
export function skipWhite(buf: Buffer, at: number, end: number): number {
  while (at < end) {
    const b = buf[at]!;
    if (b === SPACE || (b >= 0x09 && b <= 0x0d)) at += 1;
    else if (b >= 0x80 && isUnicodeSpace(buf, at, end)) unsupported();
    else break;
  }
  return at;
}

/** True when the UTF-8 sequence at `at` is a character JavaScript counts as white space beyond ASCII. */
export function isUnicodeSpace(buf: Buffer, at: number, end: number): boolean {
  const b0 = buf[at]!;
  const b1 = at + 1 < end ? buf[at + 1]! : 0;
  const b2 = at + 2 < end ? buf[at + 2]! : 0;
  if (b0 === 0xc2) return b1 === 0xa0; // U+00A0
  if (b0 === 0xe1) return b1 === 0x9a && b2 === 0x80; // U+1680
  if (b0 === 0xe2) {
    if (b1 === 0x80) return (b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf; // U+2000-200A, 2028, 2029, 202F
    return b1 === 0x81 && b2 === 0x9f; // U+205F
  }
  if (b0 === 0xe3) return b1 === 0x80 && b2 === 0x80; // U+3000
  if (b0 === 0xef) return b1 === 0xbb && b2 === 0xbf; // U+FEFF
  return false;
}

/** True when U+2028 or U+2029 (which end a line for a regular expression's `.`) lies in `[from, end)`. */
export function hasLineSeparator(buf: Buffer, from: number, end: number): boolean {
  for (let i = from; i + 2 < end; i += 1) {
    if (buf[i] === 0xe2 && buf[i + 1] === 0x80 && (buf[i + 2] === 0xa8 || buf[i + 2] === 0xa9)) return true;
  }
  return false;
}

/** Buffer's own decoders, without Buffer#toString's argument checks (Node has had them since its start). */
interface Slices {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}
const HAS_SLICES = typeof (Buffer.prototype as unknown as Partial<Slices>).utf8Slice === "function";

/** The text of `[from, end)` of a buffer of UTF-8: a string of its own (not a slice of a larger one). */
export function decodeRange(buf: Buffer, from: number, end: number): string {
  return HAS_SLICES ? (buf as unknown as Slices).utf8Slice(from, end) : buf.toString("utf8", from, end);
}

/** The text of `[from, end)` when it is ASCII (keys). */
export function decodeAscii(buf: Buffer, from: number, end: number): string {
  return HAS_SLICES ? (buf as unknown as Slices).latin1Slice(from, end) : buf.toString("latin1", from, end);
}

/** Keys met before, by the hash of their bytes: a key every file has is decoded once, one string. */
const KNOWN_KEYS = new Map<number, string>();
/** Enough for every key name of a real library; a library of ever new key names stops adding here. */
const MAX_KNOWN_KEYS = 4096;

/** FNV-1a of `[from, end)`. */
export function hashBytes(buf: Buffer, from: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < end; i += 1) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
  return hash;
}

/** The ASCII key at `[from, end)` (whose hashBytes is `hash`) as text: the string of the last time when known. */
export function keyText(buf: Buffer, from: number, end: number, hash: number): string {
  const known = KNOWN_KEYS.get(hash);
  if (known !== undefined && known.length === end - from) {
    let same = true;
    for (let i = 0; same && i < known.length; i += 1) same = known.charCodeAt(i) === buf[from + i];
    if (same) return known;
  }
  const text = decodeAscii(buf, from, end);
  if (known === undefined && KNOWN_KEYS.size < MAX_KNOWN_KEYS) KNOWN_KEYS.set(hash, text);
  return text;
}

