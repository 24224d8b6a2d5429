// The overview stored with each Neo4j copy (server/overview-stored.ts): a load that is given the maker
// lays the overview out and stores its two parts; a server on another store reads them (the rest
// streamed from Neo4j) without ever asking the store for the library, and answers the same bytes as a
// server that lays the overview out itself; a re-ingest by another process is seen on the next request.
import { once } from "node:events";
import { get, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Library } from "../../graph/index.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { overviewAttachments } from "../../server/overview-stored.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { EXAMPLE_LIBRARY, makeApp } from "./helpers.ts";

/** Small bounds, so that the example library has a rest part. */
const OPTIONS = { firstPart: { patterns: 5, links: 8 } } as const;
const TIMINGS = /"ms":\d+(\.\d+)?/g;

let library: Library;
let smaller: Library;
let writer: Neo4jStore;
let reader: Neo4jStore;

beforeAll(async () => {
  library = await loadLibrary(EXAMPLE_LIBRARY);
  const gone = library.patterns[0]!.slug;
  smaller = { ...library, patterns: library.patterns.slice(1), links: library.links.filter((l) => l.source !== gone && l.target !== gone), dangling: [] };
  const conn = await getTestNeo4j();
  const namespace = uniqueNamespace("stored-overview");
  writer = await createNeo4jStore({ ...conn, namespace, attachments: overviewAttachments(OPTIONS) });
  reader = await createNeo4jStore({ ...conn, namespace });
  await writer.load(library);
});

afterAll(async () => {
  await writer?.close();
  await reader?.close();
  await deleteTestNamespaces();
});

const body = (res: request.Response): string => (Buffer.isBuffer(res.body) ? res.body.toString("utf8") : res.text);
/** The bytes as sent (supertest and fetch would gunzip them), with the headers. */
async function rawGet(app: Express, path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer }> {
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    const { port } = server.address() as AddressInfo;
    const response = await new Promise<IncomingMessage>((resolve, reject) => get({ host: "127.0.0.1", port, path, headers }, resolve).on("error", reject));
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return { status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) };
  } finally {
    server.close();
  }
}

describe("the overview stored with a Neo4j copy", () => {
  it("is read by a server that never asks the store for the library, with the bytes of a server that lays it out itself", async () => {
    const overview = vi.spyOn(reader, "overview");
    const { app, logger } = makeApp(undefined, { store: reader, layoutOptions: OPTIONS });
    const { app: own } = makeApp(library, { layoutOptions: OPTIONS });
    for (const url of ["/api/overview", "/api/overview?part=rest"]) {
      const stored = await request(app).get(url).set("Accept-Encoding", "identity").expect(200);
      const made = await request(own).get(url).set("Accept-Encoding", "identity").expect(200);
      expect(body(stored).replace(TIMINGS, '"ms":0')).toBe(body(made).replace(TIMINGS, '"ms":0'));
      expect(Number(stored.headers["content-length"])).toBe(Buffer.byteLength(body(stored)));
    }
    const rest = JSON.parse(body(await request(app).get("/api/overview?part=rest").expect(200))) as { nodes: { slug: string[] } };
    expect(rest.nodes.slug.length).toBe(library.patterns.length - OPTIONS.firstPart.patterns);
    expect(overview).not.toHaveBeenCalled();
    expect(logger.lines.some((l) => /Overview layout: \d+ nodes in \d+ ms \(stored with the copy in Neo4j\)/.test(l.message))).toBe(true);
  });

  it("streams the rest gzipped as stored to a client that takes gzip, and answers 304 to its ETag", async () => {
    const { app } = makeApp(undefined, { store: reader, layoutOptions: OPTIONS });
    const plain = await request(app).get("/api/overview?part=rest").set("Accept-Encoding", "identity").expect(200);
    const zipped = await rawGet(app, "/api/overview?part=rest", { "Accept-Encoding": "gzip" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.bytes.length);
    expect(gunzipSync(zipped.bytes).toString("utf8")).toBe(body(plain));
    await request(app).get("/api/overview?part=rest").set("If-None-Match", String(plain.headers["etag"])).expect(304);
  });

  it("follows a re-ingest by another process from the next request on, and a store without them lays the overview out itself", async () => {
    const { app } = makeApp(undefined, { store: reader, layoutOptions: OPTIONS });
    const before = await request(app).get("/api/overview").expect(200);
    await writer.load(smaller);
    const after = await request(app).get("/api/overview?part=rest").expect(200);
    expect(after.body.total.patterns).toBe(smaller.patterns.length);
    expect((await request(app).get("/api/overview").expect(200)).headers["etag"]).not.toBe(before.headers["etag"]);
    // Loaded by a store without the maker: no stored overview, so the server reads the library and lays it out.
    const overview = vi.spyOn(reader, "overview");
    await reader.load({ ...smaller, links: smaller.links.slice(1) });
    const own = await request(app).get("/api/overview?part=rest").expect(200);
    expect(overview).toHaveBeenCalledTimes(1);
    expect(own.body.total.links).toBe(smaller.links.length - 1);
  });
});
