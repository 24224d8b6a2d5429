// The CSV files Neo4j's offline importer (`neo4j-admin database import full`) reads for a first load
// (neo4j-import.ts): one family of files per kind of row, each value typed in its header as a Bolt
// load would store it. Quoted with U+0002, not '"': a finding's row carries a 1.4 KB JSON string full
// of '"', and doubling each one was most of its cost (~80 of 101 µs a finding at 10x, 2026-12-07);
// U+0002 never occurs in JSON (JSON.stringify escapes control characters) and, where a title or a
// description holds one, it is doubled as CSV doubles quotes. Rows with a line break go to files of
// their own, the only ones the importer is told hold multi-line fields (it reads the others faster).
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { InvalidInputError } from "../../core/errors.ts";

/** The importer's quote character (--quote) and array delimiter (--array-delimiter). */
export const IMPORT_QUOTE = "\u0002";
export const IMPORT_ARRAY_DELIMITER = "\u001f";
const QQ = IMPORT_QUOTE + IMPORT_QUOTE;

/** The property types a load stores, as the importer's header names them. */
export const IMPORT_KINDS = ["string", "double", "long", "boolean", "string[]", "byte[]"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A string value at least this long is written as it is rather than copied into its row's text. */
const LONG_VALUE = 256;

/** Bytes gathered per file before one write. */
const FLUSH_BYTES = 4 << 20;

function kindOf(value: unknown): ImportKind {
  if (typeof value === "number") return "double";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  if (value instanceof Uint8Array || value instanceof Int8Array) return "byte[]";
  if (Array.isArray(value)) return "string[]";
  throw new InvalidInputError("import", typeof value, "strings, numbers, booleans, string lists or bytes");
}

const quote = (s: string): string => (s.includes(IMPORT_QUOTE) ? IMPORT_QUOTE + s.replaceAll(IMPORT_QUOTE, QQ) + IMPORT_QUOTE : IMPORT_QUOTE + s + IMPORT_QUOTE);

/**
 * One value as a CSV field of `kind`. An empty list is an empty field, which the importer stores as no
 * property (it cannot store an empty list): the store reads a missing list as empty
 * (patternFromProperties, the search's candidates, the findings' filters).
 */
function field(key: string, kind: ImportKind, value: unknown): string {
  if (value === null || value === undefined) return "";
  const wrong = (): never => {
    throw new InvalidInputError(`import.${key}`, String(value).slice(0, 40), `a value of type ${kind} (as the column's first value)`);
  };
  switch (kind) {
    case "string":
      return typeof value === "string" ? quote(value) : wrong();
    case "double":
      return typeof value === "number" && Number.isFinite(value) ? String(value) : wrong();
    case "long":
      return typeof value === "number" && Number.isSafeInteger(value) ? String(value) : wrong();
    case "boolean":
      return typeof value === "boolean" ? String(value) : wrong();
    case "string[]": {
      if (!Array.isArray(value)) return wrong();
      if (value.length === 0) return "";
      for (const item of value) {
        // The importer splits on the delimiter and drops empty items: such a list cannot be stored as it is.
        if (typeof item !== "string" || item === "" || item.includes(IMPORT_ARRAY_DELIMITER)) {
          throw new InvalidInputError(`import.${key}`, String(item), "list items that are non-empty strings without U+001F (load this library by Bolt: --neo4j)");
        }
      }
      return quote(value.join(IMPORT_ARRAY_DELIMITER));
    }
    case "byte[]": {
      if (!(value instanceof Uint8Array || value instanceof Int8Array)) return wrong();
      const signed = value instanceof Int8Array ? value : new Int8Array(value.buffer, value.byteOffset, value.byteLength);
      return signed.join(IMPORT_ARRAY_DELIMITER);
    }
  }
}

/**
 * A file written by large writes: each text is encoded into one buffer as it comes, written when full.
 * (Holding the texts until a 4 MB write, as before, kept thousands of rows alive across the young
 * generation's collections: they were promoted, and the old generation's collections, on the
 * analysis thread's heap of 4.4 GB at 100x, were most of the findings' cost, 2026-12-07.)
 */
class BufferedFile {
  private fd: number;
  private readonly buffer = Buffer.allocUnsafeSlow(FLUSH_BYTES);
  private used = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }
  write(text: string): void {
    // At most 3 bytes of UTF-8 per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    if (this.used + text.length * 3 > FLUSH_BYTES) {
      this.flush();
      if (text.length * 3 > FLUSH_BYTES) {
        this.writeAll(Buffer.from(text, "utf8"));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }
  private writeAll(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
  }
  private flush(): void {
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** One input of the importer: a header file and a body file; `multiline` when its rows hold line breaks. */
export interface ImportInput {
  header: string;
  body: string;
  multiline: boolean;
}

/**
 * One family of rows (patterns, links...), written as they come. The importer wants every row of a
 * file to have its header's columns: a row with a property not seen before starts a new part (a
 * header and bodies of its own); the columns of a family settle within its first rows.
 */
export class ImportCsvFamily {
  private columns: [string, ImportKind][] = [];
  private known = new Set<string>();
  private parts = 0;
  private header = "";
  private body: BufferedFile | undefined;
  private multiline: BufferedFile | undefined;
  private readonly inputs: ImportInput[] = [];
  private readonly pieces: string[] = [];
  rows = 0;

  /**
   * `fixed`: the importer's own columns (`:ID`, `:LABEL`, `:START_ID`...), given as strings by add;
   * `kinds`: properties whose type is not the one their value says (numbers stored as `long`).
   */
  constructor(
    private readonly dir: string,
    readonly name: string,
    private readonly fixed: readonly string[],
    private readonly kinds: Readonly<Record<string, ImportKind>> = {},
  ) {}

  /** A row: the fixed columns' values in `fixed`'s order, then its properties (null and undefined: none). */
  add(fixedValues: readonly string[], row: Readonly<Record<string, unknown>>): void {
    let grown = false;
    for (const key in row) {
      const value = row[key];
      if (value === null || value === undefined || this.known.has(key)) continue;
      this.known.add(key);
      this.columns.push([key, this.kinds[key] ?? kindOf(value)]);
      grown = true;
    }
    if (grown || this.body === undefined) this.newPart();
    // The row's text in pieces: a long string value (a finding's JSON) is a piece of its own, written
    // as it is, so that the row is never copied into one string (at 100x, 843,430 findings of ~1.4 KB).
    const pieces = this.pieces;
    pieces.length = 0;
    let text = "";
    for (let i = 0; i < fixedValues.length; i++) text += (i === 0 ? "" : ",") + quote(fixedValues[i]!);
    for (const [key, kind] of this.columns) {
      const value = row[key];
      if (kind === "string" && typeof value === "string" && value.length >= LONG_VALUE && !value.includes(IMPORT_QUOTE)) {
        pieces.push(`${text},${IMPORT_QUOTE}`, value);
        text = IMPORT_QUOTE;
      } else {
        text += `,${field(key, kind, value)}`;
      }
    }
    pieces.push(text);
    let multiline = false;
    for (const piece of pieces) if (piece.includes("\n") || piece.includes("\r")) multiline = true;
    const file = multiline ? (this.multiline ??= this.open(true)) : this.body!;
    for (const piece of pieces) file.write(piece);
    file.write("\n");
    this.rows += 1;
  }

  private open(multiline: boolean): BufferedFile {
    const file = new BufferedFile(join(this.dir, `${this.name}.${this.parts - 1}${multiline ? ".multiline" : ""}.csv`));
    this.inputs.push({ header: this.header, body: file.path, multiline });
    return file;
  }

  private newPart(): void {
    this.closePart();
    this.parts += 1;
    this.header = join(this.dir, `${this.name}.${this.parts - 1}.header.csv`);
    writeFileSync(this.header, `${[...this.fixed, ...this.columns.map(([k, kind]) => `${k}:${kind}`)].join(",")}\n`);
    this.body = this.open(false);
  }

  private closePart(): void {
    this.body?.close();
    this.multiline?.close();
    this.body = this.multiline = undefined;
  }

  /** Closes the files; the importer's inputs, in the order written. */
  close(): ImportInput[] {
    this.closePart();
    return this.inputs;
  }
}
