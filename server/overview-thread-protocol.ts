// The messages between overview-thread.ts and its worker, in a module of their own so that the
// worker's bundle holds only what it runs.
import type { OverviewLayoutInfo } from "../core/overview-wire.ts";
import type { OverviewOptions } from "./overview-json.ts";
import type { LinkView, NodeView } from "../core/model.ts";

export type ToOverviewThread =
  | { id: number; kind: "nodes"; items: NodeView[] }
  | { id: number; kind: "links"; items: LinkView[] }
  /** The overview is complete: answer its content hash, and its parts unless that hash is `knownHash`. */
  | { id: number; kind: "make"; knownHash: string | undefined; options: OverviewOptions };

export type FromOverviewThread =
  | { id: number; kind: "made"; hash: string; parts?: { first: string; rest: string; layout: OverviewLayoutInfo; notes: string[] } }
  | { id: number; kind: "failed"; message: string };
