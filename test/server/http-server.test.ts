// createHttpServer: requests reach the real Express app already built on its request and response
// prototypes (so Express's per-request setPrototypeOf changes nothing), and everything Express does
// with them still works: routing, params, headers, JSON, HEAD, keep-alive, errors.
import { Agent, get, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { createApp } from "../../server/app.ts";
import { createHttpServer } from "../../server/http-server.ts";
import { silentLogger } from "../../server/logger.ts";
import { EXAMPLE_LIBRARY } from "./helpers.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start() {
  const app = createApp({ store: createMemoryStore(await loadLibrary(EXAMPLE_LIBRARY)), webDist: undefined, logger: silentLogger });
  const server = createHttpServer(app);
  const seen: { requestProto: boolean; responseProto: boolean }[] = [];
  // Runs before the app's listener: what Node built, before Express touches it.
  server.prependListener("request", (req: IncomingMessage, res) => {
    seen.push({ requestProto: Object.getPrototypeOf(req) === app.request, responseProto: Object.getPrototypeOf(res) === app.response });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, server };
}

describe("createHttpServer", () => {
  it("builds each request and response on the app's own prototypes", async () => {
    const { url, seen } = await start();
    await (await fetch(`${url}/healthz`)).arrayBuffer();
    await (await fetch(`${url}/api/stats`)).arrayBuffer();
    expect(seen).toEqual([
      { requestProto: true, responseProto: true },
      { requestProto: true, responseProto: true },
    ]);
  });

  it("serves the API exactly as Express does: params, JSON, headers, HEAD, 404 with suggestions", async () => {
    const { url } = await start();
    const stats = await fetch(`${url}/api/stats`);
    expect(stats.status).toBe(200);
    expect(stats.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await stats.json()) as { patterns: number }).patterns).toBeGreaterThan(0);

    const search = (await (await fetch(`${url}/api/search?q=canary&limit=1`)).json()) as { hits: { slug: string }[] };
    expect(search.hits).toHaveLength(1);
    const hit = search.hits;
    const detail = await fetch(`${url}/api/patterns/${encodeURIComponent(hit[0]!.slug)}`);
    expect(detail.status).toBe(200);

    const head = await fetch(`${url}/api/stats`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");

    const missing = await fetch(`${url}/api/patterns/no-such-patern`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: expect.any(Object) });

    const bad = await fetch(`${url}/api/neighborhood/${encodeURIComponent(hit[0]!.slug)}?depth=9`);
    expect(bad.status).toBe(400);
  });

  it("keeps a connection alive across requests", async () => {
    const { url, server } = await start();
    let connections = 0;
    server.on("connection", () => (connections += 1));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        await new Promise<number>((resolve, reject) =>
          get(`${url}/api/stats`, { agent }, (res) => res.resume().on("end", () => resolve(res.statusCode ?? 0))).on("error", reject),
        ),
      );
    }
    agent.destroy();
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(connections).toBe(1);
  });
});
