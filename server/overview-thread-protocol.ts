// The messages between overview-thread.ts and its worker, in a module of their own so that the
// worker's bundle holds only what it runs.
import type { LayoutOptions } from "../graph/layout.ts";
import type { LinkView, NodeView } from "../core/model.ts";

export type ToOverviewThread =
  | { id: number; kind: "nodes"; items: NodeView[] }
  | { id: number; kind: "links"; items: LinkView[] }
  /** The overview is complete: answer its ETag, and its JSON unless its ETag is `knownEtag`. */
  | { id: number; kind: "make"; knownEtag: string | undefined; layoutOptions: LayoutOptions };

export type FromOverviewThread =
  | { id: number; kind: "made"; etag: string; json?: string; layoutMs?: number }
  | { id: number; kind: "failed"; message: string };
