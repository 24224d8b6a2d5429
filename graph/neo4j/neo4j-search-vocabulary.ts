// The search vocabulary stored with each copy, so that a server answering from Neo4j finds the typo
// tiers' candidates without an index of the library in its own memory (neo4j-search.ts): one node per
// distinct token of the copy's normalised search keys (each whole key, and each word of a key of
// several words), with its length (the edit budget's window is a range of lengths, read through an
// index), whether it is one word (the words rule reads only those) and the slugs of the patterns
// whose keys have it. Written by every load path: a new copy's Bolt write (writeSearchVocabulary), a
// change in place (vocabularyChanges, applied in its transaction), and the offline importer
// (vocabularyCsv).
import type { ManagedTransaction, Session, Transaction } from "neo4j-driver";
import type { Library, Pattern } from "../../core/model.ts";
import { prepareText } from "../algorithms/search-score.ts";
import { BATCH } from "./neo4j-batches.ts";
import { ImportCsvFamily } from "./neo4j-import-csv.ts";
import { rowHash } from "./neo4j-incremental.ts";
import { writeBatchesAsMade } from "./neo4j-load-rows.ts";
import { LABELS } from "./neo4j-model.ts";

/** Indexes the vocabulary is read and deleted through (created with the store's schema). */
export const SEARCH_VOCABULARY_SCHEMA = [
  `CREATE INDEX atlas_store_search_token IF NOT EXISTS FOR (t:${LABELS.searchToken}) ON (t.lib, t.text)`,
  `CREATE INDEX atlas_store_search_token_length IF NOT EXISTS FOR (t:${LABELS.searchToken}) ON (t.lib, t.length)`,
  `CREATE INDEX atlas_store_search_token_lib IF NOT EXISTS FOR (t:${LABELS.searchToken}) ON (t.lib)`,
] as const;

/** A stored token: its text, length, whether it is one word, the patterns whose keys have it (canonical order), its hash. */
export interface TokenRow {
  [key: string]: unknown;
  text: string;
  length: number;
  word: boolean;
  slugs: string[];
  h: string;
}

/**
 * The distinct tokens of a pattern's search keys, as the memory store's search index makes them
 * (search.ts): each normalised key whole, and each word of a key of several words.
 */
export function patternTokens(p: Pick<Pattern, "title" | "slug" | "aliases">): Set<string> {
  const tokens = new Set<string>();
  for (const text of [p.title, p.slug, ...p.aliases]) {
    const { norm, words } = prepareText(text);
    if (norm === "") continue;
    tokens.add(norm);
    if (words.length > 1) for (const w of words) tokens.add(w);
  }
  return tokens;
}

/** The vocabulary of `library`, one row per token, in the order tokens first occur in canonical order. */
export function vocabularyRows(library: Pick<Library, "patterns">): TokenRow[] {
  const slugs = new Map<string, string[]>();
  for (const p of library.patterns) {
    for (const token of patternTokens(p)) {
      const list = slugs.get(token);
      if (list) list.push(p.slug);
      else slugs.set(token, [p.slug]);
    }
  }
  const rows: TokenRow[] = [];
  for (const [text, list] of slugs) {
    const row = { text, length: text.length, word: !text.includes(" "), slugs: list };
    rows.push({ ...row, h: rowHash("token", row) });
  }
  return rows;
}

const CREATE_TOKENS = `UNWIND $rows AS row CREATE (t:${LABELS.searchToken}) SET t = row, t.lib = $lib`;

/** Writes the vocabulary of a new copy `copy` (before the switch to it), in batches. @returns the transactions committed. */
export async function writeSearchVocabulary(session: Session, copy: string, library: Pick<Library, "patterns">): Promise<number> {
  const rows = vocabularyRows(library);
  return writeBatchesAsMade(session, CREATE_TOKENS, rows.length, (i) => rows[i]!, { lib: copy }, BATCH);
}

/** What a change in place does to the copy's vocabulary: tokens to write whole (new or changed), texts to delete. */
export interface VocabularyChanges {
  write: TokenRow[];
  remove: string[];
}

/**
 * The changes that make the stored vocabulary of copy `lib` the one of `library` (tokens compared by
 * text and hash), read in the change's read transaction; null when the copy has no vocabulary (a
 * copy stored without one: the loader writes a new copy then).
 */
export async function vocabularyChanges(tx: ManagedTransaction, lib: string, library: Pick<Library, "patterns">): Promise<VocabularyChanges | null> {
  const { records } = await tx.run(`MATCH (t:${LABELS.searchToken} {lib: $lib}) RETURN t.text AS text, t.h AS h`, { lib });
  if (records.length === 0 && library.patterns.length > 0) return null;
  const stored = new Map(records.map((r) => [String(r.get("text")), String(r.get("h"))]));
  const write: TokenRow[] = [];
  for (const row of vocabularyRows(library)) {
    if (stored.get(row.text) !== row.h) write.push(row);
    stored.delete(row.text);
  }
  return { write, remove: [...stored.keys()] };
}

/** Applies `changes` inside the change in place's transaction, in chunks of BATCH. */
export async function applyVocabularyChanges(tx: Transaction, lib: string, changes: VocabularyChanges): Promise<void> {
  const token = `MATCH (t:${LABELS.searchToken} {lib: $lib, text: row}) USING INDEX t:${LABELS.searchToken}(lib, text)`;
  for (let start = 0; start < changes.remove.length; start += BATCH) {
    await tx.run(`UNWIND $rows AS row ${token} DELETE t`, { lib, rows: changes.remove.slice(start, start + BATCH) });
  }
  for (let start = 0; start < changes.write.length; start += BATCH) {
    await tx.run(
      `UNWIND $rows AS row
       OPTIONAL MATCH (old:${LABELS.searchToken} {lib: $lib, text: row.text}) USING INDEX old:${LABELS.searchToken}(lib, text)
       DELETE old
       WITH DISTINCT row CREATE (t:${LABELS.searchToken}) SET t = row, t.lib = $lib`,
      { lib, rows: changes.write.slice(start, start + BATCH) },
    );
  }
}

/** The vocabulary of a first load through the offline importer (neo4j-import.ts), as its own family of CSV files. */
export function vocabularyCsv(dir: string, copy: string, library: Pick<Library, "patterns">): ImportCsvFamily {
  // Its length a double, as a Bolt write stores a number (the patterns' ranks are stored alike).
  const family = new ImportCsvFamily(dir, "search-tokens", [":LABEL"]);
  for (const row of vocabularyRows(library)) family.add([LABELS.searchToken], { ...row, lib: copy });
  return family;
}
