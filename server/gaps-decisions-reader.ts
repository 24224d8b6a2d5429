// The served library's gap decisions for every gaps request: the file is checked (one stat) on each
// request and read again only when it changed, so an edited decisions.yml counts at once, --watch or
// not (the watch skips hidden folders such as .pattern-atlas/).
import { stat } from "node:fs/promises";
import path from "node:path";
import { DECISIONS_FILE } from "../graph/gaps/index.ts";
import { readDecisions } from "../ingest/read-decisions.ts";
import type { DecisionsInput } from "./gaps-answers.ts";

/** A reader of `<folder>/.pattern-atlas/decisions.yml`; without a folder it always answers undefined. */
export function createDecisionsReader(folder: string | undefined): () => Promise<DecisionsInput | undefined> {
  if (folder === undefined) return async () => undefined;
  const file = path.join(folder, ...DECISIONS_FILE.split("/"));
  let last: DecisionsInput | undefined;
  return async () => {
    const info = await stat(file).catch(() => undefined);
    const key = info ? `${info.mtimeMs}:${info.size}:${info.ino}` : "none";
    if (last?.key === key) return last;
    last = { key, decisions: await readDecisions(folder) };
    return last;
  };
}
