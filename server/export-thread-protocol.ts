// The messages between the main thread and the export thread (export-thread.ts), in a module of
// their own so that the worker's bundle takes nothing else from the main side.
import type { ExportFormat } from "../graph/export/index.ts";
import type { Library } from "../core/model.ts";

export interface ToExportThread {
  id: number;
  /** The store's library version the export is of; the library itself comes with the first request for it. */
  version: string;
  library?: Library;
  format: ExportFormat;
}

export type FromExportThread =
  | { id: number; ok: true; gzipped: ArrayBuffer; bytes: number; stem: string }
  | { id: number; ok: false; message: string };

/** How the thread says it holds another library than the one asked about. */
export const NO_LIBRARY = "no library for version";
