// Parses a frontmatter block and remembers the file line of every node near the top (so each declared
// link target knows where it is written). Only the top-level keys Pattern Atlas reads are parsed.
//
// Why selective: the real 3,573-file library carries 15 MB of frontmatter, most of it in keys never
// read (graph_garden, context_labels, ...), and js-yaml 5 reads ~6-10 MB/s. So the block is split into
// its top-level entries; the selected ones go through fast-yaml.ts, and those outside its subset
// through js-yaml. When the top-level layout is anything but plain `key:` lines, or js-yaml rejects
// the selected entries, the whole block goes through js-yaml, so every reported YAML error comes from
// a whole-block parse with true positions. The price, documented in docs/library-format.md: a YAML error inside a
// key that is never read is not reported.

import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, YAMLException } from "js-yaml";
import type { Event } from "js-yaml";
import { joinPath, parseEntryFast, PATH_SEPARATOR } from "./fast-yaml.ts";
import { ownStrings } from "./own-strings.ts";
import type { PositionSink, SourceLine } from "./fast-yaml.ts";

export type YamlReadResult =
  | {
      ok: true;
      value: unknown;
      positions: YamlPositions;
      /** The whole block is invalid YAML, but the keys read parse on their own (the error lies elsewhere). */
      outsideError?: YamlError;
    }
  | ({ ok: false } & YamlError);

export interface YamlError {
  line: number;
  column?: number;
  message: string;
}

/** Where nodes sit, by path (keys and sequence indexes), as 1-based file lines. */
export interface YamlPositions {
  /** Line where the node at `path` starts (for a mapping entry: where its value starts). */
  nodeLine(path: readonly (string | number)[]): number | undefined;
  /** Line of the key of the mapping entry at `path`. */
  keyLine(path: readonly (string | number)[]): number | undefined;
}

/**
 * Which top-level keys to parse: `true` for the whole entry, or the set of child keys to keep when
 * the entry is a block mapping (`ontology:` is large; only its `domain` is read).
 */
export type KeySelection = ReadonlyMap<string, true | ReadonlySet<string>>;

export interface YamlReadOptions {
  /** Top-level keys (and children) to parse; everything else is skipped unparsed. Undefined: parse all. */
  keys?: KeySelection;
  /** 1-based file line of the block's first line. */
  firstLine: number;
  /** Columns to add to positions on the first line (an opening `---` glued to the first key). */
  firstLineColumnShift?: number;
  /** Positions are recorded down to this many path segments (3 covers relationships.enables[0]). */
  maxDepth?: number;
  /** False turns the fast reader off (for tests comparing it with js-yaml). */
  fast?: boolean;
}

/** A KEY at column 0: the start of a top-level entry. */
const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|\r?$)/;

/** Block line indexes of nodes and keys, by joined path (frontmatter-bytes.ts fills one too). */
export class PositionMap implements PositionSink {
  readonly nodes = new Map<string, number>();
  readonly keys = new Map<string, number>();
  node(path: string, index: number): void {
    this.nodes.set(path, index);
  }
  key(path: string, index: number): void {
    this.keys.set(path, index);
  }
  toPositions(firstLine: number): YamlPositions {
    const lookup = (map: Map<string, number>, path: readonly (string | number)[]): number | undefined => {
      const index = map.get(path.join(PATH_SEPARATOR));
      return index === undefined ? undefined : firstLine + index;
    };
    return { nodeLine: (path) => lookup(this.nodes, path), keyLine: (path) => lookup(this.keys, path) };
  }
}

export function readYaml(yaml: string, options: YamlReadOptions): YamlReadResult {
  const maxDepth = options.maxDepth ?? 3;
  const columnShift = options.firstLineColumnShift ?? 0;
  if (options.keys) {
    const split = splitEntries(yaml, options.keys);
    if (split) {
      let result: YamlReadResult | undefined;
      try {
        result = readEntries(split.entries, options.firstLine, maxDepth, options.fast !== false);
      } catch {
        // Fall through: the whole block decides whether this is an error, and where.
      }
      if (result) {
        // An irregular layout outside the keys read (a flow list closed at column 0, a repeated
        // key) is checked by a whole parse; its error is reported without losing the pattern.
        if (split.irregular) {
          const whole = parseWhole(yaml, options.firstLine, maxDepth, columnShift);
          if (!whole.ok && result.ok) result.outsideError = { line: whole.line, column: whole.column, message: whole.message };
        }
        return result;
      }
    }
  }
  return parseWhole(yaml, options.firstLine, maxDepth, columnShift);
}

function parseWhole(yaml: string, firstLine: number, maxDepth: number, columnShift: number): YamlReadResult {
  try {
    const positions = new PositionMap();
    const value = parseWithJsYaml(splitLines(yaml), positions, maxDepth);
    return { ok: true, value, positions: positions.toPositions(firstLine) };
  } catch (error) {
    return { ok: false, ...describeYamlError(error, firstLine, columnShift) };
  }
}

/** Reads the selected entries: each through the fast reader when it can, the rest through js-yaml. */
function readEntries(entries: SourceLine[][], firstLine: number, maxDepth: number, fast: boolean): YamlReadResult {
  const positions = new PositionMap();
  const value: Record<string, unknown> = {};
  const slow: SourceLine[] = [];
  for (const entry of entries) {
    const parsed = fast ? parseEntryFast(entry, positions, maxDepth) : undefined;
    if (parsed) value[parsed.key] = parsed.value;
    else slow.push(...entry);
  }
  if (slow.length > 0) {
    const rest = parseWithJsYaml(slow, positions, maxDepth);
    if (rest !== null && typeof rest === "object" && !Array.isArray(rest)) Object.assign(value, rest);
    else if (rest !== null) throw new Error("the selected entries do not form a mapping");
  }
  return { ok: true, value, positions: positions.toPositions(firstLine) };
}

/**
 * Splits the block into its selected top-level entries (keeping only selected children of filtered
 * ones). A column-0 line that is not a plain `key:` line, a `- ` item, a comment or blank can only
 * continue the entry above it (or be an error): it stays with that entry and marks the split
 * `irregular`. Returns undefined when the block does not start with a key or a selected key
 * repeats: then only a whole parse can be trusted.
 */
function splitEntries(yaml: string, selection: KeySelection): { entries: SourceLine[][]; irregular: boolean } | undefined {
  const entries: SourceLine[][] = [];
  const seen = new Set<string>();
  let irregular = false;
  let entry: SourceLine[] | undefined;
  let rule: true | ReadonlySet<string> | undefined;
  const closeEntry = (): void => {
    if (entry && rule !== undefined) entries.push(rule === true ? entry : keepChildren(entry, rule));
    entry = undefined;
  };
  let start = 0;
  for (let index = 0; ; index += 1) {
    let end = yaml.indexOf("\n", start);
    if (end < 0) end = yaml.length;
    const first = start < end ? yaml.charCodeAt(start) : 10;
    if (first === 32 || first === 9 || first === 13 || first === 10) {
      // Indented or blank: a continuation of the current entry.
      if (seen.size === 0 && yaml.slice(start, end).trim() !== "") return undefined;
      if (entry) entry.push({ text: yaml.slice(start, end), index });
    } else if (first === 35 /* # */) {
      // A column-0 comment cannot sit inside a value, so it is safe to drop.
    } else if (first === 45 /* - */ && (end - start === 1 || yaml.charCodeAt(start + 1) === 32 || yaml.charCodeAt(start + 1) === 13)) {
      // A block sequence item at column 0 belongs to the entry above it.
      if (seen.size === 0) return undefined;
      if (entry) entry.push({ text: yaml.slice(start, end), index });
    } else {
      const text = yaml.slice(start, end);
      const match = KEY_LINE.exec(text);
      if (!match) {
        if (seen.size === 0) return undefined;
        irregular = true;
        if (entry) entry.push({ text, index });
      } else {
        const key = match[1]!;
        if (seen.has(key)) {
          if (selection.has(key)) return undefined;
          irregular = true;
        }
        closeEntry();
        seen.add(key);
        rule = selection.get(key);
        entry = rule === undefined ? undefined : [{ text, index }];
      }
    }
    if (end >= yaml.length) break;
    start = end + 1;
  }
  closeEntry();
  return seen.size === 0 ? undefined : { entries, irregular };
}

/**
 * Keeps the header of a block-mapping entry and only the wanted children (with their nested lines).
 * Anything unusual (an inline value, a list, uneven indentation, tabs) keeps the whole entry.
 */
function keepChildren(entry: SourceLine[], wanted: ReadonlySet<string>): SourceLine[] {
  const header = entry[0]!.text;
  const afterColon = header.slice(header.indexOf(":") + 1).trim();
  if (afterColon !== "" && !afterColon.startsWith("#")) return entry;
  const selected: SourceLine[] = [entry[0]!];
  let childIndent = -1;
  let keeping = false;
  for (let i = 1; i < entry.length; i += 1) {
    const line = entry[i]!;
    const content = line.text.trimStart();
    if (content === "" || content === "\r" || content.startsWith("#")) {
      if (keeping) selected.push(line);
      continue;
    }
    const indent = line.text.length - content.length;
    if (line.text.slice(0, indent).includes("\t")) return entry;
    if (childIndent < 0) childIndent = indent;
    if (indent === childIndent) {
      const match = KEY_LINE.exec(content);
      if (!match) return entry;
      keeping = wanted.has(match[1]!);
    } else if (indent < childIndent) {
      return entry;
    }
    if (keeping) selected.push(line);
  }
  return selected;
}

function splitLines(yaml: string): SourceLine[] {
  return yaml.split("\n").map((text, index) => ({ text, index }));
}

/**
 * Parses the lines with js-yaml (throws its errors) and records node positions into `sink`. The
 * values own their strings (own-strings.ts): js-yaml cuts them from `source`, which would keep it
 * alive; fast-yaml.ts copies the scalars it keeps itself.
 */
function parseWithJsYaml(lines: readonly SourceLine[], sink: PositionSink, maxDepth: number): unknown {
  const source = lines.map((line) => line.text).join("\n") + "\n";
  const events = parseEvents(source, {});
  const documents = constructFromEvents(events, { source });
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const toIndex = (offset: number): number => lines[findLine(lineStarts, offset)]?.index ?? lines[lines.length - 1]!.index;
  recordPositions(events, source, maxDepth, {
    node: (path, offset) => sink.node(path, toIndex(offset)),
    key: (path, offset) => sink.key(path, toIndex(offset)),
  });
  return documents.length > 0 ? ownStrings(documents[0]) : null;
}

interface Frame {
  path: string;
  depth: number;
  isMapping: boolean;
  /** Children seen so far (for a mapping: keys and values alike). */
  children: number;
  pendingKey: string;
}

/** Walks js-yaml's events and reports the start offset of every node (and key) near the root. */
function recordPositions(events: readonly Event[], source: string, maxDepth: number, sink: PositionSink): void {
  const stack: Frame[] = [];
  let seenRoot = false;
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) continue;
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const start =
      event.type === EVENT_ID.SCALAR ? event.valueStart : event.type === EVENT_ID.ALIAS ? event.anchorStart : event.start;
    const isCollection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
    const parent = stack[stack.length - 1];
    let path = "";
    let depth = 0;
    if (!parent) {
      if (seenRoot) break; // only the first document matters
      seenRoot = true;
    } else if (parent.isMapping && parent.children % 2 === 0) {
      // A key. Decoding it costs time, so only keys whose values are recorded are decoded.
      parent.children += 1;
      if (parent.depth < maxDepth) {
        parent.pendingKey = event.type === EVENT_ID.SCALAR ? getScalarValue(source, event) : "\u0001complex-key";
        if (start >= 0) sink.key(joinPath(parent.path, parent.depth, parent.pendingKey), start);
      }
      if (isCollection) stack.push({ path: "", depth: maxDepth + 1, isMapping: event.type === EVENT_ID.MAPPING, children: 0, pendingKey: "" });
      continue;
    } else {
      const segment = parent.isMapping ? parent.pendingKey : String(parent.children);
      parent.children += 1;
      depth = parent.depth + 1;
      if (depth <= maxDepth) path = joinPath(parent.path, parent.depth, segment);
    }
    if (depth <= maxDepth && start >= 0) sink.node(path, start);
    if (isCollection) stack.push({ path, depth, isMapping: event.type === EVENT_ID.MAPPING, children: 0, pendingKey: "" });
  }
}

/** Index of the last line start <= offset. */
function findLine(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function describeYamlError(error: unknown, firstLine: number, firstLineColumnShift: number): YamlError {
  if (error instanceof YAMLException) {
    const reason = error.reason || "invalid YAML";
    if (error.mark) {
      const line = firstLine + error.mark.line;
      const column = error.mark.column + 1 + (error.mark.line === 0 ? firstLineColumnShift : 0);
      return { line, column, message: `Invalid YAML at line ${line}, column ${column}: ${reason}.` };
    }
    return { line: firstLine, message: `Invalid YAML: ${reason}.` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: firstLine, message: `Invalid YAML: ${message}.` };
}
