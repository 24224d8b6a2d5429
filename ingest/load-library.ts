// Reads a library folder: walks every `.md` file at any depth, parses each one, and resolves the links
// across the library. The only module of ingest that touches the file system (apart from snapshots).

import { closeSync, constants, fstatSync, openSync, readSync, type Dirent, type Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { compareStrings } from "../core/order.ts";
import { PatternAtlasError } from "../core/errors.ts";
import type { Library, Problem } from "../core/model.ts";
import { locateFrontmatter, type FrontmatterLocation } from "./locate-frontmatter.ts";
import { readFrontmatterBytes, type ByteFrontmatter } from "./frontmatter-bytes.ts";
import { READ_KEYS } from "./normalise-frontmatter.ts";
import { parsePattern, patternFromFrontmatter } from "./parse-pattern.ts";
import type { ParsedFile } from "./parsed-file.ts";
import { resolveLibrary } from "./resolve-library.ts";

/** The library folder (or a snapshot file) cannot be read or written. The message says which and why. */
export class LibraryReadError extends PatternAtlasError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("invalid_input", message, details);
  }
}

/** Folders never walked: hidden ones (`.git`, `.github`) and installed packages. */
const SKIPPED_FOLDERS = new Set(["node_modules"]);
/**
 * Bytes read first from each file. Real frontmatter stays under 9 KB while bodies reach 300 KB, so
 * the head almost always holds the whole frontmatter; when it does not, the whole file is read.
 */
const HEAD_BYTES = 16 * 1024;
const NEWLINE_DASHES = Buffer.from("\n---");
const NEWLINE_DOTS = Buffer.from("\n...");
/** Candidate closing lines tried in a file's head before decoding all of it. */
const MAX_CLOSING_CANDIDATES = 4;
/** Files parsed between two yields to the event loop. */
const YIELD_EVERY = 256;

/**
 * Reads, parses and resolves every `.md` file below `root`. Throws LibraryReadError only when `root`
 * itself cannot be read; every other failure ends up in `library.problems`.
 */
export async function loadLibrary(root: string): Promise<Library> {
  const { files, problems } = await listMarkdownFiles(root);
  const parsed = await parseFiles(root, files);
  const library = resolveLibrary(root, parsed);
  library.problems.push(...problems);
  return library;
}

/**
 * Lists the `.md` files below `root` as sorted relative paths with `/` separators, skipping hidden
 * folders and `node_modules`. Symbolic links to files are followed; to folders, not (no cycles).
 * Every other path skipped is a `skipped-path` problem: folder links, broken or looping links, and
 * FIFOs, devices and sockets named `.md` (never opened).
 */
export async function listMarkdownFiles(root: string): Promise<{ files: string[]; problems: Problem[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new LibraryReadError(`Cannot read the library '${root}': it is not a folder.`, { root });
  } catch (error) {
    if (error instanceof LibraryReadError) throw error;
    throw new LibraryReadError(`Cannot read the library folder '${root}': ${describeFsError(error)}.`, { root });
  }

  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === "") {
        throw new LibraryReadError(`Cannot read the library folder '${root}': ${describeFsError(error)}.`, { root });
      }
      problems.push({
        file: `${relative}/`,
        kind: "unreadable-file",
        message: `Could not list the folder: ${describeFsError(error)}; its files are not read.`,
        fatal: false,
      });
      return;
    }
    const subfolders: string[] = [];
    for (const entry of entries) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const markdown = entry.name.toLowerCase().endsWith(".md");
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) subfolders.push(child);
      } else if (entry.isFile()) {
        if (markdown) files.push(child);
      } else if (entry.isSymbolicLink()) {
        const skipped = await followLink(path.join(root, child), entry.name, markdown);
        if (skipped === "file") files.push(child);
        else if (skipped !== undefined) problems.push(skippedPath(child, skipped));
      } else if (markdown) {
        // A FIFO, device or socket named like a pattern: never opened (opening a FIFO blocks).
        problems.push(skippedPath(child, `it is ${describeSpecial(entry)}, not a file`));
      }
    }
    await Promise.all(subfolders.map(walk));
  };
  await walk("");
  files.sort(compareStrings);
  // Folders are walked concurrently: sort, so that the same library always gives the same problems.
  problems.sort((a, b) => compareStrings(a.file, b.file));
  return { files, problems };
}

/** Hidden folders (`.git`, `.github`) and installed packages are never walked, and not reported. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith(".") || SKIPPED_FOLDERS.has(name);
}

/**
 * What a symbolic link in the library is to ingest: "file" (a link to a file, read when its name ends
 * in `.md`), the reason it is skipped, or undefined when skipping it is not worth a problem (a link to
 * a file or special file whose name is not `.md`, or one inside a skipped folder name). Folder links
 * are never followed: that is what keeps a walk finite (`up -> ..`) and inside what the user named.
 */
async function followLink(full: string, name: string, markdown: boolean): Promise<"file" | string | undefined> {
  let target: Stats;
  try {
    target = await stat(full);
  } catch (error) {
    if (name.startsWith(".")) return undefined;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "it is a symbolic link whose target does not exist";
    if (code === "ELOOP") return "it is a symbolic link that loops (ELOOP)";
    return `it is a symbolic link that cannot be followed: ${describeFsError(error)}`;
  }
  if (target.isFile()) return markdown ? "file" : undefined;
  // Hidden names are not the library's own (editors' lock files are dangling links named `.#x.md`).
  if (name.startsWith(".")) return undefined;
  if (target.isDirectory()) {
    return isSkippedFolder(name) ? undefined : "it is a symbolic link to a folder; folder links are not followed";
  }
  return markdown ? `it is a symbolic link to ${describeSpecial(target)}, not a file` : undefined;
}

function skippedPath(file: string, reason: string): Problem {
  return { file, kind: "skipped-path", message: `Skipped: ${reason}.`, fatal: false };
}

function describeSpecial(entry: Dirent | Stats): string {
  if (entry.isFIFO()) return "a FIFO (named pipe)";
  if (entry.isSocket()) return "a socket";
  if (entry.isCharacterDevice()) return "a character device";
  if (entry.isBlockDevice()) return "a block device";
  return "neither a file nor a folder";
}

/**
 * Reads and parses the given files (relative to `root`), in the given order. Reads are synchronous on
 * purpose: parsing is CPU-bound on the main thread anyway, and with warm caches one pread of a file's
 * head costs less than the promise machinery of an asynchronous read (measured: ~0.15 s against ~1 s
 * for the 3,573-file library). Yields to the event loop between batches so a server stays responsive.
 */
export async function parseFiles(root: string, files: readonly string[]): Promise<ParsedFile[]> {
  const parsed = new Array<ParsedFile>(files.length);
  const head = Buffer.allocUnsafe(HEAD_BYTES);
  for (let index = 0; index < files.length; index += 1) {
    if (index > 0 && index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    parsed[index] = readAndParseWith(root, files[index]!, head);
  }
  return parsed;
}

/**
 * A reader of one library's files, one at a time, reusing one head buffer: what parseFiles runs, and
 * each thread of the split parse (parse-thread.ts).
 */
export function fileParser(root: string): (file: string) => ParsedFile {
  const head = Buffer.allocUnsafe(HEAD_BYTES);
  return (file) => readAndParseWith(root, file, head);
}

/** Reads and parses one file of a library; an unreadable file becomes a problem-only result. */
export async function readAndParse(root: string, file: string): Promise<ParsedFile> {
  return readAndParseWith(root, file, Buffer.allocUnsafe(HEAD_BYTES));
}

function readAndParseWith(root: string, file: string, head: Buffer): ParsedFile {
  let read: FrontmatterText | ByteFrontmatter;
  try {
    read = readFrontmatter(path.join(root, file), head);
  } catch (error) {
    return {
      kind: "problem",
      file,
      problems: [{ file, kind: "unreadable-file", message: `Could not read the file: ${describeFsError(error)}.`, fatal: true }],
    };
  }
  if ("read" in read) return patternFromFrontmatter(file, read, read.read);
  const parsed = parsePattern(read.text, file, read.location);
  if (read.invalidUtf8Line !== undefined) {
    parsed.problems.push({
      file,
      line: read.invalidUtf8Line,
      kind: "invalid-utf8",
      message: `Line ${read.invalidUtf8Line} is not valid UTF-8 (Latin-1 or another encoding?); save the file as UTF-8.`,
      recovered: "read the text with U+FFFD (�) in place of each invalid byte",
      fatal: false,
    });
  }
  return parsed;
}

interface FrontmatterText {
  text: string;
  /** locateFrontmatter(text), when it is known already. */
  location?: FrontmatterLocation;
  /** The first line (1-based) of `text` whose bytes are not valid UTF-8, if any. */
  invalidUtf8Line?: number;
}

/**
 * The file's frontmatter read from the bytes of its head (frontmatter-bytes.ts) when it has the
 * plain layout nearly every file has; else its text up to the end of its frontmatter when that lies
 * in the head, the whole file otherwise. Decoding only up to the closing delimiter saves most of the
 * UTF-8 decoding: bodies are far larger than frontmatter. Opened non-blocking and checked to be a
 * regular file, so that a path that became a FIFO after the listing is never waited on.
 */
function readFrontmatter(file: string, buffer: Buffer): FrontmatterText | ByteFrontmatter {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw Object.assign(new Error("not a regular file"), { code: "ENOTREG" });
    const bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
    const bytes = readFrontmatterBytes(buffer, bytesRead, READ_KEYS);
    if (bytes) return bytes;
    const head = buffer.subarray(0, bytesRead);
    const prefix = findFrontmatterPrefix(head);
    if (prefix) return prefix;
    if (bytesRead < buffer.length) return decode(head);
    // The frontmatter runs past the head (or there is none): the whole file, through the same descriptor.
    const whole = Buffer.allocUnsafe(Math.max(info.size, bytesRead));
    head.copy(whole);
    let at = bytesRead;
    while (at < whole.length) {
      const got = readSync(fd, whole, at, whole.length - at, at);
      if (got === 0) break; // the file shrank meanwhile
      at += got;
    }
    return decode(whole.subarray(0, at));
  } finally {
    closeSync(fd);
  }
}

/**
 * The text up to the line after the frontmatter's closing line, when the head holds it. Tries each
 * line that could close the frontmatter; locateFrontmatter is prefix-stable, so the answer on the
 * prefix is the answer on the whole file.
 */
function findFrontmatterPrefix(head: Buffer): FrontmatterText | undefined {
  let from = 0;
  for (let attempt = 0; attempt < MAX_CLOSING_CANDIDATES; attempt += 1) {
    const dashes = head.indexOf(NEWLINE_DASHES, from);
    // Only a `...` line before the first `---` one can come first: the search stops there rather than
    // running through the body, where a `...` line is seldom found (most heads were searched whole).
    const dots = (dashes < 0 ? head : head.subarray(0, dashes)).indexOf(NEWLINE_DOTS, from);
    const candidate = dashes < 0 ? dots : dots < 0 ? dashes : Math.min(dashes, dots);
    if (candidate < 0) break;
    // The prefix ends after the line that follows the candidate (see locateFrontmatter's contract).
    const lineEnd = head.indexOf(10, candidate + 1);
    const nextLineEnd = lineEnd < 0 ? -1 : head.indexOf(10, lineEnd + 1);
    if (nextLineEnd < 0) break;
    const prefix = decode(head.subarray(0, nextLineEnd + 1));
    const location = locateFrontmatter(prefix.text);
    if (location.found) return { ...prefix, location };
    from = candidate + 1;
  }
  return undefined;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes leniently (an invalid byte becomes U+FFFD, as before) and, only when the text holds a
 * U+FFFD, checks the bytes strictly to tell an invalid byte from a U+FFFD written in the file.
 */
function decode(bytes: Buffer): FrontmatterText {
  const text = bytes.toString("utf8");
  if (!text.includes("\uFFFD")) return { text };
  try {
    STRICT_UTF8.decode(bytes);
    return { text };
  } catch {
    return { text, invalidUtf8Line: firstInvalidLine(bytes) };
  }
}

/** The 1-based line holding the first invalid UTF-8 byte (lines end at `\n`, which never sits inside a sequence). */
function firstInvalidLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    const end = bytes.indexOf(10, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      STRICT_UTF8.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    if (end < 0) break;
    start = end + 1;
    line += 1;
  }
  return line;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "not a folder";
    case "ENOTREG":
      return "it is not a regular file (a FIFO, device or socket is never read)";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
