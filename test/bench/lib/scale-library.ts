// Writes an N-times library from a real one, for measuring Pattern Atlas at sizes it has not met
// yet: N copies of every file, each copy with its own slugs, titles, aliases and TypeIDs, the link
// targets rewritten to match, and a seeded share of links pointing at the same pattern in another
// copy so the result is one graph rather than N islands.
//
// Copy 1 is the source unchanged; copy k (k >= 2) renames slug `s` to `s-x<k>`, title or alias `t`
// to `t (<k>)`, and TypeID `pat_<body>` to `pat_` plus a hash of (k, body) of the same length.
// Only the frontmatter is rewritten, in place on its own lines, so the files keep their layout,
// their defects and their line numbers. Memory is bounded by the source library (read once),
// not by N: the copies are written file by file.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { listMarkdownFiles } from "../../../ingest/load-library.ts";
import { parsePattern } from "../../../ingest/parse-pattern.ts";
import type { ParsedFile } from "../../../ingest/parsed-file.ts";
import { seededRandom as random } from "../../fixtures/literal-library.ts";

export interface ScaleOptions {
  /** How many copies (>= 1). */
  factor: number;
  /** Share (0-1) of each copy's resolvable link targets pointed at the same pattern in another copy. */
  crossShare?: number;
  /** Seed of the choice of cross links (the output is a function of source, factor, share and seed). */
  seed?: number;
  /** Files written at once. */
  concurrency?: number;
}

export interface ScaleReport {
  factor: number;
  sourceFiles: number;
  filesWritten: number;
  /** Link targets rewritten to point into another copy. */
  crossTargets: number;
  /** Link targets whose text could not be found on their line (left as written: they point into copy 1). */
  unrewritten: number;
  bytes: number;
  ms: number;
}

export const DEFAULT_CROSS_SHARE = 0.03;
export const DEFAULT_SEED = 20260220;

const TYPEID = /pat_[a-z0-9]{24,26}/g;
const TYPEID_WHOLE = /^pat_[a-z0-9]{24,26}$/;
const SLUG_LIKE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** What may stand right before and after a scalar written in a YAML line. */
const BEFORE = new Set([undefined, " ", "\t", "[", ",", "{", ":", '"', "'", "-"]);
const AFTER = new Set([undefined, " ", "\t", "]", ",", "}", '"', "'", "#"]);

/** The name of copy `copy`'s folder: copy-01, copy-02, ... (zero-padded so they sort). */
export function copyFolder(copy: number, factor: number): string {
  return `copy-${String(copy).padStart(Math.max(2, String(factor).length), "0")}`;
}

export function renameSlug(slug: string, copy: number): string {
  return copy === 1 ? slug : `${slug}-x${copy}`;
}

export function renameTitle(title: string, copy: number): string {
  return copy === 1 ? title : `${title} (${copy})`;
}

export function renameTypeId(id: string, copy: number): string {
  if (copy === 1) return id;
  const body = id.slice(4);
  let hash = createHash("sha256").update(`${copy}:${body}`).digest("hex");
  // Hex is a subset of the TypeID alphabet; 64 characters are more than the 26 needed.
  hash = hash.slice(0, body.length);
  return `pat_${hash}`;
}

/** Renames a name written in the frontmatter by what it looks like: a TypeID, a slug, or a title. */
function renameName(name: string, copy: number): string {
  if (TYPEID_WHOLE.test(name)) return renameTypeId(name, copy);
  if (SLUG_LIKE.test(name)) return renameSlug(name, copy);
  return renameTitle(name, copy);
}


interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Edits per 0-based line of one file; overlapping edits are refused, so each span is renamed once. */
class LineEdits {
  readonly byLine = new Map<number, Edit[]>();
  constructor(private readonly lines: readonly string[]) {}

  private overlaps(index: number, start: number, end: number): boolean {
    return (this.byLine.get(index) ?? []).some((e) => start < e.end && e.start < end);
  }

  /** Finds `literal` as a whole scalar on line `index` at or after column `from` (after `key:` when given) and replaces it. */
  replace(index: number, literal: string, text: string, key?: string): boolean {
    const line = this.lines[index];
    if (line === undefined || literal === "") return false;
    let at = key === undefined ? line.indexOf(literal) : -1;
    if (key !== undefined) {
      const match = new RegExp(`(^|[\\s{,-])${key}:\\s*["']?`).exec(line);
      if (match) at = line.indexOf(literal, match.index + match[0].length);
    }
    while (at >= 0) {
      const end = at + literal.length;
      if (BEFORE.has(line[at - 1]) && AFTER.has(line[end]) && !this.overlaps(index, at, end)) {
        const list = this.byLine.get(index) ?? [];
        list.push({ start: at, end, text });
        this.byLine.set(index, list);
        return true;
      }
      at = line.indexOf(literal, at + 1);
    }
    return false;
  }

  /** Replaces every TypeID on line `index` not already covered by an edit. */
  renameTypeIds(index: number, copy: number): void {
    const line = this.lines[index]!;
    for (const match of line.matchAll(TYPEID)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!this.overlaps(index, start, end)) {
        const list = this.byLine.get(index) ?? [];
        list.push({ start, end, text: renameTypeId(match[0], copy) });
        this.byLine.set(index, list);
      }
    }
  }

  apply(): string[] {
    const out = [...this.lines];
    for (const [index, edits] of this.byLine) {
      let line = this.lines[index]!;
      for (const edit of [...edits].sort((a, b) => b.start - a.start)) line = line.slice(0, edit.start) + edit.text + line.slice(edit.end);
      out[index] = line;
    }
    return out;
  }
}

interface SourceFile {
  file: string;
  text: string;
  parsed: ParsedFile;
}

/** Names that resolve to a pattern of the source library (ids as written, the rest lower case) and its slug. */
function knownNames(sources: readonly SourceFile[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { parsed } of sources) {
    if (parsed.kind !== "pattern") continue;
    const p = parsed.pattern;
    for (const alias of p.aliases) names.set(alias.toLowerCase(), p.slug);
    names.set(p.title.toLowerCase(), p.slug);
    if (p.id) names.set(p.id, p.slug);
    names.set(p.slug.toLowerCase(), p.slug);
  }
  return names;
}

/** A number in [0, 1) from a string (FNV-1a, then one round of mulberry32): the same key, the same number. */
function hashUnit(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return random(h)();
}

/** The frontmatter lines (0-based, inclusive) of a file, or undefined without one. */
function frontmatterSpan(parsed: ParsedFile, lines: readonly string[]): { first: number; last: number } | undefined {
  if (parsed.frontmatter) return { first: parsed.frontmatter.openLine - 1, last: parsed.frontmatter.closeLine - 1 };
  // A file whose frontmatter could not be located: rename TypeIDs in its first lines only.
  return lines.length ? { first: 0, last: Math.min(lines.length - 1, 40) } : undefined;
}

/** The lines of the top-level entry `key:` inside the frontmatter (0-based), for aliases and unparsed identities. */
function entryLines(lines: readonly string[], span: { first: number; last: number }, key: string): number[] {
  const head = new RegExp(`^(?:---)?${key}:`);
  for (let i = span.first; i <= span.last; i++) {
    if (!head.test(lines[i]!)) continue;
    const found = [i];
    for (let j = i + 1; j < span.last && /^\s|^-\s/.test(lines[j]!); j++) found.push(j);
    return found;
  }
  return [];
}

/**
 * The text of `source` as copy `copy`: identity renamed, link targets renamed to `copy` or, for a
 * seeded share of targets that name a pattern, to another copy. Returns the text and its counts.
 */
function rewrite(
  source: SourceFile,
  copy: number,
  factor: number,
  known: ReadonlyMap<string, string>,
  crossShare: number,
  seed: number,
): { text: string; cross: number; unrewritten: number } {
  const lines = source.text.split("\n");
  const span = frontmatterSpan(source.parsed, lines);
  if (!span || copy === 1 && factor === 1) return { text: source.text, cross: 0, unrewritten: 0 };
  const edits = new LineEdits(lines);
  let cross = 0;
  let unrewritten = 0;
  const { parsed } = source;

  if (parsed.kind === "pattern") {
    const p = parsed.pattern;
    if (parsed.lines.slug !== undefined) edits.replace(parsed.lines.slug - 1, p.slug, renameSlug(p.slug, copy), "slug");
    if (parsed.lines.title !== undefined) edits.replace(parsed.lines.title - 1, p.title, renameTitle(p.title, copy), "title");
    for (const index of entryLines(lines, span, "aliases")) {
      for (const alias of p.aliases) edits.replace(index, alias, renameTitle(alias, copy));
    }
    for (const target of parsed.targets) {
      if (target.line === undefined) continue;
      const names = target.form === "mapping" ? [target.id, target.slug, target.title] : [target.target];
      const resolved = names.map((n) => (n === undefined ? undefined : known.get(TYPEID_WHOLE.test(n) ? n : n.toLowerCase()))).find(Boolean);
      let to = copy;
      // Decided per (copy, file, pattern linked to), so a link declared twice in a file stays one link.
      const key = `${seed}|${copy}|${source.file}|${resolved}`;
      if (factor > 1 && resolved !== undefined && hashUnit(key) < crossShare) {
        to = 1 + Math.floor(hashUnit(`${key}|to`) * (factor - 1));
        if (to >= copy) to += 1;
        cross += 1;
      }
      const keys = target.form === "mapping" ? ["id", "slug", "title"] : [undefined];
      names.forEach((name, i) => {
        if (name === undefined) return;
        const renamed = renameName(name, to);
        if (renamed === name) return;
        // A mapping's keys may sit on the lines after the item's first line.
        for (let line = target.line! - 1; line <= Math.min(target.line! + 4, span.last); line++) {
          if (edits.replace(line, name, renamed, keys[i])) return;
        }
        unrewritten += 1;
      });
    }
  } else {
    // Unparsable frontmatter: rename the identity lines it visibly has, so copies stay distinct files.
    for (const key of ["slug", "title"]) {
      const [index] = entryLines(lines, span, key);
      if (index === undefined) continue;
      const value = /:\s*["']?([^"'#]*?)["']?\s*$/.exec(lines[index]!)?.[1];
      if (value) edits.replace(index, value, key === "slug" ? renameSlug(value, copy) : renameTitle(value, copy), key);
    }
  }
  for (let i = span.first; i <= span.last; i++) edits.renameTypeIds(i, copy);
  return { text: edits.apply().join("\n"), cross, unrewritten };
}

/** The file's path in copy `copy`: inside the copy's folder, its name renamed like its slug. */
function copyPath(file: string, copy: number, factor: number): string {
  const dir = path.posix.dirname(file);
  const name = path.posix.basename(file, ".md");
  const renamed = `${renameSlug(name, copy)}.md`;
  return path.posix.join(copyFolder(copy, factor), dir === "." ? "" : dir, renamed);
}

/**
 * Writes `factor` copies of the library at `sourceRoot` under `outRoot` (which should be empty or
 * absent): `outRoot/copy-01/...`, `outRoot/copy-02/...`. Deterministic for the same inputs.
 */
export async function scaleLibrary(sourceRoot: string, outRoot: string, options: ScaleOptions): Promise<ScaleReport> {
  const t0 = performance.now();
  const { factor } = options;
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`factor must be a whole number >= 1, not ${factor}`);
  const crossShare = options.crossShare ?? DEFAULT_CROSS_SHARE;
  if (!(crossShare >= 0 && crossShare <= 1)) throw new Error(`crossShare must be from 0 to 1, not ${crossShare}`);
  const concurrency = options.concurrency ?? 32;
  const seed = options.seed ?? DEFAULT_SEED;

  const { files } = await listMarkdownFiles(sourceRoot);
  const sources: SourceFile[] = [];
  for (const file of files) {
    const text = await readFile(path.join(sourceRoot, file), "utf8");
    sources.push({ file, text, parsed: parsePattern(text, file) });
  }
  const known = knownNames(sources);

  const report: ScaleReport = { factor, sourceFiles: files.length, filesWritten: 0, crossTargets: 0, unrewritten: 0, bytes: 0, ms: 0 };
  const folders = new Map<string, Promise<unknown>>();
  for (let copy = 1; copy <= factor; copy++) {
    // One copy at a time, its writes `concurrency` at once: memory stays that of the source library.
    for (let i = 0; i < sources.length; i += concurrency) {
      await Promise.all(
        sources.slice(i, i + concurrency).map(async (source) => {
          const { text, cross, unrewritten } = rewrite(source, copy, factor, known, crossShare, seed);
          const target = path.join(outRoot, copyPath(source.file, copy, factor));
          const folder = path.dirname(target);
          if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
          await folders.get(folder);
          await writeFile(target, text);
          report.filesWritten += 1;
          report.crossTargets += cross;
          report.unrewritten += unrewritten;
          report.bytes += Buffer.byteLength(text);
        }),
      );
    }
  }
  report.ms = Math.round(performance.now() - t0);
  return report;
}
