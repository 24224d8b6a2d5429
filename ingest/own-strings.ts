// Gives what js-yaml parsed strings of their own (read-yaml.ts). A parser cuts each field out of the file's
// decoded frontmatter, and V8 keeps a cut string's whole parent alive: at ten times the 2026-02-20
// library (35,710 files, frontmatter of 4-15 KB, often two bytes a character) that held ~270 MB of
// heap for a few bytes per field, in the server and in --watch's read thread alike. Owning them
// costs ~2% of the parse (docs/performance.md).

/**
 * A copy of `text` that holds no other string alive. V8 flattens a concatenation into a fresh
 * string before cutting it, so the result's parent (if it has one) is that fresh string of one
 * more character, not the frontmatter `text` was cut from; a string under 13 characters is copied
 * outright. Always equal to `text` (lone surrogates included).
 */
export function ownString(text: string): string {
  return text.length === 0 ? text : (" " + text).slice(1);
}

/**
 * Replaces, in place, every string inside `value` (plain objects and arrays, at any depth) with an
 * owned copy (ownString). Keys, key order and every other value are unchanged. For values nobody
 * else holds yet: what parsePattern just returned.
 */
export function ownStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "string") value[i] = ownString(item);
      else if (typeof item === "object" && item !== null) ownStrings(item);
    }
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === "string") record[key] = ownString(item);
      else if (typeof item === "object" && item !== null) ownStrings(item);
    }
  }
  return value;
}
