// Reads a library again and again, re-parsing only the files that changed: what --watch does after
// each burst of edits, on the read thread (read-thread.ts) or, when that cannot run, in the caller.
import type { Library } from "../core/model.ts";
import { listMarkdownFiles, parseFiles } from "./load-library.ts";
import type { ParsedFile } from "./parsed-file.ts";
import { resolveLibrary } from "./resolve-library.ts";

export interface IncrementalReader {
  /** Parses every file once, so that even the first read re-parses only what changed. */
  prime(): Promise<void>;
  /**
   * The library as loadLibrary would read it now, re-parsing `changed` (library-relative paths) and
   * any file not parsed yet; everything on the first read. Throws LibraryReadError when the root
   * itself cannot be read.
   */
  read(changed: readonly string[]): Promise<Library>;
}

export function createIncrementalReader(root: string): IncrementalReader {
  const parsed = new Map<string, ParsedFile>();
  let primed = false;
  return {
    async prime() {
      const listing = await listMarkdownFiles(root);
      const fresh = await parseFiles(root, listing.files);
      listing.files.forEach((f, i) => parsed.set(f, fresh[i]!));
      primed = true;
    },
    async read(changed) {
      const listing = await listMarkdownFiles(root);
      const present = new Set(listing.files);
      for (const f of [...parsed.keys()]) if (!present.has(f)) parsed.delete(f);
      const changedSet = new Set(changed);
      const toParse = primed ? listing.files.filter((f) => !parsed.has(f) || changedSet.has(f)) : listing.files;
      const fresh = await parseFiles(root, toParse);
      toParse.forEach((f, i) => parsed.set(f, fresh[i]!));
      primed = true;
      const library = resolveLibrary(root, listing.files.map((f) => parsed.get(f)!));
      library.problems.push(...listing.problems);
      return library;
    },
  };
}
