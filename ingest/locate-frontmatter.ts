// Finds the YAML frontmatter block in a pattern file's text. Real libraries have files whose opening
// `---` is not on line 1, or is glued to the first key; both are recovered here, and said so.

/** At most this many non-blank lines (a heading, a stray `''`) may stand above the opening `---`. */
export const MAX_LINES_ABOVE_FRONTMATTER = 3;

const DELIMITER = /^---[ \t]*\r?$/;
const CLOSING_DELIMITER = /^(?:---|\.\.\.)[ \t]*\r?$/;
/** `---id: pat_...`: an opening delimiter with the first key glued to it. */
const GLUED_OPENING = /^---(?=[A-Za-z_"'])/;

export type FrontmatterRecovery = "lines-above" | "glued-opening" | "doubled-opening";

export type FrontmatterLocation =
  | {
      found: true;
      /** The YAML text between the delimiters (the glued case starts after the `---`). */
      yaml: string;
      /** Offset of `yaml` in the text. */
      yamlStart: number;
      /** 1-based file line of the opening `---` (and, when glued, of the first key too). */
      openLine: number;
      /** 1-based file line of the closing `---`. */
      closeLine: number;
      /** 1-based file line on which `yaml` starts. */
      firstYamlLine: number;
      /** Columns to add to a 0-based column on `firstYamlLine` (3 when the opening is glued). */
      firstLineColumnShift: number;
      /** Offset just after the closing delimiter's line (where the Markdown body starts). */
      bodyStart: number;
      recovery?: { kind: FrontmatterRecovery; message: string };
    }
  | { found: false; line?: number; message: string };

/**
 * Locates the frontmatter. Pure and prefix-stable: on a prefix of a file that contains the closing
 * delimiter's line and the whole line after it, a found frontmatter equals the one found in the whole
 * file (the loader relies on this to decode only the head of large files).
 */
export function locateFrontmatter(text: string): FrontmatterLocation {
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let textLinesAbove = 0;
  let openLine = 0;
  let yamlStart = -1;
  let glued = false;

  for (;;) {
    const end = lineEnd(text, offset);
    const content = text.slice(offset, end);
    if (DELIMITER.test(content)) {
      openLine = line;
      yamlStart = nextLineStart(text, end);
      break;
    }
    if (GLUED_OPENING.test(content)) {
      openLine = line;
      yamlStart = offset + 3;
      glued = true;
      break;
    }
    if (content.trim() !== "") {
      textLinesAbove += 1;
      if (textLinesAbove > MAX_LINES_ABOVE_FRONTMATTER || looksLikeYamlKey(content)) {
        return { found: false, message: "No frontmatter: the file does not start with a '---' line." };
      }
    }
    if (end >= text.length) break;
    offset = end + 1;
    line += 1;
  }
  if (yamlStart < 0) {
    return { found: false, message: "No frontmatter: the file has no '---' line at the top." };
  }

  // The closing delimiter: the first `---` (or `...`) line after the opening one.
  let scan = yamlStart;
  let scanLine = glued ? openLine : openLine + 1;
  if (glued) {
    // The glued line holds YAML, never the closing delimiter.
    scan = nextLineStart(text, lineEnd(text, yamlStart));
    scanLine += 1;
  }
  let doubled = false;
  while (scan < text.length) {
    const end = lineEnd(text, scan);
    // Only a line starting with `-` or `.` can close: the others are not cut out and tested (most
    // lines of a block; ~300,000 strings fewer on the real library).
    const first = text.charCodeAt(scan);
    if ((first === 45 || first === 46) && CLOSING_DELIMITER.test(text.slice(scan, end))) {
      // `---` twice, then keys: the first pair opened an empty block by mistake. Read on from the second.
      if (!glued && !doubled && scan === yamlStart && looksLikeYamlKey(text.slice(nextLineStart(text, end), lineEnd(text, nextLineStart(text, end))))) {
        doubled = true;
        openLine = scanLine;
        yamlStart = nextLineStart(text, end);
        scan = yamlStart;
        scanLine += 1;
        continue;
      }
      const location: FrontmatterLocation = {
        found: true,
        yaml: text.slice(yamlStart, scan),
        yamlStart,
        openLine,
        closeLine: scanLine,
        firstYamlLine: glued ? openLine : openLine + 1,
        firstLineColumnShift: glued ? 3 : 0,
        bodyStart: nextLineStart(text, end),
      };
      if (doubled) {
        location.recovery = {
          kind: "doubled-opening",
          message: `read the frontmatter that opens with a second '---' on line ${openLine} (the first one opened an empty block)`,
        };
      } else if (glued) {
        location.recovery = {
          kind: "glued-opening",
          message: `read the frontmatter although its opening '---' on line ${openLine} is glued to the first key`,
        };
      } else if (openLine > 1) {
        location.recovery = {
          kind: "lines-above",
          message: `read the frontmatter that opens on line ${openLine}, ignoring the ${openLine - 1} line(s) above it`,
        };
      }
      return location;
    }
    scan = end + 1;
    scanLine += 1;
  }
  return {
    found: false,
    line: openLine,
    message: `No frontmatter: the opening '---' on line ${openLine} is never closed by another '---' line.`,
  };
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf("\n", from);
  return i < 0 ? text.length : i;
}

function nextLineStart(text: string, end: number): number {
  return end < text.length ? end + 1 : text.length;
}

/** A `key: value` line above any `---` means the opening delimiter is missing, not displaced. */
function looksLikeYamlKey(line: string): boolean {
  return /^[A-Za-z_][\w-]*:(?:\s|$)/.test(line);
}
