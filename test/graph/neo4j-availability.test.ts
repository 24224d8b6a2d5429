// What the Neo4j store does when Neo4j is not there: a clear one-line error at start (wrong
// password, nothing listening), StoreUnavailableError (HTTP 503) while the connection is cut, and
// answers again by itself once it is back. The cut is a real TCP proxy in front of the real Neo4j.
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreUnavailableError, type Slug } from "../../graph/index.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";
import { lib } from "./store.contract.ts";

/** A TCP proxy to Neo4j that can be cut (listener closed, every connection dropped) and restored on the same port. */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

let conn: Neo4jTestConnection;
beforeAll(async () => {
  conn = await getTestNeo4j();
});
afterAll(deleteTestNamespaces);

const portOf = (uri: string): number => Number(new URL(uri.replace(/^bolt/, "http")).port || 7687);

describe("the Neo4j store when Neo4j is unavailable", () => {
  it("refuses a wrong password at start with one clear line naming the variables", async () => {
    const error = await createNeo4jStore({ ...conn, password: "wrong-password" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    const message = (error as Error).message;
    expect(message).toMatch(/refused user 'neo4j'.*NEO4J_USER and NEO4J_PASSWORD/);
    expect(message).not.toContain("\n");
    expect(message).not.toContain("wrong-password");
  });

  it("gives up on an address where nothing listens after a bounded retry", async () => {
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, "127.0.0.1", r));
    const port = (free.address() as AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    const started = Date.now();
    const error = await createNeo4jStore({ ...conn, uri: `bolt://127.0.0.1:${port}`, connectAttempts: 3, retryDelayMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^Neo4j at bolt://127\\.0\\.0\\.1:${port} is unavailable .*Tried 3 times\\.$`));
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("answers StoreUnavailableError while the connection is cut and recovers by itself", async () => {
    const host = new URL(conn.uri.replace(/^bolt/, "http")).hostname;
    const proxy = new CuttableProxy(host, portOf(conn.uri));
    await proxy.start();
    let store: Neo4jStore | undefined;
    try {
      store = await createNeo4jStore({ ...conn, uri: `bolt://127.0.0.1:${proxy.port}`, namespace: uniqueNamespace("availability") });
      await store.load(lib({ patterns: [{ slug: "alpha" as Slug, title: "Alpha", aliases: [], file: "alpha.md", generation: 1 }] }));
      expect((await store.stats()).patterns).toBe(1);

      await proxy.cut();
      const started = Date.now();
      await expect(store.stats()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.getPattern("alpha")).rejects.toMatchObject({ code: "store_unavailable" });
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      // Fails fast enough for an HTTP request rather than hanging on the driver's retries.
      expect(Date.now() - started).toBeLessThan(20_000);

      await proxy.start();
      await expect(store.ping()).resolves.toBeUndefined();
      expect((await store.getPattern("alpha")).pattern.title).toBe("Alpha");
    } finally {
      await store?.close();
      await proxy.cut();
    }
  }, 60_000);
});
