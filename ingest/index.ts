// The public API of ingest: read a pattern library folder (or a snapshot) into a Library.
// Other folders import ingest only through this module.

export { loadLibrary, listMarkdownFiles, parseFiles, readAndParse, LibraryReadError } from "./load-library.ts";
export { loadLibraryOnTwoThreads, parseThreadSetting, PARSE_THREAD_ENV, MIN_SPLIT_FILES } from "./parse-thread.ts";
export type { ParseSplit, ParseThreadSetting } from "./parse-thread.ts";
export { parsePattern } from "./parse-pattern.ts";
export { resolveLibrary, normaliseName } from "./resolve-library.ts";
export { locateFrontmatter } from "./locate-frontmatter.ts";
export type { FrontmatterLocation } from "./locate-frontmatter.ts";
export type { DeclaredTarget, FrontmatterRange, ParsedFile, RelationshipList } from "./parsed-file.ts";
export { readSnapshot, writeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./snapshot.ts";
export { summariseLibrary } from "./summarise.ts";
export type { IngestSummary, ProblemLine } from "./summarise.ts";
