// The export formats, their media types and file names: a module of constants only, so the
// explorer can list the formats without loading the writers (graph/export/index.ts) until it exports.

/** What one export writes: one file each, CSV as two tables (nodes, links). */
export const EXPORT_FORMATS = ["gexf", "graphml", "json", "csv-nodes", "csv-links"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a user picks (the CLI's `--format`): `csv` stands for both tables, so it gives two files. */
export const EXPORT_CHOICES = ["gexf", "graphml", "json", "csv"] as const;
export type ExportChoice = (typeof EXPORT_CHOICES)[number];

/** How each format is sent and named. */
export interface ExportFormatInfo {
  /** The Content-Type to send it with (charset included). */
  mediaType: string;
  /** File name ending, without the dot: `gexf`, `graphml`, `json`, `csv`. */
  extension: string;
  /** Added to the file name stem before the extension: `-nodes` / `-links` for the CSV tables, else empty. */
  suffix: string;
}

export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  gexf: { mediaType: "application/gexf+xml; charset=utf-8", extension: "gexf", suffix: "" },
  graphml: { mediaType: "application/graphml+xml; charset=utf-8", extension: "graphml", suffix: "" },
  json: { mediaType: "application/json; charset=utf-8", extension: "json", suffix: "" },
  "csv-nodes": { mediaType: "text/csv; charset=utf-8; header=present", extension: "csv", suffix: "-nodes" },
  "csv-links": { mediaType: "text/csv; charset=utf-8; header=present", extension: "csv", suffix: "-links" },
};

export const isExportFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);
export const isExportChoice = (value: string): value is ExportChoice => (EXPORT_CHOICES as readonly string[]).includes(value);
