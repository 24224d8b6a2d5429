// GET /api/events: a Server-Sent Events stream that tells the explorer `library-changed` with the new
// stats (or `library-error`), so it refreshes without a page reload. The notifier it listens to is
// library-events.ts.
import type { HelloEvent } from "../../core/events.ts";
import { publicStats } from "../library-name.ts";
import { readQuery } from "../parse-params.ts";
import type { RouteModule } from "./context.ts";

/** Seconds between comment lines that keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * On connect it sends `event: hello` with the current version; then one event per reload. Clients
 * reconnect by themselves (`retry: 2000`).
 */
export const eventsRoute: RouteModule = {
  register(router, { events }) {
    router.get("/api/events", (req, res) => {
      readQuery(req.query, []);
      res.status(200).set({
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.flushHeaders();
      const send = (type: string, id: number, data: unknown) => {
        res.write(`event: ${type}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      res.write("retry: 2000\n\n");
      send("hello", events.version, { version: events.version } satisfies HelloEvent);
      const unsubscribe = events.subscribe((e) =>
        send(e.type, e.data.version, e.type === "library-changed" ? { ...e.data, stats: publicStats(e.data.stats) } : e.data),
      );
      const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      let removeCloser = () => {};
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        removeCloser();
        if (!res.writableEnded) res.end();
      };
      removeCloser = events.onClose(end);
      req.on("close", end);
    });
  },
  openapi: {
    paths: {
      "/api/events": {
        get: {
          summary: "Server-Sent Events: `hello` on connect, then `library-changed` (new stats) or `library-error` on each reload.",
          parameters: [],
          responses: { "200": { description: "text/event-stream" } },
        },
      },
    },
  },
};
