// The overview thread's side (see overview-thread.ts): receives an overview in parts, then hashes
// it and, when it is not the one the server already has, lays it out and writes its parts.
import { parentPort } from "node:worker_threads";
import type { LinkView, NodeView } from "../core/model.ts";
import { overviewContentHash, overviewParts } from "./overview-json.ts";
import type { FromOverviewThread, ToOverviewThread } from "./overview-thread-protocol.ts";

const port = parentPort;
if (!port) throw new Error("overview-thread-worker.ts runs as a worker thread only");

const incoming = new Map<number, { nodes: NodeView[]; links: LinkView[] }>();
const send = (message: FromOverviewThread): void => port.postMessage(message);

port.on("message", (message: ToOverviewThread) => {
  let overview = incoming.get(message.id);
  if (!overview) incoming.set(message.id, (overview = { nodes: [], links: [] }));
  if (message.kind === "nodes") for (const node of message.items) overview.nodes.push(node);
  else if (message.kind === "links") for (const link of message.items) overview.links.push(link);
  else {
    incoming.delete(message.id);
    try {
      const hash = overviewContentHash(overview, message.options);
      if (hash === message.knownHash) send({ id: message.id, kind: "made", hash });
      else send({ id: message.id, kind: "made", hash, parts: overviewParts(overview, message.options, hash) });
    } catch (error) {
      send({ id: message.id, kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }
});
