// GET /api/export answers byte for byte the same from the memory store and from Neo4j (the shared
// test Neo4j, never a mock): the export is written from store.exportLibrary(), which both implement.
import type { Response } from "superagent";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_FORMATS } from "../../graph/export/index.ts";
import { createMemoryStore, type GraphStore, type Library } from "../../graph/index.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { silentLogger } from "../../server/logger.ts";
import { AWKWARD_TEXT } from "../fixtures/awkward-library.ts";
import { EXAMPLE_LIBRARY } from "../server/helpers.ts";
import { getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";

function asText(res: Response, done: (error: Error | null, body: string) => void): void {
  let text = "";
  res.setEncoding("utf8");
  res.on("data", (chunk: string) => (text += chunk));
  res.on("end", () => done(null, text));
}

const LIBRARIES = [
  { name: "the example library", load: () => loadLibrary(EXAMPLE_LIBRARY) },
  { name: "the awkward text fixture", load: () => Promise.resolve(AWKWARD_TEXT) },
];

describe.each(LIBRARIES)("exports of $name from the memory and Neo4j stores", ({ load }) => {
  let library: Library;
  let memory: GraphStore;
  let neo4j: GraphStore;

  beforeAll(async () => {
    library = await load();
    memory = createMemoryStore(library);
    neo4j = await createNeo4jStore({ ...(await getTestNeo4j()), namespace: uniqueNamespace("export") });
    await neo4j.load(library);
  }, 180_000);
  afterAll(async () => {
    await neo4j?.close();
  });

  it("are identical in every format", async () => {
    const fromMemory = createApp({ store: memory, logger: silentLogger });
    const fromNeo4j = createApp({ store: neo4j, logger: silentLogger });
    for (const format of EXPORT_FORMATS) {
      const a = await request(fromMemory).get(`/api/export?format=${format}`).buffer(true).parse(asText);
      const b = await request(fromNeo4j).get(`/api/export?format=${format}`).buffer(true).parse(asText);
      expect(b.status, format).toBe(200);
      expect(b.headers["content-disposition"], format).toBe(a.headers["content-disposition"]);
      expect((b.body as string).length, format).toBeGreaterThan(200);
      expect(b.body, format).toBe(a.body);
    }
  }, 60_000);
});
