// GET /api/export?format=gexf|graphml|json|csv-nodes|csv-links: the whole library as a file for Gephi,
// yEd, Cytoscape, NetworkX or a spreadsheet (graph/export). Written and gzipped on the export thread
// once per library version and format, kept gzipped; a client that does not accept gzip gets it
// inflated by zlib's asynchronous API, so the main thread never spends long on an export.
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, exportFileName, type ExportFormat } from "../../graph/export/index.ts";
import { createExportThread, type ExportThread } from "../export-thread.ts";
import { invalid, readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

const gunzipAsync = promisify(gunzip);

interface Written {
  gzipped: Buffer;
  fileName: string;
}

function parseFormat(raw: string | undefined): ExportFormat {
  const allowed = `one of ${EXPORT_FORMATS.join(", ")} (required)`;
  if (raw === undefined) throw invalid("format", null, allowed);
  if (!(EXPORT_FORMATS as readonly string[]).includes(raw)) throw invalid("format", raw, allowed);
  return raw as ExportFormat;
}

export const exportRoute: RouteModule = {
  register(router, { store, logger }) {
    /** Where exports are written: a worker thread started with the first export. */
    let thread: ExportThread | undefined;
    /** The exports of one library version (what the store reports), by format. */
    let kept: { version: string; byFormat: Map<ExportFormat, Written> } = { version: "", byFormat: new Map() };
    const pending = new Map<string, Promise<Written>>();

    async function written(format: ExportFormat): Promise<Written> {
      const version = await store.version();
      if (kept.version === version) {
        const hit = kept.byFormat.get(format);
        if (hit) return hit;
      }
      const key = `${version}\u0000${format}`;
      const running = pending.get(key);
      if (running) return running;
      const promise = (async () => {
        thread ??= createExportThread((message) => logger.error(`Export: ${message}; exports are written on the main thread from now on.`));
        const { gzipped, stem } = await thread.write(version, () => store.exportLibrary(), format);
        const result: Written = { gzipped, fileName: exportFileName(stem, format) };
        // Kept only if the library did not change while it was read and written.
        if ((await store.version()) === version) {
          if (kept.version !== version) kept = { version, byFormat: new Map() };
          kept.byFormat.set(format, result);
        }
        return result;
      })();
      pending.set(key, promise);
      try {
        return await promise;
      } finally {
        pending.delete(key);
      }
    }

    router.get("/api/export", async (req, res) => {
      const query = readQuery(req.query, ["format"]);
      const format = parseFormat(query.format);
      const { gzipped, fileName } = await written(format);
      res.set("Content-Type", EXPORT_FORMAT_INFO[format].mediaType);
      res.set("Content-Disposition", `attachment; filename="${fileName}"`);
      res.set("Cache-Control", "no-cache");
      res.vary("Accept-Encoding");
      if (req.acceptsEncodings("gzip", "identity") === "gzip") {
        res.set("Content-Encoding", "gzip").send(gzipped);
        return;
      }
      res.send(await gunzipAsync(gzipped));
    });
  },
  openapi: {
    paths: {
      "/api/export": {
        get: {
          summary: "The whole library as a file for graph tools and spreadsheets: GEXF 1.3, GraphML, graphology JSON, or CSV tables of nodes and links.",
          description:
            "Every pattern with every attribute, every resolved link, and each dangling reference as a link to a placeholder node `dangling:<target>` marked `dangling: true`. A download (Content-Disposition names it `pattern-atlas-<library>.<extension>`, `-nodes.csv` / `-links.csv` for the tables); gzipped for clients that accept it.",
          parameters: [
            {
              name: "format",
              in: "query",
              required: true,
              description: "gexf (Gephi, Gephi Lite), graphml (yEd, Cytoscape, NetworkX), json (graphology's serialised graph), csv-nodes / csv-links (one table each).",
              schema: { type: "string", enum: [...EXPORT_FORMATS] },
            },
          ],
          responses: {
            "200": {
              description: "The file.",
              content: Object.fromEntries(EXPORT_FORMATS.map((f) => [EXPORT_FORMAT_INFO[f].mediaType.split(";")[0]!, { schema: { type: "string" } }])),
            },
            "400": { description: "A missing or unknown format, or an unknown parameter (the body names it and what is allowed)." },
            "503": { description: "The store is unavailable." },
          },
        },
      },
    },
  },
};
