// Text that XML 1.0 can carry. Escaping is the writers' job; this removes what no escape can
// express: C0 control characters other than tab and line breaks, U+FFFE/U+FFFF and lone surrogates.

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every character XML 1.0 forbids replaced by U+FFFD (the replacement character). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "\uFFFD");
}

/** Escapes text for an XML attribute value or element content (quotes and line breaks as references, so they survive). */
export function escapeXml(text: string): string {
  return referenceLineSeparators(xmlText(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]!));
}

/**
 * NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as character references. Some readers (xmldom, which
 * graphology's parsers use) turn them into line breaks as XML 1.1 does, and then into spaces inside
 * attribute values; a reference reaches every reader as the character itself. Safe on a whole
 * document too: they appear only inside text and attribute values.
 */
export function referenceLineSeparators(xml: string): string {
  return xml.replace(/[\u0085\u2028\u2029]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
}

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/**
 * XML-safe ids for keys that may hold forbidden characters: the key itself when it has none, else
 * the cleaned key, with `~2`, `~3`... added if two keys would clean to the same id.
 */
export function xmlIds(keys: Iterable<string>): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of keys) {
    let id = xmlText(key);
    if (id !== key) {
      const base = id;
      for (let n = 2; taken.has(id); n++) id = `${base}~${n}`;
    }
    ids.set(key, id);
    taken.add(id);
  }
  return ids;
}
