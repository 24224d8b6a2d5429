// A small strict XML parser for the SVG export tests: elements, attributes, text, comments, the XML
// declaration and the five predefined entities plus numeric references. It throws on anything not
// well-formed (mismatched or unclosed tags, bad attributes, stray `<` or `&`), which is the point.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;

function decode(text: string, at: number): string {
  return text.replace(/&([^;]*);|&/g, (match, body: string | undefined) => {
    if (body === undefined) throw new Error(`Bare '&' near offset ${at}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
    if (numeric) return String.fromCodePoint(body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
    throw new Error(`Unknown entity '${match}' near offset ${at}`);
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${i}: ${JSON.stringify(source.slice(i, i + 40))}`);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(source);
    if (!m) fail("Expected a name");
    i += m![0].length;
    return m![0];
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith("<?", i)) {
        const end = source.indexOf("?>", i);
        if (end < 0) fail("Unclosed processing instruction");
        i = end + 2;
      } else if (source.startsWith("<!--", i)) {
        const end = source.indexOf("-->", i);
        if (end < 0) fail("Unclosed comment");
        i = end + 3;
      } else if (source.startsWith("<!DOCTYPE", i)) {
        const end = source.indexOf(">", i);
        i = end + 1;
      } else return;
    }
  };

  const parseElement = (): XmlElement => {
    if (source[i] !== "<") fail("Expected '<'");
    i++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith("/>", i)) {
        i += 2;
        return { name, attributes, children: [] };
      }
      if (source[i] === ">") {
        i++;
        break;
      }
      if (i === before) fail("Expected whitespace before an attribute");
      const attr = readName();
      skipSpace();
      if (source[i] !== "=") fail(`Expected '=' after attribute ${attr}`);
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail("Expected a quoted attribute value");
      const end = source.indexOf(quote!, i + 1);
      if (end < 0) fail("Unclosed attribute value");
      const raw = source.slice(i + 1, end);
      if (raw.includes("<")) fail(`'<' inside attribute ${attr}`);
      if (attr in attributes) fail(`Duplicate attribute ${attr}`);
      attributes[attr] = decode(raw, i);
      i = end + 1;
    }
    const children: XmlNode[] = [];
    for (;;) {
      if (i >= source.length) fail(`Unclosed element <${name}>`);
      if (source.startsWith("</", i)) {
        i += 2;
        const closing = readName();
        if (closing !== name) fail(`Mismatched </${closing}> for <${name}>`);
        skipSpace();
        if (source[i] !== ">") fail("Expected '>'");
        i++;
        return { name, attributes, children };
      }
      if (source.startsWith("<!--", i)) {
        const end = source.indexOf("-->", i);
        if (end < 0) fail("Unclosed comment");
        i = end + 3;
        continue;
      }
      if (source[i] === "<") {
        children.push(parseElement());
        continue;
      }
      const next = source.indexOf("<", i);
      const end = next < 0 ? source.length : next;
      const text = source.slice(i, end);
      if (text.includes(">") && text.includes("]]>")) fail("']]>' in text");
      children.push(decode(text, i));
      i = end;
    }
  };

  skipMisc();
  const root = parseElement();
  skipMisc();
  if (i !== source.length) fail("Content after the root element");
  return root;
}

/** Every element below `root` (itself included), depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [root];
  for (const child of root.children) if (typeof child !== "string") out.push(...allElements(child));
  return out;
}

export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}
