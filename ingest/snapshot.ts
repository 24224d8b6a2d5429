// Writes and reads library snapshots: one JSON file holding a whole Library, so the server can start
// from `ingest --out` instead of re-reading the folder. Validated on read, with errors that say what to do.

import { readFile, writeFile } from "node:fs/promises";
import type { Library, LibrarySnapshot } from "../core/model.ts";
import { LibraryReadError } from "./load-library.ts";

export const SNAPSHOT_FORMAT = "pattern-atlas-snapshot" as const;
export const SNAPSHOT_VERSION = 1 as const;

const HOW_TO_WRITE = "write one with `npm run ingest -- <folder> --out <file>`";

/** Writes `library` to `file` as a LibrarySnapshot (JSON). Throws LibraryReadError when the file cannot be written. */
export async function writeSnapshot(file: string, library: Library, now: Date = new Date()): Promise<void> {
  const snapshot: LibrarySnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: now.toISOString(),
    library,
  };
  try {
    await writeFile(file, JSON.stringify(snapshot) + "\n", "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : String((error as Error).message);
    throw new LibraryReadError(`Cannot write the snapshot '${file}': ${reason}.`, { file });
  }
}

/** Reads a snapshot written by writeSnapshot. Throws LibraryReadError saying what is wrong with the file. */
export async function readSnapshot(file: string): Promise<Library> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String((error as Error).message);
    throw new LibraryReadError(`Cannot read the snapshot '${file}': ${reason}.`, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new LibraryReadError(`The snapshot '${file}' is not JSON (${(error as Error).message}); ${HOW_TO_WRITE}.`, { file });
  }
  return validateSnapshot(data, file).library;
}

/** Checks the envelope and the Library's shape (not every field of every pattern). */
export function validateSnapshot(data: unknown, file: string): LibrarySnapshot {
  const fail = (what: string): never => {
    throw new LibraryReadError(`The file '${file}' is not a Pattern Atlas snapshot: ${what}; ${HOW_TO_WRITE}.`, { file });
  };
  if (!isRecord(data)) return fail("it holds no JSON object");
  if (data.format !== SNAPSHOT_FORMAT) return fail(`its "format" is ${JSON.stringify(data.format)}, expected "${SNAPSHOT_FORMAT}"`);
  if (data.version !== SNAPSHOT_VERSION) {
    return fail(`its "version" is ${JSON.stringify(data.version)}, and this Pattern Atlas reads version ${SNAPSHOT_VERSION}`);
  }
  const library = data.library;
  if (!isRecord(library)) return fail(`it has no "library" object`);
  if (typeof library.root !== "string") return fail(`"library.root" is not text`);
  if (typeof library.files !== "number") return fail(`"library.files" is not a number`);
  for (const key of ["patterns", "links", "dangling", "problems"] as const) {
    if (!Array.isArray(library[key])) return fail(`"library.${key}" is not a list`);
  }
  const patterns = library.patterns as unknown[];
  if (!patterns.every((p) => isRecord(p) && typeof p.slug === "string" && typeof p.title === "string")) {
    return fail(`some entry of "library.patterns" has no slug or title`);
  }
  const links = library.links as unknown[];
  if (!links.every((l) => isRecord(l) && typeof l.source === "string" && typeof l.target === "string" && typeof l.type === "string")) {
    return fail(`some entry of "library.links" has no source, type or target`);
  }
  return data as unknown as LibrarySnapshot;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
